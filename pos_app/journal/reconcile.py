"""Settle pending attempts (a crash, a kill, a lost answer) from the service's own record of each code.

``read_code(code, card_id)`` is ``client.get_code(code, card_id, check_consume=False)``.  Every pending
attempt is settled by ``pos_app.settle.settle`` — the rule the workflow's own re-read uses — with every
other attempt on the same code this journal knows as ``others``:

- went through (CONSUMED / UNAVAILABLE and no other attempt that could have done it) -> ``redeemed`` /
  ``invalidated``; possibly another attempt's doing -> ``consumed_elsewhere``;
- another attempt on the code succeeded, or the code is still NORMAL after the request's deadline
  (``pos_app.limits.settle_after``) -> not done (``error`` while the code is usable, else ``refused``);
- the code does not exist (40056/40073/40075) -> ``refused``, as the workflow says;
- the code is NORMAL while the request could still arrive, or the service gives no answer -> the
  attempt stays pending, and :class:`Reconciliation` says so (the CLI prints it on stderr, the window
  shows a banner) — never only a log line.

Every row it writes carries a ``reconciled`` note.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from pos_app import settle
from pos_app.codes import mask
from pos_app.errors import message_for_errcode
from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.i18n import translate
from pos_app.journal.journal import Journal, PendingAttempt
from pos_app.limits import settle_after
from pos_app.models import Action, CodeInfo, CodeStatus, Outcome, Result, Verdict
from pos_app.settle import KnownAttempt, Settlement, UnknownCode
from pos_app.workflow import reread, settled_result

log = logging.getLogger("journal")
CTX = "journal"

MSG_REDEEMED = N_(CTX, "The redemption of {code} ({title}) at {time} went through: the coupon IS redeemed.")
MSG_NOT_REDEEMED = N_(
    CTX, "The redemption of {code} ({title}) at {time} did NOT go through: the coupon was not redeemed."
)
MSG_INVALIDATED = N_(CTX, "Making {code} ({title}) unavailable at {time} went through: it IS unavailable.")
MSG_NOT_INVALIDATED = N_(
    CTX, "Making {code} ({title}) unavailable at {time} did NOT go through: it was not made unavailable."
)
MSG_STATUS = N_(CTX, "WeChat says the coupon is now: {status}.")
MSG_ELSEWHERE = N_(
    CTX,
    "{code} ({title}) at {time}: the coupon is consumed — possibly at another counter. "
    "Do not give the discount until a manager has checked which operation redeemed it.",
)
MSG_WAITING = N_(
    CTX,
    "{count} earlier operation(s) are not settled yet: a request may still reach WeChat until {time}. "
    "They are checked again later.",
)
MSG_UNANSWERED = N_(
    CTX,
    "{count} earlier operation(s) could not be settled: WeChat did not answer. Do not redeem those coupons "
    "another way; they are checked again at the next start or command.",
)


@dataclass(frozen=True)
class Resolution:
    """What reconciliation established about one pending attempt, for the cashier."""

    attempt: PendingAttempt
    outcome: Outcome
    status: CodeStatus | None
    errcode: int | None
    settlement: Settlement = Settlement.NOT_DONE

    @property
    def went_through(self) -> bool:
        return self.outcome in (Outcome.REDEEMED, Outcome.INVALIDATED)

    def text(self, lang: str | None = None) -> str:
        a = self.attempt
        when = datetime.fromtimestamp(a.time).strftime("%Y-%m-%d %H:%M")
        if self.outcome is Outcome.CONSUMED_ELSEWHERE:
            return translate(CTX, MSG_ELSEWHERE, lang).format(code=mask(a.code), title=a.title or "-", time=when)
        if a.action is Action.REDEEM:
            msg = MSG_REDEEMED if self.went_through else MSG_NOT_REDEEMED
        else:
            msg = MSG_INVALIDATED if self.went_through else MSG_NOT_INVALIDATED
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


@dataclass
class Reconciliation:
    """Everything one pass established: what was settled, and what could not be (and why)."""

    resolved: list[Resolution] = field(default_factory=list)
    waiting: list[PendingAttempt] = field(default_factory=list)  # its request may still arrive
    unanswered: list[PendingAttempt] = field(default_factory=list)  # the service gave no answer

    @property
    def complete(self) -> bool:
        return not self.waiting and not self.unanswered

    def notices(self, lang: str | None = None) -> list[str]:
        """What the cashier must be told about the attempts left pending (empty when none)."""
        out: list[str] = []
        if self.waiting:
            until = max(settle_after(a.time) for a in self.waiting)
            out.append(
                translate(CTX, MSG_WAITING, lang).format(
                    count=len(self.waiting), time=datetime.fromtimestamp(until).strftime("%H:%M:%S")
                )
            )
        if self.unanswered:
            out.append(translate(CTX, MSG_UNANSWERED, lang).format(count=len(self.unanswered)))
        return out


def pending_result(attempt: PendingAttempt) -> Result:
    """A journal's pending attempt as the Result ``settled_result`` settles (here and from the hub)."""
    return Result(
        attempt.action,
        attempt.code,
        attempt.card_id,
        Verdict.ERROR,
        Outcome.PENDING,
        reason=attempt.reason,
        attempt_id=attempt.attempt_id,
    )


