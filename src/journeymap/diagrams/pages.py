"""The pages and screens a map or blueprint is laid out for: a projector at 1920x1080 and the
A-series papers, each with the smallest text that reads on it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """A page or screen a drawing is laid out for: its size in px at 96 dpi (how SVG
    measures), as written on the SVG, and the smallest text it may carry, in those px."""

    name: str
    width: float
    height: float
    size: tuple[str, str]  # the SVG's width and height attributes
    min_text: float

    def reads(self, text_px: float) -> bool:
        """Whether text this size (in the page's px) is at least the page's smallest."""
        return text_px >= self.min_text * 0.999  # the SVG's numbers are rounded

    def portrait(self) -> Page:
        return Page(f"{self.name}-portrait", self.height, self.width, self.size[::-1],
                    self.min_text)


def _a_size(name: str, long_mm: int, short_mm: int) -> Page:
    px = 96 / 25.4
    return Page(name, long_mm * px, short_mm * px, (f"{long_mm}mm", f"{short_mm}mm"),
                9 * 96 / 72)  # 9 pt


#: what an A4 landscape page leaves inside its margins (the handbook prints a journey's overview
#: there, its text at 9 pt)
A4_PRINTED = Page("a4-printed", 277 * 96 / 25.4, 170 * 96 / 25.4, ("277mm", "170mm"), 9 * 96 / 72)

#: landscape; `<name>-portrait` turns it. 16:9: a projector at 1920x1080, text >= 18 px
PAGES = {page.name: page for page in [
    Page("16:9", 1920, 1080, ("1920", "1080"), 18),
    _a_size("a4", 297, 210), _a_size("a3", 420, 297), _a_size("a1", 841, 594),
    _a_size("a0", 1189, 841)]}
PAGES.update({f"{name}-portrait": page.portrait() for name, page in list(PAGES.items())})
