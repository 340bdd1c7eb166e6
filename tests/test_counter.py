"""The counter model, transition by transition: plain Python, no Qt, no network, no disk."""

from __future__ import annotations

import pytest

from pos_app import counter as c
from pos_app.errors import InputError
from pos_app.models import Action, CardInfo, CardType, CodeInfo, CodeStatus, Outcome, Result, Verdict
from pos_app.rules import CheckKind, CheckState

T0 = 1_780_000_000.0  # a fixed moment (May 2026)


class Clock:
    def __init__(self) -> None:
        self.t = T0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def card(**kw) -> CardInfo:
    base = dict(card_id="pCASH", card_type=CardType.CASH, title="¥50 off", reduce_cost=5000)
    base.update(kw)
    return CardInfo(**base)


def looked_up(code: str, verdict: Verdict = Verdict.REDEEMABLE, the_card: CardInfo | None = None) -> Result:
    status = CodeStatus.NORMAL if verdict is Verdict.REDEEMABLE else CodeStatus.CONSUMED
    info = CodeInfo(code, "pCASH", status, verdict is Verdict.REDEEMABLE)
    outcome = Outcome.REDEEMABLE if verdict is Verdict.REDEEMABLE else Outcome.NOT_REDEEMABLE
    return Result(Action.LOOKUP, code, "pCASH", verdict, outcome, info=info, card=the_card or card())


def acted(target: Result, outcome: Outcome, *, status: CodeStatus | None = None, verdict=Verdict.ERROR) -> Result:
    info = CodeInfo(target.code, target.card_id, status, None) if status else target.info
    return Result(Action.REDEEM, target.code, target.card_id, verdict, outcome, info=info, card=target.card)


def of(effects, kind):
    return [e for e in effects if isinstance(e, kind)]


def one(effects, kind):
    found = of(effects, kind)
    assert len(found) == 1, effects
    return found[0]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def till(clock) -> c.Counter:
    return c.Counter(cashier="Li", clock=clock)


def show(till: c.Counter, code: str, result: Result | None = None) -> Result:
    """Scan ``code`` and let its lookup answer ``result`` (redeemable by default)."""
    lookup = one(till.handle(c.Scanned(code)), c.Lookup)
    result = result or looked_up(code)
    till.handle(c.LookupDone(lookup.lookup_id, result))
    return result


# --- scans and lookups ------------------------------------------------------------------------------


def test_a_scan_starts_a_lookup_and_the_screen_names_its_code(till):
    effects = till.handle(c.Scanned(" 123456789012\n"))
    assert one(effects, c.Lookup).text == " 123456789012\n"
    view = one(effects, c.Show).view
    assert (view.state, view.code) == (c.State.LOOKING_UP, "123456789012")
    assert not view.can_redeem


def test_lookup_done_shows_the_result_adds_a_row_and_plays_ready(till):
    lookup = one(till.handle(c.Scanned("111")), c.Lookup)
    effects = till.handle(c.LookupDone(lookup.lookup_id, looked_up("111")))
    view = one(effects, c.Show).view
    assert (view.state, view.code, view.result.code) == (c.State.SHOWING, "111", "111")
    assert view.can_redeem and view.can_invalidate
    assert one(effects, c.AddToSession).result.code == "111"
    assert one(effects, c.Play).sound is c.Sound.READY


def test_a_not_redeemable_result_plays_refusal_and_allows_nothing(till):
    effects = []
    lookup = one(till.handle(c.Scanned("222")), c.Lookup)
    effects = till.handle(c.LookupDone(lookup.lookup_id, looked_up("222", Verdict.ALREADY_REDEEMED)))
    assert one(effects, c.Play).sound is c.Sound.REFUSAL
    assert not till.can_redeem
    assert till.policy is not None and till.policy.deductible_fen == 0
    assert till.policy.hold is c.Hold.NOT_REDEEMABLE


def test_an_answer_for_an_abandoned_lookup_is_ignored(till):
    lookup = one(till.handle(c.Scanned("111")), c.Lookup)
    effects = till.handle(c.Cancelled())
    assert one(effects, c.Abandon).lookup_id == lookup.lookup_id
    assert one(effects, c.Notify).notice is c.Notice.LOOKUP_ABANDONED
    assert till.state is c.State.READY
    assert till.handle(c.LookupDone(lookup.lookup_id, looked_up("111"))) == []
    assert till.state is c.State.READY and till.current is None


