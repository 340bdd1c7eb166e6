"""The real window, offscreen, against the real simulator over loopback (training-mode services)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer

from pos_app.models import Outcome, Verdict
from pos_app.ui.main_window import MainWindow
from pos_app.ui.style import AMBER

WAIT_MS = 8000
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def sim(services):
    return services.simulator


@pytest.fixture
def window(qtbot, services) -> Iterator[MainWindow]:
    w = MainWindow(services, cashier="Zhang", band_seconds=30, confirm_retry_ms=100, probe_ms=200)
    qtbot.addWidget(w)
    w.resize(1024, 768)
    show(qtbot, w)
    yield w
    w.shutdown()
    assert not w.worker.thread.is_alive(), "worker thread outlived the test"


def show(qtbot, w: MainWindow) -> None:
    """Show and activate (under Xvfb without a window manager nothing activates a window by itself)."""
    w.show()
    w.activateWindow()
    qtbot.waitActive(w)


def scan(qtbot, w: MainWindow, code: str, until: tuple[str, ...] = ("showing",)) -> None:
    assert w.scan_field.hasFocus() or w.scan_field.isEnabled()
    qtbot.keyClicks(w.scan_field, code)
    qtbot.keyClick(w.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.state in until and not w.worker.busy, timeout=WAIT_MS)


def lookups(sim) -> int:
    """The cashier's lookups (check_consume): not the background reads of the customer's other coupons."""
    return len([c for c in sim.calls_to("/card/code/get") if (c.body or {}).get("check_consume") is not False])


def test_lookup_shows_verdict_and_details(qtbot, window, sim):
    # Every button has its text from the start (not only after a language switch).
    assert window.redeem_button.text() == "Redeem (F9)" and window.clear_button.text() == "Clear (Esc)"
    assert window.history_button.text() == "History (F3)"
    code = sim.demo_code("cash")
    scan(qtbot, window, code)
    panel = window.panel
    assert window.current.verdict is Verdict.REDEEMABLE
    assert panel.verdict_label.text() == "Redeemable"
    assert panel.verdict_label.font().pointSize() >= 28
    assert panel.value_label.text() == "¥50.00 off orders of ¥500.00 or more"
    assert panel.value_label.font().pointSize() >= 28
    assert "Demo Bakery" in panel.title_label.text()
    assert panel.code_label.text().endswith(code[-4:])
    assert code not in panel.code_label.text()  # masked except the last 4
    texts = [row.text.text() for row in panel.check_rows if row.isVisible()]
    assert any(t.startswith("Valid until") and "days left" in t for t in texts), texts
    assert any("Minimum spend ¥500.00" in t for t in texts), texts
    assert window.redeem_button.isEnabled()
    assert window.scan_field.hasFocus()
    assert [c.path for c in sim.calls_to("/card/code/get")], "the lookup went over loopback"
    # The order total checks the minimum spend and shows what to deduct.
    qtbot.keyClick(window.scan_field, Qt.Key.Key_Tab)  # Tab reaches the order total from the code field
    assert panel.total_edit.hasFocus()
    qtbot.keyClicks(panel.total_edit, "520")
    qtbot.keyClick(panel.total_edit, Qt.Key.Key_Return)  # Enter goes back to the code field
    assert window.scan_field.hasFocus()
    assert panel.deduct_label.text() == "Deduct ¥50.00; customer pays ¥470.00"
    texts = [row.text.text() for row in panel.check_rows if row.isVisible()]
    assert "Order ¥520.00 reaches the minimum spend of ¥500.00" in texts
    assert window.operations.texts()[0].startswith(time.strftime("%H:"))


def test_invalid_input_is_rejected_locally(qtbot, window, sim):
    sim.clear_calls()
    scan(qtbot, window, "1234567890" * 3)
    assert window.current.verdict is Verdict.INVALID_CODE
    assert window.panel.verdict_label.text() == "Invalid code"
    assert "codes have at most 20 characters" in window.panel.message_label.text()
    assert sim.calls_to("/card/code/get") == []
    assert not window.redeem_button.isEnabled()


def test_f9_redeems_exactly_once_even_on_double_press(qtbot, window, sim):
    code = sim.demo_code("discount")
    scan(qtbot, window, code)
    sim.inject("/card/code/consume", "delay", delay=0.5)  # keep the first press in flight
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F9)
    assert window.state == "redeeming"
    qtbot.keyClick(window, Qt.Key.Key_F9)  # a second press while in flight does nothing
    window.redeem_button.click()
    qtbot.waitUntil(lambda: window.state == "done", timeout=WAIT_MS)
    assert window.last_sound == "success"
    qtbot.keyClick(window, Qt.Key.Key_F9)  # and nothing after success either (a refusal beep at most)
    qtbot.wait(100)
    assert len(sim.calls_to("/card/code/consume")) == 1
    assert sim.code_status(code) == "CONSUMED"
    assert window.band.isVisible()
    assert window.band.text() == "✔ Redeemed 20% off"
    assert window.panel.verdict_label.text() == "Redeemed"  # green, not the red "Already redeemed"
    assert window.panel.header.property("verdictColour") == "#1b7f3b"
    assert window.current.outcome is Outcome.REDEEMED
    assert window.operations.texts()[0].splitlines()[1].startswith("Redeemed")
    # Scanning the same code again shows it is used up - and the journal knows who did it.
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.state == "ready" and not window.band.isVisible()
    scan(qtbot, window, code)
    assert window.current.verdict is Verdict.ALREADY_REDEEMED
    qtbot.waitUntil(lambda: "by Zhang" in window.panel.message_label.text(), timeout=WAIT_MS)
    assert "Redeemed here at" in window.panel.message_label.text()


def test_redeem_button_does_the_same(qtbot, window, sim):
    code = sim.demo_code("gift")
    scan(qtbot, window, code)
    window.redeem_button.click()
    qtbot.waitUntil(lambda: window.state == "done", timeout=WAIT_MS)
    assert window.band.text() == "✔ Redeemed Gift: free egg tart" or window.band.text().startswith("✔ Redeemed")
    assert sim.code_status(code) == "CONSUMED"


def test_repeated_scan_shows_last_result_without_request(qtbot, window, sim):
    code = sim.demo_code("cash")
    scan(qtbot, window, code)
    before = lookups(sim)
    scan(qtbot, window, code)
    assert lookups(sim) == before
    assert "Same code scanned again" in window.panel.message_label.text()
    assert window.current.verdict is Verdict.REDEEMABLE
    # After an error the same code again is a retry, not a replay of the error.
    other = sim.demo_codes("cash")[1]
    # Enough faults for the lookup and its retries whatever the background reads of the first customer's
    # other coupons (also card/code/get, on their own worker) take of them first: under load they did.
    sim.inject("/card/code/get", "errcode", errcode=45011, times=1000)
    scan(qtbot, window, other)
    assert window.current.verdict is Verdict.ERROR
    sim.clear_faults()
    scan(qtbot, window, other)
    assert window.current.verdict is Verdict.REDEEMABLE


def test_every_verdict_is_word_colour_and_icon(qtbot, window, sim):
    expected_words = {
        Verdict.REDEEMABLE: "Redeemable",
        Verdict.ALREADY_REDEEMED: "Already redeemed",
        Verdict.EXPIRED: "Expired",
        Verdict.NOT_YET_VALID: "Not yet valid",
        Verdict.GIFTED: "Being gifted",  # the first demo gift is GIFTING (GIFT_TIMEOUT reads otherwise)
        Verdict.DELETED: "Deleted",
        Verdict.UNAVAILABLE: "Unavailable",
        Verdict.INVALID_CODE: "Invalid code",
        Verdict.MEMBER_CARD: "Member card",
        Verdict.UNKNOWN_CARD_TYPE: "Unknown card type",
    }
    seen = set()
    for entry in sim.demo_catalog():
        if entry.expected in seen or entry.card_id is not None:
            continue
        seen.add(entry.expected)
        qtbot.keyClick(window, Qt.Key.Key_Escape)
        scan(qtbot, window, entry.code)
        assert window.current.verdict is entry.expected, entry
        assert window.panel.verdict_label.text() == expected_words[entry.expected]
        assert window.panel.verdict_icon.pixmap() is not None and not window.panel.verdict_icon.pixmap().isNull()
        assert window.redeem_button.isEnabled() == (entry.expected is Verdict.REDEEMABLE)
    assert seen == set(expected_words)


def test_f10_marks_unavailable_with_reason(qtbot, window, sim):
    code = sim.demo_code("general")
    scan(qtbot, window, code)
    done = []

    def drive_dialog():
        dialog = window.invalidate_dialog
        assert dialog is not None and dialog.isVisible()
        edit = dialog.reason.lineEdit()
        qtbot.keyClick(edit, Qt.Key.Key_Return)  # no reason yet: refused, stays on the first page
        assert dialog.stack.currentIndex() == 0
        assert "reason" in dialog.problem.text()
        qtbot.keyClicks(edit, "Customer changed their mind")
        dialog.agreed.setChecked(True)
        qtbot.keyClick(edit, Qt.Key.Key_Return)  # Enter in the reason field goes on
        assert dialog.stack.currentIndex() == 1
        assert "cannot be undone" in dialog.final_text.text()
        qtbot.keyClick(dialog, Qt.Key.Key_Return)  # and confirms
        done.append(True)

    qtbot.keyClick(window.scan_field, Qt.Key.Key_F10)  # non-blocking: the dialog is open when it returns
    drive_dialog()
    assert done == [True]
    qtbot.waitUntil(lambda: window.state == "showing" and not window.worker.busy, timeout=WAIT_MS)
    assert window.current.outcome is Outcome.INVALIDATED
    assert sim.code_status(code) == "UNAVAILABLE"
    calls = sim.calls_to("/card/code/unavailable")
    assert len(calls) == 1
    assert window.panel.verdict_label.text() == "Marked unavailable"
    assert not window.invalidate_button.isEnabled()


def test_f10_cancel_changes_nothing(qtbot, window, sim):
    code = sim.demo_code("general")
    scan(qtbot, window, code)
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F10)
    qtbot.keyClick(window.invalidate_dialog, Qt.Key.Key_Escape)
    assert sim.calls_to("/card/code/unavailable") == []
    assert sim.code_status(code) == "NORMAL"
    qtbot.waitUntil(lambda: window.isActiveWindow() and window.scan_field.hasFocus(), timeout=2000)


def test_lost_consume_answer_confirms_then_redeemed(qtbot, window, sim):
    code = sim.demo_code("cash")
    scan(qtbot, window, code)
    sim.inject("/card/code/consume", "drop_after_commit")
    states: list[str] = []
    window.state_changed.connect(states.append)
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.state == "done", timeout=WAIT_MS)
    assert "confirming" in states
    assert "showing" not in states  # never a failure on the way
    assert window.current.outcome is Outcome.REDEEMED
    assert window.current.confirmed_by_reread
    assert len(sim.calls_to("/card/code/consume")) == 1
    assert sim.code_status(code) == "CONSUMED"


def test_confirming_keeps_rereading_until_answer(qtbot, window, sim):
    code = sim.demo_code("cash")
    scan(qtbot, window, code)
    sim.inject("/card/code/consume", "drop_after_commit")
    sim.inject("/card/code/get", "http_500", times=8)  # the re-reads fail for a while
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.state == "confirming", timeout=WAIT_MS)
    assert window.panel.verdict_label.text() == "Confirming…"
    assert not window.redeem_button.isEnabled() and window.scan_field.isEnabled()  # scans queue meanwhile
    assert not window.clear_button.isEnabled()
    assert "Esc" not in window.panel.message_label.text()
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # cannot abandon a redemption halfway
    assert window.state == "confirming"
    qtbot.waitUntil(lambda: window.state == "done", timeout=WAIT_MS * 2)
    assert window.current.outcome is Outcome.REDEEMED
    assert len(sim.calls_to("/card/code/consume")) == 1
    assert "Redeemed" in window.operations.texts()[0]


def test_network_loss_error_sentence_and_offline_banner(qtbot, window, sim):
    code = sim.demo_code("cash")
    scan(qtbot, window, code)
    sim.stop()
    window.redeem_button.click()
    qtbot.waitUntil(lambda: window.state == "showing", timeout=WAIT_MS)
    assert window.panel.verdict_label.text() == "Not redeemed"
    assert window.panel.message_label.text() == "No connection to WeChat. Check the network; nothing was redeemed."
    assert window.offline_banner.isVisible()
    assert not window.redeem_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert window.state == "showing"  # redeem is off while offline
    # Lookups still try, and say so in a plain sentence.
    scan(qtbot, window, sim.demo_code("gift"))
    assert "No connection to WeChat" in window.panel.message_label.text()
    # The background probe clears the banner once the service is back (same port).
    sim.start()
    qtbot.waitUntil(lambda: not window.offline_banner.isVisible(), timeout=WAIT_MS)
    assert sim.code_status(code) == "NORMAL"  # nothing was redeemed while offline
    scan(qtbot, window, code)
    assert window.redeem_button.isEnabled()
    window.redeem_button.click()
    qtbot.waitUntil(lambda: window.state == "done", timeout=WAIT_MS)
    assert sim.code_status(code) == "CONSUMED"


def test_slow_request_keeps_gui_responsive_and_esc_cancels(qtbot, window, sim):
    sim.inject("/card/code/get", "delay", delay=4)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    qtbot.keyClicks(window.scan_field, sim.demo_code("cash"))
    qtbot.keyClick(window.scan_field, Qt.Key.Key_Return)
    assert window.state == "looking_up"
    assert window.scan_field.isEnabled() and not window.redeem_button.isEnabled()
    qtbot.wait(400)
    assert len(ticks) >= 5  # the event loop keeps turning while the request runs
    started = time.monotonic()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert time.monotonic() - started < 0.5
    assert window.state == "ready"
    assert window.panel.verdict_label.text() == "Stopped waiting"
    assert window.scan_field.isEnabled() and window.scan_field.hasFocus()
    timer.stop()
    # The next scan is answered at once, not after the abandoned lookup; its late answer is ignored.
    scan(qtbot, window, sim.demo_code("gift"))
    assert time.monotonic() - started < 2.5  # the abandoned request still has > 3 s to go
    assert window.current.verdict is Verdict.REDEEMABLE
    assert window.current.code == sim.demo_code("gift")
    qtbot.wait(4000)  # the abandoned answer arrives now: it changes nothing on the screen
    assert window.current.code == sim.demo_code("gift") and window.state == "showing"


@pytest.fixture
def chinese(qapp):
    from pos_app.ui.translations import install_translators

    assert install_translators(qapp, "zh_CN") == "zh_CN"
    yield
    install_translators(qapp, "en")


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


ENGLISH_WORDS = {
    Verdict.REDEEMABLE: "Redeemable",
    Verdict.ALREADY_REDEEMED: "Already redeemed",
    Verdict.EXPIRED: "Expired",
    Verdict.NOT_YET_VALID: "Not yet valid",
    Verdict.GIFTED: "Being gifted",
    Verdict.DELETED: "Deleted",
    Verdict.UNAVAILABLE: "Unavailable",
    Verdict.INVALID_CODE: "Invalid code",
    Verdict.MEMBER_CARD: "Member card",
    Verdict.UNKNOWN_CARD_TYPE: "Unknown card type",
}


def test_every_verdict_in_chinese(qtbot, window, sim, chinese):
    from PySide6.QtCore import QCoreApplication

    qtbot.waitUntil(lambda: _has_cjk(window.redeem_button.text()), timeout=2000)
    assert window.redeem_button.text() == QCoreApplication.translate("CounterView", "Redeem (F9)")
    seen = set()
    for entry in sim.demo_catalog():
        if entry.expected in seen or entry.card_id is not None:
            continue
        seen.add(entry.expected)
        qtbot.keyClick(window, Qt.Key.Key_Escape)
        scan(qtbot, window, entry.code)
        word = window.panel.verdict_label.text()
        assert word == QCoreApplication.translate("ResultPanel", ENGLISH_WORDS[entry.expected])
        assert _has_cjk(word) and word != ENGLISH_WORDS[entry.expected], word
        assert _has_cjk(window.panel.message_label.text() or window.panel.value_label.text())
    assert seen == set(ENGLISH_WORDS)
    # The service refusing for a reason of its own: "Error" and the errcode's sentence, in Chinese.
    sim.inject("/card/code/get", "errcode", errcode=45009, times=5)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    scan(qtbot, window, sim.demo_codes("cash")[1])
    assert window.current.verdict is Verdict.ERROR
    assert window.panel.verdict_label.text() == QCoreApplication.translate("ResultPanel", "Error") != "Error"
    assert _has_cjk(window.panel.message_label.text()) and "45009" not in window.panel.message_label.text()
    sim.clear_faults()
    # The value and the conditions come from pos_app.rules in Chinese too.
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    scan(qtbot, window, sim.demo_code("cash"))
    assert "¥50.00" in window.panel.value_label.text() and _has_cjk(window.panel.value_label.text())
    assert all(_has_cjk(r.text.text()) for r in window.panel.check_rows if r.isVisible())


def test_language_switches_live_without_restart(qtbot, window, sim, qapp):
    from pos_app.ui.translations import install_translators

    scan(qtbot, window, sim.demo_code("cash"))
    assert window.panel.verdict_label.text() == "Redeemable"
    try:
        install_translators(qapp, "zh_CN")
        qtbot.waitUntil(lambda: window.panel.verdict_label.text() == "可核销", timeout=2000)
        assert _has_cjk(window.operations.texts()[0])
        assert _has_cjk(window.training_banner.text())
    finally:
        install_translators(qapp, "en")
    qtbot.waitUntil(lambda: window.panel.verdict_label.text() == "Redeemable", timeout=2000)


def test_chinese_full_width_input_is_normalised(qtbot, window, sim):
    code = sim.demo_code("gift")
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in code)  # what a Chinese IME types for digits
    assert not window.scan_field.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    window.scan_field.setText(" " + full_width + "\t")
    qtbot.keyClick(window.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.state == "showing" and not window.worker.busy, timeout=WAIT_MS)
    assert window.current.code == code
    assert window.current.verdict is Verdict.REDEEMABLE


def test_training_mode_watermark_and_demo_panel(qtbot, window, sim, chinese):
    assert window.watermark is not None and window.watermark.isVisible()
    assert window.watermark.geometry() == window.centralWidget().rect()
    assert window.watermark.text() == "培训模式——不会真正核销任何券"
    assert window.training_banner.isVisible()
    panel = window.demo_panel
    assert panel is not None and panel.list.count() == len(sim.demo_catalog())
    assert _has_cjk(panel.caption.text())
    # A click on a demo code goes through the same path as a scan.
    entry = next(e for e in sim.demo_catalog() if e.key == "expire")
    row = [e.code for e in panel.catalog].index(entry.code)
    item = panel.list.item(row)
    panel.list.itemClicked.emit(item)
    qtbot.waitUntil(lambda: window.state == "showing" and not window.worker.busy, timeout=WAIT_MS)
    assert window.current.code == entry.code
    assert window.current.verdict is Verdict.EXPIRED
    title = window.panel.title_label.text()  # the demo coupon's own title and brand follow the language
    assert _has_cjk(title) and "Demo Bakery" not in title, title


def test_no_training_marks_outside_demo(qtbot, sim):
    """A real (non-demo) counter: credentials from the keyring, API base from the config."""
    from pos_app import credentials
    from pos_app.config import Config
    from pos_app.sandbox import DEMO_APPID, DEMO_SECRET
    from pos_app.services import build_services

    credentials.save(DEMO_APPID, DEMO_SECRET)
    cfg = Config.load()
    cfg.api_base = sim.base_url
    services = build_services(demo=False, config=cfg)
    try:
        w = MainWindow(services, cashier="Li")
        qtbot.addWidget(w)
        show(qtbot, w)
        assert w.watermark is None and w.demo_panel is None and not w.training_banner.isVisible()
        scan(qtbot, w, sim.demo_code("cash"))
        assert w.current.verdict is Verdict.REDEEMABLE
        w.shutdown()
    finally:
        services.close()


def test_gui_entry_reports_window_shown(tmp_path):
    """POS_APP_EXIT_AFTER_SHOWN=1: the real entry point shows the window, prints the time, quits."""
    import os
    import re
    import subprocess
    import sys

    env = dict(os.environ, POS_APP_EXIT_AFTER_SHOWN="1", QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-m", "pos_app", "--demo", "--lang", "zh_CN"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    match = re.fullmatch(r"window-shown (\d+)\n", proc.stdout)
    assert match, proc.stdout
    assert 0 < int(match.group(1)) < 30_000


def _active_modal():
    from PySide6.QtWidgets import QApplication

    return QApplication.activeModalWidget()


def test_failed_condition_needs_explicit_override_and_manager_pin(qtbot, services, sim):
    """Another store's counter: the store-only coupon fails a condition; F9 asks, the manager approves."""
    from PySide6.QtWidgets import QMessageBox

    from pos_app.pin import hash_pin
    from pos_app.sandbox import DEMO_OTHER_LOCATION_ID
    from pos_app.ui.pin_dialog import PinDialog

    services.config.store_location_id = DEMO_OTHER_LOCATION_ID
    w = MainWindow(services, cashier="Zhang")
    qtbot.addWidget(w)
    show(qtbot, w)
    code = sim.demo_code("store_only")
    scan(qtbot, w, code)
    assert [c.kind.value for c in w.panel.failed_checks()] == ["store"]
    assert any(r.property("state") == "fail" for r in w.panel.check_rows if r.isVisible())
    # Never a big green "Redeemable" over a failed condition.
    assert w.panel.verdict_label.text() == "Condition not met"
    assert w.panel.header.property("verdictColour") == AMBER
    # ... nor in the session list beside it.
    assert "Looked up: Condition not met" in w.operations.texts()[0] and "Redeemable" not in w.operations.texts()[0]

    # 1. The cashier declines the override: nothing is sent.
    qtbot.keyClick(w.scan_field, Qt.Key.Key_F9)  # non-blocking: the question is open when it returns
    box = w.guards.override_box
    assert isinstance(box, QMessageBox) and "Not valid at this store" in box.informativeText()
    assert "training asks none" in box.informativeText()  # training without a PIN says it skips the step
    assert box.defaultButton().text() == "Do not redeem"  # Enter never redeems by accident
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert w.guards.override_box is None and sim.calls_to("/card/code/consume") == []
    qtbot.waitUntil(lambda: w.isActiveWindow() and w.scan_field.hasFocus(), timeout=2000)

    # 2. Override with a manager PIN set: a wrong PIN refuses, the right one redeems once.
    services.config.manager_pin_hash = hash_pin("2468")
    qtbot.keyClick(w.scan_field, Qt.Key.Key_F9)
    box = w.guards.override_box
    assert "Only with the manager's approval" in box.informativeText()
    next(b for b in box.buttons() if b.text() == "Redeem anyway").click()
    dialog = _active_modal()
    assert isinstance(dialog, PinDialog)
    dialog.field.setText("0000")
    dialog.try_pin()
    assert dialog.isVisible() and dialog.message.text()  # wrong PIN: still asking
    assert sim.calls_to("/card/code/consume") == []
    dialog.field.setText("2468")
    dialog.try_pin()
    qtbot.waitUntil(lambda: w.state == "done", timeout=WAIT_MS)
    assert len(sim.calls_to("/card/code/consume")) == 1
    assert sim.code_status(code) == "CONSUMED"
    # The journal records what the manager overrode.
    (row,) = [r for r in services.journal.search(code) if r.action.value == "redeem"]
    assert "override" in row.reason and "store" in row.reason
    w.shutdown()


