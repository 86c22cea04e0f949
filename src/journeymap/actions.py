"""The Check of plan-do-check-act: what became of each improvement action (actions/*.yaml).

An action still open (plan, do, check, act) past its `due` date is overdue. Every other action
that is not dropped is judged on its standards' process behaviour charts (journeymap.check,
docs/gaps.md): limits from the figures before it was opened, the figures from then on judged
against them. It worked when a signal for the better came and the latest figure meets the
target; improved, not yet met, when the signal came but the target is still missed; no signal
yet when nothing moved beyond what the process did before (whatever the latest figure, so a
standard met before the action is not credited to it); worse on a signal for the worse; and
cannot judge with fewer than 6 figures before it or none since. What it was expected to bring
(`expect` by `by`) is checked beside: reached, or not reached once its period has come. The gap
report, the diagrams and the handbook read these reviews; none of them judges an action
itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from journeymap import check
from journeymap.loader import Entry
from journeymap.model import Action
from journeymap.periods import Period, month_of, parse_period
from journeymap.statuses import StandardStatus, Statuses
from journeymap.targets import Target, format_number
from journeymap.workspace import AppliedStandard, Workspace

#: verdicts, in the order a manager reads them: what needs them first
VERDICTS = ("overdue", "worse", "no signal yet", "improved, not yet met", "cannot judge",
            "worked", "dropped")


@dataclass(frozen=True)
class ActionReview:
    """One action with what became of it, as of the report's day."""

    entry: Entry[Action]
    standards: tuple[AppliedStandard, ...]  # what it addresses, resolved
    verdict: str  # one of VERDICTS
    evidence: str  # the figures or dates behind the verdict, in a sentence
    owner_name: str | None = None
    expected: str | None = None  # `expect` by `by`: reached | not reached (None: not yet due)

    @property
    def not_working(self) -> bool:
        """Worse, or short of what it was expected to bring by its period."""
        return self.verdict == "worse" or self.expected == "not reached"

    @property
    def action(self) -> Action:
        return self.entry.item

    @property
    def owner_label(self) -> str:
        return self.owner_name or self.action.owner

    def summary(self) -> str:
        """`ACT-014 "Add six agents" (Customer Contact Centre, do, due 2026-09-30, overdue)`."""
        action = self.action
        due = f", due {action.due}" if action.due else ""
        return (f'{action.id} "{action.title}" ({self.owner_label}, {action.status}{due}'
                f"{', overdue' if self.verdict == 'overdue' else ''})")

    def as_dict(self) -> dict:
        action = self.action
        return {
            "id": action.id, "title": action.title, "owner": action.owner,
            "owner_name": self.owner_name, "status": action.status,
            "opened": str(action.opened), "due": _text(action.due),
            "closed": _text(action.closed), "expect": _text(action.expect), "by": action.by,
            "addresses": [s.fqid for s in self.standards], "verdict": self.verdict,
            "expected": self.expected, "evidence": self.evidence,
        }


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def review_actions(ws: Workspace, statuses: Statuses, as_of: date) -> list[ActionReview]:
    """Every action with its verdict, worst first (VERDICTS order), then by id."""
    reviews = []
    for entry in ws.actions:
        team = ws.team(entry.item.owner)
        standards = ws.addressed(entry.item)
        verdict, evidence = _verdict(entry.item, standards, statuses, as_of)
        expected, said = _expectation(entry.item, standards, statuses)
        reviews.append(ActionReview(entry, tuple(standards), verdict,
                                    "; ".join(t for t in (evidence, said) if t),
                                    team.name if team else None, expected))
    return sorted(reviews, key=lambda r: (VERDICTS.index(r.verdict), r.action.id))


#: when an action addresses several standards, the verdict is the first of these any of
#: them has: one standard worse makes the action worse
_PRECEDENCE = ("worse", "no signal yet", "cannot judge", "improved, not yet met", "worked")


