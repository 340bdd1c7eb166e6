"""The account's one access token, shared by every hub process through PostgreSQL.

WeChat's rule for a chain: one central server owns the token.  Tokens come from ``stable_token`` in
normal mode; the row ``wechat_token`` holds the current one and is refreshed under ``SELECT … FOR UPDATE``
so two hub processes never fetch at once.  ``force_refresh`` (which revokes the token every other process
uses) is sent only when a normal fetch hands back the very token a card call just refused, and never
more than the API allows (20 a Beijing day, 30 s apart).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

from pos_app.credentials import Credentials
from pos_app.errors import MSG_MALFORMED, ApiError, MalformedAnswerError, message_for_errcode
from pos_app.hub.db import Conn, Database
from pos_app.hub.upstream import Upstream

log = logging.getLogger("pos_app.hub.token")

TOKEN_MARGIN = 300  # seconds: renew this long before WeChat says the token expires
FORCE_PER_DAY = 20
FORCE_MIN_INTERVAL = 30.0


class TokenRefusedError(ApiError):
    """The token was refused and may not be forced now (quota or interval): the card call fails."""


BEIJING = timezone(timedelta(hours=8))  # WeChat's quotas reset at midnight Beijing time


def beijing_day(t: float) -> date:
    return datetime.fromtimestamp(t, BEIJING).date()


class TokenKeeper:
    def __init__(
        self, db: Database, upstream: Upstream, credentials: Credentials, *, clock: Callable[[], float] = time.time
    ) -> None:
        self._db = db
        self._upstream = upstream
        self._credentials = credentials
        self._clock = clock
        self._lock = threading.Lock()
        self._cached: tuple[str, float] | None = None  # (token, renew at)

    def token(self) -> str:
        with self._lock:
            if self._cached and self._clock() < self._cached[1]:
                return self._cached[0]
        return self._refresh(failed=None)

    def refused(self, failed: str) -> str:
        """A card call refused ``failed`` (40001/40014/42001): a token to repeat it with."""
        with self._lock:
            if self._cached and self._cached[0] == failed:
                self._cached = None
        return self._refresh(failed=failed)

    def _refresh(self, failed: str | None) -> str:
        with self._db.tx() as conn:
            row = conn.execute("SELECT * FROM wechat_token WHERE id = 1 FOR UPDATE").fetchone()
            assert row is not None
            now = self._clock()
            stored: str | None = row["token"]
            expires = row["expires_at"].timestamp() if row["expires_at"] else 0.0
            if stored and stored != failed and now < expires - TOKEN_MARGIN:
                token, expires_at = stored, expires  # another process (or our own earlier call) has it
            else:
                token, expires_at = self._fetch(conn, force=False)
                if failed is not None and token == failed:
                    token, expires_at = self._force(conn, row, failed)
                conn.execute(
                    "UPDATE wechat_token SET token = %s, expires_at = %s, fetched_at = now(),"
                    " fetches = fetches + 1 WHERE id = 1",
                    (token, datetime.fromtimestamp(expires_at, UTC)),
                )
        renew_at = expires_at - min(TOKEN_MARGIN, max(0.0, (expires_at - self._clock()) / 2))
        with self._lock:
            self._cached = (token, renew_at)
        return token

    def _fetch(self, conn: Conn, *, force: bool) -> tuple[str, float]:
        body = {
            "grant_type": "client_credential",
            "appid": self._credentials.appid,
            "secret": self._credentials.secret,
            "force_refresh": force,
        }
        data = self._upstream.post("/cgi-bin/stable_token", body)
        errcode = data.get("errcode", 0)
        if errcode:
            assert isinstance(errcode, int)
            raise ApiError(message_for_errcode(errcode), errcode=errcode, detail="stable_token")
        token, expires_in = data.get("access_token"), data.get("expires_in")
        if not isinstance(token, str) or not token or not isinstance(expires_in, int):
            raise MalformedAnswerError(MSG_MALFORMED, detail="stable_token answer lacks access_token")
        conn.execute(
            "INSERT INTO events (kind, detail) VALUES (%s, %s)",
            ("token_force" if force else "token_fetch", f"valid {expires_in} s"),
        )
        log.info("access token %s, valid %d s", "force-refreshed" if force else "obtained", expires_in)
        return token, self._clock() + expires_in

    def _force(self, conn: Conn, row: dict[str, object], failed: str) -> tuple[str, float]:
        now = self._clock()
        today = beijing_day(now)
        used = int(row["force_count"]) if row["force_day"] == today else 0  # type: ignore[call-overload]
        last = row["last_force"]
        too_soon = isinstance(last, datetime) and now - last.timestamp() < FORCE_MIN_INTERVAL
        if used >= FORCE_PER_DAY or too_soon:
            raise TokenRefusedError(
                message_for_errcode(40001), errcode=40001, detail="token refused; force refresh not allowed now"
            )
        token, expires_at = self._fetch(conn, force=True)
        conn.execute(
            "UPDATE wechat_token SET force_day = %s, force_count = %s, last_force = now() WHERE id = 1",
            (today, used + 1),
        )
        if token == failed:
            raise TokenRefusedError(message_for_errcode(40001), errcode=40001, detail="force refresh kept the token")
        return token, expires_at
