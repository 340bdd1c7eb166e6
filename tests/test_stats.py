"""WeChat statistics and the customer's other coupons: the API's limits before any call, the simulator
over loopback, and the `pos-app stats` / `pos-app --demo reset` commands in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest

from pos_app import stats
from pos_app.client import WeChatClient
from pos_app.models import CardKind
from pos_app.sandbox import Simulator
from pos_app.sandbox.demo import demo_card_id
from tests.conftest import cli_env, configured_counter_env

TODAY = date(2026, 12, 6)


@pytest.mark.parametrize(
    ("begin", "end", "message"),
    [
        (date(2026, 12, 2), date(2026, 12, 1), stats.MSG_RANGE_ORDER),
        (date(2026, 9, 1), date(2026, 12, 1), stats.MSG_RANGE_TOO_LONG),
        (date(2026, 10, 2), date(2026, 12, 3), stats.MSG_RANGE_TOO_LONG),  # 63 days
        (date(2026, 12, 1), TODAY, stats.MSG_NO_TODAY),
        (date(2026, 12, 7), date(2026, 12, 8), stats.MSG_NO_TODAY),
    ],
)
def test_limits_refused_before_any_call(sim: Simulator, client: WeChatClient, begin, end, message) -> None:
    sim.clear_calls()
    with pytest.raises(stats.StatsRangeError) as caught:
        stats.fetch(client, begin, end, today=TODAY)
    assert caught.value.message == message
    assert stats.error_text(caught.value)  # formats without a KeyError
    assert sim.calls == []


def test_62_days_ending_yesterday_is_allowed() -> None:
    stats.check_range(TODAY - timedelta(days=62), TODAY - timedelta(days=1), TODAY)


def test_dates_must_be_exactly_yyyy_mm_dd() -> None:
    assert stats.parse_day("2026-11-30") == date(2026, 11, 30)
    for bad in ("2026-11-3", "30/11/2026", "2026-13-01", ""):
        with pytest.raises(stats.StatsRangeError):
            stats.parse_day(bad)


def test_today_is_beijing_today() -> None:
    from datetime import UTC

    late_utc = datetime(2026, 12, 5, 20, 0, tzinfo=UTC)  # 04:00 on the 6th in Beijing
    assert stats.beijing_today(late_utc) == date(2026, 12, 6)


def test_fetch_from_the_simulator_counts_our_redemptions(sim: Simulator, client: WeChatClient) -> None:
    today = stats.beijing_today(datetime.fromtimestamp(sim.now()).astimezone())
    day = today - timedelta(days=1)
    card_id = demo_card_id("cash")
    before = stats.fetch(client, day, day, card_id, today=today)
    sim.advance(-86400)  # redeem "yesterday"
    try:
        client.consume(sim.demo_code("cash"))
    finally:
        sim.advance(86400)
    after = stats.fetch(client, day, day, card_id, today=today)
    redeemed = lambda r: sum(x.redeemed for x in r.cards)  # noqa: E731
    assert redeemed(after) == redeemed(before) + 1
    assert after.titles[card_id] == "¥50 off orders of ¥500"
    whole = stats.fetch(client, day - timedelta(days=6), day, today=today)
    assert len(whole.summary) == 7 and whole.members  # the demo account has a member card
    assert all(r.card_type in stats.DATACUBE_CARD_TYPES.values() for r in whole.cards)
    assert {c.card_id for c in whole.cards}.isdisjoint(
        {demo_card_id(k) for k in ("member", "movie", "scenic", "boarding")}
    )  # tickets and member cards are not in getcardcardinfo
    text = stats.render_text(whole)
    assert "Member cards, per day" in text and "issued" in text
    assert json.loads(json.dumps(stats.to_json(whole)))["begin_date"] == (day - timedelta(days=6)).isoformat()


def test_the_customer_has_more_of_our_coupons(sim: Simulator, client: WeChatClient) -> None:
    code = sim.demo_code("cash")
    info = client.get_code(code)
    client.consume(code)
    others = stats.customer_coupons(client, info.openid, exclude_code=code)
    titles = {o.title for o in others}
    # the demo customer's discount, gift and movie ticket; the member card is not offered
    assert titles == {"20% off everything", "Free egg tart", "Evening show, Hall 3"}
    assert {o.kind for o in others} == {CardKind.COUPON, CardKind.TICKET}
    assert code not in {o.code for o in others}
    client.consume(sim.demo_code("gift"))  # redeemed meanwhile: no longer offered
    assert len(stats.customer_coupons(client, info.openid, exclude_code=code)) == 2
    text = stats.other_coupons_text(others, datetime.now().astimezone())
    assert text.startswith("This customer has 3 more of our coupons")
    assert stats.customer_coupons(client, "") == []


def test_a_stranger_has_nothing_more(sim: Simulator, client: WeChatClient) -> None:
    info = client.get_code(
        sim.demo_code(
            "discount",
        )
        if False
        else sim.demo_codes("discount")[1]
    )
    assert stats.customer_coupons(client, info.openid, exclude_code=info.code) == []


# -- the commands -------------------------------------------------------------------------------------


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "pos_app", *args], capture_output=True, text=True, timeout=120, env=env or cli_env(None)
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_stats_command_in_training() -> None:
    yesterday = stats.beijing_today() - timedelta(days=1)
    first = (yesterday - timedelta(days=2)).isoformat()
    proc = run("--demo", "stats", "--from", first, "--to", yesterday.isoformat())
    assert proc.returncode == 0, proc.stderr
    assert "All coupons, per day" in proc.stdout and yesterday.isoformat() in proc.stdout
    proc = run("--demo", "stats", "--from", first, "--to", yesterday.isoformat(), "--json")
    data = json.loads(proc.stdout)
    assert len(data["summary"]) == 3 and data["totals_by_card"]


def test_stats_command_refuses_what_wechat_would_refuse() -> None:
    today = stats.beijing_today().isoformat()
    proc = run("--demo", "stats", "--from", today, "--to", today)
    assert proc.returncode == 2 and "today" in proc.stderr
    proc = run("--demo", "stats", "--from", "2026-01-01", "--to", "2026-06-01")
    assert proc.returncode == 2 and "62 days" in proc.stderr
    proc = run("--lang", "zh_CN", "--demo", "stats", "--from", "2026-01-01", "--to", "2026-06-01")
    assert proc.returncode == 2 and "62" in proc.stderr and "days" not in proc.stderr


def test_training_remembers_redemptions_until_reset() -> None:
    code = "076289988733"  # the first demo cash code
    first = run("--demo", "redeem", code, "--json")
    assert first.returncode == 0 and json.loads(first.stdout)["outcome"] == "redeemed"
    second = run("--demo", "redeem", code, "--json")
    assert second.returncode == 1 and json.loads(second.stdout)["outcome"] == "refused"
    reset = run("--demo", "reset")
    assert reset.returncode == 0 and "simulator.json" in reset.stdout
    third = run("--demo", "redeem", code, "--json")
    assert third.returncode == 0 and json.loads(third.stdout)["outcome"] == "redeemed"
    assert run("reset").returncode == 2  # only training can be reset


def test_member_card_redeem_refused_and_nothing_sent(sim: Simulator) -> None:
    env = configured_counter_env(sim.base_url)
    sim.clear_calls()
    for key, verdict in (("member", "member_card"), ("unknown_type", "unknown_card_type")):
        out = run("redeem", sim.demo_code(key), "--json", env=env)
        assert out.returncode == 1, out.stderr
        assert json.loads(out.stdout)["verdict"] == verdict
    assert sim.calls_to("/card/code/consume") == []
    ticket = run("redeem", sim.demo_code("movie"), "--json", env=env)
    assert ticket.returncode == 0 and json.loads(ticket.stdout)["message"] == "Checked in."


def test_the_demo_cards_speak_the_app_s_language(sim: Simulator, client: WeChatClient) -> None:
    """Training under zh_CN: the demo coupons' titles and texts are Chinese (English otherwise)."""
    from pos_app import i18n

    code = sim.demo_code("cash")
    info = client.get_code(code)
    i18n.set_language("zh_CN")
    try:
        card = client.get_card(demo_card_id("cash"))
        assert (card.title, card.brand_name) == ("满500元减50元", "演示烘焙坊")
        assert card.description == "消费满500元立减50元。"
        client.consume(code)
        titles = {o.title for o in stats.customer_coupons(client, info.openid, exclude_code=code)}
        assert titles == {"全场八折", "免费蛋挞", "晚场，3号厅"}
    finally:
        i18n.set_language(None)  # back to the environment's language (English in the tests)
    client._cards.clear()  # the client keeps cards 10 minutes: ask again
    assert client.get_card(demo_card_id("cash")).title == "¥50 off orders of ¥500"