def test_scans_while_busy_are_queued_in_order_and_the_last_screen_names_the_last_scan(till, clock):
    first = one(till.handle(c.Scanned("1001")), c.Lookup)
    for code in ("1002", "1003", "1004"):
        clock.advance(0.3)
        effects = till.handle(c.Scanned(code))
        assert one(effects, c.Notify).notice is c.Notice.QUEUED
        assert of(effects, c.Lookup) == []
    assert till.queued == ("1002", "1003", "1004")
    assert till.view().code == "1001"  # still looking up the first one, and saying so
    sent = [first.text]
    pending = first
    while pending is not None:
        effects = till.handle(c.LookupDone(pending.lookup_id, looked_up(pending.text)))
        assert one(effects, c.AddToSession).result.code == pending.text
        nxt = of(effects, c.Lookup)
        pending = nxt[0] if nxt else None
        if pending is not None:
            sent.append(pending.text)
            assert of(effects, c.Show)[-1].view.code == pending.text
            assert not of(effects, c.Show)[-1].view.can_redeem  # never act on a coupon while the next is looked up
    assert sent == ["1001", "1002", "1003", "1004"]
    assert (till.state, till.view().code, till.current.code) == (c.State.SHOWING, "1004", "1004")


def test_ten_codes_at_scanner_speed_all_reach_a_lookup_whole_and_in_order(till, clock):
    codes = [f"{n:012d}" for n in range(10)]
    lookups = []
    for code in codes:
        lookups += of(till.handle(c.Scanned(code)), c.Lookup)
        clock.advance(0.065)  # 13 keys at 5 ms
    while lookups:
        done = lookups.pop(0)
        lookups += of(till.handle(c.LookupDone(done.lookup_id, looked_up(done.text))), c.Lookup)
        codes_seen = done.text
        assert codes_seen == codes.pop(0)
    assert codes == [] and till.view().code == f"{9:012d}"


def test_the_same_code_within_the_repeat_window_while_busy_is_not_queued_twice(till, clock):
    till.handle(c.Scanned("1001"))
    clock.advance(1)
    effects = till.handle(c.Scanned("1001"))
    assert one(effects, c.Notify).notice is c.Notice.SAME_CODE_AGAIN
    assert till.queued == ()
    till.handle(c.Scanned("1002"))
    clock.advance(1)
    till.handle(c.Scanned("1002"))
    clock.advance(c.REPEAT_WINDOW_S + 1)
    till.handle(c.Scanned("1002"))  # outside the window: a new scan of its own
    assert till.queued == ("1002", "1002")


def test_different_codes_are_never_merged_even_when_fast(till):
    till.handle(c.Scanned("1001"))
    till.handle(c.Scanned("1002"))
    till.handle(c.Scanned("1001"))
    assert till.queued == ("1002", "1001")


def test_a_full_queue_refuses_the_scan_with_a_notice_and_a_sound(clock):
    till = c.Counter(cashier="Li", clock=clock, max_queue=2)
    till.handle(c.Scanned("1"))
    till.handle(c.Scanned("2"))
    till.handle(c.Scanned("3"))
    effects = till.handle(c.Scanned("4"))
    assert one(effects, c.Notify) == c.Notify(c.Notice.QUEUE_FULL, "4")
    assert one(effects, c.Play).sound is c.Sound.REFUSAL
    assert till.queued == ("2", "3")


def test_the_same_code_again_while_showing_shows_the_last_result_without_asking(till, clock):
    show(till, "111")
    clock.advance(2)
    effects = till.handle(c.Scanned("111"))
    assert of(effects, c.Lookup) == []
    assert one(effects, c.Show).view.notice is c.Notice.SAME_CODE_AGAIN
    clock.advance(c.REPEAT_WINDOW_S + 0.5)
    assert one(till.handle(c.Scanned("111")), c.Lookup).text == "111"


def test_the_same_code_again_after_an_error_asks_again(till, clock):
    error = Result(Action.LOOKUP, "111", None, Verdict.ERROR, Outcome.ERROR)
    show(till, "111", error)
    clock.advance(1)
    assert one(till.handle(c.Scanned("111")), c.Lookup).text == "111"


