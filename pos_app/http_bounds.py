"""Bounds on one HTTP exchange: a wall-clock deadline per call, a size limit per answer, https only.

httpx's timeouts are per operation (connect, each read, each write): an answer that trickles one byte
every few seconds never trips them, and nothing limits how much an answer may weigh.  This module adds:

- a per-thread *deadline* (``deadline()``): every socket operation of the calls made inside it — DNS,
  connect, TLS, each write, each read, retries included — gets at most the time that is left, and fails
  with httpx's own timeout errors once it has passed.  It is installed as an httpcore network backend, so
  it also bounds a server that drips the status line;
- ``read_bounded()``: a streamed answer read up to a byte limit (compressed answers are inflated with
  the same bound), raising ``AnswerTooLarge`` beyond it, so memory stays bounded whatever is sent;
- ``check_transport_url()``: plain http only to loopback addresses (the simulator, tests, a local relay).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx

_local = threading.local()


class UnusableBody(Exception):
    """The answer's body cannot be used (too large, or in an encoding we did not ask for)."""


class AnswerTooLarge(UnusableBody):
    """The answer is larger than the limit (it was cut: the rest was never read)."""


class PlainHttpRefused(ValueError):
    """An http:// address that is not a loopback address."""


# -- the https rule ------------------------------------------------------------------------------------

LOOPBACK_NAMES = frozenset({"localhost"})


def is_loopback_host(host: str) -> bool:
    """127.0.0.0/8, ::1 (with or without brackets) or the name ``localhost``."""
    host = host.strip().strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_transport_url(url: str) -> str:
    """``url`` if it may carry the AppSecret: https, or http to a loopback address; else raise.

    Parsed with httpx's own URL parser, so what is checked is what httpx will connect to.
    """
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise PlainHttpRefused(f"not a URL: {exc}") from None
    if not parsed.host:
        raise PlainHttpRefused("the address names no host")
    if parsed.scheme == "https":
        return url
    if parsed.scheme == "http" and is_loopback_host(parsed.host):
        return url
    if parsed.scheme == "http":
        raise PlainHttpRefused(f"plain http is only allowed to loopback addresses, not to {parsed.host}")
    raise PlainHttpRefused(f"the scheme must be https, not {parsed.scheme or 'none'}")


# -- the per-call deadline -----------------------------------------------------------------------------


@contextmanager
def deadline(seconds: float) -> Iterator[float]:
    """Bound every request this thread makes inside the block to ``seconds`` in all (monotonic clock).

    Nested blocks share the outermost deadline: a lookup that fetches a token and tries several card_ids
    is still one call.  Yields the deadline (a ``time.monotonic()`` value).
    """
    outer: float | None = getattr(_local, "deadline", None)
    if outer is not None:
        yield outer
        return
    _local.deadline = time.monotonic() + seconds
    try:
        yield _local.deadline
    finally:
        _local.deadline = None


def remaining() -> float | None:
    """Seconds left before this thread's deadline (may be negative), or None outside ``deadline()``."""
    end: float | None = getattr(_local, "deadline", None)
    return None if end is None else end - time.monotonic()


def _bound(timeout: float | None, error: type[Exception]) -> float | None:
    left = remaining()
    if left is None:
        return timeout
    if left <= 0:
        raise error("the call's deadline has passed")
    return left if timeout is None else min(timeout, left)


