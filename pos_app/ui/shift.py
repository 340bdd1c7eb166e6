"""The shift: who works this till, and F11's close - unresolved operations, the report, the next cashier.

A shift closes only when no operation is left unresolved (or a manager acknowledged it); then this
cashier's shift report, then the next cashier's name.  Every step is a window-modal dialog opened with
``open()``; the journal is read on the window's worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from pos_app.ui.dialogs import accepted, open_dialog
from pos_app.ui.worker import SerialWorker

log = logging.getLogger("ui")


class ShiftFlow(QObject):
    """``cashier_changed(name)`` when a name was given ("" when the shift closed)."""

    cashier_changed = Signal(str)

    def __init__(self, window: QWidget, services: Any, worker: SerialWorker, cashier: str = "") -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.worker = worker
        self.cashier = cashier
        self.started = date.today()
        self.cashier_dialog: QInputDialog | None = None
        self.close_shift_box: QMessageBox | None = None
        self.shift_report: QWidget | None = None
        self.pending_view: QWidget | None = None

    # -- cashier -----------------------------------------------------------------------------------

    def ask_cashier(self, then: Callable[[bool], None] | None = None) -> None:
        """Shift start: who works this till?  Recorded with every operation."""
        if self.cashier_dialog is not None:
            return
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(self.tr("Shift start"))
        dialog.setLabelText(self.tr("Cashier name:"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(self.cashier or self.services.config.cashier)
        self.cashier_dialog = dialog

        def done(result: int) -> None:
            self.cashier_dialog = None
            name = dialog.textValue().strip()
            ok = accepted(result) and bool(name)
            if ok:
                self.set_cashier(name)
            if then is not None:
                then(ok)

        open_dialog(dialog, done)

    def set_cashier(self, name: str) -> None:
        if name != self.cashier:
            self.started = date.today()
        self.cashier = name
        self.cashier_changed.emit(name)

    # -- close -------------------------------------------------------------------------------------

    def close_shift(self) -> None:
        """F11: check the journal for unresolved operations (worker), then report or refuse."""
        journal = getattr(self.services, "journal", None)
        if journal is None:
            return
        self.worker.submit(journal.unacknowledged, self._checked, _log_failure, busy=False, name="close-shift")

    def _checked(self, unresolved: list[Any]) -> None:
        if unresolved:
            self._refuse(len(unresolved))
        else:
            self._report()

    def _refuse(self, count: int) -> None:
        from pos_app.ui.pending_view import PendingView

        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("The shift cannot be closed yet"))
        box.setText(
            self.tr(
                "{count} operation(s) have no confirmed outcome yet. WeChat is asked again when the "
                "connection is back; a manager may acknowledge them to close the shift now."
            ).format(count=count)
        )
        show = box.addButton(self.tr("Show them"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        self.close_shift_box = box

        def answered(_result: int) -> None:
            self.close_shift_box = None
            if box.clickedButton() is not show:
                return
            view = PendingView(self.services.journal, self.services.config, self.window, self.services.reconcile)
            self.pending_view = view

            def closed(_r: int) -> None:
                self.pending_view = None

            open_dialog(view, closed)

        open_dialog(box, answered)

    def _report(self) -> None:
        from pos_app.ui.report_view import ReportView

        report = ReportView(
            self.services.journal,
            self.window,
            since=self.started,
            until=date.today(),
            cashier=self.cashier or None,
            config=self.services.config,
            reconcile=self.services.reconcile,
        )
        self.shift_report = report

        def closed(_result: int) -> None:
            self.shift_report = None
            self.cashier = ""
            self.cashier_changed.emit("")
            self.ask_cashier()  # the next shift starts with a name

        open_dialog(report, closed)


def _log_failure(exc: BaseException) -> None:
    log.warning("background task failed: %s", exc)


__all__ = ["ShiftFlow"]
