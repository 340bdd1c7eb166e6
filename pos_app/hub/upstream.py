"""The hub's HTTP exchange with WeChat: one request, its answer as JSON, failures as the client's errors.

Unlike :class:`pos_app.client.WeChatClient` this does not interpret errcodes: the relay passes WeChat's
answer to the counter as it came, so the counter's own client judges it exactly as it would directly.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from pos_app import http_bounds
from pos_app.client import redact
from pos_app.errors import (
    MSG_AMBIGUOUS,
    MSG_MALFORMED,
    MSG_NOT_DELIVERED,
    MSG_PLAIN_HTTP,
    MSG_SERVER,
    AmbiguousError,
    ConfigError,
    MalformedAnswerError,
    NotDeliveredError,
)
from pos_app.limits import CALL_DEADLINE_SECONDS, MAX_ANSWER_BYTES

UPSTREAM_TIMEOUT = httpx.Timeout(connect=3.0, read=CALL_DEADLINE_SECONDS / 2, write=5.0, pool=3.0)


class Upstream:
    def __init__(
        self,
        base_url: str,
        *,
        timeout: httpx.Timeout = UPSTREAM_TIMEOUT,
        connections: int = 50,
        deadline: float = CALL_DEADLINE_SECONDS,
    ) -> None:
        try:  # the AppSecret goes in the token request's body: never over plain http to another host
            self.base_url = http_bounds.check_transport_url(base_url.strip()).rstrip("/")
        except http_bounds.PlainHttpRefused as exc:
            raise ConfigError(MSG_PLAIN_HTTP, detail=str(exc)) from None
        self._timeout = timeout
        self._deadline = deadline
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        self._http = http_bounds.bounded_client(
            base_url=self.base_url,
            timeout=timeout,
            limits=limits,
            trust_env=False,
            headers={"Accept-Encoding": "identity"},
        )

    def close(self) -> None:
        self._http.close()

    def post(self, path: str, body: dict[str, Any], token: str | None = None) -> dict[str, Any]:
        """WeChat's JSON answer (errcode may be non-zero).  NotDeliveredError: nothing reached WeChat;
        AmbiguousError: sent, fate unknown (including HTTP 5xx); MalformedAnswerError: not a JSON object."""
        params = {"access_token": token} if token is not None else None
        try:
            with http_bounds.deadline(self._deadline), self._http.stream(
                "POST", path, params=params, json=body, timeout=http_bounds.bounded_timeout(self._timeout)
            ) as response:
                status = response.status_code
                content = http_bounds.read_bounded(response, MAX_ANSWER_BYTES)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise NotDeliveredError(MSG_NOT_DELIVERED, detail=redact(f"{type(exc).__name__}: {exc}")) from None
        except httpx.HTTPError as exc:
            raise AmbiguousError(MSG_AMBIGUOUS, detail=redact(f"{type(exc).__name__}: {exc}")) from None
        except http_bounds.UnusableBody as exc:  # cut: sent, and what came back is no answer we can trust
            raise AmbiguousError(MSG_MALFORMED, detail=f"HTTP {status}, {exc}") from None
        if status >= 500:
            raise AmbiguousError(MSG_SERVER, detail=f"HTTP {status}")
        try:
            data = json.loads(content)
        except ValueError:
            raise MalformedAnswerError(MSG_MALFORMED, detail=f"HTTP {status}, not JSON") from None
        if not isinstance(data, dict) or not isinstance(data.get("errcode", 0), int):
            raise MalformedAnswerError(MSG_MALFORMED, detail="not a JSON object with a numeric errcode")
        return data
