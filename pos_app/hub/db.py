"""PostgreSQL access for the hub: a small pool of psycopg connections and one way to run a transaction.

Any failure to reach the server surfaces as :class:`DatabaseDown`; the web layer turns it into 503 and
the relay refuses to send a write it could not record first.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.rows import dict_row

Conn = psycopg.Connection[dict[str, Any]]


class DatabaseDown(RuntimeError):
    """PostgreSQL could not be reached or dropped the connection."""


class Database:
    def __init__(self, url: str, *, size: int = 10, connect_timeout: int = 3) -> None:
        self.url = url
        self._size = size
        self._connect_timeout = connect_timeout
        self._idle: list[Conn] = []
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(size)

    def _connect(self) -> Conn:
        try:
            return psycopg.connect(
                self.url, autocommit=True, row_factory=dict_row, connect_timeout=self._connect_timeout
            )
        except psycopg.OperationalError as exc:
            raise DatabaseDown(_describe(exc)) from None

    @contextmanager
    def connection(self) -> Iterator[Conn]:
        """A connection in autocommit mode, returned to the pool afterwards (closed when broken)."""
        if not self._slots.acquire(timeout=30):
            raise DatabaseDown("no database connection free")
        conn: Conn | None = None
        try:
            with self._lock:
                conn = self._idle.pop() if self._idle else None
            if conn is None or conn.closed or conn.broken:
                conn = self._connect()
            try:
                yield conn
            except psycopg.OperationalError as exc:
                conn.close()
                raise DatabaseDown(_describe(exc)) from None
            except BaseException:
                if not conn.closed and conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                    conn.close()
                raise
        finally:
            if conn is not None and not conn.closed and not conn.broken:
                with self._lock:
                    self._idle.append(conn)
            self._slots.release()

    @contextmanager
    def tx(self) -> Iterator[Conn]:
        """One transaction: committed when the block ends, rolled back when it raises."""
        with self.connection() as conn, conn.transaction():
            yield conn

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()


def _describe(exc: BaseException) -> str:
    """The error's first line without the connection string (it may hold a password)."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text.split("connection to server at")[0].strip() or type(exc).__name__
