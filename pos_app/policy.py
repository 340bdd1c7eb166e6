"""What the shown coupon's conditions allow: which passed, failed or are unknown, and what may be deducted.

Pure and Qt-free (part of the counter model, ``pos_app.counter``): conditions come from
``pos_app.rules``; nothing may be deducted unless no condition failed and the minimum spend is known
to be met, or a manager overrode the failed conditions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from pos_app import rules
from pos_app.models import Result, Verdict


class Hold(StrEnum):
    """Why nothing may be deducted (``Policy.hold``)."""

    NOT_REDEEMABLE = "not_redeemable"
    STORE_RULE = "store_rule"  # a chain's hub: this store may not redeem this card (no override)
    CONDITION_FAILED = "condition_failed"  # a manager must override first
    ORDER_TOTAL_NEEDED = "order_total_needed"  # minimum spend or percent off: enter the order total
    NO_AMOUNT = "no_amount"  # a gift, a groupon...: nothing to take off the bill


@dataclass(frozen=True)
class Policy:
    """The merchant's conditions for the shown coupon and what may be deducted."""

    checks: tuple[rules.ConditionCheck, ...] = ()
    order_total_fen: int | None = None
    redeemable: bool = False
    overridden: bool = False  # a manager approved redeeming despite the failed conditions
    deduction: rules.Deduction | None = None  # None: nothing may be deducted (see ``hold``)
    hold: Hold | None = Hold.NOT_REDEEMABLE

    @property
    def passed(self) -> tuple[rules.ConditionCheck, ...]:
        return tuple(c for c in self.checks if c.state is rules.CheckState.PASS)

    @property
    def failed(self) -> tuple[rules.ConditionCheck, ...]:
        return tuple(c for c in self.checks if c.state is rules.CheckState.FAIL)

    @property
    def unknown(self) -> tuple[rules.ConditionCheck, ...]:
        return tuple(c for c in self.checks if c.state is rules.CheckState.UNKNOWN)

    @property
    def needs_override(self) -> bool:
        return self.redeemable and bool(self.failed) and not self.overridden

    @property
    def deductible_fen(self) -> int:
        return self.deduction.amount_fen if self.deduction is not None else 0

    def override_note(self) -> str:
        """What the journal records of an override (English: a record, not a screen)."""
        if not self.failed or not self.overridden:
            return ""
        return "override: " + "; ".join(c.text(_english) for c in self.failed)


def _english(context: str, text: str) -> str:
    del context
    return text


def evaluate_policy(
    result: Result,
    now: float,
    store_location_id: int | None,
    order_total_fen: int | None,
    overridden: frozenset[rules.CheckKind] = frozenset(),
) -> Policy:
    """The Policy of ``result`` at ``now`` (epoch seconds) for this store and order total.

    ``overridden``: the kinds of failed conditions a manager approved.  Not redeemable: only the
    validity check is kept (the rest would be noise) and nothing may be deducted.
    """
    card = result.card
    redeemable = result.verdict is Verdict.REDEEMABLE
    refused = Hold.STORE_RULE if result.verdict is Verdict.STORE_NOT_ALLOWED else Hold.NOT_REDEEMABLE
    if card is None:
        return Policy((), order_total_fen, redeemable, False, None, Hold.NO_AMOUNT if redeemable else refused)
    moment = datetime.fromtimestamp(now).astimezone()
    checks = tuple(rules.evaluate(card, moment, store_location_id, order_total_fen, result.info))
    if not redeemable:
        checks = tuple(c for c in checks if c.kind is rules.CheckKind.VALIDITY)
        return Policy(checks, order_total_fen, False, False, None, refused)
    failed_kinds = {c.kind for c in checks if c.state is rules.CheckState.FAIL}
    is_overridden = bool(failed_kinds) and failed_kinds <= overridden
    spend_unknown = any(c.kind is rules.CheckKind.MINIMUM_SPEND and c.state is rules.CheckState.UNKNOWN for c in checks)
    hold: Hold | None = None
    if failed_kinds and not is_overridden:
        hold = Hold.CONDITION_FAILED
    elif spend_unknown and not is_overridden:
        hold = Hold.ORDER_TOTAL_NEEDED
    deduction = rules.deduction(card, order_total_fen) if hold is None else None
    if hold is None and deduction is None:
        hold = Hold.ORDER_TOTAL_NEEDED if order_total_fen is None and card.discount else Hold.NO_AMOUNT
    return Policy(checks, order_total_fen, True, is_overridden, deduction, hold)


__all__ = ["Hold", "Policy", "evaluate_policy"]
