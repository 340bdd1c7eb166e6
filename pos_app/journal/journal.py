"""The journal: every lookup, redeem and invalidation, appended to a hash-chained SQLite table.

Write-ahead: ``begin()`` commits a *pending* attempt (fsync'ed: synchronous=FULL) before the consume or
unavailable request is sent; ``complete()`` appends the outcome.  Nothing is ever updated in place, so a
crash between the two leaves a pending attempt, never a gap; ``pos_app.journal.reconcile`` settles it
from the service's own record of the code.

Safe to share between threads (one lock) and between processes (SQLite locking; each append takes the
write lock before reading the previous row's hash).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from pos_app.codes import clean
from pos_app.journal import anchor, chain
from pos_app.journal.queries import OPERATIONS_SQL, OUTCOME_EXPR
from pos_app.journal.schema import COLUMNS, migrate
from pos_app.journal.values import CardValue, format_value
from pos_app.models import Action, OperationContext, Outcome, Result
from pos_app.private_files import private_file
from pos_app.settle import KnownAttempt, state_of

log = logging.getLogger("journal")

# Outcomes that settle an attempt by themselves: the service's definite answer, or a settlement
# (pos_app.settle).  ERROR means "no usable answer" unless the caller knows better (the request was
# never delivered, or settlement found it did not happen): it passes ``definite=True`` then.  Display
# text never decides this.
_DEFINITE = frozenset(
    {
        Outcome.REDEEMED,
        Outcome.INVALIDATED,
        Outcome.REFUSED,
        Outcome.NOT_REDEEMABLE,
        Outcome.REDEEMABLE,
        Outcome.CONSUMED_ELSEWHERE,
    }
)


def _is_definite(result: Result) -> bool:
    """Does this result settle its attempt by its outcome alone?"""
    return result.outcome in _DEFINITE


# History's outcome filter first looks at this many newest rows (a few days of a busy counter).
RECENT_WINDOW = 5_000

_CARD_FIELDS = ("title", "card_type", "face_value", "least_cost", "discount", "detail")


class UnknownAttemptError(KeyError):
    """No attempt with that id in this journal."""


class NotPendingError(ValueError):
    """The attempt is already resolved."""


@dataclass(frozen=True)
class PendingAttempt:
    attempt_id: str
    action: Action
    code: str
    card_id: str | None
    cashier: str
    terminal: str
    time: float  # epoch seconds
    reason: str
    title: str = ""
    owner: str = ""  # "host:pid" of the process that began it
    acknowledged_by: str | None = None  # manager who acknowledged it while unresolved
    last_note: str = ""  # e.g. the "no answer" of a complete() that could not settle it


@dataclass(frozen=True)
class Redemption:
    time: float  # when the cashier redeemed it (the attempt's time), epoch seconds
    terminal: str
    cashier: str
    attempt_id: str


@dataclass(frozen=True)
class Row:
    """One operation as History and exports show it: a lookup, or an attempt merged with its outcome."""

    id: int  # the journal row of the lookup or attempt
    attempt_id: str | None
    time: float  # epoch seconds
    terminal: str
    cashier: str
    action: Action
    code: str
    card_id: str | None
    card: CardValue
    outcome: Outcome
    errcode: int | None
    reason: str
    status: str | None
    note: str
    acknowledged_by: str | None = None

    @property
    def title(self) -> str:
        return self.card.title

    @property
    def face_value(self) -> int | None:
        return self.card.face_value

    def value(self, lang: str | None = None) -> str:
        return format_value(self.card, lang)

    @property
    def local_time(self) -> datetime:
        return datetime.fromtimestamp(self.time).astimezone()


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def day_bounds_ms(since: date | None, until: date | None) -> tuple[int | None, int | None]:
    """Inclusive local days -> [start, end) in epoch milliseconds."""

    def midnight(d: date) -> int:
        return int(datetime(d.year, d.month, d.day).astimezone().timestamp() * 1000)

    lo = midnight(since) if since else None
    hi = midnight(until + timedelta(days=1)) if until else None
    return lo, hi


class Journal:
    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Callable[[], float]) -> None:
        self._conn = conn
        self.path = path
        self._clock = clock
        self._lock = threading.RLock()
        self._batch_depth = 0
        self._in_flight: set[str] = set()  # attempts this process began and has not completed
        self.owner = _owner()
        self.integrity_problems: list[chain.Problem] = []  # the anchor's findings at open (harden)

    # -- opening ---------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str], *, clock: Callable[[], float] = time.time) -> Journal:
        """Open (creating and migrating as needed) the journal at ``path``."""
        path = Path(path)
        private_file(path, siblings=("-wal", "-shm", "-journal"))  # 0600 in a 0700 folder: full codes
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30.0)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            # FULL: every commit (above all a pending attempt) is on disk before the request is sent.
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
            problems = anchor.warn_at_start(conn, path)  # deleted, emptied, truncated or swapped
        except BaseException:
            conn.close()
            raise
        journal = cls(conn, path, clock)
        journal.integrity_problems = problems
        return journal

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def lock(self) -> threading.RLock:
        """Held around every use of ``connection`` (the GUI may call from a worker thread)."""
        return self._lock

    @property
    def connection(self) -> sqlite3.Connection:
        """For read-only helpers in this package (report, export, verify)."""
        return self._conn

    # -- writing ---------------------------------------------------------------------------------
    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._batch_depth:
                yield self._conn
                return
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
            anchor.record(self._conn, self.path)  # the head, outside the file

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group many appends into one transaction (imports, benchmarks)."""
        with self._tx():
            self._batch_depth += 1
            try:
                yield
            finally:
                self._batch_depth -= 1

    def _append(self, conn: sqlite3.Connection, fields: dict[str, Any]) -> int:
        """Insert one row after the current last row; the caller holds the write transaction."""
        seq_row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'entries'").fetchone()
        last = conn.execute("SELECT hash FROM entries ORDER BY id DESC LIMIT 1").fetchone()
        row: dict[str, Any] = dict.fromkeys(COLUMNS)
        row.update(
            cashier="",
            terminal="",
            title="",
            card_type="",
            detail="",
            reason="",
            message="",
            note="",
            owner="",
            settled=0,
        )
        row.update(fields)
        row["id"] = (int(seq_row[0]) if seq_row else 0) + 1
        row["fmt"] = chain.FMT
        row["prev_hash"] = last[0] if last else chain.GENESIS
        if row["ts_ms"] is None:
            row["ts_ms"] = int(self._clock() * 1000)
        row["hash"] = chain.row_hash(row)
        cols = [*COLUMNS, "code_rev", "hash"]
        values = [row[c] for c in COLUMNS] + [row["code"][::-1], row["hash"]]
        conn.execute(f"INSERT INTO entries ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", values)
        return int(row["id"])

    @staticmethod
    def _ctx_fields(ctx: OperationContext) -> dict[str, Any]:
        return {"cashier": ctx.cashier, "terminal": ctx.terminal, "store_location_id": ctx.store_location_id}

    @staticmethod
    def _card_fields(card: CardValue) -> dict[str, Any]:
        return {f: getattr(card, f) for f in _CARD_FIELDS}

    def record_lookup(self, result: Result, ctx: OperationContext) -> None:
        fields = {
            "kind": "lookup",
            "action": str(Action.LOOKUP),
            "code": result.code,
            "card_id": result.card_id,
            "status": str(result.info.status) if result.info and result.info.status else None,
            "outcome": str(result.outcome),
            "verdict": str(result.verdict),
            "errcode": result.errcode,
            "message": result.message,
            **self._ctx_fields(ctx),
            **self._card_fields(CardValue.of(result.card)),
        }
        with self._tx() as conn:
            self._append(conn, fields)

    def begin(self, action: Action, code: str, card_id: str | None, ctx: OperationContext, reason: str = "") -> str:
        """Commit a pending attempt (durably) and return its id; call before sending the request."""
        if action is Action.LOOKUP:
            raise ValueError("lookups are recorded with record_lookup()")
        attempt_id = uuid.uuid4().hex
        with self._tx() as conn:
            # Card fields from the lookup that preceded this attempt: a pending row still says what
            # the coupon was.
            known = conn.execute(
                "SELECT title, card_type, face_value, least_cost, discount, detail FROM entries "
                "WHERE code = ? AND title != '' ORDER BY id DESC LIMIT 1",
                (code,),
            ).fetchone()
            fields: dict[str, Any] = {
                "kind": "attempt",
                "attempt_id": attempt_id,
                "action": str(action),
                "code": code,
                "card_id": card_id,
                "outcome": str(Outcome.PENDING),
                "reason": reason,
                "owner": self.owner,
                **self._ctx_fields(ctx),
            }
            if known:
                fields.update(zip(_CARD_FIELDS, known, strict=True))
            self._append(conn, fields)
            self._in_flight.add(attempt_id)
        return attempt_id

    def _attempt(self, conn: sqlite3.Connection, attempt_id: str) -> dict[str, Any]:
        names = ", ".join(COLUMNS)
        cur = conn.execute(f"SELECT {names} FROM entries WHERE attempt_id = ? AND kind = 'attempt'", (attempt_id,))
        found = cur.fetchone()
        if found is None:
            raise UnknownAttemptError(attempt_id)
        return dict(zip(COLUMNS, found, strict=True))

    def _is_settled(self, conn: sqlite3.Connection, attempt_id: str) -> bool:
        return (
            conn.execute(
                "SELECT 1 FROM entries WHERE attempt_id = ? AND kind = 'outcome' AND settled = 1 LIMIT 1",
                (attempt_id,),
            ).fetchone()
            is not None
        )

    def complete(self, attempt_id: str, result: Result, *, note: str = "", definite: bool | None = None) -> None:
        """Append the outcome of an attempt.

        An ERROR outcome settles the attempt only when it is known that nothing happened (the request
        was not delivered, or a re-read found the code unchanged); otherwise the attempt stays pending
        until reconciled.  ``definite`` overrides that judgement.
        """
        settled = _is_definite(result) if definite is None else definite
        if result.confirmed_by_reread and not note:
            note = "confirmed by re-reading the code"
        with self._tx() as conn:
            attempt = self._attempt(conn, attempt_id)
            self._write_outcome(conn, attempt, result, settled=settled, note=note)
            self._in_flight.discard(attempt_id)

    def _write_outcome(
        self,
        conn: sqlite3.Connection,
        attempt: dict[str, Any],
        result: Result,
        *,
        settled: bool,
        note: str,
    ) -> None:
        card = (
            self._card_fields(CardValue.of(result.card))
            if result.card is not None
            else {f: attempt[f] for f in _CARD_FIELDS}
        )
        fields = {
            "kind": "outcome",
            "attempt_id": attempt["attempt_id"],
            "action": attempt["action"],
            "code": attempt["code"],
            "card_id": result.card_id or attempt["card_id"],
            "cashier": attempt["cashier"],
            "terminal": attempt["terminal"],
            "store_location_id": attempt["store_location_id"],
            "status": str(result.info.status) if result.info and result.info.status else None,
            "outcome": str(result.outcome),
            "verdict": str(result.verdict),
            "errcode": result.errcode,
            "reason": attempt["reason"],
            "message": result.message,
            "note": note,
            "settled": 1 if settled else 0,
            **card,
        }
        self._append(conn, fields)

    def settle(self, attempt_id: str, result: Result, *, note: str) -> bool:
        """Reconciliation's write: settle a still-pending attempt; False if it was settled meanwhile."""
        with self._tx() as conn:
            attempt = self._attempt(conn, attempt_id)
            if self._is_settled(conn, attempt_id):
                return False
            self._write_outcome(conn, attempt, result, settled=True, note=note)
            return True

    def acknowledge(self, attempt_id: str, manager: str, note: str = "") -> None:
        """A manager's explicit acknowledgement of an unresolved attempt (it stays pending)."""
        manager = manager.strip()
        if not manager:
            raise ValueError("a manager's name is required")
        with self._tx() as conn:
            attempt = self._attempt(conn, attempt_id)
            if self._is_settled(conn, attempt_id):
                raise NotPendingError(attempt_id)
            self._append(
                conn,
                {
                    "kind": "ack",
                    "attempt_id": attempt_id,
                    "action": attempt["action"],
                    "code": attempt["code"],
                    "card_id": attempt["card_id"],
                    "cashier": manager,
                    "terminal": attempt["terminal"],
                    "outcome": str(Outcome.PENDING),
                    "note": note,
                },
            )

    def release(self, attempt_id: str) -> None:
        """The caller stops waiting for this attempt's answer (e.g. the re-read after a lost answer
        failed): reconciliation may settle it right away instead of after its grace period."""
        with self._lock:
            self._in_flight.discard(attempt_id)

    def in_flight(self, attempt_id: str) -> bool:
        """True while this process has begun the attempt and not completed it."""
        return attempt_id in self._in_flight

    # -- reading ---------------------------------------------------------------------------------
    def pending(self) -> list[PendingAttempt]:
        """Attempts with no settled outcome, oldest first (acknowledged ones included).

        Fast on a year of rows: ``settled_watermark`` remembers "every attempt up to w is settled
        except these few", so only newer attempts and the known open ones are examined.
        """
        sql = """
        SELECT a.attempt_id, a.action, a.code, a.card_id, a.cashier, a.terminal, a.ts_ms, a.reason,
               a.title, a.owner,
               (SELECT k.cashier FROM entries k WHERE k.id = (
                  SELECT max(y.id) FROM entries y
                  WHERE y.attempt_id = a.attempt_id AND y.kind = 'ack' AND y.settled = 0)),
               (SELECT u.note || CASE WHEN u.message != '' THEN ' ' || u.message ELSE '' END
                  FROM entries u WHERE u.id = (
                  SELECT max(z.id) FROM entries z
                  WHERE z.attempt_id = a.attempt_id AND z.kind = 'outcome')),
               a.id
        FROM entries a
        WHERE a.kind = 'attempt' AND ({where}) AND NOT EXISTS (
            SELECT 1 FROM entries o WHERE o.attempt_id = a.attempt_id AND o.kind = 'outcome' AND o.settled = 1)
        """
        with self._lock:
            conn = self._conn
            own_tx = not conn.in_transaction
            if own_tx:
                conn.execute("BEGIN")  # one snapshot for the scan and the watermark below
            try:
                mark, open_ids = _watermark(conn)
                rows = conn.execute(sql.format(where="a.id > ?"), (mark,)).fetchall()
                if open_ids:
                    marks = ", ".join("?" * len(open_ids))
                    rows += conn.execute(sql.format(where=f"a.id IN ({marks})"), open_ids).fetchall()
                top = conn.execute("SELECT max(id) FROM entries WHERE kind = 'attempt'").fetchone()[0] or 0
            finally:
                if own_tx:
                    conn.execute("COMMIT")
            rows.sort(key=lambda r: r[-1])
            now_open = [r[-1] for r in rows]
            if own_tx and (top, now_open) != (mark, open_ids):
                self._advance_watermark(top, now_open)
        return [
            PendingAttempt(
                attempt_id=r[0],
                action=Action(r[1]),
                code=r[2],
                card_id=r[3],
                cashier=r[4],
                terminal=r[5],
                time=r[6] / 1000,
                reason=r[7],
                title=r[8],
                owner=r[9],
                acknowledged_by=r[10],
                last_note=(r[11] or "").strip(),
            )
            for r in rows
        ]

    def _advance_watermark(self, mark: int, open_ids: list[int]) -> None:
        """Remember the settled state seen (a cache; skipped when another writer holds the file)."""
        try:
            self._conn.execute(
                "INSERT INTO settled_watermark (w, open_ids) VALUES (?, ?)", (mark, json.dumps(open_ids))
            )
        except sqlite3.OperationalError as exc:
            log.debug("watermark not advanced: %s", exc)

    def attempts_on(self, code: str) -> list[KnownAttempt]:
        """Every redeem/invalidate attempt on ``code`` in this journal, oldest first, with its state
        (what :func:`pos_app.settle.settle` takes as ``others``)."""
        sql = """
        SELECT a.attempt_id, a.action, a.ts_ms,
               (SELECT o.outcome FROM entries o WHERE o.id = (
                  SELECT max(x.id) FROM entries x
                  WHERE x.attempt_id = a.attempt_id AND x.kind = 'outcome' AND x.settled = 1))
        FROM entries a WHERE a.code = ? AND a.kind = 'attempt' ORDER BY a.id
        """
        with self._lock:
            rows = self._conn.execute(sql, (code,)).fetchall()
        return [
            KnownAttempt(r[0], Action(r[1]), r[2] / 1000, state_of(Outcome(r[3]) if r[3] else None), "journal")
            for r in rows
        ]

    def attempt_time(self, attempt_id: str) -> float:
        """When the attempt began (epoch seconds); UnknownAttemptError if there is none."""
        with self._lock:
            return float(self._attempt(self._conn, attempt_id)["ts_ms"]) / 1000

    def unacknowledged(self) -> list[PendingAttempt]:
        """Pending attempts that block closing the shift."""
        return [p for p in self.pending() if not p.acknowledged_by]

    def last_redemption(self, code: str) -> Redemption | None:
        sql = """
        SELECT a.ts_ms, a.terminal, a.cashier, a.attempt_id
        FROM entries o JOIN entries a ON a.attempt_id = o.attempt_id AND a.kind = 'attempt'
        WHERE o.code = ? AND o.kind = 'outcome' AND o.settled = 1 AND o.outcome = 'redeemed'
          AND o.id = (SELECT max(x.id) FROM entries x
                      WHERE x.attempt_id = o.attempt_id AND x.kind = 'outcome' AND x.settled = 1)
        ORDER BY o.id DESC LIMIT 1
        """
        with self._lock:
            r = self._conn.execute(sql, (code,)).fetchone()
        if r is None:
            return None
        return Redemption(time=r[0] / 1000, terminal=r[1], cashier=r[2], attempt_id=r[3])

    def operations(
        self,
        where: Sequence[str] = (),
        params: Sequence[Any] = (),
        *,
        order: str = "h.id DESC",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Row]:
        """Operations matching SQL conditions on ``h`` (head row) / ``o`` (outcome); package use."""
        sql = OPERATIONS_SQL + "".join(f" AND ({w})" for w in where) + f" ORDER BY {order}"
        args = list(params)
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [limit, offset]
        with self._lock:
            rows = self._conn.execute(sql, args).fetchall()
        return [_to_row(r) for r in rows]

    def iter_operations(
        self, where: Sequence[str] = (), params: Sequence[Any] = (), *, order: str = "h.id"
    ) -> Iterator[Row]:
        """Like operations(), streamed (exports of a whole year)."""
        sql = OPERATIONS_SQL + "".join(f" AND ({w})" for w in where) + f" ORDER BY {order}"
        with self._lock:
            cur = self._conn.execute(sql, list(params))
            while batch := cur.fetchmany(2000):
                yield from (_to_row(r) for r in batch)

    def search(
        self,
        code_substring: str | None = None,
        day: date | None = None,
        outcome: Outcome | str | None = None,
        cashier: str | None = None,
        limit: int = 200,
        offset: int = 0,
        *,
        before_id: int | None = None,
    ) -> list[Row]:
        """History: newest operations first.

        ``code_substring`` matches codes that are, start with or end with the text (a whole scanned
        code, its first digits, or the last 4 printed on a masked receipt); all three use an index.
        For deep paging pass ``before_id`` (the ``id`` of the last row shown) instead of a large offset.
        """
        where: list[str] = []
        params: list[Any] = []
        text = clean(code_substring or "")
        if text:
            top = text + "\U0010ffff"
            rev = text[::-1]
            where.append(
                "h.id IN (SELECT id FROM entries WHERE code >= ? AND code < ?"
                " UNION ALL SELECT id FROM entries WHERE code_rev >= ? AND code_rev < ?)"
            )
            params += [text, top, rev, rev + "\U0010ffff"]
        if day is not None:
            lo, hi = day_bounds_ms(day, day)
            where.append("h.ts_ms >= ? AND h.ts_ms < ?")
            params += [lo, hi]
        if cashier:
            where.append("h.cashier = ?")
            params.append(cashier)
        if before_id is not None:
            where.append("h.id < ?")
            params.append(before_id)
        if outcome is None:
            return self.operations(where, params, limit=limit, offset=offset)
        outcome = Outcome(outcome)
        where.append(f"{OUTCOME_EXPR} = ?")
        params.append(outcome.value)
        if text or day is not None:  # already narrowed by an index to a few rows
            return self.operations(where, params, limit=limit, offset=offset)
        # A common outcome fills the page from the recent rows; a rare one (errors, pending) would
        # mean checking a year of rows one by one, so its candidates come from an index instead.
        with self._lock:
            newest = self._conn.execute("SELECT coalesce(max(id), 0) FROM entries").fetchone()[0]
        if outcome is not Outcome.PENDING:  # pending ones are few and known: go straight to them
            recent = [*where, "h.id > ?"]
            rows = self.operations(recent, [*params, newest - RECENT_WINDOW], limit=limit, offset=offset)
            if len(rows) == limit or newest <= RECENT_WINDOW:
                return rows
        cand_sql, cand_params = self._outcome_candidates(outcome)
        return self.operations([*where, f"h.id IN ({cand_sql})"], [*params, *cand_params], limit=limit, offset=offset)

    def _outcome_candidates(self, outcome: Outcome) -> tuple[str, list[Any]]:
        """SQL for the ids of head rows that may have ``outcome`` (the caller re-checks exactly)."""
        if outcome is Outcome.PENDING:
            ids = [p.attempt_id for p in self.pending()]
            marks = ", ".join("?" * len(ids)) or "NULL"
            return f"SELECT id FROM entries WHERE attempt_id IN ({marks}) AND kind = 'attempt'", list(ids)
        sql = (
            "SELECT id FROM entries WHERE outcome = ? AND kind = 'lookup'"
            " UNION ALL SELECT a.id FROM entries oc JOIN entries a"
            " ON a.attempt_id = oc.attempt_id AND a.kind = 'attempt'"
            " WHERE oc.outcome = ? AND oc.kind = 'outcome' AND oc.settled = 1"
        )
        return sql, [outcome.value, outcome.value]

    def shift_report(self, since: date | datetime, until: date | datetime, cashier: str | None = None) -> Any:
        """The shift report (``pos_app.journal.report.Report``); dates are inclusive local days."""
        from pos_app.journal.report import shift_report

        return shift_report(self, since, until, cashier)

    def head(self) -> tuple[int, str]:
        """(number of the last row, its hash): the value that anchors the chain outside the file."""
        with self._lock:
            r = self._conn.execute("SELECT id, hash FROM entries ORDER BY id DESC LIMIT 1").fetchone()
        return (int(r[0]), str(r[1])) if r else (0, chain.GENESIS)

    def verify(self) -> chain.VerifyReport:
        with self._lock:
            return anchor.extend(chain.verify(self._conn), self._conn, self.path)


