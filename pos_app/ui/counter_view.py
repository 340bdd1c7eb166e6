"""The counter's widgets and their layout: banners, cashier row, band, code field, buttons, result panel,
camera, this session's list, the training panel; and the queue of scans waiting their turn.

No decisions here: ``pos_app.ui.main_window`` wires the keys and renders the states into these widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui import style
from pos_app.ui.connectivity import OfflineBanner
from pos_app.ui.integrity_banner import IntegrityBanner
from pos_app.ui.operations_list import OperationsList
from pos_app.ui.result_panel import ResultPanel
from pos_app.ui.scan_field import ScanField
from pos_app.ui.style import GREEN


class CounterView(QWidget):
    """The central widget.  ``actions`` maps a name (redeem, invalidate, escape, cashier, history, camera,
    close_shift, settings, scanned, camera_code, demo_pick, total_done) to the window's slot."""

    def __init__(
        self,
        actions: dict[str, Callable[..., Any]],
        *,
        demo: bool,
        store_location_id: int | None,
        camera_sources: list[tuple[str, Any]] | None,
        demo_catalog: Callable[[], list[Any]] | None,
        fresh_code: Callable[[str], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("central")
        self.demo = demo
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        outer.setSpacing(8)

        self.training_banner = QLabel()
        self.training_banner.setObjectName("trainingBanner")
        self.training_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.training_banner.setFont(style.font(style.DETAIL_PT + 2, bold=True))
        self.training_banner.setStyleSheet(
            f"background: {style.TRAINING_INK}; color: white; padding: 6px; border-radius: 6px;"
        )
        self.training_banner.setVisible(demo)
        outer.addWidget(self.training_banner)
        self.offline_banner = OfflineBanner()
        outer.addWidget(self.offline_banner)
        self.integrity_banner = IntegrityBanner()
        outer.addWidget(self.integrity_banner)

        top = QHBoxLayout()
        self.cashier_label = QLabel()
        self.cashier_label.setObjectName("cashierLabel")
        self.cashier_label.setFont(style.font(style.DETAIL_PT, bold=True))
        self.cashier_label.setWordWrap(True)  # a long name wraps rather than widen the window
        top.addWidget(self.cashier_label)
        self.cashier_button = self._top_button(top, actions["cashier"])
        top.addStretch(1)
        self.history_button = self._top_button(top, actions["history"])
        self.close_shift_button = self._top_button(top, actions["close_shift"])
        self.settings_button = self._top_button(top, actions["settings"])
        outer.addLayout(top)

        self.band = QLabel()
        self.band.setObjectName("successBand")
        self.band.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.band.setWordWrap(True)
        self.band.setFont(style.font(style.BAND_PT, bold=True))
        self.band.setStyleSheet(f"background: {GREEN}; color: white; padding: 14px; border-radius: 8px;")
        self.band.hide()
        outer.addWidget(self.band)

        body = QHBoxLayout()
        outer.addLayout(body, 1)
        left = QVBoxLayout()
        body.addLayout(left, 5)
        self.scan_field = ScanField()
        self.scan_field.submitted.connect(actions["scanned"])
        left.addWidget(self.scan_field)

        buttons = QHBoxLayout()
        self.redeem_button = QPushButton()
        self.redeem_button.setObjectName("redeemButton")
        self.redeem_button.setStyleSheet(f"QPushButton:enabled {{ background: {GREEN}; color: white; }}")
        self.invalidate_button = QPushButton()
        self.invalidate_button.setObjectName("invalidateButton")
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("clearButton")
        for b, slot in (
            (self.redeem_button, actions["redeem"]),
            (self.invalidate_button, actions["invalidate"]),
            (self.clear_button, actions["escape"]),
        ):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the code field keeps the focus
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        left.addLayout(buttons)

        self.panel = ResultPanel(store_location_id=store_location_id)
        self.panel.total_edit.returnPressed.connect(actions["total_done"])  # Tab there, Enter back
        self.panel.setFrameShape(QFrame.Shape.StyledPanel)
        # Scrolls only if a state outgrows a 1024x768 screen; the field with the focus is scrolled into
        # view (Tab reaches the order total and the amount to deduct below it).
        self.panel_scroll = QScrollArea()
        self.panel_scroll.setWidget(self.panel)
        self.panel_scroll.setWidgetResizable(True)
        self.panel_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.panel_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.panel_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.panel_scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
        self.panel.total_edit.installEventFilter(self)
        self.panel.order_total_changed.connect(self._deduction_into_view)
        left.addWidget(self.panel_scroll, 1)

        right = QVBoxLayout()
        body.addLayout(right, 2)
        from pos_app.ui.camera_view import CameraView  # the webcam: its reads go the typed path

        self.camera = CameraView(sources=camera_sources)
        self.camera.code_scanned.connect(actions["camera_code"])
        right.addWidget(self.camera)
        self.operations = OperationsList()
        right.addWidget(self.operations, 1)
        self.demo_panel: Any = None
        self.watermark: Any = None
        if demo:
            from pos_app.ui.training import DemoCodesPanel, Watermark

            self.demo_panel = DemoCodesPanel(demo_catalog or (lambda: []), actions["demo_pick"], fresh_code)
            right.addWidget(self.demo_panel, 1)
            self.setStyleSheet(f"#central {{ background: {style.TRAINING_BG}; }}")
            self.watermark = Watermark(self)

        self.status_label = QLabel()
        self.status_label.setObjectName("statusHint")
        self.status_label.setWordWrap(True)
        self.status_label.setFont(style.font(style.SMALL_PT))
        self.ship_label = QLabel()  # "Journal: all rows at the hub" (a chain's counter only)
        self.ship_label.setObjectName("journalShipping")
        self.ship_label.setFont(style.font(style.SMALL_PT))
        self.ship_label.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 3)
        bottom.addWidget(self.ship_label, 2)
        outer.addLayout(bottom)

        for button in self.findChildren(QPushButton):  # touch-sized, with or without the app style sheet
            button.setMinimumHeight(style.BUTTON_MIN_HEIGHT)
        self.retranslate_ui(demo)

    def _top_button(self, row: QHBoxLayout, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton()
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setStyleSheet(style.TOP_BUTTON_QSS)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def add_shortcuts(self, window: QWidget, keys: dict[Qt.Key, Callable[[], object]]) -> None:
        for key, slot in keys.items():
            sc = QShortcut(QKeySequence(key), window)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(slot)

    def _deduction_into_view(self) -> None:
        """The amount to deduct appears (or grows to two lines) as the total is typed: once the panel has
        been laid out again, scroll it into view - not only when the order total got the focus."""
        if self.panel.total_edit.hasFocus():
            QTimer.singleShot(0, self._show_deduction)

    def _show_deduction(self) -> None:
        self.panel.layout().activate()
        self.panel_scroll.ensureWidgetVisible(self.panel.deduct_label, 0, 8)

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if watched is self.panel.total_edit and event.type() == QEvent.Type.FocusIn:
            # the order total and the deduction under it are in view at any window size
            self.panel_scroll.ensureWidgetVisible(self.panel.deduct_label, 0, 8)
            self.panel_scroll.ensureWidgetVisible(self.panel.total_edit, 0, 8)
        return False

    def retranslate_ui(self, demo: bool) -> None:
        self.training_banner.setText(self.tr("TRAINING — nothing is redeemed for real"))
        self.cashier_button.setText(self.tr("Change cashier (F2)"))
        self.settings_button.setText(self.tr("Settings (F12)"))
        self.close_shift_button.setText(self.tr("Close shift (F11)"))
        self.history_button.setText(self.tr("History (F3)"))
        self.redeem_button.setText(self.redeem_text())
        self.invalidate_button.setText(self.tr("Mark unavailable (F10)"))
        self.clear_button.setText(self.tr("Clear (Esc)"))

    def redeem_text(self) -> str:
        return self.tr("Redeem (F9)")

    def window_title(self) -> str:
        """Without "pos-app": the desktop adds the application's name after it."""
        title = self.tr("Coupon counter")
        return title + (" — " + self.tr("TRAINING") if self.demo else "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui(self.demo)
        super().changeEvent(event)


VIEW_WIDGETS = (
    "training_banner", "offline_banner", "integrity_banner", "cashier_label", "cashier_button", "settings_button",
    "history_button", "close_shift_button", "band", "scan_field", "redeem_button", "invalidate_button",
    "clear_button", "panel", "panel_scroll", "camera", "operations", "demo_panel", "watermark", "status_label",
    "ship_label",
)  # fmt: skip
