"""The redemption workflow against the simulator: verdicts, redeem, invalidate, lost answers."""

from __future__ import annotations

import time

import httpx
import pytest

from pos_app.client import WeChatClient
from pos_app.errors import InputError
from pos_app.limits import settle_after
from pos_app.models import Action, Outcome, Verdict
from pos_app.sandbox import DEMO_CUSTOM_CARD_IDS
from pos_app.workflow import Workflow


class RecordingJournal:
    """Records what the workflow writes, in order (the real journal has its own tests)."""

    def __init__(self, sim) -> None:
        self.sim = sim
        self.events: list[tuple] = []

    def record_lookup(self, result, ctx):
        self.events.append(("lookup", result.code, result.outcome))

    def begin(self, action, code, card_id, ctx, reason=""):
        # Written before the request: the service must not have seen the operation yet.
        sent = [c for c in self.sim.calls if c.path in ("/card/code/consume", "/card/code/unavailable")]
        self.events.append(("begin", action, code, len(sent)))
        return f"attempt-{len(self.events)}"

    def complete(self, attempt_id, result, *, note="", definite=None):
        self.events.append(("complete", attempt_id, result.outcome))

    def settle(self, attempt_id, result, *, note):
        self.events.append(("settle", attempt_id, result.outcome))
        return True

    def release(self, attempt_id):
        self.events.append(("release", attempt_id))

    def attempts_on(self, code):
        return []


@pytest.fixture
def journal(sim):
    return RecordingJournal(sim)


@pytest.fixture
def flow(client, journal):
    return Workflow(client, journal, settle_delay=0.05)


def test_every_demo_code_gets_the_verdict_a_cashier_expects(sim, flow):
    for demo in sim.demo_catalog():
        result = flow.lookup(demo.code)
        assert result.verdict is demo.expected, demo.key
        assert result.outcome is (Outcome.REDEEMABLE if demo.expected is Verdict.REDEEMABLE else Outcome.NOT_REDEEMABLE)
        if demo.expected not in (Verdict.INVALID_CODE,):
            assert result.card is not None and result.card.title, demo.key


def test_validity_window_is_checked_against_the_clock(sim, flow):
    # The service still says NORMAL / can_consume for this one: only the clock tells.
    result = flow.lookup(sim.demo_code("expired_clock"))
    assert result.info.can_consume is True
    assert result.verdict is Verdict.EXPIRED
    assert flow.lookup(sim.demo_code("not_yet_valid")).verdict is Verdict.NOT_YET_VALID


def test_full_width_digits_and_spaces_from_an_input_method_are_normalised(sim, flow):
    code = sim.demo_code("cash")
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in code)
    assert flow.lookup(f" {full_width[:6]} {full_width[6:]}\t").code == code


@pytest.mark.parametrize("raw", ["", "   ", "1" * 21, "优惠券"])
def test_bad_input_is_rejected_without_calling_the_service(sim, flow, raw):
    with pytest.raises(InputError):
        flow.lookup(raw)
    assert sim.calls == []


def test_card_link_with_encrypt_code_is_decrypted(sim, flow):
    code = sim.demo_code("discount")
    result = flow.lookup(sim.card_link(code))
    assert result.code == code and result.verdict is Verdict.REDEEMABLE
    assert [c.path for c in sim.calls].count("/card/code/decrypt") == 1


def test_custom_code_is_found_through_configured_card_ids(sim, flow):
    result = flow.lookup(sim.demo_code("custom"))
    assert result.verdict is Verdict.REDEEMABLE
    assert result.card_id in DEMO_CUSTOM_CARD_IDS


def test_redeem_writes_the_journal_before_sending_and_consumes_once(sim, flow, journal):
    code = sim.demo_code("cash")
    result = flow.redeem(flow.lookup(code))
    assert result.outcome is Outcome.REDEEMED and result.verdict is Verdict.ALREADY_REDEEMED
    assert sim.code_status(code) == "CONSUMED"
    begin = next(e for e in journal.events if e[0] == "begin")
    assert begin[1] is Action.REDEEM and begin[3] == 0  # no consume had been sent when it was written
    assert journal.events[-1][2] is Outcome.REDEEMED
    assert [c.path for c in sim.calls].count("/card/code/consume") == 1


def test_redeem_refuses_what_is_not_redeemable_without_calling(sim, flow):
    result = flow.redeem(flow.lookup(sim.demo_code("consumed")))
    assert result.outcome is Outcome.REFUSED and result.verdict is Verdict.ALREADY_REDEEMED
    assert all(c.path != "/card/code/consume" for c in sim.calls)


