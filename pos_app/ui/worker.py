"""One serial worker: run a callable off the GUI thread and hand its result back on the GUI thread.

The shape follows Picard's ``run_task``/``to_main`` and Anki's ``QueryOp``: the caller gives a function
for the background and callbacks for success and failure; the callbacks always run on the GUI thread,
delivered by a queued signal, so no widget is ever touched from the worker.  There is exactly one
worker thread, so scans, redemptions and re-reads are handled strictly one at a time, in order.

Cancelling a task ("Esc cancels waiting") does not stop the function - an HTTP call cannot be
interrupted safely - it only means its late result is ignored and the busy state ends at once.  When the
abandoned call is the one running, the queue moves on to a fresh thread ("lane") at once, so the next scan
is not stuck behind a lookup nobody waits for; the old thread ends after its call.  Only cancellable
tasks (lookups) are ever left behind like this: a redemption is never cancellable, so the calls that
change something still run strictly one at a time, in order.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger("ui")


_STOP = object()


class Task:
    """A handle on one submitted call."""

    def __init__(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        *,
        busy: bool,
        cancellable: bool,
        name: str,
    ) -> None:
        self.fn = fn
        self.on_success = on_success
        self.on_failure = on_failure
        self.busy = busy
        self.cancellable = cancellable
        self.name = name
        self.cancelled = False
        self.done = False

    def __repr__(self) -> str:
        return f"<Task {self.name} done={self.done} cancelled={self.cancelled}>"


class SerialWorker(QObject):
    """A single background thread fed by a queue; results come back by signal on the GUI thread.

    ``busy_changed(bool)`` tells whether a task submitted with ``busy=True`` is still awaited (queued or
    running and not cancelled): the window disables what would start a second action while it is True.
    """

    busy_changed = Signal(bool)
    # Emitted from the worker thread; the receiver lives on the GUI thread, so Qt queues the call.
    _finished = Signal(object, bool, object)
    _call_in_main = Signal(object)

    def __init__(self, parent: QObject | None = None, name: str = "pos-worker") -> None:
        super().__init__(parent)
        self._queue: queue.Queue[Any] = queue.Queue()
        self._awaited: list[Task] = []
        self._closed = False
        self._finished.connect(self._deliver)
        self._call_in_main.connect(self._run_in_main)
        self._name = name
        # The lane is the thread that owns the queue; _running is (lane, task) of the task the owning
        # lane runs.  Both change only under _lane_lock, so exactly one thread ever takes tasks from the
        # queue, and an abandoned lane never speaks for the current one.
        self._lane_lock = threading.Lock()
        self._lane = 0
        self._running: tuple[int, Task] | None = None
        self._thread = self._start_lane()

    def _start_lane(self) -> threading.Thread:
        self._lane += 1
        thread = threading.Thread(target=self._loop, args=(self._lane,), name=self._name, daemon=True)
        thread.start()
        return thread

    # -- public API (GUI thread) -------------------------------------------------------------------

    def submit(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        busy: bool = True,
        cancellable: bool = True,
        name: str = "task",
    ) -> Task:
        """Queue ``fn`` for the worker thread; ``on_success(result)`` or ``on_failure(exc)`` follow.

        ``busy=False`` is for background probes the cashier should not wait for.  ``cancellable=False``
        is for calls whose result must never be dropped (a redemption: its answer must be shown).
        """
        if self._closed:
            raise RuntimeError("worker is shut down")
        task = Task(fn, on_success, on_failure, busy=busy, cancellable=cancellable, name=name)
        if busy:
            was_busy = self.busy
            self._awaited.append(task)
            if not was_busy:
                self.busy_changed.emit(True)
        self._queue.put(task)
        return task

    @property
    def busy(self) -> bool:
        return bool(self._awaited)

    def cancel_waiting(self) -> bool:
        """Stop waiting for every cancellable busy task; return True if anything was cancelled."""
        cancelled = False
        for task in list(self._awaited):
            if task.cancellable:
                task.cancelled = True
                self._awaited.remove(task)
                cancelled = True
        if cancelled:
            with self._lane_lock:
                running = self._running
                # Only the current lane's own running task: a task an older lane still runs was left
                # behind already, and a new lane that has not picked its task yet is not stuck.
                if running is not None and running[0] == self._lane and running[1].cancelled and not self._closed:
                    log.info("leaving %r to finish on its own; the queue moves on", running[1])
                    self._running = None
                    self._thread = self._start_lane()
        if cancelled and not self._awaited:
            self.busy_changed.emit(False)
        return cancelled

    def to_main(self, fn: Callable[[], None]) -> None:
        """Call ``fn`` on the GUI thread (safe to call from the worker thread)."""
        self._call_in_main.emit(fn)

    def shutdown(self, timeout: float = 10.0) -> bool:
        """Drop queued work, let the running call finish (up to ``timeout``), join the thread.

        Returns True when the thread has ended.  Results that arrive after this are ignored.
        """
        if self._closed:
            return not self._thread.is_alive()
        self._closed = True
        for task in self._awaited:
            task.cancelled = True
        self._awaited.clear()
        try:
            while True:
                pending = self._queue.get_nowait()
                if isinstance(pending, Task):
                    pending.cancelled = True
        except queue.Empty:
            pass
        self._queue.put(_STOP)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def thread(self) -> threading.Thread:
        return self._thread

    # -- worker thread -----------------------------------------------------------------------------

    def _loop(self, lane: int) -> None:
        while True:
            task = self._queue.get()
            if task is _STOP:
                return
            with self._lane_lock:  # (a lane is only ever replaced while it runs a task, not here)
                if task.cancelled:
                    continue
                self._running = (lane, task)
            try:
                value = task.fn()
                ok = True
            except BaseException as exc:  # delivered to on_failure; the worker must survive anything
                value, ok = exc, False
            if not self._closed:
                self._finished.emit(task, ok, value)
            with self._lane_lock:
                if lane != self._lane:  # abandoned: a new lane owns the queue (and _running) now
                    return
                self._running = None

    # -- GUI thread --------------------------------------------------------------------------------

    @Slot(object, bool, object)
    def _deliver(self, task: Task, ok: bool, value: Any) -> None:
        task.done = True
        if task in self._awaited:
            self._awaited.remove(task)
            if not self._awaited:
                self.busy_changed.emit(False)
        if task.cancelled or self._closed:
            log.debug("ignoring late result of %r", task)
            return
        try:
            if ok:
                if task.on_success is not None:
                    task.on_success(value)
            elif task.on_failure is not None:
                task.on_failure(value)
            else:
                log.error("background task %s failed", task.name, exc_info=value)
        except Exception:  # a bug in a callback must not kill the event loop
            log.exception("callback of %s failed", task.name)

    @Slot(object)
    def _run_in_main(self, fn: Callable[[], None]) -> None:
        if self._closed:
            return
        try:
            fn()
        except Exception:
            log.exception("main-thread call failed")
