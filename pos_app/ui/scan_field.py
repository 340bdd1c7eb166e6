"""The code field: what a USB scanner types, what the cashier types, and what the camera reads.

A handheld scanner is a keyboard: it types the code fast and presses Enter.  A Chinese input method
would swallow those keys into its candidate window, so input methods are disabled on this field; what
still arrives full-width (pasted text) is NFKC-normalised by ``pos_app.codes.clean``.  The same code
again within a few seconds (the customer's phone held under the scanner twice) asks to show the last
result again rather than sending another request - the counter model (``pos_app.counter``) decides that,
and whether a scan waits its turn; this field only delivers what was typed, whole.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from pos_app.codes import clean, parse_scan
from pos_app.errors import InputError
from pos_app.ui import style


class ScanField(QLineEdit):
    """Emits ``submitted(code)`` for every Enter with something typed."""

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.setInputMethodHints(
            Qt.InputMethodHint.ImhLatinOnly
            | Qt.InputMethodHint.ImhPreferNumbers
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        self.setFont(style.font(style.SCAN_PT))
        self.setMaxLength(512)  # card links are long; parse_scan rejects what is not a code
        self.setClearButtonEnabled(True)
        self.setObjectName("scanField")
        self.returnPressed.connect(self._on_return)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setPlaceholderText(self.tr("Scan or type the coupon code, then Enter"))
        self.setAccessibleName(self.tr("Coupon code"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def inputMethodEvent(self, event) -> None:
        # Belt and braces: even if a platform ignores WA_InputMethodEnabled, commit only what the
        # input method finally produced, normalised (full-width digits become ASCII).
        committed = clean(event.commitString())
        if committed:
            self.insert(committed)
        event.accept()

    def submit_text(self, text: str) -> None:
        """Feed a code from elsewhere (the camera) into the same path as a typed one."""
        self.setText(text)
        self._on_return()

    def _on_return(self) -> None:
        raw = self.text()
        code = clean(raw)
        self.clear()
        if code or raw:
            self.submitted.emit(code if code else raw)


def is_code(text: str) -> bool:
    """Could ``text`` be a coupon code or card link at all (not a poster's "欢迎光临本店")?"""
    try:
        parse_scan(text)
    except InputError:
        return False
    return True