def test_a_new_code_while_showing_replaces_the_screen(till):
    show(till, "111")
    effects = till.handle(c.Scanned("222"))
    assert one(effects, c.Lookup).text == "222"
    assert till.current is None and till.view().code == "222" and not till.can_redeem


def test_a_poster_seen_by_the_camera_is_ignored_quietly(till):
    show(till, "111")
    effects = till.handle(c.Scanned("欢迎光临本店", c.ScanSource.CAMERA))
    assert effects == [c.Notify(c.Notice.NOT_A_CODE)]
    assert till.current.code == "111" and till.state is c.State.SHOWING


def test_typed_junk_is_refused_locally_with_a_sound(till):
    effects = till.handle(c.Scanned("12345678901234567890123"))
    assert of(effects, c.Lookup) == []
    view = one(effects, c.Show).view
    assert view.notice is c.Notice.INVALID_INPUT and view.result.verdict is Verdict.INVALID_CODE
    assert one(effects, c.Play).sound is c.Sound.REFUSAL


def test_junk_while_busy_does_not_replace_the_screen(till):
    till.handle(c.Scanned("111"))
    effects = till.handle(c.Scanned("二维码"))
    assert one(effects, c.Notify).notice is c.Notice.INVALID_INPUT
    assert till.state is c.State.LOOKING_UP and till.queued == ()


def test_empty_input_does_nothing(till):
    assert till.handle(c.Scanned("  \n")) == []


def test_lookup_failures_become_a_screen_that_names_the_code(till):
    lookup = one(till.handle(c.Scanned("111")), c.Lookup)
    effects = till.handle(c.LookupFailed(lookup.lookup_id, RuntimeError("bug")))
    view = one(effects, c.Show).view
    assert (view.code, view.notice, view.result.verdict) == ("111", c.Notice.BUG, Verdict.ERROR)
    lookup = one(till.handle(c.Scanned("222")), c.Lookup)
    effects = till.handle(c.LookupFailed(lookup.lookup_id, InputError("not a code")))
    assert one(effects, c.Show).view.notice is c.Notice.INVALID_INPUT
    assert one(effects, c.Play).sound is c.Sound.REFUSAL


def test_a_card_link_is_looked_up_by_its_text_and_named_by_the_decrypted_code(till):
    link = "https://example.com/?encrypt_code=AbC%2B1&card_id=pCASH"
    lookup = one(till.handle(c.Scanned(link)), c.Lookup)
    assert lookup.text == link
    till.handle(c.LookupDone(lookup.lookup_id, looked_up("987654321098")))
    assert till.view().code == "987654321098"


# --- order total and policy -------------------------------------------------------------------------


def test_order_total_never_starts_a_lookup_and_updates_the_deduction(till):
    show(till, "111", looked_up("111", the_card=card(least_cost=50000)))
    policy = till.policy
    assert policy.hold is c.Hold.ORDER_TOTAL_NEEDED and policy.deductible_fen == 0
    effects = till.handle(c.OrderTotal(45000))
    assert of(effects, c.Lookup) == []
    policy = one(effects, c.Show).view.policy
    assert [x.kind for x in policy.failed] == [CheckKind.MINIMUM_SPEND]
    assert policy.hold is c.Hold.CONDITION_FAILED and policy.deduction is None and policy.deductible_fen == 0
    policy = one(till.handle(c.OrderTotal(52000)), c.Show).view.policy
    assert policy.failed == () and policy.deductible_fen == 5000 and policy.deduction.to_pay_fen == 47000
    assert till.handle(c.OrderTotal(52000)) == []  # unchanged: nothing to redraw


def test_order_total_while_looking_up_is_kept_quiet(till):
    till.handle(c.Scanned("111"))
    assert till.handle(c.OrderTotal(100)) == []


def test_no_deduction_is_shown_for_a_failed_condition_unless_overridden(till):
    other_store = card(location_ids=(1,), least_cost=None)
    till.store_location_id = 2
    show(till, "111", looked_up("111", the_card=other_store))
    assert [x.state for x in till.policy.failed] == [CheckState.FAIL]
    assert till.policy.deductible_fen == 0 and till.policy.needs_override
    till.handle(c.ManagerApproved(c.Approval.OVERRIDE))
    assert till.policy.overridden and till.policy.deductible_fen == 5000
    assert till.policy.override_note() == "override: Not valid at this store"


