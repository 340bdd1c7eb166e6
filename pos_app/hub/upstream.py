"""The hub's HTTP exchange with WeChat: one request, its answer as JSON, failures as the client's errors.

Unlike :class:`pos_app.client.WeChatClient` this does not interpret errcodes: the relay passes WeChat's
answer to the counter as it came, so the counter's own client judges it exactly as it would directly.
"""

from __future__ import annotations

from typing import Any

import httpx

from pos_app.client import redact
from pos_app.errors import (
    MSG_AMBIGUOUS,
    MSG_MALFORMED,
    MSG_NOT_DELIVERED,
    MSG_SERVER,
    AmbiguousError,
    MalformedAnswerError,
    NotDeliveredError,
)
from pos_app.limits import CALL_DEADLINE_SECONDS, MAX_ANSWER_BYTES

UPSTREAM_TIMEOUT = httpx.Timeout(connect=3.0, read=CALL_DEADLINE_SECONDS / 2, write=5.0, pool=3.0)


class Upstream:
    def __init__(self, base_url: str, *, timeout: httpx.Timeout = UPSTREAM_TIMEOUT, connections: int = 50) -> None:
        self.base_url = base_url.rstrip("/")
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout, limits=limits, trust_env=False)

    def close(self) -> None:
        self._http.close()

    def post(self, path: str, body: dict[str, Any], token: str | None = None) -> dict[str, Any]:
        """WeChat's JSON answer (errcode may be non-zero).  NotDeliveredError: nothing reached WeChat;
        AmbiguousError: sent, fate unknown (including HTTP 5xx); MalformedAnswerError: not a JSON object."""
        params = {"access_token": token} if token is not None else None
        try:
            response = self._http.post(path, params=params, json=body)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise NotDeliveredError(MSG_NOT_DELIVERED, detail=redact(f"{type(exc).__name__}: {exc}")) from None
        except httpx.HTTPError as exc:
            raise AmbiguousError(MSG_AMBIGUOUS, detail=redact(f"{type(exc).__name__}: {exc}")) from None
        if response.status_code >= 500:
            raise AmbiguousError(MSG_SERVER, detail=f"HTTP {response.status_code}")
        if len(response.content) > MAX_ANSWER_BYTES:
            raise MalformedAnswerError(MSG_MALFORMED, detail="answer too large")
        try:
            data = response.json()
        except ValueError:
            raise MalformedAnswerError(MSG_MALFORMED, detail=f"HTTP {response.status_code}, not JSON") from None
        if not isinstance(data, dict) or not isinstance(data.get("errcode", 0), int):
            raise MalformedAnswerError(MSG_MALFORMED, detail="not a JSON object with a numeric errcode")
        return data
