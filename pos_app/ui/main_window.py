"""The cashier's main window: a view of the counter model (``pos_app.counter``), keyboard first.

The window decides nothing.  Keys, scans, the order total and the worker's answers become the model's
events (``send``); the model answers with effects, which the window carries out: calls to the service
on the one serial worker (``pos_app.ui.worker``), questions in non-blocking dialogs (``open()``), sounds,
notices and ``Show(view)`` - rendered into the widgets of ``pos_app.ui.counter_view``.  Results come
back as events on the GUI thread, so no worker answer ever meets a nested event loop.  Connectivity,
the manager's say-so and the shift live in ``connectivity``, ``guards`` and ``shift``.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from pos_app import counter as m
from pos_app.models import OperationContext, Result, Verdict
from pos_app.ui.connectivity import PROBE_MS, Connectivity, is_no_answer, probe
from pos_app.ui.counter_view import VIEW_WIDGETS, CounterView
from pos_app.ui.dialogs import accepted, ask_quit_during_redemption, open_dialog
from pos_app.ui.disk_writer import flush as flush_settings
from pos_app.ui.disk_writer import save_in_background
from pos_app.ui.guards import ManagerGuards
from pos_app.ui.invalidate_dialog import InvalidateDialog
from pos_app.ui.journal_shipping import JournalShipView
from pos_app.ui.notices import notice_text, redemption_note, status_hint
from pos_app.ui.other_coupons import CodeNotes
from pos_app.ui.result_panel import parse_total
from pos_app.ui.scan_field import is_code
from pos_app.ui.settings_flow import SettingsFlow
from pos_app.ui.shift import ShiftFlow
from pos_app.ui.verdict_words import is_ticket
from pos_app.ui.worker import SerialWorker

log = logging.getLogger("ui")
_t = QCoreApplication.translate

BAND_SECONDS = m.BAND_SECONDS
CONFIRM_RETRY_MS = int(m.CONFIRM_RETRY_S * 1000)


class MainWindow(QMainWindow):
    """``services`` is a ``pos_app.services.Services``; ``cashier`` the name of the shift's cashier."""

    state_changed = Signal(str)
    first_shown = Signal()
    _answer_lost = Signal(int)  # the workflow's on_ambiguous (worker thread) -> AnswerLost on the GUI thread

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
        # One workflow for the window's life: it remembers when each attempt was sent, which settles a
        # lost answer; the cashier, the settings and a rebuilt client are set on it as they change.
        self.workflow = services.workflow(OperationContext(cashier=cashier))
        self.counter = m.Counter(
            cashier=cashier,
            store_location_id=self.config.store_location_id,
            band_seconds=band_seconds,
            confirm_retry=confirm_retry_ms / 1000,
        )
        self.shown: m.View = self.counter.view()
        self._events: deque[m.Event] = deque()
        self._dispatching = False
        self._shown_once = False
        self._quit_confirmed = False
        self._abandoned = False  # Esc stopped a lookup: the ready screen says so once
        self._camera_waiting = ""  # a camera read while a dialog was open, sent when it closes
        self.last_sound = ""
        self._answer_lost.connect(lambda action_id: self.send(m.AnswerLost(action_id)))
        self.shift = ShiftFlow(self, services, self.worker, cashier)
        self.shift.cashier_changed.connect(self._cashier_changed)
        self.guards = ManagerGuards(self, services)
        self.settings = SettingsFlow(self, services, self.guards, self.worker)
        self.settings.applied.connect(self._settings_applied)
        self.settings.failed.connect(self._flash_status)
        self.settings.closed.connect(self._after_dialog)
        self.invalidate_dialog: InvalidateDialog | None = None
        self.quit_box: QMessageBox | None = None

        sim = getattr(services, "simulator", None)
        self.view = CounterView(
            {
                "redeem": lambda: self.send(m.RedeemPressed()), "invalidate": lambda: self.send(m.InvalidatePressed()),
                "escape": lambda: self.send(m.Cancelled()), "cashier": self.ask_cashier,
                "history": self.open_history, "close_shift": self.close_shift, "settings": self.open_settings,
                "scanned": self.look_up, "camera_code": self._camera_code,
                "demo_pick": lambda code: self.send(m.Scanned(code, m.ScanSource.DEMO)),
                "total_done": lambda: self.view.scan_field.setFocus(Qt.FocusReason.OtherFocusReason),
            },
            demo=self.demo,
            store_location_id=self.config.store_location_id,
            camera_sources=camera_sources,
            demo_catalog=sim.demo_catalog if sim is not None else None,
            fresh_code=sim.fresh_code if sim is not None else None,
        )  # fmt: skip
        self.setCentralWidget(self.view)
        for name in VIEW_WIDGETS:  # the widgets by name, for the screenshots and the tests
            setattr(self, name, getattr(self.view, name))
        self.notes = CodeNotes(services, self.worker, self.view.panel, lambda: self.current)
        self.view.integrity_banner.show_problems(getattr(getattr(services, "journal", None), "integrity_problems", ()))
        self.view.add_shortcuts(
            self,
            {
                Qt.Key.Key_F9: lambda: self.send(m.RedeemPressed()),
                Qt.Key.Key_F10: lambda: self.send(m.InvalidatePressed()),
                Qt.Key.Key_Escape: lambda: self.send(m.Cancelled()),
                Qt.Key.Key_F2: self._unless_busy(self.ask_cashier),
                Qt.Key.Key_F3: self._unless_busy(self.open_history),
                Qt.Key.Key_F4: self._unless_busy(self.view.camera.toggle.click),
                Qt.Key.Key_F11: self._unless_busy(self.close_shift),
                Qt.Key.Key_F12: self._unless_busy(self.open_settings),
            },
        )
        self.view.panel.order_total_changed.connect(
            lambda: self.send(m.OrderTotal(parse_total(self.view.panel.total_edit.text())))
        )
        self.connectivity = Connectivity(
            services, self.worker, self.view.offline_banner, probe_ms=probe_ms,
            notice_parent=lambda: self, after_notice=self._after_dialog,
        )  # fmt: skip
        self.connectivity.changed.connect(lambda offline: self.send(m.ConnectivityChanged(not offline)))
        self.journal_ship = JournalShipView(getattr(services, "journal_shipping", lambda: None)(), self.view.ship_label)
        self._tick_timer = QTimer(self, singleShot=True, timeout=lambda: self.send(m.Tick()))
        self._status_timer = QTimer(self, singleShot=True, timeout=self._render_status)
        self._rerender_timer = QTimer(self, singleShot=True, timeout=lambda: self.show_state(self.shown))
        self._rerender_timer.setInterval(0)
        self.workflow.context = self._context()
        self.retranslate_ui()
        self.show_state(self.shown)

    # -- reading (the entry point, the screenshots and the tests) ----------------------------------

    @property
    def state(self) -> str:
        return self.shown.state.value

    @property
    def current(self) -> Result | None:
        return self.shown.result

    @property
    def cashier(self) -> str:
        return self.counter.cashier

    @property
    def offline(self) -> bool:
        return self.connectivity.offline

    def _context(self) -> OperationContext:
        return OperationContext(
            cashier=self.cashier, terminal=self.config.terminal_id, store_location_id=self.config.store_location_id
        )

    def set_offline(self, offline: bool) -> None:
        self.connectivity.set_offline(offline)

    def _reconcile(self) -> None:
        self.connectivity.reconcile()

    # -- events in, effects out --------------------------------------------------------------------

    def send(self, event: m.Event) -> None:
        """Give the model an event and carry out its effects (events raised meanwhile wait their turn)."""
        self._events.append(event)
        if self._dispatching:
            return
        self._dispatching = True
        try:
            while self._events:
                for effect in self.counter.handle(self._events.popleft()):
                    try:
                        self._run(effect)
                    except Exception:  # one effect failing must not lose the others
                        log.exception("could not carry out %r", type(effect).__name__)
        finally:
            self._dispatching = False
        due = self.counter.next_due
        if due is None:
            self._tick_timer.stop()
        else:
            self._tick_timer.start(max(0, int((due - time.time()) * 1000) + 1))

    def look_up(self, text: str) -> None:
        """Enter in the code field: the model looks it up now or queues it."""
        self.send(m.Scanned(text, m.ScanSource.KEYBOARD))

    def _run(self, effect: m.Effect) -> None:
        match effect:
            case m.Show(view=view):
                self.show_state(view)
            case m.Lookup(lookup_id=lookup_id, text=text):
                self.worker.submit(
                    lambda: self.workflow.lookup(text),
                    lambda result: self._looked_up(lookup_id, result),
                    lambda exc: self.send(m.LookupFailed(lookup_id, exc)),
                    name="lookup",
                )
            case m.Abandon():
                self.worker.cancel_waiting()
                self._abandoned = True
            case m.Consume() | m.MarkUnavailable() | m.Reread():
                self._act(effect)
            case m.AskManager(what=what, failed=failed, code=asked_about):
                answer = self._manager_answer(what, asked_about)
                if what is m.Approval.OVERRIDE:
                    self.guards.confirm_override(list(failed), answer)
                else:
                    self.guards.approve(what.value, answer)
            case m.AskReason(code=code):
                self._ask_reason(code)
            case m.AskCashier():
                self.ask_cashier()
            case m.Play(sound=sound):
                self._play(sound.value)
            case m.Notify(notice=notice, code=code):
                if notice is m.Notice.LOOKUP_ABANDONED:
                    self._abandoned = True
                else:
                    self._flash_status(notice_text(notice, code))
            case m.AddToSession(result=result, condition_failed=condition_failed):
                self.view.operations.add(result, condition_failed=condition_failed)
                if self.view.demo_panel is not None:
                    self.view.demo_panel.note(result)
                if result.verdict is Verdict.ALREADY_REDEEMED:
                    self.notes.last_redemption(result)
                self.journal_ship.noted(result)

    def _looked_up(self, lookup_id: int, result: Result) -> None:
        self.connectivity.note(result)
        self.send(m.LookupDone(lookup_id, result))
        self.notes.other_coupons(result)

    def _act(self, effect: m.Consume | m.MarkUnavailable | m.Reread) -> None:
        """Consume, MarkUnavailable, Reread: on the worker, never cancellable, answered as ActionDone."""
        from pos_app.workflow import RecordNotWrittenError, Workflow

        action_id = effect.action_id
        workflow: Workflow = self.workflow

        def lost() -> None:  # on the worker thread; the signal is queued to the GUI thread
            self._answer_lost.emit(action_id)

        def call() -> Result:
            if isinstance(effect, m.Consume):
                return workflow.redeem(effect.target, on_ambiguous=lost, override=effect.override)
            if isinstance(effect, m.MarkUnavailable):
                return workflow.invalidate(effect.target, effect.reason, on_ambiguous=lost)
            return workflow.confirm(effect.pending)

        def done(result: Result) -> None:
            self.connectivity.note(result)
            self.send(m.ActionDone(action_id, result))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, RecordNotWrittenError):
                self.send(m.ActionDone(action_id, exc.result, record_error=str(exc.cause)))
                return
            log.error("redeem/invalidate failed unexpectedly", exc_info=exc)
            self.send(m.ActionFailed(action_id, exc))

        self.worker.submit(call, done, failed, cancellable=False, name=type(effect).__name__.lower())

    def _manager_answer(self, what: m.Approval, code: str) -> Any:
        def answer(approved: bool) -> None:
            self._after_dialog()
            self.send(m.ManagerApproved(what, code) if approved else m.ManagerDeclined(what))

        return answer

    def _ask_reason(self, code: str) -> None:
        result = self.current
        title = result.card.title if result is not None and result.card is not None else ""
        dialog = InvalidateDialog(code, title, self)
        self.invalidate_dialog = dialog

        def finished(outcome: int) -> None:
            self.invalidate_dialog = None
            self._after_dialog()
            if accepted(outcome):
                self.send(m.InvalidatePressed(dialog.reason_text()))
            else:  # cancelled: the approval ends, the next F10 asks the manager again
                self.send(m.ManagerDeclined(m.Approval.INVALIDATE))

        open_dialog(dialog, finished)

    # -- rendering ---------------------------------------------------------------------------------

    def show_state(self, view: m.View) -> None:
        """Show one state of the model: panel, band, buttons, status line."""
        changed = view.state is not self.shown.state
        self.shown = view
        if view.state is m.State.READY and self._abandoned:
            self.view.panel.show_abandoned()
        else:
            self.view.panel.show_view(view, notice_text(view.notice, view.code, view.detail) if view.notice else "")
        self._abandoned = False
        if view.state is m.State.DONE and view.result is not None:
            self.view.band.setText(self.view.panel.band_text(view.result))
            self.view.band.show()
        else:
            self.view.band.hide()
        acting = view.state in m.ACTION_STATES
        ticket = is_ticket(view.result)
        self.view.redeem_button.setText(self.tr("Check in (F9)") if ticket else self.view.redeem_text())
        self.view.redeem_button.setEnabled(view.can_redeem)
        self.view.invalidate_button.setEnabled(view.can_invalidate)
        self.view.clear_button.setEnabled(not acting)  # a redemption cannot be abandoned: the button says so
        for button in (self.view.cashier_button, self.view.settings_button, self.view.close_shift_button):
            button.setEnabled(view.state not in m.BUSY_STATES)
        self._render_status()
        if changed:
            self.state_changed.emit(view.state.value)

    def _render_status(self) -> None:
        self.view.status_label.setText(status_hint(self.shown))

    def _flash_status(self, text: str) -> None:
        self.view.status_label.setText(text)
        self._status_timer.start(4000)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.view.window_title())
        self.view.cashier_label.setText(
            self.tr("Cashier: {name}").format(name=self.cashier) if self.cashier else self.tr("No cashier")
        )
        if self.view.band.isVisible() and self.current is not None:
            self.view.band.setText(self.view.panel.band_text(self.current))
        self._render_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            timer = getattr(self, "_rerender_timer", None)
            if timer is not None:
                timer.start()  # after the children's own retranslation
        super().changeEvent(event)

    def focus_scan_field(self) -> None:
        """The code field has the focus whenever no dialog is open (and the order total is not edited)."""
        if QApplication.activeModalWidget() is None and not self.view.panel.total_edit.hasFocus():
            self.view.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _unless_busy(self, action: Any) -> Any:
        """A key for a top button: does nothing while the till is busy (as the disabled button)."""
        return lambda: None if self.counter.busy else action()

    def _after_dialog(self, *_: object) -> None:
        """A dialog closed: take the window's activation (F9/F10/Esc are window shortcuts) and focus back."""

        def regain() -> None:
            if QApplication.activeModalWidget() is None and self.isVisible():
                self.activateWindow()
                self.view.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)
                waiting, self._camera_waiting = self._camera_waiting, ""
                if waiting:
                    self.send(m.Scanned(waiting, m.ScanSource.CAMERA))

        QTimer.singleShot(0, regain)

    # -- cashier, settings, shift, history ---------------------------------------------------------

    def ask_cashier(self) -> None:
        self.shift.ask_cashier(lambda _ok: self._after_dialog())

    def set_cashier(self, name: str) -> None:
        self.shift.set_cashier(name)

    def _cashier_changed(self, name: str) -> None:
        self.send(m.CashierChanged(name))
        self.workflow.context = self._context()
        if name:
            self.config.cashier = name
            save_in_background(self.config)
        else:  # the shift closed: this session's list and the demo codes start afresh
            self.view.operations.clear_entries()
            self.journal_ship.soon()
            if self.view.demo_panel is not None:
                self.view.demo_panel.refresh()
            self.send(m.Cancelled())
        self.retranslate_ui()

    def close_shift(self) -> None:
        """F11: closes only when no operation is left unresolved (or a manager acknowledged it)."""
        if not self.counter.busy and QApplication.activeModalWidget() is None:
            self.shift.close_shift()

    def open_settings(self) -> None:
        """Settings behind the manager PIN; applied at once when saved (the client too)."""
        self.settings.open()

    def apply_settings(self) -> None:
        self.settings.apply()

    def _settings_applied(self) -> None:
        self.view.panel.store_location_id = self.config.store_location_id
        self.send(m.StoreChanged(self.config.store_location_id))
        self.workflow.context = self._context()

    def open_history(self) -> None:
        from pos_app.ui.history_view import HistoryView
        from pos_app.ui.stats_dialog import open_stats

        view = HistoryView(
            getattr(self.services, "journal", None), self,
            config=self.config, reconcile=getattr(self.services, "reconcile", None),
            open_stats=lambda parent: open_stats(parent, self.services, self.worker),
        )  # fmt: skip
        self.history_view = view
        open_dialog(view, self._after_dialog)

    # -- sounds, camera ----------------------------------------------------------------------------

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

    def _camera_code(self, code: str) -> None:
        """A code the webcam read: a short beep, then the model decides (queue, same code, not a code).
        While a dialog is open it waits for the dialog to close (the camera reports a held code once)."""
        if is_code(code):  # a poster's QR ("欢迎光临本店") gets no beep: the model ignores it, say so quietly
            self._play("scan")
        if QApplication.activeModalWidget() is not None:
            self._camera_waiting = code
            return
        self.send(m.Scanned(code, m.ScanSource.CAMERA))

    def _log_failure(self, exc: BaseException) -> None:
        log.warning("background task failed: %s", exc)

    # -- window ------------------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.focus_scan_field()
        if not self._shown_once:
            self._shown_once = True
            self.first_shown.emit()

    def shutdown(self) -> None:
        """Stop timers and join the worker thread (the window may still be open in tests)."""
        self._tick_timer.stop()
        self._status_timer.stop()
        self._rerender_timer.stop()
        self.connectivity.stop()
        self.view.camera.stop()
        self.worker.shutdown()
        self.notes.shutdown()
        self.journal_ship.shutdown()
        flush_settings()  # the last cashier name / PIN lockout reaches the disk before the app quits

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.shown.state in m.ACTION_STATES and not self._quit_confirmed:
            event.ignore()
            self._ask_quit()
            return
        self.shutdown()
        super().closeEvent(event)

    def _ask_quit(self) -> None:
        """Quitting during a redemption: asked, with "No" as the default (Enter keeps the app open)."""
        if self.quit_box is None:
            self.quit_box = ask_quit_during_redemption(self, self._quit_answered)

    def _quit_answered(self, quit_anyway: bool) -> None:
        self.quit_box = None
        if quit_anyway:
            self._quit_confirmed = True
            QTimer.singleShot(0, self.close)
        else:
            self._after_dialog()


__all__ = ["MainWindow", "is_no_answer", "probe", "redemption_note"]
