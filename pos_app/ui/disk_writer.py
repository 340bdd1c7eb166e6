"""The files the window writes - settings, report exports - are written off the GUI thread.

One writer thread for the whole process, writes in the order they were asked for: the last settings
change made is the last file written.  The window changes its state in memory at once (cashier name,
PIN lockout) and hands a snapshot of the file's text to the writer, so a slow disk or a network home
folder never freezes the counter.  ``when_written`` brings the outcome back to the GUI thread for the
dialogs that must say when a write failed.  Queued writes are not dropped when a dialog closes: the
executor's thread finishes them (``flush()`` waits for them; the window calls it when it shuts down).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from pos_app import config as config_module
from pos_app.config import Config
from pos_app.pin import PinGuard

log = logging.getLogger("ui")

_writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pos-disk")
_pending: set[Future[Any]] = set()


def submit(fn: Callable[..., Any], *args: Any) -> Future[Any]:
    """Run ``fn(*args)`` on the writer thread; a failure is logged (and kept in the future)."""
    future = _writer.submit(fn, *args)
    _pending.add(future)
    future.add_done_callback(_finished)
    return future


def save_in_background(config: Config, path: Path | None = None) -> Future[Any]:
    """Snapshot ``config`` now, write it on the writer thread."""
    return submit(config_module.write_config_text, config.to_json(), path or config_module.config_path())


def _finished(future: Future[Any]) -> None:
    _pending.discard(future)
    exc = future.exception()
    if exc is not None:
        log.warning("could not write a file: %s", exc)


def flush(timeout: float = 5.0) -> None:
    """Wait until every write asked for so far is on disk (or failed)."""
    for future in list(_pending):
        try:
            future.result(timeout)
        except Exception:  # already logged by _finished
            pass


class _ToGui(QObject):
    """Carries a finished write's outcome to the GUI thread (a queued signal, like SerialWorker's)."""

    finished = Signal(object, object)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._call)

    @Slot(object, object)
    def _call(self, callback: Callable[[BaseException | None], None], error: BaseException | None) -> None:
        try:
            callback(error)
        except Exception:  # a bug in a callback must not kill the event loop
            log.exception("callback after a write failed")


_to_gui: _ToGui | None = None


def when_written(future: Future[Any], callback: Callable[[BaseException | None], None]) -> None:
    """Call ``callback(None)`` - or ``callback(exception)`` - on the GUI thread once the write is done.

    Call it from the GUI thread (the carrier object is created there)."""
    global _to_gui
    if _to_gui is None:
        _to_gui = _ToGui()
    carrier = _to_gui
    future.add_done_callback(lambda done: carrier.finished.emit(callback, done.exception()))


class BackgroundPinGuard(PinGuard):
    """The manager PIN guard whose lockout and PIN changes go to the writer thread;
    ``last_write`` is the newest of those writes (the PIN dialog waits for it)."""

    def __init__(self, config: Config) -> None:
        super().__init__(config, save=self._save_later)
        self.last_write: Future[Any] | None = None

    def _save_later(self) -> None:
        self.last_write = save_in_background(self.config)


def pin_guard(config: Config) -> BackgroundPinGuard:
    return BackgroundPinGuard(config)
