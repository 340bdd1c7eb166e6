"""The simulator's world: cards, codes, access tokens and a movable clock, all behind one lock.

Every ``api_*`` method takes the decoded JSON body (and, for tokens, the query) and returns the JSON
answer as a dict, or raises :class:`ApiFail` for an ``{"errcode": N, "errmsg": ...}`` answer.  The
HTTP layer (``server.py``) does routing, token checks on card calls and fault injection; this module
holds the rules the live service applies, as ``wechat-card-api.md`` and the seed documents describe.

Answers follow the live shape recorded in ``tests/fixtures/live/`` (a test diffs them field by field):
code/get's ``card`` carries ``code`` (and a member card's ``membership_number`` / ``bonus`` /
``balance``), ``outer_str`` only when the code was issued with one, no ``is_share_card`` /
``has_share_card`` (those belong to card/user/getcardlist); consume answers ``card.card_id`` and
``openid`` only.

ASSUMPTIONS — rules applied here that no live capture or seed confirms (change them when one does):
- A-WINDOW: code/get answers NORMAL / ``can_consume`` true outside the validity window; only consume
  refuses (40079).
- A-CONSUMED: with check_consume, a CONSUMED code answers 40099 and every other abnormal status 40127;
  consume on a CONSUMED code answers 40099 (the seed's texts fit, the split is ours).
- A-UNAVAILABLE: unavailable on a CONSUMED code answers 40099, on another abnormal status 40127.
- A-MEMBER: a member card's code can be consumed like a coupon's (the app never sends it).
- A-DATACUBE: a range reaching today (Beijing) answers 61501 like a range over 62 days; a missing
  cond_source answers 47001; statistics of days before the simulator existed are generated
  deterministically per card and day, redemptions done here are added on their day.
- A-DATE-TYPE: older cards number date_info.type (1 range, 2 term, seen live); 3 for permanent is ours.
"""

from __future__ import annotations

import base64
import hashlib
import random
import re
import secrets
import string
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

DAY = 86400
STATUSES = ("NORMAL", "CONSUMED", "EXPIRE", "GIFTING", "GIFT_TIMEOUT", "DELETE", "UNAVAILABLE")
CARD_TYPES = (
    "CASH",
    "DISCOUNT",
    "GIFT",
    "GROUPON",
    "GENERAL_COUPON",
    "MEMBER_CARD",
    "SCENIC_TICKET",
    "MOVIE_TICKET",
    "BOARDING_PASS",
    "MEETING_TICKET",
    "BUS_TICKET",
)
NO_END = 2147483647  # what permanent cards' codes carry as end_time (live capture)

# errmsg texts as the live service words them (the changing suffix is added when answering).
ERRMSG = {
    -1: "system error",
    40001: "invalid credential, access_token is invalid or not latest",
    40002: "invalid grant_type",
    40013: "invalid appid",
    40014: "invalid access_token",
    40056: "invalid serial code",
    40073: "invalid card id",
    40075: "invalid encrypt code",
    40079: "invalid time",
    40099: "invalid code, this code has consumed.",
    40125: "invalid appsecret",
    40127: "invalid user-card status! Hint: the card was given to user, but may be deleted or set unavailable !",
    40243: "AppSecret has been frozen, please unfreeze it on the MP platform",
    61500: "date format error",
    61501: "date range error",
    41001: "access_token missing",
    42001: "access_token expired",
    45009: "reach max api daily quota limit",
    47001: "data format error",
    48001: "api unauthorized",
}

_TOKEN_CHARS = string.ascii_letters + string.digits + "_-"
# What a real access_token looks like ("98_" + a long url-safe string).  Anything else is garbage and
# answers 40014; a well-formed token we never issued (or revoked) answers 40001.
_TOKEN_SHAPE = re.compile(r"\d{2,3}_[A-Za-z0-9_-]{100,}")

