"""The counter's side of journal shipping: upload every journal row the hub does not hold yet.

Nothing is remembered locally: the hub's acknowledgement (highest contiguous row held) says where to
resume, so a counter offline for a day, or killed mid-upload, simply starts again and catches up.
Reads the SQLite journal through its own read-only connection (the counter keeps writing meanwhile).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from pos_app.journal.anchor import anchored
from pos_app.journal.schema import COLUMNS

BATCH = 500
JOURNAL_PATH = "/hub/v1/journal"


class ShipError(RuntimeError):
    """The hub refused the upload (revoked terminal, clone detected, bad rows, too many failed sign-ins:
    ``retry_after`` seconds)."""

    def __init__(self, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class ShipReport:
    acked: int
    sent: int
    batches: int
    local_rows: int


def journal_identity(path: Path) -> str | None:
    """The journal's identity: the hash of its first row (None while it is empty)."""
    with _open(path) as conn:
        row = conn.execute("SELECT hash FROM entries WHERE id = 1").fetchone()
    return str(row[0]) if row else None


@contextmanager
def _one_shipper(journal: Path) -> Iterator[None]:
    """One upload of a journal at a time (the window's timer, `pos-app hub ship`): a second one waits,
    so the hub never sees an older head after a newer one (it would read as a restored journal)."""
    fd = os.open(journal.with_name(journal.name + ".ship-lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _open(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30.0)
    return conn


class Shipper:
    def __init__(
        self, hub_url: str, terminal: str, credential: str, journal: Path, *, batch: int = BATCH, timeout: float = 30.0
    ) -> None:
        self._http = httpx.Client(base_url=hub_url.rstrip("/"), auth=(terminal, credential), timeout=timeout)
        self.journal = Path(journal)
        self.batch = batch
        self._acked: int | None = None  # the hub's last answer: a hint for the next upload, never trusted

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Shipper:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _post(self, payload: dict[str, Any]) -> int:
        response = self._http.post(JOURNAL_PATH, json=payload)
        if response.status_code != 200:
            try:
                error = response.json().get("error", "")
            except ValueError:
                error = ""
            wait = response.headers.get("retry-after", "")
            retry_after = int(wait) if response.status_code == 429 and wait.isdigit() else None
            raise ShipError(f"HTTP {response.status_code}: {error}", retry_after)
        acked = response.json().get("acked")
        if not isinstance(acked, int):
            raise ShipError("the hub's answer has no acked sequence")
        return acked

    def ship(self, *, on_batch: Callable[[int], None] | None = None, max_batches: int | None = None) -> ShipReport:
        """Upload until the hub holds every row (or ``max_batches`` were sent).  Network errors raise
        httpx.HTTPError: call again later — nothing is lost."""
        with _one_shipper(self.journal):
            return self._ship(on_batch, max_batches)

    def _ship(self, on_batch: Callable[[int], None] | None, max_batches: int | None) -> ShipReport:
        # the anchor before the head: it only moves after a row is committed, so it can never be ahead
        # of the head read after it — unless the journal went backwards, which is what the hub checks
        mark = anchored(self.journal)
        anchor = {"seq": mark[0], "hash": mark[1]} if mark else None
        conn = _open(self.journal)
        try:
            identity_row = conn.execute("SELECT hash FROM entries WHERE id = 1").fetchone()
            identity = str(identity_row[0]) if identity_row else None
            last = conn.execute("SELECT id, hash FROM entries ORDER BY id DESC LIMIT 1").fetchone()
            head = {"seq": int(last[0]), "hash": str(last[1])} if last else None
            names = ", ".join(COLUMNS)

            def after(seq: int) -> list[dict[str, Any]]:
                rows = conn.execute(
                    f"SELECT {names}, hash FROM entries WHERE id > ? ORDER BY id LIMIT ?", (seq, self.batch)
                ).fetchall()
                return [{"seq": r[0], "hash": r[-1], "row": dict(zip(COLUMNS, r[:-1], strict=True))} for r in rows]

            # The first request carries the head and anchor, and — when this shipper already heard from
            # the hub — the rows after what the hub said it held (one request per upload, not two).  The
            # hub answers where it really stands whatever was sent, and the loop goes on from there.
            first = after(self._acked) if self._acked is not None and max_batches != 0 else []
            acked = self._post({"identity": identity, "head": head, "anchor": anchor, "rows": first})
            sent, batches = len(first), int(bool(first))
            if first and on_batch is not None:
                on_batch(acked)
            while max_batches is None or batches < max_batches:
                rows = after(acked)
                if not rows:
                    break
                new_acked = self._post({"identity": identity, "rows": rows})
                sent += len(rows)
                batches += 1
                if on_batch is not None:
                    on_batch(new_acked)
                if new_acked <= acked:
                    raise ShipError(f"the hub did not advance past row {acked}")
                acked = new_acked
            self._acked = acked
            total = conn.execute("SELECT coalesce(max(id), 0) FROM entries").fetchone()[0]
            return ShipReport(acked, sent, batches, int(total))
        finally:
            conn.close()

    def ship_forever(self, interval: float = 10.0, stop: Callable[[], bool] = lambda: False) -> None:
        """Keep the hub up to date; an offline hub is retried every ``interval`` seconds."""
        while not stop():
            try:
                self.ship()
            except (httpx.HTTPError, ShipError, sqlite3.Error):
                pass
            time.sleep(interval)
