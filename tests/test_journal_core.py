"""The journal's write-ahead API on real SQLite files: begin/complete, pending, append-only, migrations."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, datetime

import pytest

from pos_app.journal import Journal, NotPendingError, UnknownAttemptError, journal_path
from pos_app.journal.schema import SCHEMA_VERSION, SchemaTooNewError
from pos_app.models import Action, Outcome
from tests.journal_helpers import CASH, GIFT, LI, ZHANG, done, lookup

CODE = "012345678901"


@pytest.fixture
def journal(tmp_path):
    j = Journal.open(tmp_path / "journal.sqlite3")
    yield j
    j.close()


def test_open_creates_wal_file_with_schema_version(tmp_path):
    path = tmp_path / "sub" / "journal.sqlite3"
    Journal.open(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    # Reopening does not migrate again or lose anything.
    j = Journal.open(path)
    j.record_lookup(lookup(CODE), ZHANG)
    j.close()
    j = Journal.open(path)
    assert [r.code for r in j.search()] == [CODE]
    j.close()


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "journal.sqlite3"
    Journal.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNewError):
        Journal.open(path)


def test_redeem_is_pending_until_completed_and_keeps_card_from_lookup(journal):
    journal.record_lookup(lookup(CODE), ZHANG)
    attempt = journal.begin(Action.REDEEM, CODE, CASH.card_id, ZHANG)
    assert len(attempt) == 32
    (p,) = journal.pending()
    assert (p.attempt_id, p.action, p.code, p.cashier, p.terminal) == (attempt, Action.REDEEM, CODE, "张伟", "2")
    assert p.title == CASH.title
    newest = journal.search()[0]
    assert newest.outcome is Outcome.PENDING and newest.face_value == 5000

    journal.complete(attempt, done(Action.REDEEM, CODE, Outcome.REDEEMED))
    assert journal.pending() == []
    ops = journal.search()
    assert [(r.action, r.outcome) for r in ops] == [
        (Action.REDEEM, Outcome.REDEEMED),
        (Action.LOOKUP, Outcome.REDEEMABLE),
    ]
    assert ops[0].value() == "¥50.00 off orders of ¥500.00"


def test_error_without_answer_leaves_the_attempt_pending(journal):
    attempt = journal.begin(Action.REDEEM, CODE, None, ZHANG)
    journal.complete(attempt, done(Action.REDEEM, CODE, Outcome.ERROR, card=None))
    (p,) = journal.pending()
    assert p.attempt_id == attempt
    assert journal.search()[0].outcome is Outcome.PENDING
    # A refusal is a definite answer and settles it.
    journal.complete(attempt, done(Action.REDEEM, CODE, Outcome.REFUSED, errcode=40099))
    assert journal.pending() == []
    row = journal.search()[0]
    assert (row.outcome, row.errcode) == (Outcome.REFUSED, 40099)


def test_not_delivered_error_may_be_settled_explicitly(journal):
    attempt = journal.begin(Action.REDEEM, CODE, None, ZHANG)
    journal.complete(attempt, done(Action.REDEEM, CODE, Outcome.ERROR, card=None), definite=True)
    assert journal.pending() == []
    assert journal.search()[0].outcome is Outcome.ERROR


def test_invalidate_keeps_reason(journal):
    attempt = journal.begin(Action.INVALIDATE, CODE, None, LI, reason="顾客退款")
    journal.complete(attempt, done(Action.INVALIDATE, CODE, Outcome.INVALIDATED, card=GIFT))
    row = journal.search()[0]
    assert (row.action, row.outcome, row.reason, row.title) == (
        Action.INVALIDATE,
        Outcome.INVALIDATED,
        "顾客退款",
        "赠品券",
    )


def test_complete_unknown_attempt_raises(journal):
    with pytest.raises(UnknownAttemptError):
        journal.complete("0" * 32, done(Action.REDEEM, CODE, Outcome.REDEEMED))


def test_last_redemption_names_time_terminal_cashier(journal):
    assert journal.last_redemption(CODE) is None
    first = journal.begin(Action.REDEEM, CODE, None, LI)
    journal.complete(first, done(Action.REDEEM, CODE, Outcome.REFUSED, errcode=40079))
    assert journal.last_redemption(CODE) is None
    attempt = journal.begin(Action.REDEEM, CODE, None, ZHANG)
    journal.complete(attempt, done(Action.REDEEM, CODE, Outcome.REDEEMED))
    red = journal.last_redemption(CODE)
    assert red is not None and (red.cashier, red.terminal, red.attempt_id) == ("张伟", "2", attempt)
    assert abs(red.time - datetime.now().timestamp()) < 60
    assert journal.last_redemption("999999999999") is None


def test_acknowledge_marks_but_keeps_pending(journal):
    attempt = journal.begin(Action.REDEEM, CODE, None, ZHANG)
    assert [p.attempt_id for p in journal.unacknowledged()] == [attempt]
    with pytest.raises(ValueError):
        journal.acknowledge(attempt, "  ")
    journal.acknowledge(attempt, "王经理")
    (p,) = journal.pending()
    assert p.acknowledged_by == "王经理"
    assert journal.unacknowledged() == []
    assert journal.search()[0].acknowledged_by == "王经理"
    journal.complete(attempt, done(Action.REDEEM, CODE, Outcome.REDEEMED))
    with pytest.raises(NotPendingError):
        journal.acknowledge(attempt, "王经理")


def test_rows_cannot_be_updated_or_deleted(journal):
    journal.record_lookup(lookup(CODE), ZHANG)
    conn = sqlite3.connect(journal.path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE entries SET outcome = 'redeemed'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM entries")
    conn.close()
    assert journal.verify().ok


def test_journal_source_has_no_update_or_delete_statements():
    from pathlib import Path

    import pos_app.journal as pkg

    for path in Path(pkg.__file__).parent.glob("*.py"):
        text = path.read_text(encoding="utf-8").upper()
        assert "UPDATE ENTRIES" not in text, path
        assert "DELETE FROM" not in text, path


def test_search_filters(journal):
    codes = ["111122223333", "444455556666", "777788883333"]
    for code in codes:
        journal.record_lookup(lookup(code), ZHANG)
    a = journal.begin(Action.REDEEM, codes[1], None, LI)
    journal.complete(a, done(Action.REDEEM, codes[1], Outcome.REDEEMED))
    assert {r.code for r in journal.search("3333")} == {codes[0], codes[2]}  # last 4
    assert [r.code for r in journal.search("1111")] == [codes[0]]  # first digits
    assert [r.action for r in journal.search(codes[1])] == [Action.REDEEM, Action.LOOKUP]  # exact
    assert journal.search("2222") == []  # the middle is not a search key (documented)
    assert [r.code for r in journal.search(outcome=Outcome.REDEEMED)] == [codes[1]]
    assert [r.code for r in journal.search(cashier="Li")] == [codes[1]]
    assert len(journal.search(day=date.today())) == 4
    assert journal.search(day=date(2000, 1, 1)) == []
    assert [r.code for r in journal.search(limit=2, offset=1)] == [codes[2], codes[1]]


def test_two_processes_appending_keep_one_intact_chain(tmp_path):
    path = tmp_path / "journal.sqlite3"
    Journal.open(path).close()
    script = textwrap.dedent(
        f"""
        import sys
        from pos_app.journal import Journal
        from pos_app.models import Action
        from tests.journal_helpers import ZHANG, done, lookup, Outcome
        j = Journal.open({str(path)!r})
        for i in range(60):
            code = sys.argv[1] + f"{{i:06d}}"
            j.record_lookup(lookup(code), ZHANG)
            a = j.begin(Action.REDEEM, code, None, ZHANG)
            j.complete(a, done(Action.REDEEM, code, Outcome.REDEEMED))
        j.close()
        """
    )
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    procs = [subprocess.Popen([sys.executable, "-c", script, p], env=env) for p in ("100000", "200000")]
    assert [p.wait(timeout=90) for p in procs] == [0, 0]
    j = Journal.open(path)
    report = j.verify()
    assert report.ok, [p.text("en") for p in report.problems]
    assert report.rows == 2 * 60 * 3
    assert j.pending() == []
    j.close()


def test_pending_row_survives_sigkill_right_after_begin(tmp_path):
    """The write-ahead promise: once begin() returned, a kill -9 cannot lose the attempt."""
    path = tmp_path / "journal.sqlite3"
    script = textwrap.dedent(
        f"""
        import os, signal
        from pos_app.journal import Journal
        from pos_app.models import Action
        from tests.journal_helpers import ZHANG
        j = Journal.open({str(path)!r})
        j.begin(Action.REDEEM, "012345678901", None, ZHANG, reason="")
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    proc = subprocess.run([sys.executable, "-c", script], env=env, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    j = Journal.open(path)
    (p,) = j.pending()
    assert p.code == "012345678901" and p.owner  # the dead process's host:pid
    assert j.verify().ok
    j.close()


def test_journal_path_separates_training(monkeypatch, tmp_path):
    monkeypatch.setenv("POS_APP_DATA_DIR", str(tmp_path))
    assert journal_path() == tmp_path / "journal.sqlite3"
    assert journal_path(demo=True) == tmp_path / "training" / "journal.sqlite3"


def test_a_version_1_file_is_migrated_with_its_rows(tmp_path):
    import time

    from pos_app.journal.journal import Journal as J
    from pos_app.journal.schema import MIGRATIONS, _statements

    path = tmp_path / "journal.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in _statements(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    old = J(conn, path, time.time)  # the v1 app writing: entries only
    old.record_lookup(lookup(CODE), ZHANG)
    open_attempt = old.begin(Action.REDEEM, CODE, None, ZHANG)
    old.close()
    j = Journal.open(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [p.attempt_id for p in j.pending()] == [open_attempt]
    assert j.verify().ok
    j.close()


def test_pending_watermark_keeps_old_open_attempts_and_finds_new_ones(journal):
    old_open = journal.begin(Action.REDEEM, "000000000001", None, ZHANG)
    for i in range(5):
        a = journal.begin(Action.REDEEM, f"10000000000{i}", None, ZHANG)
        journal.complete(a, done(Action.REDEEM, f"10000000000{i}", Outcome.REDEEMED))
    assert [p.attempt_id for p in journal.pending()] == [old_open]  # advances the watermark
    assert [p.attempt_id for p in journal.pending()] == [old_open]  # served from it
    new_open = journal.begin(Action.INVALIDATE, "200000000000", None, LI, reason="x")
    assert [p.attempt_id for p in journal.pending()] == [old_open, new_open]
    journal.complete(old_open, done(Action.REDEEM, "000000000001", Outcome.REDEEMED))
    assert [p.attempt_id for p in journal.pending()] == [new_open]
    assert journal.verify().ok


def test_verify_catches_a_watermark_that_hides_a_pending_attempt(journal):
    journal.begin(Action.REDEEM, CODE, None, ZHANG)
    assert len(journal.pending()) == 1
    conn = sqlite3.connect(journal.path, isolation_level=None)
    conn.execute("INSERT INTO settled_watermark (w, open_ids) VALUES (999, '[]')")
    conn.close()
    assert journal.pending() == []  # the forged cache fools pending() ...
    report = journal.verify()  # ... but not verify
    assert not report.ok and "hides" in report.problems[0].text("en")


@pytest.mark.parametrize("window", [3, 10_000])
def test_outcome_filter_finds_old_rare_outcomes(journal, monkeypatch, window):
    """Rare outcomes beyond the recent window come from the outcome index, re-checked exactly."""
    import pos_app.journal.journal as jmod

    monkeypatch.setattr(jmod, "RECENT_WINDOW", window)
    old_refused = journal.begin(Action.REDEEM, "300000000001", None, ZHANG)
    journal.complete(old_refused, done(Action.REDEEM, "300000000001", Outcome.REFUSED, errcode=40099))
    # Settled as an error first (not delivered), later found redeemed: only "redeemed" must match.
    changed = journal.begin(Action.REDEEM, "300000000002", None, ZHANG)
    journal.complete(changed, done(Action.REDEEM, "300000000002", Outcome.ERROR, card=None), definite=True)
    journal.complete(changed, done(Action.REDEEM, "300000000002", Outcome.REDEEMED))
    old_pending = journal.begin(Action.REDEEM, "300000000003", None, LI)
    for i in range(12):
        journal.record_lookup(lookup(f"40000000{i:04d}"), LI)
    assert [r.attempt_id for r in journal.search(outcome=Outcome.REFUSED)] == [old_refused]
    assert journal.search(outcome=Outcome.ERROR) == []
    assert [r.code for r in journal.search(outcome=Outcome.REDEEMED)] == ["300000000002"]
    assert [r.attempt_id for r in journal.search(outcome="pending")] == [old_pending]
    assert len(journal.search(outcome=Outcome.REDEEMABLE, limit=5)) == 5
    assert journal.search(outcome=Outcome.REFUSED, cashier="Li") == []


def test_before_id_pages_like_offset(journal):
    for i in range(10):
        journal.record_lookup(lookup(f"50000000{i:04d}"), LI)
    first = journal.search(limit=4)
    assert journal.search(limit=4, before_id=first[-1].id) == journal.search(limit=4, offset=4)
