"""The resolved workspace: the lookups every feature reads instead of rebuilding them."""

from __future__ import annotations

from pathlib import Path

from journeymap.workspace import open_workspace


def test_lookups(workspace: Path) -> None:
    (workspace / "journeys" / "after.yaml").write_text(
        "id: after\ntitle: After\nowner: ops\nstages:\n  - id: s\n    title: S\n"
        "    touchpoints:\n      - {id: receipt, title: Receipt, channel: email, "
        "depends_on: [shop/pay]}\n")
    ws = open_workspace(workspace)
    call, pay = ws.touchpoint("shop/call"), ws.touchpoint("pay", "shop")
    receipt = ws.touchpoint("after/receipt")
    assert (call.owner, pay.owner, receipt.owner) == ("care", "ops", "ops")  # own, journey's
    assert call.path == ("stages", 0, "touchpoints", 0) and pay.key == "shop/pay"
    assert ws.touchpoint("shop/nope") is None
    assert ws.suppliers(pay) == [call] and ws.suppliers(receipt) == [pay]
    assert ws.dependants(call) == [pay] and ws.dependants(pay) == [receipt]
    assert [s.fqid for s in ws.applied] == ["shop/call/answer-fast", "shop/pay/PAY-1"]
    answer = ws.standard("shop/call/answer-fast")
    assert (answer.target.value, answer.owner, answer.library.id) == (80, "care", "answer-fast")
    assert ws.touchpoints_in(ws.journeys[0]) == [receipt] or \
        ws.touchpoints_in(ws.journeys[1]) == [receipt]
    assert ws.touchpoint_ids == {"after": {"receipt"}, "shop": {"call", "pay"}}
    assert ws.team("ops").name == "Operations" and ws.persona("shopper").name == "Shopper"
