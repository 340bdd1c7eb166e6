"""The one settlement rule: unit cases, then races against the real simulator over loopback HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from datetime import date

import httpx
import pytest

from pos_app.client import WeChatClient
from pos_app.journal import Journal
from pos_app.journal.reconcile import reconcile, reconcile_all
from pos_app.limits import settle_after
from pos_app.models import Action, CodeInfo, CodeStatus, OperationContext, Outcome, Verdict
from pos_app.sandbox import DEMO_APPID, DEMO_CUSTOM_CARD_IDS, DEMO_SECRET
from pos_app.settle import (
    AttemptState,
    KnownAttempt,
    Settlement,
    UnknownCode,
    outcome_for,
    settle,
    state_of,
)
from pos_app.workflow import MSG_CONSUMED_ELSEWHERE, MSG_EARLIER_PENDING, Workflow
from tests.support.relay import Relay

T = 1_780_000_000.0
OURS = KnownAttempt("ours", Action.REDEEM, T)
A_CTX = OperationContext(cashier="A", terminal="1")
B_CTX = OperationContext(cashier="B", terminal="2")


def info(status: CodeStatus | None) -> CodeInfo:
    return CodeInfo("123456789012", "p1", status, status is CodeStatus.NORMAL)


def other(state: AttemptState, action: Action = Action.REDEEM, attempt_id: str = "other") -> KnownAttempt:
    return KnownAttempt(attempt_id, action, T + 5, state, "journal")


# --- the rule ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reread", "others", "now", "expected"),
    [
        # The wanted state and nobody else: ours, at once (a consume cannot happen twice).
        (info(CodeStatus.CONSUMED), [], T + 1, Settlement.WENT_THROUGH),
        (info(CodeStatus.CONSUMED), [other(AttemptState.FAILED)], T + 1, Settlement.WENT_THROUGH),
        (
            info(CodeStatus.CONSUMED),
            [other(AttemptState.UNRESOLVED, Action.INVALIDATE)],
            T + 1,
            Settlement.WENT_THROUGH,
        ),
        # Another attempt that may have done it: not ours to claim.
        (info(CodeStatus.CONSUMED), [other(AttemptState.UNRESOLVED)], T + 1, Settlement.CONSUMED_ELSEWHERE),
        (info(CodeStatus.CONSUMED), [other(AttemptState.UNRESOLVED)], T + 999, Settlement.CONSUMED_ELSEWHERE),
        # Another attempt succeeded: ours cannot have (WeChat accepts once), whatever the re-read says.
        (info(CodeStatus.CONSUMED), [other(AttemptState.SUCCEEDED)], T + 1, Settlement.NOT_DONE),
        (None, [other(AttemptState.SUCCEEDED)], T + 1, Settlement.NOT_DONE),
        (info(CodeStatus.NORMAL), [other(AttemptState.SUCCEEDED)], T + 1, Settlement.NOT_DONE),
        # Unchanged: pending while the request could still arrive, then not done.
        (info(CodeStatus.NORMAL), [], T + 1, Settlement.STILL_PENDING),
        (info(CodeStatus.NORMAL), [], settle_after(T) - 0.001, Settlement.STILL_PENDING),
        (info(CodeStatus.NORMAL), [], settle_after(T), Settlement.NOT_DONE),
        (info(None), [], settle_after(T) + 1, Settlement.NOT_DONE),
        # No answer: nothing is known.
        (None, [], T + 1, Settlement.STILL_PENDING),
        (None, [other(AttemptState.UNRESOLVED)], T + 9999, Settlement.STILL_PENDING),
        # It can no longer happen.
        (UnknownCode(40056), [], T + 1, Settlement.CANNOT_HAPPEN),
        (info(CodeStatus.EXPIRE), [], T + 1, Settlement.CANNOT_HAPPEN),
        (info(CodeStatus.UNAVAILABLE), [], T + 1, Settlement.CANNOT_HAPPEN),
        (info(CodeStatus.DELETE), [], T + 1, Settlement.CANNOT_HAPPEN),
    ],
)
def test_settle(reread, others, now, expected):
    assert settle(OURS, reread, others, now) is expected


def test_the_attempt_itself_among_others_is_not_a_rival():
    assert settle(OURS, info(CodeStatus.CONSUMED), [OURS], T + 1) is Settlement.WENT_THROUGH


def test_invalidate_wants_unavailable_and_a_consumed_code_means_it_cannot_happen():
    ours = KnownAttempt("i", Action.INVALIDATE, T)
    assert settle(ours, info(CodeStatus.UNAVAILABLE), [], T + 1) is Settlement.WENT_THROUGH
    assert settle(ours, info(CodeStatus.CONSUMED), [], T + 1) is Settlement.CANNOT_HAPPEN
    elsewhere = [other(AttemptState.UNRESOLVED, Action.INVALIDATE)]
    assert settle(ours, info(CodeStatus.UNAVAILABLE), elsewhere, T + 1) is Settlement.CONSUMED_ELSEWHERE


def test_outcomes_are_enums_for_the_journal():
    assert outcome_for(Settlement.WENT_THROUGH, Action.REDEEM) is Outcome.REDEEMED
    assert outcome_for(Settlement.WENT_THROUGH, Action.INVALIDATE) is Outcome.INVALIDATED
    assert outcome_for(Settlement.CONSUMED_ELSEWHERE, Action.REDEEM) is Outcome.CONSUMED_ELSEWHERE
    assert outcome_for(Settlement.STILL_PENDING, Action.REDEEM) is Outcome.PENDING
    assert outcome_for(Settlement.NOT_DONE, Action.REDEEM, CodeStatus.NORMAL) is Outcome.ERROR
    assert outcome_for(Settlement.NOT_DONE, Action.REDEEM, CodeStatus.CONSUMED) is Outcome.REFUSED
    assert outcome_for(Settlement.CANNOT_HAPPEN, Action.REDEEM, None) is Outcome.REFUSED
    assert state_of(Outcome.REDEEMED) is AttemptState.SUCCEEDED
    assert state_of(None) is AttemptState.UNRESOLVED
    assert state_of(Outcome.CONSUMED_ELSEWHERE) is AttemptState.UNRESOLVED  # it may have been this one
    assert state_of(Outcome.REFUSED) is AttemptState.FAILED


# --- races against the simulator ------------------------------------------------------------------------


@pytest.fixture
def path(tmp_path):
    return tmp_path / "journal.sqlite3"


def make_client(base_url: str, demo_credentials, read: float = 10.0) -> WeChatClient:
    timeout = httpx.Timeout(connect=1.0, read=read, write=1.0, pool=1.0)
    return WeChatClient(base_url, demo_credentials, custom_card_ids=DEMO_CUSTOM_CARD_IDS, timeout=timeout, backoff=0.01)


def read_code(client):
    return lambda code, card_id: client.get_code(code, card_id, check_consume=False)


def redeemed_in_report(journal: Journal) -> tuple[int, int]:
    report = journal.shift_report(date.today(), date.today())
    return report.total.redeemed, report.total.redeemed_value


def test_two_terminals_a_lost_consume_then_b_redeems_a_is_not_told_redeemed(sim, tmp_path, demo_credentials):
    """Issue 14 #1: A's consume is lost before WeChat sees it; B (another counter, its own journal)
    redeems; A's re-read sees CONSUMED.  A knows B's attempt as the hub will tell it: from B's journal."""
    code = sim.fresh_code("cash")
    with (
        Journal.open(tmp_path / "a.sqlite3") as ja,
        Journal.open(tmp_path / "b.sqlite3") as jb,
        make_client(sim.base_url, demo_credentials) as ca,
        make_client(sim.base_url, demo_credentials) as cb,
    ):
        a = Workflow(ca, ja, A_CTX, settle_delay=0.0, known_elsewhere=jb.attempts_on)
        b = Workflow(cb, jb, B_CTX, settle_delay=0.0)
        a_lookup, b_lookup = a.lookup(code), b.lookup(code)
        sim.inject("/card/code/consume", "drop_before")  # A's request never reaches WeChat
        b_results = []
        result = a.redeem(a_lookup, on_ambiguous=lambda: b_results.append(b.redeem(b_lookup)))
        assert [r.outcome for r in b_results] == [Outcome.REDEEMED]
        assert result.outcome is not Outcome.REDEEMED
        assert (result.outcome, result.verdict) == (Outcome.REFUSED, Verdict.ALREADY_REDEEMED)
        assert "did NOT go through" in result.message
        assert sim.code_status(code) == "CONSUMED"
        assert ja.pending() == [] and ja.last_redemption(code) is None
        assert redeemed_in_report(ja) == (0, 0) and redeemed_in_report(jb) == (1, 5000)


