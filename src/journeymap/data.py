"""One home for measured data: which data files a run reads, the period it reports and the day
it judges on, resolved once per run the same way for every command, and the files read once,
with one error path.

- DataFiles: the actuals, surveys, complaints register and customer counts a run reads: those
  named on the command line, else the settings' folders that exist (`actuals`, `surveys`,
  `complaints`, `customers`). Outputs may not overwrite any of them.
- read(): every file of the kinds a command needs, checked row by row; every bad row of every
  file is reported at once (ContentError, exit 1) before anything is written.
- RunData: what was read, with the report period (asked, else the quarter of the latest
  figure) and the day open actions and complaints are judged on.

The statuses (journeymap.statuses) are computed from it, never from files; `journeymap
measure` writes the actuals and customer counts it reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from journeymap.complaints.register import Register, read_register
from journeymap.errors import ContentError, UsageError
from journeymap.findings import Finding
from journeymap.periods import Period
from journeymap.readers import (
    Actual,
    CustomerCounts,
    SurveyRow,
    csv_files,
    read_actuals,
    read_customers,
    read_surveys,
)
from journeymap.statuses import Statuses, evaluate, report_period
from journeymap.workspace import Workspace

KINDS = ("actuals", "surveys", "complaints", "customers")


def _resolved(ws: Workspace, given: list[Path] | None, setting: list[str]) -> tuple[Path, ...]:
    """The paths given on the command line, else the settings' folders that exist."""
    if given is not None:
        return tuple(given)
    return tuple(ws.root / p for p in setting if (ws.root / p).exists())


@dataclass(frozen=True)
class DataFiles:
    """The data files of a run, by kind (see the module's docstring)."""

    actuals: tuple[Path, ...] = ()
    surveys: tuple[Path, ...] = ()
    complaints: tuple[Path, ...] = ()
    customers: tuple[Path, ...] = ()

    @classmethod
    def of(cls, ws: Workspace, actuals: list[Path] | None = None,
           surveys: list[Path] | None = None, complaints: list[Path] | None = None
           ) -> DataFiles:
        settings = ws.settings
        return cls(_resolved(ws, actuals, settings.actuals),
                   _resolved(ws, surveys, settings.surveys),
                   _resolved(ws, complaints, settings.complaints),
                   _resolved(ws, None, settings.customers))

    def only(self, *kinds: str) -> DataFiles:
        """These files with the kinds a command does not read left out."""
        return DataFiles(**{k: getattr(self, k) if k in kinds else () for k in KINDS})


@dataclass(frozen=True)
class RunData:
    """What one run measured, read once."""

    files: DataFiles
    period: Period | None  # the report period: asked, else the quarter of the latest figure
    as_of: date
    actuals: list[Actual] = field(default_factory=list)
    surveys: list[SurveyRow] = field(default_factory=list)
    register: Register | None = None  # None: no register files
    customers: CustomerCounts | None = None
    #: the CSV files read, of every kind: what outputs of the run may not overwrite
    inputs: tuple[Path, ...] = ()

    def statuses(self, ws: Workspace) -> Statuses | None:
        """Each applied standard's status in the period (None: no actuals files)."""
        if not self.files.actuals:
            return None
        return evaluate(ws.applied, self.actuals, self.period)


def read(ws: Workspace, files: DataFiles, period: Period | None = None,
         as_of: date | None = None, by_column: str | None = None) -> RunData:
    """Every file in `files`, checked; ContentError with every bad row when any is bad."""
    if period is not None and not files.actuals and not files.surveys:
        raise UsageError(f"--period {period.text}: no actuals or surveys to report it from "
                         "(pass --actuals, or put CSV files in the settings' `actuals` folder)")
    findings: list[Finding] = []
    sources: dict[str, str] = {}
    # each kind's folders listed once; the readers get the files
    found = {kind: csv_files(getattr(files, kind), findings, ws.base) for kind in KINDS}
    actuals = read_actuals(ws, found["actuals"], findings, sources)
    surveys = read_surveys(ws, found["surveys"], findings, sources)
    register = read_register(ws, found["complaints"], by_column) if found["complaints"] \
        else None
    if register is not None:
        findings += register.findings
    customers = read_customers(ws, found["customers"], findings, sources) \
        if found["customers"] else None
    if findings:
        more = register.more_findings if register is not None else 0
        raise ContentError(f"the data files have {len(findings)} error(s)"
                           f"{f' and {more} more' if more else ''}; nothing was written",
                           sorted(findings), sources)
    return RunData(files, report_period(period, actuals), as_of or date.today(), actuals,
                   surveys, register, customers,
                   tuple(path for kind in KINDS for path in found[kind]))
