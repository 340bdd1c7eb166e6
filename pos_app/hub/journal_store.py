"""Counters' journals on the hub: batches inserted idempotently, each terminal's hash chain verified.

A batch is a list of journal rows (``seq`` = the counter's row id, ``hash``, ``row`` = every column of
``pos_app.journal.schema.COLUMNS``).  Rows already held are compared by hash (a different hash means a
cloned or restored counter: the terminal is locked out); the next rows must each link to the row before
(``prev_hash``) and hash correctly; they are inserted with ``ON CONFLICT DO NOTHING``.  The answer is the
highest contiguous sequence held — the counter resumes after it, so an upload cut anywhere loses and
doubles nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NoReturn

from psycopg.types.json import Jsonb

from pos_app.hub.db import Conn
from pos_app.hub.relay import BadRequest
from pos_app.hub.terminals import Terminal, revoke
from pos_app.journal.chain import GENESIS, row_hash
from pos_app.journal.schema import COLUMNS

MAX_BATCH = 1000
_HEX64 = frozenset("0123456789abcdef")


class CloneDetected(Exception):
    """The counter's journal differs from what the hub holds for its terminal."""


@dataclass(frozen=True)
class Ingested:
    acked: int
    inserted: int


def _is_hash(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and set(value) <= _HEX64


@dataclass(frozen=True)
class Batch:
    identity: str | None  # hash of the counter's row 1
    head: tuple[int, str] | None  # the counter's last row (seq, hash): a journal never shrinks
    rows: list[tuple[int, str, dict[str, Any]]]


def parse_batch(body: object) -> Batch:
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object")
    identity = body.get("identity")
    if identity is not None and not _is_hash(identity):
        raise BadRequest("identity must be a row hash")
    head = body.get("head")
    if head is not None:
        if not isinstance(head, dict) or not isinstance(head.get("seq"), int) or not _is_hash(head.get("hash")):
            raise BadRequest("head must be {seq, hash}")
        head = (int(head["seq"]), str(head["hash"]))
    rows = body.get("rows", [])
    if not isinstance(rows, list) or len(rows) > MAX_BATCH:
        raise BadRequest(f"rows must be a list of at most {MAX_BATCH}")
    out = []
    for item in rows:
        if not isinstance(item, dict):
            raise BadRequest("each row must be an object")
        seq, digest, row = item.get("seq"), item.get("hash"), item.get("row")
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1 or not _is_hash(digest):
            raise BadRequest("each row needs seq (a positive integer) and hash")
        if not isinstance(row, dict) or set(row) != set(COLUMNS) or row.get("id") != seq:
            raise BadRequest("row must hold exactly the journal's columns, with id equal to seq")
        if not isinstance(row.get("code"), str) or not isinstance(row.get("ts_ms"), int):
            raise BadRequest("row has no code or time")
        if row_hash(row) != digest:
            raise BadRequest(f"row {seq}: its hash does not match its content")
        out.append((seq, str(digest), row))
    return Batch(identity, head, out)


def ingest(conn: Conn, terminal: Terminal, batch: Batch) -> Ingested:
    """Insert what follows the terminal's chain.  On divergence nothing of the batch is kept, the terminal
    is locked out and CloneDetected raised: the caller commits its transaction anyway (the lock-out)."""
    try:
        with conn.transaction():  # a savepoint: a divergent batch leaves no row behind
            return _ingest(conn, terminal, batch)
    except CloneDetected as exc:
        conn.execute(
            "INSERT INTO events (kind, terminal, detail) VALUES ('clone_detected', %s, %s)", (terminal.name, str(exc))
        )
        revoke(conn, terminal.name, f"cloned or restored counter: {exc}")
        raise


def _ingest(conn: Conn, terminal: Terminal, batch: Batch) -> Ingested:
    identity, rows = batch.identity, batch.rows
    state = conn.execute(
        "SELECT acked_seq, acked_hash, journal_identity FROM terminals WHERE name = %s FOR UPDATE", (terminal.name,)
    ).fetchone()
    assert state is not None
    acked, head = int(state["acked_seq"]), str(state["acked_hash"])
    bound = state["journal_identity"]
    if identity and bound and identity != bound:
        _clone(conn, terminal, "journal identity differs from the one this terminal was bound to")
    if identity and not bound:
        conn.execute("UPDATE terminals SET journal_identity = %s WHERE name = %s", (identity, terminal.name))
    if batch.head is not None:
        seq, digest = batch.head
        if seq < acked:
            _clone(conn, terminal, f"the journal ends at row {seq}, the hub holds {acked} rows of it")
        rows = [(seq, digest, {}), *rows] if seq <= acked else rows
    fresh: list[tuple[Any, ...]] = []
    for seq, digest, row in rows:
        if seq <= acked:
            held = conn.execute(
                "SELECT hash FROM journal_rows WHERE terminal = %s AND seq = %s", (terminal.name, seq)
            ).fetchone()
            if held is not None and held["hash"] != digest:
                _clone(conn, terminal, f"row {seq} differs from the row already received")
            continue
        if seq != acked + 1 or not row:
            break  # a gap: the counter resends from acked + 1
        if row["prev_hash"] != (head if acked else GENESIS):
            _clone(conn, terminal, f"row {seq} does not follow the rows already received")
        if seq == 1 and bound and digest != bound:
            _clone(conn, terminal, "row 1 differs from the journal this terminal was bound to")
        fresh.append(
            (
                terminal.name,
                seq,
                digest,
                row["prev_hash"],
                Jsonb(row),
                row["kind"],
                row["attempt_id"],
                datetime.fromtimestamp(row["ts_ms"] / 1000, UTC),
                row["action"],
                row["code"],
                row["card_id"],
                row["cashier"] or "",
                row["outcome"],
                bool(row["settled"]),
                row["face_value"],
            )
        )
        acked, head = seq, digest
    inserted = 0
    if fresh:
        with conn.cursor() as cur:  # one pipelined round of inserts per batch
            cur.executemany(
                """INSERT INTO journal_rows (terminal, seq, hash, prev_hash, row, kind, attempt_id, ts, action, code,
                       card_id, cashier, outcome, settled, face_value)
                   VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
                   ON CONFLICT (terminal, seq) DO NOTHING""",
                fresh,
            )
            inserted = max(cur.rowcount, 0)
    if identity is None and acked >= 1 and not bound:
        first = conn.execute(
            "SELECT hash FROM journal_rows WHERE terminal = %s AND seq = 1", (terminal.name,)
        ).fetchone()
        if first:
            conn.execute("UPDATE terminals SET journal_identity = %s WHERE name = %s", (first["hash"], terminal.name))
    conn.execute(
        "UPDATE terminals SET acked_seq = %s, acked_hash = %s, last_seen = now() WHERE name = %s",
        (acked, head, terminal.name),
    )
    return Ingested(acked, inserted)


def _clone(conn: Conn, terminal: Terminal, why: str) -> NoReturn:
    raise CloneDetected(why)


def acked(conn: Conn, terminal: Terminal) -> int:
    row = conn.execute("SELECT acked_seq FROM terminals WHERE name = %s", (terminal.name,)).fetchone()
    return int(row["acked_seq"]) if row else 0
