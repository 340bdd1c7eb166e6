"""History and shift report over a real SQLite journal in a temp dir, real widgets offscreen."""

from __future__ import annotations

import csv
import io
import threading
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import QApplication

from pos_app.journal import Journal
from pos_app.models import Action, CardInfo, CardType, OperationContext, Outcome, Result, Verdict
from pos_app.ui import disk_writer
from pos_app.ui.history_view import HistoryView
from pos_app.ui.report_view import ReportView
from pos_app.ui.translations import switch_language

CASH = CardInfo("pCASHxxxxxxxxxxxxxxxxxxxxxxx", CardType.CASH, title="¥50 代金券", reduce_cost=5000, least_cost=50000)
GIFT = CardInfo("pGIFTxxxxxxxxxxxxxxxxxxxxxxx", CardType.GIFT, title="Egg tart", gift="egg tart")
DAY = date(2026, 11, 20)


def at(hour: int, minute: int = 0, day: date = DAY) -> float:
    return datetime(day.year, day.month, day.day, hour, minute).timestamp()


class Clock:
    def __init__(self) -> None:
        self.now = at(9)

    def __call__(self) -> float:
        return self.now


class ThreadRecorder:
    """The real journal, noting which thread each read ran on."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.threads: list[threading.Thread] = []

    def search(self, *args, **kwargs):
        self.threads.append(threading.current_thread())
        return self.journal.search(*args, **kwargs)

    def shift_report(self, *args, **kwargs):
        self.threads.append(threading.current_thread())
        return self.journal.shift_report(*args, **kwargs)


def lookup(code: str, card: CardInfo, verdict: Verdict = Verdict.REDEEMABLE) -> Result:
    outcome = Outcome.REDEEMABLE if verdict is Verdict.REDEEMABLE else Outcome.NOT_REDEEMABLE
    return Result(Action.LOOKUP, code, card.card_id, verdict, outcome, card=card)


def redeem(journal: Journal, clock: Clock, code: str, card: CardInfo, cashier: str, when: float) -> None:
    ctx = OperationContext(cashier=cashier, terminal="T1")
    clock.now = when
    journal.record_lookup(lookup(code, card), ctx)
    attempt = journal.begin(Action.REDEEM, code, card.card_id, ctx)
    journal.complete(
        attempt, Result(Action.REDEEM, code, card.card_id, Verdict.REDEEMABLE, Outcome.REDEEMED, card=card)
    )


@pytest.fixture
def journal(tmp_path: Path):
    clock = Clock()
    j = Journal.open(tmp_path / "journal.sqlite3", clock=clock)
    redeem(j, clock, "123456789012", CASH, "Zhang", at(10, 5))
    redeem(j, clock, "223456780001", CASH, "Li", at(10, 40))
    redeem(j, clock, "323456780002", GIFT, "Li", at(13, 15))
    clock.now = at(14)
    j.record_lookup(lookup("423456789999", CASH, Verdict.ALREADY_REDEEMED), OperationContext("Zhang", "T1"))
    clock.now = at(11, day=date(2026, 11, 21))  # the next day
    j.record_lookup(lookup("523456780003", GIFT), OperationContext("Wang", "T2"))
    yield j
    j.close()


def cells(view: HistoryView, column: str) -> list[str]:
    col = view.model.COLUMNS.index(column)
    return [view.model.index(r, col).data() for r in range(view.model.rowCount())]


def wait_rows(qtbot, view: HistoryView, n: int) -> None:
    qtbot.waitUntil(lambda: view.model.rowCount() == n and not view.worker.busy, timeout=5000)


def test_history_lists_newest_first_with_masked_codes_off_the_gui_thread(qtbot, journal: Journal) -> None:
    recorder = ThreadRecorder(journal)
    view = HistoryView(recorder)
    qtbot.addWidget(view)
    view.show()
    wait_rows(qtbot, view, 8)  # 3 lookups + 3 redeems + 2 more lookups
    assert cells(view, "code")[0] == "••••••••0003"
    assert all("•" in c for c in cells(view, "code"))
    shown = " ".join(str(view.model.index(r, c).data()) for r in range(8) for c in range(view.model.columnCount()))
    assert "123456789012" not in shown  # full codes never on screen
    assert cells(view, "outcome").count("Redeemed") == 3
    assert "¥50.00 off orders of ¥500.00" in cells(view, "value")
    assert recorder.threads and all(t is not threading.main_thread() for t in recorder.threads)
    assert "8 operations" in view.status.text()


def test_history_more_continues_below_the_last_row_while_the_counter_works(qtbot, tmp_path: Path) -> None:
    """Paging by the last row's id: operations journaled between two pages never repeat a row."""
    from pos_app.ui.history_view import PAGE

    clock = Clock()
    j = Journal.open(tmp_path / "journal.sqlite3", clock=clock)
    ctx = OperationContext("Zhang", "T1")
    try:
        for i in range(PAGE + 30):
            clock.now = at(9) + i
            j.record_lookup(lookup(f"{900000000000 + i}", CASH), ctx)
        view = HistoryView(j)
        qtbot.addWidget(view)
        view.refresh()
        wait_rows(qtbot, view, PAGE)
        assert view.more_button.isEnabled()
        for i in range(10):  # the counter goes on meanwhile
            clock.now = at(12) + i
            j.record_lookup(lookup(f"{800000000000 + i}", GIFT), ctx)
        view.load_more()
        wait_rows(qtbot, view, PAGE + 30)
        ids = [row.id for row in view.model.rows]
        assert len(set(ids)) == len(ids) == PAGE + 30  # nothing twice, nothing skipped
        assert ids == sorted(ids, reverse=True)
        assert not view.more_button.isEnabled()  # the end of the journal
        view.refresh()  # a fresh look shows the new rows on top
        wait_rows(qtbot, view, PAGE)
        assert view.model.rows[0].code == "800000000009"
    finally:
        j.close()


