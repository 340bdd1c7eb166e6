"""A small chain's fortnight: real journals (real SQLite, real hash chains) shipped to the hub."""

from __future__ import annotations

import random
from datetime import datetime, time
from pathlib import Path
from typing import Any

from pos_app.hub import terminals
from pos_app.hub.reports import chain_tz
from pos_app.hub.shipper import Shipper
from pos_app.journal import Journal
from pos_app.models import Action, OperationContext, Outcome
from tests.hub.helpers import enrol
from tests.journal_helpers import CASH, DISCOUNT, GIFT, done, lookup

STORES = {"12": "Store 12 · 徐家汇", "7": "Store 7 · 静安寺", "3": "Store 3 · 浦东"}
CASHIERS = {"12": ["Li", "王芳"], "7": ["张伟", "Chen"], "3": ["赵敏"]}


def ship_chain(hub_server: Any, folder: Path, *, days: int = 14, end: float, seed: int = 7) -> dict[str, int]:
    """Counters of three stores doing lookups and redeems over ``days`` days up to ``end``; returns the
    number of redemptions per terminal."""
    rng = random.Random(seed)
    with hub_server.db.tx() as conn:
        for store, name in STORES.items():
            terminals.ensure_store(conn, store, name)
    counts: dict[str, int] = {}
    n = 0
    tz = chain_tz()
    midnight = datetime.combine(datetime.fromtimestamp(end, tz).date(), time(), tz).timestamp()
    for store in STORES:
        for counter in (1, 2) if store != "3" else (1,):
            name = f"S{store}-{counter}"
            creds = enrol(hub_server, store, name)
            clock = [end - days * 86400]
            with Journal.open(folder / f"{name}.sqlite", clock=lambda c=clock: c[0]) as journal:
                for day in range(days):
                    clock[0] = midnight - (days - 1 - day) * 86400 + 9 * 3600  # opening time
                    for _ in range(rng.randint(2, 9) + (day % 7 == 5) * 6):
                        clock[0] = min(clock[0] + rng.randint(60, 1800), end - 7200)
                        n += 1
                        code = f"{880000000000 + n}"
                        card = rng.choice([CASH, CASH, DISCOUNT, GIFT])
                        ctx = OperationContext(cashier=rng.choice(CASHIERS[store]), terminal=name)
                        journal.record_lookup(lookup(code, card), ctx)
                        attempt = journal.begin(Action.REDEEM, code, card.card_id, ctx)
                        journal.complete(attempt, done(Action.REDEEM, code, Outcome.REDEEMED, card))
                        counts[name] = counts.get(name, 0) + 1
                # one operation left unresolved (answer lost, not yet reconciled)
                clock[0] = end - 3600
                ctx = OperationContext(cashier=CASHIERS[store][0], terminal=name)
                journal.begin(Action.REDEEM, f"99{store}{counter}000000", CASH.card_id, ctx)
                with Shipper(hub_server.url, creds.appid, creds.secret, journal.path) as shipper:
                    shipper.ship()
    return counts
