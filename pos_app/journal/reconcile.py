"""Settle pending attempts (a crash, a kill, a lost answer) from the service's own record of each code.

``read_code(code, card_id)`` is ``client.get_code(code, card_id, check_consume=False)``.  For a redeem
attempt, CONSUMED means our consume went through (``redeemed``); for an invalidate attempt, UNAVAILABLE
means it went through (``invalidated``).  Otherwise it did not take effect:

- the code is still NORMAL          -> ``error``   (nothing happened; the cashier may try again)
- any other status (e.g. EXPIRE, or CONSUMED for an invalidate)  -> ``refused`` (it can no longer happen)
- the service says the code is not valid (40056/40073/40075)     -> ``refused`` with that errcode

These are the same outcomes the workflow gives when it re-reads a code after a lost answer.  When there
is no answer (network, server, quota, settings) the attempt stays pending and reconciliation stops: the
next start or reconnect tries again.  An attempt younger than a minute whose process is still waiting
for its answer (this one, or another live process on this machine) is left alone.  Every row it
writes carries a ``reconciled`` note.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from pos_app.codes import mask
from pos_app.errors import ApiError, NoAnswerError, message_for_errcode
from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.i18n import translate
from pos_app.journal.journal import Journal, PendingAttempt
from pos_app.models import Action, CodeInfo, CodeStatus, Outcome, Result, Verdict

log = logging.getLogger("journal")
CTX = "journal"

# errcodes that are the service's answer about the code itself (not about us, the network or quota).
CODE_ERRCODES = frozenset({40056, 40073, 40075})

# An attempt whose process is still alive is left alone this long: its own answer may still come
# (the client gives up on a request well before: connect 3 s + read 10 s, plus one re-read).
LIVE_GRACE_SECONDS = 60.0

_VERDICTS = {
    CodeStatus.NORMAL: Verdict.REDEEMABLE,
    CodeStatus.CONSUMED: Verdict.ALREADY_REDEEMED,
    CodeStatus.EXPIRE: Verdict.EXPIRED,
    CodeStatus.GIFTING: Verdict.GIFTED,
    CodeStatus.GIFT_TIMEOUT: Verdict.GIFTED,
    CodeStatus.DELETE: Verdict.DELETED,
    CodeStatus.UNAVAILABLE: Verdict.UNAVAILABLE,
}

MSG_REDEEMED = N_(CTX, "The redemption of {code} ({title}) at {time} went through: the coupon IS redeemed.")
MSG_NOT_REDEEMED = N_(
    CTX, "The redemption of {code} ({title}) at {time} did NOT go through: the coupon was not redeemed."
)
MSG_INVALIDATED = N_(CTX, "Making {code} ({title}) unavailable at {time} went through: it IS unavailable.")
MSG_NOT_INVALIDATED = N_(
    CTX, "Making {code} ({title}) unavailable at {time} did NOT go through: it was not made unavailable."
)
MSG_STATUS = N_(CTX, "WeChat says the coupon is now: {status}.")


@dataclass(frozen=True)
class Resolution:
    """What reconciliation established about one pending attempt, for the cashier."""

    attempt: PendingAttempt
    outcome: Outcome
    status: CodeStatus | None
    errcode: int | None

    @property
    def went_through(self) -> bool:
        return self.outcome in (Outcome.REDEEMED, Outcome.INVALIDATED)

    def text(self, lang: str | None = None) -> str:
        a = self.attempt
        if a.action is Action.REDEEM:
            msg = MSG_REDEEMED if self.went_through else MSG_NOT_REDEEMED
        else:
            msg = MSG_INVALIDATED if self.went_through else MSG_NOT_INVALIDATED
        when = datetime.fromtimestamp(a.time).strftime("%Y-%m-%d %H:%M")
        text = translate(CTX, msg, lang).format(code=mask(a.code), title=a.title or "-", time=when)
        if self.errcode is not None:
            text += " " + translate("messages", message_for_errcode(self.errcode), lang).replace(
                "{errcode}", str(self.errcode)
            )
        elif not self.went_through and self.status is not None and self.status is not CodeStatus.NORMAL:
            text += " " + translate(CTX, MSG_STATUS, lang).format(status=self.status.value)
        return text

    def __str__(self) -> str:
        return self.text()


def reconcile(
    journal: Journal,
    read_code: Callable[[str, str | None], CodeInfo],
    *,
    now: Callable[[], float] = time.time,
) -> list[Resolution]:
    """Settle what can be settled now; return what was resolved (oldest first)."""
    resolved: list[Resolution] = []
    for attempt in journal.pending():
        if _still_running(journal, attempt, now()):
            continue
        try:
            info = read_code(attempt.code, attempt.card_id)
        except NoAnswerError as exc:
            log.info("reconciliation postponed (no answer): %s", exc.detail or exc.message)
            break
        except ApiError as exc:
            if exc.errcode not in CODE_ERRCODES:
                log.info("reconciliation postponed (errcode %s)", exc.errcode)
                break
            resolution = Resolution(attempt, Outcome.REFUSED, None, exc.errcode)
            result = Result(
                action=attempt.action,
                code=attempt.code,
                card_id=attempt.card_id,
                verdict=Verdict.INVALID_CODE,
                outcome=Outcome.REFUSED,
                errcode=exc.errcode,
                message=message_for_errcode(exc.errcode or 0),
                confirmed_by_reread=True,
                reason=attempt.reason,
                attempt_id=attempt.attempt_id,
            )
            note = f"reconciled: errcode {exc.errcode}"
        else:
            outcome = _outcome(attempt.action, info.status)
            resolution = Resolution(attempt, outcome, info.status, None)
            result = Result(
                action=attempt.action,
                code=attempt.code,
                card_id=info.card_id or attempt.card_id,
                verdict=_VERDICTS.get(info.status, Verdict.ERROR) if info.status else Verdict.ERROR,
                outcome=outcome,
                info=info,
                confirmed_by_reread=True,
                reason=attempt.reason,
                attempt_id=attempt.attempt_id,
            )
            note = f"reconciled: code status {info.status.value if info.status else 'unknown'}"
        if journal.settle(attempt.attempt_id, result, note=note):
            log.info("reconciled attempt %s: %s", attempt.attempt_id, resolution.outcome)
            resolved.append(resolution)
    return resolved


def _outcome(action: Action, status: CodeStatus | None) -> Outcome:
    wanted = CodeStatus.CONSUMED if action is Action.REDEEM else CodeStatus.UNAVAILABLE
    if status is wanted:
        return Outcome.REDEEMED if action is Action.REDEEM else Outcome.INVALIDATED
    if status is CodeStatus.NORMAL:
        return Outcome.ERROR
    return Outcome.REFUSED


def _still_running(journal: Journal, attempt: PendingAttempt, now: float) -> bool:
    """Is the attempt's own process still waiting for its answer?  Then it is not ours to settle yet.

    Only for LIVE_GRACE_SECONDS: a request cannot be in flight longer (the client's timeouts), so an
    older attempt whose process is alive was given up on (e.g. the re-read after a lost answer failed
    and the window went on) and must be settled here.
    """
    if now - attempt.time >= LIVE_GRACE_SECONDS:
        return False
    if journal.in_flight(attempt.attempt_id):
        return True
    host, _, pid_text = attempt.owner.rpartition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False  # written elsewhere (a copied file): settle it
    pid = int(pid_text)
    if pid == os.getpid():
        return False  # this process, but not in flight: the workflow finished with it
    return _alive(pid)


def _alive(pid: int) -> bool:
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)  # signal 0: existence check only (POSIX)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
