"""The journal's outcomes and actions in the cashier's words (History, the shift report, pending views)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_app.models import Action, Outcome


def outcome_word(outcome: Outcome | str) -> str:
    """The outcome in the cashier's words (also used by the shift report)."""
    translate = QCoreApplication.translate
    words = {
        Outcome.REDEEMABLE: translate("History", "Redeemable"),
        Outcome.NOT_REDEEMABLE: translate("History", "Not redeemable"),
        Outcome.REDEEMED: translate("History", "Redeemed"),
        Outcome.INVALIDATED: translate("History", "Marked unavailable"),
        Outcome.REFUSED: translate("History", "Refused"),
        Outcome.ERROR: translate("History", "Error"),
        Outcome.PENDING: translate("History", "Not confirmed yet"),
        Outcome.CONSUMED_ELSEWHERE: translate("History", "Used, possibly at another counter"),
    }
    try:
        return words[Outcome(outcome)]
    except ValueError:
        return str(outcome)


def action_word(action: Action | str) -> str:
    translate = QCoreApplication.translate
    words = {
        Action.LOOKUP: translate("History", "Lookup"),
        Action.REDEEM: translate("History", "Redeem"),
        Action.INVALIDATE: translate("History", "Mark unavailable"),
    }
    try:
        return words[Action(action)]
    except ValueError:
        return str(action)
