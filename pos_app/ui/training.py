"""Training mode: a tinted window, a watermark that cannot be missed, and the demo codes to try.

``pos-app --demo`` runs against the embedded simulator; nothing reaches WeChat.  The watermark is a
transparent overlay that ignores the mouse, so it never gets in the way of the counter flow.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from pos_app.ui import style
from pos_app.ui.result_panel import VERDICT_LOOKS, VERDICT_WORDS


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
    """The demo codes of every status; a click puts one through the same path as a scan."""

    def __init__(self, catalog: Sequence[object], on_pick: Callable[[str], None], parent=None) -> None:
        super().__init__(parent)
        self.catalog = list(catalog)
        self._on_pick = on_pick
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
        lay.addWidget(self.caption)
        lay.addWidget(self.list, 1)
        for entry in self.catalog:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, entry.code)
            self.list.addItem(item)
        self.retranslate_ui()

    def _picked(self, item: QListWidgetItem) -> None:
        self._on_pick(item.data(Qt.ItemDataRole.UserRole))

    def retranslate_ui(self) -> None:
        self.caption.setText(self.tr("Demo codes (click to scan)"))
        from PySide6.QtGui import QIcon

        for row, entry in enumerate(self.catalog):
            item = self.list.item(row)
            look = VERDICT_LOOKS[entry.expected]
            label = QCoreApplication.translate("DemoCodes", entry.label)  # marked in pos_app.sandbox.demo
            item.setText(f"{entry.code}  {VERDICT_WORDS[entry.expected]()}\n{label}")
            item.setIcon(QIcon(style.paint_icon(look.icon, look.colour, 28)))
            item.setToolTip(label)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
