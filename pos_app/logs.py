"""Logging to a rotating file in the data dir, never to the cashier's screen, never with secrets.

Named loggers per area (pos_app.api, pos_app.workflow, pos_app.journal, pos_app.scan, pos_app.ui).  A
traceback of a bug goes to the file; the user sees a sentence.  A small in-memory tail is kept for
"copy diagnostics".
"""

from __future__ import annotations

import collections
import logging
import logging.handlers
from pathlib import Path

from pos_app.client import redact
from pos_app.config import data_dir
from pos_app.private_files import private_file

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
TAIL: collections.deque[str] = collections.deque(maxlen=500)
_configured = False


class _Redact(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        return True


class _TailHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        TAIL.append(self.format(record))


def log_dir() -> Path:
    return data_dir() / "logs"


def setup_logging(level: int = logging.INFO) -> None:
    """Idempotent.  Where the log folder cannot be created, logging still goes to the tail only."""
    global _configured
    if _configured:
        return
    _configured = True
    root = logging.getLogger()
    root.setLevel(level)
    handlers: list[logging.Handler] = [_TailHandler()]
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