def reconcile(
    journal: Journal,
    read_code: Callable[[str, str | None], CodeInfo],
    *,
    now: Callable[[], float] = time.time,
) -> list[Resolution]:
    """Settle what can be settled now; return what was resolved (oldest first)."""
    return reconcile_all(journal, read_code, now=now).resolved


def reconcile_all(
    journal: Journal,
    read_code: Callable[[str, str | None], CodeInfo],
    *,
    now: Callable[[], float] = time.time,
    budget_s: float | None = None,
    known_elsewhere: Callable[[str], Sequence[KnownAttempt]] | None = None,
) -> Reconciliation:
    """Settle every pending attempt that can be settled now; say which could not, and why.

    ``budget_s`` bounds the time spent asking (read-only commands use a few seconds); once it is used
    up, or once the service gives no answer, the remaining attempts are reported as unanswered.
    ``known_elsewhere(code)`` adds attempts known outside this journal (the hub's registry).
    """
    report = Reconciliation()
    started = time.monotonic()
    answers: dict[str, settle.Reread] = {}
    silent = False
    for attempt in journal.pending():
        if journal.in_flight(attempt.attempt_id) and now() < settle_after(attempt.time):
            report.waiting.append(attempt)  # this process is still waiting for its own answer
            continue
        known = journal.attempts_on(attempt.code)
        if known_elsewhere is not None:
            ids = {k.attempt_id for k in known}
            known += [k for k in known_elsewhere(attempt.code) if k.attempt_id not in ids]
        others = [k for k in known if k.attempt_id != attempt.attempt_id]
        this = KnownAttempt(attempt.attempt_id, attempt.action, attempt.time)
        if settle.settle(this, None, others, now()) is Settlement.NOT_DONE:
            answers.setdefault(attempt.code, None)  # another attempt on the code succeeded: no need to ask
        elif attempt.code not in answers:
            if silent or (budget_s is not None and time.monotonic() - started > budget_s):
                report.unanswered.append(attempt)
                continue
            answers[attempt.code] = reread(read_code, attempt.code, attempt.card_id)
        answer = answers[attempt.code]
        outcome = settle.settle(this, answer, others, now())
        if outcome is Settlement.STILL_PENDING:
            if answer is None:
                silent = True
                log.info("reconciliation postponed: no answer about a code")
                report.unanswered.append(attempt)
            else:
                report.waiting.append(attempt)
            continue
        result = settled_result(pending_result(attempt), outcome, answer, now())
        if isinstance(answer, UnknownCode):
            note = f"reconciled: errcode {answer.errcode}"
            status, errcode = None, answer.errcode
        else:
            status = answer.status if answer is not None else None
            note = f"reconciled: {outcome.value}, code status {status.value if status else 'unknown'}"
            errcode = None
        if journal.settle(attempt.attempt_id, result, note=note):
            log.info("reconciled attempt %s: %s", attempt.attempt_id, result.outcome)
            report.resolved.append(Resolution(attempt, result.outcome, status, errcode, outcome))
    return report
