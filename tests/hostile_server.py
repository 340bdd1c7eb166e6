"""A tiny hostile HTTP server on loopback for the transport tests (real sockets, no mocks).

It answers ``/cgi-bin/stable_token`` properly (so a card call gets as far as sending) and misbehaves on
every other path as ``mode`` says:

- ``drip``: headers, then a JSON body one byte every ``drip_every`` seconds;
- ``drip_head``: the status line and headers one byte every ``drip_every`` seconds;
- ``huge``: declares ``Content-Length: 2 GiB`` and sends zeros as fast as the client reads;
- ``endless``: chunked transfer, chunks of zeros forever, no length;
- ``undeclared``: ``size`` bytes of JSON-ish padding with no length, closed at the end;
- ``gzip_bomb``: a small gzip body that inflates to ``size`` bytes;
- ``ok``: a normal ``{"errcode": 0, ...}`` card answer.

Every connection thread stops when the client goes away or when ``stop()`` is called.
"""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time

TOKEN_ANSWER = json.dumps({"access_token": "TOKEN-hostile", "expires_in": 7200}).encode()
CARD_ANSWER = json.dumps(
    {
        "errcode": 0,
        "errmsg": "ok",
        "card": {"card_id": "p" + "A" * 27, "begin_time": 0, "end_time": 2147483647},
        "openid": "o" + "B" * 27,
        "can_consume": True,
        "user_card_status": "NORMAL",
    }
).encode()


# card/get in the live shape (a CASH coupon): a card of no known type is never redeemable.
CARD_GET_ANSWER = json.dumps(
    {
        "errcode": 0,
        "errmsg": "ok",
        "card": {
            "card_type": "CASH",
            "cash": {
                "base_info": {"title": "¥10 off", "date_info": {"type": "DATE_TYPE_PERMANENT"}},
                "reduce_cost": 1000,
            },
        },
    }
).encode()


class HostileServer:
    def __init__(self, mode: str, *, drip_every: float = 1.0, size: int = 0, host: str = "127.0.0.1") -> None:
        self.mode = mode
        self.drip_every = drip_every
        self.size = size
        self._listener = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((host, 0))
        self._listener.listen(16)
        self._listener.settimeout(0.1)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.paths: list[str] = []
        self.bytes_sent = 0
        self._gzip_body = gzip.compress(b"0" * size, compresslevel=9) if mode == "gzip_bomb" else b""
        port = self._listener.getsockname()[1]
        self.base_url = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    def __enter__(self) -> HostileServer:
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        for thread in list(self._threads):
            thread.join(timeout=5)
        self._listener.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _read_request(self, conn: socket.socket) -> str | None:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return None
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        while len(body) < length:
            chunk = conn.recv(65536)
            if not chunk:
                return None
            body += chunk
        path = lines[0].split(" ")[1].split("?")[0]
        self.paths.append(path)
        return path

    def _send(self, conn: socket.socket, data: bytes) -> None:
        conn.sendall(data)
        self.bytes_sent += len(data)

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(1.0)
        try:
            while not self._stop.is_set():
                try:
                    path = self._read_request(conn)
                except TimeoutError:
                    continue
                if path is None:
                    return
                if path == "/cgi-bin/stable_token":
                    self._answer(conn, TOKEN_ANSWER)
                    continue
                if path == "/card/get" and self.mode == "ok":
                    self._answer(conn, CARD_GET_ANSWER)
                    continue
                getattr(self, f"_mode_{self.mode}")(conn)
                return
        except OSError:
            return  # the client hung up: that is what a bounded client does
        finally:
            conn.close()

    def _answer(self, conn: socket.socket, body: bytes, extra: str = "") -> None:
        head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n{extra}\r\n"
        self._send(conn, head.encode() + body)

    def _mode_ok(self, conn: socket.socket) -> None:
        self._answer(conn, CARD_ANSWER)

    def _drip(self, conn: socket.socket, data: bytes) -> None:
        for i in range(len(data)):
            if self._stop.wait(self.drip_every):
                return
            self._send(conn, data[i : i + 1])

    def _mode_drip(self, conn: socket.socket) -> None:
        head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(CARD_ANSWER)}\r\n\r\n"
        self._send(conn, head.encode())
        self._drip(conn, CARD_ANSWER)

    def _mode_drip_head(self, conn: socket.socket) -> None:
        head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(CARD_ANSWER)}\r\n\r\n"
        self._drip(conn, head.encode() + CARD_ANSWER)

    def _flood(self, conn: socket.socket, total: int | None, chunked: bool) -> None:
        block = b"0" * 65536
        piece = f"{len(block):x}\r\n".encode() + block + b"\r\n" if chunked else block
        sent = 0
        conn.settimeout(5.0)
        while not self._stop.is_set() and (total is None or sent < total):
            self._send(conn, piece)
            sent += len(block)

    def _mode_huge(self, conn: socket.socket) -> None:
        total = 2 * 1024**3
        head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {total}\r\n\r\n"
        self._send(conn, head.encode())
        self._flood(conn, total, chunked=False)

    def _mode_endless(self, conn: socket.socket) -> None:
        head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        self._send(conn, head.encode())
        self._flood(conn, None, chunked=True)

    def _mode_undeclared(self, conn: socket.socket) -> None:
        head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
        self._send(conn, head.encode())
        self._flood(conn, self.size, chunked=False)

    def _mode_gzip_bomb(self, conn: socket.socket) -> None:
        self._answer(conn, self._gzip_body, extra="Content-Encoding: gzip\r\n")

    @staticmethod
    def wait_until(predicate: object, timeout: float = 5.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end and not predicate():  # type: ignore[operator]
            time.sleep(0.02)
