"""The cashier's main window: scan, see, redeem - keyboard first, never frozen.

The flow is a small state machine driven by the keyboard and the worker's answers:

    ready -> looking_up -> details -> redeeming -> done (band) / confirming -> done | details
                                   -> invalidating -> details

Every call to the service runs on the one serial worker (``pos_app.ui.worker``); this module only
reacts to results delivered on the GUI thread.  A redemption is submitted exactly once per press and
never while another action is in flight; its answer is never dropped (not cancellable), and a lost
answer shows "Confirming…" until a re-read settles it.
"""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_app import rules
from pos_app.errors import InputError
from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.models import Action, CodeStatus, OperationContext, Outcome, Result, Verdict
from pos_app.ui import style
from pos_app.ui.disk_writer import flush as flush_settings
from pos_app.ui.disk_writer import save_in_background
from pos_app.ui.invalidate_dialog import InvalidateDialog
from pos_app.ui.operations_list import Entry, OperationsList
from pos_app.ui.result_panel import ResultPanel, qt_tr
from pos_app.ui.scan_field import ScanField
from pos_app.ui.style import AMBER, GREEN, OFFLINE_BG, Icon, Look
from pos_app.ui.worker import SerialWorker

log = logging.getLogger("ui")

BAND_SECONDS = 6.0  # the green "Redeemed" band, then back to ready
CONFIRM_RETRY_MS = 2000  # re-read a lost answer every 2 s until it settles
PROBE_MS = 10_000  # while offline, check every 10 s whether the service is reachable again
PROBE_TIMEOUT_S = 3.0

# Shown through QCoreApplication.translate("messages", ...) like the core's sentences.
MSG_BUG = N_(
    "messages", "Something went wrong in the app. Nothing was redeemed. Try again; if it persists, tell the manager."
)
MSG_BUG_ACTION = N_(
    "messages",
    "Something went wrong in the app. Scan the coupon again to see its state before giving the discount; "
    "tell the manager.",
)


def is_no_answer(result: Result) -> bool:
    """The service could not be reached or did not answer (not: it answered "no")."""
    return result.verdict is Verdict.ERROR and result.errcode is None and result.outcome is not Outcome.PENDING


def probe(base_url: str, timeout: float = PROBE_TIMEOUT_S) -> bool:
    """Can we open a TCP connection to the service?  Cheap, sends no request, needs no token."""
    parts = urlsplit(base_url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "", port), timeout=timeout):
            return True
    except OSError:
        return False