def test_second_redeem_of_the_same_lookup_is_refused_by_the_service(sim, flow):
    lookup = flow.lookup(sim.demo_code("gift"))
    assert flow.redeem(lookup).outcome is Outcome.REDEEMED
    again = flow.redeem(lookup)  # a stale screen: the service says 40099
    assert again.outcome is Outcome.REFUSED and again.errcode == 40099
    assert again.verdict is Verdict.ALREADY_REDEEMED


@pytest.mark.parametrize("fault", ["drop_after_commit", "busy_after_commit"])
def test_lost_consume_answer_is_settled_by_rereading(sim, flow, journal, fault):
    code = sim.demo_code("groupon")
    lookup = flow.lookup(code)
    sim.inject("/card/code/consume", fault)
    seen = []
    result = flow.redeem(lookup, on_ambiguous=lambda: seen.append("confirming"))
    assert seen == ["confirming"]
    assert result.outcome is Outcome.REDEEMED and result.confirmed_by_reread
    assert [c.path for c in sim.calls].count("/card/code/consume") == 1
    assert sim.calls[-1].path == "/card/code/get" and sim.calls[-1].body["check_consume"] is False
    assert journal.events[-1][2] is Outcome.REDEEMED


def test_lost_request_that_never_happened_is_reported_as_not_redeemed_after_its_deadline(sim, client, journal):
    now = [time.time()]
    flow = Workflow(client, journal, settle_delay=0.0, clock=lambda: now[0])
    code = sim.demo_code("general")
    lookup = flow.lookup(code)
    sim.inject("/card/code/consume", "drop_before")
    result = flow.redeem(lookup)
    # Unchanged right after: the request could still arrive (a relay holding it) — never "not redeemed" yet.
    assert result.outcome is Outcome.PENDING
    assert flow.settle_deadline(result) == settle_after(now[0])
    now[0] = flow.settle_deadline(result) - 1
    assert flow.confirm(result).outcome is Outcome.PENDING
    now[0] += 1
    result = flow.confirm(result)
    assert result.outcome is Outcome.ERROR and result.confirmed_by_reread
    assert "NOT redeemed" in result.message
    assert sim.code_status(code) == "NORMAL"
    assert [c.path for c in sim.calls].count("/card/code/consume") == 1


def test_slow_consume_past_the_read_timeout_is_confirmed_as_redeemed(sim, demo_credentials, journal):
    timeout = httpx.Timeout(connect=1.0, read=0.3, write=1.0, pool=1.0)
    with WeChatClient(sim.base_url, demo_credentials, timeout=timeout, backoff=0.01) as c:
        flow = Workflow(c, journal, settle_delay=1.0)
        code = sim.demo_code("discount")
        lookup = flow.lookup(code)
        sim.inject("/card/code/consume", "delay", delay=0.6)
        result = flow.redeem(lookup)
    assert result.outcome is Outcome.REDEEMED and result.confirmed_by_reread


def test_answer_lost_and_service_gone_stays_pending_then_confirms(sim, flow, journal):
    code = sim.demo_code("cash")
    lookup = flow.lookup(code)
    sim.inject("/card/code/consume", "drop_after_commit")
    sim.inject("/card/code/get", "http_500", times=3)  # the re-read fails too
    pending = flow.redeem(lookup)
    assert pending.outcome is Outcome.PENDING and pending.attempt_id
    assert not any(e[0] == "complete" for e in journal.events)  # nothing claimed yet
    assert journal.events[-1] == ("release", pending.attempt_id)  # reconciliation may settle it too
    done = flow.confirm(pending)
    assert done.outcome is Outcome.REDEEMED
    assert journal.events[-1] == ("complete", pending.attempt_id, Outcome.REDEEMED)


def test_no_connection_on_redeem_says_nothing_was_redeemed(sim, flow):
    lookup = flow.lookup(sim.demo_code("cash"))
    sim.stop()
    result = flow.redeem(lookup)
    assert result.outcome is Outcome.ERROR and "nothing was redeemed" in result.message


def test_consume_outside_validity_is_refused_with_the_reason(sim, flow):
    lookup = flow.lookup(sim.demo_code("cash"))
    sim.advance(30 * 86400)  # the coupon ran out while the customer waited
    result = flow.redeem(lookup)
    assert result.outcome is Outcome.REFUSED and result.verdict is Verdict.EXPIRED


