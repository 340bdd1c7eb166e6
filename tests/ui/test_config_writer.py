"""The window never writes the settings file on the GUI thread (pos_app.ui.config_writer)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from pos_app import config as config_module
from pos_app.config import Config, config_path
from pos_app.pin import hash_pin
from pos_app.ui import config_writer
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
    config_writer.flush()


def test_settings_dialog_writes_off_the_gui_thread(qtbot, writes) -> None:
    dialog = SettingsDialog(Config.load())
    qtbot.addWidget(dialog)
    dialog.terminal.setText("Till 9")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=5000)
    assert Config.load().terminal_id == "Till 9"
    assert writes and all(name.startswith("pos-config") for name in writes), writes


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
    assert writes and writes[0].startswith("pos-config")
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
        guard = config_writer.pin_guard(window.config)
        assert not guard.check("1111").ok
        config_writer.flush()
        saved = Config.load(config_path())
        assert saved.cashier == "Li Na"
        assert saved.pin_lock.get("failures") == 1  # the wrong try survives a restart
        assert len(writes) == 2 and all(name.startswith("pos-config") for name in writes), writes
        assert threading.main_thread().name not in writes
    finally:
        window.shutdown()
        services.close()
