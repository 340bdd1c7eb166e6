"""The counter model: every decision of the till in one Qt-free state machine (events in, effects out).

The model does no I/O.  A front end (the window, the CLI, a test) feeds it events and carries out the
effects it returns; the results of those effects come back as events::

    counter = Counter(cashier="Li", store_location_id=1001)
    for effect in counter.handle(Scanned("123456789012")):
        run(effect)                  # Lookup -> workflow.lookup on a worker, then:
    counter.handle(LookupDone(effect.lookup_id, result))

``handle(event) -> list[Effect]`` is the only entry point that changes the model; ``view()`` (also sent
as ``Show(view)`` whenever it changes) is what the screen shows.  Times come from ``clock`` (epoch
seconds, ``time.time`` by default); front ends send ``Tick()`` regularly (every second is enough, or at
``counter.next_due``) so re-reads of a lost answer and the end of the "Redeemed" band happen.

States (``State``)::

    ready -> looking_up -> showing -> redeeming   -> done (band) -> ready
                 ^            |   \\-> invalidating -> showing
                 |            |     (answer lost) -> confirming -> done | showing
                 +-- queued scans are looked up in order, one after the other

Events (frozen dataclasses)
    ``Scanned(text, source)``           a code (or card link) from the scanner, keyboard, camera or demo list
    ``OrderTotal(fen | None)``          the order total typed by the cashier (never starts a lookup)
    ``RedeemPressed()``                 F9
    ``InvalidatePressed(reason="")``    F10 (again with the reason once ``AskReason`` was answered)
    ``ManagerApproved(what)`` / ``ManagerDeclined(what)``   answer to ``AskManager(what)`` (declining
                                        INVALIDATE also ends an approval, e.g. the reason dialog cancelled)
    ``Cancelled()``                     Esc
    ``LookupDone(lookup_id, result)`` / ``LookupFailed(lookup_id, error)``
    ``AnswerLost(action_id)``           the workflow's ``on_ambiguous`` (the answer to a consume was lost)
    ``ActionDone(action_id, result, record_error="")`` / ``ActionFailed(action_id, error)``
                                        result of ``Consume``, ``MarkUnavailable`` or ``Reread``
    ``CashierChanged(name)``  ``StoreChanged(store_location_id)``  ``ConnectivityChanged(online)``
    ``Tick()``

Effects (frozen dataclasses)
    ``Lookup(lookup_id, text)``                     run ``Workflow.lookup(text)``
    ``Abandon(lookup_id)``                          stop waiting for that lookup (its answer is ignored)
    ``Consume(action_id, target, override)``        run ``Workflow.redeem(target, override=override)``
    ``MarkUnavailable(action_id, target, reason)``  run ``Workflow.invalidate(target, reason)``
    ``Reread(action_id, pending)``                  run ``Workflow.confirm(pending)``
    ``AskManager(what, failed)``  ``AskReason(code)``  ``AskCashier()``
    ``Show(view)``  ``Play(sound)``  ``Notify(notice, code)``  ``AddToSession(result, condition_failed)``

``perform(workflow, effect, on_event=...) -> Event`` carries out the four service effects (Lookup,
Consume, MarkUnavailable, Reread) with a ``pos_app.workflow.Workflow`` and returns the event to feed
back; run it on a worker thread in the window.  ``Abandon`` means: stop waiting (ignore the answer).

Rules the model owns
    - Input: a scan while busy is queued in order (``MAX_QUEUE``), the same code again within
      ``REPEAT_WINDOW_S`` is recognised (never looked up twice, never merged with another), and a full
      queue refuses the scan with a notice and a sound.  Nothing is dropped silently.  Every ``View``
      names the code it belongs to.
    - Permission: F9/F10 only from ``showing`` a ``Verdict.REDEEMABLE`` result, with a cashier, while
      online; failed merchant conditions (an override) and F10 need ``ManagerApproved``; a second press
      while an action runs does nothing.
    - Policy (``Policy``, in ``pos_app.policy``, re-exported here): which conditions passed, failed or
      are unknown (``pos_app.rules``) and the amount that may be deducted — zero unless no condition
      failed and the minimum spend is known to be met, or a manager overrode the failed ones.
    - Notices are ``Notice`` ids, sounds ``Sound`` ids; front ends choose the words.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from pos_app import codes, rules
from pos_app.chain import chain_note
from pos_app.errors import InputError
from pos_app.models import Action, CodeStatus, Outcome, Result, Verdict
from pos_app.policy import Hold, Policy, evaluate_policy
from pos_app.rules import Phrase
from pos_app.workflow import RecordNotWrittenError, Workflow, check_reason

REPEAT_WINDOW_S = 4.0  # the same code again within this many seconds is the same scan
MAX_QUEUE = 20  # scans waiting while the till is busy; more are refused with a notice
BAND_SECONDS = 6.0  # "Redeemed" stays on screen this long, then the till is ready
CONFIRM_RETRY_S = 2.0  # after a lost answer, re-read the code this often until it settles


class State(StrEnum):
    READY = "ready"
    LOOKING_UP = "looking_up"
    SHOWING = "showing"
    REDEEMING = "redeeming"
    INVALIDATING = "invalidating"
    CONFIRMING = "confirming"
    DONE = "done"


BUSY_STATES = frozenset({State.LOOKING_UP, State.REDEEMING, State.INVALIDATING, State.CONFIRMING})
ACTION_STATES = frozenset({State.REDEEMING, State.INVALIDATING, State.CONFIRMING})


class ScanSource(StrEnum):
    KEYBOARD = "keyboard"  # a USB scanner or typing, then Enter
    CAMERA = "camera"
    DEMO = "demo"  # training's list of demo codes


class Approval(StrEnum):
    OVERRIDE = "override"  # redeem although a merchant condition failed
    INVALIDATE = "invalidate"  # F10


class Sound(StrEnum):
    SUCCESS = "success"
    REFUSAL = "refusal"
    ERROR = "error"
    SCAN = "scan"
    READY = "ready"


class Notice(StrEnum):
    """What the cashier must be told; the front end chooses the words (and translates them)."""

    QUEUED = "queued"  # scanned while busy: it will be looked up next
    QUEUE_FULL = "queue_full"  # scanned while busy and too many are waiting: scan it again later
    SAME_CODE_AGAIN = "same_code_again"  # the same code within the repeat window: showing the last result
    NOT_A_CODE = "not_a_code"  # the camera saw text that is not a coupon (a poster): ignored
    INVALID_INPUT = "invalid_input"  # typed/scanned text that cannot be a code (view.result has the reason)
    NO_CASHIER = "no_cashier"  # F9/F10 before a cashier started the shift
    NOT_REDEEMABLE = "not_redeemable"  # F9/F10 on a coupon that cannot be redeemed (or nothing shown)
    STORE_RULE = "store_rule"  # F9/F10 on a coupon the chain's hub does not allow at this store
    OFFLINE = "offline"  # F9/F10 while WeChat cannot be reached
    MANAGER_DECLINED = "manager_declined"
    REASON_INVALID = "reason_invalid"  # F10 reason empty or too long (view.result unchanged)
    CANNOT_ABANDON = "cannot_abandon"  # Esc while a redemption runs
    LOOKUP_ABANDONED = "lookup_abandoned"  # Esc while looking up: nothing was redeemed
    CONSUMED_ELSEWHERE = "consumed_elsewhere"  # consumed, possibly at another counter: no discount until checked
    RECORD_NOT_WRITTEN = "record_not_written"  # the outcome is true, but the journal could not record it
    BUG = "bug"  # an unexpected failure in the app (details in the log)


# --- events ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scanned:
    text: str
    source: ScanSource = ScanSource.KEYBOARD


@dataclass(frozen=True)
class OrderTotal:
    fen: int | None


@dataclass(frozen=True)
class RedeemPressed:
    pass


@dataclass(frozen=True)
class InvalidatePressed:
    reason: str = ""


@dataclass(frozen=True)
class ManagerApproved:
    """The manager's yes.  ``code``: the code the manager was asked about (``AskManager.code``); an
    approval for another code than the one shown now is ignored.  None: the code shown now (the CLI
    approves before pressing)."""

    what: Approval
    code: str | None = None


@dataclass(frozen=True)
class ManagerDeclined:
    what: Approval


@dataclass(frozen=True)
class Cancelled:
    pass


@dataclass(frozen=True)
class LookupDone:
    lookup_id: int
    result: Result


@dataclass(frozen=True)
class LookupFailed:
    lookup_id: int
    error: BaseException


@dataclass(frozen=True)
class AnswerLost:
    action_id: int


@dataclass(frozen=True)
class ActionDone:
    """The result of Consume, MarkUnavailable or Reread (``record_error``: the journal failed after it)."""

    action_id: int
    result: Result
    record_error: str = ""


@dataclass(frozen=True)
class ActionFailed:
    action_id: int
    error: BaseException


@dataclass(frozen=True)
class CashierChanged:
    name: str


@dataclass(frozen=True)
class StoreChanged:
    store_location_id: int | None


@dataclass(frozen=True)
class ConnectivityChanged:
    online: bool


@dataclass(frozen=True)
class Tick:
    pass


Event = (
    Scanned
    | OrderTotal
    | RedeemPressed
    | InvalidatePressed
    | ManagerApproved
    | ManagerDeclined
    | Cancelled
    | LookupDone
    | LookupFailed
    | AnswerLost
    | ActionDone
    | ActionFailed
    | CashierChanged
    | StoreChanged
    | ConnectivityChanged
    | Tick
)


# --- effects ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """What the screen shows.  ``code`` is the code it belongs to ("" when ready; the scanned text while
    a card link is being decrypted)."""

    state: State
    code: str = ""
    result: Result | None = None
    policy: Policy | None = None
    notice: Notice | None = None
    queued: tuple[str, ...] = ()
    can_redeem: bool = False
    can_invalidate: bool = False
    cashier: str = ""
    online: bool = True
    detail: str = ""  # untranslated detail for the notice (e.g. the journal's error); may be ""
    chain: Phrase | None = None  # a chain's hub: where the chain already redeemed this code (render it)


@dataclass(frozen=True)
class Lookup:
    lookup_id: int
    text: str


@dataclass(frozen=True)
class Abandon:
    lookup_id: int


@dataclass(frozen=True)
class Consume:
    action_id: int
    target: Result
    override: str = ""


@dataclass(frozen=True)
class MarkUnavailable:
    action_id: int
    target: Result
    reason: str


@dataclass(frozen=True)
class Reread:
    action_id: int
    pending: Result


@dataclass(frozen=True)
class AskManager:
    what: Approval
    failed: tuple[rules.ConditionCheck, ...] = ()
    code: str = ""  # the code the manager is asked about: send it back in ManagerApproved


@dataclass(frozen=True)
class AskReason:
    code: str


@dataclass(frozen=True)
class AskCashier:
    pass


@dataclass(frozen=True)
class Show:
    view: View


@dataclass(frozen=True)
class Play:
    sound: Sound


@dataclass(frozen=True)
class Notify:
    notice: Notice
    code: str = ""


@dataclass(frozen=True)
class AddToSession:
    """An operation finished: the session list gets a row."""

    result: Result
    condition_failed: bool = False


Effect = (
    Lookup
    | Abandon
    | Consume
    | MarkUnavailable
    | Reread
    | AskManager
    | AskReason
    | AskCashier
    | Show
    | Play
    | Notify
    | AddToSession
)


# --- the model -------------------------------------------------------------------------------------


@dataclass
class _Scan:
    text: str
    key: str  # the cleaned code, or the cleaned link text
    source: ScanSource


def _scan_key(text: str) -> str:
    return codes.clean(text)


def _label(scan: _Scan) -> str:
    """The code a scan stands for (a card link names no code until it is decrypted)."""
    try:
        parsed = codes.parse_scan(scan.text)
    except InputError:
        return scan.key
    return parsed.code or scan.key


@dataclass
class _Pending:
    """An F9/F10 waiting for the manager (or the reason)."""

    what: Approval
    reason: str = ""


@dataclass
class Counter:
    """The till.  See the module docstring for the events, effects and rules."""

    cashier: str = ""
    store_location_id: int | None = None
    online: bool = True
    clock: Callable[[], float] = time.time
    repeat_window: float = REPEAT_WINDOW_S
    max_queue: int = MAX_QUEUE
    band_seconds: float = BAND_SECONDS
    confirm_retry: float = CONFIRM_RETRY_S

    state: State = field(default=State.READY, init=False)
    current: Result | None = field(default=None, init=False)  # the result on screen
    code: str = field(default="", init=False)  # the code the screen belongs to
    notice: Notice | None = field(default=None, init=False)
    order_total_fen: int | None = field(default=None, init=False)
    _queue: deque[_Scan] = field(default_factory=deque, init=False)
    _last_scan: tuple[str, float] = field(default=("", -1e18), init=False)
    _next_id: int = field(default=0, init=False)
    _lookup_id: int | None = field(default=None, init=False)
    _action_id: int | None = field(default=None, init=False)
    _action: Action | None = field(default=None, init=False)
    _target: Result | None = field(default=None, init=False)  # what F9/F10 acts on (the shown result)
    _overridden: frozenset[rules.CheckKind] = field(default=frozenset(), init=False)
    _approved_invalidate: bool = field(default=False, init=False)
    _waiting: _Pending | None = field(default=None, init=False)
    _pending: Result | None = field(default=None, init=False)  # an action whose answer was lost
    _reread_at: float | None = field(default=None, init=False)
    _reread_running: bool = field(default=False, init=False)
    _done_at: float | None = field(default=None, init=False)
    _action_policy: Policy | None = field(default=None, init=False)
    detail: str = field(default="", init=False)  # e.g. why the record could not be written

    # -- reading ------------------------------------------------------------------------------------

    @property
    def queued(self) -> tuple[str, ...]:
        return tuple(_label(s) for s in self._queue)

    @property
    def busy(self) -> bool:
        return self.state in BUSY_STATES

    @property
    def policy(self) -> Policy | None:
        """The shown coupon's conditions and deduction (in ``done``: as they were when it was redeemed)."""
        if self.state is State.DONE:
            return self._action_policy
        subject = self._target if self._target is not None else self.current
        if subject is None or self.state is not State.SHOWING:
            return None
        return evaluate_policy(subject, self.clock(), self.store_location_id, self.order_total_fen, self._overridden)

    def _allowed(self) -> bool:
        t = self._target
        return (
            self.state is State.SHOWING
            and t is not None
            and self.current is not None
            and t.code == self.current.code
            and t.verdict is Verdict.REDEEMABLE
            and t.info is not None
        )

    @property
    def can_redeem(self) -> bool:
        """F9 would start a redemption (or ask the manager for an override first)."""
        return self._allowed() and bool(self.cashier) and self.online

    @property
    def can_invalidate(self) -> bool:
        """F10 would start (after the manager's approval and a reason)."""
        return self.can_redeem

    @property
    def next_due(self) -> float | None:
        """When the model next wants a ``Tick`` (epoch seconds); None when it waits for nothing."""
        if self.state is State.CONFIRMING and not self._reread_running and self._reread_at is not None:
            return self._reread_at
        if self.state is State.DONE and self._done_at is not None:
            return self._done_at + self.band_seconds
        return None

    def view(self) -> View:
        return View(
            state=self.state,
            code=self.code,
            result=self.current,
            policy=self.policy,
            notice=self.notice,
            queued=self.queued,
            can_redeem=self.can_redeem,
            can_invalidate=self.can_invalidate,
            cashier=self.cashier,
            online=self.online,
            detail=self.detail,
            chain=chain_note(self.current, self.clock()) if self.state is State.SHOWING else None,
        )

    # -- the one entry point ------------------------------------------------------------------------

    def handle(self, event: Event) -> list[Effect]:
        """Apply ``event``; return the effects to carry out, in order."""
        match event:
            case Scanned():
                return self._scanned(event)
            case OrderTotal(fen=fen):
                if fen == self.order_total_fen:
                    return []
                self.order_total_fen = fen
                return self._show() if self.state in (State.SHOWING, State.DONE) else []
            case RedeemPressed():
                return self._redeem_pressed()
            case InvalidatePressed(reason=reason):
                return self._invalidate_pressed(reason)
            case ManagerApproved(what=what, code=asked_about):
                if asked_about is not None and asked_about != self.code:
                    return []  # asked about another coupon (a scan came while the dialog was open)
                return self._approved(what)
            case ManagerDeclined(what=what):
                # Also "the reason dialog was cancelled": the approval given for this coupon ends.
                if what is Approval.INVALIDATE:
                    self._approved_invalidate = False
                if self._waiting is not None and self._waiting.what is what:
                    self._waiting = None
                    return [Notify(Notice.MANAGER_DECLINED, self.code)]
                return []
            case Cancelled():
                return self._cancelled()
            case LookupDone(lookup_id=lookup_id, result=result):
                return self._lookup_done(lookup_id, result)
            case LookupFailed(lookup_id=lookup_id, error=error):
                return self._lookup_failed(lookup_id, error)
            case AnswerLost(action_id=action_id):
                if action_id != self._action_id or self.state not in (State.REDEEMING, State.INVALIDATING):
                    return []
                self.state = State.CONFIRMING
                return [*self._show(), Play(Sound.ERROR)]
            case ActionDone(action_id=action_id, result=result, record_error=record_error):
                return self._action_done(action_id, result, record_error)
            case ActionFailed(action_id=action_id, error=error):
                return self._action_failed(action_id, error)
            case CashierChanged(name=name):
                self.cashier = name.strip()
                return self._show()
            case StoreChanged(store_location_id=store):
                self.store_location_id = store
                return self._show()
            case ConnectivityChanged(online=online):
                if online == self.online:
                    return []
                self.online = online
                return self._show()
            case Tick():
                return self._tick()
        raise TypeError(f"not a counter event: {event!r}")

    # -- scans --------------------------------------------------------------------------------------

    def _scanned(self, event: Scanned) -> list[Effect]:
        key = _scan_key(event.text)
        if not key:
            return []
        scan = _Scan(event.text, key, event.source)
        try:
            codes.parse_scan(event.text)
        except InputError as exc:
            return self._not_a_code(scan, exc)
        now = self.clock()
        last_key, last_at = self._last_scan
        repeat = key == last_key and now - last_at <= self.repeat_window
        self._last_scan = (key, now)
        if self.busy:
            if repeat:  # the phone held under the scanner twice: it is queued (or looked up) already
                return [Notify(Notice.SAME_CODE_AGAIN, _label(scan))]
            if len(self._queue) >= self.max_queue:
                return [Notify(Notice.QUEUE_FULL, _label(scan)), Play(Sound.REFUSAL)]
            self._queue.append(scan)
            return [Notify(Notice.QUEUED, _label(scan)), *self._show()]
        if repeat and self.current is not None and self.current.code == _label(scan):
            if self.current.verdict is not Verdict.ERROR:
                if self.state is State.DONE:
                    self._done_at = now  # keep the band up a little longer
                    return []
                self.notice = Notice.SAME_CODE_AGAIN
                return self._show()
        return self._start_lookup(scan)

    def _not_a_code(self, scan: _Scan, exc: InputError) -> list[Effect]:
        if scan.source is ScanSource.CAMERA:
            return [Notify(Notice.NOT_A_CODE)]  # a poster or a label: the camera keeps looking
        if self.busy:
            return [Notify(Notice.INVALID_INPUT, scan.key), Play(Sound.REFUSAL)]
        self._set_result(
            Result(Action.LOOKUP, scan.key, None, Verdict.INVALID_CODE, Outcome.NOT_REDEEMABLE, message=exc.message)
        )
        self.notice = Notice.INVALID_INPUT
        self.state = State.SHOWING
        return [*self._show(), Play(Sound.REFUSAL)]

    def _start_lookup(self, scan: _Scan) -> list[Effect]:
        self._next_id += 1
        self._lookup_id = self._next_id
        self._set_result(None)
        self.code = _label(scan)
        self.state = State.LOOKING_UP
        return [Lookup(self._lookup_id, scan.text), *self._show()]

    def _next_in_queue(self) -> list[Effect]:
        if not self._queue:
            return []
        return self._start_lookup(self._queue.popleft())

    def _lookup_done(self, lookup_id: int, result: Result) -> list[Effect]:
        if lookup_id != self._lookup_id or self.state is not State.LOOKING_UP:
            return []  # abandoned (Esc): its answer is not shown
        self._lookup_id = None
        self._set_result(result)
        self.state = State.SHOWING
        policy = self.policy
        effects: list[Effect] = [
            AddToSession(result, condition_failed=bool(policy and policy.failed)),
            *self._show(),
            Play(_sound_for(result)),
        ]
        return effects + self._next_in_queue()

    def _lookup_failed(self, lookup_id: int, error: BaseException) -> list[Effect]:
        if lookup_id != self._lookup_id or self.state is not State.LOOKING_UP:
            return []
        self._lookup_id = None
        if isinstance(error, InputError):
            result = Result(
                Action.LOOKUP, self.code, None, Verdict.INVALID_CODE, Outcome.NOT_REDEEMABLE, message=error.message
            )
            self._set_result(result)
            self.notice = Notice.INVALID_INPUT
        else:
            self._set_result(Result(Action.LOOKUP, self.code, None, Verdict.ERROR, Outcome.ERROR))
            self.notice = Notice.BUG
        self.state = State.SHOWING
        sound = Sound.REFUSAL if isinstance(error, InputError) else Sound.ERROR
        return [*self._show(), Play(sound), *self._next_in_queue()]

    # -- F9 / F10 -----------------------------------------------------------------------------------

    def _refusal(self) -> list[Effect] | None:
        """Why F9/F10 cannot act now (None: it may).  A press while an action runs does nothing."""
        if self.state in ACTION_STATES or self.state is State.LOOKING_UP:
            return []
        if not self._allowed():
            shown = self.current
            rule = shown is not None and shown.verdict is Verdict.STORE_NOT_ALLOWED
            return [Notify(Notice.STORE_RULE if rule else Notice.NOT_REDEEMABLE, self.code), Play(Sound.REFUSAL)]
        if not self.cashier:
            return [Notify(Notice.NO_CASHIER, self.code), AskCashier()]
        if not self.online:
            return [Notify(Notice.OFFLINE, self.code)]
        return None

    def _redeem_pressed(self) -> list[Effect]:
        refused = self._refusal()
        if refused is not None:
            return refused
        policy = self.policy
        assert policy is not None
        if policy.needs_override:
            self._waiting = _Pending(Approval.OVERRIDE)
            return [AskManager(Approval.OVERRIDE, policy.failed, self.code)]
        return self._start_action(Action.REDEEM, policy.override_note())

    def _invalidate_pressed(self, reason: str) -> list[Effect]:
        refused = self._refusal()
        if refused is not None:
            return refused
        if not self._approved_invalidate:
            self._waiting = _Pending(Approval.INVALIDATE, reason)
            return [AskManager(Approval.INVALIDATE, code=self.code)]
        if not reason.strip():
            return [AskReason(self.code)]
        try:
            reason = check_reason(reason)
        except InputError:
            return [Notify(Notice.REASON_INVALID, self.code), AskReason(self.code)]
        return self._start_action(Action.INVALIDATE, reason)

    def _approved(self, what: Approval) -> list[Effect]:
        if not self._allowed():
            self._waiting = None
            return []
        waiting, self._waiting = self._waiting, None
        if what is Approval.OVERRIDE:
            target = self._target
            assert target is not None
            policy = evaluate_policy(target, self.clock(), self.store_location_id, self.order_total_fen)
            self._overridden = frozenset(c.kind for c in policy.failed)
            effects = self._show()
            if waiting is not None and waiting.what is Approval.OVERRIDE:
                return effects + self._redeem_pressed()
            return effects
        self._approved_invalidate = True
        if waiting is not None and waiting.what is Approval.INVALIDATE:
            return self._invalidate_pressed(waiting.reason)
        return []

    def _start_action(self, action: Action, note: str) -> list[Effect]:
        target = self._target
        assert target is not None
        self._next_id += 1
        self._action_id = self._next_id
        self._action = action
        self._action_policy = self.policy
        self.notice = None
        if action is Action.REDEEM:
            self.state = State.REDEEMING
            effect: Effect = Consume(self._action_id, target, note)
        else:
            self.state = State.INVALIDATING
            effect = MarkUnavailable(self._action_id, target, note)
        return [effect, *self._show()]

    # -- answers to actions -------------------------------------------------------------------------

    def _action_done(self, action_id: int, result: Result, record_error: str) -> list[Effect]:
        if action_id != self._action_id or self.state not in ACTION_STATES:
            return []
        self._reread_running = False
        if result.outcome is Outcome.PENDING:
            first = self.state is not State.CONFIRMING
            self._pending = result
            self.state = State.CONFIRMING
            self._reread_at = self.clock() + self.confirm_retry
            return [*self._show(), Play(Sound.ERROR)] if first else self._show()
        self._pending = None
        self._reread_at = None
        self._action_id = None
        effects: list[Effect] = [AddToSession(result)]
        still_usable = (
            result.outcome is Outcome.ERROR and result.info is not None and result.info.status is CodeStatus.NORMAL
        )
        self._set_result(result, keep_target=still_usable)
        if result.outcome is Outcome.REDEEMED:
            self.state = State.DONE
            self._done_at = self.clock()
            sound = Sound.SUCCESS
        else:
            self.state = State.SHOWING
            sound = Sound.SUCCESS if result.outcome is Outcome.INVALIDATED else _sound_for(result)
        if result.outcome is Outcome.CONSUMED_ELSEWHERE:
            self.notice = Notice.CONSUMED_ELSEWHERE
            sound = Sound.ERROR
        if record_error:
            self.notice = Notice.RECORD_NOT_WRITTEN
            self.detail = record_error
        return [*effects, *self._show(), Play(sound), *self._next_in_queue()]

    def _action_failed(self, action_id: int, error: BaseException) -> list[Effect]:
        if action_id != self._action_id or self.state not in ACTION_STATES:
            return []
        self._reread_running = False
        if self._pending is not None:  # a re-read failed oddly: keep confirming, never show a failure
            self._reread_at = self.clock() + self.confirm_retry
            return []
        self._action_id = None
        self.state = State.SHOWING
        if isinstance(error, InputError):
            self.notice = Notice.REASON_INVALID
            return [*self._show(), Play(Sound.REFUSAL)]
        self._target = None  # unknown what happened: scan again to see the coupon's state
        self.notice = Notice.BUG
        return [*self._show(), Play(Sound.ERROR), *self._next_in_queue()]

    # -- Esc, time ----------------------------------------------------------------------------------

    def _cancelled(self) -> list[Effect]:
        if self.state in ACTION_STATES:
            return [Notify(Notice.CANNOT_ABANDON, self.code)]
        effects: list[Effect] = []
        if self.state is State.LOOKING_UP and self._lookup_id is not None:
            effects.append(Abandon(self._lookup_id))
            effects.append(Notify(Notice.LOOKUP_ABANDONED, self.code))
            self._lookup_id = None
        self._queue.clear()
        self._waiting = None
        self._set_result(None)
        self._last_scan = ("", -1e18)  # scanning the same code again asks again
        self.code = ""
        self.state = State.READY
        return [*effects, *self._show()]

    def _tick(self) -> list[Effect]:
        now = self.clock()
        if self.state is State.CONFIRMING and not self._reread_running and self._pending is not None:
            if self._reread_at is not None and now >= self._reread_at and self._action_id is not None:
                self._reread_running = True
                return [Reread(self._action_id, self._pending)]
        if self.state is State.DONE and self._done_at is not None and now >= self._done_at + self.band_seconds:
            self._set_result(None)
            self.code = ""
            self.state = State.READY
            self._last_scan = ("", -1e18)
            return self._show()
        return []

    # -- helpers ------------------------------------------------------------------------------------

    def _set_result(self, result: Result | None, *, keep_target: bool = False) -> None:
        changed = result is None or self.current is None or result.code != self.current.code
        self.current = result
        self.notice = None
        self.detail = ""
        self._done_at = None
        if result is not None:
            self.code = result.code or self.code
        if changed:
            self.order_total_fen = None
            self._overridden = frozenset()
            self._approved_invalidate = False
            self._waiting = None
        if result is None:
            self._target = None
        elif result.action is Action.LOOKUP:
            self._target = result
        elif keep_target and self._target is not None and self._target.code == result.code:
            pass  # nothing was done: F9 may be pressed again on the same lookup
        else:
            self._target = None

    def _show(self) -> list[Effect]:
        return [Show(self.view())]


