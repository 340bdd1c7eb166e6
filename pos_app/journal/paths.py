"""Where the journal lives: ``<data dir>/journal.sqlite3``; training mode keeps its own file."""

from __future__ import annotations

from pathlib import Path

from pos_app.config import data_dir

FILE_NAME = "journal.sqlite3"


def journal_path(demo: bool = False) -> Path:
    """Training (``--demo``) records go to ``<data dir>/training/`` so they never mix with real ones."""
    base = data_dir()
    return base / "training" / FILE_NAME if demo else base / FILE_NAME
