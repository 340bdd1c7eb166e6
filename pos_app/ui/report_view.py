"""The end-of-shift report: counts and face value by outcome, coupon, cashier and hour, with a bar chart;
CSV export, PDF and printing.

The numbers come from ``Journal.shift_report`` (pos_app/journal/report.py), computed on this window's
background worker.  The chart is a painted widget rather than QtCharts so the very same drawing goes on
screen, into the PDF and onto paper.  Printouts show no codes at all (only aggregates) and end with the
journal's head hash, which anchors the tamper-evident chain on paper.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QDate, QEvent, QIODevice, QMarginsF, QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import Shiboken

from pos_app.journal import report as report_data
from pos_app.rules import money
from pos_app.ui import disk_writer, icons
from pos_app.ui.dialogs import accepted, open_dialog, open_over_services
from pos_app.ui.journal_words import outcome_word
from pos_app.ui.worker import SerialWorker

BAR_ALL = QColor("#9fb7d6")
BAR_REDEEMED = QColor("#1b7f3b")
INK = QColor("#222222")


class BarChart(QWidget):
    """Operations per hour (light bars) with the redeemed ones in front (green)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.groups: tuple[Any, ...] = ()
        self.setMinimumHeight(180)
        self.legend_all = ""
        self.legend_redeemed = ""

    def set_groups(self, groups: tuple[Any, ...]) -> None:
        self.groups = tuple(groups)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(600, 220)

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        self.paint(painter, QRectF(self.rect()))
        painter.end()

    def paint(self, painter: QPainter, area: QRectF) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(area, QColor("white"))
        metrics = painter.fontMetrics()
        line = metrics.height()
        plot = area.adjusted(line * 2.5, line * 1.6, -line, -line * 1.6)
        painter.setPen(INK)
        # legend
        x = plot.left()
        for colour, text in ((BAR_ALL, self.legend_all), (BAR_REDEEMED, self.legend_redeemed)):
            painter.fillRect(QRectF(x, area.top() + line * 0.3, line * 0.8, line * 0.8), colour)
            painter.drawText(QRectF(x + line, area.top(), plot.width(), line * 1.4), text)
            x += line * 1.5 + metrics.horizontalAdvance(text)
        top = max((g.count for g in self.groups), default=0)
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        if not self.groups or top == 0:
            painter.restore()
            return
        painter.drawText(
            QRectF(area.left(), plot.top() - line / 2, line * 2.2, line),
            str(top),
        )
        painter.drawText(QRectF(area.left(), plot.bottom() - line / 2, line * 2.2, line), "0")
        slot = plot.width() / len(self.groups)
        bar = max(2.0, slot * 0.7)
        label_every = max(1, int((metrics.horizontalAdvance("00:00") + 6) // max(slot, 1)) + 1)
        for i, g in enumerate(self.groups):
            x0 = plot.left() + i * slot + (slot - bar) / 2
            for value, colour in ((g.count, BAR_ALL), (g.redeemed, BAR_REDEEMED)):
                h = plot.height() * value / top
                painter.fillRect(QRectF(x0, plot.bottom() - h, bar, h), colour)
            if i % label_every == 0:
                painter.drawText(
                    QRectF(plot.left() + i * slot - slot, plot.bottom() + 2, slot * 3, line),
                    Qt.AlignmentFlag.AlignHCenter,
                    g.label,
                )
        painter.restore()

    def to_image(self, width: int = 1200, height: int = 420) -> QImage:
        image = QImage(width, height, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        font = QFont(painter.font())
        font.setPixelSize(max(12, height // 15))  # readable once scaled to the page width
        painter.setFont(font)
        self.paint(painter, QRectF(0, 0, width, height))
        painter.end()
        return image


SECTION_KEYS = ("outcome", "coupon", "cashier", "hour")


class ReportView(QDialog):
    def __init__(
        self,
        journal: Any,
        parent: QWidget | None = None,
        *,
        since: date | None = None,
        until: date | None = None,
        cashier: str | None = None,
        config: Any = None,
        reconcile: Callable[[], Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.config = config  # for the manager PIN when acknowledging unresolved operations
        self.reconcile = reconcile
        self.report: Any = None
        self.setWindowIcon(icons.app_icon())
        self.resize(900, 680)
        self.worker = SerialWorker(self, name="report")
        self._generation = 0

        today = QDate.currentDate()
        self.since = QDateEdit(_qdate(since) if since else today, self)
        self.until = QDateEdit(_qdate(until) if until else today, self)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self.refresh)
        self.cashier = QLineEdit(cashier or "", self)
        self.cashier.editingFinished.connect(self.refresh)
        self.since_label, self.until_label, self.cashier_label = QLabel(self), QLabel(self), QLabel(self)
        top = QHBoxLayout()
        for label, field in ((self.since_label, self.since), (self.until_label, self.until)):
            label.setBuddy(field)
            top.addWidget(label)
            top.addWidget(field)
        self.cashier_label.setBuddy(self.cashier)
        top.addWidget(self.cashier_label)
        top.addWidget(self.cashier, 1)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.chart = BarChart(self)
        self.tabs = QTabWidget(self)
        self.tables: dict[str, QTableWidget] = {}
        for key in SECTION_KEYS:
            table = QTableWidget(0, 5, self)
            table.verticalHeader().hide()
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            table.horizontalHeader().setResizeContentsPrecision(40)  # sized from a sample, once per fill
            table.horizontalHeader().setStretchLastSection(True)
            self.tables[key] = table
            self.tabs.addTab(table, "")

        self.pending_button = QPushButton(self)
        self.pending_button.clicked.connect(self.open_pending)
        self.pending_button.hide()
        self.csv_button, self.pdf_button, self.print_button, self.close_button = (QPushButton(self) for _ in range(4))
        self.csv_button.clicked.connect(self.ask_export_csv)
        self.pdf_button.clicked.connect(self.ask_save_pdf)
        self.print_button.clicked.connect(self.print_report)
        self.close_button.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.pending_button)
        bottom.addStretch(1)
        for button in (self.csv_button, self.pdf_button, self.print_button, self.close_button):
            bottom.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.tabs, 2)
        layout.addLayout(bottom)
        self.retranslate()
        self.refresh()

    # -- texts -----------------------------------------------------------------------------------

    def section_titles(self) -> dict[str, str]:
        return {
            "outcome": self.tr("By outcome"),
            "coupon": self.tr("By coupon"),
            "cashier": self.tr("By cashier"),
            "hour": self.tr("By hour"),
        }

    def column_titles(self, key: str) -> list[str]:
        first = {
            "outcome": self.tr("Outcome"),
            "coupon": self.tr("Coupon"),
            "cashier": self.tr("Cashier"),
            "hour": self.tr("Hour"),
        }[key]
        return [
            first,
            self.tr("Operations"),
            self.tr("Redeemed"),
            self.tr("Redeemed value"),
            self.tr("Marked unavailable"),
        ]  # no "face value": summed over lookups it read as money given away (only redemptions count)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Shift report"))
        self.since_label.setText(self.tr("&From:"))
        self.until_label.setText(self.tr("&To:"))
        self.cashier_label.setText(self.tr("Cas&hier:"))
        self.cashier.setPlaceholderText(self.tr("all"))
        self.csv_button.setText(self.tr("Export &CSV…"))
        self.pdf_button.setText(self.tr("Save &PDF…"))
        self.print_button.setText(self.tr("P&rint…"))
        self.close_button.setText(self.tr("Close"))
        self.pending_button.setText(self.tr("&Unresolved operations…"))
        self.chart.legend_all = self.tr("Operations per hour")
        self.chart.legend_redeemed = self.tr("Redeemed")
        for i, (key, title) in enumerate(self.section_titles().items()):
            self.tabs.setTabText(i, title)
            self.tables[key].setHorizontalHeaderLabels(self.column_titles(key))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def group_label(self, key: str, group: Any) -> str:
        if key == "outcome":
            return outcome_word(group.key)
        if key == "coupon":
            return group.label or group.key or self.tr("(unknown coupon)")
        if key == "cashier":
            return group.label or self.tr("(no name)")
        return group.label

    def rows(self, key: str) -> list[list[str]]:
        groups = getattr(self.report, f"by_{key}", ()) if self.report is not None else ()
        return [
            [
                self.group_label(key, g),
                str(g.count),
                str(g.redeemed),
                money(g.redeemed_value),
                str(g.invalidated),
            ]
            for g in groups
        ]

    def summary_html(self) -> str:
        r = self.report
        if r is None:
            return ""
        fmt = "%Y-%m-%d %H:%M"
        parts = [
            self.tr("{since} to {until}").format(since=r.since.strftime(fmt), until=r.until.strftime(fmt)),
            self.tr("{count} operations; {redeemed} redeemed worth {value}; {invalidated} marked unavailable").format(
                count=r.total.count,
                redeemed=r.total.redeemed,
                value=money(r.total.redeemed_value),
                invalidated=r.total.invalidated,
            ),
        ]
        if r.cashier:
            parts.insert(1, self.tr("Cashier: {name}").format(name=r.cashier))
        text = "<br>".join(html.escape(p) for p in parts)
        if r.unacknowledged:
            warning = self.tr(
                "{count} operations are not confirmed yet ({open} not acknowledged by a manager): "
                "the shift cannot be closed until they are resolved."
            ).format(count=r.unresolved, open=r.unacknowledged)
            text += f'<br><b style="color:#b3261e">{html.escape(warning)}</b>'
        elif r.unresolved:  # a manager acknowledged them: the shift may close; they are settled later
            note = self.tr(
                "{count} operations are not confirmed yet; a manager acknowledged them. WeChat is asked "
                "again when it answers."
            ).format(count=r.unresolved)
            text += f'<br><b style="color:#b86e00">{html.escape(note)}</b>'
        return text

    def _fill(self) -> None:
        self.summary.setText(self.summary_html() if self.report is not None else self.summary.text())
        self.chart.set_groups(self.report.by_hour if self.report is not None else ())
        for key, table in self.tables.items():
            rows = self.rows(key)
            table.setRowCount(len(rows))
            for r, values in enumerate(rows):
                for c, value in enumerate(values):
                    item = QTableWidgetItem(value)
                    if c:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    table.setItem(r, c, item)
            table.resizeColumnsToContents()
        has = self.report is not None
        self.pending_button.setVisible(has and self.report.unresolved > 0 and self.config is not None)
        for button in (self.csv_button, self.pdf_button, self.print_button):
            button.setEnabled(has)

    # -- data ------------------------------------------------------------------------------------

    def period(self) -> tuple[date, date]:
        a, b = _pydate(self.since.date()), _pydate(self.until.date())
        return (a, b) if a <= b else (b, a)

    def refresh(self) -> None:
        if self.journal is None:
            self.summary.setText(html.escape(self.tr("The journal is not available.")))
            self._fill()
            return
        self._generation += 1
        generation = self._generation
        since, until = self.period()
        cashier = self.cashier.text().strip() or None
        journal = self.journal
        self.summary.setText(html.escape(self.tr("Counting…")))
        self.worker.submit(
            lambda: journal.shift_report(since, until, cashier),
            lambda rep: self._show(generation, rep),
            lambda exc: self._failed(generation, exc),
            name="shift-report",
        )

    def _show(self, generation: int, rep: Any) -> None:
        if generation == self._generation:
            self.report = rep
            self._fill()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            text = self.tr("The journal could not be read: {error}").format(error=type(exc).__name__)
            self.summary.setText(html.escape(text))

    def open_pending(self) -> None:
        from pos_app.ui.pending_view import PendingView

        view = PendingView(self.journal, self.config, self, self.reconcile)
        open_dialog(view, lambda _r: self.refresh())

    # -- output ----------------------------------------------------------------------------------

    def export_csv(self, path: str | Path) -> None:
        """The report as CSV (UTF-8 with BOM, opens in Excel), via the journal's own writer."""
        _write_csv(self.report, path)

    def document(self) -> QTextDocument:
        """The printable report: title, summary, chart, one table per section, the journal head hash."""
        doc = QTextDocument(self)
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl("chart://hours"), self.chart.to_image())
        out = [f"<h2>{html.escape(self.tr('Shift report'))}</h2>", f"<p>{self.summary_html()}</p>"]
        if self.report is not None and self.report.by_hour:
            out.append('<p><img src="chart://hours" width="640"></p>')
        for key, title in self.section_titles().items():
            out.append(f"<h3>{html.escape(title)}</h3>")
            out.append('<table border="1" cellspacing="0" cellpadding="3" width="100%"><tr>')
            out += [f"<th>{html.escape(h)}</th>" for h in self.column_titles(key)]
            out.append("</tr>")
            for values in self.rows(key):
                cells = [f"<td>{html.escape(values[0])}</td>"]
                cells += [f'<td align="right">{html.escape(v)}</td>' for v in values[1:]]
                out.append("<tr>" + "".join(cells) + "</tr>")
            out.append("</table>")
        if self.report is not None:
            head = self.tr("Journal: {rows} rows, last row hash {hash}").format(
                rows=self.report.head_id, hash=self.report.head_hash
            )
            out.append(f"<p><small>{html.escape(head)}</small></p>")
        doc.setHtml("\n".join(out))
        return doc

    def pdf_bytes(self) -> bytes:
        """The report as a PDF, laid out in memory (the document's widgets live on the GUI thread)."""
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setPageLayout(
            QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(15, 15, 15, 15))
        )
        writer.setTitle(self.tr("Shift report"))
        writer.setCreator("pos-app")
        doc = self.document()
        doc.print_(writer)
        doc.deleteLater()
        del writer  # finishes the file
        return bytes(buffer.data().data())

    def save_pdf(self, path: str | Path) -> None:
        Path(path).write_bytes(self.pdf_bytes())

    def ask_export_csv(self) -> None:
        self._ask_path(self.tr("Export CSV"), "csv", "CSV (*.csv)", self._export_csv_to)

    def _export_csv_to(self, path: str) -> None:  # written by the writer thread: a slow share must not freeze
        self._write_in_background(self.tr("Export CSV"), _write_csv, self.report, path)

    def ask_save_pdf(self) -> None:
        self._ask_path(self.tr("Save PDF"), "pdf", "PDF (*.pdf)", self._save_pdf_to)

    def _save_pdf_to(self, path: str) -> None:  # laid out here, written by the writer thread (like the CSV)
        self._write_in_background(self.tr("Save PDF"), Path(path).write_bytes, self.pdf_bytes())

    def _ask_path(self, title: str, ext: str, name_filter: str, then: Callable[[str], None]) -> None:
        """Qt's file dialog, opened with open(): the chosen path arrives by ``fileSelected``."""
        dialog = QFileDialog(self, title, self._default_name(ext), name_filter)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(ext)
        dialog.fileSelected.connect(lambda path: then(path) if path else None)
        self.file_dialog = dialog
        open_dialog(dialog)

    def _write_in_background(self, title: str, fn: Any, *args: Any) -> None:
        write = disk_writer.submit(fn, *args)
        disk_writer.when_written(write, lambda error: self._export_failed(title, error))

    def _export_failed(self, title: str, error: BaseException | None) -> None:
        if error is None or not Shiboken.isValid(self):
            return  # written, or the report window is gone (the writer logged the failure)
        text = self.tr("The file could not be written: {error}").format(error=getattr(error, "strerror", None) or error)
        self.error_box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        open_dialog(self.error_box)

    def print_report(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        open_dialog(dialog, lambda result: self.document().print_(printer) if accepted(result) else None)

    def _default_name(self, ext: str) -> str:
        since, until = self.period()
        return f"shift-report-{since.isoformat()}_{until.isoformat()}.{ext}"

    def done(self, result: int) -> None:
        self.worker.shutdown(timeout=2.0)
        super().done(result)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def open_report(parent: QWidget | None, services: Any) -> Any:
    return open_over_services(ReportView, parent, services)


def _write_csv(report: Any, path: str | Path) -> None:
    with open(path, "wb") as fh:
        report_data.write_csv(report, fh)
