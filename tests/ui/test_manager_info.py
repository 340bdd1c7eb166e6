"""What the window tells beyond the coupon in hand: a tampered journal, the customer's other coupons,
and WeChat's coupon statistics for a manager.  Real simulator over loopback, real SQLite, real widgets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_app import counter as m
from pos_app.models import OperationContext
from pos_app.ui.main_window import MainWindow

WAIT_MS = 15_000
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def own_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config and data dir of the test's own: the journal and its anchor are tampered with here."""
    monkeypatch.setenv("POS_APP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("POS_APP_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


@pytest.fixture
def services(own_dirs: Path) -> Iterator[object]:
    from pos_app.services import build_services

    s = build_services(demo=True)
    s.client._sleep = lambda _s: None
    yield s
    s.close()


def open_window(qtbot, services) -> MainWindow:
    w = MainWindow(services, cashier="Zhang")
    qtbot.addWidget(w)
    w.resize(1024, 768)
    w.show()
    return w


@pytest.fixture
def window(qtbot, services) -> Iterator[MainWindow]:
    w = open_window(qtbot, services)
    yield w
    w.shutdown()


def scan(qtbot, w: MainWindow, code: str) -> None:
    w.send(m.Cancelled())
    w.scan_field.submit_text(code)
    qtbot.waitUntil(lambda: w.state == "showing" and not w.worker.busy, timeout=WAIT_MS)


# -- 1. the journal's integrity ------------------------------------------------------------------------


def test_a_cut_short_journal_shows_a_red_banner(qtbot, own_dirs):
    from pos_app.journal import journal_path
    from pos_app.services import build_services
    from tests.journal_helpers import raw
    from tests.test_hostile_journal import fill

    path = journal_path(True)
    path.parent.mkdir(parents=True, exist_ok=True)
    fill(path, 5)  # 15 rows, anchored beside the config
    conn = raw(path)
    conn.execute("DELETE FROM entries WHERE id > 10")
    conn.execute("UPDATE sqlite_sequence SET seq = 10 WHERE name = 'entries'")
    conn.close()
    services = build_services(demo=True)
    try:
        w = open_window(qtbot, services)
        try:
            banner = w.integrity_banner
            assert banner.isVisible()
            assert "changed from outside the app" in banner.text()
            assert "row 15 was written before" in banner.text()
        finally:
            w.shutdown()
    finally:
        services.close()


def test_a_whole_journal_shows_no_banner(window):
    assert not window.integrity_banner.isVisible()
    assert window.integrity_banner.text() == ""


# -- 2. the customer's other coupons -------------------------------------------------------------------


def test_the_customer_s_other_coupons_show_under_their_code_only(qtbot, window, services):
    sim = services.simulator
    others = window.panel.others_label
    scan(qtbot, window, sim.demo_code("cash"))  # the demo customer's: a discount, a gift, a movie ticket
    qtbot.waitUntil(others.isVisible, timeout=WAIT_MS)
    text = others.text()
    assert text.startswith("This customer has 3 more of our coupons")
    assert "Free egg tart" in text and "Evening show, Hall 3" in text
    assert len(sim.calls_to("/card/user/getcardlist")) == 1
    stranger = sim.demo_codes("discount")[1]  # another customer: nothing more, and not the line above
    scan(qtbot, window, stranger)
    qtbot.waitUntil(lambda: len(sim.calls_to("/card/user/getcardlist")) == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.worker._awaited and window.worker._queue.empty(), timeout=WAIT_MS)
    qtbot.wait(200)
    assert window.current is not None and window.current.code == stranger
    assert not others.isVisible() and others.text() == ""


def test_a_slow_list_never_delays_the_next_scan(qtbot, window, services):
    """getcardlist answering in 4 s: the next scan's lookup is answered long before that."""
    import time

    sim = services.simulator
    sim.inject("/card/user/getcardlist", "delay", times=3, delay=4.0)
    scan(qtbot, window, sim.demo_code("cash"))
    qtbot.waitUntil(lambda: len(sim.calls_to("/card/user/getcardlist")) == 1, timeout=WAIT_MS)
    started = time.monotonic()
    stranger = sim.demo_codes("discount")[1]
    scan(qtbot, window, stranger)
    qtbot.waitUntil(lambda: window.current is not None and window.current.code == stranger, timeout=WAIT_MS)
    assert time.monotonic() - started < 3.0


def test_a_failed_list_is_quiet(qtbot, window, services, caplog):
    import logging

    caplog.set_level(logging.INFO, logger="ui")
    sim = services.simulator
    result = _looked_up_result(services)
    assert result.info is not None and result.info.openid
    sim.stop()  # WeChat gone after the lookup: the line is just not there
    window.notes.other_coupons(result)
    qtbot.waitUntil(lambda: "could not read the customer's other coupons" in caplog.text, timeout=WAIT_MS)
    assert not window.panel.others_label.isVisible()


def _looked_up_result(services):
    sim = services.simulator
    return services.workflow(OperationContext(cashier="Zhang")).lookup(sim.demo_code("cash"))


# -- 3. WeChat's coupon statistics for a manager ----------------------------------------------------


def open_stats_from_history(qtbot, window):
    from PySide6.QtWidgets import QApplication

    from pos_app.ui.stats_dialog import StatsDialog

    window.open_history()
    history = window.history_view
    assert history.stats_button.isVisible()
    history.stats_button.click()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), StatsDialog), timeout=WAIT_MS)
    return history, QApplication.activeModalWidget()


def test_statistics_per_coupon_for_the_last_seven_days(qtbot, window, services):
    from datetime import timedelta

    from pos_app import stats

    sim = services.simulator
    history, dialog = open_stats_from_history(qtbot, window)
    yesterday = stats.beijing_today() - timedelta(days=1)
    assert dialog.end.date().toString("yyyy-MM-dd") == yesterday.isoformat()
    assert dialog.begin.date().toString("yyyy-MM-dd") == (yesterday - timedelta(days=6)).isoformat()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    table = dialog.table
    titles = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert "¥50 off orders of ¥500" in titles and titles[0] == "All coupons"
    assert len(sim.calls_to("/datacube/getcardcardinfo")) == 2  # both card sources, asked once each
    issued = sum(int(table.item(r, 1).text()) for r in range(1, table.rowCount()))
    assert issued == int(table.item(0, 1).text())
    assert issued == sum(r.issued for r in dialog.report.cards)
    dialog.reject()
    history.reject()


def test_a_range_wechat_would_refuse_is_refused_before_any_call(qtbot, window, services):
    from datetime import timedelta

    from PySide6.QtCore import QDate

    from pos_app import stats

    sim = services.simulator
    history, dialog = open_stats_from_history(qtbot, window)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT_MS)
    sim.clear_calls()
    end = stats.beijing_today() - timedelta(days=1)
    begin = end - timedelta(days=70)
    dialog.begin.setDate(QDate(begin.year, begin.month, begin.day))
    dialog.show_button.click()
    assert "at most 62 days at a time; this range has 71" in dialog.status.text()
    assert dialog.table.rowCount() == 0
    dialog.end.setDate(QDate.currentDate().addDays(1))
    dialog.begin.setDate(QDate.currentDate().addDays(-3))
    dialog.show_button.click()
    assert "no statistics for today" in dialog.status.text()
    qtbot.wait(300)
    assert sim.calls_to("/datacube/getcardcardinfo") == []
    dialog.reject()
    history.reject()
