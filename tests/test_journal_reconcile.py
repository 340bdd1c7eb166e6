"""Reconciliation of pending attempts with the real client over loopback HTTP against the simulator."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from pos_app.journal import Journal
from pos_app.journal.reconcile import reconcile, reconcile_all
from pos_app.limits import settle_after
from pos_app.models import Action, OperationContext, Outcome
from pos_app.workflow import Workflow

CTX = OperationContext(cashier="张伟", terminal="2")


@pytest.fixture
def journal(tmp_path):
    j = Journal.open(tmp_path / "journal.sqlite3")
    yield j
    j.close()


def read_code(client):
    return lambda code, card_id: client.get_code(code, card_id, check_consume=False)


def crashed_attempt(journal, client, action, code, *, send: bool, reason: str = "") -> str:
    """Look up, write the pending attempt, optionally send the request; then "crash" (no complete).

    A second Journal on the same file plays the crashed run: its attempt is not in flight here.
    """
    crashed = Journal.open(journal.path)
    Workflow(client, crashed, CTX).lookup(code)
    attempt = crashed.begin(action, code, None, CTX, reason)
    if send:
        if action is Action.REDEEM:
            client.consume(code)
        else:
            client.make_unavailable(code, reason)
    crashed.close()
    return attempt


def test_consume_that_went_through_is_reconciled_to_redeemed(journal, client, sim):
    code = sim.fresh_code("cash")
    attempt = crashed_attempt(journal, client, Action.REDEEM, code, send=True)
    (res,) = reconcile(journal, read_code(client))
    assert res.attempt.attempt_id == attempt
    assert res.outcome is Outcome.REDEEMED and res.went_through
    text = res.text("en")
    assert "went through" in text and code[-4:] in text and code not in text  # masked
    assert journal.pending() == []
    row = journal.search(code)[0]
    assert (row.action, row.outcome, row.note) == (
        Action.REDEEM,
        Outcome.REDEEMED,
        "reconciled: went_through, code status CONSUMED",
    )
    assert row.title  # the card from the lookup
    red = journal.last_redemption(code)
    assert red is not None and red.cashier == "张伟"
    assert journal.verify().ok
    assert reconcile(journal, read_code(client)) == []  # nothing left


def test_crash_before_sending_is_reconciled_to_not_redeemed(journal, client, sim):
    code = sim.fresh_code("cash")
    crashed_attempt(journal, client, Action.REDEEM, code, send=False)
    assert reconcile(journal, read_code(client)) == []  # its request could still arrive: pending
    (res,) = reconcile(journal, read_code(client), now=lambda: settle_after(time.time()))
    assert res.outcome is Outcome.ERROR and not res.went_through
    assert "did NOT go through" in res.text("en")
    assert sim.code_status(code) == "NORMAL"
    assert journal.last_redemption(code) is None
    assert journal.search(code)[0].outcome is Outcome.ERROR


def test_invalidate_that_went_through(journal, client, sim):
    code = sim.fresh_code("gift")
    crashed_attempt(journal, client, Action.INVALIDATE, code, send=True, reason="退款")
    (res,) = reconcile(journal, read_code(client))
    assert res.outcome is Outcome.INVALIDATED
    row = journal.search(code)[0]
    assert (row.outcome, row.reason) == (Outcome.INVALIDATED, "退款")


def test_consumed_code_does_not_mean_our_invalidate_happened(journal, client, sim):
    code = sim.fresh_code("cash")
    crashed_attempt(journal, client, Action.INVALIDATE, code, send=False, reason="退款")
    client.consume(code)  # someone else redeemed it meanwhile
    (res,) = reconcile(journal, read_code(client))
    assert res.outcome is Outcome.REFUSED and not res.went_through
    assert "CONSUMED" in res.text("en")


def test_unavailable_code_does_not_mean_our_redeem_happened(journal, client, sim):
    code = sim.fresh_code("cash")
    crashed_attempt(journal, client, Action.REDEEM, code, send=False)
    client.make_unavailable(code, "refund")
    (res,) = reconcile(journal, read_code(client))
    assert res.outcome is Outcome.REFUSED
    assert journal.last_redemption(code) is None


def test_invalid_code_is_refused_with_its_errcode(journal, client, sim):
    code = sim.demo_code("unknown")
    journal.begin(Action.REDEEM, code, None, CTX)
    (res,) = reconcile(journal, read_code(client), now=lambda: settle_after(time.time()))  # given up on

    assert (res.outcome, res.errcode) == (Outcome.REFUSED, 40056)
    row = journal.search(code)[0]
    assert (row.outcome, row.errcode) == (Outcome.REFUSED, 40056)


def test_no_answer_leaves_it_pending_until_the_service_answers(journal, client, sim):
    code = sim.fresh_code("cash")
    crashed_attempt(journal, client, Action.REDEEM, code, send=True)
    sim.inject("/card/code/get", "http_500", times=20)
    assert reconcile(journal, read_code(client)) == []
    assert len(journal.pending()) == 1
    sim.clear_faults()
    (res,) = reconcile(journal, read_code(client))
    assert res.outcome is Outcome.REDEEMED


def test_attempt_in_flight_in_this_process_is_left_alone(journal, client, sim):
    code = sim.fresh_code("cash")
    journal.begin(Action.REDEEM, code, None, CTX)  # still in flight: its own answer may come
    sim.clear_calls()
    report = reconcile_all(journal, read_code(client))
    assert report.resolved == [] and len(report.waiting) == 1 and not report.complete
    assert sim.calls_to("/card/code/get") == []
    assert len(journal.pending()) == 1
    # After the call's deadline and the margin no request can still be in flight: it is settled.
    (res,) = reconcile(journal, read_code(client), now=lambda: settle_after(time.time()))
    assert res.outcome is Outcome.ERROR


def test_attempt_stays_pending_until_its_deadline_whether_or_not_its_process_lives(tmp_path, journal, client, sim):
    code = sim.fresh_code("cash")
    script = textwrap.dedent(
        f"""
        import sys, time
        from pos_app.journal import Journal
        from pos_app.models import Action, OperationContext
        j = Journal.open({str(journal.path)!r})
        j.begin(Action.REDEEM, {code!r}, None, OperationContext("Li", "1"))
        print("begun", flush=True)
        time.sleep(60)
        """
    )
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    proc = subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "begun"
        assert reconcile(journal, read_code(client)) == []  # its owner is alive
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    report = reconcile_all(journal, read_code(client))  # dead, but its request may still be on the way
    assert report.resolved == [] and len(report.waiting) == 1
    assert "not settled yet" in report.notices("en")[0]
    (res,) = reconcile(journal, read_code(client), now=lambda: settle_after(time.time()))
    assert res.outcome is Outcome.ERROR  # never sent: not redeemed


def test_lost_answer_and_failed_reread_stay_pending_then_reconcile(journal, client, sim):
    """End to end with the lead's workflow: consume committed, answer dropped, re-read fails."""
    code = sim.fresh_code("cash")
    wf = Workflow(client, journal, CTX, settle_delay=0.0)
    looked = wf.lookup(code)
    sim.inject("/card/code/consume", "drop_after_commit")
    sim.inject("/card/code/get", "http_500", times=20)
    result = wf.redeem(looked)
    assert result.outcome is Outcome.PENDING
    assert sim.code_status(code) == "CONSUMED"
    (p,) = journal.pending()
    assert p.code == code
    assert journal.search(code)[0].outcome is Outcome.PENDING
    sim.clear_faults()
    # The workflow released the attempt when its re-read failed: the next reconcile settles it.
    (res,) = reconcile(journal, read_code(client))
    assert res.outcome is Outcome.REDEEMED
    assert journal.verify().ok


def test_released_attempt_is_reconciled_at_once(journal, client, sim):
    code = sim.fresh_code("cash")
    attempt = journal.begin(Action.REDEEM, code, None, CTX)
    client.consume(code)
    journal.release(attempt)  # the workflow stopped waiting (its re-read failed)
    (res,) = reconcile(journal, read_code(client))
    assert res.outcome is Outcome.REDEEMED


def test_workflow_not_delivered_settles_as_error(journal, client, sim):
    code = sim.fresh_code("cash")
    wf = Workflow(client, journal, CTX, settle_delay=0.0)
    looked = wf.lookup(code)
    sim.stop()  # connection refused: never delivered
    result = wf.redeem(looked)
    assert result.outcome is Outcome.ERROR
    assert journal.pending() == []
    assert journal.search(code)[0].outcome is Outcome.ERROR
