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
    """The counter's journal differs from what the hub holds or has seen of it.

    ``reason``: ``went_back`` (it ends before a row the hub holds or saw: restored from an old copy),
    ``differs`` (a row there is another row: rewritten, or another counter's copy), ``other_journal``
    (another journal altogether); ``counter_seq``: where the counter's journal ends, when it said."""

    def __init__(self, why: str, reason: str = "differs", counter_seq: int | None = None) -> None:
        super().__init__(why)
        self.reason = reason
        self.counter_seq = counter_seq


@dataclass(frozen=True)
class Ingested:
    acked: int
    inserted: int
    seen: int = 0  # the furthest row of this journal the hub has seen


def _is_hash(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and set(value) <= _HEX64


@dataclass(frozen=True)
class Batch:
    identity: str | None  # hash of the counter's row 1
    head: tuple[int, str] | None  # the counter's last row (seq, hash): a journal never shrinks
    rows: list[tuple[int, str, dict[str, Any]]]
    anchor: tuple[int, str] | None = None  # the counter's anchor file (pos_app.journal.anchor): its furthest row


def _row_ref(body: dict[str, Any], key: str) -> tuple[int, str] | None:
    ref = body.get(key)
    if ref is None:
        return None
    seq = ref.get("seq") if isinstance(ref, dict) else None
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1 or not _is_hash(ref.get("hash")):
        raise BadRequest(f"{key} must be {{seq, hash}}")
    return int(seq), str(ref["hash"])


def parse_batch(body: object) -> Batch:
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object")
    identity = body.get("identity")
    if identity is not None and not _is_hash(identity):
        raise BadRequest("identity must be a row hash")
    head, anchor = _row_ref(body, "head"), _row_ref(body, "anchor")
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
    return Batch(identity, head, out, anchor)


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
        conn.execute(  # for head office's page and `hub report`: the hub's rows of it stay as they are
            """INSERT INTO journal_alerts (terminal, store_id, reason, detail, counter_seq, seen_seq, hub_rows)
               SELECT name, store_id, %s, %s, %s, greatest(seen_seq, acked_seq), acked_seq
               FROM terminals WHERE name = %s""",
            (exc.reason, str(exc), exc.counter_seq, terminal.name),
        )
        revoke(conn, terminal.name, f"cloned or restored counter: {exc}")
        raise


def _ingest(conn: Conn, terminal: Terminal, batch: Batch) -> Ingested:
    identity, rows = batch.identity, batch.rows
    state = conn.execute(
        "SELECT acked_seq, acked_hash, journal_identity, seen_seq, seen_hash FROM terminals WHERE name = %s FOR UPDATE",
        (terminal.name,),
    ).fetchone()
    assert state is not None
    acked, head = int(state["acked_seq"]), str(state["acked_hash"])
    seen = _Seen(int(state["seen_seq"]), state["seen_hash"])
    bound = state["journal_identity"]
    ends = batch.head[0] if batch.head is not None else None
    if identity and bound and identity != bound:
        why = "journal identity differs from the one this terminal was bound to"
        _clone(conn, terminal, why, "other_journal", ends)
    if identity and not bound:
        conn.execute("UPDATE terminals SET journal_identity = %s WHERE name = %s", (identity, terminal.name))
    if batch.head is not None:
        seq, digest = batch.head
        if seq < acked:
            _clone(conn, terminal, f"the journal ends at row {seq}, the hub holds {acked} rows of it", "went_back", seq)
        if seq < seen.seq:
            _clone(conn, terminal, f"the journal ends at row {seq}, it had reached row {seen.seq}", "went_back", seq)
        if batch.anchor is not None and batch.anchor[0] > seq:
            why = f"the journal ends at row {seq}, its own anchor says row {batch.anchor[0]} was written"
            _clone(conn, terminal, why, "went_back", seq)
        rows = [(seq, digest, {}), *rows] if seq <= acked else rows
    for ref in (batch.head, batch.anchor):
        if ref is not None:
            seen.compare(conn, terminal, *ref, ends)
    if batch.anchor is not None and batch.anchor[0] <= acked:  # compared with the row held, below
        rows = [(batch.anchor[0], batch.anchor[1], {}), *rows]
    fresh: list[tuple[Any, ...]] = []
    for seq, digest, row in rows:
        if seq <= acked:
            held = conn.execute(
                "SELECT hash FROM journal_rows WHERE terminal = %s AND seq = %s", (terminal.name, seq)
            ).fetchone()
            if held is not None and held["hash"] != digest:
                _clone(conn, terminal, f"row {seq} differs from the row already received", "differs", ends)
            continue
        if seq != acked + 1 or not row:
            break  # a gap: the counter resends from acked + 1
        if row["prev_hash"] != (head if acked else GENESIS):
            _clone(conn, terminal, f"row {seq} does not follow the rows already received", "differs", ends)
        if seq == 1 and bound and digest != bound:
            _clone(conn, terminal, "row 1 differs from the journal this terminal was bound to", "other_journal", ends)
        seen.compare(conn, terminal, seq, digest, ends)
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
    for ref in ((acked, head), batch.head, batch.anchor):  # the furthest row ever seen moves forward only
        if ref is not None and ref[0] > seen.seq:
            seen = _Seen(ref[0], ref[1])
    conn.execute(
        "UPDATE terminals SET acked_seq = %s, acked_hash = %s, last_seen = now(),"
        " seen_at = CASE WHEN seen_seq <> %s THEN now() ELSE seen_at END, seen_seq = %s, seen_hash = %s"
        " WHERE name = %s",
        (acked, head, seen.seq, seen.seq, seen.hash, terminal.name),
    )
    return Ingested(acked, inserted, seen.seq)


@dataclass
class _Seen:
    """The furthest row of a terminal's journal the hub has seen (its head or anchor), and its hash."""

    seq: int
    hash: str | None

    def compare(self, conn: Conn, terminal: Terminal, seq: int, digest: str, ends: int | None) -> None:
        if seq == self.seq and self.hash is not None and digest != self.hash:
            why = f"row {seq} is not the row {seq} the counter showed before"
            _clone(conn, terminal, why, "differs", ends)


def _clone(conn: Conn, terminal: Terminal, why: str, reason: str, counter_seq: int | None) -> NoReturn:
    raise CloneDetected(why, reason, counter_seq)


def acked(conn: Conn, terminal: Terminal) -> int:
    row = conn.execute("SELECT acked_seq FROM terminals WHERE name = %s", (terminal.name,)).fetchone()
    return int(row["acked_seq"]) if row else 0
