"""The rate limit on credential guesses: terminal credentials and enrolment codes.

Every failed check is a row in ``auth_failures`` (PostgreSQL, so every hub process on the database
sees the same count).  Within :data:`WINDOW`:

- an address with :data:`ADDRESS_LIMIT` failures (any terminal name, any enrolment code) is refused
  every further check until enough of them are older than the window;
- a terminal name with :data:`NAME_LIMIT` failures (from any addresses) is refused to every address that
  has already failed on it; an address with no failure on it is still checked, so the real counter,
  elsewhere, keeps working while someone guesses its name.

A refused check is not evaluated and not counted; the answer (429, ``Retry-After``) is the same whether
or not the name exists, and so are the failures.  Checks from one address are serialised under an
advisory lock, so parallel requests cannot slip past the count.

The address is the connection's, or — behind the reverse proxy docs/hub.md asks for — the client's
address the proxy puts in ``X-Forwarded-For`` (uvicorn trusts it from 127.0.0.1/::1 only).
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any, Literal

from pos_app.hub.db import Conn

WINDOW = timedelta(minutes=15)
ADDRESS_LIMIT = 30
NAME_LIMIT = 10
Kind = Literal["credential", "code"]

THROTTLED = {
    "errcode": 45011,
    "errmsg": "hub: too many failed sign-in attempts from this address; try again later",
    "error": "too many failed attempts",
    "hub_error": "throttled",
}


def throttled_answer(retry_after: int) -> dict[str, Any]:
    return {**THROTTLED, "retry_after": retry_after}


def lock(conn: Conn, address: str) -> None:
    """Serialise this address's checks until the transaction ends."""
    conn.execute("SELECT pg_advisory_xact_lock(hashtextextended('pos-hub-auth:' || %s, 0))", (address,))


def _wait(conn: Conn, column: str, value: str, count: int, limit: int) -> int:
    """Seconds until fewer than ``limit`` failures of ``column = value`` are inside the window."""
    row = conn.execute(
        f"SELECT extract(epoch FROM at + %(w)s - now()) AS left FROM auth_failures"  # column: ours, never input
        f" WHERE {column} = %(v)s AND at > now() - %(w)s ORDER BY at OFFSET %(skip)s LIMIT 1",
        {"w": WINDOW, "v": value, "skip": count - limit},
    ).fetchone()
    return max(1, math.ceil(float(row["left"]))) if row else 1


def blocked(conn: Conn, address: str, terminal: str | None = None) -> int | None:
    """Seconds the caller must wait before this check is evaluated, or None when it may go ahead."""
    row = conn.execute(
        """SELECT (SELECT count(*) FROM auth_failures WHERE address = %(a)s AND at > now() - %(w)s) AS by_address,
                  (SELECT count(*) FROM auth_failures WHERE terminal = %(n)s AND at > now() - %(w)s) AS by_name,
                  EXISTS (SELECT 1 FROM auth_failures WHERE terminal = %(n)s AND address = %(a)s
                          AND at > now() - %(w)s) AS tried_here""",
        {"a": address, "n": terminal, "w": WINDOW},
    ).fetchone()
    assert row is not None
    waits = []
    if row["by_address"] >= ADDRESS_LIMIT:
        waits.append(_wait(conn, "address", address, int(row["by_address"]), ADDRESS_LIMIT))
    if terminal is not None and row["tried_here"] and row["by_name"] >= NAME_LIMIT:
        waits.append(_wait(conn, "terminal", terminal, int(row["by_name"]), NAME_LIMIT))
    return max(waits) if waits else None


def failed(conn: Conn, address: str, terminal: str | None, kind: Kind) -> None:
    """Count a failed check (and forget failures long out of the window)."""
    conn.execute("INSERT INTO auth_failures (address, terminal, kind) VALUES (%s, %s, %s)", (address, terminal, kind))
    conn.execute("DELETE FROM auth_failures WHERE at < now() - %s", (WINDOW * 2,))
