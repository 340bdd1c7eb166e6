"""PIN, setup and settings dialogs, sounds and icons: real widgets offscreen, the real simulator, a real
config file and the test keyring (tests/ui/conftest.py gives each test its own)."""

from __future__ import annotations

import json
import wave
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel

from pos_app import credentials
from pos_app.config import Config, config_path
from pos_app.models import Verdict
from pos_app.pin import PinGuard
from pos_app.resources import resource_path
from pos_app.ui import icons, sounds
from pos_app.ui.pin_dialog import ChangePinDialog, PinDialog, ask_manager
from pos_app.ui.settings_dialog import SettingsDialog
from pos_app.ui.setup_dialog import SetupChoice, SetupDialog
from pos_app.ui.translations import switch_language


@pytest.fixture
def config() -> Config:
    cfg = Config.load()
    PinGuard(cfg).set_pin("4821", "4821")
    return cfg


def labels_text(widget: QDialog) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel))


# --- PIN -------------------------------------------------------------------------------------------


def test_pin_dialog_wrong_then_locked_then_right(qtbot, config: Config) -> None:
    guard = PinGuard(config)
    dialog = PinDialog(guard, "settings")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "settings" in dialog.reason_label.text()
    for left in (4, 3, 2, 1):
        qtbot.keyClicks(dialog.field, "1111")
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
        assert dialog.isVisible()
        assert f": {left}." in dialog.message.text()
        assert dialog.field.text() == ""  # a wrong PIN never stays in the field
    qtbot.keyClicks(dialog.field, "1111")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert not dialog.field.isEnabled()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert "5:00" in dialog.message.text()
    # the lock is in the saved config: a new dialog (or a restarted app) is locked too
    again = PinDialog(PinGuard(Config.load()), "settings")
    qtbot.addWidget(again)
    assert not again.field.isEnabled()


def test_pin_dialog_accepts_the_right_pin_and_digits_only(qtbot, config: Config) -> None:
    dialog = PinDialog(PinGuard(config), "override")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.field, "48a21x")  # letters are refused by the validator
    assert dialog.field.text() == "4821"
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)


def test_ask_manager_without_pin_asks_nothing(qtbot) -> None:
    answers: list[bool] = []
    assert ask_manager(None, Config.load(), "invalidate", answers.append) is None
    assert answers == [True]


def test_ask_manager_is_non_blocking(qtbot, config: Config) -> None:
    """The PIN dialog opens with open(): the call returns at once, the answer comes in the callback."""
    for pin, expected in (("4821", True), ("0000", False)):
        answers: list[bool] = []
        dialog = ask_manager(None, config, "settings", answers.append)
        assert isinstance(dialog, PinDialog) and dialog.isVisible() and answers == []
        qtbot.keyClicks(dialog.field, pin)
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
        if dialog.isVisible():
            dialog.reject()
        assert answers == [expected]


def test_pin_dialog_buttons_stay_inside_after_a_wrong_pin(qtbot, config: Config, qapp) -> None:
    """A wrong PIN's two-line message never pushes the buttons out of the dialog (app style, Chinese)."""
    from pos_app.ui.style import APP_QSS
    from pos_app.ui.translations import install_translators

    qapp.setStyleSheet(APP_QSS)
    install_translators(qapp, "zh_CN")
    try:
        dialog = PinDialog(PinGuard(config), "override")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        for _ in range(2):
            qtbot.keyClicks(dialog.field, "0000")
            qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
        qtbot.wait(50)
        assert dialog.message.text()
        assert dialog.message.height() >= dialog.message.heightForWidth(dialog.message.width())
        assert dialog.rect().contains(dialog.buttons.geometry())
        dialog.reject()
    finally:
        qapp.setStyleSheet("")
        install_translators(qapp, "en")


