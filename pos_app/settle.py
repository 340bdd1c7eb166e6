"""The one settlement rule for an attempt whose answer was lost (Qt-free, no I/O).

Workflow.confirm (the re-read right after a lost answer), journal reconciliation (every start, every
reconnect, every journal command) and the hub all call :func:`settle`::

    settle(attempt, reread, others, now) -> Settlement

``attempt``  the attempt to settle (a :class:`KnownAttempt`: id, action, send time, state)
``reread``   what re-reading the code said: a ``CodeInfo``, ``UnknownCode(errcode)`` when the service
             says the code does not exist, or ``None`` when there was no usable answer
``others``   every *other* attempt on the same code known to the caller (this journal; the hub's
             registry later) — a plain sequence of :class:`KnownAttempt`, from any source
``now``      epoch seconds
``registry`` (keyword) what the hub's attempt registry says of this very attempt, when asked

Rules (issue 14):

- the hub's registry recorded this very attempt before sending it (``registry=``): its SUCCEEDED ->
  ``WENT_THROUGH``, FAILED -> ``NOT_DONE``, NEVER_RECEIVED -> ``NOT_DONE`` once the request can no
  longer arrive (``STILL_PENDING`` before); UNRESOLVED (or not asked) -> the rules below;
- another attempt with the same action is known to have SUCCEEDED -> ``NOT_DONE`` (WeChat accepts an
  action once: had ours gone through, the other would have been refused);
- no answer -> ``STILL_PENDING`` (the caller must make that visible, never only log it);
- the code does not exist -> ``CANNOT_HAPPEN``;
- the code is in the state the action wanted (CONSUMED for a redeem, UNAVAILABLE for an invalidate):
  ``WENT_THROUGH`` when no other attempt that could have done it is known, else ``CONSUMED_ELSEWHERE``
  ("consumed — possibly at another counter: do not give the discount until checked");
- the code is still NORMAL -> ``STILL_PENDING`` while our request could still arrive
  (``now < pos_app.limits.settle_after(sent_at)``, whether or not its process lives), then ``NOT_DONE``;
- any other state (expired, deleted, gifted, consumed for an invalidate...) -> ``CANNOT_HAPPEN``.

Outcomes are enums and are stored as enums (:func:`outcome_for`); the words come at the edge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from pos_app.limits import settle_after
from pos_app.models import Action, CodeInfo, CodeStatus, Outcome


class Settlement(StrEnum):
    WENT_THROUGH = "went_through"  # our consume/unavailable took effect
    NOT_DONE = "not_done"  # it did not, and can no longer
    CONSUMED_ELSEWHERE = "consumed_elsewhere"  # the wanted state is there, but possibly by another attempt
    CANNOT_HAPPEN = "cannot_happen"  # the code does not exist or is in a state the action cannot change
    STILL_PENDING = "still_pending"  # not known yet: keep it pending, say so, try again later


class AttemptState(StrEnum):
    UNRESOLVED = "unresolved"  # in flight, or its answer was lost and it is not settled (or only "possibly")
    SUCCEEDED = "succeeded"  # the service did it (its answer, or a settlement that said so)
    FAILED = "failed"  # it certainly did not take effect


@dataclass(frozen=True)
class KnownAttempt:
    """One attempt on a code, from any source (this journal, the hub's registry)."""

    attempt_id: str
    action: Action
    time: float  # when it was sent (began), epoch seconds
    state: AttemptState = AttemptState.UNRESOLVED
    source: str = ""  # where it is known from ("journal", "hub", ...); informational


@dataclass(frozen=True)
class UnknownCode:
    """The re-read's answer: the service says this code does not exist (40056, 40073, 40075)."""

    errcode: int


Reread = CodeInfo | UnknownCode | None

WANTED: dict[Action, CodeStatus] = {Action.REDEEM: CodeStatus.CONSUMED, Action.INVALIDATE: CodeStatus.UNAVAILABLE}


class Registry(StrEnum):
    """What a registry that records every attempt before sending it (the hub's) says of this very one."""

    SUCCEEDED = "succeeded"  # the service did it
    FAILED = "failed"  # refused, or never sent on
    UNRESOLVED = "unresolved"  # sent, its answer lost: not known there either
    NEVER_RECEIVED = "never_received"  # the registry never saw it, so it was never sent


def settle(
    attempt: KnownAttempt,
    reread: Reread,
    others: Sequence[KnownAttempt],
    now: float,
    *,
    registry: Registry | None = None,
) -> Settlement:
    """What became of ``attempt`` (see the module docstring for the rules).  ``registry``: the hub's
    record of the attempt itself, which decides when it is definite; NEVER_RECEIVED means NOT_DONE only
    once the request can no longer arrive (``settle_after``)."""
    if registry is Registry.SUCCEEDED:
        return Settlement.WENT_THROUGH
    if registry is Registry.FAILED:
        return Settlement.NOT_DONE
    if registry is Registry.NEVER_RECEIVED:
        return Settlement.STILL_PENDING if now < settle_after(attempt.time) else Settlement.NOT_DONE
    rivals = [o for o in others if o.attempt_id != attempt.attempt_id and o.action is attempt.action]
    if any(o.state is AttemptState.SUCCEEDED for o in rivals):
        return Settlement.NOT_DONE
    if reread is None:
        return Settlement.STILL_PENDING
    if isinstance(reread, UnknownCode):
        return Settlement.CANNOT_HAPPEN
    status = reread.status
    if status is WANTED[attempt.action]:
        if any(o.state is AttemptState.UNRESOLVED for o in rivals):
            return Settlement.CONSUMED_ELSEWHERE
        return Settlement.WENT_THROUGH
    if status is CodeStatus.NORMAL or status is None:
        return Settlement.STILL_PENDING if now < settle_after(attempt.time) else Settlement.NOT_DONE
    return Settlement.CANNOT_HAPPEN


def outcome_for(settlement: Settlement, action: Action, status: CodeStatus | None = None) -> Outcome:
    """The journal's outcome for a settlement.

    NOT_DONE is ``ERROR`` while the code is still usable (nothing happened; the cashier may try again)
    and ``REFUSED`` when it can no longer be done (e.g. another attempt redeemed it).
    """
    if settlement is Settlement.WENT_THROUGH:
        return Outcome.REDEEMED if action is Action.REDEEM else Outcome.INVALIDATED
    if settlement is Settlement.CONSUMED_ELSEWHERE:
        return Outcome.CONSUMED_ELSEWHERE
    if settlement is Settlement.STILL_PENDING:
        return Outcome.PENDING
    if settlement is Settlement.NOT_DONE and status in (CodeStatus.NORMAL, None):
        return Outcome.ERROR
    return Outcome.REFUSED


def state_of(outcome: Outcome | None) -> AttemptState:
    """A known attempt's state from its settled outcome (None: not settled)."""
    if outcome in (Outcome.REDEEMED, Outcome.INVALIDATED):
        return AttemptState.SUCCEEDED
    if outcome is None or outcome in (Outcome.PENDING, Outcome.CONSUMED_ELSEWHERE):
        return AttemptState.UNRESOLVED  # consumed elsewhere: it may have been this one
    return AttemptState.FAILED


__all__ = [
    "WANTED",
    "AttemptState",
    "KnownAttempt",
    "Registry",
    "Reread",
    "Settlement",
    "UnknownCode",
    "outcome_for",
    "settle",
    "state_of",
]
