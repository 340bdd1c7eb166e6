"""Shift report aggregates on a real journal, and its CSV / text / CLI forms."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import pytest

from pos_app.cli import main
from pos_app.journal import Journal, journal_path
from pos_app.journal import report as rep
from pos_app.models import Action, Outcome
from tests.journal_helpers import CASH, DISCOUNT, GIFT, LI, ZHANG, done, lookup

DAY = date(2026, 3, 2)


def at(hour: int, minute: int = 0, day: date = DAY) -> float:
    return datetime(day.year, day.month, day.day, hour, minute).timestamp()


@pytest.fixture
def journal(tmp_path, monkeypatch):
    monkeypatch.setenv("POS_APP_DATA_DIR", str(tmp_path))
    now = [at(9)]
    j = Journal.open(journal_path(), clock=lambda: now[0])

    def redeem(when: float, code: str, card, ctx, outcome=Outcome.REDEEMED, errcode=None):
        now[0] = when
        j.record_lookup(lookup(code, card), ctx)
        a = j.begin(Action.REDEEM, code, card.card_id, ctx)
        if outcome is not Outcome.PENDING:
            j.complete(a, done(Action.REDEEM, code, outcome, card=card, errcode=errcode))
        return a

    redeem(at(9, 5), "100000000001", CASH, ZHANG)
    redeem(at(9, 40), "100000000002", CASH, ZHANG)
    redeem(at(11, 15), "100000000003", DISCOUNT, LI)
    redeem(at(11, 20), "100000000004", CASH, LI, Outcome.REFUSED, 40099)
    pending = redeem(at(12, 0), "100000000005", GIFT, ZHANG, Outcome.PENDING)
    now[0] = at(12, 30)
    a = j.begin(Action.INVALIDATE, "100000000006", CASH.card_id, LI, reason="退款")
    j.complete(a, done(Action.INVALIDATE, "100000000006", Outcome.INVALIDATED))
    redeem(at(10, 0, date(2026, 3, 3)), "100000000007", CASH, ZHANG)  # the next day: not in the report
    j.pending_id = pending
    yield j
    j.close()


def test_aggregates_by_outcome_coupon_cashier_hour(journal):
    r = journal.shift_report(DAY, DAY)
    assert r.total.count == 11  # 5 lookups + 5 redeems + 1 invalidation
    assert (r.total.redeemed, r.total.redeemed_value) == (3, 5000 + 5000)  # discount has no money value
    assert (r.total.invalidated, r.total.invalidated_value) == (1, 5000)
    outcomes = {g.key: g.count for g in r.by_outcome}
    assert outcomes == {"redeemable": 5, "redeemed": 3, "invalidated": 1, "refused": 1, "pending": 1}
    assert [g.key for g in r.by_outcome] == ["redeemable", "redeemed", "invalidated", "refused", "pending"]

    coupons = {g.key: g for g in r.by_coupon}
    cash = coupons[CASH.card_id]
    assert (cash.label, cash.count, cash.redeemed, cash.redeemed_value) == ("满500减50代金券", 7, 2, 10000)
    assert cash.outcomes == {"redeemable": 3, "redeemed": 2, "invalidated": 1, "refused": 1}
    assert r.by_coupon[0].key == CASH.card_id  # most money first
    assert coupons[GIFT.card_id].outcomes == {"redeemable": 1, "pending": 1}

    cashiers = {g.key: (g.count, g.redeemed, g.redeemed_value) for g in r.by_cashier}
    assert cashiers == {"张伟": (6, 2, 10000), "Li": (5, 1, 0)}

    hours = [(g.label, g.count) for g in r.by_hour]
    assert hours == [("09:00", 4), ("10:00", 0), ("11:00", 4), ("12:00", 3)]
    assert (r.unresolved, r.unacknowledged, r.can_close) == (1, 1, False)
    journal.acknowledge(journal.pending_id, "王经理")
    assert journal.shift_report(DAY, DAY).can_close


def test_filter_by_cashier_and_time_window(journal):
    r = journal.shift_report(DAY, DAY, cashier="Li")
    assert {g.key for g in r.by_cashier} == {"Li"} and r.total.count == 5
    morning = journal.shift_report(datetime(2026, 3, 2, 9), datetime(2026, 3, 2, 10))
    assert morning.total.count == 4
    two_days = journal.shift_report(DAY, date(2026, 3, 3))
    assert two_days.total.redeemed == 4
    assert journal.shift_report(date(2026, 1, 1), date(2026, 1, 1)).by_hour == ()


def test_report_csv_round_trip(journal):
    r = journal.shift_report(DAY, DAY)
    buf = io.BytesIO()
    rep.write_csv(r, buf)
    data = buf.getvalue()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    total = next(x for x in rows if x["section"] == "total")
    assert (total["count"], total["redeemed_value"], total["invalidated_value"]) == ("11", "100.00", "50.00")
    coupon = next(x for x in rows if x["section"] == "coupon" and x["key"] == CASH.card_id)
    assert coupon["label"] == "满500减50代金券" and coupon["refused"] == "1"
    assert [x["label"] for x in rows if x["section"] == "hour"] == ["09:00", "10:00", "11:00", "12:00"]
    assert {x["label"] for x in rows if x["section"] == "cashier"} == {"张伟", "Li"}


def test_report_cli_text_and_json(journal, capsysbinary):
    assert main(["--lang", "en", "journal", "report", "--since", "2026-03-02"]) == 0
    text = capsysbinary.readouterr().out.decode()
    assert "满500减50代金券" in text and "¥100.00" in text and "not acknowledged" in text
    assert journal.head()[1] in text
    assert main(["--lang", "en", "journal", "report", "--since", "2026-03-02", "--format", "json"]) == 0
    d = json.loads(capsysbinary.readouterr().out)
    assert d["total"]["redeemed"] == 3 and d["can_close"] is False
    assert main(["journal", "report", "--since", "2026-03-02", "--format", "csv"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"\xef\xbb\xbf")
