"""What a coupon is worth, as the journal stores it (fen, percent, text) and as exports print it."""

from __future__ import annotations

from dataclasses import dataclass

from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.i18n import translate
from pos_app.models import CardInfo, CardType

CTX = "journal"
MSG_CASH = N_(CTX, "{amount} off")
MSG_CASH_MIN = N_(CTX, "{amount} off orders of {minimum}")
MSG_DISCOUNT = N_(CTX, "{percent}% off")
MSG_DISCOUNT_MIN = N_(CTX, "{percent}% off orders of {minimum}")


@dataclass(frozen=True)
class CardValue:
    """The card fields kept with every journal row (written at the time, never looked up later)."""

    title: str = ""
    card_type: str = ""
    face_value: int | None = None  # fen: what the coupon takes off (CASH)
    least_cost: int | None = None  # fen: minimum spend
    discount: int | None = None  # percent off (DISCOUNT)
    detail: str = ""  # GIFT / GROUPON / GENERAL_COUPON: what is handed over

    @classmethod
    def of(cls, card: CardInfo | None) -> CardValue:
        if card is None:
            return cls()
        detail = {
            CardType.GIFT: card.gift,
            CardType.GROUPON: card.deal_detail,
            CardType.GENERAL_COUPON: card.default_detail,
        }.get(card.card_type, "")
        face = card.reduce_cost if card.card_type is CardType.CASH else None
        return cls(
            title=card.title,
            card_type=str(card.card_type),
            face_value=face,
            least_cost=card.least_cost or None,
            discount=card.discount if card.card_type is CardType.DISCOUNT else None,
            detail=detail or "",
        )


def yuan(fen: int) -> str:
    """2500 -> '¥25.00' (integer arithmetic: no float rounding)."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}¥{fen // 100}.{fen % 100:02d}"


def format_value(v: CardValue, lang: str | None = None) -> str:
    """A plain one-line value, e.g. '¥50.00 off orders of ¥500.00', '20% off', or the gift text."""
    minimum = yuan(v.least_cost) if v.least_cost else ""
    if v.face_value is not None:
        msg = MSG_CASH_MIN if minimum else MSG_CASH
        return translate(CTX, msg, lang).format(amount=yuan(v.face_value), minimum=minimum)
    if v.discount is not None:
        msg = MSG_DISCOUNT_MIN if minimum else MSG_DISCOUNT
        return translate(CTX, msg, lang).format(percent=v.discount, minimum=minimum)
    return v.detail
