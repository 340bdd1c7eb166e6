"""The WeChat card-code client: tokens, the five card calls, retries that are safe and only those.

Rules this module keeps (see ../shared/wechat-card-api.md):
- tokens come from ``/cgi-bin/stable_token`` with ``force_refresh: false`` only; a token error from a card
  call drops the cached token (if it is still the one that failed), fetches again and retries once;
- reads (code/get, card/get, decrypt) are retried on -1, 5xx, malformed answers and network errors, with a
  bounded, jittered backoff;
- writes (consume, unavailable) are retried only when the request provably never left (connect errors).
  Anything else after sending raises AmbiguousError: the caller must re-read the code before saying
  anything (pos_app.workflow does);
- the access token and the secret never appear in an exception text or a log line;
- every public call has one wall-clock deadline (``limits.CALL_DEADLINE_SECONDS``: connect, send and
  answer, token fetch and retries included), answers above ``limits.MAX_ANSWER_BYTES`` are cut and
  treated as malformed, and the secret only travels over https (plain http to loopback addresses only);
  see pos_app.http_bounds.
"""

from __future__ import annotations

import functools
import json
import logging
import random
import re
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import httpx

from pos_app import http_bounds
from pos_app.credentials import Credentials
from pos_app.errors import (
    MSG_AMBIGUOUS,
    MSG_HUB_THROTTLED,
    MSG_MALFORMED,
    MSG_NOT_DELIVERED,
    MSG_PLAIN_HTTP,
    MSG_SERVER,
    TOKEN_ERRCODES,
    AmbiguousError,
    ApiError,
    ConfigError,
    MalformedAnswerError,
    NoAnswerError,
    NotDeliveredError,
    message_for_errcode,
)
from pos_app.limits import CALL_DEADLINE_SECONDS, MAX_ANSWER_BYTES
from pos_app.models import (
    Action,
    CardInfo,
    CardStatus,
    CardType,
    ChainChange,
    CodeInfo,
    CodeStatus,
    DateType,
    MemberInfo,
    TicketDetails,
    TimeLimit,
)

log = logging.getLogger("pos_app.api")

DEFAULT_TIMEOUT = httpx.Timeout(connect=3.0, read=10.0, write=10.0, pool=3.0)
TOKEN_MARGIN = 300  # renew this many seconds before the service says the token expires
CARD_CACHE_TTL = 600.0
RETRY_WINDOW = 8.0  # no new attempt starts after this many seconds of trying
ABNORMAL_ERRCODES = frozenset({40099, 40127})
ATTEMPT_HEADER = "X-Pos-Attempt-Id"  # the counter's journal attempt id, sent with writes (pos-app hub)

_SECRET_RE = re.compile(r"(access_token|secret|appsecret)=[^&\s'\"]*", re.IGNORECASE)


def redact(text: str) -> str:
    """``text`` with any access_token=/secret= value blanked (httpx puts the URL in its messages)."""
    return _SECRET_RE.sub(lambda m: f"{m.group(1)}=***", text)


class _RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.msg = record.getMessage()
            record.args = None
        record.msg = redact(str(record.msg))
        return True


# httpx logs every request URL (with ?access_token=) at INFO; httpcore logs at DEBUG.
for _name in ("httpx", "httpcore"):
    logging.getLogger(_name).addFilter(_RedactingFilter())


_F = TypeVar("_F", bound=Callable[..., Any])


def _one_deadline(method: _F) -> _F:
    """Run a public call under one wall-clock deadline (shared with the calls it makes)."""

    @functools.wraps(method)
    def bounded(self: WeChatClient, *args: Any, **kwargs: Any) -> Any:
        with http_bounds.deadline(self.deadline):
            return method(self, *args, **kwargs)

    return bounded  # type: ignore[return-value]


