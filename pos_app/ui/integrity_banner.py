"""The red strip that says the journal was tampered with: deleted, emptied, cut short or swapped.

``Journal.integrity_problems`` holds what the anchor (``pos_app.journal.anchor``) found when the journal
was opened; the window shows them here, in plain words, for as long as it is open.  Nothing is read
from disk here: the findings were made when the journal was opened, before the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel, QWidget

from pos_app.ui import style
from pos_app.ui.style import OFFLINE_BG


def problem_text(problem: Any) -> str:
    """One ``chain.Problem`` in the window's language (its message is in context "journal")."""
    return QCoreApplication.translate("journal", problem.message).format(**dict(problem.args))


class IntegrityBanner(QLabel):
    """Hidden while the journal is whole; red, across the window, when it is not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("integrityBanner")
        self.setWordWrap(True)
        self.setFont(style.font(style.DETAIL_PT + 1, bold=True))
        self.setStyleSheet(f"background: {OFFLINE_BG}; color: white; padding: 8px; border-radius: 6px;")
        self.problems: list[Any] = []
        self.hide()

    def show_problems(self, problems: Sequence[Any]) -> None:
        self.problems = list(problems)
        self.retranslate_ui()
        self.setVisible(bool(self.problems))

    def retranslate_ui(self) -> None:
        if not self.problems:
            self.setText("")
            return
        head = self.tr(
            "Warning: the record of operations (journal) on this computer has been changed from outside the app. "
            "Earlier operations may be missing. Tell the manager; keep serving customers as usual."
        )
        lines = "\n".join("• " + problem_text(p) for p in self.problems)
        self.setText(head + "\n" + lines)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


__all__ = ["IntegrityBanner", "problem_text"]
