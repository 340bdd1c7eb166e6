"""The manager's settings: store, custom card IDs, terminal, language, sounds, API address, PIN, credentials.

Opened by the main window after the manager PIN (``open_settings(parent, services)``).  Every value is
parsed by ``Config.set_text`` - the same rules as ``pos-app config set`` - so a bad value is refused
with the same sentence in both places.  Everything takes effect at once: language and sound here, the API
address and replaced credentials when the window rebuilds the client (``pos_app.ui.reconfigure``).  The
AppSecret is never shown: it can only be replaced through the setup dialog.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app import credentials
from pos_app.config import Config
from pos_app.errors import ConfigError
from pos_app.ui import icons, sounds
from pos_app.ui.dialogs import open_dialog
from pos_app.ui.disk_writer import pin_guard, save_in_background, when_written
from pos_app.ui.pin_dialog import ChangePinDialog
from pos_app.ui.setup_dialog import SetupChoice, SetupDialog
from pos_app.ui.translations import qt_tr, switch_language
from pos_app.ui.worker import SerialWorker

ERROR_STYLE = "color: #b3261e; font-weight: bold;"
# Language names are written in their own language, so anyone can find theirs.
LANGUAGE_CHOICES = (("en", "English"), ("zh_CN", "简体中文"))


class SettingsDialog(QDialog):
    def __init__(self, config: Config, parent: QWidget | None = None, client: Any = None) -> None:
        super().__init__(parent)
        self.config = config
        self.client = client  # the running WeChatClient: custom card IDs apply to it at once
        self._saving = False  # a save's file write is under way
        self.credentials_replaced = False  # the client must be rebuilt even if the settings are cancelled
        self.setWindowIcon(icons.app_icon())
        self.setModal(True)
        self.setMinimumWidth(640)

        self.store = QLineEdit(self)
        self.store.setText("" if config.store_location_id is None else str(config.store_location_id))
        self.card_ids = QLineEdit(",".join(config.custom_card_ids), self)
        self.terminal = QLineEdit(config.terminal_id, self)
        self.language = QComboBox(self)
        self.language.addItem("", None)  # "follow the system", text set in retranslate()
        for code, name in LANGUAGE_CHOICES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(config.language)))
        self.muted = QCheckBox(self)
        self.muted.setChecked(config.sound_muted)
        self.sound_note = QLabel(self)  # why sounds cannot play here (no audio library / device), if so
        self.sound_note.setObjectName("soundNote")
        self.sound_note.setWordWrap(True)
        self.api_base = QLineEdit(config.api_base, self)

        self.labels = {key: QLabel(self) for key in ("store", "cards", "terminal", "language", "sound", "api")}
        form = QFormLayout()
        for key, field in (
            ("store", self.store),
            ("cards", self.card_ids),
            ("terminal", self.terminal),
            ("language", self.language),
            ("sound", self.muted),
            ("api", self.api_base),
        ):
            self.labels[key].setBuddy(field)
            form.addRow(self.labels[key], field)
            if key == "sound":
                form.addRow("", self.sound_note)

        self.pin_button = QPushButton(self)
        self.pin_button.clicked.connect(self.change_pin)
        self.credentials_button = QPushButton(self)
        self.credentials_button.clicked.connect(self.replace_credentials)
        more = QHBoxLayout()
        more.addWidget(self.pin_button)
        more.addWidget(self.credentials_button)
        more.addStretch(1)
        self.credentials_state = QLabel(self)
        self.credentials_state.setWordWrap(True)
        # The keyring may be slow (a Secret Service over D-Bus, an unlock prompt): read it in the worker.
        self._creds: tuple[str, str] | None = None  # ("appid", id) / ("none", "") / ("error", source text)
        self.worker = SerialWorker(self, name="settings")
        self._load_credentials_state()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(more)
        layout.addWidget(self.credentials_state)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.labels["store"].setText(self.tr("&Store location ID:"))
        self.labels["cards"].setText(self.tr("&Custom-code card IDs (comma-separated):"))
        self.labels["terminal"].setText(self.tr("&Terminal name:"))
        self.labels["language"].setText(self.tr("&Language:"))
        self.labels["sound"].setText(self.tr("Sounds:"))
        self.labels["api"].setText(self.tr("&API address:"))
        self.store.setPlaceholderText(self.tr("empty: the store is not checked"))
        self.language.setItemText(0, self.tr("Follow the system"))
        self.muted.setText(self.tr("&Mute"))
        note = sounds.unavailable_note()
        self.sound_note.setText(note or "")
        self.sound_note.setVisible(note is not None)
        self.pin_button.setText(
            self.tr("Change manager &PIN…") if pin_guard(self.config).is_set() else self.tr("Set manager &PIN…")
        )
        self.credentials_button.setText(self.tr("Replace AppID and AppSecret…"))
        self.credentials_state.setText(self._credentials_state())

    def _load_credentials_state(self) -> None:
        def probe() -> tuple[str, str]:
            try:
                creds = credentials.load()
            except ConfigError as exc:
                return ("error", exc.message)
            return ("none", "") if creds is None else ("appid", creds.appid)

        def show(state: tuple[str, str]) -> None:
            self._creds = state
            self.credentials_state.setText(self._credentials_state())

        self.worker.submit(probe, show, None, busy=False, name="credentials")

    def _credentials_state(self) -> str:
        if self._creds is None:
            return self.tr("Reading the system keyring…")
        kind, value = self._creds
        if kind == "error":
            return qt_tr("messages", value)
        if kind == "none":
            return self.tr("No AppID and AppSecret are stored.")
        return self.tr("AppID {appid}; the AppSecret is stored in the system keyring (hidden).").format(appid=value)

    def done(self, result: int) -> None:
        self.worker.shutdown(timeout=2.0)
        super().done(result)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def save(self) -> None:
        """Parse every field like ``pos-app config set``; save all or nothing."""
        trial = Config(**{**vars(self.config)})
        language = self.language.currentData()
        values = {
            "store_location_id": self.store.text(),
            "custom_card_ids": self.card_ids.text().replace("\n", ","),
            "terminal_id": self.terminal.text().strip(),
            "language": language or "",
            "sound_muted": "true" if self.muted.isChecked() else "false",
            "api_base": self.api_base.text(),
        }
        for key, text in values.items():
            try:
                trial.set_text(key, text)
            except ConfigError as exc:
                label = self.labels[_LABEL_OF[key]].text().replace("&", "").rstrip(":：")
                self.message.setText(f"{label}: {qt_tr('messages', exc.message)}")
                return
        # The file is written by the writer thread; the settings in use change, and the dialog closes,
        # only once it is on disk - until then Save and Cancel wait (no half-applied settings).
        self._saving = True
        self.buttons.setEnabled(False)
        when_written(save_in_background(trial), lambda error: self._saved(error, trial, list(values)))

    def reject(self) -> None:
        if not self._saving:  # Esc/Cancel while the file is being written: wait for it
            super().reject()

    def _saved(self, error: BaseException | None, trial: Config, keys: list[str]) -> None:
        self._saving = False
        self.buttons.setEnabled(True)
        if error is not None:
            self.message.setText(self.tr("The settings file could not be written."))
            return
        language_changed = trial.language != self.config.language
        for key in keys:
            setattr(self.config, key, getattr(trial, key))
        sounds.set_muted(self.config.sound_muted)
        if self.client is not None:
            self.client.custom_card_ids = tuple(self.config.custom_card_ids)
        if language_changed:
            app = QApplication.instance()
            if app is not None:
                switch_language(app, self.config.language)
        self.accept()

    def change_pin(self) -> None:
        open_dialog(ChangePinDialog(pin_guard(self.config), self), lambda _r: self.retranslate())

    def replace_credentials(self) -> None:
        dialog = SetupDialog(self.config, self)
        dialog.training_button.hide()
        self.setup_dialog = dialog

        def done(_result: int) -> None:
            self.setup_dialog = None
            if dialog.choice is SetupChoice.SAVED:
                self.credentials_replaced = True
            self.api_base.setText(self.config.api_base)
            self.retranslate()
            self._load_credentials_state()

        open_dialog(dialog, done)


_LABEL_OF = {
    "store_location_id": "store",
    "custom_card_ids": "cards",
    "terminal_id": "terminal",
    "language": "language",
    "sound_muted": "sound",
    "api_base": "api",
}
