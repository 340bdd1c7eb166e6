"""The hub's work for counters: session tokens, the relayed card calls and the attempt registry.

Answers keep WeChat's shape so the counter's unchanged client judges them as it would WeChat's.  When
the hub has no answer to give it says so in a way the client maps onto its usual states:
``503 {"hub_error": "not_delivered"}`` — nothing reached WeChat (NotDeliveredError at the counter);
``504 {"hub_error": "no_answer"}`` — sent, fate unknown (AmbiguousError).

Every consume / unavailable is recorded in ``attempts`` (committed) before WeChat is called; at most one
unsettled attempt per code exists in the whole chain (checked under an advisory lock on the code), and a
repeat of an attempt id is answered from the record, never sent again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pos_app.client import ATTEMPT_HEADER, parse_code_info
from pos_app.credentials import Credentials
from pos_app.errors import TOKEN_ERRCODES, ApiError, MalformedAnswerError, NoAnswerError, NotDeliveredError
from pos_app.hub import terminals, throttle
from pos_app.hub.db import Conn, Database, DatabaseDown
from pos_app.hub.settling import known_attempt, settle
from pos_app.hub.terminals import Terminal, TerminalError
from pos_app.hub.token import TokenKeeper
from pos_app.hub.upstream import Upstream
from pos_app.models import Action, CodeInfo, CodeStatus, Outcome
from pos_app.settle import KnownAttempt, UnknownCode

log = logging.getLogger("pos_app.hub.relay")


_ATTEMPT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_FIELD = 128

NOT_DELIVERED = {"errcode": -1, "errmsg": "hub: not sent to WeChat", "hub_error": "not_delivered"}
NO_ANSWER = {"errcode": -1, "errmsg": "hub: WeChat's answer was lost", "hub_error": "no_answer"}
CODE_BUSY = {**NOT_DELIVERED, "errmsg": "hub: another counter is redeeming this code right now"}
STORE_RULE = {"errcode": 45030, "errmsg": "hub: this store may not redeem this card", "hub_error": "store_rule"}

Answer = tuple[int, dict[str, Any]]


class Throttled(Exception):
    """Too many failed guesses from this address (or at this name): answered 429, not evaluated."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