def test_invalidate_with_reason(sim, flow, journal):
    code = sim.demo_code("discount")
    result = flow.invalidate(flow.lookup(code), "  customer returned   the goods ")
    assert result.outcome is Outcome.INVALIDATED and result.verdict is Verdict.UNAVAILABLE
    assert sim.code_status(code) == "UNAVAILABLE"
    sent = [c for c in sim.calls if c.path == "/card/code/unavailable"]
    assert sent[0].body["reason"] == "customer returned the goods"
    assert journal.events[-1][2] is Outcome.INVALIDATED


@pytest.mark.parametrize("reason", ["", "   ", "x" * 65])
def test_invalidate_reason_is_required_and_short(sim, flow, reason):
    lookup = flow.lookup(sim.demo_code("discount"))
    with pytest.raises(InputError):
        flow.invalidate(lookup, reason)
    assert all(c.path != "/card/code/unavailable" for c in sim.calls)


def test_lost_unavailable_answer_is_settled(sim, flow):
    code = sim.demo_code("gift")
    lookup = flow.lookup(code)
    sim.inject("/card/code/unavailable", "drop_after_commit")
    result = flow.invalidate(lookup, "refund")
    assert result.outcome is Outcome.INVALIDATED and result.confirmed_by_reread


def test_lost_answer_then_an_error_on_the_reread_stays_confirming(sim, flow, journal):
    """A quota error on the re-read says nothing about the code: never report "not redeemed"."""
    code = sim.demo_code("cash")
    lookup = flow.lookup(code)
    sim.inject("/card/code/consume", "drop_after_commit")
    sim.inject("/card/code/get", "errcode", errcode=45009)
    pending = flow.redeem(lookup)
    assert sim.code_status(code) == "CONSUMED"
    assert pending.outcome is Outcome.PENDING
    assert not any(e[0] == "complete" for e in journal.events)
    assert flow.confirm(pending).outcome is Outcome.REDEEMED


def test_lookup_without_an_answer_says_nothing_changed(sim, flow):
    sim.inject("/card/code/get", "drop_before", times=5)
    result = flow.lookup(sim.demo_code("cash"))
    assert result.outcome is Outcome.ERROR and result.verdict is Verdict.ERROR
    assert result.message == "WeChat did not answer in time. Nothing was changed; try again."


def test_a_record_that_cannot_be_written_after_a_consume_still_tells_the_truth(sim, client, tmp_path):
    """Issue 14 #5: the write lock is held when the outcome row is written: the consume went through."""
    import sqlite3
    import threading

    from pos_app import counter
    from pos_app.journal import Journal
    from pos_app.journal.reconcile import reconcile

    path = tmp_path / "journal.sqlite3"
    code = sim.demo_code("cash")
    with Journal.open(path) as journal:
        journal.connection.execute("PRAGMA busy_timeout = 300")  # 30 s in production; same failure, sooner
        flow = Workflow(client, journal, settle_delay=0.0)
        till = counter.Counter(cashier="Li")
        (lookup_effect,) = [e for e in till.handle(counter.Scanned(code)) if isinstance(e, counter.Lookup)]
        till.handle(counter.perform(flow, lookup_effect))
        (consume,) = [e for e in till.handle(counter.RedeemPressed()) if isinstance(e, counter.Consume)]
        sim.inject("/card/code/consume", "delay", delay=0.5)
        blocker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        locked = threading.Event()

        def lock_once_sent() -> None:
            deadline = time.monotonic() + 10
            while not sim.calls_to("/card/code/consume") and time.monotonic() < deadline:
                time.sleep(0.01)
            blocker.execute("BEGIN IMMEDIATE")  # another process holds the journal's write lock
            locked.set()

        threading.Thread(target=lock_once_sent, daemon=True).start()
        event = counter.perform(flow, consume)
        assert locked.is_set()
        assert isinstance(event, counter.ActionDone)
        assert event.result.outcome is Outcome.REDEEMED and "locked" in event.record_error
        view = [e for e in till.handle(event) if isinstance(e, counter.Show)][-1].view
        assert view.state is counter.State.DONE and view.notice is counter.Notice.RECORD_NOT_WRITTEN
        assert sim.code_status(code) == "CONSUMED"
        blocker.execute("ROLLBACK")
        blocker.close()
    with Journal.open(path) as later:  # the next start records it
        (res,) = reconcile(later, lambda c, k: client.get_code(c, k, check_consume=False))
        assert res.outcome is Outcome.REDEEMED and later.pending() == []
