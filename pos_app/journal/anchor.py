"""The journal's head, anchored outside the journal: deletion, truncation or a swapped file is caught.

The hash chain proves the rows of *a* file follow one another; it cannot tell that the file is shorter
than it was, empty, recreated, or another copy.  After each committed append the number of the last row
and its hash are written to ``<config dir>/journal-anchor.json`` (write-then-rename, 0600), keyed by the
journal's resolved path.  ``check()`` then demands that the journal still holds that row with that hash.

Several processes (and several counters sharing a data folder) append to one journal: the anchor only
ever moves forward along the chain it already names, so a race leaves it behind, never wrong.  Once a
mismatch is found the anchor is left as it is, so the finding stays until someone resolves it (moving
or deleting the anchor file is the documented way to accept a journal that was replaced on purpose).

Limit: a person who can rewrite both files as this user can hide both; the hub keeps its own copy.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import sys
import threading
import time
from pathlib import Path
from typing import Any

from pos_app.config import config_dir
from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.journal import chain

log = logging.getLogger("journal")

FILE_NAME = "journal-anchor.json"
CTX = "journal"
MSG_SHORT = N_(
    CTX,
    "the journal ends at row {rows}, but row {anchored} was written before (recorded outside the journal): "
    "rows were removed, or the file was emptied, deleted or replaced",
)
MSG_SWAPPED = N_(
    CTX,
    "row {anchored} is missing or is not the row written before (recorded outside the journal): "
    "the file was replaced or rewritten",
)
MSG_AT_START = N_(CTX, "Warning: the journal has been tampered with or replaced:")


def anchor_path() -> Path:
    return config_dir() / FILE_NAME


def _key(journal: Path) -> str:
    return str(Path(journal).resolve())


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("journal anchor %s unreadable: %s", path, exc)
        return {}
    journals = data.get("journals") if isinstance(data, dict) else None
    return journals if isinstance(journals, dict) else {}


def _entry(journals: dict[str, Any], key: str) -> tuple[int, str] | None:
    entry = journals.get(key)
    if not isinstance(entry, dict):
        return None
    rows, head = entry.get("rows"), entry.get("head")
    if isinstance(rows, int) and not isinstance(rows, bool) and rows > 0 and isinstance(head, str):
        return rows, head
    return None


def anchored(journal: Path) -> tuple[int, str] | None:
    """(last row, its hash) recorded for ``journal``, or None."""
    return _entry(_load(anchor_path()), _key(journal))


def _head(conn: sqlite3.Connection) -> tuple[int, str]:
    r = conn.execute("SELECT id, hash FROM entries ORDER BY id DESC LIMIT 1").fetchone()
    return (int(r[0]), str(r[1])) if r else (0, chain.GENESIS)


def _hash_at(conn: sqlite3.Connection, row_id: int) -> str | None:
    r = conn.execute("SELECT hash FROM entries WHERE id = ?", (row_id,)).fetchone()
    return str(r[0]) if r else None


def check(conn: sqlite3.Connection, journal: Path) -> list[chain.Problem]:
    """Problems of ``journal`` against its anchor (none when no anchor was ever written)."""
    entry = anchored(journal)
    if entry is None:
        return []
    rows, head = entry
    last, _ = _head(conn)
    if last < rows:
        return [chain.Problem(last or None, MSG_SHORT, (("rows", last), ("anchored", rows)))]
    if _hash_at(conn, rows) != head:
        return [chain.Problem(rows, MSG_SWAPPED, (("anchored", rows),))]
    return []


def record(conn: sqlite3.Connection, journal: Path) -> None:
    """Move the anchor to the journal's current head (after a commit).  Never raises: the operation
    that was just recorded matters more than its anchor."""
    try:
        _record(conn, journal)
    except (OSError, sqlite3.Error) as exc:
        log.warning("journal anchor not written: %s", exc)


def _record(conn: sqlite3.Connection, journal: Path) -> None:
    path = anchor_path()
    journals = _load(path)
    key = _key(journal)
    last, head = _head(conn)
    entry = _entry(journals, key)
    if last == 0:
        return
    if entry is not None:
        rows, anchored_head = entry
        if rows >= last:
            return  # another process is ahead of us, or nothing new
        if _hash_at(conn, rows) != anchored_head:
            log.error("journal %s does not extend its anchor (row %d): anchor kept", journal, rows)
            return
    journals[key] = {"rows": last, "head": head, "time": int(time.time())}
    _write(path, {"version": 1, "journals": journals})


_prepared: set[Path] = set()


def _write(path: Path, data: dict[str, Any]) -> None:
    """Write-then-rename (a crash leaves the old anchor or the new one), 0600, folder 0700."""
    if path.parent not in _prepared:
        from pos_app.private_files import private_dir

        private_dir(path.parent)
        _prepared.add(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(data, separators=(",", ":"), sort_keys=True))
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def extend(report: chain.VerifyReport, conn: sqlite3.Connection, journal: Path) -> chain.VerifyReport:
    """``report`` with the anchor's findings after the chain's own (which are in row order)."""
    problems = check(conn, journal)
    if not problems:
        return report
    return chain.VerifyReport(rows=report.rows, head=report.head, problems=(*report.problems, *problems))


def warn_at_start(conn: sqlite3.Connection, journal: Path) -> list[chain.Problem]:
    """Check when a journal is opened: log and print the findings (the window shows them from
    ``Journal.integrity_problems``); returns them."""
    try:
        problems = check(conn, journal)
    except sqlite3.Error as exc:
        log.warning("journal anchor not checked: %s", exc)
        return []
    if problems:
        lines = [p.text() for p in problems]
        log.error("journal %s: %s", journal, "; ".join(lines))
        from pos_app.i18n import translate

        try:
            print(translate(CTX, MSG_AT_START), *(f"  {line}" for line in lines), sep="\n", file=sys.stderr)
        except (OSError, ValueError):  # no usable stderr (a windowed app): the log has it
            pass
    return problems
