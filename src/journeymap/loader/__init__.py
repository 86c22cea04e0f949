"""Loading files: paths on disk -> models with the place (file, YAML path) of each, plus the
findings of what did not load. journeymap.workspace resolves the result."""

from journeymap.loader.files import Entry, LoadedFiles, SourceFile, load_files

__all__ = ["Entry", "LoadedFiles", "SourceFile", "load_files"]
