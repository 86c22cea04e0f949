"""What a YAML mistake means, in the words of the person who made it, with the fix.

libyaml reports where its parser gave up, in its own terms ("did not find expected '-'
indicator (while parsing a block collection)"). The common mistakes in hand-written journey
files are few, and each leaves a recognisable trace: this module turns the trace into a
message that names the mistake, points at where it was made and shows the line as it should be.
Anything not recognised still gets a plain message: no parser internals reach the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: characters that cannot start a plain YAML value, and what YAML reads them as
_INDICATORS = {
    ">": "a folded block of text", "|": "a literal block of text", "@": "a reserved character",
    "`": "a reserved character", "%": "a directive", "*": "an alias (a reference to an anchor)",
    "&": "an anchor", "!": "a tag", "{": "a mapping", "[": "a list",
}


@dataclass(frozen=True)
class Explained:
    message: str
    line: int  # 1-based
    column: int  # 1-based


def _line(text: str, number: int) -> str:
    lines = text.splitlines()
    return lines[number - 1] if 1 <= number <= len(lines) else ""


def _quoted(line: str) -> str | None:
    """`key: value` with the value quoted, or None when the line is not a `key: value`."""
    key, sep, value = line.partition(": ")
    if not sep or not key.strip() or not value.strip():
        return None
    escaped = value.strip().replace("\\", "\\\\").replace('"', '\\"')
    return f'{key.rstrip()}: "{escaped}"'


def _value_start(line: str) -> int:
    """0-based index of the value in a `key: value` or `- value` line."""
    key, sep, _ = line.partition(": ")
    start = len(key) + len(sep) if sep else len(line) - len(line.lstrip(" -"))
    return start + len(line[start:]) - len(line[start:].lstrip())


def explain(exc: Any, text: str) -> Explained:
    """A message for a libyaml MarkedYAMLError (problem, context and their marks)."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line_no, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    line = _line(text, line_no)

    if "flow sequence" in context or "flow mapping" in context:
        opened = exc.context_mark
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        where = (opened.line + 1, opened.column + 1) if opened else (line_no, column)
        return Explained(f"the {'list' if bracket == '[' else 'mapping'} opened here with "
                         f"{bracket!r} is not closed with {closing!r} (or an item lacks its "
                         "',')", *where)

    start = _value_start(line)
    char = line[start:start + 1]
    if ": " in line and char in _INDICATORS and start < column:
        fix = _quoted(line)
        return Explained(
            f"a value starting with {char!r} is read as {_INDICATORS[char]}: quote the "
            "value" + (f": {fix.strip()}" if fix else ""), line_no, start + 1)

    if problem == "mapping values are not allowed in this context":
        first_colon = line.find(": ")
        if 0 <= first_colon < column - 1:  # a second ': ' on the line, inside the value
            fix = _quoted(line)
            return Explained("the value contains ': ', which YAML reads as the start of a new "
                             "key: quote the value" + (f": {fix.strip()}" if fix else ""),
                             line_no, column)
        indent = len(line) - len(line.lstrip())
        return Explained("this line is indented further than the key above it: line it up "
                         "with the other keys at its level", line_no, indent + 1)

    if "expected '-' indicator" in problem or problem == "did not find expected key":
        before = line[:column - 1].rstrip()
        if before.endswith(("'", '"')) and problem == "did not find expected key":
            quote = before[-1]
            other = '"' if quote == "'" else "'"
            inside = "double it ('')" if quote == "'" else 'write it as \\"'
            return Explained(
                f"the quoted text ends at this quote ({quote}): to put a {quote} inside it, "
                f"{inside}, or quote the value with {other} instead", line_no, len(before))
        indent = len(line) - len(line.lstrip())
        return Explained(
            f"this line's indentation ({indent} spaces) does not fit the list or mapping above "
            "it: list items start with '- ' at the same column, and the keys of one item line "
            "up under its first key", line_no, indent + 1)

    if problem == "could not find expected ':'" and exc.context_mark is not None:
        key_line = exc.context_mark.line + 1
        text_line = _line(text, key_line)
        colon = text_line.find(":")
        if colon >= 0 and text_line[colon + 1:colon + 2] not in (" ", ""):
            fixed = text_line[:colon + 1] + " " + text_line[colon + 1:]
            return Explained(f"put a space after ':' so YAML sees a key and a value: "
                             f"{fixed.strip()}", key_line, colon + 1)
        return Explained("this line is not a `key: value` pair (a ': ' is missing)",
                         key_line, exc.context_mark.column + 1)

    return Explained("YAML cannot read this: check the quotes, the indentation and the space "
                     "after each ':' and '-'", line_no, column)


#: `key: value #text` (or `- value #text`) with an unquoted value: `#` after a space starts a
#: comment, so "Call #2" is "Call". A comment is normally written `# text`, with a space.
#: Matched in two linear steps (the lead, then the first ` #`): one regex with a lazy value
#: and `\s+#` was quadratic in a long run of spaces.
_LEAD = re.compile(r"^\s*(?:-\s+)?(?:[A-Za-z_][\w.-]*:\s+|-\s+)")
_HASH = re.compile(r"\s#")
_NOT_PLAIN = "\"'#&*!|>{[%@`"


def inline_comments(text: str) -> list[Explained]:
    """Unquoted values that a ` #` cuts short, where the `#` looks like part of the text."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        lead = _LEAD.match(line) if " #" in line or "\t#" in line else None
        hash_at = _HASH.search(line, lead.end()) if lead else None
        if not hash_at:
            continue
        value, rest = line[lead.end():hash_at.start()].rstrip(), line[hash_at.end():]
        if not value or value[0] in _NOT_PLAIN or "#" in value or not rest or \
                rest[0].isspace():
            continue
        key = lead.group().strip().rstrip(":").lstrip("- ").strip()
        whole = f"{value} #{rest}".replace('"', '\\"')
        fix = f'{key}: "{whole}"' if key else f'- "{whole}"'
        found.append(Explained(
            f"' #' starts a comment, so this value is {value!r}: if '#{rest[:20]}' belongs "
            f"to it, quote the value: {fix[:80]}", number, hash_at.end()))
    return found


def control_character(text: str, position: int) -> Explained:
    """A character YAML forbids (a control character), at its line and column."""
    before = text[:position]
    line = before.count("\n") + 1
    column = position - (before.rfind("\n") + 1) + 1
    code = ord(text[position]) if position < len(text) else 0
    return Explained(f"control character U+{code:04X} is not allowed in YAML: delete it (it "
                     "often comes with text pasted from another program)", line, column)
