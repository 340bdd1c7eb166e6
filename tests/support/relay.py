"""A loopback HTTP relay in front of the simulator that can hold requests to a path.

What a slow proxy or a congested link does to a consume: the client gives up on its answer while the
request is still on its way; it reaches the service later — or never (``drop_held``).

    with Relay(sim.base_url) as relay:
        relay.hold("/card/code/consume")      # the next request to that path waits...
        ...                                   # ...until relay.release() forwards it (late)
"""

from __future__ import annotations

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class Relay:
    def __init__(self, target: str) -> None:
        parts = urlsplit(target)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self._held_paths: set[str] = set()
        self._release = threading.Event()
        self._drop = False
        self.held = threading.Event()  # set when a request is being held
        self.forwarded: list[str] = []  # paths forwarded, in order
        self._lock = threading.Lock()
        relay = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _relay(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = self.path.split("?", 1)[0]
                if relay._take_hold(path):
                    relay.held.set()
                    relay._release.wait(60)
                    if relay._drop:
                        self.close_connection = True
                        return  # never reaches the service
                conn = http.client.HTTPConnection(relay.host, relay.port, timeout=30)
                try:
                    headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                    conn.request(self.command, self.path, body=body, headers=headers)
                    answer = conn.getresponse()
                    data = answer.read()
                    with relay._lock:
                        relay.forwarded.append(path)
                finally:
                    conn.close()
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", answer.getheader("Content-Type") or "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up on the answer long ago

            do_GET = _relay
            do_POST = _relay

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def hold(self, path: str) -> None:
        with self._lock:
            self._held_paths.add(path)
        self._release.clear()
        self.held.clear()

    def _take_hold(self, path: str) -> bool:
        with self._lock:
            if path in self._held_paths:
                self._held_paths.discard(path)
                return True
            return False

    def release(self) -> None:
        """Let the held request go on to the service (late)."""
        self._release.set()

    def drop_held(self) -> None:
        """The held request is lost on the way: the service never sees it."""
        self._drop = True
        self._release.set()

    def __enter__(self) -> Relay:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.drop_held()
        self._server.shutdown()
        self._server.server_close()
