"""A manager's view of WeChat's own coupon statistics: per coupon, how many were issued to customers,
redeemed and gifted over a range of days (``pos_app.stats.fetch``, the datacube API).

The range defaults to the last 7 days ending yesterday (WeChat has nothing for today).  A range the API
would refuse (more than 62 days, reaching today, start after end) is refused here, in words, before any
call.  The calls run on the window's serial worker; an answer for an older range is dropped.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app import stats
from pos_app.errors import PosAppError
from pos_app.ui import icons
from pos_app.ui.dialogs import open_dialog
from pos_app.ui.style import RED
from pos_app.ui.translations import qt_tr
from pos_app.ui.verdict_words import message_text
from pos_app.ui.worker import SerialWorker

log = logging.getLogger("ui")

DAYS_SHOWN = 7


def default_range(today: date | None = None) -> tuple[date, date]:
    """The last 7 days ending yesterday (Beijing's day, as WeChat counts)."""
    end = (today or stats.beijing_today()) - timedelta(days=1)
    return end - timedelta(days=DAYS_SHOWN - 1), end


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class StatsDialog(QDialog):
    """``client`` reads WeChat (``services.client``); ``worker`` is the window's serial worker."""

    COLUMNS = 4

    def __init__(self, client: Any, worker: SerialWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.worker = worker
        self.report: stats.StatsReport | None = None
        self._generation = 0
        self.setWindowIcon(icons.app_icon())
        self.resize(760, 480)
        begin, end = default_range()
        self.begin = QDateEdit(_qdate(begin), self)
        self.end = QDateEdit(_qdate(end), self)
        for edit in (self.begin, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.begin_label, self.end_label = QLabel(self), QLabel(self)
        self.begin_label.setBuddy(self.begin)
        self.end_label.setBuddy(self.end)
        self.show_button = QPushButton(self)
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.refresh)
        row = QHBoxLayout()
        for w in (self.begin_label, self.begin, self.end_label, self.end, self.show_button):
            row.addWidget(w)
        row.addStretch(1)

        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Coupon statistics from WeChat"))
        self.begin_label.setText(self.tr("&From:"))
        self.end_label.setText(self.tr("&To:"))
        self.show_button.setText(self.tr("&Show"))
        self.close_button.setText(self.tr("Close"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Coupon"), self.tr("Issued to customers"), self.tr("Redeemed"), self.tr("Gifted to friends")]
        )
        if self.report is not None:
            self._fill(self.report)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        begin, end = _date(self.begin.date()), _date(self.end.date())
        self._generation += 1
        generation = self._generation
        try:
            stats.check_range(begin, end, stats.beijing_today())
        except stats.StatsRangeError as exc:  # refused here, before any call
            self._refuse(exc)
            return
        client = self.client
        self._set_status(self.tr("Asking WeChat…"))
        self.show_button.setEnabled(False)
        self.worker.submit(
            lambda: stats.fetch(client, begin, end),
            lambda report: self._answer(generation, report),
            lambda exc: self._failed(generation, exc),
            busy=False,
            name="stats",
        )

    def _answer(self, generation: int, report: stats.StatsReport) -> None:
        if generation != self._generation:
            return
        self.show_button.setEnabled(True)
        self.report = report
        self._fill(report)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.show_button.setEnabled(True)
        if isinstance(exc, stats.StatsRangeError):
            self._refuse(exc)
            return
        log.info("statistics not read: %s", type(exc).__name__)
        detail = message_text(exc.message, exc.errcode) if isinstance(exc, PosAppError) else type(exc).__name__
        self._set_status(self.tr("WeChat did not give the statistics: {error}").format(error=detail), error=True)

    def _refuse(self, exc: stats.StatsRangeError) -> None:
        self.show_button.setEnabled(True)
        self.report = None
        self.table.setRowCount(0)
        self._set_status(stats.error_text(exc, qt_tr), error=True)

    def _fill(self, report: stats.StatsReport) -> None:
        rows = report.totals_by_card()  # the sum first, in bold: seen without scrolling
        self.table.setRowCount(len(rows) + (1 if rows else 0))
        if rows:
            total = stats.DayStats("total")
            for row in rows:
                total = total + row
            self._set_row(0, self.tr("All coupons"), total, bold=True)
        for i, row in enumerate(rows, start=1):
            self._set_row(i, report.titles.get(row.card_id) or row.card_id, row)
        if rows:
            self._set_status(
                self.tr("{begin} to {end}, as WeChat counts them (Beijing time).").format(
                    begin=report.begin.isoformat(), end=report.end.isoformat()
                )
            )
        else:
            self._set_status(self.tr("WeChat has no coupon activity for these days."))

    def _set_row(self, i: int, title: str, row: stats.DayStats, *, bold: bool = False) -> None:
        for column, value in enumerate((title, row.issued, row.redeemed, row.gifted)):
            item = QTableWidgetItem(str(value))
            if column:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if bold:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(i, column, item)

    def _set_status(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet(f"color: {RED}; font-weight: bold;" if error else "")
        self.status.setText(text)


def open_stats(parent: QWidget | None, services: Any, worker: SerialWorker) -> StatsDialog:
    """Open the statistics over ``services.client`` (non-blocking; returns the open dialog)."""
    dialog = StatsDialog(services.client, worker, parent)
    open_dialog(dialog)
    return dialog


__all__ = ["StatsDialog", "default_range", "open_stats"]