def _verdict(action: Action, standards: list[AppliedStandard], statuses: Statuses,
             as_of: date) -> tuple[str, str]:
    if action.status == "dropped":
        return "dropped", f"dropped {action.done_on}"
    if action.is_open and action.due and action.due < as_of:
        days = (as_of - action.due).days
        return "overdue", (f"due {action.due}, still at {action.status} on {as_of}: "
                           f"{days} day{'s' * (days != 1)} late")
    judged = []
    for standard in standards:
        status = statuses.by_standard.get(standard.fqid)
        if standard.target is None:
            judged.append(check.Judged("cannot judge", f"{standard.id}: no target"))
            continue
        history = [(parse_period(p), v) for p, v in status.history] if status else []
        judged.append(check.judge_action(history, month_of(action.opened), standard.target,
                                         standard.id))
    if not judged:
        return "cannot judge", "it addresses no standard"
    verdict = min((j.verdict for j in judged), key=_PRECEDENCE.index)
    opened = f"opened {action.opened}" + ("" if action.is_open else
                                          f", {action.status} {action.done_on}")
    return verdict, f"{opened}; " + "; ".join(j.evidence for j in judged)


def _expectation(action: Action, standards: list[AppliedStandard], statuses: Statuses
                 ) -> tuple[str | None, str]:
    """Whether the action brought what it was expected to (`expect`, by `by`), as of the
    report period: (reached | not reached | None, the figures)."""
    if action.expect is None or action.status == "dropped":
        return None, ""
    due_by = parse_period(action.by) if action.by else None
    period = statuses.period
    said, short = [], False
    for standard in standards:
        status = statuses.by_standard.get(standard.fqid)
        expected = _expected(action.expect, standard.target)
        figure = _latest_after(status, month_of(action.opened))
        if expected is None or figure is None:
            continue
        when, value = figure
        unit = f" {expected.unit}" if expected.unit else ""
        met = expected.is_met(value)
        short = short or not met
        said.append(f"{standard.id} {format_number(round(value, 2))}{unit} in {when.text} "
                    f"{'meets' if met else 'short of'} {expected} expected"
                    + (f" by {action.by}" if action.by else ""))
    if not said:
        return None, ""
    if not short:
        return "reached", "expected: " + "; ".join(said)
    due = due_by is None or (period is not None and period.end >= due_by.end)
    return ("not reached" if due else None), "expected: " + "; ".join(said)


def _expected(expect: Target | None, target: Target | None) -> Target | None:
    """What the action should bring, in the standard's unit (its target when not said)."""
    if expect is None or target is None:
        return target
    value = expect.in_unit(target.unit)
    return None if value is None else Target(expect.op, value, target.unit)


def _latest_after(status: StandardStatus | None, month: int) -> tuple[Period, float] | None:
    """The latest figure of a period ending in or after `month`, up to the report period."""
    if status is None:
        return None
    later = [(parse_period(p), v) for p, v in status.history if parse_period(p).end >= month]
    return later[-1] if later else None


def by_standard(reviews: list[ActionReview]) -> dict[str, list[ActionReview]]:
    """Standard's full id -> the actions addressing it, in the order of `reviews`."""
    index: dict[str, list[ActionReview]] = {}
    for review in reviews:
        for standard in review.standards:
            index.setdefault(standard.fqid, []).append(review)
    return index


def marks(reviews: list[ActionReview], history: tuple[tuple[str, float], ...]
          ) -> dict[str, str]:
    """period -> what the actions on one standard (`reviews`, from by_standard) did in it
    (opened, done, dropped), for the marks on its chart: the first period of the history
    ending on or after each date."""
    found: dict[str, list[str]] = {}
    ends = [(parse_period(p).end, p) for p, _ in history]
    for review in reviews:
        action = review.action
        events = [(action.opened, "opened")]
        if not action.is_open:
            events.append((action.done_on, action.status))
        for day, what in events:
            period = next((p for end, p in ends if end >= month_of(day)), None)
            if period:
                found.setdefault(period, []).append(f"{action.id} {what}")
    return {period: ", ".join(events) for period, events in found.items()}
