"""A real HTTP server on 127.0.0.1 standing in for api.weixin.qq.com (tests and training mode).

Stdlib only: a ThreadingHTTPServer served from a daemon thread.  HTTP/1.1 keep-alive like the live
service; every request is recorded in ``Simulator.calls``; faults are injected per path.
"""

from __future__ import annotations

import json
import random
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

from pos_app.models import DateType
from pos_app.rules import fix_term_window
from pos_app.sandbox import datacube, demo, persist
from pos_app.sandbox.demo import (
    DEMO_APPID,
    DEMO_KINDS,
    DEMO_SECRET,
    KINDS_BY_KEY,
    CodeMinter,
    DemoCode,
    DemoKind,
    make_card,
    openid_for,
    random_card_id,
)
from pos_app.sandbox.faults import Fault, FaultPlan
from pos_app.sandbox.state import DAY, NO_END, ApiFail, CodeRecord, State


@dataclass(frozen=True)
class Call:
    """One request as the simulator received it."""

    path: str
    query: dict[str, str]
    body: dict[str, Any] | None  # None when there was no body or it was not a JSON object
    time: float  # simulator clock
    method: str = "POST"


Route = Callable[[State, dict[str, str], dict[str, Any]], dict[str, Any]]

# path -> (HTTP method, needs access_token, operation)
ROUTES: dict[str, tuple[str, bool, Route]] = {
    "/cgi-bin/stable_token": ("POST", False, lambda s, q, b: s.api_stable_token(b)),
    "/cgi-bin/token": ("GET", False, lambda s, q, b: s.api_classic_token(q)),
    "/card/code/get": ("POST", True, lambda s, q, b: s.api_code_get(b)),
    "/card/code/consume": ("POST", True, lambda s, q, b: s.api_consume(b)),
    "/card/code/unavailable": ("POST", True, lambda s, q, b: s.api_unavailable(b)),
    "/card/code/decrypt": ("POST", True, lambda s, q, b: s.api_decrypt(b)),
    "/card/get": ("POST", True, lambda s, q, b: demo.localised_card(s.api_card_get(b))),  # the app's language
    "/card/user/getcardlist": ("POST", True, lambda s, q, b: s.api_user_card_list(b)),
    "/datacube/getcardbizuininfo": ("POST", True, lambda s, q, b: datacube.api_card_summary(s, b)),
    "/datacube/getcardcardinfo": ("POST", True, lambda s, q, b: datacube.api_card_info(s, b)),
    "/datacube/getcardmembercardinfo": ("POST", True, lambda s, q, b: datacube.api_member_card_info(s, b)),
}

