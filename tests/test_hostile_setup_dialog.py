"""The setup dialog's "Test connection" with a plain-http address of another machine: refused on screen
before anything is sent (the client's https rule raised out of the slot before)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")


def test_setup_dialog_refuses_plain_http_to_another_host(qtbot) -> None:
    from pos_app.config import Config
    from pos_app.ui.setup_dialog import SetupDialog

    dialog = SetupDialog(Config())
    qtbot.addWidget(dialog)
    dialog.appid.setText("wx0000000000000000")
    dialog.secret.setText("s" * 32)
    dialog.api_base.setText("http://203.0.113.5")
    dialog.test_connection()
    assert "https://" in dialog.status.text()
    assert dialog.test_button.isEnabled()  # not stuck "testing"
    dialog.reject()
