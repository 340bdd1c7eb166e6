"""The client's parser on every live-shape answer in tests/fixtures/live/ (sources in its README).

Each answer is served over loopback HTTP by a replay server and read through the real WeChatClient,
so transport, JSON decoding and parsing all see exactly the live shape.  Then the parsed values go
through the verdict and the merchant rules at several moments and in several zones: nothing may raise.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from pos_app import rules, stats
from pos_app.client import WeChatClient
from pos_app.credentials import Credentials
from pos_app.models import CardKind, CardStatus, CardType, CodeStatus, DateType, Verdict
from pos_app.workflow import verdict_for

LIVE = Path(__file__).parent / "fixtures" / "live"
SOURCES: dict[str, dict[str, str]] = json.loads((LIVE / "sources.json").read_text(encoding="utf-8"))
ZONES = [timezone(timedelta(hours=8)), UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=5, minutes=30))]


def fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((LIVE / name).read_text(encoding="utf-8"))
    return data


class _Replay(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    answers: ClassVar[dict[str, dict[str, Any]]] = {}

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        path = self.path.split("?")[0]
        if path == "/cgi-bin/stable_token":
            answer: dict[str, Any] = {"access_token": "98_" + "a" * 150, "expires_in": 7200}
        else:
            answer = self.server.answers.get(path, {"errcode": 48001, "errmsg": "api unauthorized"})  # type: ignore[attr-defined]
        payload = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json; encoding=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


class Replay:
    """Answers each path with the fixture put there; a real HTTP server on 127.0.0.1."""

    def __init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Replay)
        self.server.answers = {}  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        host, port = self.server.server_address[:2]
        self.base_url = f"http://{host}:{port}"

    def put(self, path: str, answer: dict[str, Any]) -> None:
        self.server.answers[path] = answer  # type: ignore[attr-defined]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.fixture
def replay() -> Iterator[tuple[Replay, WeChatClient]]:
    server = Replay()
    client = WeChatClient(server.base_url, Credentials("wxdemo000000000000", "x" * 32), card_cache_ttl=0)
    try:
        yield server, client
    finally:
        client.close()
        server.close()


def moments() -> list[datetime]:
    """Past, present, far future, in several zones."""
    out = []
    for zone in ZONES:
        for year, month, day in ((2014, 5, 1), (2026, 11, 22), (2038, 1, 19), (2099, 12, 31)):
            out.append(datetime(year, month, day, 12, 0, tzinfo=zone))
    return out


def every_text(card: Any, info: Any, now: datetime) -> list[str]:
    """Everything the window or the CLI would render for this card at ``now``."""
    checks = rules.evaluate(card, now, 218384742, 12345, info)
    texts = [c.text() for c in checks]
    texts.append(rules.value_text(card))
    texts.append(rules.kind_phrase(card).render())
    texts += [p.render() for p in rules.ticket_phrases(card, info, now)]
    texts += [p.render() for p in rules.member_phrases(card, info)]
    if card.time_limits:
        texts.append(rules.schedule_phrase(card.time_limits).render())
    return texts


# -- every fixture is listed and parses --------------------------------------------------------------


def test_every_fixture_has_a_named_source_and_is_in_the_readme() -> None:
    files = {p.name for p in LIVE.glob("*.json")} - {"sources.json"}
    assert files == set(SOURCES)
    readme = (LIVE / "README.md").read_text(encoding="utf-8")
    for name, entry in SOURCES.items():
        assert entry["source"].strip() and entry["endpoint"].strip()
        assert f"`{name}`" in readme


CARD_FIXTURES = sorted(n for n, e in SOURCES.items() if e["endpoint"] == "card/get")
CODE_FIXTURES = sorted(n for n, e in SOURCES.items() if e["endpoint"] == "card/code/get")

EXPECTED_TYPES = {
    "card_get_boarding_pass.json": (CardType.BOARDING_PASS, CardKind.TICKET),
    "card_get_bus_ticket.json": (CardType.BUS_TICKET, CardKind.TICKET),
    "card_get_cash_permanent_far.json": (CardType.CASH, CardKind.COUPON),
    "card_get_cash_use_condition.json": (CardType.CASH, CardKind.COUPON),
    "card_get_cash_sys_delete.json": (CardType.CASH, CardKind.COUPON),
    "card_get_discount_seed.json": (CardType.DISCOUNT, CardKind.COUPON),
    "card_get_discount_seven_weekdays.json": (CardType.DISCOUNT, CardKind.COUPON),
    "card_get_general_coupon.json": (CardType.GENERAL_COUPON, CardKind.COUPON),
    "card_get_gift.json": (CardType.GIFT, CardKind.COUPON),
    "card_get_groupon_numeric_type.json": (CardType.GROUPON, CardKind.COUPON),
    "card_get_meeting_ticket.json": (CardType.MEETING_TICKET, CardKind.TICKET),
    "card_get_member_card_permanent.json": (CardType.MEMBER_CARD, CardKind.MEMBER_CARD),
    "card_get_movie_ticket.json": (CardType.MOVIE_TICKET, CardKind.TICKET),
    "card_get_scenic_ticket.json": (CardType.SCENIC_TICKET, CardKind.TICKET),
    "card_get_unknown_type.json": (CardType.UNKNOWN, CardKind.UNKNOWN),
}


def test_every_card_type_of_seed_001_has_a_fixture() -> None:
    types = {EXPECTED_TYPES[n][0] for n in CARD_FIXTURES}
    assert types == set(CardType)  # the eleven of seed 001 and one it does not list


@pytest.mark.parametrize("name", CARD_FIXTURES)
def test_card_get_parses_kind_and_renders_at_any_moment(replay: tuple[Replay, WeChatClient], name: str) -> None:
    server, client = replay
    data = fixture(name)
    server.put("/card/get", data)
    card = client.get_card("p" + "x" * 27)
    card_type, kind = EXPECTED_TYPES[name]
    assert card.card_type is card_type and card.kind is kind
    assert card.card_id.startswith("p") and card.title
    raw_type = data["card"]["card_type"]
    assert card.raw_card_type == raw_type
    for now in moments():
        texts = every_text(card, None, now)
        assert all(isinstance(t, str) and t for t in texts)


def test_permanent_member_card(replay: tuple[Replay, WeChatClient]) -> None:
    server, client = replay
    server.put("/card/get", fixture("card_get_member_card_permanent.json"))
    card = client.get_card("pp8Cv1YDI4ID5yIL4IC6_bhWEq4o")
    assert card.date_type is DateType.PERMANENT and card.time_limits == ()
    assert card.use_all_locations is True and card.status is CardStatus.VERIFY_OK
    assert card.member is not None and card.member.supply_bonus is True and card.member.supply_balance is False
    assert rules.validity_window(card, None) == (None, None)
    assert rules.kind_phrase(card).render() == "Member card"


def test_older_card_numeric_date_type_and_status_without_advanced_info(replay: tuple[Replay, WeChatClient]) -> None:
    server, client = replay
    server.put("/card/get", fixture("card_get_groupon_numeric_type.json"))
    card = client.get_card("p1Pj9jr90_SQRaVqYI239Ka1erkI")
    assert card.date_type is DateType.FIX_TIME_RANGE
    assert card.status is CardStatus.UNKNOWN  # a bare 1: not a reason to stop the cashier
    assert rules.validity_window(card, None) == (1397577600, 1399910400)
    assert card.time_limits == () and card.location_ids == (123, 12321, 345345)
    assert rules.check_card_status(card) is None
    now = datetime(2014, 5, 1, 12, 0, tzinfo=rules.BEIJING)
    assert rules.evaluate(card, now, None, None)[0].text() == "Valid until 13 May 00:00, 12 days left"


def test_sys_delete_card_needs_an_override(replay: tuple[Replay, WeChatClient]) -> None:
    server, client = replay
    server.put("/card/get", fixture("card_get_cash_sys_delete.json"))
    card = client.get_card("psQJkwxCypbuXJGT12mNGAF9eYCk")
    assert card.status is CardStatus.SYS_DELETE and card.date_type is DateType.FIX_TERM
    checks = rules.evaluate(card, datetime(2016, 1, 20, 12, 0, tzinfo=rules.BEIJING), None, 100, None)
    failed = rules.needs_override(checks)
    assert [c.kind for c in failed] == [rules.CheckKind.CARD_STATUS]
    assert "SYS_DELETE" in failed[0].text()


def test_seven_weekdays_without_hours_always_pass(replay: tuple[Replay, WeChatClient]) -> None:
    server, client = replay
    server.put("/card/get", fixture("card_get_discount_seven_weekdays.json"))
    card = client.get_card("pD9sF1Y6-ndvU8ZHC90bHXcUU4y8")
    assert len(card.time_limits) == 7
    for hour in (0, 9, 23):
        for day in range(7):
            now = datetime(2019, 9, 23 + day, hour, 30, tzinfo=rules.BEIJING)
            assert rules.check_time_window(card.time_limits, now).state is rules.CheckState.PASS


def test_tickets_carry_their_details(replay: tuple[Replay, WeChatClient]) -> None:
    server, client = replay
    server.put("/card/get", fixture("card_get_boarding_pass.json"))
    card = client.get_card("pbLatjboard000000000000000001")
    now = datetime(2015, 5, 10, 12, 0, tzinfo=rules.BEIJING)
    rows = [p.render() for p in rules.ticket_phrases(card, None, now)]
    assert "Gate No. 3" in rows and "Flight CE123" in rows and "Route Chengdu → Guangzhou" in rows
    assert any(r.startswith("Session 10 May 23:22") for r in rows)
    server.put("/card/get", fixture("card_get_movie_ticket.json"))
    movie = client.get_card("pbLatjmovie000000000000000001")
    assert any("Avengers" in p.render() for p in rules.ticket_phrases(movie, None, now))
    assert rules.kind_phrase(movie).render() == "Movie ticket"


def test_unknown_card_type_is_named_and_never_redeemable(replay: tuple[Replay, WeChatClient]) -> None:
    server, client = replay
    server.put("/card/get", fixture("card_get_unknown_type.json"))
    card = client.get_card("pbLatjgencard0000000000000001")
    assert rules.kind_phrase(card).render() == "Unknown card type (GENERAL_CARD) — not redeemed here"
    server.put("/card/code/get", fixture("code_get_normal.json"))
    info = client.get_code("110201201245")
    assert verdict_for(info, 1460000000, card) is Verdict.UNKNOWN_CARD_TYPE


# -- card/code/get ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CODE_FIXTURES)
def test_code_get_parses_and_no_timestamp_raises(replay: tuple[Replay, WeChatClient], name: str) -> None:
    server, client = replay
    data = fixture(name)
    server.put("/card/code/get", data)
    info = client.get_code("123456789012", check_consume=False)
    assert info.code == "123456789012"  # the code asked for stays the code
    assert info.card_id == data["card"]["card_id"]
    assert info.status is CodeStatus(data["user_card_status"])
    assert info.outer_str == data.get("outer_str", "")
    server.put("/card/get", fixture("card_get_discount_seed.json"))
    card = client.get_card(info.card_id or "")
    for now in moments():
        verdict_for(info, now.timestamp(), card)
        assert all(every_text(card, info, now))


def test_member_card_code_is_a_member_card_even_without_card_get(replay: tuple[Replay, WeChatClient]) -> None:
    server, client = replay
    server.put("/card/code/get", fixture("code_get_member_card.json"))
    info = client.get_code("726567952834")
    assert info.begin_time == 0 and info.end_time == 2147483647
    assert info.member is not None and info.member.membership_number == "726567952834"
    assert info.member.bonus == 10 and info.member.balance == 100000
    assert verdict_for(info, 1_800_000_000, None) is Verdict.MEMBER_CARD
    rows = [p.render() for p in rules.member_phrases(None, info)]
    assert rows == ["Membership number 726567952834", "Points 10", "Balance ¥1,000.00"]
    now = datetime(2026, 11, 22, 12, 0, tzinfo=rules.BEIJING)
    server.put("/card/get", fixture("card_get_member_card_permanent.json"))
    card = client.get_card("pbLatjgoBuJqFP9vKhYnV1WZKAQA")
    assert rules.evaluate(card, now, None, None, info)[0].text() == "Valid, no end date"


@pytest.mark.parametrize("zone", ZONES)
def test_end_times_without_an_end_read_no_end_date(replay: tuple[Replay, WeChatClient], zone: timezone) -> None:
    server, client = replay
    server.put("/card/code/get", fixture("code_get_end_beyond_datetime.json"))
    info = client.get_code("726567952835")
    assert info.end_time == 10**15
    now = datetime(2026, 11, 22, 12, 0, tzinfo=zone)
    assert rules.validity_window(rules_card(), info) == (None, None)
    check = rules.check_validity(info.begin_time, info.end_time, now)
    assert check.text() == "Valid, no end date" and check.state is rules.CheckState.PASS
    assert verdict_for(info, now.timestamp(), None) is Verdict.REDEEMABLE


def rules_card() -> Any:
    from pos_app.models import CardInfo

    return CardInfo("pbLatjgoBuJqFP9vKhYnV1WZKAQA", CardType.CASH)


# -- writes, decrypt, statistics, the customer's cards ------------------------------------------------


def test_consume_unavailable_and_decrypt(replay: tuple[Replay, WeChatClient]) -> None:
    server, client = replay
    server.put("/card/code/consume", fixture("consume_ok.json"))
    assert client.consume("123456789012") == "pFS7Fjg8kV1IdDz01r4SQwMkuCKc"
    server.put("/card/code/unavailable", fixture("unavailable_ok.json"))
    client.make_unavailable("123456789012", "refund")
    server.put("/card/code/decrypt", fixture("decrypt_ok.json"))
    assert client.decrypt("XXIzTtMqCxwOaawoE91+VJdsFmv7b8g0VZIZkqf4GWA60Fzpc8ksZ/5ZZ0DVkXdE") == "751234212312"


def test_datacube_answers(replay: tuple[Replay, WeChatClient]) -> None:
    server, client = replay
    server.put(stats.PATH_SUMMARY, fixture("datacube_getcardbizuininfo.json"))
    server.put(stats.PATH_CARDS, fixture("datacube_getcardcardinfo.json"))
    server.put(stats.PATH_MEMBER, fixture("datacube_getcardmembercardinfo.json"))
    server.put("/card/get", fixture("card_get_general_coupon.json"))
    report = stats.fetch(client, date(2015, 6, 15), date(2015, 6, 30), today=date(2015, 7, 1))
    # Both card sources are asked and added up: the replay gives the same rows to each.
    assert [(r.ref_date, r.views, r.issued, r.redeemed) for r in report.summary] == [("2015-06-23", 2, 2, 0)]
    assert report.cards[0].card_id == "po8pktyDLmakNY2fn2VyhkiEPqGE" and report.cards[0].card_type == "GENERAL_COUPON"
    assert report.members and report.members[0].total_members == 172
    assert report.titles == {"po8pktyDLmakNY2fn2VyhkiEPqGE": "Free parking"}
    assert "2015-06-23" in stats.render_text(report)


@pytest.mark.parametrize("name", ["user_getcardlist_seed.json", "user_getcardlist_live.json"])
def test_user_card_list(replay: tuple[Replay, WeChatClient], name: str) -> None:
    server, client = replay
    data = fixture(name)
    server.put(stats.PATH_USER_CARDS, data)
    server.put("/card/get", fixture("card_get_discount_seed.json"))
    server.put("/card/code/get", fixture("code_get_no_outer_str.json"))
    others = stats.customer_coupons(client, "obLatjm43RA5C6QfMO5szKYnT3dM")
    # The fixture window (2016) has ended: nothing usable is offered, and nothing raised.
    assert others == []
    assert len(data["card_list"]) >= 1
