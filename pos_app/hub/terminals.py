"""Stores, terminals, enrolment codes, credentials and the counters' session tokens.

A terminal is enrolled by head office (a one-time code, 24 h), connects once with that code and receives
its credential, which the counter keeps in its OS keyring.  The counter's unchanged client presents
(terminal name, credential) where it used to present (AppID, AppSecret) to ``/cgi-bin/stable_token`` and
gets a hub session token — never WeChat's.  The hub stores only SHA-256 hashes of codes, credentials and
session tokens.  Every request checks the terminal is not revoked: revoking locks it out at once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pos_app.hub.db import Conn
from pos_app.journal.chain import GENESIS

ENROL_LIFETIME = timedelta(hours=24)
SESSION_LIFETIME = 7200  # seconds, like WeChat's tokens: the client renews it the same way
WRONG_CREDENTIAL = "unknown or revoked terminal, or wrong credential"
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Terminal:
    name: str
    store_id: str
    store_name: str
    journal_identity: str | None


class TerminalError(Exception):
    """Refused: unknown, revoked, wrong credential, expired code.  ``reason`` is English, for the caller."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def ensure_store(conn: Conn, store_id: str, name: str = "") -> None:
    conn.execute(
        "INSERT INTO stores (store_id, name) VALUES (%s, %s) ON CONFLICT (store_id) DO UPDATE"
        " SET name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE stores.name END",
        (store_id, name),
    )


def set_store_cards(conn: Conn, store_id: str, card_ids: list[str] | None) -> None:
    """Restrict ``store_id`` to ``card_ids``; ``None`` lifts the restriction (every card_id allowed)."""
    ensure_store(conn, store_id)
    conn.execute("DELETE FROM store_cards WHERE store_id = %s", (store_id,))
    conn.execute("UPDATE stores SET restricted = %s WHERE store_id = %s", (card_ids is not None, store_id))
    for card_id in card_ids or ():
        conn.execute("INSERT INTO store_cards (store_id, card_id) VALUES (%s, %s)", (store_id, card_id))


def store_allows(conn: Conn, store_id: str, card_id: str | None) -> bool:
    row = conn.execute(
        "SELECT s.restricted, EXISTS (SELECT 1 FROM store_cards c WHERE c.store_id = s.store_id"
        " AND c.card_id = %s) AS listed FROM stores s WHERE s.store_id = %s",
        (card_id or "", store_id),
    ).fetchone()
    if row is None:
        return False
    return not row["restricted"] or bool(row["listed"])


def new_enrol_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _normal_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def enroll(conn: Conn, store_id: str, name: str, *, now: datetime | None = None) -> str:
    """A one-time code for terminal ``name`` of ``store_id`` (re-enrolling replaces its credential)."""
    now = now or datetime.now(UTC)
    code = new_enrol_code()
    ensure_store(conn, store_id)
    conn.execute(
        """INSERT INTO terminals (name, store_id, enrol_hash, enrol_expires) VALUES (%s, %s, %s, %s)
           ON CONFLICT (name) DO UPDATE SET store_id = excluded.store_id, enrol_hash = excluded.enrol_hash,
             enrol_expires = excluded.enrol_expires, credential_hash = NULL, revoked_at = NULL,
             revoke_reason = ''""",
        (name, store_id, digest(_normal_code(code)), now + ENROL_LIFETIME),
    )
    conn.execute("DELETE FROM sessions WHERE terminal = %s", (name,))
    _set_aside_journal(conn, name, now)
    conn.execute("INSERT INTO events (kind, terminal, detail) VALUES ('enrolled', %s, %s)", (name, store_id))
    return code


def _set_aside_journal(conn: Conn, name: str, now: datetime) -> None:
    """Enrolling again a counter whose journal went backwards or differs from the hub's copy: the rows the
    hub holds of it move, all of them, to an archive terminal ``NAME~YYYYMMDD-HHMMSS`` (kept and shown:
    operations the counter may no longer have), and the counter ships its journal afresh.  The figures
    count an operation once whichever copy holds it (see ``pos_app.hub.reports``)."""
    found = conn.execute(
        "UPDATE journal_alerts SET resolved_at = now() WHERE terminal = %s AND resolved_at IS NULL RETURNING id",
        (name,),
    ).fetchall()
    if not found:
        return
    archive = f"{name}~{now:%Y%m%d-%H%M%S}"
    conn.execute(
        """INSERT INTO terminals (name, store_id, revoked_at, revoke_reason, archive_of, journal_identity, acked_seq,
               acked_hash, seen_seq, seen_hash)
           SELECT %s, store_id, now(), 'journal set aside when enrolled again', name, journal_identity, acked_seq,
               acked_hash, seen_seq, seen_hash FROM terminals WHERE name = %s""",
        (archive, name),
    )
    conn.execute("UPDATE journal_rows SET terminal = %s WHERE terminal = %s", (archive, name))
    conn.execute(
        "UPDATE terminals SET journal_identity = NULL, acked_seq = 0, acked_hash = %s, seen_seq = 0, seen_hash = NULL"
        " WHERE name = %s",
        (GENESIS, name),
    )
    conn.execute("INSERT INTO events (kind, terminal, detail) VALUES ('journal_set_aside', %s, %s)", (name, archive))