# Stable-token rules (getStableAccessToken docs): in normal mode the token is renewed 5 minutes before it
# expires, the old one staying valid until its own expiry; force_refresh revokes the previous token at
# once, at most 20 times a day and not within 30 s of the last forced refresh (then nothing changes).
STABLE_EARLY_RENEW = 300
FORCE_REFRESH_PER_DAY = 20
FORCE_REFRESH_MIN_INTERVAL = 30
# Classic /cgi-bin/token: each call issues a new token; the previous one dies 5 minutes later.
CLASSIC_GRACE = 300


class ApiFail(Exception):
    """An error answer: HTTP 200 with this errcode."""

    def __init__(self, errcode: int, errmsg: str | None = None) -> None:
        super().__init__(errcode)
        self.errcode = errcode
        self.errmsg = errmsg if errmsg is not None else ERRMSG.get(errcode, "error")


@dataclass
class Token:
    value: str
    kind: str  # "stable" or "classic"
    issued_at: float
    expires_at: float
    dies_at: float | None = None  # revoked (or rotated out) from this moment: answers 40001


@dataclass
class Card:
    card_id: str
    card_type: str
    base_info: dict[str, Any]
    advanced_info: dict[str, Any] | None  # None: the card has none (older live cards)
    type_fields: dict[str, Any]  # fields beside base_info under the type key (least_cost, gift, ...)

    @property
    def use_custom_code(self) -> bool:
        return bool(self.base_info.get("use_custom_code"))

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"base_info": dict(self.base_info), **self.type_fields}
        if self.advanced_info is not None:
            body["advanced_info"] = dict(self.advanced_info)
        return {"card_type": self.card_type, self.card_type.lower(): body}


@dataclass
class CodeRecord:
    code: str
    card_id: str
    status: str
    begin_time: int
    end_time: int
    custom: bool
    openid: str
    outer_str: str = ""
    # Gifted to someone who accepted it: the giver's code is gone (40056), whatever the flag says.
    gifted_away: bool = False
    changed_at: float | None = None
    # Member cards: what code/get's card carries (membership_number, bonus, balance).
    member: dict[str, Any] | None = None
    received_at: float | None = None


@dataclass
class _Stable:
    current: Token | None = None
    last_force: float | None = None
    force_counts: dict[int, int] = field(default_factory=dict)


