"""The target mini-language: `OP NUMBER [UNIT]`, or `{op, value, unit}`.

Units of time convert into each other; every other unit compares only with itself. Units are
checked against a known list (plus any the workspace declares in its settings) so that a typo
such as `5 mins` -> `5 minz` is caught instead of silently never matching an actual.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

OPERATORS = ("<=", ">=", "==", "<", ">")
_OP_ALIASES = {"≤": "<=", "≥": ">=", "=": "=="}

#: seconds per unit; aliases map onto the canonical spelling first.
TIME_UNITS = {"ms": 0.001, "s": 1.0, "min": 60.0, "h": 3600.0, "d": 86400.0, "wk": 604800.0}
UNIT_ALIASES = {
    "sec": "s", "secs": "s", "second": "s", "seconds": "s",
    "mins": "min", "minute": "min", "minutes": "min",
    "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
    "day": "d", "days": "d", "week": "wk", "weeks": "wk",
    "percent": "%", "points": "pts", "pt": "pts",
}
#: units that need no declaration: time, percentages and score points.
BUILTIN_UNITS = (*TIME_UNITS, "%", "pts")

#: Matched against stripped text of at most MAX_TARGET_CHARS, with no nested or overlapping
#: repetition, so matching is linear whatever the input.
_TARGET_RE = re.compile(
    r"^(<=|>=|==|<|>|≤|≥|=) *([+-]?(?:\d{1,15}(?:\.\d{0,15})?|\.\d{1,15})) *([^\s\d][^\n]*)?$"
)
MAX_TARGET_CHARS = 64
#: the largest target value or actual journeymap accepts (any real figure is far smaller)
MAX_MAGNITUDE = 1e15


def canonical_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    unit = unit.strip()
    return UNIT_ALIASES.get(unit, unit) or None


def format_number(value: float) -> str:
    """Shortest faithful text for a number: 5 not 5.0, 0.25 stays 0.25."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"


def convert(value: float, unit: str | None, to_unit: str | None) -> float | None:
    """`value` in `unit` expressed in `to_unit`, or None when the two do not convert."""
    if unit == to_unit:  # the usual case, by the hundred thousand in a gap report
        return value
    unit, to_unit = canonical_unit(unit), canonical_unit(to_unit)
    if unit == to_unit:
        return value
    if unit in TIME_UNITS and to_unit in TIME_UNITS:
        return value * TIME_UNITS[unit] / TIME_UNITS[to_unit]
    return None


@dataclass(frozen=True)
class Target:
    """A measurable target: `op value unit`, e.g. `<= 5 min` or `>= 80 %`."""

    op: str
    value: float
    unit: str | None = None

    def __str__(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.op} {format_number(self.value)}{unit}"

    @property
    def lower_is_better(self) -> bool:
        return self.op in ("<", "<=")

    def is_met(self, actual: float) -> bool:
        op, value = self.op, self.value
        if op == "<=":
            return actual <= value
        if op == ">=":
            return actual >= value
        if op == "<":
            return actual < value
        if op == ">":
            return actual > value
        return math.isclose(actual, value, rel_tol=1e-9, abs_tol=1e-9)

    def in_unit(self, unit: str | None) -> float | None:
        """This target's value expressed in `unit` (None if it does not convert)."""
        return convert(self.value, self.unit, unit)

    def is_stricter_than(self, other: Target) -> bool | None:
        """True when meeting `self` is harder than meeting `other` (None: not comparable).

        Used to find promises stricter than the standard behind them (a communication gap).
        """
        if self.op == "==" or other.op == "==" or self.lower_is_better != other.lower_is_better:
            return None
        mine = self.in_unit(other.unit)
        if mine is None:
            return None
        return mine < other.value if self.lower_is_better else mine > other.value

    # pydantic integration: validated from text or a mapping, exported as text.
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            parse_target, serialization=core_schema.to_string_ser_schema()
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {
            "description": "A measurable target: 'OP NUMBER [UNIT]' (e.g. '<= 5 min', "
            "'>= 80 %') or a mapping {op, value, unit}.",
            "oneOf": [
                {"type": "string", "pattern": rf"^\s*{_TARGET_RE.pattern[1:-1]}\s*$",
                 "maxLength": MAX_TARGET_CHARS, "examples": ["<= 5 min"]},
                {
                    "type": "object",
                    "properties": {
                        "op": {"enum": list(OPERATORS)},
                        "value": {"type": "number", "minimum": -MAX_MAGNITUDE,
                                  "maximum": MAX_MAGNITUDE},
                        "unit": {"type": "string", "maxLength": MAX_TARGET_CHARS},
                    },
                    "required": ["op", "value"],
                    "additionalProperties": False,
                },
            ],
        }


_EXAMPLE = "write it as OP NUMBER [UNIT], e.g. '<= 5 min' or '>= 80 %'"


def parse_target(raw: Any) -> Target:
    """Parse the text or mapping form; ValueError carries a message for the user."""
    if isinstance(raw, Target):
        return raw
    if isinstance(raw, dict):
        unknown = sorted(set(raw) - {"op", "value", "unit"})
        if unknown:
            raise ValueError(f"unknown key {unknown[0]!r} in target: use op, value and unit")
        op, value, unit = raw.get("op"), raw.get("value"), raw.get("unit")
        op = _OP_ALIASES.get(op, op) if isinstance(op, str) else op
        if op not in OPERATORS:
            raise ValueError(f"target op {op!r} is not one of {', '.join(OPERATORS)}")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"target value {value!r} is not a number")
        if not -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:  # also false for NaN
            raise ValueError(f"target value {value!r} is not a finite number within "
                             f"±{MAX_MAGNITUDE:.0e}")
        if unit is not None and (not isinstance(unit, str) or len(unit) > MAX_TARGET_CHARS):
            raise ValueError(f"target unit {str(unit)[:20]!r} is not a short text")
        return Target(op, float(value), canonical_unit(unit))
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise ValueError(f"a target is text or a mapping, not {type(raw).__name__}: {_EXAMPLE}")
    if isinstance(raw, int | float):
        raise ValueError(f"target {raw!r} has no operator: {_EXAMPLE}")
    if len(raw) > MAX_TARGET_CHARS:  # the exported schema's maxLength: both agree
        raise ValueError(f"target {raw.strip()[:20]!r}... is longer than {MAX_TARGET_CHARS} "
                         f"characters: {_EXAMPLE}")
    text = raw.strip()
    match = _TARGET_RE.match(text)
    if not match:
        raise ValueError(f"cannot read target {raw!r}: {_EXAMPLE}")
    op, number, unit = match.groups()
    return Target(_OP_ALIASES.get(op, op), float(number), canonical_unit(unit))
