"""Is WeChat reachable?  The offline banner, the background probe and the settling of lost answers.

The window tells this object what each answer showed (``note``); while offline it probes the service
every few seconds with a plain TCP connection (no request, no token), and when the service is back it
asks the core to settle operations whose answer had been lost (``services.reconcile``) and shows what
really happened in a non-modal notice.  All network work runs on the window's serial worker.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from pos_app.models import Outcome, Result, Verdict
from pos_app.ui import style
from pos_app.ui.style import OFFLINE_BG
from pos_app.ui.worker import SerialWorker

log = logging.getLogger("ui")

PROBE_MS = 10_000  # while offline, check every 10 s whether the service is reachable again
PROBE_TIMEOUT_S = 3.0


def is_no_answer(result: Result) -> bool:
    """The service could not be reached or did not answer (not: it answered "no")."""
    return result.verdict is Verdict.ERROR and result.errcode is None and result.outcome is not Outcome.PENDING


def probe(base_url: str, timeout: float = PROBE_TIMEOUT_S) -> bool:
    """Can we open a TCP connection to the service?  Cheap, sends no request, needs no token."""
    parts = urlsplit(base_url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "", port), timeout=timeout):
            return True
    except OSError:
        return False


class OfflineBanner(QLabel):
    """The red strip across the window while WeChat cannot be reached."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offlineBanner")
        self.setWordWrap(True)
        self.setFont(style.font(style.DETAIL_PT + 2, bold=True))
        self.setStyleSheet(f"background: {OFFLINE_BG}; color: white; padding: 8px; border-radius: 6px;")
        self.hide()
        self.via_hub = False  # a chain's counter reaches WeChat through the hub: the hub is what is missing
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if self.via_hub:
            self.setText(
                self.tr(
                    "No connection to the chain's hub (this counter reaches WeChat through it). Redeeming is off "
                    "until the connection is back; check the network cable or Wi-Fi. The app keeps trying."
                )
            )
            return
        self.setText(
            self.tr(
                "No connection to WeChat. Redeeming is off until the connection is back; "
                "check the network cable or Wi-Fi. The app keeps trying."
            )
        )


class Connectivity(QObject):
    """``changed(offline)`` when the state flips.  ``services`` gives ``client.base_url`` and ``reconcile``."""

    changed = Signal(bool)

    def __init__(
        self,
        services: Any,
        worker: SerialWorker,
        banner: OfflineBanner,
        *,
        probe_ms: int = PROBE_MS,
        notice_parent: Callable[[], QWidget],
        after_notice: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(banner)
        self.services = services
        self.worker = worker
        self.banner = banner
        self.offline = False
        self._notice_parent = notice_parent
        self._after_notice = after_notice
        self.reconciled_box: QMessageBox | None = None
        self.timer = QTimer(self, timeout=self.probe)
        self.timer.setInterval(probe_ms)
        config = getattr(services, "config", None)
        banner.via_hub = bool(getattr(config, "hub_terminal", False)) and not getattr(services, "demo", False)
        banner.retranslate_ui()

    def note(self, result: Result) -> None:
        """What an answer tells about the connection."""
        if is_no_answer(result):
            self.set_offline(True)
        elif result.outcome is not Outcome.PENDING:
            self.set_offline(False)

    def set_offline(self, offline: bool) -> None:
        if offline == self.offline:
            return
        self.offline = offline
        self.banner.setVisible(offline)
        if offline:
            self.timer.start()
        else:
            self.timer.stop()
            self.reconcile()  # answers lost while offline are settled as soon as WeChat is back
        self.changed.emit(offline)

    def stop(self) -> None:
        self.timer.stop()

    def probe(self) -> None:
        base = self.services.client.base_url
        self.worker.submit(lambda: probe(base), self._probe_answer, _log_failure, busy=False, name="probe")

    def _probe_answer(self, reachable: bool) -> None:
        if reachable:
            self.set_offline(False)

    def reconcile(self) -> None:
        if getattr(self.services, "journal", None) is None or not hasattr(self.services, "reconcile"):
            return
        self.worker.submit(self.services.reconcile, self._show_reconciled, _log_failure, busy=False, name="reconcile")

    def _show_reconciled(self, resolutions: list[Any]) -> None:
        """Operations whose answer had been lost are settled: tell the cashier what really happened."""
        if not resolutions:
            return
        box = QMessageBox(self._notice_parent())
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Earlier operations checked"))
        box.setText(self.tr("WeChat has now answered about operations whose answer had been lost:"))
        box.setInformativeText("\n".join(r.text() for r in resolutions))
        box.setWindowModality(Qt.WindowModality.NonModal)  # a notice: the counter keeps working
        box.finished.connect(self._after_notice)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reconciled_box = box
        box.show()


def _log_failure(exc: BaseException) -> None:
    log.warning("background task failed: %s", exc)


__all__ = ["Connectivity", "OfflineBanner", "is_no_answer", "probe"]