def _china_day(t: float) -> int:
    return int((t + 8 * 3600) // DAY)  # quotas reset at midnight Beijing time


class State:
    """Cards, codes and tokens of one simulated account.  All access goes through ``lock``."""

    def __init__(self, appid: str, secret: str) -> None:
        self.lock = threading.RLock()
        self.appid = appid
        self.secret = secret
        self.offset = 0.0
        self.token_lifetime = 7200
        self.ip_whitelisted = True
        self.client_ip = "203.0.113.7"  # the address the "service" sees: the counter's public IP
        self.secret_frozen = False
        self.require_reason = False
        self.cards: dict[str, Card] = {}
        self.codes: dict[str, list[CodeRecord]] = {}
        self.tokens: dict[str, Token] = {}
        self._stable = _Stable()
        self._classic: Token | None = None
        self._encrypted: dict[str, str] = {}  # encrypt_code -> code
        self._encrypt_of: dict[str, str] = {}  # code -> encrypt_code
        self._rng = random.Random()
        self.on_change: Callable[[], None] | None = None  # called (under the lock) after every write

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    # ---- clock ---------------------------------------------------------------------------------
    def now(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        with self.lock:
            self.offset += seconds

    # ---- tokens --------------------------------------------------------------------------------
    def _mint(self, kind: str) -> Token:
        now = self.now()
        value = "98_" + "".join(secrets.choice(_TOKEN_CHARS) for _ in range(150))
        token = Token(value, kind, now, now + self.token_lifetime)
        self.tokens[value] = token
        return token

    def _check_credentials(self, appid: object, secret: object, grant_type: object) -> None:
        if grant_type != "client_credential":
            raise ApiFail(40002)
        if appid != self.appid:
            raise ApiFail(40013)
        if self.secret_frozen:
            raise ApiFail(40243)
        if secret != self.secret:
            raise ApiFail(40125)
        if not self.ip_whitelisted:
            ip = self.client_ip
            raise ApiFail(40164, f"invalid ip {ip} ipv6 ::ffff:{ip}, not in whitelist")

    def api_stable_token(self, body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            self._check_credentials(body.get("appid"), body.get("secret"), body.get("grant_type"))
            now = self.now()
            st = self._stable
            cur = st.current
            alive = cur is not None and cur.dies_at is None and now < cur.expires_at
            if body.get("force_refresh") is True:
                day = _china_day(now)
                used = st.force_counts.get(day, 0)
                if used >= FORCE_REFRESH_PER_DAY:
                    raise ApiFail(45009)
                st.force_counts[day] = used + 1
                too_soon = st.last_force is not None and now - st.last_force < FORCE_REFRESH_MIN_INTERVAL
                if not (alive and too_soon):
                    if cur is not None and cur.dies_at is None:
                        cur.dies_at = now
                    cur = st.current = self._mint("stable")
                    st.last_force = now
            elif not alive or cur is None or cur.expires_at - now <= STABLE_EARLY_RENEW:
                cur = st.current = self._mint("stable")  # the old one lives on until it expires
            assert cur is not None
            return {"access_token": cur.value, "expires_in": int(cur.expires_at - now)}

    def api_classic_token(self, query: dict[str, str]) -> dict[str, Any]:
        with self.lock:
            self._check_credentials(query.get("appid"), query.get("secret"), query.get("grant_type"))
            now = self.now()
            old = self._classic
            if old is not None and old.dies_at is None:
                old.dies_at = now + CLASSIC_GRACE
            token = self._classic = self._mint("classic")
            return {"access_token": token.value, "expires_in": self.token_lifetime}

    def check_token(self, value: str | None) -> None:
        """Raise the errcode a card call answers for this access_token, if any."""
        with self.lock:
            if not value:
                raise ApiFail(41001)
            token = self.tokens.get(value)
            if token is None:
                raise ApiFail(40001 if _TOKEN_SHAPE.fullmatch(value) else 40014)
            now = self.now()
            if token.dies_at is not None and now >= token.dies_at:
                raise ApiFail(40001)
            if now >= token.expires_at:
                raise ApiFail(42001)

    def invalidate_tokens(self) -> None:
        with self.lock:
            now = self.now()
            for token in self.tokens.values():
                if token.dies_at is None or token.dies_at > now:
                    token.dies_at = now

    # ---- cards and codes -----------------------------------------------------------------------
    def add_card(self, card: Card) -> str:
        with self.lock:
            self.cards[card.card_id] = card
            return card.card_id

    def add_code(self, rec: CodeRecord) -> str:
        with self.lock:
            if rec.card_id not in self.cards:
                raise KeyError(f"unknown card_id {rec.card_id!r}")
            if rec.status not in STATUSES:
                raise ValueError(f"unknown status {rec.status!r}")
            for other in self.codes.get(rec.code, []):
                if other.card_id == rec.card_id or not (other.custom and rec.custom):
                    raise ValueError(f"code {rec.code!r} exists already")
            self.codes.setdefault(rec.code, []).append(rec)
            return rec.code

    def code_taken(self, code: str) -> bool:
        with self.lock:
            return code in self.codes

    def record(self, code: str, card_id: str | None = None) -> CodeRecord:
        """The stored code (test helper; ignores the API's custom-code and gifting rules)."""
        with self.lock:
            for rec in self.codes.get(code, []):
                if card_id is None or rec.card_id == card_id:
                    return rec
            raise KeyError(code)

    def _find(self, body: dict[str, Any]) -> CodeRecord:
        raw = body.get("code")
        if raw is None:
            raise ApiFail(47001)
        # A code sent as a JSON number loses its leading zeros, as it would on the live service.
        code = str(raw) if isinstance(raw, str | int) and not isinstance(raw, bool) else None
        if code is None:
            raise ApiFail(47001)
        card_id = body.get("card_id")
        if card_id is not None and not isinstance(card_id, str):
            raise ApiFail(47001)
        for rec in self.codes.get(code, []):
            if card_id:
                if rec.card_id != card_id:
                    continue
            elif rec.custom:
                continue  # custom codes are only found together with their card_id
            if rec.gifted_away:
                break
            return rec
        raise ApiFail(40056)

    def _in_window(self, rec: CodeRecord) -> bool:
        now = self.now()
        return rec.begin_time <= now <= rec.end_time

    def _code_answer(self, rec: CodeRecord) -> dict[str, Any]:
        card: dict[str, Any] = {
            "card_id": rec.card_id,
            "begin_time": rec.begin_time,
            "end_time": rec.end_time,
            "code": rec.code,
        }
        if rec.member:
            card.update(rec.member)
        answer: dict[str, Any] = {
            "errcode": 0,
            "errmsg": "ok",
            "card": card,
            "openid": rec.openid,
            "can_consume": rec.status == "NORMAL",
            "user_card_status": rec.status,
        }
        if rec.outer_str:
            answer["outer_str"] = rec.outer_str
        return answer

    def api_code_get(self, body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            rec = self._find(body)
            # check_consume defaults to true when absent (as the SDKs send it).
            check = body.get("check_consume", True) not in (False, 0, "false")
            if check and rec.status != "NORMAL":
                # With check_consume the status is not told: 40099 for CONSUMED, and 40127 for every
                # other abnormal status (EXPIRE, GIFTING, GIFT_TIMEOUT, DELETE, UNAVAILABLE) — the seed's
                # 40127 text covers "given to user ... deleted or set unavailable".
                raise ApiFail(40099 if rec.status == "CONSUMED" else 40127)
            # The service lags on the validity window: a NORMAL code past its end_time (or before its
            # begin_time) still says NORMAL / can_consume true here; only consume refuses it (40079).
            return self._code_answer(rec)

    def api_consume(self, body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            rec = self._find(body)
            if rec.status == "CONSUMED":
                raise ApiFail(40099)
            if rec.status != "NORMAL":
                raise ApiFail(40127)
            if not self._in_window(rec):
                raise ApiFail(40079)
            rec.status = "CONSUMED"
            rec.changed_at = self.now()
            self._changed()
            return {"errcode": 0, "errmsg": "ok", "card": {"card_id": rec.card_id}, "openid": rec.openid}

    def api_unavailable(self, body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            reason = body.get("reason")
            # The reference makes reason optional (string(64)); the simulator accepts it missing unless
            # require_reason is set.  Over 64 characters (or not a string) is a malformed request: 47001.
            if reason is None:
                if self.require_reason:
                    raise ApiFail(47001)
            elif not isinstance(reason, str) or len(reason) > 64:
                raise ApiFail(47001)
            rec = self._find(body)
            if rec.status == "CONSUMED":
                raise ApiFail(40099)
            if rec.status != "NORMAL":
                raise ApiFail(40127)
            rec.status = "UNAVAILABLE"
            rec.changed_at = self.now()
            self._changed()
            return {"errcode": 0, "errmsg": "ok"}

    def encrypt(self, code: str) -> str:
        """The encrypt_code a card link carries for ``code``: base64 with '+' and '/' in it."""
        with self.lock:
            known = self._encrypt_of.get(code)
            if known:
                return known
            n = 0
            while True:
                digest = hashlib.sha384(f"{self.secret}:{code}:{n}".encode()).digest()
                value = base64.b64encode(digest[:47]).decode()  # 47 bytes -> 64 chars ending in "="
                if "+" in value and "/" in value and value not in self._encrypted:
                    break
                n += 1
            self._encrypted[value] = code
            self._encrypt_of[code] = value
            return value

    def api_decrypt(self, body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            value = body.get("encrypt_code")
            if not isinstance(value, str) or value not in self._encrypted:
                raise ApiFail(40075)
            return {"errcode": 0, "errmsg": "ok", "code": self._encrypted[value]}

    def api_card_get(self, body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            card_id = body.get("card_id")
            card = self.cards.get(card_id) if isinstance(card_id, str) else None
            if card is None:
                raise ApiFail(40073)
            return {"errcode": 0, "errmsg": "ok", "card": card.to_json()}

    def api_user_card_list(self, body: dict[str, Any]) -> dict[str, Any]:
        """card/user/getcardlist: the holder's codes of this account (normal and abnormal), optionally
        of one card_id; gifted-away codes are no longer theirs."""
        with self.lock:
            openid = body.get("openid")
            if not isinstance(openid, str) or not openid:
                raise ApiFail(47001)
            card_id = body.get("card_id") or None
            listed = [
                {"code": rec.code, "card_id": rec.card_id}
                for recs in self.codes.values()
                for rec in recs
                if rec.openid == openid and not rec.gifted_away and (card_id is None or rec.card_id == card_id)
            ]
            return {"errcode": 0, "errmsg": "ok", "card_list": listed, "has_share_card": False}

    # ---- persistence (training) ---------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        """Cards, codes and card links as JSON-able data (tokens are not kept: clients fetch anew)."""
        with self.lock:
            return {
                "saved_at": self.now(),
                "cards": [
                    {
                        "card_id": c.card_id,
                        "card_type": c.card_type,
                        "base_info": c.base_info,
                        "advanced_info": c.advanced_info,
                        "type_fields": c.type_fields,
                    }
                    for c in self.cards.values()
                ],
                "codes": [vars(rec).copy() for recs in self.codes.values() for rec in recs],
                "encrypted": dict(self._encrypted),
            }

    def restore(self, data: dict[str, Any], shift: float = 0.0) -> None:
        """Load a snapshot; every moment in it moves ``shift`` seconds later (the demo world keeps its
        relative windows across runs; 0 and the no-end sentinel stay as they are)."""

        def moved(ts: Any) -> Any:
            if isinstance(ts, int | float) and not isinstance(ts, bool) and 0 < ts < NO_END:
                return type(ts)(ts + shift)
            return ts

        with self.lock:
            self.cards.clear()
            self.codes.clear()
            for c in data.get("cards", []):
                base = dict(c["base_info"])
                info = dict(base.get("date_info") or {})
                for key in ("begin_timestamp", "end_timestamp"):
                    if key in info:
                        info[key] = int(moved(info[key]))
                if info:
                    base["date_info"] = info
                self.cards[c["card_id"]] = Card(
                    c["card_id"], c["card_type"], base, c.get("advanced_info"), dict(c.get("type_fields") or {})
                )
            for raw in data.get("codes", []):
                rec = CodeRecord(**raw)
                rec.begin_time = int(moved(rec.begin_time))
                rec.end_time = int(moved(rec.end_time))
                rec.changed_at = moved(rec.changed_at)
                rec.received_at = moved(rec.received_at)
                self.codes.setdefault(rec.code, []).append(rec)
            self._encrypted = dict(data.get("encrypted") or {})
            self._encrypt_of = {code: enc for enc, code in self._encrypted.items()}

    # ---- helpers -------------------------------------------------------------------------------
    def errmsg_suffix(self) -> str:
        """The changing tail of every error message (match on errcode, never on errmsg)."""
        with self.lock:
            rng = self._rng
            if rng.random() < 0.5:
                parts = ["".join(rng.choice("0123456789abcdef") for _ in range(8)) for _ in range(3)]
                return " rid: " + "-".join(parts)
            alnum = string.ascii_letters + string.digits
            return " hint: [" + "".join(rng.choice(alnum) for _ in range(10)) + "]"