def test_history_search_and_filters(qtbot, journal: Journal) -> None:
    view = HistoryView(journal)
    qtbot.addWidget(view)
    wait_rows(qtbot, view, 8)

    qtbot.keyClicks(view.search, "9012")  # the last 4 digits printed on a receipt
    wait_rows(qtbot, view, 2)
    assert set(cells(view, "action")) == {"Lookup", "Redeem"}
    assert view.queries <= 3  # typing is debounced, not one query per key
    view.search.setText("123456789012")  # the whole scanned code
    wait_rows(qtbot, view, 2)
    view.search.clear()
    wait_rows(qtbot, view, 8)

    view.outcome.setCurrentIndex(view.outcome.findData("redeemed"))
    wait_rows(qtbot, view, 3)
    view.cashier.setText("Li")
    wait_rows(qtbot, view, 2)
    view.cashier.clear()
    view.outcome.setCurrentIndex(0)
    wait_rows(qtbot, view, 8)

    view.any_day.setChecked(False)
    view.day.setDate(QDate(2026, 11, 21))
    wait_rows(qtbot, view, 1)
    assert cells(view, "cashier") == ["Wang"]


def test_history_retranslates_live(qtbot, journal: Journal) -> None:
    view = HistoryView(journal)
    qtbot.addWidget(view)
    wait_rows(qtbot, view, 8)
    app = QCoreApplication.instance()
    try:
        switch_language(app, "zh_CN")
        QCoreApplication.processEvents()
        assert view.windowTitle() == "历史记录"
        assert "已核销" in cells(view, "outcome")
        assert view.model.headerData(view.model.COLUMNS.index("code"), Qt.Orientation.Horizontal) == "券码"
        assert "满¥500.00减¥50.00" in cells(view, "value")
    finally:
        switch_language(app, "en")


def test_history_without_a_journal(qtbot) -> None:
    view = HistoryView(None)
    qtbot.addWidget(view)
    assert "not available" in view.status.text()


def report_for(qtbot, journal, **kw) -> ReportView:
    view = ReportView(journal, since=DAY, until=DAY, **kw)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.report is not None, timeout=5000)
    return view


