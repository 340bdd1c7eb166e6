"""The hub's settlement of an attempt whose answer from WeChat was lost: the project's one rule
(:func:`pos_app.settle.settle`), fed with the hub's attempt registry as the "others".

The hub's registry is also a source of "others" for the counters (``GET /hub/v1/codes/CODE`` lists the
chain's attempts on a code; see :func:`pos_app.hub.settle_from_hub.hub_known_attempts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pos_app import settle as rule
from pos_app.models import Action, Outcome
from pos_app.settle import AttemptState, KnownAttempt, Reread, Settlement


def known_attempt(row: dict[str, Any], source: str = "hub") -> KnownAttempt:
    """An ``attempts`` row as the settlement rule sees it."""
    final = row["state"] == "final" and row["outcome"]
    state = rule.state_of(Outcome(row["outcome"])) if final else AttemptState.UNRESOLVED
    sent = row["sent_at"].timestamp() if row.get("sent_at") else 0.0
    return KnownAttempt(row["attempt_id"], Action(row["action"]), sent, state, source)


def settle(attempt: KnownAttempt, reread: Reread, others: Sequence[KnownAttempt], now: float) -> Outcome:
    """The attempt's outcome, or PENDING while it cannot be known (no answer, still able to land, or the
    effect is there but another unresolved attempt could have caused it)."""
    settlement = rule.settle(attempt, reread, others, now)
    if settlement in (Settlement.STILL_PENDING, Settlement.CONSUMED_ELSEWHERE):
        return Outcome.PENDING
    status = None if reread is None or isinstance(reread, rule.UnknownCode) else reread.status
    return rule.outcome_for(settlement, attempt.action, status)
