"""The Check of plan-do-check-act: what became of each improvement action (actions/*.yaml).

An open action (plan, do, check, act) is on time or overdue against its `due` date on the
day of the report. A done action is judged on the figures of the periods after it took
effect (its `closed` date, else its due date): it worked when every standard it addresses
meets what it was expected to bring (`expect`, else the standard's target) in the latest of
them; it is not working when one still misses it and its `by` period has come; otherwise it
awaits the figures that will tell. The gap report, the diagrams and the handbook read these
reviews; none of them judges an action itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from journeymap.loader import Entry
from journeymap.model import Action
from journeymap.periods import Period, month_of, parse_period
from journeymap.statuses import StandardStatus, Statuses
from journeymap.targets import Target, format_number
from journeymap.workspace import AppliedStandard, Workspace

#: verdicts, in the order a manager reads them: what needs them first
VERDICTS = ("overdue", "not working", "open", "awaiting figures", "worked", "dropped")


@dataclass(frozen=True)
class ActionReview:
    """One action with what became of it, as of the report's day."""

    entry: Entry[Action]
    standards: tuple[AppliedStandard, ...]  # what it addresses, resolved
    verdict: str  # one of VERDICTS
    evidence: str  # the figures or dates behind the verdict, in a sentence
    owner_name: str | None = None

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
            "evidence": self.evidence,
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
        reviews.append(ActionReview(entry, tuple(standards), verdict, evidence,
                                    team.name if team else None))
    return sorted(reviews, key=lambda r: (VERDICTS.index(r.verdict), r.action.id))


def _verdict(action: Action, standards: list[AppliedStandard], statuses: Statuses,
             as_of: date) -> tuple[str, str]:
    if action.status == "dropped":
        return "dropped", f"dropped {action.done_on}"
    if action.is_open:
        if action.due and action.due < as_of:
            days = (as_of - action.due).days
            return "overdue", (f"due {action.due}, still at {action.status} on {as_of}: "
                               f"{days} day{'s' * (days != 1)} late")
        return "open", f"due {action.due}" if action.due else "no due date"
    after = month_of(action.done_on)
    due_by = parse_period(action.by) if action.by else None
    missing, misses, meets = [], [], []
    for standard in standards:
        status = statuses.by_standard.get(standard.fqid)
        expected = _expected(action.expect, standard.target)
        figure = _latest_after(status, after)
        if expected is None or figure is None:
            missing.append(standard.id)
            continue
        period, value = figure
        unit = f" {expected.unit}" if expected.unit else ""
        said = f"{standard.id} {format_number(round(value, 2))}{unit} in {period.text}"
        if expected.is_met(value):
            meets.append(f"{said} meets {expected}")
        else:
            misses.append((period, f"{said} against {expected} expected"))
    reached = [text for period, text in misses if due_by is None or period >= due_by]
    if reached:
        return "not working", f"done {action.done_on}; " + "; ".join(reached)
    if meets and not missing and not misses:
        return "worked", f"done {action.done_on}; " + "; ".join(meets)
    wait = f" (expected by {action.by})" if action.by else ""
    return "awaiting figures", (f"done {action.done_on}; no figure after it yet for "
                                f"{', '.join(missing)}{wait}" if missing else
                                f"done {action.done_on}; " + "; ".join(t for _, t in misses)
                                + wait)


def _expected(expect: Target | None, target: Target | None) -> Target | None:
    """What the action should bring, in the standard's unit (its target when not said)."""
    if expect is None or target is None:
        return target
    value = expect.in_unit(target.unit)
    return None if value is None else Target(expect.op, value, target.unit)


def _latest_after(status: StandardStatus | None, month: int) -> tuple[Period, float] | None:
    """The latest figure of a period ending after `month`, up to the report period."""
    if status is None:
        return None
    later = [(parse_period(p), v) for p, v in status.history if parse_period(p).end > month]
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
    (opened, done, dropped), for the marks on its trend: the first period of the history
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
