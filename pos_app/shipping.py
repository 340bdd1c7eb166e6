"""The counter ships its journal to the chain's hub by itself: when to ship, backing off, what to tell.

Qt-free.  A counter connected to a hub (``pos-app connect``) keeps the hub's copy of its journal up to
date: ``JournalShipping.due()`` says when a ship should start — every ``interval`` seconds, at once after
``soon()`` (a redemption, a shift close), and while the hub is unreachable only after a growing pause
(``first_retry`` doubling up to ``max_backoff``; ``soon()`` does not shorten it).  ``run()`` ships
(``pos_app.hub.shipper.Shipper``: blocking network and disk work — the window calls it on a worker
thread, never on the GUI thread) and returns the ``ShipStatus`` the window shows quietly.  Nothing is
lost while the hub is away: the hub's acknowledgement says where the next upload resumes.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

from pos_app.hub.shipper import ShipError, Shipper, ShipReport

log = logging.getLogger("pos_app.shipping")

INTERVAL_S = 60.0
FIRST_RETRY_S = 15.0
MAX_BACKOFF_S = 600.0


@dataclass(frozen=True)
class ShipStatus:
    """What the hub holds of this counter's journal, as of ``checked_at`` (epoch seconds)."""

    local_rows: int = 0
    acked: int | None = None  # rows the hub holds (the highest contiguous row); None: not known yet
    unreachable_since: float | None = None  # the hub did not answer since then (None: it answered last)
    refused: str = ""  # the hub answered but refused the rows (revoked terminal, clone): its reason
    checked_at: float | None = None

    @property
    def not_at_hub(self) -> int:
        """Rows the hub is not known to hold."""
        return max(0, self.local_rows - (self.acked or 0))

    @property
    def all_at_hub(self) -> bool:
        return self.acked is not None and self.not_at_hub == 0 and not self.refused


def count_rows(journal: Path) -> int:
    """Rows in the journal (its own read-only connection; 0 while it does not exist)."""
    if not journal.exists():
        return 0
    conn = sqlite3.connect(f"file:{journal}?mode=ro", uri=True, timeout=5.0)
    try:
        return int(conn.execute("SELECT coalesce(max(id), 0) FROM entries").fetchone()[0])
    finally:
        conn.close()


class JournalShipping:
    """Thread-safe: ``due``/``soon`` on the GUI thread, ``run`` on a worker (one at a time)."""

    def __init__(
        self,
        ship: Callable[[], ShipReport],
        rows: Callable[[], int],
        *,
        clock: Callable[[], float] = time.time,
        interval: float = INTERVAL_S,
        first_retry: float = FIRST_RETRY_S,
        max_backoff: float = MAX_BACKOFF_S,
    ) -> None:
        self._ship = ship
        self._rows = rows
        self._clock = clock
        self.interval = interval
        self.first_retry = first_retry
        self.max_backoff = max_backoff
        self._lock = threading.Lock()
        self._running = False
        self._failures = 0
        self._next_at = clock()  # the first ship at once
        self.status = ShipStatus()

    def due(self) -> bool:
        with self._lock:
            return not self._running and self._clock() >= self._next_at

    def soon(self) -> None:
        """Something worth shipping happened (a redemption, a shift close): ship at the next ``due``,
        unless the hub is unreachable (then the backoff holds)."""
        with self._lock:
            if self._failures == 0:
                self._next_at = min(self._next_at, self._clock())

    @property
    def next_at(self) -> float:
        return self._next_at

    def run(self) -> ShipStatus:
        """Ship what the hub does not hold yet; never raises for the hub's or the network's faults."""
        with self._lock:
            if self._running:
                return self.status
            self._running = True
        try:
            status = self._attempt()
        finally:
            with self._lock:
                self._running = False
        return status

    def _attempt(self) -> ShipStatus:
        now = self._clock()
        try:
            report = self._ship()
        except (httpx.HTTPError, OSError) as exc:  # no answer: try again after a growing pause
            log.info("journal shipping: the hub did not answer (%s)", type(exc).__name__)
            return self._failed(now, refused="")
        except ShipError as exc:  # the hub answered no: keep trying (slowly), and say why
            log.warning("journal shipping refused by the hub: %s", exc)
            return self._failed(now, refused=str(exc) or "refused")
        except sqlite3.Error as exc:  # the local journal could not be read: a local fault, retried
            log.warning("journal shipping: the journal could not be read: %s", exc)
            return self._failed(now, refused="", keep_reachability=True)
        with self._lock:
            self._failures = 0
            self._next_at = self._clock() + self.interval
            self.status = ShipStatus(report.local_rows, report.acked, None, "", now)
            return self.status

    def _failed(self, now: float, *, refused: str, keep_reachability: bool = False) -> ShipStatus:
        try:
            local = self._rows()
        except (sqlite3.Error, OSError):
            local = self.status.local_rows
        with self._lock:
            self._failures += 1
            pause = min(self.max_backoff, self.first_retry * 2 ** (self._failures - 1))
            self._next_at = self._clock() + pause
            old = self.status
            if keep_reachability:
                since = old.unreachable_since
            elif refused:
                since = None
            else:
                since = old.unreachable_since or now
            self.status = replace(old, local_rows=local, unreachable_since=since, refused=refused, checked_at=now)
            return self.status


def for_counter(
    target: Callable[[], tuple[str, str, str]],
    journal: Path,
    *,
    interval: float = INTERVAL_S,
    first_retry: float = FIRST_RETRY_S,
    max_backoff: float = MAX_BACKOFF_S,
    clock: Callable[[], float] = time.time,
) -> JournalShipping:
    """Shipping of ``journal``; ``target()`` gives (hub URL, terminal, credential), read when shipping so
    settings or credentials saved meanwhile apply at once."""

    def ship() -> ShipReport:
        hub_url, terminal, credential = target()
        with Shipper(hub_url, terminal, credential, journal, timeout=10.0) as shipper:
            return shipper.ship()

    timing = {"interval": interval, "first_retry": first_retry, "max_backoff": max_backoff}
    return JournalShipping(ship, lambda: count_rows(journal), clock=clock, **timing)


__all__ = ["JournalShipping", "ShipStatus", "count_rows", "for_counter"]