def _watermark(conn: sqlite3.Connection) -> tuple[int, list[int]]:
    """The latest claim: every attempt with id <= w is settled, except ``open_ids``."""
    r = conn.execute("SELECT w, open_ids FROM settled_watermark ORDER BY rowid DESC LIMIT 1").fetchone()
    if r is None:
        return 0, []
    return int(r[0]), [int(i) for i in json.loads(r[1])]


def _to_row(r: Sequence[Any]) -> Row:
    n = len(COLUMNS)
    h = dict(zip(COLUMNS, r[:n], strict=True))
    o = dict(zip(COLUMNS, r[n : 2 * n], strict=True)) if r[n] is not None else None
    ack = r[2 * n]
    src = o or h
    card = CardValue(**{f: src[f] for f in _CARD_FIELDS})
    if not card.title and o is not None:
        card = CardValue(**{f: h[f] for f in _CARD_FIELDS})
    if h["kind"] == "lookup":
        outcome = Outcome(h["outcome"])
    else:
        outcome = Outcome(o["outcome"]) if o else Outcome.PENDING
    note = (o or {}).get("note") or ""
    if h["kind"] == "attempt" and ack and o is None:
        note = f"acknowledged by {ack}"
    return Row(
        id=h["id"],
        attempt_id=h["attempt_id"],
        time=h["ts_ms"] / 1000,
        terminal=h["terminal"],
        cashier=h["cashier"],
        action=Action(h["action"]),
        code=h["code"],
        card_id=src["card_id"] or h["card_id"],
        card=card,
        outcome=outcome,
        errcode=src["errcode"] if h["kind"] == "lookup" or o else None,
        reason=h["reason"],
        status=src["status"],
        note=note,
        acknowledged_by=ack,
    )
