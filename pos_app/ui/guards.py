"""The manager's say-so, without a nested event loop: the PIN, setting a first PIN, condition overrides.

At a real counter F10, overrides and the settings are never unguarded: with no PIN yet, the manager
sets one now (the dialog says so) and that counts as the approval.  Training lets practice go on without
a PIN - and then says so, rather than asking for an approval it will not check.  Every question is a
window-modal dialog opened with ``open()``; the answer arrives in a callback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from pos_app import rules
from pos_app.ui.dialogs import accepted, open_dialog
from pos_app.ui.disk_writer import pin_guard
from pos_app.ui.pin_dialog import ChangePinDialog, ask_manager
from pos_app.ui.translations import qt_tr


class ManagerGuards(QObject):
    """``window`` is the parent of the dialogs; ``services`` gives ``config`` and ``demo``."""

    def __init__(self, window: QWidget, services: Any) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.set_pin_dialog: ChangePinDialog | None = None  # reachable for tests and screenshots
        self.override_box: QMessageBox | None = None
        self.pin_dialog: QWidget | None = None

    @property
    def config(self) -> Any:
        return self.services.config

    def training_without_pin(self) -> bool:
        """Training with no PIN set: the manager step is skipped (and the texts say so)."""
        return bool(getattr(self.services, "demo", False)) and not pin_guard(self.config).is_set()

    def approve(self, what: str, then: Callable[[bool], None]) -> None:
        """``then(True)`` once a manager approved ``what`` (override, invalidate, settings)."""
        guard = pin_guard(self.config)
        if not getattr(self.services, "demo", False) and not guard.is_set():
            dialog = ChangePinDialog(guard, self.window, needed_for=what)
            self.set_pin_dialog = dialog

            def done(result: int) -> None:
                self.set_pin_dialog = None
                then(accepted(result))

            open_dialog(dialog, done)
            return

        def answered(ok: bool) -> None:
            self.pin_dialog = None
            then(ok)

        self.pin_dialog = ask_manager(self.window, self.config, what, answered)

    def confirm_override(self, failed: list[rules.ConditionCheck], then: Callable[[bool], None]) -> None:
        """A merchant condition failed: redeem only on an explicit override (and the manager's PIN)."""
        lines = "\n".join("✖ " + c.text(qt_tr) for c in failed)
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Condition not met"))
        box.setText(self.tr("This coupon's conditions are not all met:"))
        if self.training_without_pin():
            question = self.tr("Redeem anyway? At a real counter this needs the manager's PIN; training asks none.")
        else:
            question = self.tr("Redeem anyway? Only with the manager's approval.")
        box.setInformativeText(lines + "\n\n" + question)
        anyway = box.addButton(self.tr("Redeem anyway"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("Do not redeem"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        self.override_box = box

        def answered(_result: int) -> None:
            self.override_box = None
            if box.clickedButton() is not anyway:
                then(False)
                return
            self.approve("override", then)

        open_dialog(box, answered)


__all__ = ["ManagerGuards"]