def test_discount_needs_the_order_total(till):
    show(till, "111", looked_up("111", the_card=card(card_type=CardType.DISCOUNT, reduce_cost=None, discount=20)))
    assert till.policy.hold is c.Hold.ORDER_TOTAL_NEEDED
    till.handle(c.OrderTotal(10000))
    assert till.policy.deductible_fen == 2000 and till.policy.hold is None


def test_a_gift_has_nothing_to_deduct(till):
    show(till, "111", looked_up("111", the_card=card(card_type=CardType.GIFT, reduce_cost=None, gift="Coffee")))
    assert till.policy.hold is c.Hold.NO_AMOUNT and till.can_redeem


def test_a_new_code_resets_order_total_and_override(till):
    till.store_location_id = 2
    show(till, "111", looked_up("111", the_card=card(location_ids=(1,))))
    till.handle(c.OrderTotal(9000))
    till.handle(c.ManagerApproved(c.Approval.OVERRIDE))
    show(till, "222", looked_up("222", the_card=card(location_ids=(1,))))
    assert till.order_total_fen is None and till.policy.needs_override


def test_store_change_reevaluates_the_conditions(till):
    show(till, "111", looked_up("111", the_card=card(location_ids=(1,))))
    assert till.policy.unknown and not till.policy.failed
    view = one(till.handle(c.StoreChanged(2)), c.Show).view
    assert view.policy.failed


# --- F9 ---------------------------------------------------------------------------------------------


def test_f9_consumes_the_shown_coupon_once(till):
    target = show(till, "111")
    effects = till.handle(c.RedeemPressed())
    consume = one(effects, c.Consume)
    assert consume.target is target and consume.override == ""
    assert one(effects, c.Show).view.state is c.State.REDEEMING
    assert till.handle(c.RedeemPressed()) == []  # a second press while it runs does nothing
    assert till.handle(c.InvalidatePressed("x")) == []


def test_no_redeem_without_a_cashier(clock):
    till = c.Counter(clock=clock)
    show(till, "111")
    assert not till.can_redeem
    effects = till.handle(c.RedeemPressed())
    assert of(effects, c.Consume) == []
    assert one(effects, c.Notify).notice is c.Notice.NO_CASHIER
    assert of(effects, c.AskCashier)
    till.handle(c.CashierChanged("Wang"))
    assert one(till.handle(c.RedeemPressed()), c.Consume)


def test_f9_on_a_coupon_that_cannot_be_redeemed_is_refused(till):
    assert one(till.handle(c.RedeemPressed()), c.Notify).notice is c.Notice.NOT_REDEEMABLE  # nothing shown
    show(till, "111", looked_up("111", Verdict.EXPIRED))
    effects = till.handle(c.RedeemPressed())
    assert of(effects, c.Consume) == [] and one(effects, c.Notify).notice is c.Notice.NOT_REDEEMABLE


def test_f9_while_looking_up_does_nothing(till):
    show(till, "111")
    till.handle(c.Scanned("222"))
    assert till.handle(c.RedeemPressed()) == []


def test_f9_offline_is_refused(till):
    show(till, "111")
    till.handle(c.ConnectivityChanged(False))
    assert not till.view().online
    assert one(till.handle(c.RedeemPressed()), c.Notify).notice is c.Notice.OFFLINE
    assert till.handle(c.ConnectivityChanged(False)) == []
    till.handle(c.ConnectivityChanged(True))
    assert one(till.handle(c.RedeemPressed()), c.Consume)


def test_a_failed_condition_asks_the_manager_and_redeems_with_the_override_recorded(till):
    till.store_location_id = 2
    show(till, "111", looked_up("111", the_card=card(location_ids=(1,))))
    ask = one(till.handle(c.RedeemPressed()), c.AskManager)
    assert ask.what is c.Approval.OVERRIDE and [x.kind for x in ask.failed] == [CheckKind.STORE]
    effects = till.handle(c.ManagerApproved(c.Approval.OVERRIDE))
    assert one(effects, c.Consume).override == "override: Not valid at this store"


