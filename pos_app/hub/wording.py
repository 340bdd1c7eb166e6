"""Sentences the hub shows about a code (head office's page, the counters' CLI), translatable."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from pos_app.hub.reports import chain_tz
from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.i18n import translate

CTX = "hub"
MSG_REDEEMED_AT = N_(CTX, "redeemed at {store}, counter {terminal}, by {cashier}, {time}")
MSG_REDEEMED_AT_NO_CASHIER = N_(CTX, "redeemed at {store}, counter {terminal}, {time}")
MSG_INVALIDATED_AT = N_(CTX, "made unavailable at {store}, counter {terminal}, by {cashier}, {time}")
MSG_INVALIDATED_AT_NO_CASHIER = N_(CTX, "made unavailable at {store}, counter {terminal}, {time}")


def changed_sentence(
    where: dict[str, Any], lang: str | None = None, *, today: bool | None = None, tz: tzinfo | None = None
) -> str:
    """The sentence "redeemed at Store 12, counter 3, by Li, 14:02", in the chain's time zone (with the
    date when it was not today)."""
    tz = tz or chain_tz()
    at = datetime.fromtimestamp(where["at"], tz) if where.get("at") else None
    if at is None:
        when = ""
    elif today if today is not None else at.date() == datetime.now(tz).date():
        when = at.strftime("%H:%M")
    else:
        when = at.strftime("%Y-%m-%d %H:%M")
    redeem = where.get("action") == "redeem"
    if where.get("cashier"):
        text = MSG_REDEEMED_AT if redeem else MSG_INVALIDATED_AT
    else:
        text = MSG_REDEEMED_AT_NO_CASHIER if redeem else MSG_INVALIDATED_AT_NO_CASHIER
    return translate(CTX, text, lang).format(
        store=where.get("store_name") or where.get("store_id"),
        terminal=where.get("terminal", ""),
        cashier=where.get("cashier", ""),
        time=when,
    )
