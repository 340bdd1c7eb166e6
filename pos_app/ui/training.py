"""Training mode: a tinted window, a watermark that cannot be missed, and the demo codes to try.

``pos-app --demo`` runs against the embedded simulator; nothing reaches WeChat.  The watermark is a
transparent overlay that ignores the mouse, so it never gets in the way of the counter flow.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from pos_app.models import Outcome, Result
from pos_app.ui import style
from pos_app.ui.operations_list import outcome_text
from pos_app.ui.verdict_words import VERDICT_LOOKS, VERDICT_WORDS


def watermark_text() -> str:
    return QCoreApplication.translate("Training", "TRAINING — nothing is redeemed for real")


class Watermark(QWidget):
    """Diagonal, translucent "TRAINING" text over the whole window; transparent to the mouse."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("trainingWatermark")
        parent.installEventFilter(self)
        self.setGeometry(parent.rect())
        self.raise_()

    def text(self) -> str:
        return watermark_text()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
        return False

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        colour = QColor(style.TRAINING_INK)
        colour.setAlpha(38)
        p.setPen(colour)
        f = QFont()
        f.setPointSize(max(24, min(self.width(), self.height()) // 16))
        f.setBold(True)
        p.setFont(f)
        w, h = self.width(), self.height()
        p.translate(w / 2, h / 2)
        p.rotate(-20)
        p.drawText(QRect(-w, -h // 2, 2 * w, h), Qt.AlignmentFlag.AlignCenter, self.text())
        p.end()


class DemoCodesPanel(QWidget):
    """The demo codes of every status; a click puts one through the same path as a scan.

    A code the trainee redeemed or marked unavailable says so at once (``note``); when the shift closes
    (``refresh``) it is replaced by a fresh code of the same kind, so the list never offers a used code
    as "Redeemable"."""

    def __init__(
        self,
        catalog: Callable[[], Sequence[Any]],
        on_pick: Callable[[str], None],
        fresh_code: Callable[[str], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalog = list(catalog())
        self._on_pick = on_pick
        self._fresh_code = fresh_code
        self.used: dict[str, Result] = {}  # code -> what was done to it
        self.setObjectName("demoCodes")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel()
        self.caption.setFont(style.font(style.DETAIL_PT, bold=True))
        self.caption.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("demoCodeList")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the code field keeps the focus
        self.list.itemClicked.connect(self._picked)
        style.wrap_list(self.list)
        self.list.setMinimumHeight(40)  # the side column also holds the camera at 1024x768
        lay.addWidget(self.caption)
        lay.addWidget(self.list, 1)
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        for entry in self.catalog:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, entry.code)
            self.list.addItem(item)
        self.retranslate_ui()

    def note(self, result: Result) -> None:
        """A result for one of the demo codes: a used code says what was done to it."""
        if result.outcome in (Outcome.REDEEMED, Outcome.INVALIDATED) and any(
            e.code == result.code for e in self.catalog
        ):
            self.used[result.code] = result
            self.retranslate_ui()

    def refresh(self) -> None:
        """Replace the used codes by fresh ones of the same kind."""
        if self._fresh_code is None or not self.used:
            return
        self.catalog = [e._replace(code=self._fresh_code(e.key)) if e.code in self.used else e for e in self.catalog]
        self.used.clear()
        self._fill()

    def _picked(self, item: QListWidgetItem) -> None:
        self._on_pick(item.data(Qt.ItemDataRole.UserRole))

    def retranslate_ui(self) -> None:
        self.caption.setText(self.tr("Demo codes (click to scan)"))
        from PySide6.QtGui import QIcon

        for row, entry in enumerate(self.catalog):
            item = self.list.item(row)
            label = QCoreApplication.translate("DemoCodes", entry.label)  # marked in pos_app.sandbox.demo
            done = self.used.get(entry.code)
            if done is not None:
                word, look = outcome_text(done)
                word = self.tr("used: {outcome}").format(outcome=word)
            else:
                word, look = VERDICT_WORDS[entry.expected](), VERDICT_LOOKS[entry.expected]
            item.setText(f"{entry.code}  {word}\n{label}")
            item.setIcon(QIcon(style.paint_icon(look.icon, look.colour, 28)))
            item.setToolTip(label)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
