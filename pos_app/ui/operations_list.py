"""The side list of this session's last operations: time, masked code, title, outcome.

Entries keep the ``Result`` they show, so a language switch renders them again; the newest is on top.
Nothing here is durable - the journal is; this is what the cashier just did, at a glance.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from pos_app.codes import mask
from pos_app.models import Action, Outcome, Result
from pos_app.ui import style
from pos_app.ui.style import AMBER, GREEN, GREY, RED, Icon, Look
from pos_app.ui.verdict_words import VERDICT_WORDS, is_ticket, verdict_word

MAX_ENTRIES = 50


def outcome_text(result: Result, condition_failed: bool = False) -> tuple[str, Look]:
    """The short outcome word of one operation and its look (colour + icon shape).

    ``condition_failed``: a lookup WeChat would redeem but a merchant condition fails here; the list
    says what the panel's headline said ("Condition not met", amber), never a green "Redeemable"."""
    tr = QCoreApplication.translate
    if result.outcome is Outcome.PENDING:
        return tr("OperationsList", "Confirming…"), Look(AMBER, Icon.WAIT)
    if result.action is Action.REDEEM:
        if result.outcome is Outcome.REDEEMED and is_ticket(result):
            return tr("OperationsList", "Checked in"), Look(GREEN, Icon.OK)
        if result.outcome is Outcome.REDEEMED:
            return tr("OperationsList", "Redeemed"), Look(GREEN, Icon.OK)
        if result.outcome is Outcome.CONSUMED_ELSEWHERE:
            return tr("OperationsList", "Used, possibly elsewhere: check"), Look(AMBER, Icon.WARN)
        if result.outcome is Outcome.REFUSED:
            return tr("OperationsList", "Not redeemed: {verdict}").format(
                verdict=VERDICT_WORDS[result.verdict]()
            ), Look(RED, Icon.STOP)
        return tr("OperationsList", "Not redeemed (error)"), Look(AMBER, Icon.WARN)
    if result.action is Action.INVALIDATE:
        if result.outcome is Outcome.INVALIDATED:
            return tr("OperationsList", "Marked unavailable"), Look(GREY, Icon.STOP)
        return tr("OperationsList", "Not marked unavailable"), Look(AMBER, Icon.WARN)
    if condition_failed and result.outcome is Outcome.REDEEMABLE:
        word = tr("ResultPanel", "Condition not met")  # the panel's own headline and translation
        return tr("OperationsList", "Looked up: {verdict}").format(verdict=word), Look(AMBER, Icon.WARN)
    look, word = verdict_word(result)
    return tr("OperationsList", "Looked up: {verdict}").format(verdict=word), look


@dataclass
class Entry:
    at: float
    result: Result
    item: QListWidgetItem
    condition_failed: bool = False


class OperationsList(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[Entry] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel()
        self.caption.setFont(style.font(style.DETAIL_PT, bold=True))
        self.list = QListWidget()
        self.list.setObjectName("operations")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the code field keeps the focus
        style.wrap_list(self.list)
        self.list.setMinimumHeight(40)  # the side column also holds the camera at 1024x768
        lay.addWidget(self.caption)
        lay.addWidget(self.list, 1)
        self.retranslate_ui()

    def add(self, result: Result, at: float | None = None, *, condition_failed: bool = False) -> Entry:
        item = QListWidgetItem()
        entry = Entry(time.time() if at is None else at, result, item, condition_failed)
        self.list.insertItem(0, item)
        self.entries.insert(0, entry)
        while len(self.entries) > MAX_ENTRIES:
            old = self.entries.pop()
            self.list.takeItem(self.list.row(old.item))
        self._render(entry)
        return entry

    def replace_result(self, entry: Entry, result: Result) -> None:
        """Replace an entry's result (a "Confirming…" line that has settled)."""
        entry.result = result
        entry.condition_failed = False  # the settled redemption is what the line shows now
        self._render(entry)

    def clear_entries(self) -> None:
        """A new shift: the list starts empty (the journal keeps everything)."""
        self.entries.clear()
        self.list.clear()

    def texts(self) -> list[str]:
        return [e.item.text() for e in self.entries]

    def _render(self, entry: Entry) -> None:
        r = entry.result
        word, look = outcome_text(r, entry.condition_failed)
        title = r.card.title if r.card is not None and r.card.title else ""
        when = time.strftime("%H:%M:%S", time.localtime(entry.at))
        code = mask(r.code) if r.code else "—"
        line1 = f"{when}  {code}"
        line2 = word if not title else f"{word} · {title}"
        entry.item.setText(f"{line1}\n{line2}")
        entry.item.setIcon(QIcon(style.paint_icon(look.icon, look.colour, 32)))
        entry.item.setData(Qt.ItemDataRole.UserRole, r.outcome.value)

    def retranslate_ui(self) -> None:
        self.caption.setText(self.tr("This session"))
        for entry in self.entries:
            self._render(entry)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
