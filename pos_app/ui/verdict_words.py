"""The verdict in the cashier's words: one word, a colour and an icon per verdict, what to do next, and
the headline of a result (what was done, else the verdict) - for coupons, tickets and member cards.

Texts are translated when called (``QCoreApplication.translate``), so they follow a language switch.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from pos_app.models import Action, CardKind, CodeStatus, Outcome, Result, Verdict
from pos_app.ui.style import AMBER, BLUE, GREEN, GREY, RED, Icon, Look


def message_text(message: str, errcode: int | None) -> str:
    """A core message (context "messages") in the current language, with its errcode filled in."""
    text = QCoreApplication.translate("messages", message)
    return text.replace("{errcode}", str(errcode)) if "{errcode}" in text else text


# The one word per verdict.  Literal tr strings via QT_TRANSLATE_NOOP-like lambdas so lupdate sees them.
VERDICT_WORDS: dict[Verdict, Callable[[], str]] = {
    Verdict.REDEEMABLE: lambda: QCoreApplication.translate("ResultPanel", "Redeemable"),
    Verdict.ALREADY_REDEEMED: lambda: QCoreApplication.translate("ResultPanel", "Already redeemed"),
    Verdict.EXPIRED: lambda: QCoreApplication.translate("ResultPanel", "Expired"),
    Verdict.NOT_YET_VALID: lambda: QCoreApplication.translate("ResultPanel", "Not yet valid"),
    Verdict.GIFTED: lambda: QCoreApplication.translate("ResultPanel", "Gifted"),
    Verdict.DELETED: lambda: QCoreApplication.translate("ResultPanel", "Deleted"),
    Verdict.UNAVAILABLE: lambda: QCoreApplication.translate("ResultPanel", "Unavailable"),
    Verdict.INVALID_CODE: lambda: QCoreApplication.translate("ResultPanel", "Invalid code"),
    Verdict.MEMBER_CARD: lambda: QCoreApplication.translate("ResultPanel", "Member card"),
    Verdict.UNKNOWN_CARD_TYPE: lambda: QCoreApplication.translate("ResultPanel", "Unknown card type"),
    Verdict.STORE_NOT_ALLOWED: lambda: QCoreApplication.translate("ResultPanel", "Not at this store"),
    Verdict.ERROR: lambda: QCoreApplication.translate("ResultPanel", "Error"),
}

VERDICT_LOOKS: dict[Verdict, Look] = {
    Verdict.REDEEMABLE: Look(GREEN, Icon.OK),
    Verdict.ALREADY_REDEEMED: Look(RED, Icon.STOP),
    Verdict.EXPIRED: Look(RED, Icon.STOP),
    Verdict.NOT_YET_VALID: Look(AMBER, Icon.WAIT),
    Verdict.GIFTED: Look(RED, Icon.STOP),
    Verdict.DELETED: Look(RED, Icon.STOP),
    Verdict.UNAVAILABLE: Look(RED, Icon.STOP),
    Verdict.INVALID_CODE: Look(RED, Icon.STOP),
    Verdict.MEMBER_CARD: Look(BLUE, Icon.INFO),  # information, not a refusal: it is never redeemed here
    Verdict.UNKNOWN_CARD_TYPE: Look(RED, Icon.STOP),
    Verdict.STORE_NOT_ALLOWED: Look(RED, Icon.STOP),
    Verdict.ERROR: Look(AMBER, Icon.WARN),
}

# Hints under verdicts that need one: what the cashier does next.
VERDICT_HINTS: dict[Verdict, Callable[[], str]] = {
    Verdict.ALREADY_REDEEMED: lambda: QCoreApplication.translate(
        "ResultPanel", "This coupon cannot be used again. Do not give the discount."
    ),
    Verdict.EXPIRED: lambda: QCoreApplication.translate(
        "ResultPanel", "The coupon's validity has ended. Do not give the discount."
    ),
    Verdict.NOT_YET_VALID: lambda: QCoreApplication.translate(
        "ResultPanel", "The coupon cannot be used yet. Ask the customer to come back when it is valid."
    ),
    Verdict.GIFTED: lambda: QCoreApplication.translate(
        "ResultPanel", "The customer gave this coupon to someone else. It cannot be used here."
    ),
    Verdict.DELETED: lambda: QCoreApplication.translate(
        "ResultPanel", "The customer deleted this coupon. It cannot be used."
    ),
    Verdict.UNAVAILABLE: lambda: QCoreApplication.translate(
        "ResultPanel", "This coupon was marked unavailable. It cannot be used."
    ),
    Verdict.STORE_NOT_ALLOWED: lambda: QCoreApplication.translate(
        "ResultPanel",
        "This store may not redeem this coupon (chain rule). Do not give the discount; the customer may "
        "use it at a store of the chain that accepts it.",
    ),
}


def is_ticket(result: Result | None) -> bool:
    return result is not None and result.card is not None and result.card.kind is CardKind.TICKET


def verdict_word(result: Result) -> tuple[Look, str]:
    """The verdict's word; a gift that timed out is told apart from one still being given; a ticket
    reads "Admit" / "Already checked in"."""
    status = result.info.status if result.info is not None else None
    if is_ticket(result) and result.verdict is Verdict.REDEEMABLE:
        return Look(GREEN, Icon.OK), QCoreApplication.translate("ResultPanel", "Admit")
    if is_ticket(result) and result.verdict is Verdict.ALREADY_REDEEMED:
        return Look(RED, Icon.STOP), QCoreApplication.translate("ResultPanel", "Already checked in")
    if result.verdict is Verdict.GIFTED and status is CodeStatus.GIFT_TIMEOUT:
        return Look(RED, Icon.STOP), QCoreApplication.translate("ResultPanel", "Gift timed out")
    if result.verdict is Verdict.GIFTED and status is CodeStatus.GIFTING:
        return Look(RED, Icon.STOP), QCoreApplication.translate("ResultPanel", "Being gifted")
    return VERDICT_LOOKS[result.verdict], VERDICT_WORDS[result.verdict]()


def verdict_hint(result: Result) -> str | None:
    status = result.info.status if result.info is not None else None
    if result.verdict is Verdict.GIFTED and status is CodeStatus.GIFT_TIMEOUT:
        return QCoreApplication.translate(
            "ResultPanel",
            "A gift of this coupon was not accepted in time. It cannot be used now: ask the customer to "
            "check the coupon in WeChat.",
        )
    if result.verdict is Verdict.GIFTED and status is CodeStatus.GIFTING:
        return QCoreApplication.translate(
            "ResultPanel",
            "The customer is giving this coupon to someone else. It cannot be used while the gift is pending.",
        )
    hint = VERDICT_HINTS.get(result.verdict)
    return hint() if hint is not None else None


def headline(result: Result) -> tuple[Look, str]:
    """The header of a result: what was done (redeemed, marked unavailable, not done), else the verdict."""
    tr = QCoreApplication.translate
    if result.outcome is Outcome.REDEEMED and is_ticket(result):
        return Look(GREEN, Icon.OK), tr("ResultPanel", "Checked in")
    if result.outcome is Outcome.REDEEMED:
        return Look(GREEN, Icon.OK), tr("ResultPanel", "Redeemed")
    if result.outcome is Outcome.INVALIDATED:
        return Look(GREY, Icon.STOP), tr("ResultPanel", "Marked unavailable")
    if result.outcome is Outcome.CONSUMED_ELSEWHERE:
        return Look(AMBER, Icon.WARN), tr("ResultPanel", "Used - check first")
    if result.outcome is Outcome.ERROR and result.action is Action.REDEEM:
        return Look(AMBER, Icon.WARN), tr("ResultPanel", "Not redeemed")
    if result.outcome is Outcome.ERROR and result.action is Action.INVALIDATE:
        return Look(AMBER, Icon.WARN), tr("ResultPanel", "Not marked unavailable")
    return verdict_word(result)
