"""The cashier's main window: scan, see, redeem - keyboard first, never frozen.

The flow is a small state machine driven by the keyboard and the worker's answers:

    ready -> looking_up -> details -> redeeming -> done (band) / confirming -> done | details
                                   -> invalidating -> details

Every call to the service runs on the one serial worker (``pos_app.ui.worker``); this module only
reacts to results delivered on the GUI thread.  The code field is never disabled: a scan that arrives
while the till is busy waits in a queue, in order, and is looked up next (``ScanQueue``) - the screen
always names the code it shows.  A redemption is submitted exactly once per press and never while
another action is in flight; its answer is never dropped, and a lost answer shows "Confirming…" until a
re-read settles it.  Connectivity, the manager's say-so and the shift live in their own modules; every
dialog is opened with ``open()``, so no worker answer ever meets a nested event loop.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from pos_app import rules
from pos_app.codes import mask
from pos_app.errors import InputError
from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.models import Action, CodeStatus, OperationContext, Outcome, Result, Verdict
from pos_app.ui.connectivity import PROBE_MS, Connectivity, is_no_answer, probe
from pos_app.ui.counter_view import VIEW_WIDGETS, CounterView, ScanQueue
from pos_app.ui.dialogs import accepted, open_dialog
from pos_app.ui.disk_writer import flush as flush_settings
from pos_app.ui.disk_writer import save_in_background
from pos_app.ui.guards import ManagerGuards
from pos_app.ui.invalidate_dialog import InvalidateDialog
from pos_app.ui.result_panel import qt_tr
from pos_app.ui.shift import ShiftFlow
from pos_app.ui.style import AMBER, Icon, Look
from pos_app.ui.worker import SerialWorker

log = logging.getLogger("ui")
_t = QCoreApplication.translate

BAND_SECONDS = 6.0  # the green "Redeemed" band, then back to ready
CONFIRM_RETRY_MS = 2000  # re-read a lost answer every 2 s until it settles
BUSY_STATES = ("redeeming", "invalidating", "confirming")

MSG_BUG = N_(
    "messages", "Something went wrong in the app. Nothing was redeemed. Try again; if it persists, tell the manager."
)
MSG_BUG_ACTION = N_(
    "messages",
    "Something went wrong in the app. Scan the coupon again to see its state before giving the discount; "
    "tell the manager.",
)


class MainWindow(QMainWindow):
    """``services`` is a ``pos_app.services.Services``; ``cashier`` the name of the shift's cashier."""

    state_changed = Signal(str)
    first_shown = Signal()
    _ambiguous = Signal()  # marshals the workflow's on_ambiguous (worker thread) to the GUI thread

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
        self.services = services
        self.config = services.config
        self.demo = bool(services.demo if demo is None else demo)
        self.worker = SerialWorker(self)
        self.state = "ready"
        self.current: Result | None = None  # what the panel shows
        self.target: Result | None = None  # what F9 / F10 would act on (a looked-up, usable code)
        self.queue = ScanQueue()
        self._looking_up = ""  # the code of the lookup in flight
        self._action_in_flight = False
        self._action = Action.REDEEM
        self._pending: Result | None = None
        self._pending_entry: Any = None
        self._shown_once = False
        self._quit_confirmed = False
        self._band_seconds = band_seconds
        self._band_result: Result | None = None
        self._ambiguous.connect(self._on_ambiguous)
        self.shift = ShiftFlow(self, services, self.worker, cashier)
        self.shift.cashier_changed.connect(self._cashier_changed)
        self.guards = ManagerGuards(self, services)
        self.invalidate_dialog: InvalidateDialog | None = None
        self.quit_box: QMessageBox | None = None

        sim = getattr(services, "simulator", None)
        self.view = CounterView(
            {
                "redeem": self.redeem, "invalidate": self.invalidate, "escape": self.escape,
                "cashier": self.ask_cashier, "history": self.open_history, "close_shift": self.close_shift,
                "settings": self.open_settings, "scanned": self.look_up, "repeated": self._on_repeated_scan,
                "camera_code": self._camera_code, "demo_pick": self._pick_demo_code,
                "total_done": lambda: self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason),
            },
            demo=self.demo,
            store_location_id=self.config.store_location_id,
            camera_sources=camera_sources,
            demo_catalog=sim.demo_catalog if sim is not None else None,
            fresh_code=sim.fresh_code if sim is not None else None,
        )  # fmt: skip
        self.setCentralWidget(self.view)
        for name in VIEW_WIDGETS:
            setattr(self, name, getattr(self.view, name))
        self.view.add_shortcuts(
            self,
            {
                Qt.Key.Key_F9: self.redeem, Qt.Key.Key_F10: self.invalidate, Qt.Key.Key_Escape: self.escape,
                Qt.Key.Key_F2: self._shortcut(self.ask_cashier), Qt.Key.Key_F3: self._shortcut(self.open_history),
                Qt.Key.Key_F4: self._shortcut(self.camera.toggle.click),
                Qt.Key.Key_F11: self._shortcut(self.close_shift), Qt.Key.Key_F12: self._shortcut(self.open_settings),
            },
        )  # fmt: skip
        self.connectivity = Connectivity(
            services, self.worker, self.offline_banner, probe_ms=probe_ms,
            notice_parent=lambda: self, after_notice=self._after_dialog,
        )  # fmt: skip
        self.connectivity.changed.connect(self._connection_changed)
        self._band_timer = QTimer(self, singleShot=True, timeout=self._band_expired)
        self._confirm_timer = QTimer(self, singleShot=True, timeout=self._confirm_again)
        self._confirm_timer.setInterval(confirm_retry_ms)
        self._status_timer = QTimer(self, singleShot=True, timeout=self._render_status)
        self.worker.busy_changed.connect(self._update_enabled)
        self.retranslate_ui()
        self._set_state("ready")
        self.panel.show_ready()

    # -- names kept for the entry point, the screenshots and the tests -----------------------------

    @property
    def cashier(self) -> str:
        return self.shift.cashier

    @cashier.setter
    def cashier(self, name: str) -> None:
        self.shift.cashier = name

    @property
    def workflow(self) -> Any:
        """Built at each use, so saved settings and a rebuilt client apply to the next call."""
        return self.services.workflow(self._context())

    @property
    def offline(self) -> bool:
        return self.connectivity.offline

    def set_offline(self, offline: bool) -> None:
        self.connectivity.set_offline(offline)

    def _reconcile(self) -> None:
        self.connectivity.reconcile()

    # -- language ----------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.view.window_title())
        self.cashier_label.setText(
            self.tr("Cashier: {name}").format(name=self.cashier) if self.cashier else self.tr("No cashier")
        )
        self._render_band()
        self._render_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- state -------------------------------------------------------------------------------------

    def _context(self) -> OperationContext:
        return OperationContext(
            cashier=self.cashier, terminal=self.config.terminal_id, store_location_id=self.config.store_location_id
        )

    def _set_state(self, state: str) -> None:
        self.state = state
        self._update_enabled()
        self._render_status()
        self.state_changed.emit(state)

    def _busy(self) -> bool:
        return self.worker.busy or self._action_in_flight or self.state == "confirming"

    def can_redeem(self) -> bool:
        t = self.target
        return (
            not self._busy() and not self.offline and bool(self.cashier)
            and t is not None and t.verdict is Verdict.REDEEMABLE
        )  # fmt: skip

    def can_invalidate(self) -> bool:
        t = self.target
        return (
            not self._busy() and not self.offline and bool(self.cashier)
            and t is not None and t.info is not None and t.info.status is CodeStatus.NORMAL
        )  # fmt: skip

    def _update_enabled(self, *_: object) -> None:
        busy = self._busy()
        self.redeem_button.setEnabled(self.can_redeem())
        self.invalidate_button.setEnabled(self.can_invalidate())
        # Esc stops waiting for a lookup, but a redemption cannot be abandoned: the button says so.
        self.clear_button.setEnabled(self.state not in BUSY_STATES)
        for button in (self.cashier_button, self.settings_button, self.close_shift_button):
            button.setEnabled(not busy)
        if not busy and len(self.queue):
            QTimer.singleShot(0, self._next_scan)  # after the answer being delivered is rendered

    def focus_scan_field(self) -> None:
        """The code field has the focus whenever no dialog is open (and the order total is not edited)."""
        if QApplication.activeModalWidget() is None and not self.panel.total_edit.hasFocus():
            self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _shortcut(self, action: Callable[[], object]) -> Callable[[], None]:
        """A key for a button: does nothing while an action is in flight (as the disabled button)."""

        def run() -> None:
            if not self._busy():
                action()

        return run

    def _after_dialog(self, *_: object) -> None:
        """A dialog closed: take the window's activation (F9/F10/Esc are window shortcuts) and focus back."""

        def regain() -> None:
            if QApplication.activeModalWidget() is None and self.isVisible():
                self.activateWindow()
                self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)
            self._next_scan()

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
        text = hints.get(self.state, "")
        if not self.cashier:
            text = self.tr("No cashier: press F2 and enter your name before redeeming.") + " " + text
        if len(self.queue):
            text = self.tr("{count} scan(s) waiting, looked up in order.").format(count=len(self.queue)) + " " + text
        self.status_label.setText(text)

    def _flash_status(self, text: str) -> None:
        self.status_label.setText(text)
        self._status_timer.start(4000)

    # -- scans -------------------------------------------------------------------------------------

    def look_up(self, raw: str) -> None:
        """Enter in the code field (or a camera read, or a demo code): look it up now, or queue it."""
        if self._busy() or QApplication.activeModalWidget() is not None or len(self.queue):
            self._enqueue(raw)
            return
        self._start_lookup(raw)

    def _enqueue(self, raw: str) -> None:
        if raw == self._looking_up or raw in self.queue:
            self._flash_status(self.tr("Code {code} was scanned twice; it is looked up once.").format(code=mask(raw)))
            return
        self.queue.append(raw)
        self._play("scan")
        self._render_status()

    def _next_scan(self) -> None:
        if len(self.queue) and not self._busy() and QApplication.activeModalWidget() is None:
            self._start_lookup(self.queue.popleft())

    def _start_lookup(self, raw: str) -> None:
        self._hide_band()
        self.target = None
        self._looking_up = raw
        code = mask(raw)
        # Submitted before the state changes: the worker is busy before anything could start the next scan.
        self.worker.submit(lambda: self.workflow.lookup(raw), self._on_lookup, self._on_lookup_failed, name="lookup")
        self.panel.show_busy(lambda: _t("MainWindow", "Looking up {code}…").format(code=code))
        self._set_state("looking_up")

    def _on_lookup(self, result: Result) -> None:
        self._looking_up = ""
        self.connectivity.note(result)
        self.current = result
        self.target = result if result.verdict is Verdict.REDEEMABLE or self._usable(result) else None
        self.panel.show_result(result)
        self.operations.add(result, condition_failed=bool(self.panel.failed_checks()))
        if self.demo_panel is not None:
            self.demo_panel.note(result)
        self._set_state("details")
        self._sound_for(result)
        if result.verdict is Verdict.ALREADY_REDEEMED:
            self._fetch_last_redemption(result)

    @staticmethod
    def _usable(result: Result) -> bool:
        return result.info is not None and result.info.status is CodeStatus.NORMAL

    def _on_lookup_failed(self, exc: BaseException) -> None:
        raw, self._looking_up = self._looking_up, ""
        if isinstance(exc, InputError):  # rejected locally: not a code at all
            result = Result(Action.LOOKUP, raw, None, Verdict.INVALID_CODE, Outcome.NOT_REDEEMABLE, message=exc.message)
        else:
            log.error("lookup failed unexpectedly", exc_info=exc)
            result = Result(Action.LOOKUP, raw, None, Verdict.ERROR, Outcome.ERROR, message=MSG_BUG)
        self.current = result
        self.target = None
        self.panel.show_result(result)
        self._set_state("details")
        self._play("refusal")

    def _on_repeated_scan(self, code: str) -> None:
        """The same code again within a few seconds: show the last result again, send nothing."""
        if self._busy() or len(self.queue):
            self._enqueue(code)
            return
        if self.current is None or self.current.code != code or self.current.verdict is Verdict.ERROR:
            self.look_up(code)  # nothing to show again, or the last try failed: ask again
            return
        if self.band.isVisible():
            self._band_timer.start(int(self._band_seconds * 1000))
            return
        self.panel.show_result(
            self.current, note=lambda: _t("MainWindow", "Same code scanned again: showing the last result.")
        )
        self._set_state("details")

    def _fetch_last_redemption(self, result: Result) -> None:
        journal = getattr(self.services, "journal", None)
        if journal is None:
            return
        code = result.code

        def show(red: Any) -> None:
            if red is not None and self.current is result:
                self.panel.set_note(lambda: redemption_note(red))

        self.worker.submit(lambda: journal.last_redemption(code), show, self._log_failure, busy=False)

    # -- redeem and invalidate ---------------------------------------------------------------------

    def redeem(self) -> None:
        """F9 / the Redeem button: exactly one consume per press, never a second while one runs."""
        if not self.can_redeem():
            if not self._busy() and self.target is not None:
                if not self.cashier:
                    self._flash_status(self.tr("Nothing is redeemed without a cashier: press F2 and enter your name."))
                elif self.offline:
                    self._flash_status(self.tr("Redeeming is off while there is no connection to WeChat."))
            return
        target = self.target
        assert target is not None
        failed = self.panel.failed_checks()
        if not failed:
            self._start_action(Action.REDEEM, target, "")
            return
        # The journal records what was overridden (in English: it is a record, not a screen).
        override = "override: " + "; ".join(check.text() for check in failed)

        def decided(approved: bool) -> None:
            self._after_dialog()
            if approved and self.target is target and self.can_redeem():
                self._start_action(Action.REDEEM, target, override)

        self.guards.confirm_override(failed, decided)

    def invalidate(self) -> None:
        """F10: mark the coupon unavailable, after the manager, a reason, the customer's agreement."""
        if not self.can_invalidate():
            return
        target = self.target
        assert target is not None

        def approved(ok: bool) -> None:
            if not ok or self.target is not target:
                self._after_dialog()
                return
            dialog = InvalidateDialog(target.code, target.card.title if target.card else "", self)
            self.invalidate_dialog = dialog

            def finished(result: int) -> None:
                self.invalidate_dialog = None
                reason = dialog.reason_text()
                self._after_dialog()
                if accepted(result) and self.target is target and self.can_invalidate():
                    self._start_action(Action.INVALIDATE, target, reason)

            open_dialog(dialog, finished)

        self.guards.approve("invalidate", approved)

    def _start_action(self, action: Action, target: Result, reason: str) -> None:
        self._action_in_flight = True
        self._action = action
        self._hide_band()
        if action is Action.REDEEM:
            self.panel.show_busy(lambda: _t("MainWindow", "Redeeming…"), cancellable=False)
            self._set_state("redeeming")
        else:
            self.panel.show_busy(lambda: _t("MainWindow", "Marking unavailable…"), cancellable=False)
            self._set_state("invalidating")
        workflow = self.workflow

        def on_ambiguous() -> None:  # called on the worker thread; the signal is queued
            self._ambiguous.emit()

        def call() -> Result:
            if action is Action.REDEEM:
                return workflow.redeem(target, on_ambiguous=on_ambiguous, override=reason)
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
        self.connectivity.note(result)
        if self._pending_entry is not None:
            self.operations.replace_result(self._pending_entry, result)
            self._pending_entry = None
        else:
            self.operations.add(result)
        self.current = result
        if self.demo_panel is not None:
            self.demo_panel.note(result)
        if result.outcome in (Outcome.REDEEMED, Outcome.INVALIDATED):
            self.target = None
            self.panel.show_result(result)
            if result.outcome is Outcome.REDEEMED:
                self._show_band(result)
            self._set_state("done" if result.outcome is Outcome.REDEEMED else "details")
            self._play("success")
            return
        # Refused or error: the coupon stays the target only when it is provably still unused.
        if not (result.outcome is Outcome.ERROR and (self._usable(result) or is_no_answer(result))):
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
        t = self.target
        result = Result(
            self._action, t.code if t else "", t.card_id if t else None, Verdict.ERROR, Outcome.ERROR,
            card=t.card if t else None, message=message,
        )  # fmt: skip
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
            lambda: workflow.confirm(pending), self._on_action_done, self._on_action_failed,
            cancellable=False, name="confirm",
        )  # fmt: skip

    # -- band --------------------------------------------------------------------------------------

    def _show_band(self, result: Result) -> None:
        self._band_result = result
        self._render_band()
        self.band.show()
        self._band_timer.start(int(self._band_seconds * 1000))

    def _render_band(self) -> None:
        result = self._band_result
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
        """Esc: stop waiting for a lookup (and the scans queued behind it), or clear the screen."""
        if self.state in BUSY_STATES:
            self._flash_status(self.tr("Wait for WeChat's answer: a redemption cannot be abandoned halfway."))
            return
        dropped = len(self.queue)
        self.queue.clear()
        if self.worker.busy:
            if self.worker.cancel_waiting():
                self._looking_up = ""
                self.target = None
                self.panel.show_message(
                    lambda: _t("MainWindow", "Stopped waiting"),
                    Look(AMBER, Icon.INFO),
                    lambda: _t("MainWindow", "The lookup was abandoned; nothing was redeemed. Scan again when ready."),
                )
                self.scan_field.forget()
                self._set_state("ready")
            return
        self.clear()
        if dropped:
            self._flash_status(self.tr("{count} waiting scan(s) dropped; nothing was looked up.").format(count=dropped))

    def clear(self) -> None:
        self._hide_band()
        self.current = None
        self.target = None
        self.scan_field.clear()
        self.scan_field.forget()
        self.panel.show_ready()
        self._set_state("ready")

    def _connection_changed(self, _offline: bool) -> None:
        self._update_enabled()
        self._render_status()

    # -- cashier, settings, shift ------------------------------------------------------------------

    def ask_cashier(self) -> None:
        self.shift.ask_cashier(lambda _ok: self._after_dialog())

    def set_cashier(self, name: str) -> None:
        self.shift.set_cashier(name)

    def _cashier_changed(self, name: str) -> None:
        if name:
            self.config.cashier = name
            save_in_background(self.config)
        else:  # the shift closed: this session's list and the demo states start afresh
            self.operations.clear_entries()
            if self.demo_panel is not None:
                self.demo_panel.refresh()
            self.clear()
        self.retranslate_ui()

    def close_shift(self) -> None:
        """F11: closes only when no operation is left unresolved (or a manager acknowledged it)."""
        if self._busy() or QApplication.activeModalWidget() is not None:
            return
        self.shift.close_shift()

    def open_settings(self) -> None:
        """Settings behind the manager PIN; applied at once when saved (the client too)."""
        from pos_app.ui.settings_dialog import SettingsDialog

        def approved(ok: bool) -> None:
            if not ok:
                self._after_dialog()
                return
            dialog = SettingsDialog(self.config, self, getattr(self.services, "client", None))
            self.settings_dialog = dialog

            def finished(result: int) -> None:
                self.settings_dialog = None
                if accepted(result) or dialog.credentials_replaced:
                    self.apply_settings()
                self._after_dialog()

            open_dialog(dialog, finished)

        self.guards.approve("settings", approved)

    def apply_settings(self) -> None:
        """This counter's store (conditions), who/where (journal), and the client (address, credentials)."""
        from pos_app.ui.reconfigure import reconfigure

        self.panel.store_location_id = self.config.store_location_id
        if self.state == "details" and self.current is not None:
            self.panel.show_result(self.current)
        services = self.services
        self.worker.submit(lambda: reconfigure(services), None, self._reconfigure_failed, name="reconfigure")

    def _reconfigure_failed(self, exc: BaseException) -> None:
        log.warning("the new settings could not be applied to the client: %s", exc)
        text = getattr(exc, "message", None)
        self._flash_status(qt_tr("messages", text) if text else self.tr("The new settings could not be applied."))

    def open_history(self) -> None:
        from pos_app.ui.history_view import HistoryView

        view = HistoryView(
            getattr(self.services, "journal", None), self,
            config=self.config, reconcile=getattr(self.services, "reconcile", None),
        )  # fmt: skip
        self.history_view = view
        open_dialog(view, self._after_dialog)

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
        if self._busy() or QApplication.activeModalWidget() is not None:
            return  # the camera reports the code again when it is shown again
        self._play("scan")
        self.scan_field.submit_text(code)

    def _pick_demo_code(self, code: str) -> None:
        self.scan_field.submit_text(code)
        self.focus_scan_field()

    def _log_failure(self, exc: BaseException) -> None:
        log.warning("background task failed: %s", exc)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.focus_scan_field()
        if not self._shown_once:
            self._shown_once = True
            self.first_shown.emit()

    def shutdown(self) -> None:
        """Stop timers and join the worker thread (the window may still be open in tests)."""
        for timer in (self._band_timer, self._confirm_timer, self._status_timer):
            timer.stop()
        self.connectivity.stop()
        self.camera.stop()
        self.worker.shutdown()
        flush_settings()  # the last cashier name / PIN lockout reaches the disk before the app quits

    def closeEvent(self, event: QCloseEvent) -> None:
        if (self._action_in_flight or self._pending is not None) and not self._quit_confirmed:
            event.ignore()
            self._ask_quit()
            return
        self.shutdown()
        super().closeEvent(event)

    def _ask_quit(self) -> None:
        """Quitting during a redemption: asked, with "No" as the default (Enter keeps the app open)."""
        if self.quit_box is not None:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Redemption in progress"), "", parent=self)
        box.setText(
            self.tr("A redemption is still being confirmed. Quit anyway? It will be checked at the next start.")
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        self.quit_box = box

        def answered(_result: int) -> None:
            self.quit_box = None
            if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
                self._quit_confirmed = True
                QTimer.singleShot(0, self.close)
            else:
                self._after_dialog()

        open_dialog(box, answered)


def redemption_note(red: Any) -> str:
    """ "Redeemed here at 14:02 by Zhang, terminal 2." - without a terminal part when none is set."""
    when = time.strftime("%H:%M", time.localtime(red.time))
    day = time.strftime("%Y-%m-%d", time.localtime(red.time))
    if day != time.strftime("%Y-%m-%d"):
        when = f"{day} {when}"
    cashier = red.cashier or "—"
    if red.terminal:
        return _t("MainWindow", "Redeemed here at {time} by {cashier}, terminal {terminal}.").format(
            time=when, cashier=cashier, terminal=red.terminal
        )
    return _t("MainWindow", "Redeemed here at {time} by {cashier}.").format(time=when, cashier=cashier)


__all__ = ["MainWindow", "is_no_answer", "probe"]