def test_one_data_folder_b_is_refused_while_a_is_unresolved(sim, path, demo_credentials):
    """Two processes on one journal: B sees A's unresolved attempt and refuses with the reason."""
    code = sim.fresh_code("cash")
    with (
        Journal.open(path) as ja,
        Journal.open(path) as jb,
        make_client(sim.base_url, demo_credentials) as ca,
        make_client(sim.base_url, demo_credentials) as cb,
    ):
        a = Workflow(ca, ja, A_CTX, settle_delay=0.0)
        b = Workflow(cb, jb, B_CTX, settle_delay=0.0)
        a_lookup, b_lookup = a.lookup(code), b.lookup(code)
        sim.inject("/card/code/consume", "drop_before")
        b_results = []
        result = a.redeem(a_lookup, on_ambiguous=lambda: b_results.append(b.redeem(b_lookup)))
        assert [(r.outcome, r.message) for r in b_results] == [(Outcome.REFUSED, MSG_EARLIER_PENDING)]
        assert result.outcome is Outcome.PENDING  # unchanged code, request may still land: not "not redeemed" yet
        assert sim.code_status(code) == "NORMAL" and len(sim.calls_to("/card/code/consume")) == 1
        assert redeemed_in_report(ja) == (0, 0)


def test_two_terminals_b_still_in_flight_a_is_told_consumed_elsewhere(sim, path, demo_credentials):
    code = sim.fresh_code("cash")
    with Journal.open(path) as ja, Journal.open(path) as jb, make_client(sim.base_url, demo_credentials) as ca:
        a = Workflow(ca, ja, A_CTX, settle_delay=0.0)
        a_lookup = a.lookup(code)
        sim.inject("/card/code/consume", "drop_before")

        def b_redeems_and_its_answer_is_lost() -> None:
            jb.begin(Action.REDEEM, code, None, B_CTX)
            ca.consume(code)  # B's consume lands; B has no answer yet

        result = a.redeem(a_lookup, on_ambiguous=b_redeems_and_its_answer_is_lost)
        assert result.outcome is Outcome.CONSUMED_ELSEWHERE and result.message == MSG_CONSUMED_ELSEWHERE
        assert "possibly at another counter: do not give the discount until checked" in result.message
        row = next(r for r in ja.search(code) if r.cashier == "A" and r.action is Action.REDEEM)
        assert row.outcome is Outcome.CONSUMED_ELSEWHERE  # the row says so
        assert redeemed_in_report(ja) == (0, 0)
        jb.close()  # B is killed; at the next start its attempt is reconciled
        with Journal.open(path) as later:
            # The code is consumed and A's attempt may have been it: B cannot claim it either.
            (res,) = reconcile(later, read_code(ca))
            assert res.outcome is Outcome.CONSUMED_ELSEWHERE and "possibly at another counter" in res.text("en")
            assert later.pending() == [] and redeemed_in_report(later) == (0, 0)


