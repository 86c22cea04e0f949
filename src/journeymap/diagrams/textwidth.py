"""Text measurement for diagrams drawn directly as SVG: the advance widths of Liberation Sans
(metric-compatible with Arial and Helvetica, and the font the PNG and PDF rasteriser bundles),
so text can be wrapped to a column before anything is drawn, and never overflows it.

Widths are in thousandths of an em, read from LiberationSans-Regular.ttf and -Bold.ttf (2.1)
for ASCII, Latin-1 and Latin Extended-A and common punctuation. A character not in the table
counts as a full em, so a line of unusual script wraps early rather than spilling over;
tests/test_journey_map.py checks the table against text measured in Chromium.
"""

from __future__ import annotations

#: LiberationSans-Regular: the widths of ' ' (32) to '~' (126), in order
_REGULAR_ASCII = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722,
    722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
    667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
    556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
    500, 334, 260, 334, 584,
)

#: LiberationSans-Regular: other characters, by width
_REGULAR_OTHER = {
    222: "įĵĺļłſ‘’",
    260: "¦",
    278: " ·ÌÍÎÏìíîïĨĩĪīĬĭĮİıţŧ",
    292: "ľ",
    333: "¡¨­²³´¸¹ŕŗř“”",
    334: "ŀ",
    350: "•",
    365: "º",
    370: "ª",
    375: "ť",
    400: "°",
    444: "ĳ",
    500: "çýÿćĉċčĴķĸśŝşšŷźżž",
    537: "¶",
    549: "±÷",
    552: "¯",
    556: "¢£¤¥§«»àáâãäåèéêëðñòóôõöùúûüþāăąđēĕėęěĝğġģĥħĹĻĽĿŁńņňŋōŏőũūŭůűų–€",
    576: "µ",
    584: "¬×",
    604: "ŉ",
    611: "¿ßøŢŤŦŹŻŽ",
    615: "ď",
    667: "ÀÁÂÃÄÅÈÉÊËÝÞĀĂĄĒĔĖĘĚĶŚŜŞŠŶŸ",
    722: "ÇÐÑÙÚÛÜĆĈĊČĎĐĤĦŃŅŇŔŖŘŨŪŬŮŰŲŵ",
    723: "Ŋ",
    735: "Ĳ",
    737: "©®",
    778: "ÒÓÔÕÖØĜĞĠĢŌŎŐ",
    834: "¼½¾",
    889: "æ",
    944: "œŴ",
    990: "▲",
    1000: "ÆŒ—…→←",
}

#: LiberationSans-Bold: the widths of ' ' (32) to '~' (126), in order
_BOLD_ASCII = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722,
    722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722,
    667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
    611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556,
    500, 389, 280, 389, 584,
)

#: LiberationSans-Bold: other characters, by width
_BOLD_OTHER = {
    278: " ·ÌÍÎÏìíîïĨĩĪīĬĭĮįİıĵĺļłſ‘’",
    280: "¦",
    333: "¡¨­²³´¸¹ţŧ",
    350: "•",
    365: "º",
    370: "ª",
    385: "ľ",
    389: "ŕŗř",
    400: "°",
    479: "ŀť",
    500: "źżž“”",
    549: "±÷",
    552: "¯",
    556: "¢£¤¥§«¶»àáâãäåçèéêëýÿāăąćĉċčēĕėęěĳĴķĸśŝşšŷ–€",
    576: "µ",
    584: "¬×",
    611: "¿ßðñòóôõöøùúûüþđĝğġģĥħĹĻĽĿŁńņňŋōŏőŢŤŦũūŭůűųŹŻŽ",
    667: "ÈÉÊËÝÞĒĔĖĘĚŚŜŞŠŶŸ",
    708: "ŉ",
    719: "ď",
    722: "ÀÁÂÃÄÅÇÐÑÙÚÛÜĀĂĄĆĈĊČĎĐĤĦĶŃŅŇŔŖŘŨŪŬŮŰŲ",
    723: "Ŋ",
    737: "©®",
    778: "ÒÓÔÕÖØĜĞĠĢŌŎŐŵ",
    785: "Ĳ",
    834: "¼½¾",
    889: "æ",
    944: "œŴ",
    990: "▲",
    1000: "ÆŒ—…→←",
}


def _table(ascii_widths: tuple[int, ...], other: dict[int, str]) -> dict[str, int]:
    widths = {chr(32 + i): w for i, w in enumerate(ascii_widths)}
    widths.update({ch: w for w, chars in other.items() for ch in chars})
    return widths


_WIDTHS = {False: _table(_REGULAR_ASCII, _REGULAR_OTHER), True: _table(_BOLD_ASCII, _BOLD_OTHER)}
UNKNOWN = 1000  # a full em
#: characters of one text drawn on a diagram: a paragraph, not a document (cut with "…")
MAX_DRAWN = 600


def width(text: str, size: float, bold: bool = False) -> float:
    """Width in px of `text` at font size `size` px."""
    table = _WIDTHS[bold]
    return sum(table.get(ch, UNKNOWN) for ch in text) * size / 1000


def wrap(text: str, max_width: float, size: float, bold: bool = False) -> list[str]:
    """Lines of `text` no wider than `max_width` px, broken at spaces (inside a word only when
    the word alone is wider). Nothing is cut: a long text makes more lines. Linear in the
    text's length: each character's width is added once."""
    table, scale = _WIDTHS[bold], size / 1000
    room = max_width / scale  # in the tables' units
    space = table[" "]
    lines: list[str] = []
    used = 0.0  # the last line's width, in the tables' units
    for word in " ".join(text.split()).split(" "):
        widths = [table.get(ch, UNKNOWN) for ch in word]
        start, wide = 0, sum(widths)
        while wide > room and len(word) - start > 1:  # a word wider than the column
            cut, taken = start, 0.0
            while cut < len(word) - 1 and (cut == start or taken + widths[cut] <= room):
                taken += widths[cut]
                cut += 1
            lines.append(word[start:cut])
            used, start, wide = taken, cut, wide - taken
        rest = word[start:]
        if lines and lines[-1] and used + space + wide <= room:
            lines[-1] = f"{lines[-1]} {rest}"
            used += space + wide
        else:
            lines.append(rest)
            used = wide
    return lines or [""]