def test_f10_needs_manager_pin_when_set(qtbot, window, services, sim):
    from pos_app.pin import hash_pin
    from pos_app.ui.pin_dialog import PinDialog

    services.config.manager_pin_hash = hash_pin("1357")
    scan(qtbot, window, sim.demo_code("general"))
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F10)
    dialog = _active_modal()
    assert isinstance(dialog, PinDialog)
    dialog.reject()
    assert sim.calls_to("/card/code/unavailable") == []
    qtbot.waitUntil(lambda: window.isActiveWindow() and window.scan_field.hasFocus(), timeout=2000)


def test_camera_reads_feed_the_scan_path(qtbot, services, sim, tmp_path):
    """A video played as a camera: preview at most 15 fps with a box, the code looked up like a scan."""
    from tests.scanner_fixtures import scene_video

    code = sim.demo_code("groupon")
    video = scene_video(tmp_path / "counter.avi", [(0.5, None), (2.5, code), (0.5, None)], fps=30)
    w = MainWindow(services, cashier="Zhang", camera_sources=[("Test camera", str(video))])
    qtbot.addWidget(w)
    w.resize(1024, 768)
    show(qtbot, w)
    assert w.camera.selector.currentText() == "Test camera"
    started = time.monotonic()
    w.camera.toggle.click()
    assert w.camera.toggle.text() == "Camera off (F4)"
    qtbot.waitUntil(lambda: w.current is not None and w.current.code == code, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: w.state == "showing" and not w.worker.busy, timeout=WAIT_MS)
    assert w.current.verdict is Verdict.REDEEMABLE
    assert w.last_sound in ("scan", "ready")
    assert not w.camera.preview.pixmap().isNull()
    assert 0 < w.camera.preview.pixmap().width() <= 320
    # At 1024x768, beside the session list and the training codes, the status line is under the
    # picture, not over it.
    preview, status = w.camera.preview.geometry(), w.camera.status.geometry()
    assert not preview.intersects(status) and status.bottom() < w.camera.height(), (preview, status)
    elapsed = time.monotonic() - started
    assert 0 < w.camera.frames_shown <= 15 * elapsed + 2
    assert len(sim.calls_to("/card/code/get")) >= 1
    qtbot.keyClick(w.scan_field, Qt.Key.Key_F4)  # the keyboard turns it off too
    assert w.camera.scanner is None
    assert w.camera.toggle.text() == "Camera on (F4)"
    w.shutdown()


