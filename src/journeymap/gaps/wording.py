"""How findings name things for people: a standard by its id and statement, an expectation
by who holds it, what it asks and where that was heard."""

from __future__ import annotations

from typing import Any

from journeymap.workspace import AppliedStandard


def standard_label(standard: AppliedStandard) -> str:
    """`ORD-02 "Orders go through without an error page"`: the id people search for and
    the statement people understand."""
    return f'{standard.id} "{standard.statement}"' if standard.statement else standard.id


def expectation_text(persona: Any, expectation: Any) -> str:
    """`'Home worker' customers expect fault_fix_hours <= 8 h ("..."; source)`."""
    what = f' ("{expectation.statement}")' if expectation.statement else ""
    source = f" ({expectation.source})" if expectation.source else ""
    return (f"{persona.name!r} customers expect {expectation.metric} {expectation.target}"
            f"{what}{source}")