ServiceEffect = Lookup | Consume | MarkUnavailable | Reread


def perform(
    workflow: Workflow,
    effect: ServiceEffect,
    *,
    card_id: str | None = None,
    on_event: Callable[[Event], None] | None = None,
) -> Event:
    """Carry out a service effect with ``workflow`` and return the event to feed back to the model.

    Blocking (network, disk): the window runs it on its worker thread, the CLI inline.  ``on_event``
    receives ``AnswerLost`` as soon as the answer to a consume/unavailable is lost (on the calling
    thread), so the screen can say "Confirming…" while the re-read runs.  Failures become events too:
    a journal that cannot record a real outcome gives ``ActionDone(..., record_error=...)``.
    """
    if isinstance(effect, Lookup):
        try:
            return LookupDone(effect.lookup_id, workflow.lookup(effect.text, card_id))
        except Exception as exc:  # InputError: not a code; anything else: a bug, logged by the caller
            return LookupFailed(effect.lookup_id, exc)
    action_id = effect.action_id

    def lost() -> None:
        if on_event is not None:
            on_event(AnswerLost(action_id))

    try:
        if isinstance(effect, Consume):
            result = workflow.redeem(effect.target, lost, override=effect.override)
        elif isinstance(effect, MarkUnavailable):
            result = workflow.invalidate(effect.target, effect.reason, lost)
        else:
            result = workflow.confirm(effect.pending)
    except RecordNotWrittenError as exc:
        return ActionDone(action_id, exc.result, record_error=f"{type(exc.cause).__name__}: {exc.cause}")
    except Exception as exc:
        return ActionFailed(action_id, exc)
    return ActionDone(action_id, result)


def _sound_for(result: Result) -> Sound:
    if result.verdict is Verdict.REDEEMABLE:
        return Sound.READY
    if result.verdict is Verdict.ERROR:
        return Sound.ERROR
    return Sound.REFUSAL


__all__ = [
    "ACTION_STATES",
    "BUSY_STATES",
    "Abandon",
    "ActionDone",
    "ActionFailed",
    "AddToSession",
    "AnswerLost",
    "Approval",
    "AskCashier",
    "AskManager",
    "AskReason",
    "Cancelled",
    "CashierChanged",
    "ConnectivityChanged",
    "Consume",
    "Counter",
    "Effect",
    "Event",
    "Hold",
    "InvalidatePressed",
    "Lookup",
    "LookupDone",
    "LookupFailed",
    "ManagerApproved",
    "ManagerDeclined",
    "MarkUnavailable",
    "Notice",
    "Notify",
    "OrderTotal",
    "Play",
    "Policy",
    "RedeemPressed",
    "Reread",
    "ScanSource",
    "Scanned",
    "ServiceEffect",
    "Show",
    "Sound",
    "State",
    "StoreChanged",
    "Tick",
    "View",
    "evaluate_policy",
    "perform",
]
