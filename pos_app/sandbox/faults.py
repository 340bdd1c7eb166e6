"""Fault injection: per path, a queue of failures the next requests to that path meet, in order.

Some faults act before the operation (nothing changes), some after it (the state has changed, the
answer is lost or wrong) — the second kind is what makes a redemption's outcome ambiguous.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

# kind -> True when the operation is performed before the fault strikes.
KINDS: dict[str, bool] = {
    "delay": True,  # perform, wait `delay` seconds, then answer normally (a slow answer)
    "drop_after_commit": True,  # perform, then close the connection without an answer
    "busy_after_commit": True,  # perform, then answer errcode -1 (the live service does this)
    "drop_before": False,  # close the connection without doing anything
    "http_500": False,  # HTTP 500, nothing done
    "busy": False,  # HTTP 200 {"errcode": -1}, nothing done
    "non_json": False,  # HTTP 200 with an HTML error page, nothing done
    "errcode": False,  # HTTP 200 with the given errcode (quota, permission ...), nothing done
}


@dataclass(frozen=True)
class Fault:
    kind: str
    delay: float = 0.0
    errcode: int = 0

    @property
    def after_commit(self) -> bool:
        return KINDS[self.kind]


class FaultPlan:
    """Thread-safe queues of faults keyed by request path ("/card/code/consume")."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: dict[str, deque[Fault]] = {}

    def inject(self, path: str, kind: str, times: int = 1, delay: float = 0.0, errcode: int = 0) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; one of {', '.join(KINDS)}")
        if kind == "errcode" and not errcode:
            raise ValueError("fault kind 'errcode' needs errcode=N")
        if not path.startswith("/"):
            path = "/" + path
        with self._lock:
            queue = self._queues.setdefault(path, deque())
            queue.extend(Fault(kind, delay, errcode) for _ in range(times))

    def take(self, path: str) -> Fault | None:
        with self._lock:
            queue = self._queues.get(path)
            return queue.popleft() if queue else None

    def pending(self, path: str | None = None) -> int:
        with self._lock:
            if path is not None:
                return len(self._queues.get(path, ()))
            return sum(len(q) for q in self._queues.values())

    def clear(self) -> None:
        with self._lock:
            self._queues.clear()
