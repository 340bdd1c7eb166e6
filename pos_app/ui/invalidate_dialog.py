"""F10: mark a coupon unavailable - a reason, the customer's agreement, then "this cannot be undone".

Two pages in one dialog (not a message box on top of a dialog) so the whole thing works from the
keyboard: type or pick a reason, Space ticks the agreement, Enter goes on, Enter again confirms.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.codes import MAX_REASON_LENGTH, mask
from pos_app.ui import style
from pos_app.ui.style import RED


class InvalidateDialog(QDialog):
    def __init__(self, code: str, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.coupon_title = title
        self.setModal(True)
        self.setMinimumWidth(620)
        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.addWidget(self.stack)

        # Page 1: reason and agreement.
        page1 = QWidget()
        p1 = QVBoxLayout(page1)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setFont(style.font(style.DETAIL_PT + 2, bold=True))
        self.reason_caption = QLabel()
        self.reason = QComboBox()
        self.reason.setObjectName("reason")
        self.reason.setEditable(True)
        self.reason.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # No inline completion: typing "C" must not silently become a listed reason ("Customer changed
        # their mind") that Enter then sends; the listed reasons are in the drop-down (Alt+Down).
        self.reason.setCompleter(None)
        self.reason.lineEdit().setMaxLength(MAX_REASON_LENGTH)
        self.reason.lineEdit().returnPressed.connect(self._next)
        self.reason.lineEdit().textChanged.connect(self._update)
        self.reason.setMinimumHeight(style.BUTTON_MIN_HEIGHT)
        self.reason_caption.setBuddy(self.reason)
        self.count = QLabel()
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.agreed = QCheckBox()
        self.agreed.setObjectName("agreed")
        self.agreed.toggled.connect(self._update)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet(f"color: {RED};")
        self.problem.setWordWrap(True)
        row1 = QHBoxLayout()
        self.cancel_button = QPushButton()
        self.next_button = QPushButton()
        self.next_button.setObjectName("next")
        self.cancel_button.clicked.connect(self.reject)
        self.next_button.clicked.connect(self._next)
        self.next_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(False)
        row1.addWidget(self.cancel_button)
        row1.addStretch(1)
        row1.addWidget(self.next_button)
        for w in (self.intro, self.reason_caption, self.reason, self.count, self.agreed, self.problem):
            p1.addWidget(w)
        p1.addLayout(row1)
        self.stack.addWidget(page1)

        # Page 2: the final, irreversible confirmation.
        page2 = QWidget()
        p2 = QVBoxLayout(page2)
        self.final_text = QLabel()
        self.final_text.setObjectName("finalText")
        self.final_text.setWordWrap(True)
        self.final_text.setFont(style.font(style.DETAIL_PT + 4, bold=True))
        row2 = QHBoxLayout()
        self.back_button = QPushButton()
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirm")
        self.confirm_button.setStyleSheet(f"background: {RED}; color: white;")
        self.back_button.clicked.connect(lambda: self._show_page(0))
        self.confirm_button.clicked.connect(self.accept)
        row2.addWidget(self.back_button)
        row2.addStretch(1)
        row2.addWidget(self.confirm_button)
        p2.addWidget(self.final_text)
        p2.addStretch(1)
        p2.addLayout(row2)
        self.stack.addWidget(page2)
        self.retranslate_ui()
        self._update()
        self.reason.setFocus()

    def reason_text(self) -> str:
        return " ".join(self.reason.currentText().split())

    def _problem(self) -> str:
        text = self.reason_text()
        if not text:
            return self.tr("Enter or choose a reason.")
        if len(text) > MAX_REASON_LENGTH:
            return self.tr("The reason may have at most 64 characters.")
        if not self.agreed.isChecked():
            return self.tr("Tick that the customer agreed.")
        return ""

    def _update(self) -> None:
        self.count.setText(f"{len(self.reason_text())}/{MAX_REASON_LENGTH}")
        self.next_button.setEnabled(not self._problem())
        self.problem.clear()

    def _next(self) -> None:
        if self.stack.currentIndex() != 0:
            return
        problem = self._problem()
        if problem:
            self.problem.setText(problem)
            return
        self._show_page(1)

    def _show_page(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        if index == 1:
            self._render_final()
            self.confirm_button.setDefault(True)
            self.confirm_button.setFocus()
        else:
            self.confirm_button.setDefault(False)
            self.reason.setFocus()

    def keyPressEvent(self, event) -> None:
        # Enter on the final page confirms even if focus wandered; on the first page it means "next".
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.stack.currentIndex() == 1:
                self.accept()
            else:
                self._next()
            return
        super().keyPressEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Mark coupon unavailable"))
        what = mask(self.code) + (f" · {self.coupon_title}" if self.coupon_title else "")
        self.intro.setText(self.tr("Mark coupon {what} unavailable?").format(what=what))
        self.reason_caption.setText(self.tr("&Reason (required, at most 64 characters):"))
        current = self.reason.currentText()
        self.reason.clear()
        self.reason.addItems(
            [
                self.tr("Customer asked to cancel the coupon"),
                self.tr("Coupon issued by mistake"),
                self.tr("Coupon damaged or unreadable"),
                self.tr("Suspected misuse"),
            ]
        )
        self.reason.setEditText(current)
        self.agreed.setText(self.tr("The customer &agreed"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))
        self.next_button.setText(self.tr("Continue (Enter)"))
        self.back_button.setText(self.tr("Back"))
        self.confirm_button.setText(self.tr("Yes, mark unavailable (Enter)"))
        self._render_final()

    def _render_final(self) -> None:
        self.final_text.setText(
            self.tr("This cannot be undone: the coupon {code} can never be used again.\nReason: {reason}").format(
                code=mask(self.code), reason=self.reason_text()
            )
        )

    def accept(self) -> None:
        if self._problem():
            self._show_page(0)
            return
        super().accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
