"""The hash chain that makes the journal tamper-evident, and its verification.

Each row's ``hash`` is SHA-256 over the previous row's hash and the row's canonical content (every
column of ``schema.COLUMNS`` including its id, as compact JSON).  Editing a row breaks its own hash;
removing, inserting or reordering rows breaks the link (``prev_hash``) or leaves a gap in the ids; removing
rows at the end leaves ``sqlite_sequence`` ahead of the last id.

The chain has no secret: someone who rewrites every later row with recomputed hashes is not caught by
the file alone.  The head hash printed by ``pos-app journal verify`` and on the shift report anchors it
outside the file.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.journal.schema import COLUMNS, TRIGGER_NAMES

GENESIS = "0" * 64
FMT = 1  # canonical-content format written into each row


def canonical(row: Mapping[str, Any]) -> str:
    return json.dumps([row[c] for c in COLUMNS], ensure_ascii=False, separators=(",", ":"))


def row_hash(row: Mapping[str, Any]) -> str:
    return hashlib.sha256((row["prev_hash"] + "\n" + canonical(row)).encode("utf-8")).hexdigest()


CTX = "journal"
MSG_EDITED = N_(CTX, "row {id} was changed after it was written (its content does not match its hash)")
MSG_REMOVED = N_(CTX, "row {missing} is missing: rows before row {id} were removed")
MSG_LINK = N_(CTX, "row {id} does not follow the row before it: rows were removed, inserted or reordered")
MSG_TAIL = N_(CTX, "rows after row {id} were removed (the journal had {seq} rows)")
MSG_TRIGGERS = N_(CTX, "the append-only protection of the journal was removed")
MSG_WATERMARK = N_(CTX, "row {id} is unresolved but the journal's index of settled rows hides it")


@dataclass(frozen=True)
class Problem:
    row_id: int | None
    message: str  # English source text, already formatted; translate with context "journal"
    args: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str | None = None) -> str:
        from pos_app.i18n import translate

        return translate(CTX, self.message, lang).format(**dict(self.args))


@dataclass(frozen=True)
class VerifyReport:
    rows: int
    head: str
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _problem(row_id: int | None, message: str, **args: object) -> Problem:
    return Problem(row_id, message, tuple(args.items()))


def verify(conn: sqlite3.Connection, *, max_problems: int = 20) -> VerifyReport:
    """Walk the whole chain; report problems in row order (the first is the first bad row)."""
    problems: list[Problem] = []
    names = ", ".join(COLUMNS)
    cur = conn.execute(f"SELECT {names}, hash FROM entries ORDER BY id")
    n = len(COLUMNS)
    i_id, i_prev = COLUMNS.index("id"), COLUMNS.index("prev_hash")
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # == canonical()
    sha256 = hashlib.sha256
    expected_prev = GENESIS
    expected_id = 1
    count = 0
    prev_id = 0
    for values in _rows(cur):
        count += 1
        rid = values[i_id]
        stored = values[n]
        prev = values[i_prev]
        if rid != expected_id:
            problems.append(_problem(rid, MSG_REMOVED, id=rid, missing=expected_id))
        elif prev != expected_prev:
            problems.append(_problem(rid, MSG_LINK, id=rid))
        content = dumps(list(values[:n]))
        if sha256((prev + "\n" + content).encode("utf-8")).hexdigest() != stored:
            problems.append(_problem(rid, MSG_EDITED, id=rid))
        expected_prev = stored
        expected_id = rid + 1
        prev_id = rid
        if len(problems) >= max_problems:
            break
    else:
        seq_row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'entries'").fetchone()
        seq = int(seq_row[0]) if seq_row else 0
        if seq > prev_id:
            problems.append(_problem(prev_id, MSG_TAIL, id=prev_id, seq=seq))
    hidden = _hidden_by_watermark(conn)
    if hidden is not None:
        problems.append(_problem(hidden, MSG_WATERMARK, id=hidden))
    triggers = {
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'entries'")
    }
    if not set(TRIGGER_NAMES) <= triggers:
        problems.append(_problem(None, MSG_TRIGGERS))
    return VerifyReport(rows=count, head=expected_prev, problems=tuple(problems))


def _rows(cur: sqlite3.Cursor) -> Iterable[tuple[Any, ...]]:
    while batch := cur.fetchmany(5000):
        yield from batch


def _hidden_by_watermark(conn: sqlite3.Connection) -> int | None:
    """The first unresolved attempt that the settled-watermark cache claims is settled, if any."""
    r = conn.execute("SELECT w, open_ids FROM settled_watermark ORDER BY rowid DESC LIMIT 1").fetchone()
    if r is None:
        return None
    try:
        open_ids = {int(i) for i in json.loads(r[1])}
    except (ValueError, TypeError):
        open_ids = set()
    cur = conn.execute(
        """SELECT a.id FROM entries a
           WHERE a.kind = 'attempt' AND a.id <= ?
             AND NOT EXISTS (SELECT 1 FROM entries o WHERE o.attempt_id = a.attempt_id
                             AND o.kind = 'outcome' AND o.settled = 1)
           ORDER BY a.id""",
        (int(r[0]),),
    )
    for (attempt_row,) in cur:
        if attempt_row not in open_ids:
            return int(attempt_row)
    return None