class WeChatClient:
    """Thread-safe: the GUI's worker and its background probe may share one instance."""

    def __init__(
        self,
        base_url: str,
        credentials: Credentials,
        *,
        custom_card_ids: Iterable[str] = (),
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        read_attempts: int = 3,
        backoff: float = 0.25,
        card_cache_ttl: float = CARD_CACHE_TTL,
        retry_window: float = RETRY_WINDOW,
        sleep: Callable[[float], None] = time.sleep,
        deadline: float = CALL_DEADLINE_SECONDS,
        max_answer_bytes: int = MAX_ANSWER_BYTES,
    ) -> None:
        try:  # the AppSecret goes in the token request's body: never over plain http to another host
            self.base_url = http_bounds.check_transport_url(base_url.strip()).rstrip("/")
        except http_bounds.PlainHttpRefused as exc:
            raise ConfigError(MSG_PLAIN_HTTP, detail=str(exc)) from None
        self._credentials = credentials
        self.custom_card_ids = tuple(dict.fromkeys(custom_card_ids))
        self.deadline = deadline
        self._max_answer = max_answer_bytes
        self._timeout = timeout
        self._http = http_bounds.bounded_client(
            base_url=self.base_url,
            timeout=timeout,
            trust_env=True,
            headers={"Accept-Encoding": "identity"},
        )
        self._read_attempts = max(1, read_attempts)
        self._retry_window = retry_window
        self._backoff = backoff
        self._sleep = sleep
        self._card_cache_ttl = card_cache_ttl
        self._lock = threading.Lock()
        self._token: str | None = None
        self._token_deadline = 0.0  # time.monotonic() after which we fetch a new one
        self._cards: dict[str, tuple[float, CardInfo]] = {}

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> WeChatClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transport ---------------------------------------------------------------------------------

    def _send(
        self,
        path: str,
        body: dict[str, Any],
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """One HTTP exchange; maps every failure onto NotDelivered / Ambiguous / Malformed.

        The answer is streamed and cut at ``max_answer_bytes``; every socket operation is bounded by
        the call's deadline (pos_app.http_bounds).
        """
        try:
            with self._http.stream(
                "POST",
                path,
                params=params,
                json=body,
                headers=headers,
                timeout=http_bounds.bounded_timeout(self._timeout),
            ) as response:
                status = response.status_code
                content = http_bounds.read_bounded(response, self._max_answer)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise NotDeliveredError(MSG_NOT_DELIVERED, detail=redact(f"{type(exc).__name__}: {exc}")) from None
        except httpx.HTTPError as exc:  # read timeout, dropped connection, protocol error: sent, fate unknown
            raise AmbiguousError(MSG_AMBIGUOUS, detail=redact(f"{type(exc).__name__}: {exc}")) from None
        except http_bounds.UnusableBody as exc:  # cut: what we have is not an answer we can trust
            if status >= 500:
                raise AmbiguousError(MSG_SERVER, detail=f"HTTP {status}") from None
            raise MalformedAnswerError(MSG_MALFORMED, detail=f"HTTP {status}, {exc}") from None
        if status >= 500 or status == 429:
            _raise_hub_error(content)  # a pos-app hub says whether the request reached WeChat, or throttles
            raise AmbiguousError(MSG_SERVER, detail=f"HTTP {status}")
        try:
            data = json.loads(content)
        except ValueError:
            raise MalformedAnswerError(MSG_MALFORMED, detail=f"HTTP {status}, not JSON") from None
        if not isinstance(data, dict):
            raise MalformedAnswerError(MSG_MALFORMED, detail="JSON is not an object")
        errcode = data.get("errcode", 0)
        if not isinstance(errcode, int):
            raise MalformedAnswerError(MSG_MALFORMED, detail="errcode is not a number")
        if errcode == -1:
            raise AmbiguousError(message_for_errcode(-1), errcode=-1, detail="system busy")
        if errcode != 0:
            # errmsg carries a changing " rid: ..." suffix: keep it for logs, match on the number only.
            hub = {k: v for k, v in data.items() if k.startswith("hub_")}  # a pos-app hub's additions
            raise ApiError(
                message_for_errcode(errcode), errcode=errcode, detail=redact(str(data.get("errmsg", ""))), hub=hub
            )
        return data

    # -- token ---------------------------------------------------------------------------------------

    @_one_deadline
    def fetch_token(self) -> str:
        """A valid access token, from the cache or ``stable_token`` (force_refresh false, always)."""
        return self._fetch_token(retry=True)

    def _fetch_token(self, *, retry: bool) -> str:
        with self._lock:
            if self._token and time.monotonic() < self._token_deadline:
                return self._token
        body = {
            "grant_type": "client_credential",
            "appid": self._credentials.appid,
            "secret": self._credentials.secret,
            "force_refresh": False,
        }

        def ask() -> dict[str, Any]:
            return self._send("/cgi-bin/stable_token", body)

        data = self._read_with_retries(ask) if retry else ask()
        token = data.get("access_token")
        expires_in = data.get("expires_in")
        if not isinstance(token, str) or not token or not isinstance(expires_in, int):
            raise MalformedAnswerError(MSG_MALFORMED, detail="stable_token answer lacks access_token")
        with self._lock:
            self._token = token
            # expires_in is what is left of the shared token; renew a little early, never negative.
            self._token_deadline = time.monotonic() + max(0, expires_in - min(TOKEN_MARGIN, expires_in // 2))
        log.info("access token obtained, valid %d s", expires_in)
        return token

    def _drop_token(self, failed: str) -> None:
        with self._lock:
            if self._token == failed:  # another thread may already have replaced it
                self._token = None
                self._token_deadline = 0.0

    def _card_call(self, path: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> dict[str, Any]:
        """A card call with the token; on a token error refresh once and repeat (the service refused the
        first call, so repeating it is safe even for writes)."""
        token = self._token_for_call()
        try:
            return self._send(path, body, params={"access_token": token}, headers=headers)
        except ApiError as exc:
            if exc.errcode not in TOKEN_ERRCODES:
                raise
            log.info("token refused (%s) on %s: fetching again", exc.errcode, path)
            self._drop_token(token)
            token = self._token_for_call()
            return self._send(path, body, params={"access_token": token}, headers=headers)

    def _token_for_call(self) -> str:
        # The card call has not been sent while we wait for a token: whatever went wrong fetching it,
        # the card call itself was not delivered (this keeps a failed token fetch from looking like a
        # consume of unknown fate).  One attempt only: the card call's own retry loop repeats it, and
        # nesting two loops multiplied the wait (a black-holed service took 90 s to give up).
        try:
            return self._fetch_token(retry=False)
        except NoAnswerError as exc:
            if isinstance(exc, NotDeliveredError):
                raise
            raise NotDeliveredError(exc.message, errcode=exc.errcode, detail=exc.detail) from None

    # -- retry policy --------------------------------------------------------------------------------

    def _pause(self, attempt: int) -> None:
        pause = self._backoff * (2**attempt) * (0.5 + random.random() / 2)
        left = http_bounds.remaining()
        self._sleep(pause if left is None else max(0.0, min(pause, left)))

    def _may_retry(self, attempt: int, started: float) -> bool:
        # Bounded in tries and in time: a cashier waits for a clear answer, not for a long retry tail.
        left = http_bounds.remaining()
        if left is not None and left <= 0:
            return False  # the call's deadline has passed: no new attempt may start
        return attempt + 1 < self._read_attempts and time.monotonic() - started < self._retry_window

    def _read_with_retries(self, call: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        started = time.monotonic()
        for attempt in range(self._read_attempts):
            try:
                return call()
            except NoAnswerError as exc:  # -1, 5xx, malformed, network: a read may simply be asked again
                if not self._may_retry(attempt, started):
                    raise
                log.info("read failed (%s), retrying", exc.detail or type(exc).__name__)
                self._pause(attempt)
        raise AssertionError("unreachable")

    def _write(self, path: str, body: dict[str, Any], attempt_id: str = "") -> dict[str, Any]:
        # A pos-app hub records the counter's attempt id and answers a repeat from its record (WeChat
        # itself is not told: it has no use for it).
        to_wechat = (httpx.URL(self.base_url).host or "").endswith("weixin.qq.com")
        headers = {ATTEMPT_HEADER: attempt_id} if attempt_id and not to_wechat else None
        started = time.monotonic()
        for attempt in range(self._read_attempts):
            try:
                return self._card_call(path, body, headers)
            except NotDeliveredError:  # nothing reached the service: asking again cannot act twice
                if not self._may_retry(attempt, started):
                    raise
                self._pause(attempt)
            except MalformedAnswerError as exc:  # it answered, but we cannot tell what: treat as unknown
                raise AmbiguousError(MSG_AMBIGUOUS, detail=exc.detail) from None
        raise AssertionError("unreachable")

    # -- card calls ----------------------------------------------------------------------------------

    @_one_deadline
    def get_code(self, code: str, card_id: str | None = None, *, check_consume: bool = True) -> CodeInfo:
        """card/code/get as the service answers it (40099/40127 raise ApiError when check_consume)."""
        body: dict[str, Any] = {"code": code, "check_consume": check_consume}
        if card_id:
            body["card_id"] = card_id
        data = self._read_with_retries(lambda: self._card_call("/card/code/get", body))
        return _parse_code_info(code, card_id, data)

    @_one_deadline
    def query_code(self, code: str, card_id: str | None = None) -> CodeInfo:
        """What the cashier needs: can it be consumed, and if not, in which status.

        Asks with check_consume true; on 40099/40127 asks again with false so the status is known.  A code
        unknown without card_id (40056) is tried with each configured custom-code card_id.
        """
        candidates = [card_id] if card_id else [None, *self.custom_card_ids]
        last: ApiError | None = None
        for candidate in candidates:
            try:
                return self.get_code(code, candidate, check_consume=True)
            except ApiError as exc:
                if exc.errcode in ABNORMAL_ERRCODES:
                    return self.get_code(code, candidate, check_consume=False)
                if exc.errcode != 40056:
                    raise
                last = exc
        assert last is not None
        raise last

    @_one_deadline
    def get_card(self, card_id: str) -> CardInfo:
        now = time.monotonic()
        with self._lock:
            cached = self._cards.get(card_id)
            if cached and now - cached[0] < self._card_cache_ttl:
                return cached[1]
        data = self._read_with_retries(lambda: self._card_call("/card/get", {"card_id": card_id}))
        card = parse_card(card_id, data)
        with self._lock:
            self._cards[card_id] = (now, card)
        return card

    @_one_deadline
    def decrypt(self, encrypt_code: str) -> str:
        data = self._read_with_retries(lambda: self._card_call("/card/code/decrypt", {"encrypt_code": encrypt_code}))
        code = data.get("code")
        if not isinstance(code, str) or not code:
            raise MalformedAnswerError(MSG_MALFORMED, detail="decrypt answer lacks code")
        return code

    @_one_deadline
    def consume(self, code: str, card_id: str | None = None, *, attempt_id: str = "") -> str | None:
        """Redeem; returns the card_id the service names.  AmbiguousError: re-read before anything else."""
        body: dict[str, Any] = {"code": code}
        if card_id:
            body["card_id"] = card_id
        data = self._write("/card/code/consume", body, attempt_id)
        card = data.get("card")
        return card.get("card_id") if isinstance(card, dict) else card_id

    @_one_deadline
    def make_unavailable(self, code: str, reason: str, card_id: str | None = None, *, attempt_id: str = "") -> None:
        body: dict[str, Any] = {"code": code, "reason": reason}
        if card_id:
            body["card_id"] = card_id
        self._write("/card/code/unavailable", body, attempt_id)

    def read(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """Another read-only call with the token and the read retries (datacube statistics,
        card/user/getcardlist); the answer as the service sent it (see pos_app.stats for parsing)."""
        return self._read_with_retries(lambda: self._card_call(path, body))


def _raise_hub_error(content: bytes) -> None:
    """A pos-app hub's 5xx names what happened: nothing sent to WeChat, or WeChat's answer lost."""
    try:
        kind = json.loads(content).get("hub_error")
    except (ValueError, AttributeError):
        return
    if kind == "not_delivered":
        raise NotDeliveredError(MSG_NOT_DELIVERED, detail="hub: not sent to WeChat")
    if kind == "no_answer":
        raise AmbiguousError(MSG_AMBIGUOUS, detail="hub: WeChat's answer was lost")
    if kind == "throttled":  # too many failed sign-ins from this address (docs/hub.md, rate limit)
        raise ApiError(MSG_HUB_THROTTLED, errcode=45011, detail="hub: too many failed sign-in attempts")


# -- answer parsing -----------------------------------------------------------------------------------


def _int_or_none(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def _obj(parent: dict[str, Any], key: str) -> dict[str, Any]:
    value = parent.get(key)
    return value if isinstance(value, dict) else {}


def _str(value: object) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value).strip()


def _bool_or_none(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def _member_from(obj: dict[str, Any]) -> MemberInfo | None:
    """membership_number / bonus / balance, as a member card's code/get carries them in ``card``."""
    if not any(key in obj for key in ("membership_number", "bonus", "balance")):
        return None
    return MemberInfo(
        membership_number=_str(obj.get("membership_number")),
        bonus=_int_or_none(obj.get("bonus")),
        balance=_int_or_none(obj.get("balance")),
    )


_TICKET_CODE_KEYS = ("seat_number", "seat", "screening_room", "show_time", "zone", "entrance", "gate", "class")


def _ticket_from_code(obj: dict[str, Any]) -> TicketDetails | None:
    """Per-holder ticket details if code/get's ``card`` carries them (movie/meeting/boarding updates)."""
    if not any(key in obj for key in _TICKET_CODE_KEYS):
        return None
    return TicketDetails(
        seat=_str(obj.get("seat_number") or obj.get("seat")),
        session_time=_int_or_none(obj.get("show_time")),
        room=_str(obj.get("screening_room")),
        zone=_str(obj.get("zone")),
        entrance=_str(obj.get("entrance")),
        gate=_str(obj.get("gate")),
        ticket_class=_str(obj.get("class") or obj.get("ticket_class")),
    )


def parse_code_info(code: str, card_id: str | None, data: dict[str, Any]) -> CodeInfo:
    """card/code/get's answer as a CodeInfo.  The code asked for stays the code (live answers also carry
    it as ``card.code``, used only when none was asked); unknown fields are ignored."""
    card = data.get("card")
    if not isinstance(card, dict):
        raise MalformedAnswerError(MSG_MALFORMED, detail="code/get answer lacks card")
    can_consume = data.get("can_consume")
    answered_code = card.get("code")
    return CodeInfo(
        code=code or (answered_code if isinstance(answered_code, str) else ""),
        card_id=str(card.get("card_id") or card_id or "") or None,
        status=CodeStatus.parse(data.get("user_card_status")),
        can_consume=can_consume if isinstance(can_consume, bool) else None,
        begin_time=_int_or_none(card.get("begin_time")),
        end_time=_int_or_none(card.get("end_time")),
        openid=_str(data.get("openid")),
        outer_str=_str(data.get("outer_str")),
        member=_member_from(card),
        ticket=_ticket_from_code(card),
        chain_change=parse_chain_change(data.get("hub_changed")),
        store_allowed=data.get("hub_store_allowed") if isinstance(data.get("hub_store_allowed"), bool) else None,
    )


def parse_chain_change(value: object) -> ChainChange | None:
    """A pos-app hub's ``hub_changed`` (where the chain redeemed or made the code unavailable); None when
    absent or not an object.  What it lacks stays empty: never filled in by guessing."""
    if not isinstance(value, dict):
        return None
    try:
        action: Action | None = Action(str(value.get("action")))
    except ValueError:
        action = None
    at = value.get("at")
    return ChainChange(
        action=action,
        store_id=_str(value.get("store_id")),
        store_name=_str(value.get("store_name")),
        terminal=_str(value.get("terminal")),
        cashier=_str(value.get("cashier")),
        at=float(at) if isinstance(at, int | float) and not isinstance(at, bool) and at > 0 else None,
    )


_parse_code_info = parse_code_info


def _ticket_from_card(card_type: CardType, body: dict[str, Any]) -> TicketDetails | None:
    """Card-wide ticket fields of card/get (seed 001: from, to, flight, gate, boarding_time, ...)."""
    if card_type.kind.value != "ticket":
        return None
    origin, destination = _str(body.get("from")), _str(body.get("to"))
    route = f"{origin} → {destination}" if origin or destination else ""
    session_time = _int_or_none(body.get("boarding_time")) or _int_or_none(body.get("departure_time"))
    return TicketDetails(
        session_time=session_time,
        gate=_str(body.get("gate")),
        flight=_str(body.get("flight")),
        route=route,
        ticket_class=_str(body.get("ticket_class")),
        detail=_str(body.get("detail") or body.get("meeting_detail")),
    )


def _member_from_card(card_type: CardType, body: dict[str, Any]) -> MemberInfo | None:
    if card_type is not CardType.MEMBER_CARD:
        return None
    return MemberInfo(
        supply_bonus=_bool_or_none(body.get("supply_bonus")),
        supply_balance=_bool_or_none(body.get("supply_balance")),
        prerogative=_str(body.get("prerogative")),
    )


def parse_card(card_id: str, data: dict[str, Any]) -> CardInfo:
    """card/get's answer as a CardInfo; unknown fields and card types are tolerated, nothing raises
    for a missing ``advanced_info``, a numeric ``date_info.type`` or ``status``, or odd value types."""
    card = data.get("card")
    if not isinstance(card, dict):
        raise MalformedAnswerError(MSG_MALFORMED, detail="card/get answer lacks card")
    raw_type = _str(card.get("card_type"))
    body = card.get(raw_type.lower())
    if not isinstance(body, dict):  # unknown type: take whichever object carries a base_info
        body = next((v for v in card.values() if isinstance(v, dict) and "base_info" in v), {})
    card_type = CardType.parse(raw_type)
    base = _obj(body, "base_info")
    advanced = _obj(body, "advanced_info")
    condition = _obj(advanced, "use_condition")
    raw_limits = advanced.get("time_limit")
    limits = tuple(
        TimeLimit(
            type=_str(item.get("type")),
            begin_hour=_int_or_none(item.get("begin_hour")),
            begin_minute=_int_or_none(item.get("begin_minute")),
            end_hour=_int_or_none(item.get("end_hour")),
            end_minute=_int_or_none(item.get("end_minute")),
        )
        for item in (raw_limits if isinstance(raw_limits, list) else ())
        if isinstance(item, dict)
    )
    raw_locations = base.get("location_id_list")
    locations = tuple(
        v
        for v in (_int_or_none(x) for x in (raw_locations if isinstance(raw_locations, list) else ()))
        if v is not None and v != 0
    )
    least_cost = _int_or_none(body.get("least_cost"))
    if least_cost is None:
        least_cost = _int_or_none(condition.get("least_cost"))
    date_info = _obj(base, "date_info")
    return CardInfo(
        card_id=_str(base.get("id")) or card_id,
        card_type=card_type,
        title=_str(base.get("title")),
        sub_title=_str(base.get("sub_title")),
        brand_name=_str(base.get("brand_name")),
        notice=_str(base.get("notice")),
        description=_str(base.get("description")),
        least_cost=least_cost or None,
        reduce_cost=_int_or_none(body.get("reduce_cost")),
        discount=_int_or_none(body.get("discount")),
        gift=_str(body.get("gift")),
        deal_detail=_str(body.get("deal_detail")),
        default_detail=_str(body.get("default_detail")),
        time_limits=limits,
        location_ids=locations,
        use_all_locations=_bool_or_none(base.get("use_all_locations")) is True,
        can_use_with_other_discount=_bool_or_none(condition.get("can_use_with_other_discount")),
        accept_category=_str(condition.get("accept_category")),
        reject_category=_str(condition.get("reject_category")),
        object_use_for=_str(condition.get("object_use_for")),
        code_type=_str(base.get("code_type")),
        use_custom_code=_bool_or_none(base.get("use_custom_code")) is True,
        date_info=date_info,
        status=CardStatus.parse(base.get("status")),
        date_type=DateType.parse(date_info.get("type")),
        ticket=_ticket_from_card(card_type, body),
        member=_member_from_card(card_type, body),
        raw_card_type=raw_type,
    )
