"""The counter's side of settlement when it runs through a hub: ask the hub what became of each of its
pending attempts ("what became of attempt X?") instead of guessing from a re-read.

The hub records every attempt before sending it to WeChat, so an attempt the hub does not know, once it
can no longer reach the hub (``settle_after``), was never sent: it did not happen.  The hub's answer
goes through the project's one rule (``pos_app.settle.settle(..., registry=...)``) and the one wording
(``pos_app.workflow.settled_result``), as the workflow's re-read and journal reconciliation do.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any
from urllib.parse import quote

import httpx

from pos_app.journal import Journal
from pos_app.journal.reconcile import pending_result
from pos_app.models import Action, Outcome
from pos_app.settle import AttemptState, KnownAttempt, Registry, Settlement, settle
from pos_app.workflow import settled_result

_REGISTRY = {  # the hub's outcome of the attempt itself -> what the registry says of it
    Outcome.REDEEMED: Registry.SUCCEEDED,
    Outcome.INVALIDATED: Registry.SUCCEEDED,
    Outcome.REFUSED: Registry.FAILED,
    Outcome.ERROR: Registry.FAILED,
}


def hub_known_attempts(
    hub_url: str, terminal: str, credential: str, *, timeout: float = 5.0
) -> Callable[[str], list[KnownAttempt]]:
    """``Workflow(known_elsewhere=...)``: the chain's attempts on a code, from the hub's registry.  No
    answer from the hub means none known (the hub itself refuses a second unsettled attempt on a code)."""

    def known(code: str) -> list[KnownAttempt]:
        try:
            answer = httpx.get(
                f"{hub_url.rstrip('/')}/hub/v1/codes/{quote(code, safe='')}",
                auth=(terminal, credential),
                timeout=timeout,
            )
            rows = answer.json().get("attempts", []) if answer.status_code == 200 else []
        except (httpx.HTTPError, ValueError, AttributeError):
            return []
        out = []
        for r in rows:
            try:
                out.append(
                    KnownAttempt(
                        str(r["attempt_id"]), Action(r["action"]), float(r["time"]), AttemptState(r["state"]), "hub"
                    )
                )
            except (KeyError, TypeError, ValueError):
                continue
        return out

    return known


def settle_from_hub(
    journal: Journal,
    hub_url: str,
    terminal: str,
    credential: str,
    *,
    now: Callable[[], float] = time.time,
    timeout: float = 15.0,
) -> list[tuple[str, Outcome]]:
    """Settle this counter's pending attempts from the hub's registry; return (attempt_id, outcome) settled.
    Network errors raise httpx.HTTPError (try again later: nothing was changed)."""
    settled: list[tuple[str, Outcome]] = []
    with httpx.Client(base_url=hub_url.rstrip("/"), auth=(terminal, credential), timeout=timeout) as http:
        for attempt in journal.pending():
            if journal.in_flight(attempt.attempt_id):
                continue  # this process is still waiting for its answer
            answer = http.get(f"/hub/v1/attempts/{attempt.attempt_id}")
            data: dict[str, Any] = (
                answer.json() if answer.headers.get("content-type", "").startswith("application/json") else {}
            )
            if answer.status_code == 404:
                registry, note = Registry.NEVER_RECEIVED, "settled by the hub: never received, so never sent"
            elif answer.status_code == 200 and data.get("outcome") in _REGISTRY:
                registry, note = _REGISTRY[Outcome(data["outcome"])], "settled by the hub's attempt registry"
            else:
                continue  # not known there yet either (or the hub refused to say): ask again later
            this = KnownAttempt(attempt.attempt_id, attempt.action, attempt.time)
            settlement = settle(this, None, (), now(), registry=registry)  # the project's one rule
            if settlement is Settlement.STILL_PENDING:
                continue
            errcode = data.get("errcode") if isinstance(data.get("errcode"), int) else None
            result = replace(settled_result(pending_result(attempt), settlement, None, now()), errcode=errcode)
            if journal.settle(attempt.attempt_id, result, note=note):
                settled.append((attempt.attempt_id, result.outcome))
    return settled
