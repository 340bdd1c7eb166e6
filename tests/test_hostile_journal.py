"""Tampering the hash chain alone cannot show: the journal deleted, emptied, cut at the end (with
``sqlite_sequence`` fixed) or swapped for another file.  The head anchored beside the config catches
each, in `pos-app journal verify` and when the journal is opened.  Real SQLite files, the real CLI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pos_app.journal import Journal, chain, journal_path
from pos_app.journal import anchor as anchor_mod
from pos_app.models import Action, Outcome
from tests.conftest import cli_env
from tests.journal_helpers import LI, ZHANG, done, lookup, raw


def fill(path: Path, n: int, start: int = 0) -> None:
    j = Journal.open(path)
    for i in range(start, start + n):
        code = f"55550000{i:04d}"
        j.record_lookup(lookup(code), ZHANG if i % 2 else LI)
        a = j.begin(Action.REDEEM, code, None, ZHANG)
        j.complete(a, done(Action.REDEEM, code, Outcome.REDEEMED))
    j.close()


@pytest.fixture
def path() -> Path:
    """A journal of 15 rows where the CLI looks for it."""
    p = journal_path()
    fill(p, 5)
    return p


def verify() -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "pos_app", "--lang", "en", "journal", "verify"],
        capture_output=True,
        text=True,
        env=cli_env(None),
        timeout=60,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_an_intact_journal_verifies_and_is_anchored(path):
    proc = verify()
    assert proc.returncode == 0 and "15 rows" in proc.stdout, proc.stderr
    rows, head = anchor_mod.anchored(path) or (0, "")
    assert rows == 15 and head in proc.stdout
    assert anchor_mod.anchor_path().stat().st_mode & 0o077 == 0


def test_a_deleted_journal_is_caught(path):
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    proc = verify()
    assert proc.returncode == 1
    assert "the journal ends at row 0, but row 15 was written before" in proc.stderr


def test_a_zero_length_journal_is_caught(path):
    path.write_bytes(b"")
    Path(f"{path}-wal").unlink(missing_ok=True)
    proc = verify()
    assert proc.returncode == 1 and "row 15 was written before" in proc.stderr


def test_cutting_the_last_rows_and_fixing_sqlite_sequence_is_caught(path):
    conn = raw(path)
    conn.execute("DELETE FROM entries WHERE id > 12")
    conn.execute("UPDATE sqlite_sequence SET seq = 12 WHERE name = 'entries'")
    conn.execute("CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries BEGIN SELECT RAISE(ABORT, 'x'); END")
    conn.execute("CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries BEGIN SELECT RAISE(ABORT, 'x'); END")
    assert chain.verify(conn).ok  # the chain alone sees nothing wrong: that was the gap
    conn.close()
    proc = verify()
    assert proc.returncode == 1
    assert "the journal ends at row 12, but row 15 was written before" in proc.stderr


def test_cutting_rows_then_appending_new_ones_is_caught(path):
    conn = raw(path)
    conn.execute("DELETE FROM entries WHERE id > 12")
    conn.execute("UPDATE sqlite_sequence SET seq = 12 WHERE name = 'entries'")
    conn.close()
    fill(path, 2, start=50)  # 6 new rows: 13..18, past the anchored 15 but not the same rows
    proc = verify()
    assert proc.returncode == 1 and "row 15 is missing or is not the row written before" in proc.stderr
    assert anchor_mod.anchored(path)[0] == 15  # type: ignore[index]  # the anchor was not moved over it


def test_swapping_in_an_older_copy_is_caught(path, tmp_path):
    backup = tmp_path / "backup.sqlite3"
    shutil.copy(path, backup)  # 15 rows
    fill(path, 3, start=20)  # 24 rows now, anchored
    shutil.copy(backup, path)
    proc = verify()
    assert proc.returncode == 1 and "the journal ends at row 15, but row 24 was written before" in proc.stderr


def test_swapping_in_another_journal_is_caught(path, tmp_path):
    other = tmp_path / "other" / "journal.sqlite3"
    fill(other, 9, start=100)  # 27 rows, a valid chain of its own
    shutil.copy(other, path)
    proc = verify()
    assert proc.returncode == 1 and "row 15 is missing or is not the row written before" in proc.stderr


def test_the_finding_is_shown_when_the_journal_is_opened(path):
    conn = raw(path)
    conn.execute("DELETE FROM entries WHERE id > 10")
    conn.execute("UPDATE sqlite_sequence SET seq = 10 WHERE name = 'entries'")
    conn.close()
    proc = subprocess.run(
        [sys.executable, "-m", "pos_app", "--lang", "en", "journal", "pending"],
        capture_output=True,
        text=True,
        env=cli_env(None),
        timeout=60,
    )
    assert "tampered with or replaced" in proc.stderr and "row 15 was written before" in proc.stderr
    j = Journal.open(path)
    try:
        assert [p.message for p in j.integrity_problems] == [anchor_mod.MSG_SHORT]
    finally:
        j.close()


def test_a_broken_anchor_file_is_survived_and_rewritten(path):
    anchor_mod.anchor_path().write_text("{not json")
    assert verify().returncode == 0
    fill(path, 1, start=60)
    data = json.loads(anchor_mod.anchor_path().read_text())
    assert next(iter(data["journals"].values()))["rows"] == 18


_WORKER = """
import sys
sys.path.insert(0, {root!r})
from tests.test_hostile_journal import fill
from pathlib import Path
fill(Path({path!r}), 15, start={start})
"""


def test_parallel_writers_never_make_a_false_alarm(path):
    """Four processes appending at once: the anchor may lag, never lie."""
    from tests.conftest import ROOT

    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER.format(root=str(ROOT), path=str(path), start=1000 * (k + 1))],
            env=cli_env(None),
        )
        for k in range(4)
    ]
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    result = verify()
    assert result.returncode == 0, result.stderr
    assert "195 rows" in result.stdout
    rows, _head = anchor_mod.anchored(path) or (0, "")
    assert rows <= 195 and rows >= 15 + 45  # moved forward, maybe not to the very end


def test_the_anchor_lives_beside_the_config():
    assert anchor_mod.anchor_path().parent == Path(os.environ["POS_APP_CONFIG_DIR"])
