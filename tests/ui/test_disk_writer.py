"""The window never writes the settings file on the GUI thread (pos_app.ui.disk_writer)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from pos_app import config as config_module
from pos_app.config import Config, config_path
from pos_app.pin import hash_pin
from pos_app.ui import disk_writer
from pos_app.ui.settings_dialog import SettingsDialog


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The name of the thread of every settings-file write."""
    seen: list[str] = []
    real = config_module.write_config_text

    def recording(text, path):
        seen.append(threading.current_thread().name)
        real(text, path)

    monkeypatch.setattr(config_module, "write_config_text", recording)
    yield seen
    disk_writer.flush()


def test_settings_dialog_writes_off_the_gui_thread(qtbot, writes) -> None:
    dialog = SettingsDialog(Config.load())
    qtbot.addWidget(dialog)
    dialog.terminal.setText("Till 9")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=5000)
    assert Config.load().terminal_id == "Till 9"
    assert writes and all(name.startswith("pos-disk") for name in writes), writes


def test_settings_dialog_stays_open_when_the_file_cannot_be_written(qtbot, writes, tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("POS_APP_CONFIG_DIR", str(blocker / "config"))  # its parent is a file
    dialog = SettingsDialog(Config())
    qtbot.addWidget(dialog)
    dialog.terminal.setText("Till 9")
    dialog.save()
    qtbot.waitUntil(lambda: "could not be written" in dialog.message.text(), timeout=5000)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert writes and writes[0].startswith("pos-disk")
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()  # the manager may retry
    dialog.reject()


def test_cashier_name_and_pin_lockout_are_written_off_the_gui_thread(qtbot, writes) -> None:
    from pos_app.services import build_services
    from pos_app.ui.main_window import MainWindow

    services = build_services(demo=True)
    window = MainWindow(services, cashier="Zhang")
    qtbot.addWidget(window)
    try:
        window.set_cashier("Li Na")
        window.config.manager_pin_hash = hash_pin("2580")
        guard = disk_writer.pin_guard(window.config)
        assert not guard.check("1111").ok
        disk_writer.flush()
        saved = Config.load(config_path())
        assert saved.cashier == "Li Na"
        assert saved.pin_lock.get("failures") == 1  # the wrong try survives a restart
        assert len(writes) == 2 and all(name.startswith("pos-disk") for name in writes), writes
        assert threading.main_thread().name not in writes
    finally:
        window.shutdown()
        services.close()


def test_settings_apply_only_once_written_and_cancel_waits_for_the_write(qtbot, monkeypatch) -> None:
    gate = threading.Event()
    real = config_module.write_config_text

    def slow_write(text, path):
        gate.wait(5)
        real(text, path)

    monkeypatch.setattr(config_module, "write_config_text", slow_write)
    config = Config.load()
    dialog = SettingsDialog(config)
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        dialog.terminal.setText("Till 7")
        dialog.save()
        assert not dialog.buttons.isEnabled()
        dialog.reject()  # Esc/Cancel while the file is written: the dialog waits
        assert dialog.isVisible()
        assert config.terminal_id == ""  # not in use before it is on disk
    finally:
        gate.set()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=5000)
    assert config.terminal_id == "Till 7" and Config.load().terminal_id == "Till 7"


def test_a_new_pin_that_cannot_be_written_is_not_set(qtbot, monkeypatch) -> None:
    from pos_app.ui.pin_dialog import ChangePinDialog

    def full_disk(text, path):
        raise OSError(28, "No space left on device")

    real = config_module.write_config_text
    monkeypatch.setattr(config_module, "write_config_text", full_disk)
    config = Config.load()
    dialog = ChangePinDialog(disk_writer.pin_guard(config))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.current_label.isVisible()  # no PIN yet: no "Current PIN" label floating over the form
    dialog.new.setText("2580")
    dialog.repeat.setText("2580")
    dialog.save()
    qtbot.waitUntil(lambda: "not saved" in dialog.message.text(), timeout=5000)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.buttons.isEnabled()
    assert config.manager_pin_hash is None  # a PIN a restart would forget is not set

    monkeypatch.setattr(config_module, "write_config_text", real)  # room again: the same dialog sets it
    dialog.new.setText("2580")
    dialog.repeat.setText("2580")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=5000)
    assert config.manager_pin_hash and Config.load().manager_pin_hash == config.manager_pin_hash
