"""Card kinds at the counter: coupons are redeemed, tickets admitted, member cards never consumed here.

Qt-free.  ``kind_of`` decides the kind from card/get (``CardInfo``) and, when that is missing, from what
card/code/get itself shows (a member card's code/get carries membership_number / bonus / balance).  The
messages are English source texts in context "messages" (see pos_app.workflow.VERDICT_MESSAGES).
"""

from __future__ import annotations

from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.models import CardInfo, CardKind, CodeInfo, Verdict

CTX = "messages"

MSG_MEMBER_CARD = N_(CTX, "Member card: shown for information only. Member cards are never redeemed here.")
MSG_UNKNOWN_TYPE = N_(CTX, "Unknown card type — not redeemed here.")
MSG_CHECKED_IN = N_(CTX, "Checked in.")

TICKET_MESSAGES: dict[Verdict, str] = {
    Verdict.REDEEMABLE: N_(CTX, "Admit: this ticket is valid."),
    Verdict.ALREADY_REDEEMED: N_(CTX, "This ticket has already been checked in."),
    Verdict.EXPIRED: N_(CTX, "This ticket has expired."),
    Verdict.NOT_YET_VALID: N_(CTX, "This ticket is not valid yet."),
    Verdict.GIFTED: N_(CTX, "This ticket has been given away and cannot be used by this holder."),
    Verdict.DELETED: N_(CTX, "The holder has deleted this ticket."),
    Verdict.UNAVAILABLE: N_(CTX, "This ticket has been made unavailable."),
}


def kind_of(card: CardInfo | None, info: CodeInfo | None = None) -> CardKind | None:
    """The card's kind; None when card/get could not be read and code/get does not tell."""
    if card is not None:
        return card.kind
    if info is not None and info.looks_like_member_card:
        return CardKind.MEMBER_CARD
    return None


def kind_verdict(card: CardInfo | None, info: CodeInfo | None = None) -> Verdict | None:
    """MEMBER_CARD / UNKNOWN_CARD_TYPE when the kind alone rules redeeming out, else None."""
    kind = kind_of(card, info)
    if kind is CardKind.MEMBER_CARD:
        return Verdict.MEMBER_CARD
    if kind is CardKind.UNKNOWN:
        return Verdict.UNKNOWN_CARD_TYPE
    return None


def message_for(verdict: Verdict, card: CardInfo | None, default: str) -> str:
    """The verdict's message in the card's own words (tickets: "Admit", "checked in")."""
    if verdict is Verdict.MEMBER_CARD:
        return MSG_MEMBER_CARD
    if verdict is Verdict.UNKNOWN_CARD_TYPE:
        return MSG_UNKNOWN_TYPE
    if card is not None and card.kind is CardKind.TICKET:
        return TICKET_MESSAGES.get(verdict, default)
    return default


def done_message(card: CardInfo | None, default: str) -> str:
    """What a successful consume is called: "Checked in." for a ticket, ``default`` otherwise."""
    if card is not None and card.kind is CardKind.TICKET:
        return MSG_CHECKED_IN
    return default