def test_a_declined_override_redeems_nothing(till):
    till.store_location_id = 2
    show(till, "111", looked_up("111", the_card=card(location_ids=(1,))))
    till.handle(c.RedeemPressed())
    effects = till.handle(c.ManagerDeclined(c.Approval.OVERRIDE))
    assert effects == [c.Notify(c.Notice.MANAGER_DECLINED, "111")]
    assert till.state is c.State.SHOWING and till.policy.needs_override
    assert till.handle(c.ManagerDeclined(c.Approval.OVERRIDE)) == []


def test_an_approval_that_arrives_after_the_screen_changed_does_nothing(till):
    till.store_location_id = 2
    show(till, "111", looked_up("111", the_card=card(location_ids=(1,))))
    till.handle(c.RedeemPressed())
    till.handle(c.Scanned("222"))
    assert till.handle(c.ManagerApproved(c.Approval.OVERRIDE)) == []


def test_redeemed_shows_the_band_then_ready(till, clock):
    target = show(till, "111")
    till.handle(c.OrderTotal(8000))
    consume = one(till.handle(c.RedeemPressed()), c.Consume)
    done = acted(target, Outcome.REDEEMED, status=CodeStatus.CONSUMED, verdict=Verdict.ALREADY_REDEEMED)
    effects = till.handle(c.ActionDone(consume.action_id, done))
    view = one(effects, c.Show).view
    assert view.state is c.State.DONE and view.code == "111" and not view.can_redeem
    assert view.policy.deductible_fen == 5000  # what to take off stays on screen with the band
    assert one(effects, c.Play).sound is c.Sound.SUCCESS
    assert one(effects, c.AddToSession).result is done
    assert till.next_due == clock.t + c.BAND_SECONDS
    clock.advance(2)
    assert till.handle(c.Scanned("111")) == []  # the same phone again: the band stays
    assert till.handle(c.Tick()) == []
    clock.advance(c.BAND_SECONDS)
    view = one(till.handle(c.Tick()), c.Show).view
    assert (view.state, view.code) == (c.State.READY, "")
    assert one(till.handle(c.Scanned("111")), c.Lookup)  # after the band it is asked again


def test_a_new_scan_during_the_band_starts_at_once(till):
    target = show(till, "111")
    consume = one(till.handle(c.RedeemPressed()), c.Consume)
    till.handle(c.ActionDone(consume.action_id, acted(target, Outcome.REDEEMED)))
    assert one(till.handle(c.Scanned("222")), c.Lookup).text == "222"


def test_a_lost_answer_confirms_by_rereading_until_settled(till, clock):
    target = show(till, "111")
    consume = one(till.handle(c.RedeemPressed()), c.Consume)
    effects = till.handle(c.AnswerLost(consume.action_id))
    assert one(effects, c.Show).view.state is c.State.CONFIRMING and one(effects, c.Play).sound is c.Sound.ERROR
    assert till.handle(c.AnswerLost(consume.action_id)) == []  # once
    pending = acted(target, Outcome.PENDING)
    assert of(till.handle(c.ActionDone(consume.action_id, pending)), c.Play) == []  # amber once only
    assert till.handle(c.Tick()) == []  # not yet
    assert till.handle(c.Cancelled()) == [c.Notify(c.Notice.CANNOT_ABANDON, "111")]
    assert till.handle(c.RedeemPressed()) == []
    clock.advance(c.CONFIRM_RETRY_S)
    reread = one(till.handle(c.Tick()), c.Reread)
    assert reread.pending is pending and reread.action_id == consume.action_id
    assert till.handle(c.Tick()) == []  # one re-read at a time
    till.handle(c.ActionDone(consume.action_id, pending))  # still nothing known
    clock.advance(c.CONFIRM_RETRY_S)
    reread = one(till.handle(c.Tick()), c.Reread)
    effects = till.handle(c.ActionDone(reread.action_id, acted(target, Outcome.REDEEMED)))
    assert one(effects, c.Show).view.state is c.State.DONE


def test_a_failing_reread_keeps_confirming(till, clock):
    target = show(till, "111")
    consume = one(till.handle(c.RedeemPressed()), c.Consume)
    till.handle(c.ActionDone(consume.action_id, acted(target, Outcome.PENDING)))
    clock.advance(c.CONFIRM_RETRY_S)
    one(till.handle(c.Tick()), c.Reread)
    assert till.handle(c.ActionFailed(consume.action_id, RuntimeError("odd"))) == []
    assert till.state is c.State.CONFIRMING
    clock.advance(c.CONFIRM_RETRY_S)
    assert one(till.handle(c.Tick()), c.Reread)


