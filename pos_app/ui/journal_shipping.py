"""The counter window ships its journal to the chain's hub by itself, and says so quietly.

The decisions (when, backing off, what the status is) are ``pos_app.shipping``'s; this module runs them:
a timer asks ``due()`` every few seconds, the ship runs on a worker of its own (never on the GUI thread,
never in the way of the cashier's lookups), and one small line in the window's status area reads
"Journal: all rows at the hub (14:05)" or "Journal: 12 rows not yet at the hub (hub unreachable since
14:02)".  Without a hub (or in training) nothing runs and the line stays hidden.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLabel

from pos_app.models import Action, Result
from pos_app.rules import moment_phrase
from pos_app.shipping import JournalShipping, ShipStatus
from pos_app.ui.style import AMBER, GREY, RED
from pos_app.ui.translations import qt_tr
from pos_app.ui.worker import SerialWorker

log = logging.getLogger("ui")

TICK_MS = 5_000  # how often the timer asks whether a ship is due (the interval itself is the model's)


def _hm(ts: float | None) -> str:
    if ts is None:
        return "?"
    when = moment_phrase(ts, time.time())
    return when if isinstance(when, str) else when.render(qt_tr)


class JournalShipView(QObject):
    """Runs ``shipping`` on a timer and renders its status in ``label`` (``shipping`` None: idle)."""

    def __init__(self, shipping: JournalShipping | None, label: QLabel, *, tick_ms: int = TICK_MS) -> None:
        super().__init__(label)
        self.shipping = shipping
        self.label = label
        self.status: ShipStatus | None = None
        self.worker: SerialWorker | None = None
        self.timer = QTimer(self, timeout=self.tick)
        label.hide()
        label.installEventFilter(self)
        if shipping is None:
            return
        self.worker = SerialWorker(name="pos-ship")
        self.timer.start(tick_ms)
        QTimer.singleShot(0, self.tick)  # the first ship at start (after the window is up)

    def tick(self) -> None:
        if self.shipping is None or self.worker is None or not self.shipping.due():
            return
        self.worker.submit(self.shipping.run, self._show, _log_failure, busy=False, name="ship-journal")

    def soon(self) -> None:
        """A redemption or a shift close: ship now (unless the hub is unreachable: the backoff holds)."""
        if self.shipping is not None:
            self.shipping.soon()
            self.tick()

    def noted(self, result: Result) -> None:
        """An operation ended: a redemption (or unavailable) goes to the hub at once."""
        if result.action is not Action.LOOKUP:
            self.soon()

    def shutdown(self) -> None:
        self.timer.stop()
        if self.worker is not None:
            self.worker.shutdown()
        if self.shipping is not None:
            self.shipping.close()

    def _show(self, status: ShipStatus) -> None:
        self.status = status
        self._render()

    def _render(self) -> None:
        status = self.status
        if status is None:
            return
        colour = GREY
        if status.refused:
            text = self.tr("Journal: the hub refuses this counter's rows ({reason}). Tell the manager.").format(
                reason=status.refused
            )
            colour = RED
        elif status.unreachable_since is not None:
            text = self.tr("Journal: {count} row(s) not yet at the hub (hub unreachable since {time})").format(
                count=status.not_at_hub, time=_hm(status.unreachable_since)
            )
            colour = AMBER
        elif status.all_at_hub:
            text = self.tr("Journal: all rows at the hub ({time})").format(time=_hm(status.checked_at))
        else:
            text = self.tr("Journal: {count} row(s) not yet at the hub ({time})").format(
                count=status.not_at_hub, time=_hm(status.checked_at)
            )
        self.label.setText(text)
        self.label.setStyleSheet(f"color: {colour};")
        self.label.setProperty("shipState", "refused" if status.refused else "ok" if status.all_at_hub else "behind")
        self.label.show()

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if watched is self.label and event.type() == QEvent.Type.LanguageChange:
            self._render()
        return False


def _log_failure(exc: BaseException) -> None:
    log.warning("journal shipping failed unexpectedly: %s", exc)


__all__ = ["JournalShipView"]
