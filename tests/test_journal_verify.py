"""Tampering with the SQLite file by hand (triggers dropped first) is caught by `pos-app journal verify`."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pos_app.cli import main
from pos_app.journal import Journal, chain, journal_path
from pos_app.journal.schema import COLUMNS
from pos_app.models import Action, Outcome
from tests.journal_helpers import LI, ZHANG, done, lookup, raw


@pytest.fixture
def path(tmp_path, monkeypatch):
    """A journal of 9 rows in the data dir the CLI uses: 3 lookups, 3 redeems (attempt + outcome)."""
    monkeypatch.setenv("POS_APP_DATA_DIR", str(tmp_path))
    p = journal_path()
    j = Journal.open(p)
    for i, ctx in enumerate((ZHANG, LI, ZHANG)):
        code = f"55550000{i:04d}"
        j.record_lookup(lookup(code), ctx)
        a = j.begin(Action.REDEEM, code, None, ctx)
        j.complete(a, done(Action.REDEEM, code, Outcome.REDEEMED))
    j.close()
    return p


def verify_cli(capsys) -> tuple[int, str]:
    status = main(["--lang", "en", "journal", "verify"])
    out = capsys.readouterr()
    return status, out.out + out.err


def test_intact_journal_verifies(path, capsys):
    status, text = verify_cli(capsys)
    assert status == 0
    assert "9 rows" in text
    head = Journal.open(path).head()
    assert head[0] == 9 and head[1] in text


def test_edited_row_is_named(path, capsys):
    conn = raw(path)
    conn.execute("UPDATE entries SET outcome = 'refused' WHERE id = 6")
    conn.close()
    status, text = verify_cli(capsys)
    assert status == 1
    first = text.splitlines()[1]
    assert "row 6 was changed" in first


def test_edit_with_recomputed_own_hash_breaks_the_next_link(path, capsys):
    conn = raw(path)
    conn.execute("UPDATE entries SET cashier = 'Mallory' WHERE id = 4")
    names = ", ".join(COLUMNS)
    row = dict(zip(COLUMNS, conn.execute(f"SELECT {names} FROM entries WHERE id = 4").fetchone(), strict=True))
    conn.execute("UPDATE entries SET hash = ? WHERE id = 4", (chain.row_hash(row),))
    conn.close()
    status, text = verify_cli(capsys)
    assert status == 1
    assert "row 5 does not follow" in text.splitlines()[1]


def test_deleted_row_is_named(path, capsys):
    conn = raw(path)
    conn.execute("DELETE FROM entries WHERE id = 3")
    conn.close()
    status, text = verify_cli(capsys)
    assert status == 1
    assert "row 3 is missing" in text.splitlines()[1]


def test_deleted_last_rows_are_noticed(path, capsys):
    conn = raw(path)
    conn.execute("DELETE FROM entries WHERE id >= 8")
    conn.close()
    status, text = verify_cli(capsys)
    assert status == 1
    assert "rows after row 7 were removed" in text


def test_truncation_followed_by_new_rows_leaves_a_gap(path, capsys):
    conn = raw(path)
    conn.execute("DELETE FROM entries WHERE id >= 8")
    conn.execute("CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries BEGIN SELECT RAISE(ABORT, 'x'); END")
    conn.execute("CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries BEGIN SELECT RAISE(ABORT, 'x'); END")
    conn.close()
    j = Journal.open(path)
    j.record_lookup(lookup("999900001111"), LI)
    j.close()
    status, text = verify_cli(capsys)
    assert status == 1
    lines = text.splitlines()
    first = lines.index("The journal has been tampered with or damaged:") + 1
    assert "row 8 is missing" in lines[first]  # the chain's findings first, in row order
    assert "row 9 is missing or is not the row written before" in text  # and the anchor's: row 9 was rewritten


def test_reordered_rows_are_caught(path, capsys):
    conn = raw(path)
    conn.execute("UPDATE entries SET id = -1 WHERE id = 2")
    conn.execute("UPDATE entries SET id = 2 WHERE id = 3")
    conn.execute("UPDATE entries SET id = 3 WHERE id = -1")
    conn.close()
    status, text = verify_cli(capsys)
    assert status == 1
    assert "row 2 " in text.splitlines()[1]


def test_inserted_row_is_caught(path):
    conn = raw(path)
    names = [*COLUMNS, "code_rev", "hash"]
    row = list(conn.execute(f"SELECT {', '.join(names)} FROM entries WHERE id = 9").fetchone())
    row[0] = 10
    row[COLUMNS.index("code")] = "123412341234"
    row[COLUMNS.index("prev_hash")] = row[-1]
    conn.execute(f"INSERT INTO entries ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", row)
    conn.close()
    report = Journal.open(path).verify()
    assert not report.ok
    assert report.problems[0].row_id == 10 and "changed" in report.problems[0].text("en")


def test_dropped_triggers_alone_are_reported(path, capsys):
    raw(path).close()
    status, text = verify_cli(capsys)
    assert status == 1
    assert "append-only protection" in text


def test_verify_exit_status_from_a_real_process(path):
    env = {**os.environ, "POS_APP_DATA_DIR": str(path.parent)}
    ok = subprocess.run(
        [sys.executable, "-m", "pos_app", "--lang", "en", "journal", "verify"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ok.returncode == 0, ok.stderr
    conn = raw(path)
    conn.execute("UPDATE entries SET code = '000000000000' WHERE id = 1")
    conn.close()
    bad = subprocess.run(
        [sys.executable, "-m", "pos_app", "--lang", "en", "journal", "verify"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 1
    assert "row 1 was changed" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_demo_flag_uses_the_training_journal(path, capsys, tmp_path):
    status = main(["--lang", "en", "--demo", "journal", "verify"])
    out = capsys.readouterr().out
    assert status == 0 and "0 rows" in out
    assert (tmp_path / "training" / "journal.sqlite3").exists()