def bounded_timeout(timeout: httpx.Timeout) -> httpx.Timeout:
    """``timeout`` with every part cut to the time left (the pool wait included)."""
    left = remaining()
    if left is None:
        return timeout
    left = max(left, 0.001)

    def cut(value: float | None) -> float:
        return left if value is None else min(value, left)

    return httpx.Timeout(
        connect=cut(timeout.connect), read=cut(timeout.read), write=cut(timeout.write), pool=cut(timeout.pool)
    )


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bound(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        # One bounded write at a time: a peer that reads slowly cannot stretch the call past its deadline.
        view = memoryview(buffer)
        step = 16 * 1024
        for start in range(0, len(view), step):
            self._inner.write(bytes(view[start : start + step]), _bound(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        tls = self._inner.start_tls(ssl_context, server_hostname, _bound(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


def _resolve(host: str, port: int, timeout: float | None) -> list[str]:
    """Addresses of ``host``; the system resolver runs in a helper thread so a hung DNS is bounded too."""
    try:
        ipaddress.ip_address(host.strip("[]"))
        return [host.strip("[]")]
    except ValueError:
        pass
    found: list[str] = []
    failure: list[BaseException] = []

    def ask() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            found.extend(dict.fromkeys(str(info[4][0]) for info in infos))
        except OSError as exc:
            failure.append(exc)

    worker = threading.Thread(target=ask, name="pos-app-dns", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise httpcore.ConnectTimeout(f"no address for {host} in time")
    if failure or not found:
        raise httpcore.ConnectError(f"no address for {host}: {failure[0] if failure else 'none'}")
    return found


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's synchronous backend with every operation cut to the thread's deadline."""

    def __init__(self, inner: httpcore.NetworkBackend | None = None) -> None:
        self._inner = inner or httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        last: Exception | None = None
        for address in _resolve(host, port, _bound(timeout, httpcore.ConnectTimeout)):
            try:
                stream = self._inner.connect_tcp(
                    address, port, _bound(timeout, httpcore.ConnectTimeout), local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                last = exc
                continue
            return _DeadlineStream(stream)
        raise last or httpcore.ConnectError(f"cannot connect to {host}")

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_unix_socket(path, _bound(timeout, httpcore.ConnectTimeout), socket_options)
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        left = remaining()
        self._inner.sleep(seconds if left is None else max(0.0, min(seconds, left)))


def bounded_client(**kwargs: Any) -> httpx.Client:
    """An ``httpx.Client`` whose connections (direct and through proxies from the environment) all use
    :class:`DeadlineBackend`.

    httpx offers no public way to hand a network backend to its default transport; each httpcore pool
    keeps it in ``_network_backend`` (httpcore 1.x).  If a later httpcore renames it this raises at once
    (and tests/test_hostile_transport.py fails) instead of silently dropping the deadline.
    """
    client = httpx.Client(**kwargs)
    transports = [client._transport, *(t for t in client._mounts.values() if t is not None)]
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        if pool is None or not hasattr(pool, "_network_backend"):
            client.close()
            raise RuntimeError("httpx/httpcore internals changed: the call deadline cannot be installed")
        pool._network_backend = DeadlineBackend(pool._network_backend)
    return client


# -- bounded answers -----------------------------------------------------------------------------------


def read_bounded(response: httpx.Response, limit: int) -> bytes:
    """The body of a streamed ``response``, at most ``limit`` bytes once decoded; AnswerTooLarge beyond.

    Reads raw bytes (never more than ``limit`` of them plus one network chunk), then inflates gzip or
    deflate with the same bound.  An unknown content-encoding is refused (we ask for identity).
    """
    declared = response.headers.get("content-length", "")
    if declared.strip().isdigit() and int(declared) > limit:
        raise AnswerTooLarge(f"declared {declared} bytes, limit {limit}")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_raw():
        size += len(chunk)
        if size > limit:
            raise AnswerTooLarge(f"more than {limit} bytes")
        chunks.append(chunk)
    raw = b"".join(chunks)
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding in ("", "identity"):
        return raw
    if encoding not in ("gzip", "deflate", "x-gzip"):
        raise UnusableBody(f"unsupported content-encoding {encoding!r}")
    # 47: a gzip or zlib header, detected; -15: raw deflate (some servers send it as "deflate").
    for wbits in (47, -15):
        inflater = zlib.decompressobj(wbits)
        try:
            body = inflater.decompress(raw, limit + 1)
        except zlib.error:
            continue
        if len(body) > limit or inflater.unconsumed_tail:
            raise AnswerTooLarge(f"more than {limit} bytes once inflated")
        return body
    raise UnusableBody("the compressed answer cannot be inflated")
