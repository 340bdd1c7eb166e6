"""Journal shipping: idempotent batches, per-terminal chains, clones and restored counters caught."""

from __future__ import annotations

import shutil

import httpx
import pytest

from pos_app.hub.shipper import ShipError, Shipper
from pos_app.journal import Journal
from pos_app.journal.schema import COLUMNS
from pos_app.models import Action, Outcome
from tests.hub.helpers import enrol
from tests.journal_helpers import LI, done, lookup


def fill(journal: Journal, n: int, start: int = 0) -> None:
    """n operations: lookups, and every third one a redeem (attempt + outcome)."""
    with journal.batch():
        for i in range(start, start + n):
            code = f"{100000000000 + i}"
            journal.record_lookup(lookup(code), LI)
            if i % 3 == 0:
                attempt = journal.begin(Action.REDEEM, code, None, LI)
                journal.complete(attempt, done(Action.REDEEM, code, Outcome.REDEEMED))


def hub_rows(hub_server, terminal: str) -> list[tuple[int, str]]:
    with hub_server.db.tx() as conn:
        rows = conn.execute("SELECT seq, hash FROM journal_rows WHERE terminal = %s ORDER BY seq", (terminal,))
        return [(r["seq"], r["hash"]) for r in rows.fetchall()]


def local_rows(journal: Journal) -> list[tuple[int, str]]:
    return [(int(r[0]), str(r[1])) for r in journal.connection.execute("SELECT id, hash FROM entries ORDER BY id")]


def test_shipping_is_idempotent_and_resumes_where_the_hub_stands(hub_server, tmp_path):
    creds = enrol(hub_server)
    with Journal.open(tmp_path / "j.sqlite") as journal:
        fill(journal, 300)
        with Shipper(hub_server.url, creds.appid, creds.secret, journal.path, batch=50) as shipper:
            first = shipper.ship(max_batches=3)  # cut short, as if killed
            assert first.acked == 150
            report = shipper.ship()
            assert report.acked == report.local_rows == 500 and report.sent == 350
            assert shipper.ship().sent == 0  # nothing left
        assert hub_rows(hub_server, creds.appid) == local_rows(journal)
        # an old batch sent again (an answer lost mid-upload): acknowledged, nothing doubled
        names = ", ".join(COLUMNS)
        rows = journal.connection.execute(f"SELECT {names}, hash FROM entries WHERE id <= 20 ORDER BY id").fetchall()
        batch = [{"seq": r[0], "hash": r[-1], "row": dict(zip(COLUMNS, r[:-1], strict=True))} for r in rows]
        again = httpx.post(f"{hub_server.url}/hub/v1/journal", json={"rows": batch}, auth=(creds.appid, creds.secret))
        assert again.json() == {"acked": 500, "inserted": 0}
    assert len(hub_rows(hub_server, creds.appid)) == 500


def test_a_gap_is_not_acknowledged_and_a_bad_hash_changes_nothing(hub_server, tmp_path):
    creds = enrol(hub_server)
    auth = (creds.appid, creds.secret)
    with Journal.open(tmp_path / "j.sqlite") as journal:
        fill(journal, 10)
        names = ", ".join(COLUMNS)
        rows = journal.connection.execute(f"SELECT {names}, hash FROM entries ORDER BY id").fetchall()
    batch = [{"seq": r[0], "hash": r[-1], "row": dict(zip(COLUMNS, r[:-1], strict=True))} for r in rows]
    url = f"{hub_server.url}/hub/v1/journal"
    assert httpx.post(url, json={"rows": batch[3:]}, auth=auth).json()["acked"] == 0  # starts after a gap
    tampered = [dict(b) for b in batch]
    tampered[2] = {**tampered[2], "row": {**tampered[2]["row"], "code": "999"}}
    bad = httpx.post(url, json={"rows": tampered}, auth=auth)
    assert bad.status_code == 400 and "hash" in bad.json()["error"]
    assert hub_rows(hub_server, creds.appid) == []
    for junk in (b"not json", b"[1,2]", b'{"rows": [{"seq": "x"}]}', b'{"rows": 5}'):
        answer = httpx.post(url, content=junk, auth=auth)
        assert answer.status_code == 400 and "error" in answer.json()
    assert httpx.post(url, json={"rows": batch}, auth=auth).json()["acked"] == len(batch)


def test_a_cloned_counter_is_detected_and_locked_out(hub_server, tmp_path):
    creds = enrol(hub_server)
    with Journal.open(tmp_path / "a.sqlite") as a, Journal.open(tmp_path / "b.sqlite") as b:
        fill(a, 5)
        fill(b, 5, start=50)  # another machine with the same credential
        with Shipper(hub_server.url, creds.appid, creds.secret, a.path) as shipper:
            shipper.ship()
        with Shipper(hub_server.url, creds.appid, creds.secret, b.path) as clone, pytest.raises(ShipError) as info:
            clone.ship()
    assert "409" in str(info.value)
    with hub_server.db.tx() as conn:
        row = conn.execute("SELECT revoked_at, revoke_reason FROM terminals WHERE name = %s", (creds.appid,)).fetchone()
    assert row["revoked_at"] is not None and "clone" in row["revoke_reason"]


def test_a_counter_restored_from_a_backup_is_detected(hub_server, tmp_path):
    creds = enrol(hub_server)
    path = tmp_path / "j.sqlite"
    with Journal.open(path) as journal:
        fill(journal, 5)
    shutil.copy(path, tmp_path / "backup.sqlite")
    with Journal.open(path) as journal:
        fill(journal, 5, start=5)
        with Shipper(hub_server.url, creds.appid, creds.secret, path) as shipper:
            shipper.ship()
    shutil.copy(tmp_path / "backup.sqlite", path)  # restored: same beginning, different continuation
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"j.sqlite{suffix}").unlink(missing_ok=True)
    with Journal.open(path) as journal:
        fill(journal, 8, start=100)
        with Shipper(hub_server.url, creds.appid, creds.secret, path) as shipper, pytest.raises(ShipError):
            shipper.ship()


def test_a_counter_restored_to_fewer_rows_than_the_hub_holds_is_detected(hub_server, tmp_path):
    creds = enrol(hub_server)
    path = tmp_path / "j.sqlite"
    with Journal.open(path) as journal:
        fill(journal, 3)
    shutil.copy(path, tmp_path / "backup.sqlite")
    with Journal.open(path) as journal:
        fill(journal, 30, start=3)
        with Shipper(hub_server.url, creds.appid, creds.secret, path) as shipper:
            shipper.ship()
    shutil.copy(tmp_path / "backup.sqlite", path)
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"j.sqlite{suffix}").unlink(missing_ok=True)
    with Shipper(hub_server.url, creds.appid, creds.secret, path) as shipper, pytest.raises(ShipError) as info:
        shipper.ship()
    assert "ends at row" in str(info.value)
