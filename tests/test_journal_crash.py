"""kill -9 while a consume is in flight: the next start of the CLI reconciles the pending row to `redeemed`.

The simulator runs in this process with a delayed consume answer (the consume commits first, the answer
comes late); `pos-app redeem` runs in a real subprocess and is killed with SIGKILL once its pending row
is in the journal and the service has consumed the code.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pos_app.journal import Journal, journal_path
from pos_app.models import Action, Outcome
from tests.conftest import ROOT, cli_env

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (ROOT / "pos_app" / "cli" / "core_cmds.py").exists(), reason="the CLI's redeem command is missing"
    ),
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def pending_codes(path: Path) -> list[str]:
    if not path.exists():
        return []
    j = Journal.open(path)
    try:
        return [p.code for p in j.pending()]
    finally:
        j.close()


def test_sigkill_during_consume_then_next_start_reconciles_to_redeemed(sim, isolated_dirs):
    from pos_app import credentials
    from pos_app.sandbox import DEMO_APPID, DEMO_SECRET

    credentials.save(DEMO_APPID, DEMO_SECRET)  # the file keyring the subprocess shares
    env = cli_env(isolated_dirs, POS_APP_API_BASE=sim.base_url)
    code = sim.fresh_code("cash")
    sim.inject("/card/code/consume", "delay", delay=20)
    path = journal_path()

    proc = subprocess.Popen(
        [sys.executable, "-m", "pos_app", "--lang", "en", "redeem", code, "--json"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(lambda: code in pending_codes(path), 60, "the pending row")
        wait_for(lambda: sim.code_status(code) == "CONSUMED", 30, "the consume to commit")
        assert proc.poll() is None, proc.communicate()  # still waiting for the answer
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert pending_codes(path) == [code]  # nothing lost: the attempt is on disk

    sim.clear_faults()
    again = subprocess.run(
        [sys.executable, "-m", "pos_app", "--lang", "en", "lookup", code, "--json"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in again.stderr
    assert "went through" in again.stderr  # the cashier is told what was resolved
    assert json.loads(again.stdout)["verdict"] == "already_redeemed"

    j = Journal.open(path)
    try:
        assert j.pending() == []
        (redeem,) = [r for r in j.search(code) if r.action is Action.REDEEM]
        assert redeem.outcome is Outcome.REDEEMED
        assert redeem.note.startswith("reconciled")
        assert j.last_redemption(code) is not None
        assert j.verify().ok
    finally:
        j.close()

    exported = subprocess.run(
        [sys.executable, "-m", "pos_app", "journal", "export", "--format", "json"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    outcomes = [(r["action"], r["outcome"]) for r in map(json.loads, exported.stdout.splitlines())]
    assert ("redeem", "redeemed") in outcomes and ("redeem", "pending") not in outcomes
