from __future__ import annotations

import pytest

from journeymap.targets import Target, convert, parse_target


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<= 5 min", Target("<=", 5, "min")),
        (">=80%", Target(">=", 80, "%")),
        ("≥ 4.3 pts", Target(">=", 4.3, "pts")),
        ("< 2 hours", Target("<", 2, "h")),
        ("== 0", Target("==", 0, None)),
        (">= +30 points", Target(">=", 30, "pts")),
        ({"op": "<=", "value": 5, "unit": "min"}, Target("<=", 5, "min")),
    ],
)
def test_parse(raw, expected) -> None:
    assert parse_target(raw) == expected


@pytest.mark.parametrize("raw", ["5 min", "<=", "<= five", "fast", 5, True, {"op": "~", "value": 1},
                                 {"op": "<", "value": "1"}, {"op": "<", "value": 1, "x": 2}])
def test_parse_rejects(raw) -> None:
    with pytest.raises(ValueError):
        parse_target(raw)


def test_time_units_convert() -> None:
    assert convert(2, "h", "min") == 120
    assert convert(36, "h", "d") == 1.5
    assert convert(5, "%", "min") is None
    assert Target("<=", 1, "d").in_unit("h") == 24


def test_met_and_stricter() -> None:
    target = Target("<=", 5, "min")
    assert target.is_met(5) and not target.is_met(5.1)
    assert Target("<=", 2, "min").is_stricter_than(target)
    assert not Target("<=", 1, "h").is_stricter_than(target)
    assert Target(">=", 90, "%").is_stricter_than(Target(">=", 80, "%"))
    assert Target(">=", 90, "%").is_stricter_than(Target("<=", 80, "%")) is None
    assert Target("<=", 5, "min").is_stricter_than(Target("<=", 5, "%")) is None
    assert str(Target(">=", 4.3, "pts")) == ">= 4.3 pts"