class MainWindow(QMainWindow):
    """``services`` is a ``pos_app.services.Services``; ``cashier`` the name of the shift's cashier."""

    state_changed = Signal(str)
    first_shown = Signal()
    # Marshals the workflow's on_ambiguous (called on the worker thread) to the GUI thread.
    _ambiguous = Signal()

    def __init__(
        self,
        services: Any,
        *,
        cashier: str = "",
        demo: bool | None = None,
        band_seconds: float = BAND_SECONDS,
        confirm_retry_ms: int = CONFIRM_RETRY_MS,
        probe_ms: int = PROBE_MS,
        camera_sources: list[tuple[str, Any]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._camera_sources = camera_sources  # None: the machine's cameras
        self.services = services
        self.config = services.config
        self.demo = bool(services.demo if demo is None else demo)
        self.cashier = cashier
        self.workflow = services.workflow(self._context())
        self.worker = SerialWorker(self)
        self.state = "ready"
        self.current: Result | None = None  # what the panel shows
        self.target: Result | None = None  # what F9 / F10 would act on (a looked-up, usable code)
        self.offline = False
        self._action_in_flight = False
        self._action = Action.REDEEM
        self._pending: Result | None = None
        self._pending_entry: Entry | None = None
        self._shown_once = False
        self._band_seconds = band_seconds
        self._ambiguous.connect(self._on_ambiguous)

        self._build_ui()
        self._band_timer = QTimer(self, singleShot=True, timeout=self._band_expired)
        self._confirm_timer = QTimer(self, singleShot=True, timeout=self._confirm_again)
        self._confirm_timer.setInterval(confirm_retry_ms)
        self._probe_timer = QTimer(self, timeout=self._probe)
        self._probe_timer.setInterval(probe_ms)
        self.worker.busy_changed.connect(self._update_enabled)
        self.retranslate_ui()
        self._set_state("ready")
        self.panel.show_ready()

    # -- layout ------------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        central = QWidget()
        central.setObjectName("central")
        self.setCentralWidget(central)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(12, 8, 12, 8)
        outer.setSpacing(8)

        self.training_banner = QLabel()
        self.training_banner.setObjectName("trainingBanner")
        self.training_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.training_banner.setFont(style.font(style.DETAIL_PT + 2, bold=True))
        self.training_banner.setStyleSheet(
            f"background: {style.TRAINING_INK}; color: white; padding: 6px; border-radius: 6px;"
        )
        self.training_banner.setVisible(self.demo)
        outer.addWidget(self.training_banner)

        self.offline_banner = QLabel()
        self.offline_banner.setObjectName("offlineBanner")
        self.offline_banner.setWordWrap(True)
        self.offline_banner.setFont(style.font(style.DETAIL_PT + 2, bold=True))
        self.offline_banner.setStyleSheet(f"background: {OFFLINE_BG}; color: white; padding: 8px; border-radius: 6px;")
        self.offline_banner.hide()
        outer.addWidget(self.offline_banner)

        top = QHBoxLayout()
        self.cashier_label = QLabel()
        self.cashier_label.setObjectName("cashierLabel")
        self.cashier_label.setFont(style.font(style.DETAIL_PT, bold=True))
        self.cashier_button = QPushButton()
        self.cashier_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cashier_button.clicked.connect(self.ask_cashier)
        self.settings_button = QPushButton()
        self.settings_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.settings_button.clicked.connect(self.open_settings)
        self.history_button = QPushButton()
        self.history_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history_button.clicked.connect(self.open_history)
        self.close_shift_button = QPushButton()
        self.close_shift_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_shift_button.clicked.connect(self.close_shift)
        self.shift_started = date.today()
        top.addWidget(self.cashier_label)
        top.addWidget(self.cashier_button)
        top.addStretch(1)
        top.addWidget(self.history_button)
        top.addWidget(self.close_shift_button)
        top.addWidget(self.settings_button)
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
        scan_row = QHBoxLayout()
        self.scan_field = ScanField()
        self.scan_field.submitted.connect(self.look_up)
        self.scan_field.repeated.connect(self._on_repeated_scan)
        scan_row.addWidget(self.scan_field, 1)
        left.addLayout(scan_row)

        buttons = QHBoxLayout()
        self.redeem_button = QPushButton()
        self.redeem_button.setObjectName("redeemButton")
        self.redeem_button.setStyleSheet(f"QPushButton:enabled {{ background: {GREEN}; color: white; }}")
        self.invalidate_button = QPushButton()
        self.invalidate_button.setObjectName("invalidateButton")
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("clearButton")
        for b in (self.redeem_button, self.invalidate_button, self.clear_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the code field keeps the focus
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            buttons.addWidget(b)
        self.redeem_button.clicked.connect(self.redeem)
        self.invalidate_button.clicked.connect(self.invalidate)
        self.clear_button.clicked.connect(self.escape)
        left.addLayout(buttons)

        self.panel = ResultPanel(store_location_id=self.config.store_location_id)
        self.panel.total_edit.returnPressed.connect(self.focus_scan_field)  # Tab there, Enter back
        self.panel.setFrameShape(QFrame.Shape.StyledPanel)
        # Scrolls only if a state ever outgrows a 1024x768 screen; it never forces the window larger.
        self.panel_scroll = QScrollArea()
        self.panel_scroll.setWidget(self.panel)
        self.panel_scroll.setWidgetResizable(True)
        self.panel_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.panel_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.panel_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.panel_scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
        left.addWidget(self.panel_scroll, 1)

        right = QVBoxLayout()
        body.addLayout(right, 2)
        # The webcam (pos_app.scanner): preview, camera selector, on/off; its reads go the typed path.
        from pos_app.ui.camera_view import CameraView

        self.camera = CameraView(sources=self._camera_sources)
        self.camera.code_scanned.connect(self._camera_code)
        right.addWidget(self.camera)
        self.operations = OperationsList()
        right.addWidget(self.operations, 1)
        self.demo_panel = None
        self.watermark = None
        if self.demo:
            from pos_app.ui.training import DemoCodesPanel, Watermark

            sim = getattr(self.services, "simulator", None)
            catalog = sim.demo_catalog() if sim is not None else []
            self.demo_panel = DemoCodesPanel(catalog, self._pick_demo_code)
            right.addWidget(self.demo_panel, 1)
            central.setStyleSheet(f"#central {{ background: {style.TRAINING_BG}; }}")
            self.watermark = Watermark(central)

        self.status_label = QLabel()
        self.status_label.setObjectName("statusHint")
        self.status_label.setFont(style.font(style.SMALL_PT))
        outer.addWidget(self.status_label)

        for button in self.findChildren(QPushButton):  # touch-sized, with or without the app style sheet
            button.setMinimumHeight(style.BUTTON_MIN_HEIGHT)

        for key, slot in (
            (Qt.Key.Key_F9, self.redeem),
            (Qt.Key.Key_F10, self.invalidate),
            (Qt.Key.Key_Escape, self.escape),
            (Qt.Key.Key_F2, self._shortcut(self.ask_cashier)),
            (Qt.Key.Key_F3, self._shortcut(self.open_history)),
            (Qt.Key.Key_F4, self._shortcut(self.camera.toggle.click)),
            (Qt.Key.Key_F11, self._shortcut(self.close_shift)),
            (Qt.Key.Key_F12, self._shortcut(self.open_settings)),
        ):
            sc = QShortcut(QKeySequence(key), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(slot)

    # -- language ----------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("pos-app — coupon counter") + (" — " + self.tr("TRAINING") if self.demo else ""))
        self.training_banner.setText(self.tr("TRAINING — nothing is redeemed for real"))
        self.offline_banner.setText(
            self.tr(
                "No connection to WeChat. Redeeming is off until the connection is back; "
                "check the network cable or Wi-Fi. The app keeps trying."
            )
        )
        self.cashier_label.setText(
            self.tr("Cashier: {name}").format(name=self.cashier) if self.cashier else self.tr("No cashier")
        )
        self.cashier_button.setText(self.tr("Change cashier (F2)"))
        self.settings_button.setText(self.tr("Settings (F12)"))
        self.close_shift_button.setText(self.tr("Close shift (F11)"))
        self.history_button.setText(self.tr("History (F3)"))
        self.redeem_button.setText(self.tr("Redeem (F9)"))
        self.invalidate_button.setText(self.tr("Mark unavailable (F10)"))
        self.clear_button.setText(self.tr("Clear (Esc)"))
        self._render_band()
        self._render_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- state -------------------------------------------------------------------------------------

    def _context(self) -> OperationContext:
        return OperationContext(
            cashier=self.cashier,
            terminal=self.config.terminal_id,
            store_location_id=self.config.store_location_id,
        )

    def _set_state(self, state: str) -> None:
        self.state = state
        self._update_enabled()
        self._render_status()
        self.state_changed.emit(state)

    def _busy(self) -> bool:
        return self.worker.busy or self._action_in_flight or self.state == "confirming"

    def can_redeem(self) -> bool:
        return (
            not self._busy()
            and not self.offline
            and self.target is not None
            and self.target.verdict is Verdict.REDEEMABLE
        )

    def can_invalidate(self) -> bool:
        t = self.target
        return (
            not self._busy()
            and not self.offline
            and t is not None
            and t.info is not None
            and t.info.status is CodeStatus.NORMAL
        )

    def _update_enabled(self, *_: object) -> None:
        busy = self._busy()
        self.scan_field.setEnabled(not busy)
        self.redeem_button.setEnabled(self.can_redeem())
        self.invalidate_button.setEnabled(self.can_invalidate())
        # Esc stops waiting for a lookup, but a redemption cannot be abandoned: the button says so.
        self.clear_button.setEnabled(self.state not in ("redeeming", "invalidating", "confirming"))
        self.cashier_button.setEnabled(not busy)
        self.settings_button.setEnabled(not busy)
        self.close_shift_button.setEnabled(not busy)
        if self.demo_panel is not None:
            self.demo_panel.setEnabled(not busy)
        if not busy:
            self.focus_scan_field()

    def focus_scan_field(self) -> None:
        """The code field has the focus whenever no dialog is open."""
        if self.scan_field.isEnabled() and QApplicationActiveModal() is None:
            self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _shortcut(self, action: Callable[[], object]) -> Callable[[], None]:
        """A key for a button: does nothing while an action is in flight (as the disabled button)."""

        def run() -> None:
            if not self._busy():
                action()

        return run

    def _after_dialog(self) -> None:
        """A dialog closed: take the window's activation (F9/F10/Esc are window shortcuts) and focus back."""

        def regain() -> None:
            if QApplicationActiveModal() is None and self.isVisible():
                self.activateWindow()
                self.focus_scan_field()

        QTimer.singleShot(0, regain)

    def _render_status(self) -> None:
        hints = {
            "ready": self.tr("Scan a coupon. Enter looks it up; F9 redeems; F10 marks unavailable; Esc clears."),
            "looking_up": self.tr("Looking the coupon up… Esc stops waiting."),
            "details": self.tr("F9 redeems this coupon; Esc clears.")
            if self.can_redeem()
            else self.tr("Esc clears; scan the next coupon."),
            "redeeming": self.tr("Redeeming… wait for the answer."),
            "invalidating": self.tr("Marking unavailable… wait for the answer."),
            "confirming": self.tr("Confirming with WeChat… wait; the coupon is checked again automatically."),
            "done": self.tr("Done. Scan the next coupon."),
        }
        self.status_label.setText(hints.get(self.state, ""))

    # -- lookup ------------------------------------------------------------------------------------

    def look_up(self, raw: str) -> None:
        """Enter in the code field (or a camera read, or a demo code): ask the service about it."""
        if self._busy():
            return
        self._hide_band()
        self.target = None
        self.panel.show_busy(lambda: QCoreApplication.translate("MainWindow", "Looking up…"))
        self._set_state("looking_up")
        workflow = self.workflow
        self.worker.submit(
            lambda: workflow.lookup(raw),
            self._on_lookup,
            self._on_lookup_failed,
            name="lookup",
        )

    def _on_lookup(self, result: Result) -> None:
        self._note_connection(result)
        self.current = result
        self.target = result if result.verdict is Verdict.REDEEMABLE or self._usable(result) else None
        self.panel.show_result(result)
        self.operations.add(result, condition_failed=bool(self.panel.failed_checks()))
        self._set_state("details")
        self._sound_for(result)
        if result.verdict is Verdict.ALREADY_REDEEMED:
            self._fetch_last_redemption(result)

    @staticmethod
    def _usable(result: Result) -> bool:
        return result.info is not None and result.info.status is CodeStatus.NORMAL

    def _on_lookup_failed(self, exc: BaseException) -> None:
        if isinstance(exc, InputError):  # rejected locally: not a code at all
            result = Result(Action.LOOKUP, "", None, Verdict.INVALID_CODE, Outcome.NOT_REDEEMABLE, message=exc.message)
        else:
            log.error("lookup failed unexpectedly", exc_info=exc)
            result = Result(Action.LOOKUP, "", None, Verdict.ERROR, Outcome.ERROR, message=MSG_BUG)
        self.current = result
        self.target = None
        self.panel.show_result(result)
        self._set_state("details")
        self._play("refusal")

    def _on_repeated_scan(self, code: str) -> None:
        """The same code again within a few seconds: show the last result again, send nothing."""
        if self._busy():
            return
        if self.current is None or self.current.code != code or self.current.verdict is Verdict.ERROR:
            self.look_up(code)  # nothing to show again, or the last try failed: ask again
            return
        if self.band.isVisible():
            self._band_timer.start(int(self._band_seconds * 1000))
            return
        self.panel.show_result(
            self.current,
            note=lambda: QCoreApplication.translate("MainWindow", "Same code scanned again: showing the last result."),
        )
        self._set_state("details")

    def _fetch_last_redemption(self, result: Result) -> None:
        journal = getattr(self.services, "journal", None)
        if journal is None:
            return
        code = result.code

        def show(red: Any) -> None:
            if red is None or self.current is not result:
                return
            self.panel.set_note(lambda: self._redemption_note(red))

        self.worker.submit(lambda: journal.last_redemption(code), show, self._log_failure, busy=False)

    def _redemption_note(self, red: Any) -> str:
        when = time.strftime("%H:%M", time.localtime(red.time))
        day = time.strftime("%Y-%m-%d", time.localtime(red.time))
        if day != time.strftime("%Y-%m-%d"):
            when = f"{day} {when}"
        return self.tr("Redeemed here at {time} by {cashier}, terminal {terminal}.").format(
            time=when, cashier=red.cashier or "—", terminal=red.terminal or "—"
        )

    # -- redeem ------------------------------------------------------------------------------------

    def redeem(self) -> None:
        """F9 / the Redeem button: exactly one consume per press, never a second while one runs."""
        if not self.can_redeem():
            if self.offline and not self._busy():
                self._flash_status(self.tr("Redeeming is off while there is no connection to WeChat."))
            return
        target = self.target
        assert target is not None
        failed = self.panel.failed_checks()
        if failed and not self._confirm_override(failed):
            self.focus_scan_field()
            return
        # The journal records what was overridden (in English: it is a record, not a screen).
        override = "override: " + "; ".join(check.text() for check in failed) if failed else ""
        self._start_action(Action.REDEEM, target, override)

    def invalidate(self) -> None:
        """F10: mark the coupon unavailable, after a reason, the customer's agreement and a confirmation."""
        if not self.can_invalidate():
            return
        target = self.target
        assert target is not None
        if not self._manager_approves("invalidate"):
            self.focus_scan_field()
            return
        dialog = InvalidateDialog(target.code, target.card.title if target.card else "", self)
        self.invalidate_dialog = dialog  # reachable for tests and screenshots
        accepted = dialog.exec() == InvalidateDialog.DialogCode.Accepted
        reason = dialog.reason_text()
        self.invalidate_dialog = None
        dialog.deleteLater()
        self._after_dialog()
        if not accepted or self.target is not target or self._busy():
            self._after_dialog()
            return
        self._start_action(Action.INVALIDATE, target, reason)

    def _start_action(self, action: Action, target: Result, reason: str) -> None:
        self._action_in_flight = True
        self._action = action
        self._hide_band()
        if action is Action.REDEEM:
            self.panel.show_busy(lambda: QCoreApplication.translate("MainWindow", "Redeeming…"))
            self._set_state("redeeming")
        else:
            self.panel.show_busy(lambda: QCoreApplication.translate("MainWindow", "Marking unavailable…"))
            self._set_state("invalidating")
        workflow = self.workflow

        def on_ambiguous() -> None:  # called on the worker thread; the signal is queued
            self._ambiguous.emit()

        if action is Action.REDEEM:

            def call() -> Result:
                return workflow.redeem(target, on_ambiguous=on_ambiguous, override=reason)
        else:

            def call() -> Result:
                return workflow.invalidate(target, reason, on_ambiguous=on_ambiguous)

        self.worker.submit(call, self._on_action_done, self._on_action_failed, cancellable=False, name=action.value)

    def _on_ambiguous(self) -> None:
        """The answer to our consume/unavailable was lost: amber, never "failed"."""
        if not self._action_in_flight and self._pending is None:
            return
        self.panel.show_confirming(self.target)
        self._play("error")
        self._set_state("confirming")

    def _on_action_done(self, result: Result) -> None:
        self._action_in_flight = False
        if result.outcome is Outcome.PENDING:
            self._pending = result
            if self._pending_entry is None:
                self._pending_entry = self.operations.add(result)
            self.panel.show_confirming(result)
            self._set_state("confirming")
            self._confirm_timer.start()
            return
        self._pending = None
        self._note_connection(result)
        if self._pending_entry is not None:
            self.operations.replace_result(self._pending_entry, result)
            self._pending_entry = None
        else:
            self.operations.add(result)
        self.current = result
        if result.outcome is Outcome.REDEEMED:
            self.target = None
            self.panel.show_result(result)
            self._show_band(result)
            self._set_state("done")
            self._play("success")
            return
        if result.outcome is Outcome.INVALIDATED:
            self.target = None
            self.panel.show_result(result)
            self._set_state("details")
            self._play("success")
            return
        # Refused or error: the coupon stays the target only when it is provably still unused.
        if result.outcome is Outcome.ERROR and (self._usable(result) or is_no_answer(result)):
            pass  # nothing was done: F9 may be pressed again (once the connection is back)
        else:
            self.target = None
        self.panel.show_result(result)
        self._set_state("details")
        self._sound_for(result)

    def _on_action_failed(self, exc: BaseException) -> None:
        self._action_in_flight = False
        if not isinstance(exc, InputError):
            log.error("redeem/invalidate failed unexpectedly", exc_info=exc)
        if self._pending is not None:  # a re-read failed oddly: keep confirming, never show a failure
            self._confirm_timer.start()
            return
        message = exc.message if isinstance(exc, InputError) else MSG_BUG_ACTION
        target = self.target
        result = Result(
            self._action,
            target.code if target else "",
            target.card_id if target else None,
            Verdict.ERROR,
            Outcome.ERROR,
            card=target.card if target else None,
            message=message,
        )
        self.panel.show_result(result)
        self._set_state("details")
        self._play("error")

    def _confirm_again(self) -> None:
        pending = self._pending
        if pending is None:
            return
        workflow = self.workflow
        self._action_in_flight = True
        self.worker.submit(
            lambda: workflow.confirm(pending),
            self._on_action_done,
            self._on_action_failed,
            cancellable=False,
            name="confirm",
        )

    # -- band --------------------------------------------------------------------------------------

    def _show_band(self, result: Result) -> None:
        self._band_result = result
        self._render_band()
        self.band.show()
        self._band_timer.start(int(self._band_seconds * 1000))

    def _render_band(self) -> None:
        result = getattr(self, "_band_result", None)
        if result is None:
            return
        if result.card is not None:
            value = rules.value_phrase(result.card).render(qt_tr)
            self.band.setText("✔ " + self.tr("Redeemed {value}").format(value=value))
        else:
            self.band.setText("✔ " + self.tr("Redeemed"))

    def _hide_band(self) -> None:
        self._band_timer.stop()
        self.band.hide()
        self._band_result = None

    def _band_expired(self) -> None:
        if self.state == "done":
            self.clear()

    # -- Esc ---------------------------------------------------------------------------------------

    def escape(self) -> None:
        """Esc: stop waiting for a lookup, or clear the screen.  Redemptions cannot be abandoned."""
        if self.state in ("redeeming", "invalidating", "confirming"):
            self._flash_status(self.tr("Wait for WeChat's answer: a redemption cannot be abandoned halfway."))
            return
        if self.worker.busy:
            if self.worker.cancel_waiting():
                self.target = None
                self.panel.show_message(
                    lambda: QCoreApplication.translate("MainWindow", "Stopped waiting"),
                    Look(AMBER, Icon.INFO),
                    lambda: QCoreApplication.translate(
                        "MainWindow", "The lookup was abandoned; nothing was redeemed. Scan again when ready."
                    ),
                )
                self.scan_field.forget()
                self._set_state("ready")
            return
        self.clear()

    def clear(self) -> None:
        self._hide_band()
        self.current = None
        self.target = None
        self.scan_field.clear()
        self.scan_field.forget()
        self.panel.show_ready()
        self._set_state("ready")

    # -- connection --------------------------------------------------------------------------------

    def _note_connection(self, result: Result) -> None:
        if is_no_answer(result):
            self.set_offline(True)
        elif result.outcome is not Outcome.PENDING:
            self.set_offline(False)

    def set_offline(self, offline: bool) -> None:
        if offline == self.offline:
            return
        self.offline = offline
        self.offline_banner.setVisible(offline)
        if offline:
            self._probe_timer.start()
        else:
            self._probe_timer.stop()
            self._reconcile()  # answers lost while offline are settled as soon as WeChat is back
        self._update_enabled()
        self._render_status()

    def _reconcile(self) -> None:
        if getattr(self.services, "journal", None) is None or not hasattr(self.services, "reconcile"):
            return
        self.worker.submit(
            self.services.reconcile, self._show_reconciled, self._log_failure, busy=False, name="reconcile"
        )

    def _show_reconciled(self, resolutions: list[Any]) -> None:
        """Operations whose answer had been lost are settled: tell the cashier what really happened."""
        if not resolutions:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Earlier operations checked"))
        box.setText(self.tr("WeChat has now answered about operations whose answer had been lost:"))
        box.setInformativeText("\n".join(r.text() for r in resolutions))
        box.setWindowModality(Qt.WindowModality.NonModal)  # a notice: the counter keeps working
        box.finished.connect(self._after_dialog)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reconciled_box = box
        box.show()

    def _probe(self) -> None:
        base = self.services.client.base_url
        self.worker.submit(lambda: probe(base), self._probe_answer, self._log_failure, busy=False, name="probe")

    def _probe_answer(self, reachable: bool) -> None:
        if reachable:
            self.set_offline(False)

    # -- cashier, dialogs of the other areas -------------------------------------------------------

    def ask_cashier(self) -> bool:
        """Shift start: who works this till?  Recorded with every operation."""
        name, ok = QInputDialog.getText(
            self, self.tr("Shift start"), self.tr("Cashier name:"), text=self.cashier or self.config.cashier
        )
        self._after_dialog()
        if not ok or not name.strip():
            return False
        self.set_cashier(name.strip())
        return True

    def set_cashier(self, name: str) -> None:
        if name != self.cashier:
            self.shift_started = date.today()
        self.cashier = name
        self.workflow = self.services.workflow(self._context())
        self.config.cashier = name
        save_in_background(self.config)
        self.retranslate_ui()

    def _manager_approves(self, what: str) -> bool:
        """The manager PIN (pos_app.ui.pin).  At a real counter with no PIN yet, the manager sets one now:
        F10, overrides and settings are never unguarded.  Training mode lets practice go on without one."""
        from pos_app.ui.disk_writer import pin_guard
        from pos_app.ui.pin import ask_manager_pin
        from pos_app.ui.pin_dialog import ChangePinDialog

        guard = pin_guard(self.config)
        if not getattr(self.services, "demo", False) and not guard.is_set():
            dialog = ChangePinDialog(guard, self)
            self.set_pin_dialog = dialog  # reachable for tests
            try:
                approved = dialog.exec() == ChangePinDialog.DialogCode.Accepted
            finally:
                self.set_pin_dialog = None
                dialog.deleteLater()
        else:
            approved = bool(ask_manager_pin(self, self.config, what))
        self._after_dialog()
        return approved

    def _confirm_override(self, failed: list[rules.ConditionCheck]) -> bool:
        """A merchant condition failed: redeem only on an explicit override (and the manager PIN)."""
        lines = "\n".join("✖ " + c.text(qt_tr) for c in failed)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Condition not met"))
        box.setText(self.tr("This coupon's conditions are not all met:"))
        box.setInformativeText(lines + "\n\n" + self.tr("Redeem anyway? Only with the manager's approval."))
        anyway = box.addButton(self.tr("Redeem anyway"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("Do not redeem"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        self.override_box = box
        box.exec()
        self.override_box = None
        self._after_dialog()
        if box.clickedButton() is not anyway:
            return False
        return self._manager_approves("override")

    def open_settings(self) -> None:
        """Settings (pos_app.ui.settings_dialog) behind the manager PIN; applied at once when saved."""
        from pos_app.ui.settings_dialog import open_settings

        if not self._manager_approves("settings"):
            return
        if open_settings(self, self.services):
            self.apply_settings()
        self._after_dialog()

    def apply_settings(self) -> None:
        """What the settings change here: this counter's store (conditions) and who/where (journal)."""
        self.panel.store_location_id = self.config.store_location_id
        self.workflow = self.services.workflow(self._context())
        if self.state == "details" and self.current is not None:
            self.panel.show_result(self.current)

    # -- end of shift ------------------------------------------------------------------------------

    def close_shift(self) -> None:
        """F11: the shift closes only when no operation is left unresolved (or a manager acknowledged
        it); then this cashier's shift report, and the next cashier."""
        journal = getattr(self.services, "journal", None)
        if journal is None or self._busy() or QApplicationActiveModal() is not None:
            return
        self.worker.submit(
            journal.unacknowledged, self._close_shift_checked, self._log_failure, busy=False, name="close-shift"
        )

    def _close_shift_checked(self, unresolved: list[Any]) -> None:
        from pos_app.ui.history import ReportView

        journal = self.services.journal
        if unresolved:
            from pos_app.ui.pending_view import PendingView

            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("The shift cannot be closed yet"))
            box.setText(
                self.tr(
                    "{count} operation(s) have no confirmed outcome yet. WeChat is asked again when the "
                    "connection is back; a manager may acknowledge them to close the shift now."
                ).format(count=len(unresolved))
            )
            show = box.addButton(self.tr("Show them"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
            self.close_shift_box = box
            box.exec()
            self.close_shift_box = None
            if box.clickedButton() is show:
                view = PendingView(journal, self.config, self, self.services.reconcile)
                view.exec()
                view.deleteLater()
            box.deleteLater()
            self._after_dialog()
            return
        report = ReportView(
            journal,
            self,
            since=self.shift_started,
            until=date.today(),
            cashier=self.cashier or None,
            config=self.config,
            reconcile=self.services.reconcile,
        )
        self.shift_report = report
        report.exec()
        self.shift_report = None
        report.deleteLater()
        self._after_dialog()
        self.cashier = ""
        self.retranslate_ui()
        self.ask_cashier()  # the next shift starts with a name

    def open_history(self) -> None:
        from pos_app.ui.history import open_history

        open_history(self, self.services)
        self._after_dialog()

    # -- sounds ------------------------------------------------------------------------------------

    def _sound_for(self, result: Result) -> None:
        if result.verdict is Verdict.REDEEMABLE:
            self._play("ready")
        elif is_no_answer(result) or result.verdict is Verdict.ERROR:
            self._play("error")
        else:
            self._play("refusal")

    def _play(self, kind: str) -> None:
        """success / refusal / error / scan / ready (pos_app.ui.sounds); never a reason to fail."""
        from pos_app.ui import sounds

        self.last_sound = kind
        if self.config.sound_muted:
            return
        try:
            sounds.play(kind)
        except Exception:
            log.warning("could not play the %s sound", kind, exc_info=True)

    # -- misc --------------------------------------------------------------------------------------

    def _camera_code(self, code: str) -> None:
        """A code the webcam read: a short beep, then exactly what Enter in the code field does."""
        if self._busy() or QApplicationActiveModal() is not None:
            return  # the camera reports the code again when it is shown again
        self._play("scan")
        self.scan_field.submit_text(code)

    def _pick_demo_code(self, code: str) -> None:
        if not self._busy():
            self.scan_field.submit_text(code)
        self.focus_scan_field()

    def _flash_status(self, text: str) -> None:
        self.status_label.setText(text)
        QTimer.singleShot(4000, self._render_status)

    def _log_failure(self, exc: BaseException) -> None:
        log.warning("background task failed: %s", exc)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.focus_scan_field()
        if not self._shown_once:
            self._shown_once = True
            self.first_shown.emit()

    def shutdown(self) -> None:
        """Stop timers and join the worker thread (the window may still be open in tests)."""
        for timer in (self._band_timer, self._confirm_timer, self._probe_timer):
            timer.stop()
        self.camera.stop()
        self.worker.shutdown()
        flush_settings()  # the last cashier name / PIN lockout reaches the disk before the app quits

    def closeEvent(self, event) -> None:
        if self._action_in_flight or self._pending is not None:
            answer = QMessageBox.question(
                self,
                self.tr("Redemption in progress"),
                self.tr("A redemption is still being confirmed. Quit anyway? It will be checked at the next start."),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.shutdown()
        super().closeEvent(event)


def QApplicationActiveModal() -> QWidget | None:
    from PySide6.QtWidgets import QApplication

    return QApplication.activeModalWidget()


__all__ = ["MainWindow", "is_no_answer", "probe"]