class BadRequest(ValueError):
    """A malformed request: answered 4xx with a JSON error, nothing changed."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def bad_request_answer(exc: BadRequest) -> Answer:
    return exc.status, {"errcode": 47001, "errmsg": f"hub: {exc}", "error": str(exc)}


@dataclass(frozen=True)
class WriteRequest:
    action: Action
    code: str
    card_id: str | None
    reason: str | None

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code}
        if self.card_id:
            out["card_id"] = self.card_id
        if self.reason is not None:
            out["reason"] = self.reason
        return out

    def fingerprint(self) -> str:
        raw = json.dumps([str(self.action), self.code, self.card_id, self.reason], ensure_ascii=False)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _text(body: dict[str, Any], key: str, *, required: bool) -> str | None:
    value = body.get(key)
    if value is None:
        if required:
            raise BadRequest(f"{key} is required")
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_FIELD:
        raise BadRequest(f"{key} must be a non-empty string of at most {MAX_FIELD} characters")
    return value


def parse_write(action: Action, body: dict[str, Any]) -> WriteRequest:
    code = _text(body, "code", required=True)
    assert code is not None
    reason = _text(body, "reason", required=False) if action is Action.INVALIDATE else None
    return WriteRequest(action, code, _text(body, "card_id", required=False), reason)


def parse_attempt_id(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not _ATTEMPT_ID.match(value):
        raise BadRequest(f"{ATTEMPT_HEADER} must be 1-64 letters, digits, '-' or '_'")
    return value


def _outcome_of(row: dict[str, Any]) -> Outcome:
    if row["state"] != "final" or not row["outcome"]:
        return Outcome.PENDING
    return Outcome(row["outcome"])


class Hub:
    def __init__(
        self,
        db: Database,
        upstream: Upstream,
        credentials: Credentials,
        *,
        clock: Any = time.time,
    ) -> None:
        self.db = db
        self.upstream = upstream
        self.tokens = TokenKeeper(db, upstream, credentials, clock=clock)
        self._clock = clock

    # -- terminals ---------------------------------------------------------------------------------
    def stable_token(self, body: dict[str, Any], address: str = "") -> Answer:
        """The counter's client asks for a token with (terminal, credential): a hub session token.
        Failed checks count against ``address`` and the name (:mod:`pos_app.hub.throttle`)."""
        name, credential = body.get("appid"), body.get("secret")
        if not isinstance(name, str) or not isinstance(credential, str):
            return 200, {"errcode": 40013, "errmsg": "hub: invalid terminal"}
        with self.db.tx() as conn:
            try:
                terminal = self.check_terminal(conn, address, name, credential)
            except Throttled as exc:
                return 429, throttle.throttled_answer(exc.retry_after)
            except TerminalError as exc:
                return 200, {"errcode": 40125, "errmsg": f"hub: {exc.reason}"}
            token = terminals.open_session(conn, terminal)
        return 200, {"access_token": token, "expires_in": terminals.SESSION_LIFETIME}

    @staticmethod
    def check_terminal(conn: Conn, address: str, name: str, credential: str) -> Terminal:
        """The terminal, after the rate limit on guesses; raises Throttled or TerminalError (counted).
        The failure is recorded in ``conn``'s transaction: the caller must commit it."""
        throttle.lock(conn, address)
        wait = throttle.blocked(conn, address, name)
        if wait is not None:
            raise Throttled(wait)
        try:
            return terminals.check_credential(conn, name, credential)
        except TerminalError:
            throttle.failed(conn, address, name, "credential")
            raise

    def session(self, token: str | None) -> Terminal | None:
        if not token:
            return None
        with self.db.tx() as conn:
            return terminals.session_terminal(conn, token)

    # -- WeChat calls ----------------------------------------------------------------------------
    def _call(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """One card call with the shared token; a refused token is renewed and the call repeated once
        (WeChat refused the first, so repeating is safe even for a write)."""
        token = self.tokens.token()
        data = self.upstream.post(path, body, token)
        if data.get("errcode") in TOKEN_ERRCODES:
            log.info("token refused on %s: renewing", path)
            token = self.tokens.refused(token)
            data = self.upstream.post(path, body, token)
        return data

    def relay_read(self, terminal: Terminal, path: str, body: dict[str, Any]) -> Answer:
        try:
            data = self._call(path, body)
        except NotDeliveredError:
            return 503, NOT_DELIVERED
        except NoAnswerError:
            return 504, NO_ANSWER
        except ApiError as exc:  # the token could not be had (whitelist, secret, quota): say which
            return 200, {"errcode": exc.errcode, "errmsg": f"hub: {exc.detail}"}
        if path == "/card/code/get":
            try:
                if not self._vet_code_answer(terminal, body, data):
                    return 504, NO_ANSWER
            except DatabaseDown:
                return 503, NOT_DELIVERED
        return 200, data

    def _vet_code_answer(self, terminal: Terminal, body: dict[str, Any], data: dict[str, Any]) -> bool:
        """One transaction per code/get: False when the code still reads NORMAL while an attempt on it is
        unsettled (it may land a moment later: the hub says "no answer yet" rather than "unused");
        otherwise add where the chain changed the code (``hub_changed``) and whether this store may redeem
        its card (``hub_store_allowed``)."""
        code = body.get("code")
        if not isinstance(code, str):
            return True
        status = data.get("user_card_status")
        card = data.get("card")
        with self.db.tx() as conn:
            if not data.get("errcode") and status == "NORMAL":
                unsettled = conn.execute(
                    "SELECT 1 FROM attempts WHERE code = %s AND state <> 'final' LIMIT 1", (code,)
                ).fetchone()
                if unsettled is not None:
                    return False
            if data.get("errcode") == 40099 or status in ("CONSUMED", "UNAVAILABLE"):
                where = changed_where(conn, code)
                if where is not None:
                    data["hub_changed"] = where
            if isinstance(card, dict) and isinstance(card.get("card_id"), str):
                data["hub_store_allowed"] = terminals.store_allows(conn, terminal.store_id, card["card_id"])
        return True

    # -- writes ------------------------------------------------------------------------------------
    def relay_write(self, terminal: Terminal, action: Action, body: dict[str, Any], attempt_id: str | None) -> Answer:
        req = parse_write(action, body)
        attempt_id = attempt_id or "hub-" + uuid.uuid4().hex
        card_id = req.card_id
        if card_id is None and self._store_restricted(terminal):
            card_id, refusal = self._learn_card_id(req)
            if refusal is not None:
                return refusal
        with self.db.tx() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 7))", (req.code,))
            inserted = conn.execute(
                """INSERT INTO attempts (attempt_id, terminal, store_id, action, code, card_id, reason,
                       request_hash, state, sent_at)
                   VALUES (%s, %s, %s, %s, %s, %s, %s, %s, 'sending', now())
                   ON CONFLICT (attempt_id) DO NOTHING RETURNING attempt_id""",
                (
                    attempt_id,
                    terminal.name,
                    terminal.store_id,
                    str(action),
                    req.code,
                    card_id,
                    req.reason or "",
                    req.fingerprint(),
                ),
            ).fetchone()
            if inserted is None:
                existing = conn.execute("SELECT * FROM attempts WHERE attempt_id = %s", (attempt_id,)).fetchone()
                assert existing is not None
            else:
                existing = None
                busy = conn.execute(
                    "SELECT 1 FROM attempts WHERE code = %s AND state <> 'final' AND attempt_id <> %s LIMIT 1",
                    (req.code, attempt_id),
                ).fetchone()
                done = conn.execute(
                    "SELECT action FROM attempts WHERE code = %s AND state = 'final'"
                    " AND outcome IN ('redeemed', 'invalidated') LIMIT 1",
                    (req.code,),
                ).fetchone()
                if done is not None and not busy:
                    # The chain already changed this code: WeChat can only refuse, and a refusal whose
                    # answer got lost would read like our own success.  Answer as WeChat would.
                    known = {
                        "errcode": 40099 if done["action"] == "redeem" else 40127,
                        "errmsg": "hub: the chain already changed this code",
                        "hub_changed": changed_where(conn, req.code),
                    }
                    conn.execute(
                        "UPDATE attempts SET state = 'final', outcome = %s, errcode = %s, answer = %s,"
                        " settled_at = now(), note = 'refused by the hub: code already changed in the chain'"
                        " WHERE attempt_id = %s",
                        (str(Outcome.REFUSED), known["errcode"], json.dumps(known, ensure_ascii=False), attempt_id),
                    )
                    return 200, known
                allowed = card_id is None or terminals.store_allows(conn, terminal.store_id, card_id)
                if busy or not allowed:
                    answer = CODE_BUSY if busy else STORE_RULE
                    conn.execute(
                        "UPDATE attempts SET state = 'final', outcome = %s, answer = %s, settled_at = now(),"
                        " note = %s WHERE attempt_id = %s",
                        (
                            str(Outcome.ERROR if busy else Outcome.REFUSED),
                            json.dumps(answer),
                            "code busy" if busy else "store rule",
                            attempt_id,
                        ),
                    )
                    return (503 if busy else 200), answer
        if existing is not None:
            return self._replay(terminal, existing, req)
        return self._send_write(attempt_id, req)

    def _store_restricted(self, terminal: Terminal) -> bool:
        with self.db.tx() as conn:
            row = conn.execute("SELECT restricted FROM stores WHERE store_id = %s", (terminal.store_id,)).fetchone()
        return bool(row and row["restricted"])

    def _learn_card_id(self, req: WriteRequest) -> tuple[str | None, Answer | None]:
        try:
            data = self._call("/card/code/get", {"code": req.code, "check_consume": False})
        except NoAnswerError:
            return None, (503, NOT_DELIVERED)
        except ApiError as exc:
            return None, (200, {"errcode": exc.errcode, "errmsg": f"hub: {exc.detail}"})
        card = data.get("card")
        if data.get("errcode") or not isinstance(card, dict) or not isinstance(card.get("card_id"), str):
            return None, (200, data)
        return str(card["card_id"]), None

    def _send_write(self, attempt_id: str, req: WriteRequest) -> Answer:
        path = "/card/code/consume" if req.action is Action.REDEEM else "/card/code/unavailable"
        try:
            data = self._call(path, req.body())
        except NotDeliveredError:
            self._finish(attempt_id, Outcome.ERROR, NOT_DELIVERED, note="not delivered")
            return 503, NOT_DELIVERED
        except NoAnswerError as exc:
            self._unknown(attempt_id, exc.detail)
            return 504, NO_ANSWER
        except ApiError as exc:  # no token could be had: the card call was never sent
            answer = {"errcode": exc.errcode, "errmsg": f"hub: {exc.detail}"}
            self._finish(attempt_id, Outcome.ERROR, answer, note="no token")
            return 200, answer
        except DatabaseDown:  # the token row was unreachable: nothing sent
            self._finish(attempt_id, Outcome.ERROR, NOT_DELIVERED, note="database down before sending")
            return 503, NOT_DELIVERED
        errcode = data.get("errcode", 0)
        if errcode == -1:  # WeChat's "busy" may come after it acted (seen live): fate unknown
            self._unknown(attempt_id, "errcode -1")
            return 200, data
        if errcode == 0:
            done = Outcome.REDEEMED if req.action is Action.REDEEM else Outcome.INVALIDATED
            self._finish(attempt_id, done, data)
        else:
            self._finish(attempt_id, Outcome.REFUSED, data, errcode=int(errcode))
        return 200, data

    def _finish(
        self, attempt_id: str, outcome: Outcome, answer: dict[str, Any], *, errcode: int | None = None, note: str = ""
    ) -> None:
        try:
            with self.db.tx() as conn:
                conn.execute(
                    "UPDATE attempts SET state = 'final', outcome = %s, errcode = %s, answer = %s,"
                    " settled_at = now(), note = %s WHERE attempt_id = %s AND state <> 'final'",
                    (str(outcome), errcode, json.dumps(answer, ensure_ascii=False), note, attempt_id),
                )
        except DatabaseDown:
            # The record stays 'sending': the settler re-reads the code once the database is back.
            log.warning("attempt %s: outcome not recorded (database down); left for the settler", attempt_id)

    def _unknown(self, attempt_id: str, detail: str) -> None:
        log.warning("attempt %s: WeChat's answer lost (%s)", attempt_id, detail)
        try:
            with self.db.tx() as conn:
                conn.execute(
                    "UPDATE attempts SET state = 'unknown', note = %s WHERE attempt_id = %s AND state = 'sending'",
                    (detail[:200], attempt_id),
                )
        except DatabaseDown:
            pass

    def _replay(self, terminal: Terminal, row: dict[str, Any], req: WriteRequest) -> Answer:
        if row["terminal"] != terminal.name or row["request_hash"] != req.fingerprint():
            raise BadRequest("this attempt id was used for a different request", status=409)
        if row["state"] == "unknown":
            self.settle_one(row["attempt_id"])
            with self.db.tx() as conn:
                again = conn.execute("SELECT * FROM attempts WHERE attempt_id = %s", (row["attempt_id"],)).fetchone()
            assert again is not None
            row = again
        if row["state"] != "final":
            return 504, NO_ANSWER
        answer: dict[str, Any] = dict(row["answer"] or NOT_DELIVERED)
        return (503 if answer.get("hub_error") == "not_delivered" else 200), answer

    # -- settlement ------------------------------------------------------------------------------
    def attempt(self, attempt_id: str) -> dict[str, Any] | None:
        """What became of an attempt (settling it first when its answer was lost)."""
        with self.db.tx() as conn:
            row = conn.execute("SELECT state FROM attempts WHERE attempt_id = %s", (attempt_id,)).fetchone()
        if row is None:
            return None
        if row["state"] != "final":
            self.settle_one(attempt_id)
        with self.db.tx() as conn:
            full = conn.execute(
                "SELECT a.*, s.name AS store_name FROM attempts a LEFT JOIN stores s USING (store_id)"
                " WHERE attempt_id = %s",
                (attempt_id,),
            ).fetchone()
        assert full is not None
        return {
            "attempt_id": full["attempt_id"],
            "terminal": full["terminal"],
            "store_id": full["store_id"],
            "store_name": full["store_name"] or "",
            "action": full["action"],
            "code": full["code"],
            "card_id": full["card_id"],
            "outcome": str(_outcome_of(full)),
            "errcode": full["errcode"],
            "sent_at": full["sent_at"].timestamp() if full["sent_at"] else None,
            "settled_at": full["settled_at"].timestamp() if full["settled_at"] else None,
        }

    def known_attempts(self, conn: Conn, code: str, *, besides: str = "") -> list[KnownAttempt]:
        """Every attempt the chain made on ``code``: the "others" of a settlement."""
        rows = conn.execute(
            "SELECT attempt_id, action, state, outcome, sent_at FROM attempts WHERE code = %s AND attempt_id <> %s",
            (code, besides),
        ).fetchall()
        return [known_attempt(r) for r in rows]

    def settle_one(self, attempt_id: str) -> Outcome:
        """Re-read the code of an unsettled attempt and settle it when the answer is certain."""
        with self.db.tx() as conn:
            row = conn.execute("SELECT * FROM attempts WHERE attempt_id = %s", (attempt_id,)).fetchone()
            if row is None or row["state"] == "final":
                return _outcome_of(row) if row else Outcome.PENDING
            others = self.known_attempts(conn, row["code"], besides=attempt_id)
        body: dict[str, Any] = {"code": row["code"], "check_consume": False}
        if row["card_id"]:
            body["card_id"] = row["card_id"]
        try:
            data = self._call("/card/code/get", body)
        except (NoAnswerError, ApiError, DatabaseDown):
            return Outcome.PENDING
        errcode = data.get("errcode", 0)
        reread: UnknownCode | CodeInfo
        if errcode in (40056, 40073, 40075):
            reread = UnknownCode(int(errcode))  # the code does not exist: nothing happened to it
        elif errcode:
            return Outcome.PENDING  # quota, busy...: no news of the code
        else:
            try:
                reread = parse_code_info(row["code"], row["card_id"], data)
            except MalformedAnswerError:
                return Outcome.PENDING
        outcome = settle(known_attempt(row), reread, others, self._clock())
        if outcome is Outcome.PENDING:
            return outcome
        if isinstance(reread, UnknownCode):
            answer: dict[str, Any] = {"errcode": reread.errcode, "errmsg": str(data.get("errmsg", ""))}
        else:
            answer = _settled_answer(outcome, reread.status, row["card_id"])
        with self.db.tx() as conn:
            conn.execute(
                "UPDATE attempts SET state = 'final', outcome = %s, answer = %s, errcode = %s, settled_at = now(),"
                " note = 'settled by re-reading the code' WHERE attempt_id = %s AND state <> 'final'",
                (str(outcome), json.dumps(answer), answer.get("errcode") or None, attempt_id),
            )
        return outcome

    def settle_due(self, limit: int = 100) -> int:
        """Settle what can be settled (the settler thread calls this every few seconds)."""
        with self.db.tx() as conn:
            rows = conn.execute(
                "SELECT attempt_id FROM attempts WHERE state <> 'final' AND sent_at < now() - interval '2 seconds'"
                " ORDER BY sent_at LIMIT %s",
                (limit,),
            ).fetchall()
        settled = 0
        for r in rows:
            if self.settle_one(r["attempt_id"]) is not Outcome.PENDING:
                settled += 1
        return settled


