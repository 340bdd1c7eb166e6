"""The counter's side of journal shipping: upload every journal row the hub does not hold yet.

Nothing is remembered locally: the hub's acknowledgement (highest contiguous row held) says where to
resume, so a counter offline for a day, or killed mid-upload, simply starts again and catches up.
Reads the SQLite journal through its own read-only connection (the counter keeps writing meanwhile).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

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
        conn = _open(self.journal)
        try:
            identity_row = conn.execute("SELECT hash FROM entries WHERE id = 1").fetchone()
            identity = str(identity_row[0]) if identity_row else None
            last = conn.execute("SELECT id, hash FROM entries ORDER BY id DESC LIMIT 1").fetchone()
            head = {"seq": int(last[0]), "hash": str(last[1])} if last else None
            acked = self._post({"identity": identity, "head": head, "rows": []})
            sent = batches = 0
            names = ", ".join(COLUMNS)
            while max_batches is None or batches < max_batches:
                rows = conn.execute(
                    f"SELECT {names}, hash FROM entries WHERE id > ? ORDER BY id LIMIT ?", (acked, self.batch)
                ).fetchall()
                if not rows:
                    break
                payload = {
                    "identity": identity,
                    "rows": [
                        {"seq": r[0], "hash": r[-1], "row": dict(zip(COLUMNS, r[:-1], strict=True))} for r in rows
                    ],
                }
                new_acked = self._post(payload)
                sent += len(rows)
                batches += 1
                if on_batch is not None:
                    on_batch(new_acked)
                if new_acked <= acked:
                    raise ShipError(f"the hub did not advance past row {acked}")
                acked = new_acked
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
