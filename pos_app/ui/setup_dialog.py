"""First run without credentials: AppID + AppSecret into the keyring, a connection test, or training mode.

The AppSecret is typed into a password field, goes straight to the OS keyring on Save and is never
shown again (the settings dialog can only replace it).  "Test connection" asks WeChat for a token
with what is typed, off the GUI thread, and reports success or the exact problem — for 40164 with the
IP address WeChat saw, which is what the manager must add to the whitelist.
"""

from __future__ import annotations

import re
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app import credentials
from pos_app.client import WeChatClient
from pos_app.config import Config
from pos_app.errors import ApiError, PosAppError
from pos_app.ui import icons
from pos_app.ui.disk_writer import save_in_background
from pos_app.ui.translations import qt_tr
from pos_app.ui.worker import SerialWorker

_IP_RE = re.compile(r"invalid ip ([0-9A-Fa-f:.]+)")
OK_STYLE = "color: #1b7f3b; font-weight: bold;"
ERROR_STYLE = "color: #b3261e; font-weight: bold;"


class SetupChoice(StrEnum):
    SAVED = "saved"
    TRAINING = "training"


def whitelist_ip(exc: PosAppError) -> str | None:
    """The IP address WeChat names in a 40164 answer ("invalid ip 1.2.3.4 ipv6 ..., not in whitelist")."""
    if exc.errcode != 40164:
        return None
    match = _IP_RE.search(exc.detail)
    return match.group(1) if match else None


def error_text(exc: BaseException) -> str:
    """The cashier's sentence for a failed connection test, translated, with errcode / IP when known."""
    if not isinstance(exc, PosAppError):
        return QCoreApplication.translate("SetupDialog", "The test failed unexpectedly: {error}").format(
            error=type(exc).__name__
        )
    text = qt_tr("messages", exc.message).replace("{errcode}", str(exc.errcode))
    ip = whitelist_ip(exc)
    if ip:
        text += " " + QCoreApplication.translate("SetupDialog", "WeChat saw this counter as IP address {ip}.").format(
            ip=ip
        )
    if isinstance(exc, ApiError) and exc.errcode is not None and "{errcode}" not in exc.message:
        text += " " + QCoreApplication.translate("SetupDialog", "(error {errcode})").format(errcode=exc.errcode)
    return text


class SetupDialog(QDialog):
    """``choice`` tells what happened when the dialog is accepted: credentials saved, or training mode."""

    def __init__(self, config: Config, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.choice: SetupChoice | None = None
        self.setWindowIcon(icons.app_icon())
        self.setModal(True)
        self.setMinimumWidth(640)
        self.worker = SerialWorker(self, name="setup-test")
        self._testing = False

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.appid = QLineEdit(self)
        self.secret = QLineEdit(self)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_base = QLineEdit(config.api_base, self)
        for field in (self.appid, self.secret, self.api_base):
            field.textChanged.connect(self._fields_changed)
        self.appid_label, self.secret_label, self.api_label = QLabel(self), QLabel(self), QLabel(self)
        self.appid_label.setBuddy(self.appid)
        self.secret_label.setBuddy(self.secret)
        self.api_label.setBuddy(self.api_base)
        form = QFormLayout()
        form.addRow(self.appid_label, self.appid)
        form.addRow(self.secret_label, self.secret)
        form.addRow(self.api_label, self.api_base)
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        self.test_button = QPushButton(self)
        self.test_button.clicked.connect(self.test_connection)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save)
        self.save_button.setDefault(True)
        self.training_button = QPushButton(self)
        self.training_button.clicked.connect(self.start_training)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.training_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.retranslate()
        self._fields_changed()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Set up pos-app"))
        self.intro.setText(
            self.tr(
                "Enter the AppID and AppSecret of the merchant's WeChat Official Account. The AppSecret is "
                "kept in the system keyring and never shown again. Without them you can practise in "
                "training mode."
            )
        )
        self.appid_label.setText(self.tr("&AppID:"))
        self.secret_label.setText(self.tr("App&Secret:"))
        self.api_label.setText(self.tr("API &address:"))
        self.test_button.setText(self.tr("&Test connection"))
        self.save_button.setText(self.tr("Sa&ve"))
        self.training_button.setText(self.tr("Start t&raining mode"))
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _typed(self) -> tuple[str, str, str]:
        return self.appid.text().strip(), self.secret.text().strip(), self.api_base.text().strip()

    def _fields_changed(self) -> None:
        appid, secret, base = self._typed()
        ready = bool(appid and secret and base.startswith(("https://", "http://")))
        self.test_button.setEnabled(ready and not self._testing)
        self.save_button.setEnabled(ready and not self._testing)

    def _show(self, text: str, ok: bool) -> None:
        self.status.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.status.setText(text)

    def test_connection(self) -> None:
        """Fetch a token with what is typed, in the background; nothing is saved."""
        appid, secret, base = self._typed()
        if not (appid and secret) or self._testing:
            return
        try:
            client = WeChatClient(base, credentials.Credentials(appid, secret), read_attempts=1)
        except PosAppError as exc:  # plain http to another machine: refused before anything is sent
            self._show(error_text(exc), False)
            return

        def run() -> None:
            try:
                client.fetch_token()  # the token itself never leaves this function
            finally:
                client.close()

        self._testing = True
        self._fields_changed()
        self._show(self.tr("Testing the connection to WeChat…"), True)
        self.worker.submit(run, self._test_passed, self._test_failed, name="test-connection")

    def _test_passed(self, _result: object) -> None:
        self._testing = False
        self._fields_changed()
        self._show(self.tr("Connection works: WeChat accepted the AppID and AppSecret."), True)

    def _test_failed(self, exc: BaseException) -> None:
        self._testing = False
        self._fields_changed()
        self._show(error_text(exc), False)

    def save(self) -> None:
        """Store the secret in the keyring (and the API address in the config) from the worker: a
        Secret Service may be slow or ask to be unlocked, and the window must not freeze meanwhile."""
        appid, secret, base = self._typed()
        if not (appid and secret) or self._testing:
            return
        config = self.config

        def store() -> None:
            credentials.save(appid, secret)
            if base != config.api_base:
                config.set_text("api_base", base)
                save_in_background(config).result()  # in order with the window's other writes

        self._testing = True  # one action at a time: no second save or test while this runs
        self._fields_changed()
        self.worker.submit(store, self._saved, self._save_failed, name="save-credentials")

    def _saved(self, _result: object) -> None:
        self._testing = False
        self.secret.clear()  # nothing of the secret stays in the widget
        self.choice = SetupChoice.SAVED
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self._testing = False
        self._fields_changed()
        if isinstance(exc, PosAppError):
            self._show(qt_tr("messages", exc.message), False)
        elif isinstance(exc, OSError):
            self._show(self.tr("The settings file could not be written."), False)
        else:
            raise exc

    def start_training(self) -> None:
        self.secret.clear()
        self.choice = SetupChoice.TRAINING
        self.accept()

    def done(self, result: int) -> None:
        self.worker.shutdown(timeout=0.5)
        super().done(result)


def run_setup(parent: QWidget | None, config: Config) -> SetupChoice | None:
    """Show the setup dialog; SAVED, TRAINING, or None when the user cancelled."""
    dialog = SetupDialog(config, parent)
    try:
        dialog.exec()
        return dialog.choice
    finally:
        dialog.deleteLater()
