"""`pos-app journal export/pending/acknowledge`: CSV (Excel, BOM) and JSON-lines round trips with Chinese."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import pytest

from pos_app.cli import main
from pos_app.journal import Journal, journal_path
from pos_app.journal import export as exp
from pos_app.models import Action, Outcome
from tests.journal_helpers import DISCOUNT, GIFT, LI, ZHANG, done, lookup

DAY1 = datetime(2026, 3, 1, 23, 59, 59).timestamp()  # local times
DAY2 = datetime(2026, 3, 2, 0, 0, 0).timestamp()
DAY3 = datetime(2026, 3, 3, 12, 30, 0).timestamp()


class Clock:
    def __init__(self) -> None:
        self.now = DAY1

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def filled(tmp_path, monkeypatch):
    """Operations on three local days: lookups, redeems, an invalidation with a tricky reason, a pending."""
    monkeypatch.setenv("POS_APP_DATA_DIR", str(tmp_path))
    clock = Clock()
    j = Journal.open(journal_path(), clock=clock)
    j.record_lookup(lookup("000011112222"), ZHANG)  # day 1
    a = j.begin(Action.REDEEM, "000011112222", None, ZHANG)
    j.complete(a, done(Action.REDEEM, "000011112222", Outcome.REDEEMED))
    clock.now = DAY2
    j.record_lookup(lookup("333344445555", DISCOUNT, ok=False), LI)
    a = j.begin(Action.INVALIDATE, "666677778888", GIFT.card_id, LI, reason='退款, 顾客说"不要了"\n第二行')
    j.complete(a, done(Action.INVALIDATE, "666677778888", Outcome.INVALIDATED, card=GIFT))
    clock.now = DAY3
    j.record_lookup(lookup("999900001111", GIFT), ZHANG)
    j.begin(Action.REDEEM, "999900001111", None, ZHANG)  # crashed: pending
    j.close()
    return tmp_path


def run(capsysbinary, *argv: str) -> tuple[int, bytes, bytes]:
    status = main(["--lang", "en", "journal", *argv])
    out = capsysbinary.readouterr()
    return status, out.out, out.err


def expected_records(**kw):
    j = Journal.open(journal_path())
    try:
        return list(exp.records(j, lang="en", **kw))
    finally:
        j.close()


def test_csv_round_trip_with_chinese_and_bom(filled, capsysbinary):
    status, out, _ = run(capsysbinary, "export", "--format", "csv")
    assert status == 0
    assert out.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    rows = list(csv.DictReader(io.StringIO(out.decode("utf-8-sig"), newline="")))
    want = expected_records()
    assert len(rows) == 6  # one row per operation: attempt + outcome merged
    assert rows == [{k: "" if v is None else str(v) for k, v in rec.items()} for rec in want]
    assert list(rows[0]) == list(exp.COLUMNS)
    by_action = [(r["action"], r["outcome"]) for r in rows]
    assert by_action == [
        ("lookup", "redeemable"),
        ("redeem", "redeemed"),
        ("lookup", "not_redeemable"),
        ("invalidate", "invalidated"),
        ("lookup", "redeemable"),
        ("redeem", "pending"),
    ]
    assert rows[1]["title"] == "满500减50代金券" and rows[1]["cashier"] == "张伟"
    assert rows[1]["value"] == "¥50.00 off orders of ¥500.00"
    assert rows[2]["value"] == "20% off"
    assert rows[3]["reason"] == '退款, 顾客说"不要了"\n第二行'
    assert rows[3]["value"] == '一杯拿铁, "大杯"'
    assert rows[1]["time"] == datetime.fromtimestamp(DAY1).astimezone().isoformat(timespec="seconds")
    assert rows[5]["title"] == "赠品券"  # a pending row still says what the coupon was


def test_json_lines_round_trip(filled, capsysbinary, tmp_path):
    target = tmp_path / "out.jsonl"
    status, _, err = run(capsysbinary, "export", "--format", "json", "--output", str(target))
    assert status == 0 and b"6 operations" in err
    lines = target.read_bytes().decode("utf-8").splitlines()
    assert "张伟" in lines[0]  # not \u-escaped
    assert [json.loads(line) for line in lines] == expected_records()
    rec = json.loads(lines[3])
    assert rec["errcode"] is None and rec["outcome"] == "invalidated" and rec["attempt_id"]


def test_since_until_are_inclusive_local_days(filled, capsysbinary):
    _, out, _ = run(capsysbinary, "export", "--format", "json", "--since", "2026-03-02", "--until", "2026-03-02")
    recs = [json.loads(line) for line in out.decode().splitlines()]
    assert [r["code"] for r in recs] == ["333344445555", "666677778888"]
    _, out, _ = run(capsysbinary, "export", "--format", "json", "--until", "2026-03-01")
    assert len(out.decode().splitlines()) == 2
    _, out, _ = run(capsysbinary, "export", "--format", "json", "--since", "2026-03-02")
    assert len(out.decode().splitlines()) == 4


def test_masked_export_hides_all_but_last_four(filled, capsysbinary):
    _, out, _ = run(capsysbinary, "export", "--format", "csv", "--masked")
    text = out.decode("utf-8-sig")
    assert "000011112222" not in text
    assert "••••••••2222" in text


def test_bad_dates_are_usage_errors(filled, capsysbinary):
    with pytest.raises(SystemExit) as exc:
        main(["journal", "export", "--since", "2026-13-01"])
    assert exc.value.code == 2
    status, _, err = run(capsysbinary, "export", "--since", "2026-03-03", "--until", "2026-03-01")
    assert status == 2 and b"--since" in err


def test_pending_and_acknowledge(filled, capsysbinary):
    status, out, _ = run(capsysbinary, "pending", "--json")
    assert status == 0
    (p,) = [json.loads(line) for line in out.decode().splitlines()]
    assert (p["code"], p["action"], p["cashier"], p["title"]) == ("999900001111", "redeem", "张伟", "赠品券")
    status, out, _ = run(capsysbinary, "pending")
    assert b"1111" in out and b"999900001111" not in out  # masked on screen
    status, _, err = run(capsysbinary, "acknowledge", "f" * 32, "--manager", "王经理")
    assert status == 2 and b"no operation" in err
    status, out, _ = run(capsysbinary, "acknowledge", p["attempt_id"], "--manager", "王经理")
    assert status == 0 and "王经理".encode() in out
    _, out, _ = run(capsysbinary, "pending", "--json")
    assert json.loads(out)["acknowledged_by"] == "王经理"
    _, out, _ = run(capsysbinary, "export", "--format", "json", "--since", "2026-03-03")
    last = json.loads(out.decode().splitlines()[-1])
    assert (last["outcome"], last["note"]) == ("pending", "acknowledged by 王经理")
    # A resolved attempt cannot be acknowledged.
    first = expected_records()[1]["attempt_id"]
    status, _, _ = run(capsysbinary, "acknowledge", first, "--manager", "王经理")
    assert status == 1


def test_empty_journal_exports_header_only(tmp_path, monkeypatch, capsysbinary):
    monkeypatch.setenv("POS_APP_DATA_DIR", str(tmp_path))
    status, out, _ = run(capsysbinary, "export")
    assert status == 0
    assert out.decode("utf-8-sig").strip() == ",".join(exp.COLUMNS)
    status, out, _ = run(capsysbinary, "pending")
    assert status == 0 and b"No unresolved" in out


def test_export_into_a_closed_pipe_ends_quietly(tmp_path, monkeypatch):
    import os
    import subprocess
    import sys

    monkeypatch.setenv("POS_APP_DATA_DIR", str(tmp_path))
    j = Journal.open(journal_path())
    with j.batch():
        for i in range(3000):
            j.record_lookup(lookup(f"7{i:011d}"), ZHANG)
    j.close()
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos_app", "journal", "export"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout.readline().startswith(b"\xef\xbb\xbftime,")
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert b"Traceback" not in err


FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "＝1+1"]


def test_csv_cells_cannot_be_formulas(tmp_path, monkeypatch, capsysbinary):
    """A code, card_id, title or cashier starting with = + - @ TAB CR is quoted in export and report CSV."""
    from dataclasses import replace

    from pos_app.journal import report as rep
    from pos_app.journal.journal import Journal as J
    from pos_app.models import OperationContext
    from tests.journal_helpers import CASH

    monkeypatch.setenv("POS_APP_DATA_DIR", str(tmp_path))
    j = J.open(journal_path())
    for text in FORMULAS:
        card = replace(CASH, title=text, card_id=text)
        j.record_lookup(lookup(text, card), OperationContext(cashier=text, terminal=text))
    day = date.today()
    report = rep.shift_report(j, day, day)
    j.close()

    status, out, _ = run(capsysbinary, "export", "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out.decode("utf-8-sig"))))
    assert len(rows) == len(FORMULAS)
    for row, text in zip(rows, FORMULAS, strict=True):
        for column in ("code", "card_id", "title", "cashier", "terminal"):
            assert row[column] == "'" + text, (column, row[column])
    buf = io.BytesIO()
    rep.write_csv(report, buf)
    cells = [cell for line in csv.reader(io.StringIO(buf.getvalue().decode("utf-8-sig"))) for cell in line]
    assert not set(cells) & set(FORMULAS)  # no cell left as a formula
    assert "'" + FORMULAS[0] in cells and "0" in cells  # quoted text; numbers stay numbers
    # numbers stay numbers, and JSON keeps the text as it is
    status, out, _ = run(capsysbinary, "export", "--format", "json")
    assert [json.loads(line)["code"] for line in out.splitlines()] == FORMULAS
