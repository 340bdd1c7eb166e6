"""Ask for the manager PIN (F10, overrides of failed conditions, settings) and change it.

``ask_manager(parent, config, what, then)`` is the one call the windows use (non-blocking): ``then(True)``
when the manager typed the right PIN, or when no PIN has been set yet (training; at a real counter the
window makes the manager set one first, ``pos_app.ui.guards``).  The lockout lives in ``pos_app.pin``
and in the config file, so closing the dialog or restarting the app does not give more tries.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRegularExpression, Qt, QTimer
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pos_app.config import Config
from pos_app.pin import MAX_LENGTH, PinCheck, PinError, PinGuard, PinState
from pos_app.ui import icons
from pos_app.ui.dialogs import accepted, fit_height, open_dialog
from pos_app.ui.disk_writer import pin_guard, when_written
from pos_app.ui.translations import qt_tr

ERROR_STYLE = "color: #b3261e; font-weight: bold;"


def _digits_field(parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(MAX_LENGTH)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,8}"), field))
    field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData)
    field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    return field


def _say(dialog: PinDialog | ChangePinDialog, text: str) -> None:
    """The refusal under the fields; the dialog grows when it wraps further (buttons never squeezed)."""
    dialog.message.setText(text)
    fit_height(dialog)


def _message_text(check: PinCheck) -> str:
    source, args = check.message()
    return qt_tr("messages", source).format(**args) if source else ""


class PinDialog(QDialog):
    """One PIN field; wrong tries and the lock countdown shown in place."""

    def __init__(self, guard: PinGuard, what: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guard = guard
        self.what = what
        self.setWindowIcon(icons.app_icon())
        self.setModal(True)
        self.setMinimumWidth(420)
        self.reason_label = QLabel(self)
        self.reason_label.setWordWrap(True)
        self.prompt = QLabel(self)
        self.field = _digits_field(self)
        self.prompt.setBuddy(self.field)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.try_pin)
        self.buttons.rejected.connect(self.reject)
        # Room for a two-line refusal ("Wrong PIN…") from the start: the buttons never move or clip.
        self.message.setMinimumHeight(2 * self.message.fontMetrics().lineSpacing())
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.prompt)
        layout.addWidget(self.field)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._update_lock)
        self.retranslate()
        self._update_lock()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Manager PIN"))
        reasons = {
            "override": self.tr("A manager must approve redeeming a coupon whose conditions are not met."),
            "settings": self.tr("A manager must approve changing the settings."),
            "invalidate": self.tr("A manager must approve marking a coupon unavailable."),
            "acknowledge": self.tr("A manager must acknowledge operations whose outcome is not known yet."),
        }
        self.reason_label.setText(reasons.get(self.what, self.tr("This needs a manager's approval.")))
        self.prompt.setText(self.tr("Manager &PIN:"))
        self._update_lock()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _set_locked(self, locked: bool) -> None:
        self.field.setEnabled(not locked)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not locked)
        if not locked:
            self.field.setFocus()

    def _update_lock(self) -> None:
        left = self.guard.seconds_locked()
        if left:
            _say(self, _message_text(PinCheck(PinState.LOCKED, 0, left)))
            self._set_locked(True)
            if not self._countdown.isActive():
                self._countdown.start()
        else:
            if self._countdown.isActive():
                self._countdown.stop()
                self.message.clear()
            self._set_locked(False)

    def try_pin(self) -> None:
        check = self.guard.check(self.field.text())
        self.field.clear()
        if check.ok:
            self.accept()
            return
        _say(self, _message_text(check))
        self._update_lock()


def ask_manager(parent: QWidget | None, config: Config, what: str, then: Callable[[bool], None]) -> PinDialog | None:
    """Non-blocking: ``then(True)`` when the manager typed the right PIN (or no PIN is set yet),
    ``then(False)`` when the dialog was cancelled.  Returns the open dialog, if one was needed."""
    guard = pin_guard(config)
    if not guard.is_set():
        then(True)
        return None
    dialog = PinDialog(guard, what, parent)
    open_dialog(dialog, lambda result: then(accepted(result)))
    return dialog


class ChangePinDialog(QDialog):
    """Set or change the manager PIN: the current one (when set), the new one twice."""

    def __init__(self, guard: PinGuard, parent: QWidget | None = None, *, needed_for: str = "") -> None:
        super().__init__(parent)
        self.guard = guard
        self.needed_for = needed_for  # "" from the settings; else what waits for the new PIN
        self._saving = False  # the new PIN's file write is under way
        self.intro = QLabel(self)
        self.intro.setObjectName("pinIntro")
        self.intro.setWordWrap(True)
        self.setModal(True)
        self.setMinimumWidth(420)
        self.current = _digits_field(self)
        self.new = _digits_field(self)
        self.repeat = _digits_field(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.form = QFormLayout()
        self.current_label, self.new_label, self.repeat_label = QLabel(self), QLabel(self), QLabel(self)
        if guard.is_set():
            self.form.addRow(self.current_label, self.current)
        else:  # no PIN yet: neither the field nor its label (unparented to the form, it would float)
            self.current.hide()
            self.current_label.hide()
        self.form.addRow(self.new_label, self.new)
        self.form.addRow(self.repeat_label, self.repeat)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Manager PIN") if self.guard.is_set() else self.tr("Set a manager PIN"))
        self.current_label.setText(self.tr("Current PIN:"))
        self.new_label.setText(self.tr("New PIN (4 to 8 digits):"))
        self.repeat_label.setText(self.tr("New PIN again:"))
        if self.needed_for and not self.guard.is_set():
            self.intro.setText(
                self.tr(
                    "No manager PIN is set on this counter yet. A manager must choose one now: marking "
                    "coupons unavailable, overriding conditions and the settings all need it."
                )
            )
        self.intro.setVisible(bool(self.intro.text()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def save(self) -> None:
        if self.guard.is_set():
            check = self.guard.check(self.current.text())
            self.current.clear()
            if not check.ok:
                _say(self, _message_text(check))
                return
        before = (self.guard.config.manager_pin_hash, dict(self.guard.config.pin_lock))
        try:
            self.guard.set_pin(self.new.text(), self.repeat.text())
        except PinError as exc:
            _say(self, qt_tr("messages", exc.message))
            self.new.clear()
            self.repeat.clear()
            return
        write = getattr(self.guard, "last_write", None)
        if write is None:  # a guard that saved at once
            self.accept()
            return
        # The new PIN counts once it is on disk: a PIN that a restart would forget is not set.
        self._saving = True
        self.buttons.setEnabled(False)
        when_written(write, lambda error: self._pin_written(error, before))

    def reject(self) -> None:
        if not self._saving:
            super().reject()

    def _pin_written(self, error: BaseException | None, before: tuple[str | None, dict]) -> None:
        self._saving = False
        self.buttons.setEnabled(True)
        if error is None:
            self.accept()
            return
        self.guard.config.manager_pin_hash, self.guard.config.pin_lock = before
        _say(self, self.tr("The new PIN was not saved: the settings file cannot be written."))
