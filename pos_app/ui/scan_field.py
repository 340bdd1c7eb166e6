"""The code field: what a USB scanner types, what the cashier types, and what the camera reads.

A handheld scanner is a keyboard: it types the code fast and presses Enter.  A Chinese input method
would swallow those keys into its candidate window, so input methods are disabled on this field; what
still arrives full-width (pasted text) is NFKC-normalised by ``pos_app.codes.clean``.  The same code
again within a few seconds (the customer's phone held under the scanner twice) asks to show the last
result again rather than sending another request.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from pos_app.codes import clean
from pos_app.ui import style

REPEAT_WINDOW_S = 4.0


class ScanField(QLineEdit):
    """Emits ``submitted(code)`` for a new code and ``repeated(code)`` for the same code again."""

    submitted = Signal(str)
    repeated = Signal(str)

    def __init__(self, parent: QWidget | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._clock = clock
        self._last_code = ""
        self._last_at = -1e9
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

    def forget(self) -> None:
        """Forget the last code, so scanning it again sends a request (after Esc or a redemption)."""
        self._last_code = ""
        self._last_at = -1e9

    def submit_text(self, text: str) -> None:
        """Feed a code from elsewhere (the camera) into the same path as a typed one."""
        self.setText(text)
        self._on_return()

    def _on_return(self) -> None:
        raw = self.text()
        code = clean(raw)
        self.clear()
        if not code and not raw:
            return
        now = self._clock()
        if code and code == self._last_code and now - self._last_at <= REPEAT_WINDOW_S:
            self._last_at = now
            self.repeated.emit(code)
            return
        self._last_code, self._last_at = code, now
        self.submitted.emit(code if code else raw)
