"""Text that stays text: one escaping function per output kind, used by every writer.

Journey files and CSVs are user data. A title may hold an ESC sequence that repaints a
terminal, a CR that splits a CSV record, `=HYPERLINK(...)` that a spreadsheet runs, `<img
onerror=...>` for a pull-request comment, or a line starting `::add-mask::` that a GitHub
runner executes. Each function below makes such text inert for one kind of output;
`ci_commands` is the last line of defence over a whole output before it is written.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterator
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any
from urllib.parse import quote

#: C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a reader sees
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: what XML 1.0 forbids outright (a document holding one is not well-formed): the complement
#: of its Char production, written as what it excludes (the complement compiles in 7 ms, this
#: in under 1: start-up time of every command)
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: inline Markdown syntax; block syntax (# - >) only acts at a line start, where no user
#: text is put
_MARKDOWN = re.compile(r"([\\`*_{}\[\]|~])")
#: a line start as a runner reads one: after LF, and after a lone CR too (a runner splits there)
_WORKFLOW_LINE = re.compile(r"(^|\r)([ \t]*)::", re.MULTILINE)
#: what HTML shows as nothing or as a box: the controls of `_CONTROL` but tab and line feed
_HTML_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(char: str) -> str:
    """A control character as a visible escape: `\\x1b`, `\\u202e`."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: object) -> str:
    """One line for a terminal or log: every control character shown as a visible escape."""
    return _CONTROL.sub(lambda m: visible(m.group()), str(text))


def xml(text: object) -> str:
    """Text for an XML document: characters XML 1.0 forbids shown as visible escapes."""
    return _NOT_XML.sub(lambda m: visible(m.group()), str(text))


def html(text: str) -> str:
    """Text for an HTML page (before its escaping): control characters shown as visible
    escapes, as every other format shows them; tab and line feed are plain white space there."""
    return _HTML_CONTROL.sub(lambda m: visible(m.group()), text)


def code_fence(lines: list[str]) -> list[str]:
    """Lines as a Markdown code block that no line can close: the fence is longer than any
    run of backticks inside (CommonMark closes a fence only with one at least as long)."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + "text", *lines, fence]


def csv_cell(value: Any) -> Any:
    """A CSV cell: one line, and never a formula a spreadsheet would run.

    Numbers stay numbers; text has its control characters replaced by spaces and, when it
    starts like a formula (= + - @), a leading apostrophe (OWASP's advice for CSV injection).
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    text = _CONTROL.sub(" ", value)
    return "'" + text if value.startswith(_FORMULA_START) else text


def markdown(text: object) -> str:
    """Inline Markdown (a table cell, a list item): no HTML, no markup, one line."""
    plain = _CONTROL.sub(" ", str(text))
    plain = plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(r"\\\1", plain)


def finite(value: Any) -> Any:
    """`value` for JSON: a non-finite float (never valid JSON) becomes null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [finite(item) for item in value]
    return value


def uri(path: str) -> str:
    """A file name as a URI reference: relative names percent-encoded, absolute as file://.
    Encoded from the name's bytes as the file system holds them, so a name that is not UTF-8
    (`caf\xe9.yaml` from a Latin-1 system) becomes `caf%E9.yaml`, which gives them back."""
    encoded = quote(os.fsencode(path), safe="/")
    return f"file://{encoded}" if path.startswith("/") else encoded


def ci_commands(text: str, json: bool = False) -> str:
    """Make a whole output inert for CI runners that read commands from a log.

    GitHub runs a line that starts with `::` (after leading blanks) and any line holding
    `##[`. Neither is needed in journeymap's own outputs (the `github` format, which writes
    real annotations, does not pass through here), so both are broken with a backslash, or
    for JSON with `\\u005b`, which is the same text once parsed. No line of JSON can start
    with `::` (a string's line breaks are written `\\n`), so JSON skips that search: 0.4 s
    of a large gap report.
    """
    if not json:
        text = _WORKFLOW_LINE.sub(r"\1\2\\::", text)
    return text.replace("##[", "##\\u005b" if json else "##\\[")


#: one encoder for every record (json.dumps with options builds a new one per call)
_RECORD = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "), allow_nan=False)
#: and its C part, made once too: `encode` makes it anew at each call, which was a quarter
#: of the time of 177,000 records (where there is no C part, `encode` is used)
_C_RECORD = c_make_encoder and c_make_encoder(
    None, _RECORD.default, encode_basestring, None, ": ", ", ", False, False, False)


def _encoded(value: object) -> str:
    return "".join(_C_RECORD(value, 0)) if _C_RECORD else _RECORD.encode(value)


_NONE = object()  # no first record: the list is empty


def records_json(document: dict) -> str:
    """JSON with one record per line (see `json_lines`), as one text."""
    return "".join(json_lines(document))


def json_lines(document: dict) -> Iterator[str]:
    """JSON with one record per line, in whole lines as they are made: diff-friendly like
    indented JSON, but written by the C encoder (json.dumps with indent= falls back to pure
    Python, several times slower).

    A list of records may come as a generator: each record is then built, written and let go
    in turn, so a report of 100,000 records written line by line never holds them all, as
    dicts or as text.
    """

    def dump(value: object) -> str:
        try:  # validated input gives finite numbers: the walk of `finite` is the rare path
            return _encoded(value)
        except ValueError:
            return json.dumps(finite(value), ensure_ascii=False, separators=(", ", ": "))

    yield "{\n"
    for index, (key, value) in enumerate(document.items()):
        comma = "," if index < len(document) - 1 else ""
        records = iter(value) if isinstance(value, list | Iterator) else None
        first = next(records, _NONE) if records is not None else _NONE
        if first is _NONE:  # not a list, or an empty one
            yield f"  {dump(key)}: {dump(value if records is None else [])}{comma}\n"
            continue
        yield f"  {dump(key)}: [\n"
        held = dump(first)  # each record but the last ends with a comma: one is held back
        for record in records:
            yield f"    {held},\n"
            held = dump(record)
        yield f"    {held}\n  ]{comma}\n"
    yield "}\n"
