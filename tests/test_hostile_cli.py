"""The CLI under hostile use: a reader that closes the pipe early, unwritable output files, extreme dates.

The exit status stays the outcome's, and no traceback ever reaches the user.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import cli_env, configured_counter_env

CODE = "076289988733"  # the demo's first code: redeemable once


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "pos_app", *args], capture_output=True, text=True, env=env or cli_env(None), timeout=90
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def run_into_closed_pipe(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run with stdout a pipe whose reader is already gone (`| head -c0`): every write gets EPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "pos_app", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=env or cli_env(None),
            timeout=90,
        )
    finally:
        os.close(write_end)
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stderr


def run_into_head(env: dict[str, str], *args: str) -> int:
    """`pos-app ARGS | head -c1` in a real shell; the status of pos-app (PIPESTATUS)."""
    command = " ".join([f"'{sys.executable}'", "-m", "pos_app", *(f"'{a}'" for a in args)])
    proc = subprocess.run(
        ["bash", "-c", f"{command} | head -c1 >/dev/null; exit ${{PIPESTATUS[0]}}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    return proc.returncode


@pytest.mark.parametrize(
    "args, status",
    [
        (("--demo", "lookup", CODE), 0),
        (("--demo", "lookup", CODE, "--json"), 0),
        (("--demo", "lookup", "$(reboot)"), 2),
        (("--demo", "journal", "verify"), 0),
        (("--demo", "journal", "export"), 0),
    ],
)
def test_a_closed_pipe_keeps_the_true_exit_status(args, status):
    assert run_into_closed_pipe(*args)[0] == status


@pytest.fixture
def live(sim):
    """The simulator (its state lasts across commands) with stored demo credentials."""
    return configured_counter_env(sim.base_url)


def test_a_refused_redeem_into_a_closed_pipe_is_still_a_refusal(sim, live):
    """Before: guarded() turned the BrokenPipeError into exit 0 — "redeemed" for a script."""
    code = sim.demo_code("cash")
    assert run_into_closed_pipe("redeem", code, env=live)[0] == 0
    assert run_into_closed_pipe("redeem", code, env=live)[0] == 1  # already redeemed
    assert run_into_closed_pipe("redeem", code, "--json", env=live)[0] == 1
    assert run_into_closed_pipe("lookup", code, env=live)[0] == 1


def test_piped_into_head_c1_keeps_the_status(sim, live):
    code = sim.demo_code("cash")
    assert run_into_head(live, "redeem", code) == 0
    assert run_into_head(live, "redeem", code) == 1
    assert run_into_head(live, "lookup", "' OR 1=1") == 2


@pytest.mark.parametrize("command", ["export", "report"])
@pytest.mark.parametrize("target", ["missing/dir/out.csv", "is_a_dir", "/proc/no/such.csv"])
def test_unwritable_output_is_a_sentence(tmp_path, command, target):
    (tmp_path / "is_a_dir").mkdir()
    path = target if target.startswith("/") else str(tmp_path / target)
    assert run("--demo", "lookup", CODE).returncode == 0
    proc = run("--demo", "journal", command, "--format", "csv", "-o", path)
    assert proc.returncode == 2
    assert path in proc.stderr and "Internal error" not in proc.stderr, proc.stderr


@pytest.mark.parametrize("command", ["export", "report"])
@pytest.mark.parametrize(
    "option, value",
    [("--since", "0001-01-01"), ("--until", "9999-12-31"), ("--since", "9999-12-31"), ("--since", "1-1-1")],
)
def test_extreme_dates_are_usage_errors(command, option, value):
    proc = run("--demo", "journal", command, option, value)
    assert proc.returncode == 2, proc.stderr
    assert value in proc.stderr


def test_extreme_but_valid_dates_work():
    assert run("--demo", "lookup", CODE).returncode == 0
    proc = run("--demo", "journal", "export", "--since", "2000-01-01", "--until", "2999-12-31")
    assert proc.returncode == 0 and CODE in proc.stdout


def test_files_are_private(tmp_path):
    """Journal (and its -wal/-shm), anchor, logs and settings: 0600 in 0700 folders."""
    data, config = Path(os.environ["POS_APP_DATA_DIR"]), Path(os.environ["POS_APP_CONFIG_DIR"])
    assert run("--demo", "redeem", CODE).returncode == 0
    assert run("config", "set", "terminal_id", "T1").returncode == 0
    holder = __import__("sqlite3").connect(data / "training" / "journal.sqlite3")  # keeps -wal / -shm around
    try:
        holder.execute("SELECT count(*) FROM entries").fetchone()
        assert run("--demo", "lookup", CODE).returncode in (0, 1)  # training may remember the redeem
        files = [p for p in (*data.rglob("*"), *config.rglob("*")) if p.is_file()]
        folders = [data, config, *(p for p in (*data.rglob("*"), *config.rglob("*")) if p.is_dir())]
        names = {p.name for p in files}
        assert {"journal.sqlite3", "journal.sqlite3-wal", "pos-app.log", "journal-anchor.json", "config.json"} <= names
        for path in files:
            assert path.stat().st_mode & 0o077 == 0, f"{path}: {oct(path.stat().st_mode)}"
        for path in folders:
            assert path.stat().st_mode & 0o077 == 0, f"{path}: {oct(path.stat().st_mode)}"
    finally:
        holder.close()


def test_an_existing_world_readable_journal_is_tightened():
    data = Path(os.environ["POS_APP_DATA_DIR"])
    assert run("--demo", "lookup", CODE).returncode == 0
    journal = data / "training" / "journal.sqlite3"
    os.chmod(journal, 0o644)
    os.chmod(journal.parent, 0o755)
    assert run("--demo", "journal", "verify").returncode == 0
    assert journal.stat().st_mode & 0o777 == 0o600
    assert journal.parent.stat().st_mode & 0o777 == 0o700