def table(view: ReportView, key: str) -> list[list[str]]:
    t = view.tables[key]
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_shift_report_counts_values_and_chart(qtbot, journal: Journal) -> None:
    recorder = ThreadRecorder(journal)
    view = report_for(qtbot, recorder)
    assert all(t is not threading.main_thread() for t in recorder.threads)
    assert view.report.total.count == 7  # the next day's lookup is outside the period
    outcome = {row[0]: row for row in table(view, "outcome")}
    assert outcome["Redeemed"][1:4] == ["3", "3", "¥100.00"]
    coupon = {row[0]: row for row in table(view, "coupon")}
    assert coupon["¥50 代金券"][2:4] == ["2", "¥100.00"]
    cashier = {row[0]: row for row in table(view, "cashier")}
    assert cashier["Li"][2] == "2" and cashier["Zhang"][2] == "1"
    hours = table(view, "hour")
    assert [h[0] for h in hours] == ["10:00", "11:00", "12:00", "13:00", "14:00"]  # empty hours kept
    assert [h[1] for h in hours] == ["4", "0", "0", "2", "1"]
    assert len(view.chart.groups) == 5
    image = view.chart.to_image(600, 240)
    greens = sum(1 for x in range(0, 600, 3) for y in range(0, 240, 3) if image.pixelColor(x, y).name() == "#1b7f3b")
    assert greens > 20  # the redeemed bars are drawn
    assert "3 redeemed worth ¥100.00" in view.summary.text()


def test_shift_report_for_one_cashier(qtbot, journal: Journal) -> None:
    view = report_for(qtbot, journal, cashier="Li")
    assert view.report.total.count == 4 and view.report.cashier == "Li"
    assert "Cashier: Li" in view.summary.text()


def test_report_exports_csv_and_pdf_without_codes(qtbot, journal: Journal, tmp_path: Path) -> None:
    view = report_for(qtbot, journal)
    csv_path = tmp_path / "report.csv"
    view.export_csv(csv_path)
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Chinese title
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    coupon = [r for r in rows if r["section"] == "coupon" and r["label"] == "¥50 代金券"]
    assert coupon and coupon[0]["redeemed_value"] == "100.00"

    doc = view.document()
    text = doc.toPlainText()
    assert "By coupon" in text and "¥50 代金券" in text and view.report.head_hash in text
    assert not any(code in text for code in ("123456789012", "223456780001", "9012"))

    pdf = tmp_path / "report.pdf"
    view.save_pdf(pdf)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000


def test_history_opens_report_for_its_cashier(qtbot, journal: Journal, monkeypatch) -> None:
    view = HistoryView(journal)
    qtbot.addWidget(view)
    wait_rows(qtbot, view, 8)
    view.cashier.setText("Zhang")
    view.open_report()  # non-blocking: the report is open when the call returns
    report = QApplication.activeModalWidget()
    assert isinstance(report, ReportView)
    qtbot.waitUntil(lambda: report.report is not None, timeout=5000)
    assert report.report.cashier == "Zhang"
    report.accept()
    assert QApplication.activeModalWidget() is None  # the history itself was shown non-modal here


