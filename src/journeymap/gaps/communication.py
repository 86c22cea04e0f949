"""Gap 4, communication: what we promise vs what the standard requires and what we deliver.

A touchpoint's `promise` is compared when it carries a target-like figure. How promises are
read (the words around the figure matter, so only these forms count):

| promise says                                        | read as        |
|-----------------------------------------------------|----------------|
| within / in under / in less than / no more than N U | `<= N U`       |
| under / less than N U                               | `< N U`        |
| at least N U, N U or more                           | `>= N U`       |
| N% / N percent (of ...)                             | `>= N %`       |
| instantly, immediately, straight away, right away   | `<= 1 min`     |

N may be a numeral or a word (a, an, one .. twelve); U a time unit (minutes, hours, days,
working days, weeks). A working day is read as a day. Anything else is not a figure, and
the promise is left alone.

A promise that names its standard (`promise: {text, standard}`) is compared with that
standard, wherever it is; a plain-text promise with each standard at its touchpoint whose
target compares (same kind of unit, same direction), and its findings say they rest on
wording. A time promised to every customer, against a standard measured as the share of
events within a limit no longer than that time (`measure: within`), is that share at 100 %:
"a full answer within 10 working days" against "90 % within 10 working days". Findings: a
promise stricter than the standard, and a promise that the standard's actual for the period
does not meet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from journeymap.gaps.context import GapContext
from journeymap.gaps.report import GapFinding
from journeymap.gaps.wording import standard_label
from journeymap.model.base import WORKING_DAY
from journeymap.targets import TIME_UNITS, Target, canonical_unit, convert, format_number
from journeymap.workspace import AppliedStandard, PlacedTouchpoint

WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
         "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
# Every repetition is bounded (`\s{1,3}`, `\d{1,9}`): with `\s+` ... `[\s-]+` a promise of
# many spaces made each search quadratic; bounded, it is linear in the promise's length.
_NUM = r"(\d{1,9}(?:\.\d{1,6})?|" + "|".join(WORDS) + r")"
_UNIT = (r"(?:working\s{1,3}|business\s{1,3})?"
         r"(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)")
_PATTERNS = [
    (re.compile(rf"\b(?:within|in under|in less than|no more than|at most)\s{{1,3}}{_NUM}"
                rf"[\s-]{{1,3}}{_UNIT}\b", re.I), "<="),
    (re.compile(rf"\b(?:under|less than)\s{{1,3}}{_NUM}[\s-]{{1,3}}{_UNIT}\b", re.I), "<"),
    (re.compile(rf"\bat least\s{{1,3}}{_NUM}[\s-]{{1,3}}{_UNIT}\b", re.I), ">="),
]
_PERCENT = re.compile(r"\b(\d{1,9}(?:\.\d{1,6})?)\s{0,3}(?:%|percent\b)", re.I)
_INSTANT = re.compile(r"\b(?:instantly|immediately|straight away|right away)\b", re.I)


def _number(text: str) -> float:
    return float(WORDS.get(text.lower(), text))


def _unit(text: str) -> str:
    word = text.lower().rstrip("s")
    return canonical_unit({"sec": "s", "hr": "h", "day": "d", "week": "wk", "minute": "min",
                           "min": "min", "second": "s", "hour": "h"}.get(word, word)) or word


@lru_cache(maxsize=4096)
def parse_promise(promise: str) -> Target | None:
    """The figure a promise commits to, or None when it carries none (see the table above)."""
    for pattern, op in _PATTERNS:
        match = pattern.search(promise)
        if match:
            return Target(op, _number(match.group(1)), _unit(match.group(2)))
    match = _PERCENT.search(promise)
    if match:
        return Target(">=", float(match.group(1)), "%")
    if _INSTANT.search(promise):
        return Target("<=", 1, "min")
    return None


def _compared(ctx: GapContext) -> Iterator[tuple[PlacedTouchpoint, AppliedStandard, bool]]:
    """(touchpoint, standard its promise is compared with, matched by wording): the standard
    the promise names, else each standard at the touchpoint."""
    for placed in ctx.ws.touchpoints:
        if placed.touchpoint.promise is None:
            continue
        if isinstance(placed.touchpoint.promise, str):
            for standard in ctx.ws.applied_at(placed):
                yield placed, standard, True
        else:
            named = ctx.ws.promised_standard(placed)
            if named is not None:
                yield placed, named, False


def _every_one(promised: Target, standard: AppliedStandard) -> Target | None:
    """A time promised to every customer (`<= 10 d`) as a share: `>= 100 %` of the events
    within the standard's `within` limit, when that limit is no longer than the promise (a
    working day read as a day, as promises are)."""
    within = standard.measure.within if standard.measure else None
    if within is None or standard.target is None or standard.target.unit != "%" or \
            promised.op not in ("<=", "<") or promised.unit not in TIME_UNITS:
        return None
    limit = within.limit.amount if within.limit.unit == WORKING_DAY else \
        convert(within.limit.amount, within.limit.unit, "d")
    days = convert(promised.value, promised.unit, "d")
    if limit is None or days is None or limit > days:
        return None
    return Target(">=", 100, "%")


def findings(ctx: GapContext) -> Iterator[GapFinding]:
    statuses = ctx.statuses.by_standard
    for placed, standard, by_wording in _compared(ctx):
        tp, target = placed.touchpoint, standard.target
        promised = parse_promise(tp.promise_text)
        if promised is None or target is None:
            continue
        reading = str(promised)
        if (share := _every_one(promised, standard)) is not None:
            assert standard.measure is not None and standard.measure.within is not None
            reading = f"every one within {standard.measure.within.limit}: {share}"
            promised = share
        stricter = promised.is_stricter_than(target)
        status = statuses.get(standard.fqid)
        value = promised.in_unit(target.unit) if status else None
        undelivered = bool(status and status.actual is not None and value is not None
                           and promised.lower_is_better == target.lower_is_better
                           and not Target(promised.op, value, target.unit).is_met(status.actual))
        if not (stricter or undelivered):  # most pairs: nothing to say, so no text is made
            continue
        base = {"standard": standard.fqid, "team": standard.owner,
                "moment_of_truth": tp.is_moment_of_truth, "target": str(target)}
        journey, label = placed.journey.item.id, standard_label(standard)
        wording = f" (the promise names no standard: compared with {standard.id} at the " \
            "same touchpoint by wording)" if by_wording else ""
        if stricter:
            yield GapFinding(
                "promise-stricter-than-standard", journey, tp.id,
                f"we promise '{tp.promise_text}' ({reading}) but {label} only requires "
                f"{target}{wording}", **base)
        if undelivered:
            unit = f" {target.unit}" if target.unit else ""
            yield GapFinding(
                "promise-not-delivered", journey, tp.id,
                f"we promise '{tp.promise_text}' ({reading}); {label} delivered "
                f"{format_number(round(status.actual, 2))}{unit} in {status.period}{wording}",
                actual=status.actual, **base)
