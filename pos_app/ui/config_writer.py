"""Settings are written off the GUI thread: one writer thread, writes in the order they were asked for.

The window changes the settings in memory at once (cashier name, the PIN lockout, the settings dialog)
and hands a snapshot of the file's text to this thread, so a slow disk or a network home directory never
freezes the counter.  One thread for the whole process keeps the order: the last change made is the last
file written.  ``flush()`` waits for what is queued (tests, and the window before it quits).
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from pos_app import config as config_module
from pos_app.config import Config
from pos_app.pin import PinGuard

log = logging.getLogger("ui")

_writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pos-config")
_pending: set[Future[None]] = set()


def save_in_background(config: Config, path: Path | None = None) -> Future[None]:
    """Snapshot ``config`` now, write it on the writer thread; failures are logged (and in the future)."""
    text = config.to_json()
    target = path or config_module.config_path()
    future = _writer.submit(config_module.write_config_text, text, target)
    _pending.add(future)
    future.add_done_callback(_finished)
    return future


def _finished(future: Future[None]) -> None:
    _pending.discard(future)
    exc = future.exception()
    if exc is not None:
        log.warning("could not save the settings: %s", exc)


def flush(timeout: float = 5.0) -> None:
    """Wait until every write asked for so far is on disk (or failed)."""
    for future in list(_pending):
        try:
            future.result(timeout)
        except Exception:  # already logged by _finished
            pass


def pin_guard(config: Config) -> PinGuard:
    """The manager PIN guard whose lockout and PIN changes are saved by the writer thread."""

    def save() -> None:
        save_in_background(config)

    return PinGuard(config, save=save)
