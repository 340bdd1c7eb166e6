"""The merchant's conditions and the value in words, in a fixed UTC+8 zone (a Shanghai counter)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from pos_app import rules
from pos_app.models import CardInfo, CardKind, CardStatus, CardType, CodeInfo, CodeStatus, DateType, TimeLimit
from pos_app.rules import CheckKind, CheckState

CST = timezone(timedelta(hours=8))
# Sunday 22 Nov 2026, 12:30 local.
NOW = datetime(2026, 11, 22, 12, 30, tzinfo=CST)


def card(**kw: object) -> CardInfo:
    base: dict[str, object] = {"card_id": "pFS7Fjg8kV1IdDz01r4SQwMkuCKc", "card_type": CardType.CASH}
    base.update(kw)
    return CardInfo(**base)  # type: ignore[arg-type]


def ts(*args: int) -> int:
    return int(datetime(*args, tzinfo=CST).timestamp())


def zh(ctx: str, text: str) -> str:
    from pos_app.i18n import translate

    return translate(ctx, text, "zh_CN")


def only(checks: list[rules.ConditionCheck], kind: CheckKind) -> rules.ConditionCheck:
    found = [c for c in checks if c.kind is kind]
    assert len(found) == 1, checks
    return found[0]


@pytest.mark.parametrize(
    ("fen", "text"),
    [(5000, "¥50.00"), (0, "¥0.00"), (5, "¥0.05"), (123456, "¥1,234.56"), (-250, "-¥2.50")],
)
def test_money_is_yuan_with_two_decimals(fen: int, text: str) -> None:
    assert rules.money(fen) == text


def test_value_cash_with_minimum_spend() -> None:
    c = card(reduce_cost=5000, least_cost=50000)
    assert rules.value_text(c, lambda _c, s: s) == "¥50.00 off orders of ¥500.00 or more"
    assert rules.value_text(c, zh) == "满¥500.00减¥50.00"


def test_value_cash_without_minimum() -> None:
    assert rules.value_text(card(reduce_cost=1000, least_cost=0), lambda _c, s: s) == "¥10.00 off"


def test_value_discount_percent_off_and_chinese_fold() -> None:
    c = card(card_type=CardType.DISCOUNT, discount=20)
    assert rules.value_text(c, lambda _c, s: s) == "20% off"
    assert rules.value_text(c, zh) == "8折"
    assert rules.value_text(card(card_type=CardType.DISCOUNT, discount=15), zh) == "8.5折"


@pytest.mark.parametrize(
    ("kw", "text"),
    [
        ({"card_type": CardType.GIFT, "gift": "egg tart"}, "Gift: egg tart"),
        ({"card_type": CardType.GROUPON, "deal_detail": "2 coffees"}, "Group deal: 2 coffees"),
        ({"card_type": CardType.GENERAL_COUPON, "default_detail": "Free refill"}, "Coupon: Free refill"),
        ({"card_type": CardType.UNKNOWN, "title": "Mystery"}, "Mystery"),
        ({"card_type": CardType.CASH, "title": "Broken cash card"}, "Broken cash card"),
    ],
)
def test_value_other_types(kw: dict[str, object], text: str) -> None:
    assert rules.value_text(card(**kw), lambda _c, s: s) == text


def test_broken_translation_falls_back_to_english() -> None:
    c = card(reduce_cost=5000)
    assert rules.value_text(c, lambda _c, _s: "{nonsense}减") == "¥50.00 off"


def test_deduction_cash_and_discount() -> None:
    cash = card(reduce_cost=5000, least_cost=50000)
    d = rules.deduction(cash, 60000)
    assert d is not None and (d.amount_fen, d.to_pay_fen) == (5000, 55000)
    assert d.phrase.render(lambda _c, s: s) == "Deduct ¥50.00; customer pays ¥550.00"
    d = rules.deduction(cash, None)
    assert d is not None and (d.amount_fen, d.to_pay_fen) == (5000, None)
    # never deduct more than the order
    d = rules.deduction(card(reduce_cost=5000), 3000)
    assert d is not None and (d.amount_fen, d.to_pay_fen) == (3000, 0)
    disc = card(card_type=CardType.DISCOUNT, discount=15)
    d = rules.deduction(disc, 1003)  # 150.45 fen rounds half up to 150
    assert d is not None and (d.amount_fen, d.to_pay_fen) == (150, 853)
    assert rules.deduction(disc, None) is None
    assert rules.deduction(card(card_type=CardType.GIFT, gift="tart"), 1000) is None


def test_validity_window_days_left_and_chinese() -> None:
    check = rules.check_validity(ts(2026, 11, 1), ts(2026, 11, 30, 23, 59, 59), NOW)
    assert check.state is CheckState.PASS
    assert check.text(lambda _c, s: s) == "Valid until 30 Nov 23:59, 8 days left"
    assert check.text(zh) == "有效期至11月30日 23:59，还剩8天"


def test_validity_last_day_tomorrow_and_next_year() -> None:
    assert rules.check_validity(None, ts(2026, 11, 22, 18, 0), NOW).text(lambda _c, s: s) == (
        "Valid until 18:00 today, last day"
    )
    assert rules.check_validity(None, ts(2026, 11, 23, 9, 0), NOW).text(lambda _c, s: s) == (
        "Valid until 23 Nov 09:00, 1 day left"
    )
    far = rules.check_validity(None, ts(2027, 1, 2, 0, 0), NOW)
    assert far.text(lambda _c, s: s) == "Valid until 2 Jan 2027 00:00, 41 days left"
    assert far.text(zh) == "有效期至2027年1月2日 00:00，还剩41天"


def test_expired_and_not_yet_valid_fail() -> None:
    expired = rules.check_validity(ts(2026, 10, 1), ts(2026, 11, 21, 23, 59), NOW)
    assert expired.state is CheckState.FAIL
    assert expired.text(lambda _c, s: s) == "Expired on 21 Nov 23:59"
    early = rules.check_validity(ts(2026, 11, 25, 0, 0), ts(2026, 12, 31), NOW)
    assert early.state is CheckState.FAIL
    assert early.text(lambda _c, s: s) == "Not valid yet: valid from 25 Nov 00:00, in 3 days"
    assert rules.check_validity(ts(2026, 11, 22, 14, 0), None, NOW).text(lambda _c, s: s) == (
        "Not valid yet: valid from 22 Nov 14:00, later today"
    )


def test_validity_from_code_info_wins_over_card_range() -> None:
    c = card(date_info={"type": "DATE_TYPE_FIX_TIME_RANGE", "begin_timestamp": 1, "end_timestamp": 2})
    info = CodeInfo("123", c.card_id, CodeStatus.NORMAL, True, ts(2026, 11, 1), ts(2026, 12, 1))
    assert rules.validity_window(c, info) == (ts(2026, 11, 1), ts(2026, 12, 1))
    assert rules.validity_window(c, None) == (1, 2)
    assert rules.validity_window(card(date_info={"type": "DATE_TYPE_FIX_TERM", "fixed_term": 30}), None) is None
    expired = only(rules.evaluate(c, NOW, None, None), CheckKind.VALIDITY)
    assert expired.state is CheckState.FAIL


def weekdays(*days: str, **hours: int) -> tuple[TimeLimit, ...]:
    return tuple(TimeLimit(d, **hours) for d in days)


def test_time_window_pass_fail_by_day_and_hour() -> None:
    lunch = weekdays("SATURDAY", "SUNDAY", begin_hour=11, begin_minute=0, end_hour=14, end_minute=0)
    ok = rules.check_time_window(lunch, NOW)
    assert ok.state is CheckState.PASS
    assert ok.text(lambda _c, s: s) == "Valid at this time (Sat, Sun 11:00–14:00)"
    late = rules.check_time_window(lunch, NOW.replace(hour=14, minute=1))
    assert late.state is CheckState.FAIL
    assert late.text(lambda _c, s: s) == "Not valid at this hour: valid Sat, Sun 11:00–14:00"
    assert rules.check_time_window(lunch, NOW.replace(hour=14, minute=0)).state is CheckState.PASS
    workdays = weekdays("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
    wrong_day = rules.check_time_window(workdays, NOW)
    assert wrong_day.state is CheckState.FAIL
    assert wrong_day.text(lambda _c, s: s) == "Not valid today: valid Mon, Tue, Wed, Thu, Fri all day"
    assert wrong_day.text(zh) == "今天不可用：可用时间 周一、周二、周三、周四、周五 全天"


def test_time_window_across_midnight_and_mixed_hours() -> None:
    night = (TimeLimit("SUNDAY", 22, 0, 2, 0),)
    assert rules.check_time_window(night, NOW.replace(hour=23)).state is CheckState.PASS
    assert rules.check_time_window(night, NOW.replace(hour=1, minute=59)).state is CheckState.PASS
    assert rules.check_time_window(night, NOW).state is CheckState.FAIL
    mixed = (TimeLimit("MONDAY", 9, 0, 11, 0), TimeLimit("SUNDAY"), TimeLimit("MONDAY", 17, 0, 19, 30))
    text = rules.schedule_phrase(mixed).render(lambda _c, s: s)
    assert text == "Mon 09:00–11:00, 17:00–19:30; Sun all day"


def test_holiday_is_unknown_unless_a_weekday_decides() -> None:
    holiday_only = (TimeLimit("HOLIDAY"),)
    check = rules.check_time_window(holiday_only, NOW)
    assert check.state is CheckState.UNKNOWN
    assert "public holidays" in check.text(lambda _c, s: s)
    with_sunday = (TimeLimit("HOLIDAY"), TimeLimit("SUNDAY"))
    assert rules.check_time_window(with_sunday, NOW).state is CheckState.PASS


def test_unknown_time_limit_type_is_unknown_not_fail() -> None:
    check = rules.check_time_window((TimeLimit("WORKDAY", 9, 0, 17, 0), TimeLimit("MONDAY")), NOW)
    assert check.state is CheckState.UNKNOWN
    assert check.text(lambda _c, s: s) == "Time limits this app cannot read: check the coupon's terms (Mon all day)"
    assert rules.check_time_window((TimeLimit("WORKDAY"), TimeLimit("SUNDAY")), NOW).state is CheckState.PASS


@pytest.mark.parametrize(
    ("kw", "store", "state"),
    [
        ({"use_all_locations": True}, None, CheckState.PASS),
        ({"location_ids": (101, 102)}, 102, CheckState.PASS),
        ({"location_ids": (101, 102)}, 999, CheckState.FAIL),
        ({"location_ids": (101, 102)}, None, CheckState.UNKNOWN),
    ],
)
def test_store(kw: dict[str, object], store: int | None, state: CheckState) -> None:
    check = rules.check_store(card(**kw), store)
    assert check is not None and check.state is state


def test_no_store_restriction_gives_no_row() -> None:
    assert rules.check_store(card(), 5) is None


def test_minimum_spend() -> None:
    assert rules.check_minimum_spend(50000, None).state is CheckState.UNKNOWN
    assert rules.check_minimum_spend(50000, 50000).state is CheckState.PASS
    below = rules.check_minimum_spend(50000, 42000)
    assert below.state is CheckState.FAIL
    assert below.text(lambda _c, s: s) == "Order ¥420.00 is below the minimum spend of ¥500.00 (missing ¥80.00)"


def test_evaluate_lists_only_conditions_the_card_sets() -> None:
    assert rules.evaluate(card(reduce_cost=100), NOW, 5, 1000) == []
    c = card(
        reduce_cost=5000,
        least_cost=50000,
        time_limits=weekdays("MONDAY"),
        location_ids=(7,),
        can_use_with_other_discount=False,
        reject_category="alcohol",
    )
    info = CodeInfo("1", c.card_id, CodeStatus.NORMAL, True, ts(2026, 11, 1), ts(2026, 12, 1))
    checks = rules.evaluate(c, NOW, 7, 40000, info)
    kinds = [(ch.kind, ch.state) for ch in checks]
    assert kinds == [
        (CheckKind.VALIDITY, CheckState.PASS),
        (CheckKind.TIME_WINDOW, CheckState.FAIL),
        (CheckKind.STORE, CheckState.PASS),
        (CheckKind.MINIMUM_SPEND, CheckState.FAIL),
        (CheckKind.OTHER_OFFERS, CheckState.UNKNOWN),
        (CheckKind.PRODUCTS, CheckState.UNKNOWN),
    ]
    assert [ch.kind for ch in rules.needs_override(checks)] == [CheckKind.TIME_WINDOW, CheckKind.MINIMUM_SPEND]


def test_naive_now_means_local_time() -> None:
    end = int(datetime(2026, 11, 30, 23, 59).timestamp())  # naive = this machine's zone
    now = datetime(2026, 11, 22, 12, 0)
    check = rules.check_validity(None, end, now)
    zone = "" if now.astimezone().utcoffset() == timedelta(hours=8) else " " + rules.zone_label(now)
    assert check.text(lambda _c, s: s) == f"Valid until 30 Nov 23:59{zone}, 8 days left"


def test_every_rules_text_is_translated_to_chinese() -> None:
    # Each phrase the module can produce, rendered in Chinese, contains no English words left over.
    c = card(
        reduce_cost=5000,
        least_cost=50000,
        time_limits=(TimeLimit("HOLIDAY"), TimeLimit("MONDAY", 9, 0, 11, 0)),
        location_ids=(7,),
        can_use_with_other_discount=False,
    )
    for check in rules.evaluate(c, NOW, None, None, None) + rules.evaluate(c, NOW, 8, 100, None):
        text = check.text(zh)
        assert text != check.text(lambda _c, s: s)
        assert not any(word in text for word in ("Valid", "Mon", "Order", "store", "offers")), text


# ---- time: no end, FIX_TERM days, the counter's zone -------------------------------------------------


@pytest.mark.parametrize("end", [0, 2147483647, 2147483648, 253402300800, 10**15, 2**63 - 1])
@pytest.mark.parametrize("offset", [8, 0, -5, 5.5, 14, -12])
def test_no_end_reads_no_end_date_in_any_zone(end: int, offset: float) -> None:
    now = datetime(2026, 11, 22, 12, 30, tzinfo=timezone(timedelta(hours=offset)))
    check = rules.check_validity(0, end, now)
    assert check.state is rules.CheckState.PASS
    assert check.text(lambda _c, s: s) == "Valid, no end date"
    card = CardInfo("p" * 28, CardType.CASH, date_info={"type": "DATE_TYPE_FIX_TIME_RANGE", "end_timestamp": end})
    window = rules.validity_window(card, None)
    assert window is None or window[1] is None


def test_no_end_date_is_translated() -> None:
    from pos_app.i18n import translate

    assert translate("rules", "Valid, no end date", "zh_CN") != "Valid, no end date"


@pytest.mark.parametrize("ts", [-1, -(2**40), 2**62, 10**18])
def test_no_timestamp_raises_anywhere(ts: int) -> None:
    now = datetime(2026, 11, 22, 12, 30, tzinfo=CST)
    for begin, end in ((ts, None), (None, ts), (ts, ts)):
        assert rules.check_validity(begin, end, now).text()
    info = CodeInfo("1" * 12, "p" * 28, None, True, begin_time=ts, end_time=ts)
    card = CardInfo("p" * 28, CardType.CASH, date_info={"type": 1, "begin_timestamp": ts, "end_timestamp": str(ts)})
    for check in rules.evaluate(card, now, None, None, info) + rules.evaluate(card, now, None, None):
        assert check.text()


def test_permanent_card_without_code_window_has_no_end() -> None:
    card = CardInfo("p" * 28, CardType.CASH, date_info={"type": "DATE_TYPE_PERMANENT"}, date_type=DateType.PERMANENT)
    assert rules.validity_window(card, None) == (None, None)
    check = rules.evaluate(card, NOW, None, None)[0]
    assert check.kind is rules.CheckKind.VALIDITY and check.text(lambda _c, s: s) == "Valid, no end date"


def test_fix_term_window_runs_whole_beijing_days() -> None:
    # Seed 001: received 1 Oct, 90 days -> valid 1 Oct to 29 Dec.
    received = ts(2013, 10, 1, 15, 42)
    begin, end = rules.fix_term_window(received, 0, 90)
    assert begin == ts(2013, 10, 1, 0, 0) and end == ts(2013, 12, 29, 23, 59, 59)
    # Received just before midnight UTC (08:00 Beijing next day): the Beijing day counts.
    late = int(datetime(2026, 11, 30, 23, 30, tzinfo=UTC).timestamp())
    begin, end = rules.fix_term_window(late, 1, 1)
    assert begin == ts(2026, 12, 2, 0, 0) and end == ts(2026, 12, 2, 23, 59, 59)


def test_times_name_the_zone_when_the_counter_is_not_in_utc8() -> None:
    end = ts(2026, 11, 30, 23, 59)
    london = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    assert (
        rules.check_validity(None, end, london).text(lambda _c, s: s) == "Valid until 30 Nov 15:59 UTC+0, 8 days left"
    )
    kolkata = datetime(2026, 11, 22, 12, 0, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    assert "UTC+5:30" in rules.check_validity(None, end, kolkata).text(lambda _c, s: s)
    beijing = datetime(2026, 11, 22, 12, 0, tzinfo=CST)
    assert rules.check_validity(None, end, beijing).text(lambda _c, s: s) == "Valid until 30 Nov 23:59, 8 days left"
    last_day = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    assert rules.check_validity(None, end, last_day).text(lambda _c, s: s) == "Valid until 15:59 UTC+0 today, last day"


def test_numeric_and_unknown_date_types() -> None:
    assert DateType.parse(1) is DateType.FIX_TIME_RANGE and DateType.parse("2") is DateType.FIX_TERM
    assert DateType.parse("DATE_TYPE_PERMANENT") is DateType.PERMANENT
    assert DateType.parse("DATE_TYPE_FIX TIME_RANGE") is DateType.FIX_TIME_RANGE  # the seed's own typo
    assert DateType.parse(9) is DateType.UNKNOWN and DateType.parse(None) is None


@pytest.mark.parametrize(
    ("status", "fails"),
    [
        ("CARD_STATUS_VERIFY_OK", False),
        ("CARD_STATUS_DISPATCH", False),
        ("CARD_STATUS_NOT_VERIFY", True),
        ("CARD_STATUS_VERIFY_FAIL", True),
        ("CARD_STATUS_DELETE", True),
        ("CARD_STATUS_USER_DELETE", True),
        ("CARD_STATUS_SYS_DELETE", True),
        (1, False),
        ("SOMETHING_NEW", False),
    ],
)
def test_card_status_needs_an_override_when_deleted_or_not_approved(status: object, fails: bool) -> None:
    card = CardInfo("p" * 28, CardType.CASH, status=CardStatus.parse(status))
    failed = rules.needs_override(rules.evaluate(card, NOW, None, None))
    assert bool(failed) is fails
    if fails:
        assert failed[0].kind is rules.CheckKind.CARD_STATUS
        assert str(status).removeprefix("CARD_STATUS_") in failed[0].text(lambda _c, s: s)


def test_kinds_of_every_card_type() -> None:
    kinds = {t: t.kind for t in CardType}
    assert {t for t, k in kinds.items() if k is CardKind.COUPON} == {
        CardType.CASH,
        CardType.DISCOUNT,
        CardType.GIFT,
        CardType.GROUPON,
        CardType.GENERAL_COUPON,
    }
    assert {t for t, k in kinds.items() if k is CardKind.TICKET} == {
        CardType.SCENIC_TICKET,
        CardType.MOVIE_TICKET,
        CardType.BOARDING_PASS,
        CardType.MEETING_TICKET,
        CardType.BUS_TICKET,
    }
    assert CardType.MEMBER_CARD.kind is CardKind.MEMBER_CARD
    assert CardType.parse("LUCKY_MONEY") is CardType.UNKNOWN and CardType.UNKNOWN.kind is CardKind.UNKNOWN