def _inside(dialog) -> bool:
    """Nothing squeezed: the message shows all its lines and every button its full height, inside."""
    message, buttons = dialog.message, dialog.buttons
    whole = message.height() >= message.heightForWidth(message.width())
    tall = all(b.height() >= b.minimumSizeHint().height() for b in buttons.buttons())
    return whole and tall and dialog.rect().contains(buttons.geometry())


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_pin_dialogs_grow_when_a_wrong_pin_message_wraps_further(qtbot, config: Config, qapp, lang) -> None:
    """A counter with a large desktop font (28 pt: 200% of the app's own 14 pt): the wrong-PIN and lock
    messages wrap to three lines and more.  The dialog grows; the buttons are never squeezed or cut."""
    from pos_app.ui.style import APP_QSS
    from pos_app.ui.translations import install_translators

    font = qapp.font()
    big = qapp.font()
    big.setPointSize(28)
    qapp.setFont(big)
    qapp.setStyleSheet(APP_QSS)
    install_translators(qapp, lang)
    try:
        dialog = PinDialog(PinGuard(config), "acknowledge")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        for _ in range(5):  # wrong, wrong... locked: the longest message
            qtbot.keyClicks(dialog.field, "0000")
            qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
            qtbot.wait(20)
            assert dialog.message.text() and _inside(dialog), dialog.message.text()
        change = ChangePinDialog(PinGuard(Config.load()))
        qtbot.addWidget(change)
        change.show()
        qtbot.waitExposed(change)
        change.current.setText("0000")
        change.save()
        qtbot.wait(20)
        assert change.message.text() and _inside(change)
        change.message.setText(change.tr("The new PIN was not saved: the settings file cannot be written."))
        change._pin_written(OSError("read-only"), (change.guard.config.manager_pin_hash, {}))
        qtbot.wait(20)
        assert _inside(change)
    finally:
        qapp.setFont(font)
        qapp.setStyleSheet("")
        install_translators(qapp, "en")


def test_change_pin(qtbot, config: Config) -> None:
    dialog = ChangePinDialog(PinGuard(config))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.current.setText("4821")
    dialog.new.setText("2468")
    dialog.repeat.setText("2469")
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "not the same" in dialog.message.text()
    dialog.current.setText("4821")
    dialog.new.setText("2468")
    dialog.repeat.setText("2468")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = Config.load()
    assert PinGuard(saved).check("2468").ok and not PinGuard(saved).check("4821").ok
    assert "2468" not in config_path().read_text()


# --- setup -----------------------------------------------------------------------------------------


def fill(dialog: SetupDialog, appid: str, secret: str, base: str) -> None:
    dialog.appid.setText(appid)
    dialog.secret.setText(secret)
    dialog.api_base.setText(base)


def test_setup_connection_test_success_and_precise_errors(qtbot, simulator) -> None:
    from pos_app.sandbox import DEMO_APPID, DEMO_SECRET

    dialog = SetupDialog(Config.load())
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.test_button.isEnabled()  # nothing typed yet
    fill(dialog, DEMO_APPID, DEMO_SECRET, simulator.base_url)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Connection works" in dialog.status.text(), timeout=10_000)

    simulator.ip_whitelisted = False
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "whitelist" in dialog.status.text(), timeout=10_000)
    ip = simulator.state.client_ip
    assert f"IP address {ip}." in dialog.status.text() and "40164" in dialog.status.text()
    simulator.ip_whitelisted = True

    dialog.secret.setText("wrong-secret")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "AppSecret is wrong" in dialog.status.text(), timeout=10_000)
    assert "wrong-secret" not in labels_text(dialog)
    assert credentials.load() is None  # a test saves nothing
    dialog.reject()


def test_setup_no_connection(qtbot) -> None:
    dialog = SetupDialog(Config.load())
    qtbot.addWidget(dialog)
    fill(dialog, "wx0123", "s3cret", "http://127.0.0.1:9")  # discard port: connection refused
    dialog.test_connection()
    assert not dialog.test_button.isEnabled()  # one test at a time
    qtbot.waitUntil(lambda: "No connection to WeChat" in dialog.status.text(), timeout=10_000)
    assert dialog.test_button.isEnabled()
    dialog.reject()