def test_consumed_elsewhere_tells_the_cashier_not_to_give_the_discount(till):
    target = show(till, "111")
    consume = one(till.handle(c.RedeemPressed()), c.Consume)
    elsewhere = acted(target, Outcome.CONSUMED_ELSEWHERE, status=CodeStatus.CONSUMED)
    effects = till.handle(c.ActionDone(consume.action_id, elsewhere))
    view = one(effects, c.Show).view
    assert view.state is c.State.SHOWING and view.notice is c.Notice.CONSUMED_ELSEWHERE
    assert not view.can_redeem and one(effects, c.Play).sound is c.Sound.ERROR


def test_not_delivered_keeps_the_coupon_ready_for_another_try(till):
    target = show(till, "111")
    consume = one(till.handle(c.RedeemPressed()), c.Consume)
    effects = till.handle(c.ActionDone(consume.action_id, acted(target, Outcome.ERROR)))
    view = one(effects, c.Show).view
    assert view.result.outcome is Outcome.ERROR and view.can_redeem  # the screen says why, F9 may try again
    assert one(till.handle(c.RedeemPressed()), c.Consume).target is target


def test_a_refusal_ends_the_target(till):
    target = show(till, "111")
    consume = one(till.handle(c.RedeemPressed()), c.Consume)
    refused = acted(target, Outcome.REFUSED, status=CodeStatus.CONSUMED, verdict=Verdict.ALREADY_REDEEMED)
    effects = till.handle(c.ActionDone(consume.action_id, refused))
    assert one(effects, c.Play).sound is c.Sound.REFUSAL and not till.can_redeem


def test_a_record_that_could_not_be_written_still_shows_the_true_outcome(till):
    target = show(till, "111")
    consume = one(till.handle(c.RedeemPressed()), c.Consume)
    effects = till.handle(c.ActionDone(consume.action_id, acted(target, Outcome.REDEEMED), record_error="disk full"))
    view = one(effects, c.Show).view
    assert view.state is c.State.DONE and view.result.outcome is Outcome.REDEEMED
    assert view.notice is c.Notice.RECORD_NOT_WRITTEN and view.detail == "disk full"


def test_an_unexpected_failure_of_an_action_says_scan_again(till):
    show(till, "111")
    consume = one(till.handle(c.RedeemPressed()), c.Consume)
    effects = till.handle(c.ActionFailed(consume.action_id, RuntimeError("bug")))
    assert one(effects, c.Show).view.notice is c.Notice.BUG and not till.can_redeem
    assert till.handle(c.ActionFailed(consume.action_id, RuntimeError("late"))) == []


def test_a_stale_action_answer_is_ignored(till):
    target = show(till, "111")
    assert till.handle(c.ActionDone(99, acted(target, Outcome.REDEEMED))) == []
    assert till.handle(c.AnswerLost(99)) == []


def test_scans_during_a_redemption_wait_for_it(till):
    target = show(till, "111")
    consume = one(till.handle(c.RedeemPressed()), c.Consume)
    assert one(till.handle(c.Scanned("222")), c.Notify).notice is c.Notice.QUEUED
    effects = till.handle(c.ActionDone(consume.action_id, acted(target, Outcome.REDEEMED)))
    assert one(effects, c.AddToSession).result.outcome is Outcome.REDEEMED
    assert one(effects, c.Lookup).text == "222"
    assert till.view().code == "222"


# --- F10 --------------------------------------------------------------------------------------------


def test_f10_asks_the_manager_then_the_reason_then_marks_unavailable(till):
    target = show(till, "111")
    assert one(till.handle(c.InvalidatePressed()), c.AskManager).what is c.Approval.INVALIDATE
    assert one(till.handle(c.ManagerApproved(c.Approval.INVALIDATE)), c.AskReason).code == "111"
    effects = till.handle(c.InvalidatePressed("  customer   asked "))
    mark = one(effects, c.MarkUnavailable)
    assert (mark.target, mark.reason) == (target, "customer asked")
    assert one(effects, c.Show).view.state is c.State.INVALIDATING
    done = Result(Action.INVALIDATE, "111", "pCASH", Verdict.UNAVAILABLE, Outcome.INVALIDATED, card=target.card)
    effects = till.handle(c.ActionDone(mark.action_id, done))
    assert one(effects, c.Show).view.state is c.State.SHOWING and one(effects, c.Play).sound is c.Sound.SUCCESS
    assert not till.can_invalidate


