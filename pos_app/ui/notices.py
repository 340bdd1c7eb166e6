"""The counter model's notices (``pos_app.counter.Notice``) and states in the cashier's words.

The model decides *what* the cashier must be told; this module says it, in the current language.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QCoreApplication

from pos_app.codes import mask
from pos_app.counter import Notice, State, View
from pos_app.models import CardKind

_t = QCoreApplication.translate


def notice_text(notice: Notice, code: str = "", detail: str = "") -> str:
    """One sentence for a notice; ``code`` is shown masked."""
    c = mask(code) if code else ""
    texts = {
        Notice.QUEUED: _t("Notices", "Code {code} is waiting; it is looked up next.").format(code=c),
        Notice.QUEUE_FULL: _t("Notices", "Too many scans are waiting: scan {code} again in a moment.").format(code=c),
        Notice.SAME_CODE_AGAIN: _t("Notices", "Same code scanned again: showing the last result."),
        Notice.NOT_A_CODE: _t("Notices", "The camera saw something that is not a coupon; it keeps looking."),
        Notice.INVALID_INPUT: _t("Notices", "{code} is not a coupon code.").format(code=code[:24] or "—"),
        Notice.NO_CASHIER: _t("Notices", "Nothing is redeemed without a cashier: enter your name (F2)."),
        Notice.NOT_REDEEMABLE: _t("Notices", "This coupon cannot be redeemed."),
        Notice.STORE_RULE: _t("Notices", "This store may not redeem this coupon (chain rule)."),
        Notice.OFFLINE: _t("Notices", "Redeeming is off while there is no connection to WeChat."),
        Notice.MANAGER_DECLINED: _t("Notices", "Not approved: nothing was done."),
        Notice.REASON_INVALID: _t("Notices", "The reason is empty or too long."),
        Notice.CANNOT_ABANDON: _t("Notices", "Wait for WeChat's answer: a redemption cannot be abandoned halfway."),
        Notice.LOOKUP_ABANDONED: _t(
            "Notices", "The lookup was abandoned; nothing was redeemed. Scan again when ready."
        ),
        Notice.CONSUMED_ELSEWHERE: _t(
            "Notices",
            "WeChat says this coupon is used, possibly at another counter. Do not give the discount until "
            "the manager has checked.",
        ),
        Notice.RECORD_NOT_WRITTEN: _t(
            "Notices", "Done as shown, but this counter's record could not be written: tell the manager."
        ),
        Notice.BUG: _t(
            "Notices",
            "Something went wrong in the app. Scan the coupon again to see its state before giving the "
            "discount; tell the manager.",
        ),
    }
    text = texts.get(notice, "")
    if detail and notice is Notice.RECORD_NOT_WRITTEN:
        text += f" ({detail})"
    return text


def status_hint(view: View) -> str:
    """The line at the bottom: what the keys do now."""
    hints = {
        State.READY: _t(
            "MainWindow", "Scan a coupon. Enter looks it up; F9 redeems; F10 marks unavailable; Esc clears."
        ),
        State.LOOKING_UP: _t("MainWindow", "Looking the coupon up… Esc stops waiting."),
        State.SHOWING: _t("MainWindow", "Esc clears; scan the next coupon."),
        State.REDEEMING: _t("MainWindow", "Redeeming… wait for the answer."),
        State.INVALIDATING: _t("MainWindow", "Marking unavailable… wait for the answer."),
        State.CONFIRMING: _t("MainWindow", "Confirming with WeChat… wait; the coupon is checked again automatically."),
        State.DONE: _t("MainWindow", "Done. Scan the next coupon."),
    }
    text = hints.get(view.state, "")
    if view.state is State.SHOWING and view.can_redeem:
        if view.policy is not None and view.policy.needs_override:
            text = _t("MainWindow", "A condition is not met: F9 asks a manager to override it; Esc clears.")
        elif view.result is not None and view.result.card is not None and view.result.card.kind is CardKind.TICKET:
            text = _t("MainWindow", "F9 checks this ticket in; Esc clears.")
        else:
            text = _t("MainWindow", "F9 redeems this coupon; Esc clears.")
    if not view.cashier:
        text = _t("MainWindow", "No cashier: press F2 and enter your name before redeeming.") + " " + text
    if view.queued:
        waiting = _t("MainWindow", "{count} scan(s) waiting, looked up in order.").format(count=len(view.queued))
        text = waiting + " " + text
    return text


def redemption_note(red: Any) -> str:
    """ "Redeemed here at 14:02 by Zhang, terminal 2." - without a terminal part when none is set."""
    when = time.strftime("%H:%M", time.localtime(red.time))
    day = time.strftime("%Y-%m-%d", time.localtime(red.time))
    if day != time.strftime("%Y-%m-%d"):
        when = f"{day} {when}"
    cashier = red.cashier or "—"
    if red.terminal:
        text = _t("MainWindow", "Redeemed here at {time} by {cashier}, terminal {terminal}.")
        return text.format(time=when, cashier=cashier, terminal=red.terminal)
    return _t("MainWindow", "Redeemed here at {time} by {cashier}.").format(time=when, cashier=cashier)