def test_preview_image_boxes_the_code():
    import numpy as np

    from pos_app.ui.camera_view import preview_image

    frame = np.zeros((480, 640, 3), np.uint8)
    image = preview_image(frame, [((100, 100), (300, 100), (300, 300), (100, 300))], 320)
    assert (image.width(), image.height()) == (320, 240)
    assert image.pixelColor(50, 100).green() > 100  # the box edge (scaled by 1/2) is green
    assert image.pixelColor(100, 100).green() == 0  # inside the box the frame is untouched


def test_cashier_change_from_the_keyboard(qtbot, window, services, sim):
    from PySide6.QtWidgets import QInputDialog

    qtbot.keyClick(window.scan_field, Qt.Key.Key_F2)
    dialog = _active_modal()
    assert isinstance(dialog, QInputDialog)
    dialog.setTextValue("Wang")
    dialog.accept()
    assert window.cashier_label.text() == "Cashier: Wang"
    assert services.config.cashier == "Wang"
    # Operations are recorded with the new name.
    code = sim.demo_code("cash")
    qtbot.waitUntil(lambda: window.isActiveWindow() and window.scan_field.hasFocus(), timeout=2000)
    scan(qtbot, window, code)
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.state == "done", timeout=WAIT_MS)
    assert services.journal.last_redemption(code).cashier == "Wang"


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_fits_1024x768_and_1920x1080(qtbot, services, sim, qapp, lang):
    """Nothing forces the window wider or taller than a 1024x768 counter screen, in either language."""
    from pos_app.ui.translations import install_translators

    install_translators(qapp, lang)
    try:
        w = MainWindow(services, cashier="Zhang", camera_sources=[("HD Pro Webcam C920", 0)])
        qtbot.addWidget(w)
        w.resize(1024, 768)
        show(qtbot, w)
        scan(qtbot, w, sim.demo_code("cash"))
        w.panel.total_edit.setText("520")
        w.set_offline(True)  # the tallest state: banner + band + details
        w.band.setText(w.panel.band_text(w.current))
        w.band.show()
        qtbot.wait(50)
        assert w.minimumSizeHint().width() <= 1024 and w.minimumSizeHint().height() <= 768
        assert (w.width(), w.height()) == (1024, 768)
        w.resize(1920, 1080)
        qtbot.wait(50)
        assert (w.width(), w.height()) == (1920, 1080)
        assert w.panel.verdict_label.font().pointSize() >= 28 and w.band.font().pointSize() >= 28
        assert w.redeem_button.height() >= 48  # touch-sized
        w.shutdown()
    finally:
        install_translators(qapp, "en")


