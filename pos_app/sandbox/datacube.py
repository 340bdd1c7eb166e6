"""The simulator's coupon statistics: datacube/getcardbizuininfo, getcardcardinfo, getcardmembercardinfo.

Seed 001's rules: dates exactly YYYY-MM-DD (else 61500), at most 62 days (else 61501), nothing for today
(assumption A-DATACUBE in state.py: 61501).  Numbers for each card and day are generated from a hash of
(card_id, day) so they are the same on every run; redemptions done in the simulator are added on their
Beijing day.  getcardcardinfo lists the five coupon types only (tickets and member cards are not in it),
with its numeric card_type.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone
from typing import Any

from pos_app.sandbox.state import ApiFail, State

BEIJING = timezone(timedelta(hours=8))
MAX_DAYS = 62
COUPON_TYPE_NUMBERS = {"DISCOUNT": 0, "CASH": 1, "GIFT": 2, "GENERAL_COUPON": 3, "GROUPON": 4}
COUNTS = ("view", "receive", "verify", "given", "expire")


def _day(value: object) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise ApiFail(61500)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ApiFail(61500) from None


def _span(state: State, body: dict[str, Any], *, need_source: bool = True) -> list[date]:
    begin, end = _day(body.get("begin_date")), _day(body.get("end_date"))
    if need_source and not isinstance(body.get("cond_source"), int):
        raise ApiFail(47001)
    today = datetime.fromtimestamp(state.now(), BEIJING).date()
    if begin > end or (end - begin).days + 1 > MAX_DAYS or end >= today:
        raise ApiFail(61501)
    return [begin + timedelta(days=i) for i in range((end - begin).days + 1)]


def _generated(card_id: str, day: date, source: int) -> dict[str, int]:
    digest = hashlib.sha256(f"{card_id}|{day.isoformat()}|{source}".encode()).digest()
    if source != 1:  # the demo account creates its cards through the API: source 0 is all zeros
        return dict.fromkeys(COUNTS, 0)
    view = digest[0] % 40
    receive = min(view, digest[1] % 12)
    verify = min(receive, digest[2] % 6)
    return {"view": view, "receive": receive, "verify": verify, "given": digest[3] % 2, "expire": digest[4] % 2}


def _redeemed_here(state: State, card_id: str, day: date) -> int:
    n = 0
    for recs in state.codes.values():
        for rec in recs:
            if rec.card_id == card_id and rec.status == "CONSUMED" and rec.changed_at:
                if datetime.fromtimestamp(rec.changed_at, BEIJING).date() == day:
                    n += 1
    return n


def _row(state: State, card_id: str, day: date, source: int) -> dict[str, int]:
    counts = _generated(card_id, day, source)
    if source == 1:
        counts["verify"] += _redeemed_here(state, card_id, day)
    return counts


def _fields(counts: dict[str, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for key in COUNTS:
        out[f"{key}_cnt"] = counts[key]
        out[f"{key}_user"] = counts[key]
    return out


def _coupons(state: State) -> list[tuple[str, str]]:
    return sorted((c.card_id, c.card_type) for c in state.cards.values() if c.card_type in COUPON_TYPE_NUMBERS)


def api_card_summary(state: State, body: dict[str, Any]) -> dict[str, Any]:
    with state.lock:
        days = _span(state, body)
        source = int(body["cond_source"])
        rows = []
        for day in days:
            total = dict.fromkeys(COUNTS, 0)
            for card_id, _ in _coupons(state):
                for key, value in _row(state, card_id, day, source).items():
                    total[key] += value
            rows.append({"ref_date": day.isoformat(), **_fields(total)})
        return {"list": rows}


def api_card_info(state: State, body: dict[str, Any]) -> dict[str, Any]:
    with state.lock:
        days = _span(state, body)
        source = int(body["cond_source"])
        wanted = body.get("card_id")
        rows = []
        for day in days:
            for card_id, card_type in _coupons(state):
                if wanted and card_id != wanted:
                    continue
                counts = _row(state, card_id, day, source)
                if not any(counts.values()):
                    continue  # the live list leaves out days without activity
                rows.append(
                    {
                        "ref_date": day.isoformat(),
                        "card_id": card_id,
                        "card_type": COUPON_TYPE_NUMBERS[card_type],
                        **_fields(counts),
                    }
                )
        return {"list": rows}


def api_member_card_info(state: State, body: dict[str, Any]) -> dict[str, Any]:
    with state.lock:
        days = _span(state, body)
        source = int(body["cond_source"])
        members = [c for c in state.cards.values() if c.card_type == "MEMBER_CARD"]
        if not members or source != 1:
            return {"list": []}
        holders = sum(1 for recs in state.codes.values() for r in recs if r.card_id in {c.card_id for c in members})
        rows = []
        for day in days:
            counts = _generated(members[0].card_id, day, source)
            rows.append(
                {
                    "ref_date": day.isoformat(),
                    "view_cnt": counts["view"],
                    "view_user": counts["view"],
                    "receive_cnt": counts["receive"],
                    "receive_user": counts["receive"],
                    "active_user": counts["receive"],
                    "verify_cnt": 0,
                    "verify_user": 0,
                    "total_user": holders + 80,
                    "total_receive_user": holders + 90,
                }
            )
        return {"list": rows}
