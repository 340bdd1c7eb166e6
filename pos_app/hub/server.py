"""Running the hub: migrate, build, serve with uvicorn; a settler thread; the self-contained demo.

``HubServer`` runs in a background thread (tests, the demo, benchmarks) or in the foreground (``pos-app
hub serve``).  Uvicorn's access log is off: a request line would carry the session token.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from types import TracebackType

import uvicorn
from starlette.routing import Route

from pos_app.credentials import Credentials
from pos_app.hub.app import build_app
from pos_app.hub.db import Database, DatabaseDown
from pos_app.hub.migrate import migrate
from pos_app.hub.relay import Hub
from pos_app.hub.upstream import Upstream

log = logging.getLogger("pos_app.hub.server")

DEFAULT_UPSTREAM = "https://api.weixin.qq.com"
SETTLE_INTERVAL = 5.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare_database(url: str, *, size: int = 20) -> Database:
    db = Database(url, size=size)
    with db.connection() as conn:
        applied = migrate(conn)
    if applied:
        log.info("database migrated: %s", ", ".join(applied))
    return db


class HubServer:
    def __init__(
        self,
        database_url: str,
        credentials: Credentials,
        *,
        upstream: str = DEFAULT_UPSTREAM,
        host: str = "127.0.0.1",
        port: int = 0,
        pool_size: int = 20,
        settle_interval: float = SETTLE_INTERVAL,
    ) -> None:
        self.db = prepare_database(database_url, size=pool_size)
        self.upstream = Upstream(upstream)
        self.hub = Hub(self.db, self.upstream, credentials)
        from pos_app.hub.web import routes as web_routes

        self.app = build_app(self.hub, extra_routes=list[Route](web_routes(self.hub)))
        self.host = host
        self.port = port or free_port()
        self._settle_interval = settle_interval
        self._stop = threading.Event()
        self._server: uvicorn.Server | None = None
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def _uvicorn(self) -> uvicorn.Server:
        config = uvicorn.Config(
            self.app,
            host=self.host,
            port=self.port,
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_keep_alive=30,
        )
        return uvicorn.Server(config)

    def _settler(self) -> None:
        while not self._stop.wait(self._settle_interval):
            try:
                self.hub.settle_due()
            except DatabaseDown:
                pass
            except Exception:
                log.exception("settler failed")

    def start(self) -> str:
        """Serve from background threads; return the URL once it accepts connections."""
        self._server = self._uvicorn()
        serve = threading.Thread(target=self._server.run, name="hub-http", daemon=True)
        settler = threading.Thread(target=self._settler, name="hub-settler", daemon=True)
        self._threads = [serve, settler]
        serve.start()
        settler.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not serve.is_alive():
                raise RuntimeError("the hub did not start")
            time.sleep(0.02)
        return self.url

    def serve_forever(self) -> None:
        """Serve in the foreground until interrupted (Ctrl+C / SIGTERM)."""
        settler = threading.Thread(target=self._settler, name="hub-settler", daemon=True)
        settler.start()
        self._server = self._uvicorn()
        try:
            self._server.run()
        finally:
            self._stop.set()
            settler.join(5)
            self.close()

    def stop(self) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.should_exit = True
        for t in self._threads:
            t.join(10)
        self._threads = []
        self.close()

    def close(self) -> None:
        self.upstream.close()
        self.db.close()

    def __enter__(self) -> HubServer:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