def test_reconnect_settles_operations_left_pending(qtbot, window, services, sim):
    """A redemption whose answer was lost earlier (pending in the journal) is settled when WeChat is back."""
    from pos_app.models import Action, OperationContext

    code = sim.demo_code("cash")
    journal = services.journal
    attempt = journal.begin(Action.REDEEM, code, None, OperationContext(cashier="Zhang", terminal="2"))
    services.client.consume(code)  # it went through, but the app never heard
    journal.release(attempt)  # and nobody is waiting for that answer any more
    assert [p.attempt_id for p in journal.pending()] == [attempt]
    window.set_offline(True)
    assert window.offline_banner.isVisible() and not window.redeem_button.isEnabled()
    window.set_offline(False)
    qtbot.waitUntil(lambda: journal.pending() == [], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.connectivity.reconciled_box is not None, timeout=WAIT_MS)
    box = window.connectivity.reconciled_box
    assert "IS redeemed" in box.informativeText()
    assert code not in box.informativeText()  # masked
    box.close()


def test_band_returns_to_ready_by_itself(qtbot, services, sim):
    w = MainWindow(services, cashier="Zhang", band_seconds=0.3)
    qtbot.addWidget(w)
    show(qtbot, w)
    scan(qtbot, w, sim.demo_code("general"))
    qtbot.keyClick(w.scan_field, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: w.state == "done" and w.band.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: w.state == "ready" and not w.band.isVisible(), timeout=3000)
    assert w.panel.verdict_label.text() == "Ready"
    assert w.scan_field.hasFocus()
    w.shutdown()