def test_unresolved_operations_acknowledged_by_manager_then_settled_by_wechat(qtbot) -> None:
    """Two lost answers: one consume did reach WeChat, one did not. The report shows them; a manager
    acknowledges one behind the PIN; "Check with WeChat now" settles the one that went through."""
    from PySide6.QtWidgets import QApplication

    from pos_app.pin import PinGuard
    from pos_app.services import build_services
    from pos_app.ui.pending_view import PendingView
    from pos_app.ui.pin_dialog import PinDialog

    services = build_services(demo=True)
    try:
        PinGuard(services.config).set_pin("4821")
        journal = services.journal
        ctx = OperationContext("Zhang", "T1")
        demo = [d for d in services.simulator.demo_catalog() if d.expected is Verdict.REDEEMABLE and not d.card_id]
        consumed, untouched = demo[0], demo[1]
        for item, reached in ((consumed, True), (untouched, False)):
            attempt = journal.begin(Action.REDEEM, item.code, item.card_id, ctx)
            if reached:
                services.client.consume(item.code)  # WeChat redeemed it; its answer was lost
            lost = Result(Action.REDEEM, item.code, item.card_id, Verdict.ERROR, Outcome.ERROR)
            journal.complete(attempt, lost, definite=False)

        report = ReportView(journal, config=services.config, reconcile=services.reconcile)
        qtbot.addWidget(report)
        qtbot.waitUntil(lambda: report.report is not None, timeout=5000)
        assert report.report.unresolved == 2 and not report.report.can_close
        assert report.pending_button.isVisibleTo(report)
        assert "not confirmed yet" in report.summary.text()

        view = PendingView(journal, services.config, reconcile=services.reconcile)
        qtbot.addWidget(view)
        qtbot.waitUntil(lambda: view.table.rowCount() == 2, timeout=5000)
        assert all("•" in view.table.item(r, 4).text() for r in range(2))
        view.table.selectRow(0)
        view.manager.setText("Wang")

        view.acknowledge_selected()  # non-blocking: the PIN dialog is open when it returns
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PinDialog) and dialog.what == "acknowledge"
        qtbot.keyClicks(dialog.field, "4821")
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "Acknowledged: 1" in view.message.text(), timeout=5000)
        qtbot.waitUntil(lambda: any(view.table.item(r, 5).text() == "Wang" for r in range(2)), timeout=5000)
        assert len(journal.unacknowledged()) == 1

        view.check_again()
        # The one WeChat redeemed settles now; the other stays listed while its request could still
        # arrive (pos_app.limits.settle_after: sent + call deadline + margin).
        qtbot.waitUntil(lambda: "Settled: 1" in view.message.text(), timeout=10_000)
        qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=5000)
        outcomes = {r.code: r.outcome for r in journal.search(limit=10) if r.action is Action.REDEEM}
        assert outcomes[consumed.code] is Outcome.REDEEMED
        view.accept()
        report.accept()
    finally:
        services.close()


def test_csv_export_is_written_off_the_gui_thread_and_failures_are_told(
    qtbot, journal: Journal, tmp_path: Path, monkeypatch
) -> None:
    import threading

    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from pos_app.journal import report as report_data

    view = report_for(qtbot, journal)
    threads: list[str] = []
    real_write = report_data.write_csv

    def recording_write(report, out):
        threads.append(threading.current_thread().name)
        real_write(report, out)

    monkeypatch.setattr(report_data, "write_csv", recording_write)
    target = tmp_path / "shift.csv"
    view.ask_export_csv()  # non-blocking: Qt's file dialog is open when it returns
    assert isinstance(view.file_dialog, QFileDialog) and view.file_dialog.isVisible()
    view.file_dialog.fileSelected.emit(str(target))  # the cashier chose a file
    view.done(0)  # closing the report at once does not drop the export
    disk_writer.flush()
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert threads and threads[0] != threading.main_thread().name
    view = report_for(qtbot, journal)

    view.ask_export_csv()
    view.file_dialog.fileSelected.emit(str(tmp_path / "missing" / "x.csv"))
    qtbot.waitUntil(lambda: getattr(view, "error_box", None) is not None, timeout=5000)
    assert isinstance(view.error_box, QMessageBox) and "could not be written" in view.error_box.text()


def test_report_pdf_is_written_by_the_worker(qtbot, journal: Journal, tmp_path: Path, monkeypatch) -> None:
    import threading

    view = report_for(qtbot, journal)
    threads: list[str] = []
    real_write = Path.write_bytes

    def recording_write(self, data):
        threads.append(threading.current_thread().name)
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", recording_write)
    target = tmp_path / "shift.pdf"
    view.ask_save_pdf()
    view.file_dialog.fileSelected.emit(str(target))
    qtbot.waitUntil(lambda: target.exists() and target.stat().st_size > 5000, timeout=5000)
    assert target.read_bytes().startswith(b"%PDF") and target.read_bytes().rstrip().endswith(b"%%EOF")
    assert threads and threading.main_thread().name not in threads

    view.ask_save_pdf()
    view.file_dialog.fileSelected.emit(str(tmp_path / "missing" / "x.pdf"))
    qtbot.waitUntil(lambda: getattr(view, "error_box", None) is not None, timeout=5000)
    assert view.error_box.windowTitle() == "Save PDF" and "could not be written" in view.error_box.text()
