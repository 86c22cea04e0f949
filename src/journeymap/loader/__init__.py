"""Loading a workspace: files on disk -> Workspace (models plus positions of every node)."""

from journeymap.loader.workspace import (
    Entry,
    SourceFile,
    Workspace,
    load_workspace,
    open_workspace,
)

__all__ = ["Entry", "SourceFile", "Workspace", "load_workspace", "open_workspace"]
