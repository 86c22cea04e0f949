"""The perception surveys: expectation and perception per touchpoint and dimension."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from journeymap.findings import Finding
from journeymap.hints import did_you_mean
from journeymap.model import DIMENSIONS
from journeymap.periods import Period
from journeymap.readers.table import (
    BAD,
    FORMAT,
    MAX_SUGGESTIONS,
    MAX_VALUE,
    NUMBER,
    SCALE,
    SURVEY_COLUMNS,
    UNKNOWN,
    Table,
    csv_files,
)
from journeymap.workspace import Workspace


@dataclass(frozen=True)
class SurveyRow:
    journey: str
    touchpoint: str
    dimension: str
    expectation: float
    perception: float
    respondents: int
    scale: tuple[float, float]
    wave: Period | None = None  # the `period` column: which survey wave the row belongs to


def read_surveys(ws: Workspace, paths: Iterable[Path], findings: list[Finding],
                 sources: dict[str, str]) -> list[SurveyRow]:
    rows: list[SurveyRow] = []
    touchpoints = ws.touchpoint_ids
    default_scale = (ws.settings.survey_scale[0], ws.settings.survey_scale[1])
    known = [f"{j}/{t}" for j, ids in touchpoints.items() for t in sorted(ids)]
    hints: dict[str, str] = {}
    without_waves: list[str] = []
    for path in csv_files(paths, findings, ws.base):
        table = Table(path, findings, sources, ws.settings.limits.max_csv_bytes, ws.base)
        if not table.require(SURVEY_COLUMNS):
            continue
        waves = "period" in table.header
        if not waves and table.rows:
            without_waves.append(table.name)
        for line, row in table.rows:
            wave = table.period(line, row, " (the survey wave; give every row one)") \
                if waves else None
            if waves and wave is None:
                continue
            ref = (row.get("touchpoint") or "").strip()
            journey, _, tp = ref.rpartition("/")
            if journey not in touchpoints or tp not in touchpoints[journey]:
                if ref not in hints:
                    hint = did_you_mean(ref, known) if len(hints) < MAX_SUGGESTIONS else ""
                    hints[ref] = hint or " (use journey-id/touchpoint-id)"
                table.error(line, table.column(line, "touchpoint"), UNKNOWN,
                            f"unknown touchpoint {ref[:200]!r}{hints[ref]}")
                continue
            dimension = (row.get("dimension") or "").strip().lower()
            if dimension not in DIMENSIONS:
                table.error(line, table.column(line, "dimension"), BAD,
                            f"dimension {dimension[:40]!r} is not one of {', '.join(DIMENSIONS)}")
                continue
            scale = default_scale
            if row.get("scale"):
                low, _, high = row["scale"].replace("..", "-").partition("-")
                if not (NUMBER.match(low.strip()) and NUMBER.match(high.strip())) or \
                        not float(low) < float(high) <= MAX_VALUE:
                    table.error(line, table.column(line, "scale"), BAD,
                                f"scale {row['scale'][:40]!r} is not LOW-HIGH, e.g. 1-7")
                    continue
                scale = (float(low), float(high))
            scores = {}
            for name in ("expectation", "perception"):
                value = table.number(line, row, name)
                if value is not None and not scale[0] <= value <= scale[1]:
                    table.error(line, table.column(line, name), SCALE,
                                f"{name} {value:g} is outside the survey scale "
                                f"{scale[0]:g}..{scale[1]:g}")
                    value = None
                scores[name] = value
            respondents = table.count(line, row, "respondents", 1)
            expectation, perception = scores["expectation"], scores["perception"]
            if expectation is None or perception is None or respondents is None:
                continue
            rows.append(SurveyRow(journey, tp, dimension, expectation, perception, respondents,
                                  scale, wave))
    if without_waves and any(row.wave for row in rows):
        findings.append(Finding(without_waves[0], 1, 1, FORMAT,
                                "this survey file has no `period` column (the wave) while "
                                "others do: give every file one, so waves are never pooled "
                                "by accident"))
    return rows
