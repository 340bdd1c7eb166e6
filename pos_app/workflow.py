"""The redemption workflow, shared by the window and the command line.

    ready -> looking up -> details -> redeeming -> done
                                         |-> confirming (answer lost: re-read) -> done | pending

Money and state are never guessed: an operation is written to the journal as pending before it is sent;
when its answer is lost the code is re-read (check_consume false) and ``pos_app.settle.settle`` — the
same rule journal reconciliation uses — says what the service really did; a consume is never sent twice
on its own.  A redeem of a code with an earlier unresolved attempt settles that attempt first, or is
refused with the reason.  When the journal cannot record an outcome the service gave, the outcome is
still the truth: ``RecordNotWrittenError`` carries it to the front end.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Protocol

from pos_app import card_kinds, codes, limits, settle
from pos_app.client import WeChatClient, parse_chain_change
from pos_app.errors import (
    MSG_NO_ANSWER,
    MSG_NOT_DELIVERED,
    MSG_NOT_DELIVERED_REDEEM,
    AmbiguousError,
    ApiError,
    InputError,
    NoAnswerError,
    NotDeliveredError,
    PosAppError,
    message_for_errcode,
)
from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.models import (
    Action,
    CardInfo,
    CodeInfo,
    CodeStatus,
    OperationContext,
    Outcome,
    Result,
    Verdict,
)
from pos_app.settle import AttemptState, KnownAttempt, Settlement, UnknownCode

log = logging.getLogger("pos_app.workflow")
CTX = "messages"

VERDICT_MESSAGES: dict[Verdict, str] = {
    Verdict.REDEEMABLE: N_(CTX, "This coupon can be redeemed."),
    Verdict.ALREADY_REDEEMED: N_(CTX, "This coupon has already been redeemed."),
    Verdict.EXPIRED: N_(CTX, "This coupon has expired."),
    Verdict.NOT_YET_VALID: N_(CTX, "This coupon is not valid yet."),
    Verdict.GIFTED: N_(CTX, "This coupon has been given away as a gift and cannot be used by this customer."),
    Verdict.DELETED: N_(CTX, "The customer has deleted this coupon."),
    Verdict.UNAVAILABLE: N_(CTX, "This coupon has been made unavailable."),
    Verdict.INVALID_CODE: N_(CTX, "Not a valid code for this merchant. Check the code and scan again."),
    Verdict.MEMBER_CARD: card_kinds.MSG_MEMBER_CARD,
    Verdict.UNKNOWN_CARD_TYPE: card_kinds.MSG_UNKNOWN_TYPE,
    Verdict.STORE_NOT_ALLOWED: N_(CTX, "This store may not redeem this coupon (chain rule)."),
}
MSG_REDEEMED = N_(CTX, "Redeemed.")
MSG_INVALIDATED = N_(CTX, "The coupon is now unavailable.")
MSG_NOT_REDEEMED_AFTER_LOSS = N_(
    CTX, "The answer from WeChat was lost, and the coupon is still unused: it was NOT redeemed. You may try again."
)
MSG_NOT_INVALIDATED_AFTER_LOSS = N_(
    CTX, "The answer from WeChat was lost, and the coupon is still usable: it was NOT made unavailable."
)
MSG_CONFIRMING = N_(CTX, "Confirming with WeChat… The answer was lost; the coupon's state is being checked again.")
MSG_REASON_REQUIRED = N_(CTX, "A reason is required.")
MSG_REASON_TOO_LONG = N_(CTX, "The reason may have at most 64 characters.")
MSG_NOT_LOOKED_UP = N_(CTX, "Look the coupon up first.")
MSG_CONSUMED_ELSEWHERE = N_(
    CTX,
    "Consumed — possibly at another counter: do not give the discount until checked. "
    "Another operation on this coupon is not settled; a manager must check which one redeemed it.",
)
MSG_EARLIER_PENDING = N_(
    CTX,
    "An earlier operation on this coupon is not settled yet: its request may still reach WeChat. "
    "Nothing was sent now. Try again in a minute (pos-app journal pending shows it).",
)
MSG_NOT_DONE_DONE_ELSEWHERE = N_(
    CTX, "The answer from WeChat was lost; another operation redeemed this coupon: this one did NOT go through."
)
MSG_NOT_DONE_AFTER_LOSS = N_(CTX, "The answer from WeChat was lost; this operation did NOT go through.")

STATUS_VERDICTS: dict[CodeStatus, Verdict] = {
    CodeStatus.CONSUMED: Verdict.ALREADY_REDEEMED,
    CodeStatus.EXPIRE: Verdict.EXPIRED,
    CodeStatus.GIFTING: Verdict.GIFTED,
    CodeStatus.GIFT_TIMEOUT: Verdict.GIFTED,
    CodeStatus.DELETE: Verdict.DELETED,
    CodeStatus.UNAVAILABLE: Verdict.UNAVAILABLE,
}
CODE_ERRCODES = {40056: Verdict.INVALID_CODE, 40075: Verdict.INVALID_CODE, 40073: Verdict.INVALID_CODE}


class JournalLike(Protocol):
    def record_lookup(self, result: Result, ctx: OperationContext) -> None: ...
    def begin(self, action: Action, code: str, card_id: str | None, ctx: OperationContext, reason: str = "") -> str: ...
    def complete(self, attempt_id: str, result: Result, *, note: str = "", definite: bool | None = None) -> None: ...
    def settle(self, attempt_id: str, result: Result, *, note: str) -> bool: ...
    def release(self, attempt_id: str) -> None: ...
    def attempts_on(self, code: str) -> list[KnownAttempt]: ...


class RecordNotWrittenError(Exception):
    """The service's outcome is known (``result``) but the journal could not record it (``cause``).

    The front end shows the real outcome ("Redeemed — but the record could not be written: …") and
    exits as the service's outcome says; the attempt's pending row lets the next start record it.
    """

    def __init__(self, result: Result, cause: BaseException) -> None:
        super().__init__(f"{result.outcome}: the journal could not record it ({cause})")
        self.result = result
        self.cause = cause


# What a journal write may raise: disk full, read-only folder, the write lock held too long.
RECORD_ERRORS = (OSError, sqlite3.Error)


def verdict_for(info: CodeInfo, now: float, card: CardInfo | None = None) -> Verdict:
    """The cashier's verdict: the card's kind (member cards and unknown types are never redeemable),
    the service's status, and the validity window against the clock."""
    by_kind = card_kinds.kind_verdict(card, info)
    if by_kind is not None:
        return by_kind
    if info.status is not None and info.status is not CodeStatus.NORMAL:
        return STATUS_VERDICTS[info.status]
    if info.begin_time and now < info.begin_time:
        return Verdict.NOT_YET_VALID
    if info.end_time and now > info.end_time:
        return Verdict.EXPIRED
    if info.can_consume is False:
        return Verdict.UNAVAILABLE
    if info.store_allowed is False:  # a chain's hub: this store may not redeem this card
        return Verdict.STORE_NOT_ALLOWED
    return Verdict.REDEEMABLE