def connect(conn: Conn, code: str, journal_identity: str | None) -> tuple[Terminal, str]:
    """Exchange a one-time code for the terminal and its new credential (shown once, never stored)."""
    row = conn.execute(
        "SELECT t.*, s.name AS store_name FROM terminals t JOIN stores s USING (store_id)"
        " WHERE enrol_hash = %s FOR UPDATE OF t",
        (digest(_normal_code(code)),),
    ).fetchone()
    if row is None or row["enrol_expires"] < datetime.now(UTC):
        raise TerminalError("unknown or expired enrolment code")
    credential = secrets.token_urlsafe(32)
    conn.execute(
        "UPDATE terminals SET enrol_hash = NULL, enrol_expires = NULL, credential_hash = %s,"
        " journal_identity = coalesce(journal_identity, %s), last_seen = now() WHERE name = %s",
        (digest(credential), journal_identity or None, row["name"]),
    )
    conn.execute("INSERT INTO events (kind, terminal) VALUES ('connected', %s)", (row["name"],))
    terminal = Terminal(row["name"], row["store_id"], row["store_name"], row["journal_identity"] or journal_identity)
    return terminal, credential


def revoke(conn: Conn, name: str, reason: str = "revoked") -> bool:
    found = conn.execute(
        "UPDATE terminals SET revoked_at = now(), revoke_reason = %s, credential_hash = NULL, enrol_hash = NULL"
        " WHERE name = %s RETURNING name",
        (reason, name),
    ).fetchone()
    conn.execute("DELETE FROM sessions WHERE terminal = %s", (name,))
    if found:
        conn.execute("INSERT INTO events (kind, terminal, detail) VALUES ('revoked', %s, %s)", (name, reason))
    return found is not None


def _terminal(row: dict[str, object]) -> Terminal:
    return Terminal(
        str(row["name"]),
        str(row["store_id"]),
        str(row["store_name"] or ""),
        row["journal_identity"],  # type: ignore[arg-type]
    )


def check_credential(conn: Conn, name: str, credential: str) -> Terminal:
    row = conn.execute(
        "SELECT t.*, s.name AS store_name FROM terminals t JOIN stores s USING (store_id) WHERE t.name = %s",
        (name,),
    ).fetchone()
    # One answer whatever was wrong: a caller learns nothing about which names exist.
    held = str(row["credential_hash"] or "") if row is not None and row["revoked_at"] is None else ""
    if not hmac.compare_digest(held or "-", digest(credential)):
        raise TerminalError(WRONG_CREDENTIAL)
    assert row is not None
    return _terminal(row)


def open_session(conn: Conn, terminal: Terminal) -> str:
    token = "hub_" + secrets.token_urlsafe(48)
    conn.execute(
        "INSERT INTO sessions (token_hash, terminal, expires_at) VALUES (%s, %s, now() + make_interval(secs => %s))",
        (digest(token), terminal.name, SESSION_LIFETIME),
    )
    conn.execute("DELETE FROM sessions WHERE terminal = %s AND expires_at < now()", (terminal.name,))
    conn.execute("UPDATE terminals SET last_seen = now() WHERE name = %s", (terminal.name,))
    return token


def session_terminal(conn: Conn, token: str) -> Terminal | None:
    """The terminal a live session token belongs to; None when unknown, expired or revoked."""
    row = conn.execute(
        """SELECT t.*, s.name AS store_name FROM sessions x JOIN terminals t ON t.name = x.terminal
           JOIN stores s ON s.store_id = t.store_id
           WHERE x.token_hash = %s AND x.expires_at > now() AND t.revoked_at IS NULL""",
        (digest(token),),
    ).fetchone()
    return _terminal(row) if row else None