def test_setup_save_puts_secret_in_keyring_only(qtbot, simulator) -> None:
    cfg = Config.load()
    dialog = SetupDialog(cfg)
    qtbot.addWidget(dialog)
    fill(dialog, "wxappid123", "top-secret-value", simulator.base_url)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.choice is SetupChoice.SAVED, timeout=5000)
    assert dialog.secret.text() == ""
    assert credentials.load() == credentials.Credentials("wxappid123", "top-secret-value")
    text = config_path().read_text()
    assert json.loads(text)["api_base"] == simulator.base_url and "top-secret-value" not in text


def test_setup_training(qtbot) -> None:
    dialog = SetupDialog(Config.load())
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.training_button, Qt.MouseButton.LeftButton)
    assert dialog.choice is SetupChoice.TRAINING and dialog.result() == QDialog.DialogCode.Accepted


# --- settings --------------------------------------------------------------------------------------


def test_settings_save_and_refuse_bad_values(qtbot, config: Config) -> None:
    client = SimpleNamespace(custom_card_ids=())
    dialog = SettingsDialog(config, None, client)
    qtbot.addWidget(dialog)
    dialog.store.setText("abc")
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Store location ID" in dialog.message.text() and "whole number" in dialog.message.text()
    assert Config.load().store_location_id is None  # nothing saved

    dialog.store.setText("218384742")
    dialog.card_ids.setText("pAAAAAAAAAAAAAAAAAAAAAAAAAAA, pBBBBBBBBBBBBBBBBBBBBBBBBBBB")
    dialog.terminal.setText("Till 2")
    dialog.muted.setChecked(True)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=5000)
    saved = Config.load()
    assert saved.store_location_id == 218384742
    assert saved.custom_card_ids == ["pAAAAAAAAAAAAAAAAAAAAAAAAAAA", "pBBBBBBBBBBBBBBBBBBBBBBBBBBB"]
    assert saved.terminal_id == "Till 2" and saved.sound_muted
    assert saved.manager_pin_hash == config.manager_pin_hash  # the PIN survives a settings save
    assert client.custom_card_ids == ("pAAAAAAAAAAAAAAAAAAAAAAAAAAA", "pBBBBBBBBBBBBBBBBBBBBBBBBBBB")
    assert sounds.player().muted
    sounds.set_muted(False)


def test_settings_language_switches_live(qtbot, config: Config) -> None:
    app = QCoreApplication.instance()
    dialog = SettingsDialog(config)
    qtbot.addWidget(dialog)
    other = SettingsDialog(config)  # stands for any open window
    qtbot.addWidget(other)
    try:
        dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
        dialog.save()
        qtbot.waitUntil(lambda: other.windowTitle() == "设置", timeout=5000)
        assert Config.load().language == "zh_CN"
        assert other.windowTitle() == "设置"
        assert other.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    finally:
        switch_language(app, "en")
    QCoreApplication.processEvents()
    assert other.windowTitle() == "Settings"


def test_open_settings_never_shows_the_secret(qtbot, config: Config) -> None:
    credentials.save("wxappid123", "top-secret-value")
    dialog = SettingsDialog(config, None, None)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: "wxappid123" in dialog.credentials_state.text(), timeout=5000)
    text = labels_text(dialog) + " ".join(w.text() for w in dialog.findChildren(type(dialog.store)))
    assert "wxappid123" in text and "top-secret-value" not in text
    dialog.reject()


# --- sounds and icons ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["success", "refusal", "error", "scan"])
def test_sound_files_are_short_valid_wavs(name: str) -> None:
    with wave.open(str(resource_path("sounds", f"{name}.wav"))) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 44100)
        assert 0.03 < wav.getnframes() / wav.getframerate() < 0.6