def test_f10_with_the_reason_given_first_goes_straight_on_after_approval(till):
    show(till, "111")
    till.handle(c.InvalidatePressed("broken phone screen"))
    assert one(till.handle(c.ManagerApproved(c.Approval.INVALIDATE)), c.MarkUnavailable).reason == (
        "broken phone screen"
    )


def test_f10_reason_dialog_cancelled_ends_the_approval(till):
    show(till, "111")
    till.handle(c.InvalidatePressed())
    till.handle(c.ManagerApproved(c.Approval.INVALIDATE))
    assert till.handle(c.ManagerDeclined(c.Approval.INVALIDATE)) == []
    assert one(till.handle(c.InvalidatePressed("reason")), c.AskManager).what is c.Approval.INVALIDATE


def test_f10_rejects_a_bad_reason_and_asks_again(till):
    show(till, "111")
    till.handle(c.ManagerApproved(c.Approval.INVALIDATE))
    effects = till.handle(c.InvalidatePressed("x" * 65))
    assert one(effects, c.Notify).notice is c.Notice.REASON_INVALID and of(effects, c.AskReason)
    assert of(effects, c.MarkUnavailable) == []


def test_f10_needs_a_redeemable_coupon_and_a_cashier(clock):
    till = c.Counter(clock=clock)
    show(till, "111")
    assert of(till.handle(c.InvalidatePressed("r")), c.AskCashier)
    till.handle(c.CashierChanged("Li"))
    show(till, "222", looked_up("222", Verdict.GIFTED))
    assert one(till.handle(c.InvalidatePressed("r")), c.Notify).notice is c.Notice.NOT_REDEEMABLE


def test_esc_while_invalidating_is_refused_and_esc_while_showing_clears(till):
    show(till, "111")
    till.handle(c.ManagerApproved(c.Approval.INVALIDATE))
    till.handle(c.InvalidatePressed("reason"))
    assert one(till.handle(c.Cancelled()), c.Notify).notice is c.Notice.CANNOT_ABANDON


def test_esc_while_showing_clears_and_forgets_the_last_scan(till):
    show(till, "111")
    till.handle(c.Scanned("333"))
    view = one(till.handle(c.Cancelled()), c.Show).view
    assert (view.state, view.code, view.queued) == (c.State.READY, "", ())
    assert one(till.handle(c.Scanned("111")), c.Lookup)  # asked again right away


def test_cashier_change_is_shown(till):
    view = one(till.handle(c.CashierChanged("  Zhang ")), c.Show).view
    assert view.cashier == "Zhang"


def test_unknown_events_are_a_bug():
    with pytest.raises(TypeError):
        c.Counter().handle(object())  # type: ignore[arg-type]


def test_the_model_imports_no_qt():
    import subprocess
    import sys

    code = "import sys, pos_app.counter; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"




def test_an_approval_for_one_code_never_applies_to_the_next(till):
    """F10 on A asks the manager; B is scanned while the dialog is open; the approval must not mark B."""
    show(till, "111111111111")
    asked = one(till.handle(c.InvalidatePressed()), c.AskManager)
    assert (asked.what, asked.code) == (c.Approval.INVALIDATE, "111111111111")
    show(till, "222222222222")
    assert till.handle(c.ManagerApproved(c.Approval.INVALIDATE, asked.code)) == []
    effects = till.handle(c.InvalidatePressed("broken phone screen"))
    assert one(effects, c.AskManager).code == "222222222222"  # B was never approved: asked again
    assert not of(effects, c.MarkUnavailable)


def test_an_override_for_one_code_never_applies_to_the_next(till):
    other_store = card(location_ids=(1,), least_cost=None)
    till.store_location_id = 2
    show(till, "111111111111", looked_up("111111111111", the_card=other_store))
    asked = one(till.handle(c.RedeemPressed()), c.AskManager)
    show(till, "222222222222", looked_up("222222222222", the_card=other_store))
    assert till.handle(c.ManagerApproved(c.Approval.OVERRIDE, asked.code)) == []
    assert not till.policy.overridden and till.policy.deductible_fen == 0
