"""Background notes about the code on screen: "This customer has N more of our coupons" after a lookup,
and when an already-redeemed code was redeemed here.  Both are read on the window's worker
(``busy=False``: the cashier never waits for them) and shown only under the code they were read for.
The customer's other coupons take up to ~20 calls: they run on a worker of their own, so the next scan's
lookup never queues behind them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from pos_app import stats
from pos_app.models import Result, Verdict
from pos_app.ui.notices import redemption_note
from pos_app.ui.result_panel import ResultPanel
from pos_app.ui.translations import qt_tr
from pos_app.ui.worker import SerialWorker

log = logging.getLogger("ui")


class CodeNotes:
    """``current()`` is the result on screen now (a note for another result is dropped)."""

    def __init__(
        self, services: Any, worker: SerialWorker, panel: ResultPanel, current: Callable[[], Result | None]
    ) -> None:
        self.services = services
        self.worker = worker
        self.panel = panel
        self.current = current
        self.background = SerialWorker(name="pos-notes")  # never in the way of the cashier's own calls

    def shutdown(self) -> None:
        self.background.shutdown()

    def other_coupons(self, result: Result) -> None:
        """After a lookup that WeChat answered: what else this customer (openid) holds of ours."""
        openid = result.info.openid if result.info is not None else ""
        if not openid or result.verdict is Verdict.ERROR:
            return
        client, code = self.services.client, result.code

        def fetch() -> list[stats.OtherCoupon]:
            return stats.customer_coupons(client, openid, exclude_code=code)

        def show(coupons: list[stats.OtherCoupon]) -> None:
            if coupons:
                self.panel.set_other_coupons(
                    code, lambda: stats.other_coupons_text(coupons, datetime.now().astimezone(), qt_tr)
                )

        def failed(exc: BaseException) -> None:  # a nicety: the counter goes on without it
            log.info("could not read the customer's other coupons: %s", type(exc).__name__)

        self.background.submit(fetch, show, failed, busy=False, name="other-coupons")

    def last_redemption(self, result: Result) -> None:
        journal = getattr(self.services, "journal", None)
        if journal is None or (result.info is not None and result.info.chain_change is not None):
            return  # the chain's hub already said where and by whom (pos_app.chain)
        code = result.code

        def show(red: Any) -> None:
            if red is not None and self.current() is result:
                self.panel.set_note(lambda: redemption_note(red))

        def failed(exc: BaseException) -> None:
            log.warning("background task failed: %s", exc)

        self.worker.submit(lambda: journal.last_redemption(code), show, failed, busy=False)


__all__ = ["CodeNotes"]
