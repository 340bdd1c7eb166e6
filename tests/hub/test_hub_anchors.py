"""The hub keeps every counter's journal anchor: the furthest row (and its hash) it has seen of the
journal, from the counter's head and its anchor file.  A journal that later ends before it, or holds
another row there, went backwards (restored from an old copy, cloned): the hub locks the terminal out,
keeps every row it holds and shows head office (the Unresolved page, `hub report --json`)."""

from __future__ import annotations

import json
import shutil
import threading
from datetime import date
from pathlib import Path

import httpx
import pytest

from pos_app.cli import main as cli_main
from pos_app.hub import reports, terminals
from pos_app.hub.shipper import ShipError, Shipper
from pos_app.journal import Journal
from pos_app.journal.anchor import anchor_path
from tests.hub.helpers import enrol
from tests.hub.test_hub_journal import fill, hub_rows


def _restore(backup: Path, path: Path) -> None:
    shutil.copy(backup, path)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _backed_up(path: Path, before: int = 6) -> Path:
    """A journal of ``before`` operations, copied aside as the backup the counter is later restored from."""
    with Journal.open(path) as journal:
        fill(journal, before)
    backup = path.with_name("backup.sqlite")
    shutil.copy(path, backup)
    return backup


def _more(path: Path, n: int, start: int) -> int:
    """``n`` more operations; the journal's rows afterwards."""
    with Journal.open(path) as journal:
        fill(journal, n, start=start)
    return _rows(path)


def _alerts(hub_server) -> list[dict]:
    with hub_server.db.tx() as conn:
        rows = conn.execute("SELECT * FROM journal_alerts WHERE resolved_at IS NULL ORDER BY id").fetchall()
    return [dict(r) for r in rows]


def _rows(path: Path) -> int:
    with Journal.open(path) as journal:
        return int(journal.connection.execute("SELECT count(*) FROM entries").fetchone()[0])


def _ship(hub_server, creds, path: Path, **kw) -> int:
    with Shipper(hub_server.url, creds.appid, creds.secret, path) as shipper:
        return shipper.ship(**kw).acked


def test_a_journal_restored_below_what_the_hub_saw_but_never_received_is_caught(hub_server, isolated_dirs, tmp_path):
    creds = enrol(hub_server)
    path = tmp_path / "j.sqlite"
    backup = _backed_up(path)
    old, new = _rows(path), _more(path, 30, start=6)
    assert _ship(hub_server, creds, path, max_batches=0) == 0  # cut off after it showed its head
    anchor_path().unlink()  # a whole-disk restore brings the old anchor file back too: none here
    _restore(backup, path)
    with pytest.raises(ShipError) as info:
        _ship(hub_server, creds, path)
    assert "409" in str(info.value) and f"it had reached row {new}" in str(info.value)
    [alert] = _alerts(hub_server)
    assert (alert["reason"], alert["counter_seq"], alert["seen_seq"], alert["hub_rows"]) == ("went_back", old, new, 0)


def test_the_counters_own_anchor_travels_with_the_batches(hub_server, isolated_dirs, tmp_path):
    creds = enrol(hub_server)
    path = tmp_path / "j.sqlite"
    backup = _backed_up(path)
    new = _more(path, 30, start=6)
    _restore(backup, path)  # the journal only: its anchor file still names row `new`
    with pytest.raises(ShipError) as info:  # the hub never saw this journal before, and still knows
        _ship(hub_server, creds, path)
    assert f"its own anchor says row {new} was written" in str(info.value)
    assert _alerts(hub_server)[0]["counter_seq"] == _rows(path)


def test_a_journal_rewritten_to_the_same_length_is_caught_before_its_rows_arrive(hub_server, isolated_dirs, tmp_path):
    creds = enrol(hub_server)
    path = tmp_path / "j.sqlite"
    backup = _backed_up(path)
    held = _more(path, 6, start=6)
    assert _ship(hub_server, creds, path) == held
    shown = _more(path, 6, start=12)  # shown to the hub, not sent
    assert _ship(hub_server, creds, path, max_batches=0) == held
    anchor_path().unlink()
    _restore(backup, path)
    with Journal.open(path) as journal:  # other operations, up to the same length: another row there
        fill(journal, 12, start=500)
    assert _rows(path) == shown
    with pytest.raises(ShipError) as info:
        _ship(hub_server, creds, path)
    assert f"row {shown} is not the row" in str(info.value)
    [alert] = _alerts(hub_server)
    assert alert["reason"] == "differs" and alert["seen_seq"] == shown and alert["hub_rows"] == held


