"""What every gap analysis reads, in one value: a new analysis needs nothing else."""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.gaps.report import DimensionGap
from journeymap.readers import SurveyRow
from journeymap.statuses import Statuses
from journeymap.workspace import Workspace


@dataclass(frozen=True)
class GapContext:
    """The workspace, the statuses in the report period, the survey rows and the
    perceived-service gaps computed from them."""

    ws: Workspace
    statuses: Statuses
    survey: list[SurveyRow]
    dimensions: list[DimensionGap]
