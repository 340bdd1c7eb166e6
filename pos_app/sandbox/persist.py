"""Training's simulator state on disk: one JSON file, written atomically (temp file, fsync, rename).

A file that cannot be read is moved aside (``.unreadable``) and training starts afresh; it is never
half-read.  ``pos-app --demo reset`` deletes the file (and the training journal) through ``reset``.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger("pos_app.sandbox")

FILE_NAME = "simulator.json"
FORMAT = 1


def training_state_path() -> Path:
    """``<data dir>/training/simulator.json``: beside the training journal."""
    from pos_app.config import data_dir

    return data_dir() / "training" / FILE_NAME


def load(path: Path) -> dict[str, Any] | None:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("training state unreadable (%s): starting afresh", exc)
        return None
    try:
        data = json.loads(raw)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a pos-app simulator state")
    except ValueError as exc:
        log.warning("training state unreadable (%s): moved aside, starting afresh", exc)
        try:
            os.replace(path, path.with_name(path.name + ".unreadable"))
        except OSError:
            pass
        return None
    return data


def save(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` so that a crash leaves either the old file or the new one, never a torn one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps({**data, "format": FORMAT}, ensure_ascii=False, separators=(",", ":"))
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable (POSIX); Windows has no directory handles
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def reset(path: Path) -> bool:
    """Delete the saved state; True when there was one."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True
