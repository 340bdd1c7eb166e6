"""Logging to a rotating file in the data dir, never to the cashier's screen, never with secrets.

Named loggers per area (pos_app.api, pos_app.workflow, pos_app.journal, pos_app.scan, pos_app.ui).  A
traceback of a bug goes to the file; the user sees a sentence.  A small in-memory tail is kept for
"copy diagnostics".

Qt's own messages (qt.multimedia, PulseAudio, platform plugins...) arrive through ``qt_message`` (the GUI
installs a Qt message handler that calls it): they go to the file like everything else, not to the
terminal, unless ``--verbose`` (``setup_logging(verbose=True)``: everything logged is also printed on
stderr).  A critical or fatal Qt message is always printed, with the Qt warnings just before it: that is
why the app could not start (e.g. a missing platform plugin).
"""

from __future__ import annotations

import collections
import logging
import logging.handlers
import sys
from pathlib import Path

from pos_app.config import data_dir
from pos_app.private_files import private_file

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
TAIL: collections.deque[str] = collections.deque(maxlen=500)
_configured = False
_verbose = False
# Qt's recent warnings, printed with a fatal message that follows them (the reason it gives up).
_QT_RECENT: collections.deque[str] = collections.deque(maxlen=10)
_QT_LEVELS = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "critical": logging.ERROR,
    "fatal": logging.CRITICAL,
}


class _Redact(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        from pos_app.client import redact  # not at start-up: `pos-app decode` has no use for httpx

        record.msg = redact(record.getMessage())
        record.args = None
        return True


class _TailHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        TAIL.append(self.format(record))


def log_dir() -> Path:
    return data_dir() / "logs"


def setup_logging(level: int = logging.INFO, verbose: bool = False) -> None:
    """Idempotent.  Where the log folder cannot be created, logging still goes to the tail only.

    ``verbose``: also print every record on stderr (``pos-app --verbose``)."""
    global _configured, _verbose
    if _configured:
        return
    _configured = True
    _verbose = verbose
    root = logging.getLogger()
    root.setLevel(level)
    handlers: list[logging.Handler] = [_TailHandler()]
    if verbose:
        handlers.append(logging.StreamHandler(sys.stderr))
    try:
        private_file(log_dir() / "pos-app.log")  # 0600 in a 0700 folder (harden)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                log_dir() / "pos-app.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
            )
        )
    except OSError:
        pass
    for handler in handlers:
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler.addFilter(_Redact())
        root.addHandler(handler)
    # httpcore's DEBUG chatter is noise at a counter.
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # Qt's debug messages exist only when someone enabled them (QT_LOGGING_RULES): keep them.
    logging.getLogger("qt").setLevel(logging.DEBUG)


def qt_message(kind: str, category: str, text: str) -> None:
    """One message from Qt (kind: debug, info, warning, critical, fatal) into the log, as logger ``qt.*``."""
    name = category if category.startswith("qt") else f"qt.{category or 'default'}"
    level = _QT_LEVELS.get(kind, logging.WARNING)
    logging.getLogger(name).log(level, "%s", text)
    line = f"{name}: {text}"
    if level >= logging.ERROR and not _verbose:
        # The one thing from Qt the terminal must show: why it cannot go on.
        for earlier in _QT_RECENT:
            print(earlier, file=sys.stderr)
        print(line, file=sys.stderr, flush=True)
        _QT_RECENT.clear()
    elif level >= logging.WARNING:
        _QT_RECENT.append(line)
