"""The redemption workflow, shared by the window and the command line.

    ready -> looking up -> details -> redeeming -> done
                                         |-> confirming (answer lost: re-read) -> done | pending

Money and state are never guessed: an operation is written to the journal as pending before it is sent;
when its answer is lost the code is re-read (check_consume false) and what the service really did is
reported; a consume is never sent twice on its own.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from pos_app import codes
from pos_app.client import WeChatClient
from pos_app.errors import (
    MSG_AMBIGUOUS,
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
    def complete(self, attempt_id: str, result: Result) -> None: ...
    def release(self, attempt_id: str) -> None: ...


def verdict_for(info: CodeInfo, now: float) -> Verdict:
    """The cashier's verdict: the service's status, and the validity window against the clock."""
    if info.status is not None and info.status is not CodeStatus.NORMAL:
        return STATUS_VERDICTS[info.status]
    if info.begin_time and now < info.begin_time:
        return Verdict.NOT_YET_VALID
    if info.end_time and now > info.end_time:
        return Verdict.EXPIRED
    if info.can_consume is False:
        return Verdict.UNAVAILABLE
    return Verdict.REDEEMABLE


def check_reason(reason: str) -> str:
    reason = " ".join(reason.split())
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
    ) -> None:
        self.client = client
        self.journal = journal
        self.context = context or OperationContext()
        self._clock = clock
        self._settle_delay = settle_delay  # let a slow server finish before we re-read after a lost answer
        self._sleep = sleep

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
        verdict = verdict_for(info, self._clock())
        card = self._card(info.card_id)
        outcome = Outcome.REDEEMABLE if verdict is Verdict.REDEEMABLE else Outcome.NOT_REDEEMABLE
        return Result(
            action=action,
            code=info.code,
            card_id=info.card_id,
            verdict=verdict,
            outcome=outcome,
            info=info,
            card=card,
            message=VERDICT_MESSAGES[verdict],
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
        if message is MSG_AMBIGUOUS:  # a lost answer to a read changed nothing: say so, not "checking again"
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
        verdict = verdict_for(lookup.info, self._clock())  # the lookup may be minutes old
        if verdict is not Verdict.REDEEMABLE:
            return replace(
                lookup,
                action=Action.REDEEM,
                verdict=verdict,
                outcome=Outcome.REFUSED,
                message=VERDICT_MESSAGES[verdict],
            )
        return self._operate(Action.REDEEM, lookup, override, on_ambiguous)

    def invalidate(self, lookup: Result, reason: str, on_ambiguous: Callable[[], None] | None = None) -> Result:
        """Make the code unavailable (irreversible); ``reason`` required, at most 64 characters."""
        reason = check_reason(reason)
        if lookup.info is None:
            raise InputError(MSG_NOT_LOOKED_UP)
        return self._operate(Action.INVALIDATE, lookup, reason, on_ambiguous)

    def _operate(self, action: Action, lookup: Result, reason: str, on_ambiguous: Callable[[], None] | None) -> Result:
        code, card_id = lookup.code, lookup.card_id
        attempt_id = ""
        if self.journal is not None:  # durable before anything is sent: a crash leaves a pending row
            attempt_id = self.journal.begin(action, code, card_id, self.context, reason)
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
                message=MSG_REDEEMED if action is Action.REDEEM else MSG_INVALIDATED,
            )
        self._complete(result)
        return result

    def _refused(self, base: Result, exc: ApiError) -> Result:
        """The service said no: tell exactly why (re-reading the status for the catch-all 40127)."""
        verdict = {40099: Verdict.ALREADY_REDEEMED, **CODE_ERRCODES}.get(exc.errcode or 0, Verdict.ERROR)
        info = base.info
        if exc.errcode == 40079 and info is not None:
            verdict = verdict_for(info, self._clock())
            verdict = verdict if verdict is not Verdict.REDEEMABLE else Verdict.EXPIRED
        elif exc.errcode == 40127:
            try:
                info = self.client.get_code(base.code, base.card_id, check_consume=False)
                verdict = verdict_for(info, self._clock())
            except PosAppError:
                verdict = Verdict.UNAVAILABLE
        message = (
            message_for_errcode(exc.errcode or 0)
            if verdict is Verdict.ERROR
            else VERDICT_MESSAGES.get(verdict, message_for_errcode(exc.errcode or 0))
        )
        return replace(base, verdict=verdict, outcome=Outcome.REFUSED, info=info, errcode=exc.errcode, message=message)

    def confirm(self, pending: Result) -> Result:
        """Settle an operation whose answer was lost by re-reading the code; PENDING while no answer."""
        try:
            info = self.client.get_code(pending.code, pending.card_id, check_consume=False)
        except ApiError as exc:
            if exc.errcode in CODE_ERRCODES:  # the code does not exist: nothing can have happened to it
                result = replace(
                    self._failed(pending.action, pending.code, pending.card_id, exc),
                    attempt_id=pending.attempt_id,
                    reason=pending.reason,
                    card=pending.card,
                    confirmed_by_reread=True,
                )
                self._complete(result)
                return result
            return self._still_unknown(pending, exc.errcode)  # quota, permissions...: no news of the code
        except NoAnswerError as exc:
            return self._still_unknown(pending, exc.errcode)
        wanted = CodeStatus.CONSUMED if pending.action is Action.REDEEM else CodeStatus.UNAVAILABLE
        now = self._clock()
        if info.status is wanted:
            outcome = Outcome.REDEEMED if pending.action is Action.REDEEM else Outcome.INVALIDATED
            message = MSG_REDEEMED if pending.action is Action.REDEEM else MSG_INVALIDATED
            verdict = STATUS_VERDICTS[wanted]
        elif info.status is CodeStatus.NORMAL:
            outcome = Outcome.ERROR
            message = MSG_NOT_REDEEMED_AFTER_LOSS if pending.action is Action.REDEEM else MSG_NOT_INVALIDATED_AFTER_LOSS
            verdict = verdict_for(info, now)
        else:
            verdict = verdict_for(info, now)
            outcome = Outcome.REFUSED
            message = VERDICT_MESSAGES.get(verdict, MSG_CONFIRMING)
        result = replace(
            pending, info=info, verdict=verdict, outcome=outcome, message=message, confirmed_by_reread=True
        )
        self._complete(result)
        return result

    def _still_unknown(self, pending: Result, errcode: int | None) -> Result:
        """The re-read told us nothing: keep saying "Confirming…", never "not redeemed"."""
        if self.journal is not None and pending.attempt_id:
            # Let reconciliation (on reconnect, or the next start) settle it too.
            self.journal.release(pending.attempt_id)
        return replace(pending, outcome=Outcome.PENDING, verdict=Verdict.ERROR, errcode=errcode, message=MSG_CONFIRMING)

    def _complete(self, result: Result) -> None:
        if self.journal is not None and result.attempt_id and result.outcome is not Outcome.PENDING:
            self.journal.complete(result.attempt_id, result)