def test_saved_settings_apply_without_restart(qtbot, window, services, sim):
    from pos_app.sandbox import DEMO_STORE_LOCATION_ID

    scan(qtbot, window, sim.demo_code("store_only"))
    states = {c.kind.value: c.state.value for c in window.panel.checks}
    assert states["store"] == "unknown"  # this counter's store is not configured yet
    services.config.store_location_id = DEMO_STORE_LOCATION_ID
    services.config.terminal_id = "7"
    window.apply_settings()
    states = {c.kind.value: c.state.value for c in window.panel.checks}
    assert states["store"] == "pass"
    assert window.workflow.context.terminal == "7"


def test_gui_entry_without_credentials_says_so(tmp_path):
    """No credentials and no one to answer the setup dialog: a sentence and exit status 3, no traceback."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, POS_APP_EXIT_AFTER_SHOWN="1", QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "pos_app"], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3, (proc.stdout, proc.stderr)
    assert "window-shown" not in proc.stdout
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip()


def test_lost_answer_that_did_not_go_through_says_not_redeemed_and_allows_retry(qtbot, window, sim):
    code = sim.demo_code("discount")
    scan(qtbot, window, code)
    sim.inject("/card/code/consume", "drop_before")  # the connection drops before the service acts
    states: list[str] = []
    window.state_changed.connect(states.append)
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.state == "confirming", timeout=WAIT_MS)
    # While the request could still reach WeChat (limits.settle_after) the outcome stays open...
    qtbot.wait(500)
    assert window.state == "confirming" and window.panel.verdict_label.text() == "Confirming…"
    # ...and once that time has passed, the unchanged code settles it as not done.
    window.workflow._clock = lambda: time.time() + 31  # the workflow's clock, 31 s later
    qtbot.waitUntil(lambda: window.state == "showing" and not window.worker.busy, timeout=WAIT_MS)
    assert "confirming" in states  # it was checked before anything was said
    assert window.panel.verdict_label.text() == "Not redeemed"
    assert "NOT redeemed" in window.panel.message_label.text()
    assert sim.code_status(code) == "NORMAL"
    assert window.redeem_button.isEnabled()  # the re-read proved it unused: F9 may try again
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.state == "done", timeout=WAIT_MS)
    assert sim.code_status(code) == "CONSUMED"
    assert len(sim.calls_to("/card/code/consume")) == 2  # one dropped unheard, one redeemed


def test_real_counter_without_a_pin_makes_the_manager_set_one_before_f10(qtbot, window, services, sim):
    """Outside training mode, F10 is never unguarded: with no PIN yet, the manager sets one first."""
    from pos_app.pin import PinGuard

    services.demo = False  # the same window, as at a real counter
    code = sim.demo_code("general")
    scan(qtbot, window, code)
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F10)
    dialog = window.guards.set_pin_dialog
    assert type(dialog).__name__ == "ChangePinDialog"
    # The first "Set a manager PIN" says that a manager must do it now, and why.
    assert dialog.intro.isVisible() and "must choose one now" in dialog.intro.text()
    dialog.reject()
    assert getattr(window, "invalidate_dialog", None) is None and sim.code_status(code) == "NORMAL"
    qtbot.waitUntil(lambda: window.isActiveWindow() and window.scan_field.hasFocus(), timeout=2000)

    qtbot.keyClick(window.scan_field, Qt.Key.Key_F10)
    dialog = window.guards.set_pin_dialog
    dialog.new.setText("2580")
    dialog.repeat.setText("2580")
    dialog.save()  # the PIN is set once its file is written; then the reason dialog opens
    qtbot.waitUntil(lambda: window.invalidate_dialog is not None and window.invalidate_dialog.isVisible(), timeout=5000)
    window.invalidate_dialog.reject()
    assert PinGuard(window.config).is_set()
    assert sim.code_status(code) == "NORMAL"


def test_close_shift_is_refused_while_an_operation_is_unresolved(qtbot, window, services, sim):
    from pos_app.models import Action, OperationContext

    code = sim.demo_code("cash")
    services.journal.begin(Action.REDEEM, code, None, OperationContext(cashier="Zhang", terminal="T1"))
    seen: list[str] = []
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: window.shift.close_shift_box is not None, timeout=WAIT_MS)
    box = window.shift.close_shift_box
    seen.append(box.text())
    next(b for b in box.buttons() if b.text() == "Not now").click()
    assert "1 operation(s) have no confirmed outcome yet" in seen[0]
    assert window.cashier == "Zhang"  # the shift goes on


def test_close_shift_shows_the_report_then_asks_the_next_cashier(qtbot, window, sim):
    from PySide6.QtWidgets import QInputDialog

    scan(qtbot, window, sim.demo_code("gift"))
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.state == "done", timeout=WAIT_MS)
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: window.shift.shift_report is not None, timeout=WAIT_MS)
    window.shift.shift_report.accept()
    dialog = window.shift.cashier_dialog
    assert isinstance(dialog, QInputDialog) and dialog.isVisible()
    assert window.operations.texts() == []  # the new shift's list starts empty
    dialog.setTextValue("Li")
    dialog.accept()
    qtbot.waitUntil(lambda: window.cashier == "Li", timeout=WAIT_MS)
