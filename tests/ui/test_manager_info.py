"""What the window tells beyond the coupon in hand: a tampered journal, the customer's other coupons,
and WeChat's coupon statistics for a manager.  Real simulator over loopback, real SQLite, real widgets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_app import counter as m
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