def check_reason(reason: str) -> str:
    reason = codes.visible_reason(reason)  # controls out; refused when nothing visible is left
    if not reason:
        raise InputError(MSG_REASON_REQUIRED)
    if len(reason) > codes.MAX_REASON_LENGTH:
        raise InputError(MSG_REASON_TOO_LONG)
    return reason


class Workflow:
    def __init__(
        self,
        client: WeChatClient,
        journal: JournalLike | None = None,
        context: OperationContext | None = None,
        *,
        clock: Callable[[], float] = time.time,
        settle_delay: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
        known_elsewhere: Callable[[str], Sequence[KnownAttempt]] | None = None,
    ) -> None:
        self.client = client
        self.journal = journal
        self.context = context or OperationContext()
        self._clock = clock
        self._sent_at: dict[str, float] = {}  # attempt id -> when it was sent (this process)
        self._settle_delay = settle_delay  # let a slow server finish before we re-read after a lost answer
        self._sleep = sleep
        # Attempts on a code known outside this journal (the hub's registry): settle() weighs them too.
        self._known_elsewhere = known_elsewhere

    # -- lookup --------------------------------------------------------------------------------------

    def lookup(self, raw: str, card_id: str | None = None) -> Result:
        """Ask the service about a scanned/typed code.  Raises InputError for input rejected locally."""
        scanned = codes.parse_scan(raw)
        card_id = codes.normalize_card_id(card_id) or scanned.card_id
        code = scanned.code or ""
        try:
            if scanned.encrypt_code:
                code = self.client.decrypt(scanned.encrypt_code)
            info = self.client.query_code(code, card_id)
        except PosAppError as exc:
            result = self._failed(Action.LOOKUP, code or "", card_id, exc)
        else:
            result = self._describe(Action.LOOKUP, info)
        self._record_lookup(result)
        return result

    def _describe(self, action: Action, info: CodeInfo) -> Result:
        card = self._card(info.card_id)
        verdict = verdict_for(info, self._clock(), card)
        outcome = Outcome.REDEEMABLE if verdict is Verdict.REDEEMABLE else Outcome.NOT_REDEEMABLE
        return Result(
            action=action,
            code=info.code,
            card_id=info.card_id,
            verdict=verdict,
            outcome=outcome,
            info=info,
            card=card,
            message=card_kinds.message_for(verdict, card, VERDICT_MESSAGES[verdict]),
        )

    def _card(self, card_id: str | None) -> CardInfo | None:
        if not card_id:
            return None
        try:
            return self.client.get_card(card_id)
        except PosAppError as exc:  # the verdict stands without the details; say so in the log only
            log.warning("card/get failed for a card: %s", exc.detail or exc.message)
            return None

    def _failed(self, action: Action, code: str, card_id: str | None, exc: PosAppError) -> Result:
        verdict = CODE_ERRCODES.get(exc.errcode or 0, Verdict.ERROR)
        if isinstance(exc, ApiError):
            outcome = Outcome.NOT_REDEEMABLE if verdict is Verdict.INVALID_CODE else Outcome.ERROR
        else:
            outcome = Outcome.ERROR
        message = VERDICT_MESSAGES[verdict] if verdict is Verdict.INVALID_CODE else exc.message
        if isinstance(exc, AmbiguousError):  # a lost answer to a read changed nothing: say so, not "checking again"
            message = MSG_NO_ANSWER
        return Result(action, code, card_id, verdict, outcome, errcode=exc.errcode, message=message)

    def _record_lookup(self, result: Result) -> None:
        if self.journal is not None and result.code:
            self.journal.record_lookup(result, self.context)

    # -- redeem / invalidate ------------------------------------------------------------------------

    def redeem(self, lookup: Result, on_ambiguous: Callable[[], None] | None = None, *, override: str = "") -> Result:
        """Consume the looked-up code once.  Never repeats a consume whose answer was lost.

        ``override`` records, in the journal's reason column, which merchant conditions were
        overridden (the workflow does not judge them: the caller asked the manager).
        """
        if lookup.info is None:
            raise InputError(MSG_NOT_LOOKED_UP)
        verdict = verdict_for(lookup.info, self._clock(), lookup.card)  # the lookup may be minutes old
        if verdict is not Verdict.REDEEMABLE:
            return replace(
                lookup,
                action=Action.REDEEM,
                verdict=verdict,
                outcome=Outcome.REFUSED,
                message=card_kinds.message_for(verdict, lookup.card, VERDICT_MESSAGES[verdict]),
            )
        refused = self._settle_earlier(lookup, Action.REDEEM)
        if refused is not None:
            return refused
        return self._operate(Action.REDEEM, lookup, override, on_ambiguous)

    def invalidate(self, lookup: Result, reason: str, on_ambiguous: Callable[[], None] | None = None) -> Result:
        """Make the code unavailable (irreversible); ``reason`` required, at most 64 characters."""
        reason = check_reason(reason)
        if lookup.info is None:
            raise InputError(MSG_NOT_LOOKED_UP)
        refused = self._settle_earlier(lookup, Action.INVALIDATE)
        if refused is not None:
            return refused
        return self._operate(Action.INVALIDATE, lookup, reason, on_ambiguous)

    def _settle_earlier(self, lookup: Result, action: Action) -> Result | None:
        """Settle unresolved attempts on this code before a new one; a refusal when one stays open.

        Attempts known only elsewhere (the hub) are weighed but recorded by their own journal.
        """
        known = self.known_attempts(lookup.code)
        open_ones = [a for a in known if a.state is AttemptState.UNRESOLVED]
        if not open_ones:
            return None
        own = {a.attempt_id for a in self.journal.attempts_on(lookup.code)} if self.journal is not None else set()
        reread = self._reread(lookup.code, lookup.card_id)
        now = self._clock()
        blocked: Result | None = None
        for attempt in open_ones:
            others = [a for a in known if a.attempt_id != attempt.attempt_id]
            outcome = settle.settle(attempt, reread, others, now)
            if outcome is Settlement.STILL_PENDING:
                blocked = blocked or replace(
                    lookup, action=action, outcome=Outcome.REFUSED, verdict=Verdict.ERROR, message=MSG_EARLIER_PENDING
                )
                continue
            pending = Result(attempt.action, lookup.code, lookup.card_id, Verdict.ERROR, Outcome.PENDING)
            result = self.settled_result(
                replace(pending, attempt_id=attempt.attempt_id, card=lookup.card), outcome, reread
            )
            if self.journal is not None and attempt.attempt_id in own:
                note = f"settled before a new {action.value}: {outcome}"
                self.journal.settle(attempt.attempt_id, result, note=note)
            known = [replace(a, state=settle.state_of(result.outcome)) if a is attempt else a for a in known]
            if outcome in (Settlement.WENT_THROUGH, Settlement.CONSUMED_ELSEWHERE):
                message = VERDICT_MESSAGES.get(result.verdict, MSG_CONSUMED_ELSEWHERE)
                blocked = replace(
                    lookup,
                    action=action,
                    outcome=Outcome.REFUSED,
                    verdict=result.verdict,
                    info=result.info,
                    message=message,
                )
        return blocked

    def _operate(self, action: Action, lookup: Result, reason: str, on_ambiguous: Callable[[], None] | None) -> Result:
        code, card_id = lookup.code, lookup.card_id
        attempt_id = ""
        if self.journal is not None:  # durable before anything is sent: a crash leaves a pending row
            attempt_id = self.journal.begin(action, code, card_id, self.context, reason)
        self._sent_at[attempt_id] = self._clock()
        base = replace(lookup, action=action, reason=reason, attempt_id=attempt_id, errcode=None)
        try:
            if action is Action.REDEEM:
                self.client.consume(code, card_id, attempt_id=attempt_id)
            else:
                self.client.make_unavailable(code, reason, card_id, attempt_id=attempt_id)
        except AmbiguousError as exc:
            log.warning("%s: answer lost (%s); re-reading the code", action, exc.detail)
            if on_ambiguous is not None:
                on_ambiguous()
            self._sleep(self._settle_delay)
            return self.confirm(replace(base, outcome=Outcome.PENDING, message=MSG_CONFIRMING))
        except NotDeliveredError as exc:
            msg = MSG_NOT_DELIVERED_REDEEM if action is Action.REDEEM else MSG_NOT_DELIVERED
            result = replace(base, verdict=Verdict.ERROR, outcome=Outcome.ERROR, errcode=exc.errcode, message=msg)
            self._complete(result, definite=True)  # never reached the service: nothing happened
            return result
        except ApiError as exc:
            result = self._refused(base, exc)
        else:
            done = Outcome.REDEEMED if action is Action.REDEEM else Outcome.INVALIDATED
            status = CodeStatus.CONSUMED if action is Action.REDEEM else CodeStatus.UNAVAILABLE
            info = replace(lookup.info, status=status, can_consume=False) if lookup.info else None
            result = replace(
                base,
                verdict=STATUS_VERDICTS[status],
                outcome=done,
                info=info,
                message=card_kinds.done_message(lookup.card, MSG_REDEEMED)
                if action is Action.REDEEM
                else MSG_INVALIDATED,
            )
        self._complete(result)
        return result

    def _refused(self, base: Result, exc: ApiError) -> Result:
        """The service said no: tell exactly why (re-reading the status for the catch-all 40127)."""
        verdict = {40099: Verdict.ALREADY_REDEEMED, **CODE_ERRCODES}.get(exc.errcode or 0, Verdict.ERROR)
        info = base.info
        if exc.hub.get("hub_error") == "store_rule":  # a chain's hub: not at this store
            verdict = Verdict.STORE_NOT_ALLOWED
            info = replace(info, store_allowed=False) if info is not None else None
        changed = parse_chain_change(exc.hub.get("hub_changed"))
        if changed is not None and info is not None:  # where the chain already changed it
            info = replace(info, chain_change=changed)
        if exc.errcode == 40079 and info is not None:
            verdict = verdict_for(info, self._clock(), base.card)
            verdict = verdict if verdict is not Verdict.REDEEMABLE else Verdict.EXPIRED
        elif exc.errcode == 40127:
            try:
                info = self.client.get_code(base.code, base.card_id, check_consume=False)
                verdict = verdict_for(info, self._clock(), base.card)
            except PosAppError:
                verdict = Verdict.UNAVAILABLE
        message = (
            message_for_errcode(exc.errcode or 0)
            if verdict is Verdict.ERROR
            else VERDICT_MESSAGES.get(verdict, message_for_errcode(exc.errcode or 0))
        )
        return replace(base, verdict=verdict, outcome=Outcome.REFUSED, info=info, errcode=exc.errcode, message=message)

    def confirm(self, pending: Result) -> Result:
        """Settle an operation whose answer was lost by re-reading the code (``pos_app.settle``).

        PENDING while nothing is known yet: no answer, or the code still unchanged while our request
        could still arrive (``limits.settle_after``).  Call again later (the counter model re-reads
        every few seconds; ``settle_deadline`` says when "unchanged" becomes "not done").
        """
        reread = self._reread(pending.code, pending.card_id)
        others = [a for a in self.known_attempts(pending.code) if a.attempt_id != pending.attempt_id]
        attempt = KnownAttempt(pending.attempt_id, pending.action, self.sent_at(pending))
        outcome = settle.settle(attempt, reread, others, self._clock())
        result = self.settled_result(pending, outcome, reread)
        if outcome is Settlement.STILL_PENDING:
            if self.journal is not None and pending.attempt_id:
                self.journal.release(pending.attempt_id)  # reconciliation may settle it too
            return result
        self._complete(result, definite=True)
        return result

    def known_attempts(self, code: str) -> list[KnownAttempt]:
        """Every attempt on ``code`` known here: this journal's, then those known elsewhere (deduplicated)."""
        known = list(self.journal.attempts_on(code)) if self.journal is not None and code else []
        if self._known_elsewhere is not None and code:
            ids = {a.attempt_id for a in known}
            known += [a for a in self._known_elsewhere(code) if a.attempt_id not in ids]
        return known

    def sent_at(self, pending: Result) -> float:
        """When the attempt was sent (conservatively: now, when this process did not send it)."""
        return self._sent_at.get(pending.attempt_id, self._clock())

    def settle_deadline(self, pending: Result) -> float:
        """The time after which an unchanged code means the attempt did not happen (epoch seconds)."""
        return limits.settle_after(self.sent_at(pending))

    def _reread(self, code: str, card_id: str | None) -> settle.Reread:
        return reread(lambda c, k: self.client.get_code(c, k, check_consume=False), code, card_id)

    def settled_result(self, pending: Result, outcome: Settlement, answer: settle.Reread) -> Result:
        return settled_result(pending, outcome, answer, self._clock())

    def _complete(self, result: Result, *, definite: bool | None = None) -> None:
        """Record the outcome; the service's answer stands even when the journal cannot take it."""
        if self.journal is None or not result.attempt_id or result.outcome is Outcome.PENDING:
            return
        try:
            self.journal.complete(result.attempt_id, result, definite=definite)
        except RECORD_ERRORS as exc:
            log.error("the outcome of attempt %s could not be recorded: %s", result.attempt_id, exc)
            raise RecordNotWrittenError(result, exc) from exc


