"""The SQL both the journal and its reports read operations with (no imports of either: no cycle).

One operation = a head row (lookup or attempt) + the latest settled outcome of that attempt; ``h`` is
the head row, ``o`` the outcome, ``ack`` the latest manager's acknowledgement of an unresolved attempt.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Protocol

from pos_app.journal.schema import COLUMNS

_H = ", ".join(f"h.{c}" for c in COLUMNS)
_O = ", ".join(f"o.{c}" for c in COLUMNS)
ACK_EXPR = """(SELECT k.cashier FROM entries k WHERE k.id = (
     SELECT max(y.id) FROM entries y
     WHERE y.attempt_id = h.attempt_id AND y.kind = 'ack' AND y.settled = 0))"""
OPERATIONS_FROM = """
FROM entries h
LEFT JOIN entries o ON o.id = (
  SELECT max(x.id) FROM entries x
  WHERE x.attempt_id = h.attempt_id AND x.kind = 'outcome' AND x.settled = 1)
WHERE +h.kind IN ('lookup', 'attempt')
"""
OPERATIONS_SQL = f"SELECT {_H}, {_O}, {ACK_EXPR} AS ack {OPERATIONS_FROM}"
OUTCOME_EXPR = "coalesce(o.outcome, CASE h.kind WHEN 'attempt' THEN 'pending' ELSE h.outcome END)"


__all__ = ["ACK_EXPR", "OPERATIONS_FROM", "OPERATIONS_SQL", "OUTCOME_EXPR", "JournalReader"]


class JournalReader(Protocol):
    """What read-only helpers (reports) need of a ``pos_app.journal.Journal``."""

    @property
    def lock(self) -> threading.RLock: ...

    @property
    def connection(self) -> sqlite3.Connection: ...

    def head(self) -> tuple[int, str]: ...
