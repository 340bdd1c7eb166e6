"""The manager PIN: a salted scrypt hash in the config (never the PIN), and a lockout that survives restarts.

Five wrong tries lock the PIN for five minutes.  The count and the lock end are written to the config
file on every change (``Config.pin_lock``), so quitting and restarting the app does not reset them.
A clock set back cannot stretch the lock: it never ends later than five minutes from "now".
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from pos_app.config import Config
from pos_app.i18n import QT_TRANSLATE_NOOP as N_

CTX = "messages"
MAX_TRIES = 5
LOCK_SECONDS = 5 * 60
MIN_LENGTH, MAX_LENGTH = 4, 8
# scrypt cost: about 16 MiB and a few tens of ms per check - cheap for a person, slow for guessing.
_N, _R, _P, _DKLEN = 2**14, 8, 1, 32

MSG_WRONG = N_(CTX, "Wrong PIN. Tries left before a 5-minute lock: {tries}.")
MSG_LOCKED = N_(CTX, "Too many wrong PINs. Try again in {minutes}:{seconds}.")
MSG_BAD_FORMAT = N_(CTX, "The PIN must be 4 to 8 digits.")
MSG_MISMATCH = N_(CTX, "The two PINs are not the same.")


class PinError(ValueError):
    """A new PIN that cannot be used; ``message`` is a translatable source text."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def validate_new_pin(pin: str, repeat: str | None = None) -> None:
    if not (MIN_LENGTH <= len(pin) <= MAX_LENGTH) or not pin.isascii() or not pin.isdigit():
        raise PinError(MSG_BAD_FORMAT)
    if repeat is not None and not hmac.compare_digest(pin, repeat):
        raise PinError(MSG_MISMATCH)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """``scrypt$n$r$p$salt$hash`` (base64): parameters travel with the hash so they can change later."""
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=_DKLEN)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            pin.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=128 * 1024 * 1024,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


class PinState(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    NOT_SET = "not_set"


@dataclass(frozen=True)
class PinCheck:
    state: PinState
    tries_left: int = MAX_TRIES
    seconds_left: int = 0

    @property
    def ok(self) -> bool:
        return self.state in (PinState.OK, PinState.NOT_SET)

    def message(self) -> tuple[str, dict[str, str]]:
        """(translatable source, format arguments) for the cashier; ("", {}) when nothing to say."""
        if self.state is PinState.WRONG:
            return MSG_WRONG, {"tries": str(self.tries_left)}
        if self.state is PinState.LOCKED:
            minutes, seconds = divmod(self.seconds_left, 60)
            return MSG_LOCKED, {"minutes": str(minutes), "seconds": f"{seconds:02d}"}
        return "", {}


class PinGuard:
    """Checks the manager PIN against ``config`` and keeps the lockout in it (saved on every change)."""

    def __init__(
        self,
        config: Config,
        *,
        clock: Callable[[], float] = time.time,
        save: Callable[[], None] | None = None,
    ) -> None:
        self.config = config
        self._clock = clock
        self._save = save or config.save

    def is_set(self) -> bool:
        return bool(self.config.manager_pin_hash)

    def _failures(self) -> int:
        try:
            return max(0, int(self.config.pin_lock.get("failures", 0)))
        except (TypeError, ValueError):
            return 0

    def _locked_until(self) -> float:
        try:
            return float(self.config.pin_lock.get("locked_until", 0) or 0)
        except (TypeError, ValueError):
            return 0.0

    def _store(self, failures: int, locked_until: float) -> None:
        self.config.pin_lock = {"failures": failures, "locked_until": locked_until} if failures or locked_until else {}
        self._save()

    def seconds_locked(self) -> int:
        """Seconds until the lock ends (0 = not locked)."""
        now = self._clock()
        until = self._locked_until()
        if until <= now:
            return 0
        if until > now + LOCK_SECONDS:  # the clock went back: never lock longer than LOCK_SECONDS
            until = now + LOCK_SECONDS
            self._store(self._failures(), until)
        return max(1, int(until - now + 0.999))

    def check(self, pin: str) -> PinCheck:
        if not self.is_set():
            return PinCheck(PinState.NOT_SET)
        left = self.seconds_locked()
        if left:
            return PinCheck(PinState.LOCKED, 0, left)
        if self._locked_until():  # a lock that has run out starts a fresh count
            self._store(0, 0)
        if verify_pin(pin, self.config.manager_pin_hash or ""):
            if self._failures():
                self._store(0, 0)
            return PinCheck(PinState.OK)
        failures = self._failures() + 1
        if failures >= MAX_TRIES:
            self._store(failures, self._clock() + LOCK_SECONDS)
            return PinCheck(PinState.LOCKED, 0, LOCK_SECONDS)
        self._store(failures, 0)
        return PinCheck(PinState.WRONG, MAX_TRIES - failures)

    def set_pin(self, new_pin: str, repeat: str | None = None) -> None:
        """Store a new PIN (raise PinError when it is not 4-8 digits or the repeat differs)."""
        validate_new_pin(new_pin, repeat)
        self.config.manager_pin_hash = hash_pin(new_pin)
        self.config.pin_lock = {}
        self._save()
