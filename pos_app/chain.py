"""What a chain's hub says about the shown code, in the cashier's words (Qt-free, part of the counter model).

"Already redeemed at Store 12, counter 3, by Li, 14:02": where and by whom the chain already redeemed
(or made unavailable) a code, from ``CodeInfo.chain_change``.  The date is added when it was not
today; what the hub does not know is said ("cashier not known yet"), never filled in.  Rendered as a
``pos_app.rules.Phrase`` so the window (Qt's translator) and the CLI (``pos_app.i18n``) say the same.
"""

from __future__ import annotations

from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.models import Action, ChainChange, Result
from pos_app.rules import Phrase, moment_phrase

CTX = "chain"

MSG_REDEEMED_AT = N_(CTX, "Already redeemed at {store}, {counter}, {cashier}, {when}.")
MSG_INVALIDATED_AT = N_(CTX, "Made unavailable at {store}, {counter}, {cashier}, {when}.")
MSG_CHANGED_AT = N_(CTX, "Already used at {store}, {counter}, {cashier}, {when}.")  # an action we do not know
MSG_COUNTER = N_(CTX, "counter {name}")
MSG_BY = N_(CTX, "by {cashier}")
UNKNOWN_STORE = N_(CTX, "a store the hub does not name")
UNKNOWN_COUNTER = N_(CTX, "counter not known")
UNKNOWN_CASHIER = N_(CTX, "cashier not known yet")
UNKNOWN_TIME = N_(CTX, "time not known")


def _p(source: str, **args: str | Phrase) -> Phrase:
    return Phrase(source, tuple(args.items()), CTX)


def _counter(terminal: str) -> Phrase | str:
    if not terminal:
        return _p(UNKNOWN_COUNTER)
    if "counter" in terminal.lower():  # "counter-3" reads as is ("counter counter-3" would not)
        return terminal
    return _p(MSG_COUNTER, name=terminal)


def _when(at: float | None, now: float) -> Phrase | str:
    return _p(UNKNOWN_TIME) if at is None else moment_phrase(at, now)


def change_phrase(change: ChainChange, now: float) -> Phrase:
    """The sentence for ``change`` as seen at ``now`` (epoch seconds; the counter's local time)."""
    source = {Action.REDEEM: MSG_REDEEMED_AT, Action.INVALIDATE: MSG_INVALIDATED_AT}.get(
        change.action or Action.LOOKUP, MSG_CHANGED_AT
    )
    store = change.store_name or change.store_id
    return _p(
        source,
        store=store or _p(UNKNOWN_STORE),
        counter=_counter(change.terminal),
        cashier=_p(MSG_BY, cashier=change.cashier) if change.cashier else _p(UNKNOWN_CASHIER),
        when=_when(change.at, now),
    )


def chain_note(result: Result | None, now: float) -> Phrase | None:
    """Where the chain already changed ``result``'s code (None: the hub said nothing, or no hub).  That
    this store may not redeem a card is the verdict itself (``Verdict.STORE_NOT_ALLOWED``)."""
    info = result.info if result is not None else None
    if info is None or info.chain_change is None:
        return None
    return change_phrase(info.chain_change, now)


__all__ = ["chain_note", "change_phrase"]
