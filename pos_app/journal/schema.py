"""The journal's SQLite schema and its migrations (``PRAGMA user_version``).

One table, ``entries``, holds every journal row in order.  Rows are only ever inserted: triggers abort
any UPDATE or DELETE, and each row carries a SHA-256 chain hash (see ``pos_app.journal.chain``).

Row kinds:
  lookup   a card/code/get the cashier asked for (one row = one operation)
  attempt  a consume or unavailable about to be sent (written and committed before sending)
  outcome  what became of an attempt (``settled`` 0 means "no answer yet", the attempt stays pending)
  ack      a manager's explicit acknowledgement of an attempt that is still unresolved

Migrations only ever add (tables, columns, indexes, triggers): history is never rewritten.
"""

from __future__ import annotations

import sqlite3

# Columns covered by the chain hash, in canonical order ("id" first, "hash" itself excluded).
COLUMNS: tuple[str, ...] = (
    "id",
    "fmt",
    "kind",
    "attempt_id",
    "ts_ms",
    "action",
    "code",
    "card_id",
    "cashier",
    "terminal",
    "store_location_id",
    "title",
    "card_type",
    "face_value",
    "least_cost",
    "discount",
    "detail",
    "status",
    "outcome",
    "verdict",
    "errcode",
    "reason",
    "message",
    "note",
    "settled",
    "owner",
    "prev_hash",
)

_V1 = """
CREATE TABLE entries (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    fmt               INTEGER NOT NULL,          -- canonical-content format of this row's hash
    kind              TEXT NOT NULL CHECK (kind IN ('lookup', 'attempt', 'outcome', 'ack')),
    attempt_id        TEXT,                      -- uuid4 hex; NULL for lookups
    ts_ms             INTEGER NOT NULL,          -- epoch milliseconds (UTC)
    action            TEXT NOT NULL,             -- lookup / redeem / invalidate
    code              TEXT NOT NULL,             -- in full: needed for reconciliation and disputes
    code_rev          TEXT NOT NULL,             -- code reversed: "ends with" searches use an index
    card_id           TEXT,
    cashier           TEXT NOT NULL DEFAULT '',
    terminal          TEXT NOT NULL DEFAULT '',
    store_location_id INTEGER,
    title             TEXT NOT NULL DEFAULT '',
    card_type         TEXT NOT NULL DEFAULT '',
    face_value        INTEGER,                   -- fen; CASH reduce_cost (the money a coupon is worth)
    least_cost        INTEGER,                   -- fen; minimum spend
    discount          INTEGER,                   -- DISCOUNT: percent off
    detail            TEXT NOT NULL DEFAULT '',  -- GIFT / GROUPON / GENERAL_COUPON text
    status            TEXT,                      -- user_card_status when known
    outcome           TEXT NOT NULL,
    verdict           TEXT,
    errcode           INTEGER,
    reason            TEXT NOT NULL DEFAULT '',
    message           TEXT NOT NULL DEFAULT '',  -- English source text of what the cashier was told
    note              TEXT NOT NULL DEFAULT '',  -- e.g. reconciled / acknowledged by / confirmed by re-read
    settled           INTEGER NOT NULL DEFAULT 0,
    owner             TEXT NOT NULL DEFAULT '',  -- attempts: "host:pid" that began it (reconcile skips live ones)
    prev_hash         TEXT NOT NULL,
    hash              TEXT NOT NULL
);
-- History: newest first by id (the primary key); searches by code, end of code, day, cashier.
CREATE INDEX entries_code ON entries (code, id);
CREATE INDEX entries_code_rev ON entries (code_rev, id);
CREATE INDEX entries_ts ON entries (ts_ms);
CREATE INDEX entries_cashier ON entries (cashier, id);
CREATE INDEX entries_attempt ON entries (attempt_id, kind, settled) WHERE attempt_id IS NOT NULL;
CREATE INDEX entries_kind ON entries (kind, id);
"""

TRIGGERS = """
CREATE TRIGGER IF NOT EXISTS entries_no_update BEFORE UPDATE ON entries
BEGIN SELECT RAISE(ABORT, 'the journal is append-only: rows cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS entries_no_delete BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'the journal is append-only: rows cannot be removed'); END;
"""

TRIGGER_NAMES = ("entries_no_update", "entries_no_delete")

# v2: a cache that keeps pending() fast on a year of rows.  Append-only like the journal: the latest
# row says "every attempt with id <= w has a settled outcome, except those in open_ids" (a JSON list).
# Such a claim stays true (outcomes are never removed); verify re-checks it.
# It also replaces the (kind, id) index, which the planner misused for "latest outcome of attempt X"
# lookups, with a partial index that only attempt scans can use.
_V2 = """
DROP INDEX entries_kind;
CREATE INDEX entries_attempt_rows ON entries (id) WHERE kind = 'attempt';
CREATE TABLE settled_watermark (w INTEGER NOT NULL, open_ids TEXT NOT NULL DEFAULT '[]');
CREATE TRIGGER IF NOT EXISTS settled_watermark_no_update BEFORE UPDATE ON settled_watermark
BEGIN SELECT RAISE(ABORT, 'append-only'); END;
CREATE TRIGGER IF NOT EXISTS settled_watermark_no_delete BEFORE DELETE ON settled_watermark
BEGIN SELECT RAISE(ABORT, 'append-only'); END;
"""

# v3: History's outcome filter finds rare outcomes (errors, refusals) through an index.
_V3 = """
CREATE INDEX entries_outcome ON entries (outcome, kind, settled, attempt_id);
"""

# Index i upgrades user_version i -> i + 1.
MIGRATIONS: tuple[str, ...] = (_V1 + TRIGGERS, _V2, _V3)
SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNewError(RuntimeError):
    """The file was written by a newer pos-app; refuse rather than guess."""


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the file up to SCHEMA_VERSION, one migration per transaction."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(f"journal schema {version} is newer than this app ({SCHEMA_VERSION})")
    for target in range(version, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            if conn.execute("PRAGMA user_version").fetchone()[0] != target:
                conn.execute("ROLLBACK")
                continue
            for statement in _statements(MIGRATIONS[target]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {target + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite already rolled back on a full disk or an I/O error
                conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """Split a script into statements (triggers contain ';' inside BEGIN ... END)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
