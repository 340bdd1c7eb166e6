"""Real values for journal tests: Results as the client would produce them, and raw-SQLite tampering."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pos_app.models import (
    Action,
    CardInfo,
    CardType,
    CodeInfo,
    CodeStatus,
    OperationContext,
    Outcome,
    Result,
    Verdict,
)

CASH = CardInfo(
    card_id="pFS7Fjg8kV1IdDz01r4SQwMkuCKc",
    card_type=CardType.CASH,
    title="满500减50代金券",
    reduce_cost=5000,
    least_cost=50000,
)
DISCOUNT = CardInfo(card_id="pFS7Fjg8kV1IdDz01r4SQwMkuDIS", card_type=CardType.DISCOUNT, title="全场八折", discount=20)
GIFT = CardInfo(
    card_id="pFS7Fjg8kV1IdDz01r4SQwMkuGFT", card_type=CardType.GIFT, title="赠品券", gift='一杯拿铁, "大杯"'
)
ZHANG = OperationContext(cashier="张伟", terminal="2", store_location_id=401)
LI = OperationContext(cashier="Li", terminal="1")


def lookup(code: str, card: CardInfo = CASH, ok: bool = True) -> Result:
    status = CodeStatus.NORMAL if ok else CodeStatus.CONSUMED
    info = CodeInfo(code=code, card_id=card.card_id, status=status, can_consume=ok)
    return Result(
        action=Action.LOOKUP,
        code=code,
        card_id=card.card_id,
        verdict=Verdict.REDEEMABLE if ok else Verdict.ALREADY_REDEEMED,
        outcome=Outcome.REDEEMABLE if ok else Outcome.NOT_REDEEMABLE,
        info=info,
        card=card,
    )


def done(
    action: Action, code: str, outcome: Outcome, card: CardInfo | None = CASH, errcode: int | None = None
) -> Result:
    verdict = Verdict.REDEEMABLE if outcome in (Outcome.REDEEMED, Outcome.INVALIDATED) else Verdict.ERROR
    return Result(
        action=action,
        code=code,
        card_id=card.card_id if card else None,
        verdict=verdict,
        outcome=outcome,
        card=card,
        errcode=errcode,
    )


def raw(path: Path) -> sqlite3.Connection:
    """A plain connection with the append-only triggers dropped: what a tamperer would do."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TRIGGER IF EXISTS entries_no_update")
    conn.execute("DROP TRIGGER IF EXISTS entries_no_delete")
    return conn
