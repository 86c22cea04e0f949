""""Did you mean ...?": the one place a misspelled name is matched against the known ones."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

#: a word longer than this is not matched (difflib is quadratic in its length)
MAX_WORD = 200


def did_you_mean(word: Any, candidates: Iterable[str], n: int = 1) -> str:
    """`; did you mean 'x'?` (or 'x', 'y' with n > 1), or '' when nothing is close."""
    if not isinstance(word, str) or len(word) > MAX_WORD:
        return ""
    close = difflib.get_close_matches(word, list(candidates), n=n, cutoff=0.6)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