def test_a_late_request_keeps_the_attempt_pending_until_the_deadline(sim, path, demo_credentials):
    """Issue 14 #3: the client gives up while a relay still holds the consume; it lands later."""
    code = sim.fresh_code("cash")
    with Relay(sim.base_url) as relay, Journal.open(path) as ja, Journal.open(path) as other_process:
        with make_client(relay.base_url, demo_credentials, read=0.5) as ca:
            a = Workflow(ca, ja, A_CTX, settle_delay=0.0)
            lookup = a.lookup(code)
            relay.hold("/card/code/consume")
            pending = a.redeem(lookup)
            assert relay.held.is_set()
            assert pending.outcome is Outcome.PENDING  # unchanged so far: never "not redeemed"
            assert sim.code_status(code) == "NORMAL"
            # Another process reconciles meanwhile (its owner's liveness does not matter): still pending.
            report = reconcile_all(other_process, read_code(ca), now=lambda: settle_after(time.time()) - 1)
            assert report.resolved == [] and len(report.waiting) == 1
            assert ja.search(code)[0].outcome is Outcome.PENDING
            relay.release()  # the request reaches WeChat late
            deadline = time.monotonic() + 10
            while sim.code_status(code) != "CONSUMED" and time.monotonic() < deadline:
                time.sleep(0.05)
            done = a.confirm(pending)
        assert done.outcome is Outcome.REDEEMED
        assert sim.calls_to("/card/code/consume").__len__() == 1
        assert ja.pending() == [] and redeemed_in_report(ja) == (1, 5000)