ERROR_PAGE = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>stgw</center>\r\n</body>\r\n</html>\r\n"
)
JSON_TYPE = "application/json; encoding=utf-8"  # what the live service sends (sic)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as httpx and the live service use
    server_version = "nginx"
    sys_version = ""
    timeout = 60  # an idle keep-alive connection does not hold a thread forever
    disable_nagle_algorithm = True  # headers and body go out in separate writes: no 40 ms stalls
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # quiet: no line per request
        pass

    def do_GET(self) -> None:
        self.server.sim._handle(self, "GET")

    def do_POST(self) -> None:
        self.server.sim._handle(self, "POST")

    def send_bytes(self, status: int, payload: bytes, content_type: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            self.wfile.flush()
        except OSError:  # the client gave up (read timeout): nothing to answer to
            self.close_connection = True

    def drop(self) -> None:
        """Close the connection without a byte of answer."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class _Server(ThreadingHTTPServer):
    """Tracks its connections so that stop() can close idle keep-alive ones and join their threads."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], sim: Simulator) -> None:
        self.sim = sim
        self._conn_lock = threading.Lock()
        self._conns: dict[socket.socket, threading.Thread] = {}
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(
            target=self._serve_connection, args=(request, client_address), daemon=True, name="sandbox-conn"
        )
        with self._conn_lock:
            self._conns[request] = thread
        thread.start()

    def _serve_connection(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            with self._conn_lock:
                self._conns.pop(request, None)

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        exc = sys.exc_info()[1]
        if isinstance(exc, OSError):
            return  # connection reset / broken pipe: a client that went away
        self.sim.server_errors.append(repr(exc))

    def close_connections(self, timeout: float = 5.0) -> None:
        with self._conn_lock:
            conns = list(self._conns.items())
        for sock, _ in conns:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        deadline = time.monotonic() + timeout
        for _, thread in conns:
            thread.join(max(0.0, deadline - time.monotonic()))


class Simulator:
    """The WeChat card API on loopback, seeded with the demo account.  See ``describe()``."""

    def __init__(
        self, port: int = 0, host: str = "127.0.0.1", *, seed_demo: bool = True, state_path: Path | None = None
    ) -> None:
        """``state_path``: training keeps the simulator's world there (loaded if present, saved after
        every redemption or invalidation, atomically), so a redeemed demo code stays redeemed."""
        self.host = host
        self.port = port
        self.state = State(DEMO_APPID, DEMO_SECRET)
        self.faults = FaultPlan()
        self.server_errors: list[str] = []
        self._calls: list[Call] = []
        self._calls_lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._lifecycle = threading.Lock()
        self._minter = CodeMinter()
        self._demo_codes: dict[str, list[str]] = {}
        self._card_rng = random.Random("pos-app sandbox cards")
        self.state_path = state_path
        loaded = persist.load(state_path) if state_path is not None else None
        if loaded is not None:
            self._restore(loaded)
        elif seed_demo:
            self._seed_demo()
        if state_path is not None:
            self.state.on_change = self.save
            if loaded is None:
                self.save()

    # ---- life cycle ----------------------------------------------------------------------------
    def start(self) -> str:
        """Start serving (once); return the base URL "http://127.0.0.1:PORT"."""
        with self._lifecycle:
            if self._server is None:
                self._stopping.clear()
                server = _Server((self.host, self.port), self)
                self._server = server
                self.port = server.server_address[1]
                self._thread = threading.Thread(
                    target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True, name="sandbox"
                )
                self._thread.start()
            return self.base_url

    def stop(self) -> None:
        """Stop serving, close every connection and join every server thread."""
        with self._lifecycle:
            server, thread = self._server, self._thread
            if server is None:
                return
            self._stopping.set()  # ends injected delays at once
            server.shutdown()
            server.close_connections()
            server.server_close()
            if thread is not None:
                thread.join(5)
            self._server = self._thread = None

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> Simulator:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # ---- knobs ---------------------------------------------------------------------------------
    @property
    def token_lifetime(self) -> int:
        return self.state.token_lifetime

    @token_lifetime.setter
    def token_lifetime(self, seconds: int) -> None:
        self.state.token_lifetime = int(seconds)

    @property
    def ip_whitelisted(self) -> bool:
        return self.state.ip_whitelisted

    @ip_whitelisted.setter
    def ip_whitelisted(self, value: bool) -> None:
        self.state.ip_whitelisted = bool(value)

    @property
    def secret_frozen(self) -> bool:
        return self.state.secret_frozen

    @secret_frozen.setter
    def secret_frozen(self, value: bool) -> None:
        self.state.secret_frozen = bool(value)

    @property
    def require_reason(self) -> bool:
        return self.state.require_reason

    @require_reason.setter
    def require_reason(self, value: bool) -> None:
        self.state.require_reason = bool(value)

    def now(self) -> float:
        return self.state.now()

    def advance(self, seconds: float) -> None:
        self.state.advance(seconds)

    def invalidate_tokens(self) -> None:
        self.state.invalidate_tokens()

    def inject(self, path: str, kind: str, times: int = 1, delay: float = 0.0, errcode: int = 0) -> None:
        self.faults.inject(path, kind, times, delay, errcode)

    def clear_faults(self) -> None:
        self.faults.clear()

    @property
    def calls(self) -> list[Call]:
        with self._calls_lock:
            return list(self._calls)

    def calls_to(self, path: str) -> list[Call]:
        return [c for c in self.calls if c.path == path]

    def clear_calls(self) -> None:
        with self._calls_lock:
            self._calls.clear()

    # ---- cards and codes -----------------------------------------------------------------------
    def add_card(self, card_type: str, card_id: str | None = None, **fields: Any) -> str:
        with self.state.lock:
            card_id = card_id or random_card_id(self._card_rng)
            return self.state.add_card(make_card(card_type, card_id, self.now(), **fields))

    def add_code(
        self,
        card_id: str,
        code: str | None = None,
        status: str = "NORMAL",
        begin_time: int | None = None,
        end_time: int | None = None,
        custom: bool | None = None,
        openid: str | None = None,
        *,
        gifted_away: bool = False,
        outer_str: str = "",
    ) -> str:
        """Give a code of ``card_id`` to a customer.  Without times the window follows the card's
        date_info (fixed range, or fixed term counted from now); ``custom`` defaults to the card's
        use_custom_code."""
        with self.state.lock:
            card = self.state.cards[card_id]
            if custom is None:
                custom = card.use_custom_code
            if code is None:
                while True:
                    code = self._minter.custom_code() if custom else self._minter.wechat_code()
                    if not self.state.code_taken(code):
                        break
            info = card.base_info.get("date_info") or {}
            now = int(self.now())
            date_type = DateType.parse(info.get("type"))
            if date_type is DateType.FIX_TERM:
                # Whole Beijing days: from 00:00:00 on the first valid day to 23:59:59 on the last.
                default_begin, default_end = fix_term_window(
                    now, int(info.get("fixed_begin_term", 0)), int(info.get("fixed_term", 30))
                )
            elif date_type is DateType.PERMANENT:
                default_begin, default_end = 0, NO_END  # as live codes of permanent cards answer
            else:
                default_begin = int(info.get("begin_timestamp", now - 30 * DAY))
                default_end = int(info.get("end_timestamp", now + 9 * DAY))
            rec = CodeRecord(
                code=code,
                card_id=card_id,
                status=status,
                begin_time=default_begin if begin_time is None else int(begin_time),
                end_time=default_end if end_time is None else int(end_time),
                custom=custom,
                openid=openid or openid_for(code),
                outer_str=outer_str,
                gifted_away=gifted_away,
                received_at=now,
            )
            return self.state.add_code(rec)

    def code_status(self, code: str, card_id: str | None = None) -> str:
        return self.state.record(code, card_id).status

    def code_record(self, code: str, card_id: str | None = None) -> CodeRecord:
        """A copy of the stored code (status, window, openid, gifted_away)."""
        with self.state.lock:
            rec = self.state.record(code, card_id)
            return CodeRecord(**vars(rec))

    def encrypt(self, code: str) -> str:
        return self.state.encrypt(code)

    def card_link(self, code: str, card_id: str | None = None) -> str:
        """The URL a customer's coupon opens: encrypt_code percent-encoded exactly once."""
        rec = self.state.record(code, card_id)
        return (
            "https://shop.example.com/wx/coupon"
            f"?encrypt_code={quote(self.encrypt(code), safe='')}"
            f"&card_id={quote(rec.card_id, safe='')}&openid={rec.openid}"
        )

    # ---- training persistence ------------------------------------------------------------------
    def save(self) -> None:
        """Write the world to ``state_path`` (no-op without one)."""
        if self.state_path is None:
            return
        with self.state.lock:
            data = {**self.state.snapshot(), "demo_codes": self._demo_codes}
            persist.save(self.state_path, data)

    def _restore(self, data: dict[str, Any]) -> None:
        saved_at = data.get("saved_at")
        shift = max(0.0, self.now() - saved_at) if isinstance(saved_at, int | float) else 0.0
        self.state.restore(data, shift)
        codes = data.get("demo_codes") or {}
        self._demo_codes = {k: list(v) for k, v in codes.items() if isinstance(v, list)}
        for kind in DEMO_KINDS:  # a newer app may know kinds the saved world lacks
            if kind.key not in self._demo_codes:
                self._demo_codes[kind.key] = [self._mint(kind) for _ in range(kind.count)]

    # ---- demo ----------------------------------------------------------------------------------
    def _seed_demo(self) -> None:
        for card in demo.demo_cards(self.now()):
            self.state.add_card(card)
        for kind in DEMO_KINDS:
            self._demo_codes[kind.key] = [self._mint(kind) for _ in range(kind.count)]
        # One demo customer holds several coupons (card/user/getcardlist: "has N more of our coupons").
        customer = openid_for("demo customer")
        for key in demo.CUSTOMER_KINDS:
            self.state.record(self._demo_codes[key][0]).openid = customer

    def _mint(self, kind: DemoKind) -> str:
        if kind.card_id is None:  # a code the service does not know
            while True:
                code = self._minter.wechat_code()
                if not self.state.code_taken(code) and code not in self._all_demo_codes():
                    return code
        now = int(self.now())
        window = kind.window
        code = self.add_code(
            kind.card_id,
            status=kind.status,
            begin_time=None if window is None else now + window[0],
            end_time=None if window is None else now + window[1],
            gifted_away=kind.gifted_away,
            outer_str=kind.outer_str,
        )
        if kind.member is not None:
            self.state.record(code, kind.card_id).member = {
                "membership_number": code,
                **kind.member,
            }
        return code

    def _all_demo_codes(self) -> set[str]:
        return {c for codes in self._demo_codes.values() for c in codes}

    def demo_catalog(self) -> list[DemoCode]:
        """For every demo kind the first code still as it was seeded (training keeps its world across
        runs: a code redeemed yesterday is not offered as redeemable today; a fresh one is minted when
        all are used), with what the app should show for it."""
        return [
            DemoCode(
                k.key,
                self._unused_demo_code(k),
                k.card_id if k.card_id in demo.DEMO_CUSTOM_CARD_IDS else None,
                k.label,
                k.expected,
            )
            for k in DEMO_KINDS
        ]

    def _unused_demo_code(self, kind: DemoKind) -> str:
        with self.state.lock:
            for code in self._demo_codes[kind.key]:
                try:
                    rec = self.state.record(code, kind.card_id)
                except KeyError:  # a code the service does not know: always as seeded
                    return code
                if rec.status == kind.status:
                    return code
            return self.fresh_code(kind.key)

    def demo_code(self, key: str) -> str:
        return self._demo_codes[key][0]

    def demo_codes(self, key: str) -> list[str]:
        """Every seeded code of a kind (5 for redeemable kinds)."""
        return list(self._demo_codes[key])

    def fresh_code(self, key: str) -> str:
        """Mint one more code of a demo kind (window relative to the simulator clock now)."""
        with self.state.lock:
            code = self._mint(KINDS_BY_KEY[key])
            self._demo_codes[key].append(code)
            self.save()
            return code

    def describe(self) -> str:
        """What `pos-app sandbox` prints: URL, demo AppID and the demo codes."""
        rows = self.demo_catalog()
        width = max(len(r.key) for r in rows)
        lines = [
            f"WeChat API simulator at {self.base_url}",
            f"Demo AppID: {DEMO_APPID}   (`pos-app --demo ...` uses the demo credentials; the secret is"
            " pos_app.sandbox.DEMO_SECRET)",
            f"Custom-code card_ids: {', '.join(demo.DEMO_CUSTOM_CARD_IDS)}",
            "",
            f"{'key':<{width}}  {'code':<12}  {'app should show':<17}  description",
        ]
        for r in rows:
            lines.append(f"{r.key:<{width}}  {r.code:<12}  {r.expected.value:<17}  {r.label}")
        lines += ["", "Card links (encrypt_code: decrypt them with card/code/decrypt, or paste one into the app):"]
        for key in demo.LINK_KINDS:
            code = self._demo_codes[key][0]
            lines.append(f"{key:<{width}}  {self.card_link(code)}")
        if self.state_path is not None:
            lines += ["", f"Training state: {self.state_path}"]
        lines += ["", "Stop it with Ctrl+C."]
        return "\n".join(lines)

    # ---- HTTP ----------------------------------------------------------------------------------
    def _record(self, call: Call) -> None:
        with self._calls_lock:
            self._calls.append(call)

    def _handle(self, h: _Handler, method: str) -> None:
        url = urlsplit(h.path)
        path = url.path
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        try:
            length = int(h.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        raw = h.rfile.read(length) if length > 0 else b""
        body: dict[str, Any] | None = None
        bad_json = False
        if raw:
            try:
                parsed = json.loads(raw.decode("utf-8"))
                body = parsed if isinstance(parsed, dict) else None
                bad_json = body is None
            except (UnicodeDecodeError, json.JSONDecodeError):
                bad_json = True
        self._record(Call(path, query, body, self.now(), method))

        fault = self.faults.take(path)
        if fault is not None and not fault.after_commit:
            self._answer_fault(h, fault)
            return
        status, payload = self._dispatch(method, path, query, body, bad_json)
        if fault is not None:
            if fault.kind == "delay":
                self._stopping.wait(fault.delay)
            else:  # drop_after_commit / busy_after_commit: done, but the answer is lost or wrong
                self._answer_fault(h, fault)
                return
        self._send_json(h, status, payload)

    def _dispatch(
        self, method: str, path: str, query: dict[str, str], body: dict[str, Any] | None, bad_json: bool
    ) -> tuple[int, dict[str, Any]]:
        route = ROUTES.get(path)
        try:
            if route is None:
                # Paths the account may not call answer 48001 "api unauthorized" on the live service
                # (HTTP 200, e.g. a mini-program URL called with an official-account token).
                raise ApiFail(48001)
            want_method, needs_token, op = route
            if needs_token:
                self.state.check_token(query.get("access_token"))
            if method != want_method and path == "/cgi-bin/stable_token":
                raise ApiFail(47001)  # stable_token is POST JSON only
            if bad_json or (method == "POST" and body is None):
                raise ApiFail(47001)
            return 200, op(self.state, query, body or {})
        except ApiFail as fail:
            return 200, {"errcode": fail.errcode, "errmsg": fail.errmsg + self.state.errmsg_suffix()}
        except Exception as exc:  # a simulator bug: answer like the service's own failures, keep it for tests
            self.server_errors.append(f"{path}: {exc!r}")
            return 200, {"errcode": -1, "errmsg": "system error" + self.state.errmsg_suffix()}

    def _send_json(self, h: _Handler, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        h.send_bytes(status, data, JSON_TYPE)

    def _answer_fault(self, h: _Handler, fault: Fault) -> None:
        if fault.kind in ("drop_before", "drop_after_commit"):
            h.drop()
        elif fault.kind == "http_500":
            h.send_bytes(500, ERROR_PAGE.replace(b"502 Bad Gateway", b"500 Internal Server Error"), "text/html")
        elif fault.kind == "non_json":
            h.send_bytes(200, ERROR_PAGE, "text/html")
        elif fault.kind in ("busy", "busy_after_commit"):
            msg = "system error" + self.state.errmsg_suffix()
            self._send_json(h, 200, {"errcode": -1, "errmsg": msg})
        elif fault.kind == "errcode":
            fail = ApiFail(fault.errcode)
            self._send_json(h, 200, {"errcode": fail.errcode, "errmsg": fail.errmsg + self.state.errmsg_suffix()})
