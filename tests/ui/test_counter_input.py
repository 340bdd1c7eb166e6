"""What a USB scanner and a cashier's keyboard do to the window: bursts, scans during a slow lookup, the
order total.  Keys go to whatever widget has the focus at that moment, as a real keyboard's do."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_app.models import Verdict
from pos_app.ui.main_window import MainWindow

WAIT_MS = 15_000
KEY_MS = 5  # a USB scanner types about one key per 5 ms, and no pause between codes
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def sim(services):
    return services.simulator


@pytest.fixture
def window(qtbot, services) -> Iterator[MainWindow]:
    w = MainWindow(services, cashier="Zhang", band_seconds=30, confirm_retry_ms=100, probe_ms=200)
    qtbot.addWidget(w)
    w.resize(1024, 768)
    w.show()
    w.activateWindow()
    qtbot.waitActive(w)
    yield w
    w.shutdown()


def type_keys(qtbot, text: str, *, enter: bool = True) -> None:
    """Type like a keyboard wedge: each key to the focus widget of that moment, KEY_MS apart."""
    for ch in text:
        qtbot.keyClicks(focused(), ch, delay=KEY_MS)
    if enter:
        qtbot.keyClick(focused(), Qt.Key.Key_Return, delay=KEY_MS)


def focused():
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


def looked_up(sim) -> list[str]:
    """The codes card/code/get received, in the order it received them (a slow call is logged when done)."""
    calls = sorted(sim.calls_to("/card/code/get"), key=lambda c: c.time)
    return [c.body["code"] for c in calls if c.body]


def settled(window: MainWindow) -> bool:
    return window.state == "showing" and not window.worker.busy and not window.counter.queued


def test_ten_codes_at_scanner_speed_reach_the_service_whole_and_in_order(qtbot, window, sim):
    codes = [sim.fresh_code(kind) for kind in ("cash", "discount", "gift", "general", "groupon") * 2]
    sim.clear_calls()
    for code in codes:  # no gap between codes: the next one starts while the last is looked up
        type_keys(qtbot, code)
    qtbot.waitUntil(lambda: settled(window) and len(looked_up(sim)) >= len(codes), timeout=WAIT_MS)
    assert looked_up(sim) == codes
    assert window.current.code == codes[-1]  # the screen names the last scan...
    assert window.shown.can_redeem and window.shown.code == codes[-1]  # ...and F9 would act on it
    assert window.panel.code_label.text().endswith(codes[-1][-4:])
    assert all(e.result.verdict is Verdict.REDEEMABLE for e in window.operations.entries)
    assert [e.result.code for e in window.operations.entries] == codes[::-1]


def test_three_scans_during_a_slow_lookup_are_queued_not_lost(qtbot, window, sim):
    first, second, third = (sim.fresh_code(k) for k in ("cash", "gift", "discount"))
    sim.clear_calls()
    sim.inject("/card/code/get", "delay", delay=1.5)  # the first lookup takes 1.5 s
    type_keys(qtbot, first)
    assert window.state == "looking_up"
    qtbot.wait(300)
    assert window.scan_field.isEnabled() and window.scan_field.hasFocus()
    type_keys(qtbot, second)
    qtbot.wait(300)
    type_keys(qtbot, third)
    assert len(window.counter.queued) == 2 and "2 scan(s) waiting" in window.status_label.text()
    qtbot.waitUntil(lambda: settled(window) and len(looked_up(sim)) >= 3, timeout=WAIT_MS)
    assert looked_up(sim) == [first, second, third]
    assert window.current.code == third and window.shown.code == third and window.shown.can_redeem
    assert window.panel.code_label.text().endswith(third[-4:])
    assert [e.result.code for e in window.operations.entries] == [third, second, first]


def test_the_same_code_twice_while_busy_is_looked_up_once(qtbot, window, sim):
    code = sim.fresh_code("cash")
    sim.clear_calls()
    sim.inject("/card/code/get", "delay", delay=0.8)
    type_keys(qtbot, code)
    type_keys(qtbot, code)  # the customer's phone under the scanner twice
    assert "Same code scanned again" in window.status_label.text()
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    assert looked_up(sim) == [code]


def test_tab_to_the_order_total_and_type_an_amount(qtbot, window, sim):
    """Tab, 450: the total reads 450, the focus stays there, no lookup starts, nothing to deduct."""
    code = sim.fresh_code("cash")  # ¥50 off orders of ¥500 or more
    type_keys(qtbot, code)
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    calls = len(looked_up(sim))
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert window.panel.total_edit.hasFocus()
    type_keys(qtbot, "450", enter=False)
    qtbot.wait(100)
    assert window.panel.total_edit.text() == "450"
    assert window.panel.total_edit.hasFocus()
    assert window.scan_field.text() == ""
    assert len(looked_up(sim)) == calls and window.current.code == code
    # The minimum spend fails: no deduction is shown beside it.
    assert window.panel.verdict_label.text() == "Condition not met"
    assert window.panel.deduct_label.text() == ""
    # Enter goes back to the code field; a total that meets the condition shows the deduction.
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert window.scan_field.hasFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    window.panel.total_edit.selectAll()
    type_keys(qtbot, "520", enter=False)
    assert window.panel.deduct_label.text() == "Deduct ¥50.00; customer pays ¥470.00"
    assert len(looked_up(sim)) == calls


def test_redeeming_without_a_cashier_is_refused(qtbot, services, sim):
    w = MainWindow(services, cashier="")  # Shift start cancelled
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    try:
        assert "press F2" in w.status_label.text()
        type_keys(qtbot, sim.fresh_code("gift"))
        qtbot.waitUntil(lambda: settled(w), timeout=WAIT_MS)
        assert not w.redeem_button.isEnabled()
        qtbot.keyClick(w.scan_field, Qt.Key.Key_F9)
        assert sim.calls_to("/card/code/consume") == []
        assert "without a cashier" in w.status_label.text()
    finally:
        w.shutdown()


def test_redeeming_says_wait_not_esc(qtbot, window, sim):
    type_keys(qtbot, sim.fresh_code("gift"))
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    sim.inject("/card/code/consume", "delay", delay=0.6)
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F9)
    assert window.state == "redeeming"
    assert "Esc" not in window.panel.message_label.text() and "Esc" not in window.status_label.text()
    assert "cannot be stopped" in window.panel.message_label.text()
    qtbot.waitUntil(lambda: window.state == "done", timeout=WAIT_MS)


def test_quit_during_a_redemption_defaults_to_no(qtbot, window, sim):
    from PySide6.QtWidgets import QMessageBox

    type_keys(qtbot, sim.fresh_code("gift"))
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    sim.inject("/card/code/consume", "delay", delay=1.0)
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F9)
    window.close()
    box = window.quit_box
    assert box is not None and box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter keeps the app open
    assert window.isVisible()
    qtbot.waitUntil(lambda: window.state == "done", timeout=WAIT_MS)
