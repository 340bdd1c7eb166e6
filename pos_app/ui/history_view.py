"""History: the journal's operations, newest first, searchable by code and filterable by day/outcome/cashier.

Every query runs on this window's own background worker (``SerialWorker``), never on the GUI thread;
typing is debounced so a fast typist does not queue a query per key, and an answer that arrives
after a newer query was started is dropped.  Codes are shown masked (last 4 characters) - the journal
keeps them in full, and a full code or its last digits still find the row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app import i18n
from pos_app.codes import mask
from pos_app.models import Outcome
from pos_app.ui import icons
from pos_app.ui.dialogs import open_dialog, open_over_services
from pos_app.ui.journal_words import action_word, outcome_word
from pos_app.ui.report_view import ReportView
from pos_app.ui.worker import SerialWorker

PAGE = 200
DEBOUNCE_MS = 250
_ModelIndex = QModelIndex | QPersistentModelIndex


OUTCOME_COLOURS = {
    Outcome.REDEEMED: "#1b7f3b",
    Outcome.INVALIDATED: "#55595f",
    Outcome.REFUSED: "#b3261e",
    Outcome.NOT_REDEEMABLE: "#b3261e",
    Outcome.ERROR: "#b86e00",
    Outcome.PENDING: "#b86e00",
    Outcome.CONSUMED_ELSEWHERE: "#b86e00",
}


MAX_TEXT_COLUMN = 220  # px: the coupon, value and note columns (the full text is in the tooltip)


class HistoryModel(QAbstractTableModel):
    """Rows are ``pos_app.journal.Row``; texts are rendered in the current language on demand."""

    # What happened first (the outcome beside the time), then what it was about; who and where last.
    COLUMNS = ("time", "action", "outcome", "code", "coupon", "value", "cashier", "terminal", "note")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def headers(self) -> list[str]:
        titles = {
            "time": self.tr("Time"),
            "terminal": self.tr("Terminal"),
            "cashier": self.tr("Cashier"),
            "action": self.tr("Action"),
            "code": self.tr("Code"),
            "coupon": self.tr("Coupon"),
            "value": self.tr("Value"),
            "outcome": self.tr("Outcome"),
            "note": self.tr("Reason / note"),
        }
        return [titles[c] for c in self.COLUMNS]

    def set_rows(self, rows: list[Any], append: bool = False) -> None:
        if append:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
            return
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.COLUMNS) - 1))

    def rowCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def text(self, row: Any, column: str) -> str:
        if column == "time":
            return row.local_time.strftime("%Y-%m-%d %H:%M:%S")
        if column == "terminal":
            return row.terminal
        if column == "cashier":
            return row.cashier
        if column == "action":
            return action_word(row.action)
        if column == "code":
            return mask(row.code)
        if column == "coupon":
            return row.title
        if column == "value":
            return row.value(i18n.get_language())
        if column == "outcome":
            word = outcome_word(row.outcome)
            return f"{word} ({row.errcode})" if row.errcode else word
        if column == "note":
            return " · ".join(part for part in (row.reason, row.note) if part)
        return ""

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == "outcome":
            colour = OUTCOME_COLOURS.get(row.outcome)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and column == "code":
            return self.tr("Search the full code or its last digits to find this row.")
        return None


class HistoryView(QDialog):
    """``journal`` is a ``pos_app.journal.Journal`` (or None when the app runs without one)."""

    def __init__(
        self,
        journal: Any,
        parent: QWidget | None = None,
        *,
        config: Any = None,
        reconcile: Callable[[], Any] | None = None,
        open_stats: Callable[[QWidget], Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.config = config  # passed on to the shift report (manager PIN for acknowledgements)
        self.reconcile = reconcile
        self.setWindowIcon(icons.app_icon())
        self.resize(1000, 600)
        self.worker = SerialWorker(self, name="history")
        self._generation = 0  # answers of older queries are dropped
        self._exhausted = False
        self.queries = 0  # how many queries ran (tests, diagnostics)

        self.search = QLineEdit(self)
        self.search.setMinimumWidth(200)  # its hint ("whole code or its last digits") stays readable
        self.search.setClearButtonEnabled(True)
        self.search.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.any_day = QCheckBox(self)
        self.any_day.setChecked(True)
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setEnabled(False)
        self.outcome = QComboBox(self)
        self.outcome.addItem("", None)
        for outcome in Outcome:
            self.outcome.addItem("", outcome.value)
        self.cashier = QLineEdit(self)
        self.cashier.setClearButtonEnabled(True)
        self.report_button = QPushButton(self)
        self.report_button.clicked.connect(self.open_report)
        self.stats_button = QPushButton(self)  # WeChat's own coupon statistics (the window gives the client)
        self.stats_button.setVisible(open_stats is not None)
        if open_stats is not None:
            self.stats_button.clicked.connect(lambda: open_stats(self))

        filters = QHBoxLayout()
        self.search_label, self.cashier_label = QLabel(self), QLabel(self)
        self.search_label.setBuddy(self.search)
        self.cashier_label.setBuddy(self.cashier)
        filters.addWidget(self.search_label)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.any_day)
        filters.addWidget(self.day)
        filters.addWidget(self.outcome)
        filters.addWidget(self.cashier_label)
        filters.addWidget(self.cashier, 1)

        self.model = HistoryModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Sized once per new result from a sample of rows: ResizeToContents would measure every cell
        # again on each change, which stalls the GUI thread for hundreds of ms on a full page.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(40)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)

        self.status = QLabel(self)
        self.more_button = QPushButton(self)
        self.more_button.clicked.connect(self.load_more)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.more_button)
        bottom.addWidget(self.report_button)
        bottom.addWidget(self.stats_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.cashier.textChanged.connect(self._debounce.start)
        self.any_day.toggled.connect(self._day_toggled)
        self.day.dateChanged.connect(self.refresh)
        self.outcome.currentIndexChanged.connect(self.refresh)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("History"))
        self.search_label.setText(self.tr("&Code:"))
        self.search.setPlaceholderText(self.tr("whole code or its last digits"))
        self.any_day.setText(self.tr("Any &day"))
        self.outcome.setItemText(0, self.tr("All outcomes"))
        for i, outcome in enumerate(Outcome, start=1):
            self.outcome.setItemText(i, outcome_word(outcome))
        self.cashier_label.setText(self.tr("Cas&hier:"))
        self.cashier.setPlaceholderText(self.tr("all"))
        self.more_button.setText(self.tr("Show &more"))
        self.report_button.setText(self.tr("Shift &report…"))
        self.stats_button.setText(self.tr("Coupon &statistics…"))
        self.close_button.setText(self.tr("Close"))
        self.model.retranslate()
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _day_toggled(self, any_day: bool) -> None:
        self.day.setEnabled(not any_day)
        self.refresh()

    def filters(self) -> dict[str, Any]:
        qd = self.day.date()
        return {
            "code_substring": self.search.text().strip() or None,
            "day": None if self.any_day.isChecked() else date(qd.year(), qd.month(), qd.day()),
            "outcome": self.outcome.currentData(),
            "cashier": self.cashier.text().strip() or None,
        }

    def refresh(self) -> None:
        self._debounce.stop()
        self._query()

    def load_more(self) -> None:
        # The next page starts below the last row shown (not at an offset): rows the counter journals
        # meanwhile arrive on top and would otherwise push rows already shown into the next page.
        self._query(before_id=self.model.rows[-1].id if self.model.rows else None)

    def _query(self, before_id: int | None = None) -> None:
        if self.journal is None:
            self.status.setText(self.tr("The journal is not available."))
            return
        self._generation += 1
        generation = self._generation
        filters = self.filters()
        journal = self.journal
        self.more_button.setEnabled(False)
        self.queries += 1

        def run() -> list[Any]:
            return list(journal.search(limit=PAGE, before_id=before_id, **filters))

        append = before_id is not None
        self.worker.submit(
            run,
            lambda rows: self._show(generation, rows, append),
            lambda exc: self._failed(generation, exc),
            name="history-search",
        )

    def _show(self, generation: int, rows: list[Any], append: bool) -> None:
        if generation != self._generation:
            return  # a newer query is on its way
        self.model.set_rows(rows, append=append)
        if not append:
            self.table.resizeColumnsToContents()
            for column in ("coupon", "value", "note"):  # long texts never push the rest off-screen
                index = self.model.COLUMNS.index(column)
                self.table.setColumnWidth(index, min(self.table.columnWidth(index), MAX_TEXT_COLUMN))
        self._exhausted = len(rows) < PAGE
        self.more_button.setEnabled(not self._exhausted)
        self._show_count()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.status.setText(self.tr("The journal could not be read: {error}").format(error=type(exc).__name__))

    def _show_count(self) -> None:
        if self.journal is None:
            return
        n = len(self.model.rows)
        if n and not self._exhausted:
            self.status.setText(self.tr("Newest {count} operations shown").format(count=n))
        else:
            self.status.setText(self.tr("{count} operations").format(count=n))

    def open_report(self) -> None:
        cashier = self.cashier.text().strip() or None
        view = ReportView(self.journal, self, cashier=cashier, config=self.config, reconcile=self.reconcile)
        open_dialog(view)

    def done(self, result: int) -> None:
        self.worker.shutdown(timeout=2.0)
        super().done(result)


def open_history(parent: QWidget | None, services: Any) -> Any:
    """History over ``services.journal`` (non-blocking; returns the open view)."""
    return open_over_services(HistoryView, parent, services)
