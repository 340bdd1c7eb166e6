"""The counter model with a chain's hub: "Already redeemed at Store 12, counter 3, by Li, 14:02" and the
store rule.  Plain Python, no Qt, no network; the hub's answer shapes are parsed by the real client parser."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from pos_app import counter as c
from pos_app.chain import chain_note, change_phrase
from pos_app.client import parse_chain_change, parse_code_info
from pos_app.i18n import translate
from pos_app.models import Action, ChainChange, CodeInfo, CodeStatus, Outcome, Result, Verdict
from pos_app.policy import Hold
from pos_app.workflow import verdict_for
from tests.test_counter import T0, Clock, card, looked_up, of, one, show


def zh(context: str, text: str) -> str:
    return translate(context, text, "zh_CN")


def en(context: str, text: str) -> str:
    return translate(context, text, "en")


def hhmm(ts: float) -> str:
    return datetime.fromtimestamp(ts).strftime("%H:%M")


def code_get_answer(**hub: object) -> dict[str, object]:
    """code/get as the hub relays it: WeChat's answer plus the hub's fields (pos_app/hub/relay.py)."""
    return {
        "errcode": 0,
        "errmsg": "ok",
        "openid": "o1",
        "card": {"card_id": "pCASH", "begin_time": 0, "end_time": 2147483647},
        "user_card_status": "CONSUMED",
        "can_consume": False,
        **hub,
    }


def redeemed_elsewhere(code: str, change: ChainChange) -> Result:
    info = CodeInfo(code, "pCASH", CodeStatus.CONSUMED, False, chain_change=change)
    return Result(
        Action.LOOKUP, code, "pCASH", Verdict.ALREADY_REDEEMED, Outcome.NOT_REDEEMABLE, info=info, card=card()
    )


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def till(clock) -> c.Counter:
    return c.Counter(cashier="Wang", clock=clock)


# --- parsing the hub's fields ----------------------------------------------------------------------------


def test_the_hubs_fields_are_parsed_from_code_get():
    at = T0 - 600
    where = {"action": "redeem", "store_id": "12", "store_name": "Store 12", "terminal": "3", "cashier": "Li", "at": at}
    info = parse_code_info("880000000001", None, code_get_answer(hub_changed=where, hub_store_allowed=True))
    assert info.chain_change == ChainChange(Action.REDEEM, "12", "Store 12", "3", "Li", at)
    assert info.store_allowed is True
    plain = parse_code_info("880000000001", None, code_get_answer())  # WeChat itself: no hub, nothing said
    assert plain.chain_change is None and plain.store_allowed is None


@pytest.mark.parametrize(
    "raw",
    [None, "Store 12", ["redeem"], 12],
)
def test_a_malformed_hub_changed_is_no_change(raw):
    assert parse_chain_change(raw) is None


def test_what_the_hub_does_not_know_stays_unknown():
    change = parse_chain_change({"action": "teleport", "store_id": 12, "at": "14:02", "cashier": None})
    assert change == ChainChange(None, "12", "", "", "", None)
    assert parse_chain_change({"action": "redeem", "at": True}).at is None  # a bool is not a moment
    weird = parse_code_info("880000000001", None, code_get_answer(hub_store_allowed="no"))
    assert weird.store_allowed is None  # only a real boolean decides


# --- the sentence ------------------------------------------------------------------------------------


def test_redeemed_elsewhere_today_names_store_counter_cashier_and_time(till, clock):
    at = clock() - 600
    show(
        till,
        "880000000001",
        redeemed_elsewhere("880000000001", ChainChange(Action.REDEEM, "12", "Store 12", "3", "Li", at)),
    )
    view = till.view()
    assert view.chain is not None
    assert view.chain.render(en) == f"Already redeemed at Store 12, counter 3, by Li, {hhmm(at)}."
    assert not view.can_redeem


def test_the_date_is_added_when_it_was_not_today(clock):
    at = clock() - 3 * 86400
    text = change_phrase(ChainChange(Action.REDEEM, "12", "Store 12", "3", "Li", at), clock()).render(en)
    moment = datetime.fromtimestamp(at)
    assert f"{moment.day} {moment.strftime('%b')}" in text and hhmm(at) in text, text


def test_what_is_unknown_is_said_never_invented(clock):
    text = change_phrase(ChainChange(Action.REDEEM), clock()).render(en)
    assert text == (
        "Already redeemed at a store the hub does not name, counter not known, cashier not known yet, time not known."
    )
    no_cashier = change_phrase(ChainChange(Action.REDEEM, "12", "Store 12", "3", "", clock()), clock()).render(en)
    assert "cashier not known yet" in no_cashier and " by " not in no_cashier
    only_id = change_phrase(ChainChange(Action.REDEEM, "12", "", "3", "Li", None), clock()).render(en)
    assert only_id.startswith("Already redeemed at 12, counter 3, by Li,")  # the hub's id when it has no name


def test_made_unavailable_and_counter_names_read_naturally(clock):
    change = ChainChange(Action.INVALIDATE, "7", "Store 7", "counter-1", "Chen", clock())
    assert (
        change_phrase(change, clock()).render(en)
        == f"Made unavailable at Store 7, counter-1, by Chen, {hhmm(clock())}."
    )


def test_the_sentence_in_chinese(clock):
    change = ChainChange(Action.REDEEM, "12", "Store 12", "3", "", clock())
    text = change_phrase(change, clock()).render(zh)
    assert "Store 12" in text and hhmm(clock()) in text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text) and "redeemed" not in text, text


def test_no_hub_no_sentence(till):
    show(till, "880000000002", looked_up("880000000002", Verdict.ALREADY_REDEEMED))
    assert till.view().chain is None
    assert chain_note(None, T0) is None


def test_the_sentence_belongs_to_the_shown_code_only(till):
    change = ChainChange(Action.REDEEM, "12", "Store 12", "3", "Li", T0)
    show(till, "880000000001", redeemed_elsewhere("880000000001", change))
    show(till, "880000000002")  # the next scan: its own screen, no sentence from the last one
    view = till.view()
    assert view.code == "880000000002" and view.chain is None and view.can_redeem


# --- the store rule ------------------------------------------------------------------------------------


def not_here(code: str) -> Result:
    info = CodeInfo(code, "pCASH", CodeStatus.NORMAL, True, store_allowed=False)
    verdict = verdict_for(info, T0, card())
    return Result(Action.LOOKUP, code, "pCASH", verdict, Outcome.NOT_REDEEMABLE, info=info, card=card())


def test_a_card_this_store_may_not_redeem_is_refused_and_f9_does_nothing(till):
    result = not_here("880000000003")
    assert result.verdict is Verdict.STORE_NOT_ALLOWED
    show(till, result.code, result)
    view = till.view()
    assert not view.can_redeem and not view.can_invalidate
    assert view.policy is not None and view.policy.hold is Hold.STORE_RULE and view.policy.deductible_fen == 0
    effects = till.handle(c.RedeemPressed())
    assert one(effects, c.Notify).notice is c.Notice.STORE_RULE
    assert one(effects, c.Play).sound is c.Sound.REFUSAL
    assert not of(effects, c.Consume) and not of(effects, c.AskManager)
    # A manager cannot override a chain rule: the hub would refuse it anyway.
    till.handle(c.ManagerApproved(c.Approval.OVERRIDE))
    assert not of(till.handle(c.RedeemPressed()), c.Consume)


def test_the_store_rule_never_hides_a_stronger_verdict():
    info = CodeInfo("880000000004", "pCASH", CodeStatus.CONSUMED, False, store_allowed=False)
    assert verdict_for(info, T0, card()) is Verdict.ALREADY_REDEEMED
    expired = CodeInfo("880000000004", "pCASH", CodeStatus.NORMAL, True, end_time=int(T0) - 10, store_allowed=False)
    assert verdict_for(expired, T0, card()) is Verdict.EXPIRED


def test_a_store_the_hub_allows_redeems_as_usual(till):
    info = replace(looked_up("880000000005").info, store_allowed=True)
    assert verdict_for(info, T0, card()) is Verdict.REDEEMABLE
    show(till, "880000000005", replace(looked_up("880000000005"), info=info))
    assert one(till.handle(c.RedeemPressed()), c.Consume).target.code == "880000000005"
