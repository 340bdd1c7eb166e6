"""Soak: a counter offline for 5,000 operations, its upload killed twice, then caught up: the hub holds
exactly the counter's rows (same count, same hashes), none twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from pos_app import credentials
from pos_app.config import Config
from pos_app.hub.server import free_port
from pos_app.journal import Journal, journal_path
from tests.conftest import ROOT, cli_env
from tests.hub.helpers import enrol
from tests.hub.test_hub_journal import fill, hub_rows, local_rows

pytestmark = pytest.mark.slow


def _ship(base) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pos_app", "hub", "ship"],
        cwd=ROOT,
        env=cli_env(base),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _acked(hub_server, name: str) -> int:
    with hub_server.db.tx() as conn:
        return int(conn.execute("SELECT acked_seq FROM terminals WHERE name = %s", (name,)).fetchone()["acked_seq"])


@pytest.mark.timeout(600)
def test_offline_counter_catches_up_after_two_kills_mid_upload(hub_server, isolated_dirs):
    creds = enrol(hub_server, "12", "counter-3")
    credentials.save(creds.appid, creds.secret)
    config = Config.load()
    config.terminal_id = creds.appid
    config.api_base = f"http://127.0.0.1:{free_port()}"  # the hub is out of reach: offline
    config.save()
    path = journal_path(False)
    with Journal.open(path) as journal:
        fill(journal, 5000)
        total = journal.head()[0]
    assert total > 8000

    offline = _ship(isolated_dirs)
    assert offline.wait(60) == 3, offline.stderr.read()  # "the hub cannot be reached", nothing lost
    config.api_base = hub_server.url
    config.save()

    kills = 0
    for threshold in (total // 5, total // 2):
        proc = _ship(isolated_dirs)
        while _acked(hub_server, creds.appid) < threshold and proc.poll() is None:
            time.sleep(0.01)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(30)
        proc.stdout.close()
        proc.stderr.close()
    assert kills == 2
    assert 0 < _acked(hub_server, creds.appid) < total

    done = _ship(isolated_dirs)
    out, err = done.communicate(timeout=300)
    assert done.returncode == 0, err
    assert f"rows 1 to {total} of {total}" in out
    with Journal.open(path) as journal:
        assert hub_rows(hub_server, creds.appid) == local_rows(journal)
    with hub_server.db.tx() as conn:
        dup = conn.execute("SELECT count(*) - count(DISTINCT (terminal, seq)) AS d FROM journal_rows").fetchone()
        assert dup["d"] == 0