def test_sounds_play_without_an_audio_device_and_respect_mute(qapp) -> None:
    player = sounds.SoundPlayer()
    for kind in ("success", "refusal", "error", "scan", "ready"):
        assert player.play(kind) is True  # queued on a QSoundEffect; silent without a device
    assert player.play("fanfare") is False
    player.muted = True
    assert player.play("success") is False and player.last == "success"


def test_icons_render(qapp) -> None:
    assert not icons.app_icon().isNull()
    for verdict in Verdict:
        image = icons.verdict_pixmap(verdict, 48).toImage()
        assert image.width() == 48
        assert image.pixelColor(24, 24).alpha() > 0  # something is drawn in the middle
    assert resource_path("icons", "app.png").exists()


# --- wired into the main window --------------------------------------------------------------------


def test_main_window_settings_need_the_pin_and_history_shows_the_scan(qtbot) -> None:
    from pos_app.services import build_services
    from pos_app.ui.history_view import HistoryView
    from pos_app.ui.main_window import MainWindow

    services = build_services(demo=True)
    window = MainWindow(services, cashier="Zhang")
    qtbot.addWidget(window)
    window.show()
    try:
        PinGuard(services.config).set_pin("4821")
        seen: list[str] = []

        def answer_pin(pin: str) -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, PinDialog)
            qtbot.keyClicks(dialog.field, pin)
            qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
            if dialog.isVisible():
                seen.append("refused")
                dialog.reject()
            else:
                dialog = QApplication.activeModalWidget()
                seen.append(type(dialog).__name__)
                dialog.reject()

        window.open_settings()  # non-blocking: the PIN dialog is open when the call returns
        answer_pin("0000")
        window.open_settings()
        answer_pin("4821")
        assert seen == ["refused", "SettingsDialog"]

        code = services.simulator.demo_catalog()[0].code
        qtbot.keyClicks(window.scan_field, code)
        qtbot.keyClick(window.scan_field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not window.worker.busy and window.state == "showing", timeout=10_000)

        window.open_history()
        view = QApplication.activeModalWidget()
        assert isinstance(view, HistoryView)
        qtbot.waitUntil(lambda: view.model.rowCount() >= 1 and not view.worker.busy, timeout=5000)
        seen.append(view.model.index(0, view.model.COLUMNS.index("code")).data())
        view.accept()
        assert seen[-1] == "•" * (len(code) - 4) + code[-4:]
    finally:
        window.shutdown()
        services.close()


def test_settings_read_the_keyring_off_the_gui_thread(qtbot, config: Config, monkeypatch) -> None:
    import threading

    from pos_app import credentials

    credentials.save("wx1234567890abcdef", "s3cret-value-never-shown")
    threads: list[str] = []
    real_load = credentials.load

    def recording_load():
        threads.append(threading.current_thread().name)
        return real_load()

    monkeypatch.setattr(credentials, "load", recording_load)
    dialog = SettingsDialog(config)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "wx1234567890abcdef" in dialog.credentials_state.text(), timeout=5000)
    assert threads and threading.main_thread().name not in threads
    assert "s3cret" not in dialog.credentials_state.text()
    dialog.reject()


def test_setup_save_without_a_keyring_says_so_and_keeps_the_dialog(qtbot, simulator, monkeypatch) -> None:
    import threading

    from pos_app.errors import ConfigError

    threads: list[str] = []

    def no_keyring(appid, secret):
        threads.append(threading.current_thread().name)
        raise ConfigError(credentials.MSG_NO_KEYRING)

    monkeypatch.setattr(credentials, "save", no_keyring)
    dialog = SetupDialog(Config.load())
    qtbot.addWidget(dialog)
    fill(dialog, "wxappid123", "top-secret-value", simulator.base_url)
    dialog.save()
    qtbot.waitUntil(lambda: "keyring" in dialog.status.text(), timeout=5000)
    assert threads and threading.main_thread().name not in threads
    assert dialog.choice is not SetupChoice.SAVED and dialog.save_button.isEnabled()
    dialog.reject()
