"""Met / missed / no data per applied standard, for colouring diagrams (from `gaps`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from journeymap.model import Touchpoint

STATUSES = ("met", "missed", "no data")


def standard_id(item: object) -> str:
    return getattr(item, "use", None) or item.id  # type: ignore[attr-defined]


@dataclass
class Statuses:
    """Status of each standard, by its full id `journey/touchpoint/standard`."""

    by_standard: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, statuses: Mapping[str, Any]) -> Statuses:
        """From the gap analysis's StandardStatus values, by full id."""
        return cls({key: value.status for key, value in statuses.items()})

    def counts(self, journey_id: str, tp: Touchpoint) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for item in tp.standards:
            key = f"{journey_id}/{tp.id}/{standard_id(item)}"
            counts[self.by_standard.get(key, "no data")] += 1
        return counts
