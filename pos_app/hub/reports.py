"""Head office's figures from every counter's shipped journal (the web page, CSV and `hub report`).

A redemption is a settled ``redeemed`` outcome row of a counter's journal (one per attempt).  Days are
counted in the chain's time zone (``POS_APP_HUB_TZ``, default Asia/Shanghai).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pos_app.hub.db import Conn

DEFAULT_TZ = "Asia/Shanghai"


def chain_tz() -> ZoneInfo:
    return ZoneInfo(os.environ.get("POS_APP_HUB_TZ") or DEFAULT_TZ)


@dataclass(frozen=True)
class Period:
    since: date
    until: date  # inclusive
    store: str | None = None

    def bounds(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        return datetime.combine(self.since, time(), tz), datetime.combine(self.until + timedelta(days=1), time(), tz)


# One row per attempt whichever copy holds it (a counter enrolled again after its journal went
# backwards ships it afresh; the hub's earlier copy is kept under an archive terminal): the live copy first.
_REDEMPTIONS = """
    SELECT DISTINCT ON (j.attempt_id)
           j.terminal, t.store_id, coalesce(nullif(s.name, ''), t.store_id) AS store_name, j.cashier, j.ts,
           (j.ts AT TIME ZONE %(tz)s)::date AS day, j.face_value, j.code, j.card_id, j.attempt_id,
           j.row->>'title' AS title
    FROM journal_rows j JOIN terminals t ON t.name = j.terminal JOIN stores s ON s.store_id = t.store_id
    WHERE j.kind = 'outcome' AND j.settled AND j.outcome = 'redeemed'
      AND j.ts >= %(since)s AND j.ts < %(until)s AND (%(store)s::text IS NULL OR t.store_id = %(store)s)
    ORDER BY j.attempt_id, t.archive_of IS NOT NULL, j.terminal, j.seq
"""


def _params(period: Period, tz: ZoneInfo) -> dict[str, Any]:
    since, until = period.bounds(tz)
    return {"tz": tz.key, "since": since, "until": until, "store": period.store}


def figures(conn: Conn, period: Period, tz: ZoneInfo | None = None) -> dict[str, Any]:
    """Redemptions (count, face value in fen) in total and per store, counter, cashier and day."""
    tz = tz or chain_tz()
    params = _params(period, tz)

    def grouped(keys: str, order: str) -> list[dict[str, Any]]:
        rows = conn.execute(
            f"SELECT {keys}, count(*) AS redemptions, coalesce(sum(face_value), 0)::bigint AS value"
            f" FROM ({_REDEMPTIONS}) r GROUP BY {keys} ORDER BY {order}",
            params,
        ).fetchall()
        return [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in r.items()} for r in rows]

    total = conn.execute(
        f"SELECT count(*) AS redemptions, coalesce(sum(face_value), 0)::bigint AS value FROM ({_REDEMPTIONS}) r", params
    ).fetchone()
    assert total is not None
    return {
        "from": period.since.isoformat(),
        "to": period.until.isoformat(),
        "store": period.store,
        "time_zone": tz.key,
        "total": {"redemptions": int(total["redemptions"]), "value": int(total["value"])},
        "by_store": grouped("store_id, store_name", "length(store_id), store_id"),
        "by_counter": grouped("store_id, terminal", "length(store_id), store_id, terminal"),
        "by_cashier": grouped("store_id, cashier", "length(store_id), store_id, cashier"),
        "by_day": grouped("day", "day"),
        "alerts": journal_alerts(conn, period.store),
    }


def journal_alerts(conn: Conn, store: str | None = None) -> list[dict[str, Any]]:
    """Counters whose journal went backwards or differs from the hub's copy, until they are enrolled
    again: when, which counter, why (``went_back`` / ``differs`` / ``other_journal``), where the counter's
    journal ends now, the furthest row the hub had seen of it and the rows the hub holds (kept)."""
    rows = conn.execute(
        """SELECT a.at, a.terminal, a.store_id, coalesce(nullif(s.name, ''), a.store_id) AS store_name, a.reason,
                  a.counter_seq, a.seen_seq, a.hub_rows, a.detail
           FROM journal_alerts a JOIN stores s ON s.store_id = a.store_id
           WHERE a.resolved_at IS NULL AND (%(store)s::text IS NULL OR a.store_id = %(store)s)
           ORDER BY a.at DESC LIMIT 500""",
        {"store": store},
    ).fetchall()
    return [{**r, "at": r["at"].isoformat(timespec="seconds")} for r in rows]


def redemptions(conn: Conn, period: Period, tz: ZoneInfo | None = None) -> list[dict[str, Any]]:
    """Every redemption of the period, oldest first (for CSV)."""
    tz = tz or chain_tz()
    rows = conn.execute(f"SELECT * FROM ({_REDEMPTIONS}) r ORDER BY ts", _params(period, tz)).fetchall()
    return [dict(r) for r in rows]


def code_history(conn: Conn, code: str) -> list[dict[str, Any]]:
    """Every journal row of every counter about ``code``, oldest first."""
    rows = conn.execute(
        """SELECT j.ts, j.terminal, t.store_id, coalesce(nullif(s.name, ''), t.store_id) AS store_name, j.cashier,
                  j.kind, j.action, j.outcome, j.settled, j.attempt_id, j.row->>'title' AS title
           FROM journal_rows j JOIN terminals t ON t.name = j.terminal JOIN stores s ON s.store_id = t.store_id
           WHERE j.code = %s ORDER BY j.ts, j.terminal, j.seq LIMIT 500""",
        (code,),
    ).fetchall()
    return [dict(r) for r in rows]


def unresolved(conn: Conn) -> list[dict[str, Any]]:
    """Operations whose outcome is not known yet anywhere in the chain: the hub's unsettled attempts
    and every counter's journal attempts without a settled outcome."""
    rows = conn.execute(
        """SELECT 'hub' AS source, a.sent_at AS since, a.terminal, a.store_id, a.action, a.code, a.attempt_id,
                  '' AS cashier
           FROM attempts a WHERE a.state <> 'final'
           UNION ALL
           SELECT 'journal', j.ts, j.terminal, t.store_id, j.action, j.code, j.attempt_id, j.cashier
           FROM journal_rows j JOIN terminals t ON t.name = j.terminal
           WHERE j.kind = 'attempt' AND (t.archive_of IS NULL OR NOT EXISTS (
               SELECT 1 FROM journal_rows l JOIN terminals lt ON lt.name = l.terminal
               WHERE l.attempt_id = j.attempt_id AND l.kind = 'attempt' AND lt.archive_of IS NULL)) AND NOT EXISTS (
               SELECT 1 FROM journal_rows o WHERE o.attempt_id = j.attempt_id AND o.kind = 'outcome' AND o.settled)
             AND NOT EXISTS (SELECT 1 FROM attempts h WHERE h.attempt_id = j.attempt_id AND h.state <> 'final')
           ORDER BY since LIMIT 1000"""
    ).fetchall()
    return [dict(r) for r in rows]