def reread(read_code: Callable[[str, str | None], CodeInfo], code: str, card_id: str | None) -> settle.Reread:
    """The code's real state (``read_code`` = get_code with check_consume false) for ``settle()``:
    the CodeInfo, ``UnknownCode`` when the service says the code does not exist, None for no answer."""
    try:
        return read_code(code, card_id)
    except ApiError as exc:
        if exc.errcode in CODE_ERRCODES:  # the code does not exist: nothing can happen to it
            return UnknownCode(exc.errcode or 0)
        log.info("re-read: errcode %s", exc.errcode)  # quota, permissions...: no news of the code
        return None
    except NoAnswerError as exc:
        log.info("re-read: no answer (%s)", exc.detail or exc.message)
        return None


def settled_result(pending: Result, outcome: Settlement, answer: settle.Reread, now: float) -> Result:
    """The Result of a settlement, as the cashier sees it and the journal records it (the workflow's
    re-read and journal reconciliation both build it here)."""
    base = replace(pending, confirmed_by_reread=True)
    if outcome is Settlement.STILL_PENDING:
        return replace(base, outcome=Outcome.PENDING, verdict=Verdict.ERROR, errcode=None, message=MSG_CONFIRMING)
    if isinstance(answer, UnknownCode):
        message = VERDICT_MESSAGES[Verdict.INVALID_CODE]
        return replace(
            base, verdict=Verdict.INVALID_CODE, outcome=Outcome.REFUSED, errcode=answer.errcode, message=message
        )
    info = answer if answer is not None else pending.info
    status = info.status if info is not None else None
    verdict = verdict_for(info, now, pending.card) if info is not None else Verdict.ERROR
    result = replace(base, info=info, verdict=verdict, outcome=settle.outcome_for(outcome, pending.action, status))
    redeem = pending.action is Action.REDEEM
    if outcome is Settlement.WENT_THROUGH:
        return replace(result, message=MSG_REDEEMED if redeem else MSG_INVALIDATED)
    if outcome is Settlement.CONSUMED_ELSEWHERE:
        return replace(result, message=MSG_CONSUMED_ELSEWHERE)
    if outcome is Settlement.NOT_DONE and status is CodeStatus.NORMAL:
        return replace(result, message=MSG_NOT_REDEEMED_AFTER_LOSS if redeem else MSG_NOT_INVALIDATED_AFTER_LOSS)
    if outcome is Settlement.NOT_DONE and status is CodeStatus.CONSUMED and redeem:
        return replace(result, message=MSG_NOT_DONE_DONE_ELSEWHERE)
    if outcome is Settlement.NOT_DONE and info is None:  # settled without a re-read (the hub's registry)
        return replace(result, message=MSG_NOT_DONE_AFTER_LOSS)
    return replace(result, message=VERDICT_MESSAGES.get(verdict, MSG_CONFIRMING))
