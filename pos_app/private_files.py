"""Files only this user may read: the journal holds full, still-valid codes; logs say who did what.

Folders we create are 0700 and files 0600 (whatever the umask); an existing folder or file we own that
others can read is tightened.  On Windows the modes mean little (the per-user profile protects it) and
these calls do no harm.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger("pos_app.files")

DIR_MODE = 0o700
FILE_MODE = 0o600


def _tighten(path: Path, mode: int) -> None:
    try:
        st = path.stat()
        if st.st_uid == os.geteuid() and stat.S_IMODE(st.st_mode) & 0o077:
            os.chmod(path, stat.S_IMODE(st.st_mode) & ~0o077 | (mode & 0o700))
    except (OSError, AttributeError) as exc:  # not ours, vanished, or no geteuid (Windows)
        log.debug("cannot tighten %s: %s", path, exc)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) 0700; tighten ``path`` itself if we own it."""
    missing = []
    for candidate in (path, *path.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:  # another process made it meanwhile
            pass
    _tighten(path, DIR_MODE)
    return path


def private_file(path: Path, *, siblings: tuple[str, ...] = ()) -> Path:
    """Make sure ``path`` exists 0600 in a 0700 folder (created empty if missing); tighten it and the
    given sibling suffixes (SQLite's ``-wal`` / ``-shm``, which copy the main file's mode)."""
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_APPEND, FILE_MODE)
        os.close(fd)
    except FileExistsError:
        pass
    for candidate in (path, *(path.with_name(path.name + s) for s in siblings)):
        if candidate.exists():
            _tighten(candidate, FILE_MODE)
    return path
