"""The manager's settings from the counter: behind the PIN, saved, and applied at once.

Saving (or replacing the credentials) rebuilds the client on the window's worker - in order with the
lookups before and after it - so the next call goes to the new address with the new credentials
(``pos_app.ui.reconfigure``); the counter's store and who/where follow at once (``applied``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from pos_app.ui.dialogs import accepted, open_dialog
from pos_app.ui.guards import ManagerGuards
from pos_app.ui.worker import SerialWorker

log = logging.getLogger("ui")


class SettingsFlow(QObject):
    """``applied()`` once saved settings are in use; ``failed(text)`` when the client could not be rebuilt;
    ``closed()`` when the dialogs are gone."""

    applied = Signal()
    failed = Signal(str)
    closed = Signal()

    def __init__(
        self,
        window: QWidget,
        services: Any,
        guards: ManagerGuards,
        worker: SerialWorker,
        workflow: Callable[[], Any] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.guards = guards
        self.worker = worker
        self.workflow = workflow if workflow is not None else (lambda: getattr(window, "workflow", None))
        self.dialog: QWidget | None = None  # reachable for tests and screenshots

    def open(self) -> None:
        from pos_app.ui.settings_dialog import SettingsDialog

        def approved(ok: bool) -> None:
            if not ok:
                self.closed.emit()
                return
            dialog = SettingsDialog(self.services.config, self.window, getattr(self.services, "client", None))
            self.dialog = dialog

            def finished(result: int) -> None:
                self.dialog = None
                if accepted(result) or dialog.credentials_replaced:
                    self.apply()
                self.closed.emit()

            open_dialog(dialog, finished)

        self.guards.approve("settings", approved)

    def apply(self) -> None:
        """The store and who/where at once; the client on the worker."""
        from pos_app.ui.reconfigure import reconfigure

        self.applied.emit()
        services, workflow = self.services, self.workflow()

        def rebuild() -> None:
            reconfigure(services)
            if workflow is not None:
                workflow.client = services.client

        self.worker.submit(rebuild, None, self._failed, name="reconfigure")

    def _failed(self, exc: BaseException) -> None:
        log.warning("the new settings could not be applied to the client: %s", exc)
        text = getattr(exc, "message", None)
        self.failed.emit(
            QCoreApplication.translate("messages", text) if text else self.tr("The new settings could not be applied.")
        )
