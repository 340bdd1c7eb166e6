"""The hub's settlement of an attempt whose answer from WeChat was lost (one small, swappable function).

It follows the project's one rule: an attempt stays pending while its request could still arrive
(``pos_app.limits.settle_after``); a code showing the attempt's effect went through unless another known
attempt on the code explains that effect; a code unchanged after the deadline did not go through.
When ``pos_app.settle`` (the core's function) lands, :func:`settle` delegates to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pos_app.limits import settle_after
from pos_app.models import Action, CodeStatus, Outcome


@dataclass(frozen=True)
class KnownAttempt:
    """Another attempt on the same code, as the hub's registry (or a journal) knows it."""

    attempt_id: str
    action: Action
    outcome: Outcome  # PENDING while unresolved
    sent_at: float


def _effect(action: Action) -> CodeStatus:
    return CodeStatus.CONSUMED if action is Action.REDEEM else CodeStatus.UNAVAILABLE


def settle(
    action: Action, status: CodeStatus | None, sent_at: float, now: float, others: Sequence[KnownAttempt] = ()
) -> Outcome:
    """What became of an attempt, from the code's status re-read at ``now``; PENDING when not yet known."""
    done = Outcome.REDEEMED if action is Action.REDEEM else Outcome.INVALIDATED
    if status is None:
        return Outcome.PENDING
    if status is _effect(action):
        for other in others:
            if _effect(other.action) is not status:
                continue
            if other.outcome in (Outcome.REDEEMED, Outcome.INVALIDATED):
                return Outcome.REFUSED  # the effect is another attempt's: ours met an already changed code
            if other.outcome is Outcome.PENDING:
                return Outcome.PENDING  # two candidates: wait until the other one is known
        return done
    if status is CodeStatus.NORMAL:
        return Outcome.ERROR if now >= settle_after(sent_at) else Outcome.PENDING  # ERROR: did not happen
    return Outcome.REFUSED  # expired, deleted, made unavailable, consumed by a redeem while we invalidated...