def test_rows_are_kept_head_office_sees_it_and_enrolling_again_starts_afresh(
    hub_server, isolated_dirs, tmp_path, capsys
):
    creds = enrol(hub_server, name="till-7")
    path = tmp_path / "j.sqlite"
    backup = _backed_up(path)
    with Journal.open(path) as journal:
        fill(journal, 30, start=6)  # 12 redemptions in all
        everything = [(int(r[0]), str(r[1])) for r in journal.connection.execute("SELECT id, hash FROM entries")]
    assert _ship(hub_server, creds, path) == len(everything)
    old = _rows(backup)
    anchor_path().unlink()
    _restore(backup, path)  # 2 redemptions left on the counter
    with pytest.raises(ShipError):
        _ship(hub_server, creds, path)
    assert hub_rows(hub_server, "till-7") == everything  # nothing dropped

    page = httpx.get(f"{hub_server.url}/unresolved?lang=en").text
    assert "till-7" in page and "went back" in page and f"row {old}" in page and f"row {len(everything)}" in page
    assert "日志倒退了" in httpx.get(f"{hub_server.url}/unresolved?lang=zh_CN").text
    url = hub_server.db.url
    capsys.readouterr()
    assert cli_main(["hub", "report", "--database", url, "--from", "2000-01-01", "--to", "2100-01-01", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    [alert] = report["alerts"]
    assert (alert["terminal"], alert["reason"], alert["hub_rows"]) == ("till-7", "went_back", len(everything))
    assert cli_main(["hub", "report", "--database", url, "--from", "2000-01-01", "--to", "2100-01-01"]) == 0
    assert "counter till-7 of store 12 is locked out" in capsys.readouterr().out
    assert report["total"]["redemptions"] == 12

    with hub_server.db.tx() as conn:  # head office checked the counter: enrolled again
        code = terminals.enroll(conn, "12", "till-7")
    again = httpx.post(f"{hub_server.url}/hub/v1/connect", json={"code": code}).json()
    assert _ship(hub_server, type(creds)(again["terminal"], again["credential"]), path) == old
    assert _alerts(hub_server) == []
    with hub_server.db.tx() as conn:
        archive = conn.execute("SELECT name FROM terminals WHERE archive_of = 'till-7'").fetchone()["name"]
    assert hub_rows(hub_server, archive) == everything  # the hub's earlier copy, kept
    assert hub_rows(hub_server, "till-7") == everything[:old]
    with hub_server.db.tx() as conn:  # an operation counts once whichever copy holds it
        figures = reports.figures(conn, reports.Period(date(2000, 1, 1), date(2100, 1, 1)))
    assert figures["total"]["redemptions"] == 12 and figures["alerts"] == []


def test_two_uploads_at_once_never_look_like_a_journal_going_backwards(hub_server, isolated_dirs, tmp_path):
    creds = enrol(hub_server)
    path = tmp_path / "j.sqlite"
    stop = threading.Event()
    failures: list[BaseException] = []

    def ship_again_and_again() -> None:
        with Shipper(hub_server.url, creds.appid, creds.secret, path, batch=7) as shipper:
            while not stop.is_set():
                try:
                    shipper.ship()
                except BaseException as exc:
                    failures.append(exc)
                    return

    with Journal.open(path) as journal:
        fill(journal, 3)
        threads = [threading.Thread(target=ship_again_and_again) for _ in range(3)]
        for t in threads:
            t.start()
        for i in range(60):
            fill(journal, 1, start=10 + i)
        stop.set()
        for t in threads:
            t.join(30)
    assert failures == [] and _alerts(hub_server) == []
    assert _ship(hub_server, creds, path) == len(hub_rows(hub_server, creds.appid))
