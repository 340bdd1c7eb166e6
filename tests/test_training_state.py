"""Training keeps its simulator's world in the training data folder: reconciliation after a restart
tells the truth, and card kinds behave at the workflow level (member cards never consumed)."""

from __future__ import annotations

import time

from pos_app.config import Config
from pos_app.journal.reconcile import reconcile
from pos_app.models import Action, Outcome, Verdict
from pos_app.sandbox.persist import training_state_path
from pos_app.services import build_services


def test_a_crash_mid_redeem_in_training_settles_truthfully_after_a_restart() -> None:
    services = build_services(True, Config())
    try:
        sim = services.simulator
        code = sim.demo_catalog()[0].code
        workflow = services.workflow()
        lookup = workflow.lookup(code)
        assert lookup.verdict is Verdict.REDEEMABLE
        # The app wrote its pending row, sent the consume, and died before the answer arrived.
        services.journal.begin(Action.REDEEM, code, lookup.card_id, workflow.context)
        services.client.consume(code)
    finally:
        services.close()
    assert training_state_path().exists()

    again = build_services(True, Config())  # a new process: a new simulator loaded from disk
    try:
        assert again.simulator.code_status(code) == "CONSUMED"
        resolved = reconcile(again.journal, again.read_code, now=lambda: time.time() + 3600)
        assert [(r.attempt.code, r.outcome) for r in resolved] == [(code, Outcome.REDEEMED)]
        assert again.workflow().lookup(code).verdict is Verdict.ALREADY_REDEEMED
    finally:
        again.close()


def test_member_card_is_never_consumed_and_tickets_check_in() -> None:
    services = build_services(True, Config(), with_journal=False)
    try:
        sim = services.simulator
        workflow = services.workflow()
        sim.clear_calls()
        member = workflow.lookup(sim.demo_code("member"))
        assert member.verdict is Verdict.MEMBER_CARD and member.outcome is Outcome.NOT_REDEEMABLE
        refused = workflow.redeem(member)
        assert refused.outcome is Outcome.REFUSED and sim.calls_to("/card/code/consume") == []
        unknown = workflow.redeem(workflow.lookup(sim.demo_code("unknown_type")))
        assert unknown.verdict is Verdict.UNKNOWN_CARD_TYPE and sim.calls_to("/card/code/consume") == []
        ticket = workflow.redeem(workflow.lookup(sim.demo_code("movie")))
        assert ticket.outcome is Outcome.REDEEMED and ticket.message == "Checked in."
        assert len(sim.calls_to("/card/code/consume")) == 1
    finally:
        services.close()


def test_member_card_without_card_get_is_still_a_member_card() -> None:
    services = build_services(True, Config(), with_journal=False)
    try:
        sim = services.simulator
        sim.inject("/card/get", "errcode", times=10, errcode=40073)  # card/get fails: code/get still tells
        lookup = services.workflow().lookup(sim.demo_code("member"))
        assert lookup.card is None and lookup.verdict is Verdict.MEMBER_CARD
    finally:
        services.close()