def _settled_answer(outcome: Outcome, status: CodeStatus | None, card_id: str | None) -> dict[str, Any]:
    if outcome in (Outcome.REDEEMED, Outcome.INVALIDATED):
        answer: dict[str, Any] = {"errcode": 0, "errmsg": "ok", "hub_settled": True}
        if outcome is Outcome.REDEEMED and card_id:
            answer["card"] = {"card_id": card_id}
        return answer
    if outcome is Outcome.REFUSED:
        errcode = 40099 if status is CodeStatus.CONSUMED else 40127
        return {"errcode": errcode, "errmsg": "hub: the code had already changed", "hub_settled": True}
    return dict(NOT_DELIVERED)


def changed_where(conn: Conn, code: str) -> dict[str, Any] | None:
    """Where and by whom ``code`` was redeemed or made unavailable in the chain, if the hub knows."""
    row = conn.execute(
        """SELECT a.attempt_id, a.action, a.terminal, a.store_id, s.name AS store_name, a.settled_at AS at,
                  (SELECT j.cashier FROM journal_rows j WHERE j.attempt_id = a.attempt_id LIMIT 1) AS cashier
           FROM attempts a LEFT JOIN stores s USING (store_id)
           WHERE a.code = %s AND a.state = 'final' AND a.outcome IN ('redeemed', 'invalidated')
           ORDER BY a.settled_at DESC LIMIT 1""",
        (code,),
    ).fetchone()
    if row is None:
        row = conn.execute(
            """SELECT j.attempt_id, j.action, j.terminal, t.store_id, s.name AS store_name, j.ts AS at, j.cashier
               FROM journal_rows j JOIN terminals t ON t.name = j.terminal JOIN stores s ON s.store_id = t.store_id
               WHERE j.code = %s AND j.kind = 'outcome' AND j.settled AND j.outcome IN ('redeemed', 'invalidated')
               ORDER BY j.ts DESC LIMIT 1""",
            (code,),
        ).fetchone()
    if row is None:
        return None
    at: datetime | None = row["at"]
    return {
        "action": row["action"],
        "store_id": row["store_id"],
        "store_name": row["store_name"] or row["store_id"],
        "terminal": row["terminal"],
        "cashier": row["cashier"] or "",
        "at": at.astimezone(UTC).timestamp() if at else None,
    }
