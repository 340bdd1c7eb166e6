"""Operations whose outcome is not known yet (a lost answer, a crash mid-request), for the end of a shift.

They are settled by asking WeChat again (``services.reconcile()``, also run at every start and
reconnect).  While the service cannot answer, a manager may acknowledge them explicitly, behind the
manager PIN, so the shift can be closed; they stay listed until WeChat's answer settles them.  Codes
are masked; all journal work runs on this window's background worker.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.codes import mask
from pos_app.ui import icons
from pos_app.ui.journal_words import action_word
from pos_app.ui.pin_dialog import ask_manager
from pos_app.ui.worker import SerialWorker

ERROR_STYLE = "color: #b3261e; font-weight: bold;"


class PendingView(QDialog):
    """``config`` guards acknowledging with the manager PIN; ``reconcile`` (optional) asks WeChat again."""

    def __init__(
        self,
        journal: Any,
        config: Any,
        parent: QWidget | None = None,
        reconcile: Callable[[], Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.config = config
        self.reconcile = reconcile
        self.pending: list[Any] = []
        self.setWindowIcon(icons.app_icon())
        self.resize(860, 420)
        self.worker = SerialWorker(self, name="pending")

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 6, self)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.manager = QLineEdit(getattr(config, "cashier", "") or "", self)
        self.manager_label = QLabel(self)
        self.manager_label.setBuddy(self.manager)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.check_button, self.ack_button, self.close_button = QPushButton(self), QPushButton(self), QPushButton(self)
        self.check_button.clicked.connect(self.check_again)
        self.check_button.setVisible(reconcile is not None)
        self.ack_button.clicked.connect(self.acknowledge_selected)
        self.close_button.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.manager_label)
        row.addWidget(self.manager, 1)
        row.addWidget(self.ack_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Unresolved operations"))
        self.intro.setText(
            self.tr(
                "WeChat's answer to these operations is not known yet. They are checked again at every start "
                "and when the connection comes back. Only if WeChat cannot be reached may a manager "
                "acknowledge them so the shift can be closed; they stay listed until WeChat answers."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Terminal"),
                self.tr("Cashier"),
                self.tr("Action"),
                self.tr("Code"),
                self.tr("Acknowledged by"),
            ]
        )
        self.manager_label.setText(self.tr("&Manager:"))
        self.ack_button.setText(self.tr("&Acknowledge selected…"))
        self.check_button.setText(self.tr("Check with WeChat &now"))
        self.close_button.setText(self.tr("Close"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.pending))
        for r, p in enumerate(self.pending):
            values = [
                datetime.fromtimestamp(p.time).strftime("%Y-%m-%d %H:%M:%S"),
                p.terminal,
                p.cashier,
                action_word(p.action),
                mask(p.code),
                p.acknowledged_by or "",
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, p.attempt_id)
                self.table.setItem(r, c, item)
        self.ack_button.setEnabled(bool(self.pending))

    def _run(self, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        def failed(exc: BaseException) -> None:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(self.tr("The journal could not be read: {error}").format(error=type(exc).__name__))

        self.worker.submit(fn, done, failed, name="pending")

    def refresh(self) -> None:
        journal = self.journal
        if journal is None:
            return

        def shown(rows: list[Any]) -> None:
            self.pending = rows
            self._fill()

        self._run(lambda: list(journal.pending()), shown)

    def selected_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.pending[r].attempt_id for r in rows if r < len(self.pending)]

    def acknowledge_selected(self) -> None:
        ids = self.selected_ids()
        manager = self.manager.text().strip()
        self.message.setStyleSheet(ERROR_STYLE)
        if not ids:
            self.message.setText(self.tr("Select the operations to acknowledge."))
            return
        if not manager:
            self.message.setText(self.tr("Enter the manager's name."))
            return
        ask_manager(self, self.config, "acknowledge", lambda ok: self._acknowledge(ids, manager) if ok else None)

    def _acknowledge(self, ids: list[str], manager: str) -> None:
        journal = self.journal

        def run() -> int:
            done = 0
            for attempt_id in ids:
                try:
                    journal.acknowledge(attempt_id, manager, "acknowledged in the shift report")
                    done += 1
                except ValueError:  # settled meanwhile (NotPendingError): nothing to acknowledge
                    pass
            return done

        def finished(count: int) -> None:
            self.message.setStyleSheet("")
            self.message.setText(self.tr("Acknowledged: {count}").format(count=count))
            self.refresh()

        self._run(run, finished)

    def check_again(self) -> None:
        if self.reconcile is None:
            return
        self.check_button.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Asking WeChat…"))

        def finished(resolved: Any) -> None:
            self.check_button.setEnabled(True)
            self.message.setText(self.tr("Settled: {count}").format(count=len(list(resolved or []))))
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.check_button.setEnabled(True)
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(self.tr("WeChat could not be asked: {error}").format(error=type(exc).__name__))

        self.worker.submit(self.reconcile, finished, failed, name="reconcile")

    def done(self, result: int) -> None:
        self.worker.shutdown(timeout=2.0)
        super().done(result)
