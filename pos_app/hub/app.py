"""The hub's HTTP surface (Starlette): WeChat's paths for the counters' client, /hub/v1 for terminals,
and the head-office pages.  Handlers do their blocking work (psycopg, httpx) in the thread pool.

Bad input gets a 4xx JSON error and changes nothing; PostgreSQL down gets 503 (for a write: before
anything is sent to WeChat).  No request URL is ever logged (it carries the session token).
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from pos_app.client import ATTEMPT_HEADER
from pos_app.hub import journal_store, terminals, throttle
from pos_app.hub.db import DatabaseDown
from pos_app.hub.relay import (
    NOT_DELIVERED,
    Answer,
    BadRequest,
    Hub,
    Throttled,
    bad_request_answer,
    changed_where,
    parse_attempt_id,
)
from pos_app.hub.terminals import Terminal, TerminalError
from pos_app.hub.throttle import throttled_answer
from pos_app.models import Action

log = logging.getLogger("pos_app.hub.app")

MAX_BODY = 4 * 1024 * 1024
READS = (
    "/card/code/get",
    "/card/get",
    "/card/code/decrypt",
    "/card/user/getcardlist",  # "this customer has 2 more of our coupons" (pos_app.stats)
    "/datacube/getcardbizuininfo",  # the manager's statistics (pos_app.stats)
    "/datacube/getcardcardinfo",
    "/datacube/getcardmembercardinfo",
)
WRITES = {"/card/code/consume": Action.REDEEM, "/card/code/unavailable": Action.INVALIDATE}
DB_DOWN = {**NOT_DELIVERED, "errmsg": "hub: database unavailable", "error": "database unavailable"}


def _json(answer: Answer) -> JSONResponse:
    status, payload = answer
    headers = {"Retry-After": str(payload["retry_after"])} if status == 429 else None
    return JSONResponse(payload, status_code=status, headers=headers)


def _address(request: Request) -> str:
    """The caller's address: the connection's, or the client's as a trusted local proxy reports it
    (uvicorn's proxy headers, trusted from 127.0.0.1/::1 only)."""
    return request.client.host if request.client else "unknown"


async def _body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise BadRequest("request too large", status=413)
    try:
        data = json.loads(raw.decode("utf-8")) if raw else None
    except (UnicodeDecodeError, ValueError):
        raise BadRequest("the body is not JSON") from None
    if not isinstance(data, dict):
        raise BadRequest("the body must be a JSON object")
    return data


def _guarded(
    handler: Callable[[Request], Awaitable[Response]],
) -> Callable[[Request], Awaitable[Response]]:
    async def run(request: Request) -> Response:
        try:
            return await handler(request)
        except BadRequest as exc:
            return _json(bad_request_answer(exc))
        except DatabaseDown as exc:
            log.warning("database unavailable: %s", exc)
            return JSONResponse(DB_DOWN, status_code=503)

    return run


def _basic(request: Request) -> tuple[str, str] | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        name, sep, secret = base64.b64decode(value, validate=True).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return (name, secret) if sep else None


def build_app(hub: Hub, *, extra_routes: list[Route] | None = None) -> Starlette:
    async def stable_token(request: Request) -> Response:
        body = await _body(request)
        return _json(await run_in_threadpool(hub.stable_token, body, _address(request)))

    async def session(request: Request) -> Terminal | JSONResponse:
        token = request.query_params.get("access_token")
        if not token:
            return JSONResponse({"errcode": 41001, "errmsg": "hub: access_token missing"})
        terminal = await run_in_threadpool(hub.session, token)
        if terminal is None:
            return JSONResponse({"errcode": 40001, "errmsg": "hub: session unknown, expired or revoked"})
        return terminal

    async def relay_read(request: Request) -> Response:
        terminal = await session(request)
        if isinstance(terminal, Response):
            return terminal
        body = await _body(request)
        return _json(await run_in_threadpool(hub.relay_read, terminal, request.url.path, body))

    async def relay_write(request: Request) -> Response:
        attempt_id = parse_attempt_id(request.headers.get(ATTEMPT_HEADER))
        terminal = await session(request)
        if isinstance(terminal, Response):
            return terminal
        body = await _body(request)
        action = WRITES[request.url.path]
        return _json(await run_in_threadpool(hub.relay_write, terminal, action, body, attempt_id))

    async def terminal_auth(request: Request) -> Terminal | JSONResponse:
        pair = _basic(request)
        if pair is None:
            return JSONResponse({"error": "terminal credentials required"}, status_code=401)

        address = _address(request)

        def check() -> Terminal | Answer:
            with hub.db.tx() as conn:
                try:
                    return hub.check_terminal(conn, address, *pair)
                except Throttled as exc:
                    return 429, throttled_answer(exc.retry_after)
                except TerminalError:
                    return 403, {"error": terminals.WRONG_CREDENTIAL}

        checked = await run_in_threadpool(check)
        return checked if isinstance(checked, Terminal) else _json(checked)

    async def connect(request: Request) -> Response:
        body = await _body(request)
        code, identity = body.get("code"), body.get("journal_identity")
        if not isinstance(code, str) or not code or (identity is not None and not isinstance(identity, str)):
            raise BadRequest("code (and optionally journal_identity) required")

        address = _address(request)

        def run() -> Answer:
            with hub.db.tx() as conn:
                throttle.lock(conn, address)
                wait = throttle.blocked(conn, address)
                if wait is not None:
                    return 429, throttled_answer(wait)
                try:
                    terminal, credential = terminals.connect(conn, code, identity)
                except TerminalError as exc:
                    throttle.failed(conn, address, None, "code")
                    return 403, {"error": exc.reason}
            return 200, {"terminal": terminal.name, "store_id": terminal.store_id, "credential": credential}

        return _json(await run_in_threadpool(run))

    async def attempt(request: Request) -> Response:
        terminal = await terminal_auth(request)
        if isinstance(terminal, Response):
            return terminal
        attempt_id = parse_attempt_id(request.path_params["attempt_id"])
        assert attempt_id is not None
        found = await run_in_threadpool(hub.attempt, attempt_id)
        if found is None:
            return JSONResponse({"error": "unknown attempt", "attempt_id": attempt_id, "outcome": None}, 404)
        return JSONResponse(found)

    async def code_info(request: Request) -> Response:
        terminal = await terminal_auth(request)
        if isinstance(terminal, Response):
            return terminal
        code = request.path_params["code"]
        if len(code) > 128:
            raise BadRequest("code too long")

        def run() -> dict[str, Any]:
            with hub.db.tx() as conn:
                attempts = [
                    {"attempt_id": a.attempt_id, "action": str(a.action), "time": a.time, "state": str(a.state)}
                    for a in hub.known_attempts(conn, code)
                ]
                return {"code": code, "changed": changed_where(conn, code), "attempts": attempts}

        return JSONResponse(await run_in_threadpool(run))

    async def journal(request: Request) -> Response:
        terminal = await terminal_auth(request)
        if isinstance(terminal, Response):
            return terminal
        batch = journal_store.parse_batch(await _body(request))

        def run() -> Answer:
            assert isinstance(terminal, Terminal)
            with hub.db.tx() as conn:
                try:
                    done = journal_store.ingest(conn, terminal, batch)
                except journal_store.CloneDetected as exc:
                    clone = str(exc)
                else:
                    return 200, {"acked": done.acked, "inserted": done.inserted}
            return 409, {"error": f"cloned or restored counter: {clone}; the terminal is locked out"}

        return _json(await run_in_threadpool(run))

    async def health(request: Request) -> Response:
        def run() -> bool:
            with hub.db.tx() as conn:
                conn.execute("SELECT 1")
            return True

        return JSONResponse({"ok": await run_in_threadpool(run)})

    routes = [
        Route("/cgi-bin/stable_token", _guarded(stable_token), methods=["POST"]),
        *(Route(p, _guarded(relay_read), methods=["POST"]) for p in READS),
        *(Route(p, _guarded(relay_write), methods=["POST"]) for p in WRITES),
        Route("/hub/v1/connect", _guarded(connect), methods=["POST"]),
        Route("/hub/v1/attempts/{attempt_id}", _guarded(attempt), methods=["GET"]),
        Route("/hub/v1/codes/{code}", _guarded(code_info), methods=["GET"]),
        Route("/hub/v1/journal", _guarded(journal), methods=["POST"]),
        Route("/healthz", _guarded(health), methods=["GET"]),
        *(extra_routes or []),
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        return JSONResponse({"error": "not found" if status == 404 else "method not allowed"}, status_code=status)

    return Starlette(routes=routes, exception_handlers={404: not_found, 405: not_found})