def test_killed_while_held_then_redeemed_again_is_booked_once(sim, path, demo_credentials):
    """Issue 14 #2: a redeem is killed while its consume is held; the same code is redeemed again."""
    code = sim.fresh_code("cash")
    with Relay(sim.base_url) as relay:
        relay.hold("/card/code/consume")
        script = textwrap.dedent(
            f"""
            from pos_app.client import WeChatClient
            from pos_app.credentials import Credentials
            from pos_app.journal import Journal
            from pos_app.models import OperationContext
            from pos_app.workflow import Workflow
            client = WeChatClient({relay.base_url!r}, Credentials({DEMO_APPID!r}, {DEMO_SECRET!r}))
            flow = Workflow(client, Journal.open({str(path)!r}), OperationContext("A", "1"))
            flow.redeem(flow.lookup({code!r}))
            """
        )
        env = {**os.environ, "PYTHONPATH": os.getcwd()}
        proc = subprocess.Popen([sys.executable, "-c", script], env=env)
        try:
            assert relay.held.wait(30)
        finally:
            proc.kill()
            proc.wait(timeout=30)
        with Journal.open(path) as journal, make_client(sim.base_url, demo_credentials) as client:
            (first,) = journal.pending()
            now = [time.time()]
            flow = Workflow(client, journal, B_CTX, settle_delay=0.0, clock=lambda: now[0])
            lookup = flow.lookup(code)
            # The held request may still arrive: refuse, with the reason, and send nothing.
            refused = flow.redeem(lookup)
            assert (refused.outcome, refused.message) == (Outcome.REFUSED, MSG_EARLIER_PENDING)
            assert sim.calls_to("/card/code/consume") == []
            report = reconcile_all(journal, read_code(client))
            assert report.waiting and "not settled yet" in report.notices("en")[0]
            # After the deadline the earlier attempt is settled as not done first, then this one goes through.
            now[0] = settle_after(first.time)
            result = flow.redeem(flow.lookup(code))
            assert result.outcome is Outcome.REDEEMED
            assert journal.pending() == []
            rows = {r.attempt_id: r.outcome for r in journal.search(code) if r.attempt_id}
            assert rows[first.attempt_id] is Outcome.ERROR
            relay.release()  # the killed run's request finally arrives: WeChat refuses it
            deadline = time.monotonic() + 10
            while "/card/code/consume" not in relay.forwarded and time.monotonic() < deadline:
                time.sleep(0.05)
            assert len(sim.calls_to("/card/code/consume")) == 2
            assert reconcile(journal, read_code(client)) == []
            assert redeemed_in_report(journal) == (1, 5000)  # one coupon, booked once


def test_a_later_success_settles_an_earlier_attempt_without_asking(sim, path, client):
    code = sim.fresh_code("cash")
    with Journal.open(path) as crashed:
        first = crashed.begin(Action.REDEEM, code, None, A_CTX)  # killed before sending
    with Journal.open(path) as journal:
        flow = Workflow(client, journal, B_CTX, settle_delay=0.0)
        flow.lookup(code)
        second = journal.begin(Action.REDEEM, code, None, B_CTX)
        client.consume(code)
        from pos_app.models import Result

        journal.complete(second, Result(Action.REDEEM, code, None, Verdict.ALREADY_REDEEMED, Outcome.REDEEMED))
        sim.clear_calls()
        (res,) = reconcile(journal, read_code(client))
        assert res.attempt.attempt_id == first and res.settlement is Settlement.NOT_DONE
        assert sim.calls_to("/card/code/get") == []
        assert redeemed_in_report(journal) == (1, 5000)


def test_postponed_reconciliation_is_reported_not_only_logged(sim, path, client):
    code = sim.fresh_code("cash")
    with Journal.open(path) as crashed:
        crashed.begin(Action.REDEEM, code, None, A_CTX)
    with Journal.open(path) as journal:
        sim.inject("/card/code/get", "busy", times=20)
        report = reconcile_all(journal, read_code(client))
        assert report.resolved == [] and len(report.unanswered) == 1 and not report.complete
        (notice,) = report.notices("en")
        assert "WeChat did not answer" in notice
        zh = report.notices("zh_CN")[0]
        assert zh and zh != notice


def test_confirm_and_reconcile_agree_on_an_unknown_code(sim, path, client):
    """Issue 10 #8: an attempt on a code the service does not know ends the same both ways."""
    code = sim.demo_code("unknown")
    with Journal.open(path) as journal:
        flow = Workflow(client, journal, A_CTX, settle_delay=0.0)
        from pos_app.models import Result

        attempt = journal.begin(Action.REDEEM, code, None, A_CTX)
        pending = Result(Action.REDEEM, code, None, Verdict.ERROR, Outcome.PENDING, attempt_id=attempt)
        by_workflow = flow.confirm(pending)
        journal.begin(Action.REDEEM, code, None, A_CTX)
        (by_reconcile,) = reconcile(journal, read_code(client), now=lambda: settle_after(time.time()))
    assert by_workflow.outcome is by_reconcile.outcome is Outcome.REFUSED
    assert by_workflow.errcode == by_reconcile.errcode == 40056
