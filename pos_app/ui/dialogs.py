"""Open a dialog without a nested event loop, and hear how it ended.

``exec()`` spins a second event loop: a worker's answer delivered meanwhile runs inside it, in the middle
of whatever code called ``exec()`` (Anki and Picard avoid it for the same reason).  Every dialog of the
counter is opened with ``open()`` instead; what follows it runs in a callback when it finishes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


def fit_height(dialog: QWidget) -> None:
    """Grow ``dialog`` to the height its word-wrapped texts need at its present width, never shrink it.

    A top-level window is sized from its layout's minimum size, which ignores height-for-width: a message
    that wraps to one more line than there is room for squeezes the buttons under it and cuts its own
    last line (measured: the PIN dialog's third wrong try with large desktop text).
    """
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    need = layout.totalMinimumSize().height()
    if layout.hasHeightForWidth():
        need = max(need, layout.totalHeightForWidth(dialog.width()))
    if need > dialog.height():
        dialog.setMinimumHeight(need)
        dialog.resize(dialog.width(), need)


def open_dialog(dialog: QDialog, on_finished: Callable[[int], None] | None = None) -> QDialog:
    """Show ``dialog`` window-modal and return at once; ``on_finished(result)`` runs when it closes, then
    the dialog is deleted.  A QMessageBox's ``clickedButton()`` is still valid inside the callback."""

    def finished(result: int) -> None:
        try:
            if on_finished is not None:
                on_finished(result)
        finally:
            dialog.deleteLater()

    dialog.finished.connect(finished)
    dialog.open()
    return dialog


def accepted(result: int) -> bool:
    return result == QDialog.DialogCode.Accepted


def open_over_services(view_class: Any, parent: QWidget | None, services: Any) -> Any:
    """Open a journal dialog (History, the shift report) over ``services``; freed when closed."""
    view = view_class(
        getattr(services, "journal", None),
        parent,
        config=getattr(services, "config", None),
        reconcile=getattr(services, "reconcile", None),
    )
    return open_dialog(view)


def ask_quit_during_redemption(parent: QWidget, then: Callable[[bool], None]) -> QMessageBox:
    """ "Quit anyway?" while a redemption is under way - No is the default, so Enter keeps the app open.
    ``then(True)`` only when the cashier chose Yes."""
    tr = QCoreApplication.translate
    box = QMessageBox(QMessageBox.Icon.Warning, tr("MainWindow", "Redemption in progress"), "", parent=parent)
    box.setText(
        tr("MainWindow", "A redemption is still being confirmed. Quit anyway? It will be checked at the next start.")
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    open_dialog(box, lambda _r: then(box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)))
    return box
