"""The simulator behaves like the API notes say the live service does — proven with raw httpx calls
over loopback (no client code involved)."""

from __future__ import annotations

import re
import ssl
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, unquote_plus, urlsplit

import httpx
import pytest

from pos_app.models import Verdict
from pos_app.sandbox import (
    DEMO_APPID,
    DEMO_CUSTOM_CARD_IDS,
    DEMO_SECRET,
    DEMO_STORE_LOCATION_ID,
    DemoCode,
    Simulator,
)

# One TLS context for every client: building httpx's default one per test costs ~0.2 s (loopback is
# plain HTTP anyway).
TLS = ssl.create_default_context()
SUFFIX = re.compile(r" (rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}|hint: \[[A-Za-z0-9]{10}\])$")


def _sandbox_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("sandbox")]


@pytest.fixture
def sim() -> Iterator[Simulator]:
    with Simulator() as s:
        yield s
    assert s.server_errors == []
    assert _sandbox_threads() == [], "the simulator leaked threads"


@pytest.fixture
def http(sim: Simulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sim.base_url, timeout=5, verify=TLS) as client:
        yield client


def stable(http: httpx.Client, force: bool = False, **over: Any) -> dict[str, Any]:
    body = {"grant_type": "client_credential", "appid": DEMO_APPID, "secret": DEMO_SECRET}
    body["force_refresh"] = force
    body.update(over)
    return http.post("/cgi-bin/stable_token", json=body).json()


class Api:
    """Raw card calls with a token fetched the recommended way."""

    def __init__(self, http: httpx.Client) -> None:
        self.http = http
        self.token = stable(http)["access_token"]

    def post(self, path: str, body: dict[str, Any], token: str | None = None) -> dict[str, Any]:
        resp = self.http.post(path, params={"access_token": token or self.token}, json=body)
        assert resp.status_code == 200
        return resp.json()

    def get(self, code: str, check: bool = True, card_id: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"code": code, "check_consume": check}
        if card_id:
            body["card_id"] = card_id
        return self.post("/card/code/get", body)

    def consume(self, code: str, card_id: str | None = None) -> dict[str, Any]:
        body = {"code": code} | ({"card_id": card_id} if card_id else {})
        return self.post("/card/code/consume", body)


@pytest.fixture
def api(http: httpx.Client) -> Api:
    return Api(http)


# ---- server life cycle -------------------------------------------------------------------------------


def test_start_is_idempotent_and_stop_joins_every_thread() -> None:
    sim = Simulator()
    base = sim.start()
    assert base == sim.base_url and re.fullmatch(r"http://127\.0\.0\.1:\d+", base)
    assert sim.start() == base
    with httpx.Client(base_url=base, verify=TLS) as client:  # a keep-alive connection left open on purpose
        assert client.post("/card/get", json={}).json()["errcode"] == 41001
        sim.stop()
        assert _sandbox_threads() == []
        with pytest.raises(httpx.TransportError):
            client.post("/card/get", json={})
    sim.stop()  # twice is fine


def test_demo_credentials_look_real() -> None:
    assert re.fullmatch(r"wx[0-9a-z]{16}", DEMO_APPID)
    assert re.fullmatch(r"[0-9a-f]{32}", DEMO_SECRET)
    assert all(len(c) == 28 for c in DEMO_CUSTOM_CARD_IDS)


# ---- access token ------------------------------------------------------------------------------------


def test_stable_token_is_shared_until_forced(sim: Simulator, http: httpx.Client) -> None:
    first = stable(http)
    assert first["expires_in"] == 7200
    sim.advance(1000)
    second = stable(http)
    assert second["access_token"] == first["access_token"]
    assert 6195 <= second["expires_in"] <= 6200  # remaining seconds
    forced = stable(http, force=True)
    assert forced["access_token"] != first["access_token"]
    api = Api(http)
    assert api.token == forced["access_token"]
    assert api.post("/card/get", {"card_id": DEMO_CUSTOM_CARD_IDS[0]})["errcode"] == 0
    # force_refresh revokes the previous token at once
    assert api.post("/card/get", {"card_id": DEMO_CUSTOM_CARD_IDS[0]}, first["access_token"])["errcode"] == 40001


def test_stable_token_renews_in_its_last_five_minutes_and_old_one_lives_on(sim: Simulator, http: httpx.Client) -> None:
    old = stable(http)["access_token"]
    sim.advance(7200 - 200)
    new = stable(http)
    assert new["access_token"] != old and new["expires_in"] == 7200
    api = Api(http)
    assert api.post("/card/get", {"card_id": DEMO_CUSTOM_CARD_IDS[0]}, old)["errcode"] == 0
    sim.advance(201)
    assert api.post("/card/get", {"card_id": DEMO_CUSTOM_CARD_IDS[0]}, old)["errcode"] == 42001


def test_token_expiry_and_invalidation_answer_42001_and_40001(sim: Simulator, http: httpx.Client) -> None:
    api = Api(http)
    sim.advance(7201)
    assert api.get(sim.demo_code("cash"))["errcode"] == 42001
    api.token = stable(http)["access_token"]
    assert api.get(sim.demo_code("cash"))["errcode"] == 0
    sim.invalidate_tokens()
    assert api.get(sim.demo_code("cash"))["errcode"] == 40001
    fresh = stable(http)["access_token"]
    assert fresh != api.token
    assert api.post("/card/code/get", {"code": sim.demo_code("cash")}, fresh)["errcode"] == 0


def test_token_lifetime_is_adjustable(sim: Simulator, http: httpx.Client) -> None:
    sim.token_lifetime = 60
    api = Api(http)
    assert stable(http)["expires_in"] <= 60
    sim.advance(61)
    assert api.get(sim.demo_code("cash"))["errcode"] == 42001


def test_missing_and_garbage_tokens(sim: Simulator, http: httpx.Client) -> None:
    body = {"code": sim.demo_code("cash"), "check_consume": True}
    assert http.post("/card/code/get", json=body).json()["errcode"] == 41001
    assert http.post("/card/code/get", params={"access_token": ""}, json=body).json()["errcode"] == 41001
    garbage = http.post("/card/code/get", params={"access_token": "not-a-token"}, json=body).json()
    assert garbage["errcode"] == 40014
    lookalike = "98_" + "A" * 150  # well-formed, never issued
    assert http.post("/card/code/get", params={"access_token": lookalike}, json=body).json()["errcode"] == 40001


def test_token_credentials_and_whitelist(sim: Simulator, http: httpx.Client) -> None:
    assert stable(http, appid="wx0000000000000000")["errcode"] == 40013
    assert stable(http, secret="0" * 32)["errcode"] == 40125
    sim.ip_whitelisted = False
    answer = stable(http)
    assert answer["errcode"] == 40164
    assert answer["errmsg"].startswith("invalid ip 203.0.113.7 ") and "not in whitelist" in answer["errmsg"]
    assert "access_token" not in answer
    sim.ip_whitelisted = True
    assert "access_token" in stable(http)
    sim.secret_frozen = True
    assert stable(http)["errcode"] == 40243


def test_force_refresh_is_limited_to_20_a_day(sim: Simulator, http: httpx.Client) -> None:
    tokens = set()
    for _ in range(20):
        tokens.add(stable(http, force=True)["access_token"])
        sim.advance(31)
    assert len(tokens) == 20
    assert stable(http, force=True)["errcode"] == 45009
    assert "access_token" in stable(http)  # normal mode still works
    sim.advance(86400)
    assert "access_token" in stable(http, force=True)


def test_force_refresh_within_30_seconds_changes_nothing(sim: Simulator, http: httpx.Client) -> None:
    one = stable(http, force=True)["access_token"]
    assert stable(http, force=True)["access_token"] == one


def test_classic_token_endpoint_rotates_on_every_call(sim: Simulator, http: httpx.Client) -> None:
    params = {"grant_type": "client_credential", "appid": DEMO_APPID, "secret": DEMO_SECRET}
    first = http.get("/cgi-bin/token", params=params).json()["access_token"]
    second = http.get("/cgi-bin/token", params=params).json()["access_token"]
    assert first != second
    api = Api(http)
    assert api.get(sim.demo_code("cash"), False)["errcode"] == 0
    assert api.post("/card/code/get", {"code": sim.demo_code("cash")}, first)["errcode"] == 0  # grace
    sim.advance(301)
    assert api.post("/card/code/get", {"code": sim.demo_code("cash")}, first)["errcode"] == 40001
    assert api.post("/card/code/get", {"code": sim.demo_code("cash")}, second)["errcode"] == 0
    # stable and classic tokens are independent of each other
    assert api.get(sim.demo_code("cash"))["errcode"] == 0
    assert [c.method for c in sim.calls_to("/cgi-bin/token")] == ["GET", "GET"]


# ---- card/code/get -----------------------------------------------------------------------------------


def test_code_get_normal(sim: Simulator, api: Api) -> None:
    code = sim.demo_code("cash")
    assert code.startswith("0") and len(code) == 12
    for check in (True, False):
        answer = api.get(code, check)
        assert answer["errcode"] == 0
        assert answer["user_card_status"] == "NORMAL" and answer["can_consume"] is True
        card = answer["card"]
        assert len(card["card_id"]) == 28
        assert card["begin_time"] < sim.now() < card["end_time"]
        assert answer["openid"] and card["code"] == code
        assert "outer_str" not in answer  # live answers omit it when the code was issued without one
        assert "is_share_card" not in card and "has_share_card" not in answer  # made-up extras are gone


@pytest.mark.parametrize(
    ("key", "status", "errcode"),
    [
        ("consumed", "CONSUMED", 40099),
        ("expire", "EXPIRE", 40127),
        ("gifting", "GIFTING", 40127),
        ("gift_timeout", "GIFT_TIMEOUT", 40127),
        ("deleted", "DELETE", 40127),
        ("unavailable", "UNAVAILABLE", 40127),
    ],
)
def test_check_consume_hides_the_status_that_false_reveals(
    sim: Simulator, api: Api, key: str, status: str, errcode: int
) -> None:
    code = sim.demo_code(key)
    checked = api.get(code, True)
    assert checked["errcode"] == errcode
    assert "user_card_status" not in checked and SUFFIX.search(checked["errmsg"])
    unchecked = api.get(code, False)
    assert unchecked["errcode"] == 0
    assert unchecked["user_card_status"] == status
    assert unchecked["can_consume"] is False


def test_check_consume_defaults_to_true(sim: Simulator, api: Api) -> None:
    assert api.post("/card/code/get", {"code": sim.demo_code("consumed")})["errcode"] == 40099


@pytest.mark.parametrize("key", ["unknown", "gifted_away"])
def test_unknown_and_gifted_away_codes_are_40056_either_way(sim: Simulator, api: Api, key: str) -> None:
    for check in (True, False):
        assert api.get(sim.demo_code(key), check)["errcode"] == 40056


def test_validity_window_lags_on_get_but_not_on_consume(sim: Simulator, api: Api) -> None:
    for key in ("expired_clock", "not_yet_valid"):
        code = sim.demo_code(key)
        answer = api.get(code)
        assert answer["errcode"] == 0 and answer["can_consume"] is True
        assert answer["user_card_status"] == "NORMAL"
        assert api.consume(code)["errcode"] == 40079
        assert sim.code_status(code) == "NORMAL"
    # the window is judged by the simulator clock
    later = sim.demo_code("not_yet_valid")
    sim.advance(2 * 86400 + 10)
    api.token = stable(api.http)["access_token"]
    assert api.consume(later)["errcode"] == 0
    code = sim.demo_code("cash")
    sim.advance(10 * 86400)
    api.token = stable(api.http)["access_token"]
    assert api.get(code)["can_consume"] is True
    assert api.consume(code)["errcode"] == 40079


def test_code_sent_as_number_loses_its_leading_zero(sim: Simulator, api: Api) -> None:
    code = sim.demo_code("cash")
    assert code.startswith("0")
    assert api.post("/card/code/get", {"code": int(code), "check_consume": True})["errcode"] == 40056


def test_wrong_card_id_for_a_wechat_code_is_40056(sim: Simulator, api: Api) -> None:
    assert api.get(sim.demo_code("cash"), card_id=DEMO_CUSTOM_CARD_IDS[0])["errcode"] == 40056


# ---- custom codes ------------------------------------------------------------------------------------


def test_custom_code_needs_its_card_id(sim: Simulator, api: Api) -> None:
    entry = next(e for e in sim.demo_catalog() if e.key == "custom")
    assert entry.card_id in DEMO_CUSTOM_CARD_IDS and not entry.code.isdigit()
    assert api.get(entry.code)["errcode"] == 40056
    assert api.consume(entry.code)["errcode"] == 40056
    others = [c for c in DEMO_CUSTOM_CARD_IDS if c != entry.card_id]
    assert all(api.get(entry.code, card_id=other)["errcode"] == 40056 for other in others)
    answer = api.get(entry.code, card_id=entry.card_id)
    assert answer["errcode"] == 0 and answer["card"]["card_id"] == entry.card_id
    assert api.consume(entry.code, entry.card_id)["errcode"] == 0
    assert sim.code_status(entry.code, entry.card_id) == "CONSUMED"


def test_same_custom_code_on_two_cards_is_two_coupons(sim: Simulator, api: Api) -> None:
    a, b = DEMO_CUSTOM_CARD_IDS
    sim.add_code(a, "SAME123")
    sim.add_code(b, "SAME123")
    assert api.consume("SAME123", a)["errcode"] == 0
    assert api.get("SAME123", card_id=b)["user_card_status"] == "NORMAL"
    with pytest.raises(ValueError):
        sim.add_code(a, "SAME123")


# ---- consume -----------------------------------------------------------------------------------------


def test_consume_once(sim: Simulator, api: Api) -> None:
    code = sim.demo_code("discount")
    answer = api.consume(code)
    assert answer["errcode"] == 0
    assert len(answer["card"]["card_id"]) == 28 and answer["openid"]
    assert sim.code_status(code) == "CONSUMED"
    again = api.consume(code)
    assert again["errcode"] == 40099 and SUFFIX.search(again["errmsg"])
    assert api.get(code, False)["user_card_status"] == "CONSUMED"


@pytest.mark.parametrize(
    ("key", "errcode"),
    [
        ("consumed", 40099),
        ("expire", 40127),
        ("gifting", 40127),
        ("gift_timeout", 40127),
        ("deleted", 40127),
        ("unavailable", 40127),
        ("unknown", 40056),
        ("gifted_away", 40056),
    ],
)
def test_consume_refusals(sim: Simulator, api: Api, key: str, errcode: int) -> None:
    code = sim.demo_code(key)
    before = sim.code_status(code) if key != "unknown" else None
    assert api.consume(code)["errcode"] == errcode
    if before is not None:
        assert sim.code_status(code) == before


def test_concurrent_consumes_redeem_exactly_once(sim: Simulator) -> None:
    code = sim.fresh_code("cash")
    results: list[int] = []
    lock = threading.Lock()

    def worker() -> None:
        with httpx.Client(base_url=sim.base_url, timeout=5, verify=TLS) as client:
            answer = Api(client).consume(code)
        with lock:
            results.append(answer["errcode"])

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [0] + [40099] * 7


# ---- unavailable -------------------------------------------------------------------------------------


def test_unavailable(sim: Simulator, api: Api) -> None:
    code = sim.fresh_code("gift")
    assert api.post("/card/code/unavailable", {"code": code, "reason": "x" * 65})["errcode"] == 47001
    assert sim.code_status(code) == "NORMAL"
    assert api.post("/card/code/unavailable", {"code": code, "reason": "退款 refund"})["errcode"] == 0
    assert sim.code_status(code) == "UNAVAILABLE"
    assert api.post("/card/code/unavailable", {"code": code, "reason": "again"})["errcode"] == 40127
    assert api.consume(code)["errcode"] == 40127
    consumed = sim.demo_code("consumed")
    assert api.post("/card/code/unavailable", {"code": consumed, "reason": "r"})["errcode"] == 40099
    unknown = sim.demo_code("unknown")
    assert api.post("/card/code/unavailable", {"code": unknown, "reason": "r"})["errcode"] == 40056


def test_unavailable_reason_is_optional_unless_required(sim: Simulator, api: Api) -> None:
    assert api.post("/card/code/unavailable", {"code": sim.fresh_code("gift")})["errcode"] == 0
    sim.require_reason = True
    code = sim.fresh_code("gift")
    assert api.post("/card/code/unavailable", {"code": code})["errcode"] == 47001
    assert api.post("/card/code/unavailable", {"code": code, "reason": "x" * 64})["errcode"] == 0


# ---- decrypt -----------------------------------------------------------------------------------------


def test_decrypt_needs_exactly_one_url_decoding(sim: Simulator, api: Api) -> None:
    code = sim.demo_code("gift")
    link = sim.card_link(code)
    query = urlsplit(link).query
    raw = dict(p.split("=", 1) for p in query.split("&"))
    assert raw["encrypt_code"] != sim.encrypt(code)  # it is percent-encoded in the link
    once = unquote(raw["encrypt_code"])
    assert once == sim.encrypt(code) and re.search(r"[+/=]", once)
    assert api.post("/card/code/decrypt", {"encrypt_code": once}) == {"errcode": 0, "errmsg": "ok", "code": code}
    assert unquote(raw["card_id"]) == sim.code_record(code).card_id
    # decoded a second time as a form value ('+' -> ' '), or not decoded at all
    for broken in (unquote_plus(once), raw["encrypt_code"]):
        assert broken != once
        assert api.post("/card/code/decrypt", {"encrypt_code": broken})["errcode"] == 40075
    assert api.post("/card/code/decrypt", {})["errcode"] == 40075


def test_encrypt_codes_always_contain_plus_and_slash(sim: Simulator) -> None:
    for entry in sim.demo_catalog()[:9]:
        value = sim.encrypt(entry.code)
        assert "+" in value and "/" in value and value == sim.encrypt(entry.code)


# ---- card/get ----------------------------------------------------------------------------------------


def _card(api: Api, card_id: str) -> tuple[str, dict[str, Any]]:
    answer = api.post("/card/get", {"card_id": card_id})
    assert answer["errcode"] == 0
    card = answer["card"]
    return card["card_type"], card[card["card_type"].lower()]


@pytest.mark.parametrize(
    ("key", "card_type", "fields"),
    [
        ("cash", "CASH", {"least_cost": 50000, "reduce_cost": 5000}),
        ("discount", "DISCOUNT", {"discount": 20}),
        ("gift", "GIFT", {"gift": "One Portuguese egg tart"}),
        ("groupon", "GROUPON", {"deal_detail": str}),
        ("general", "GENERAL_COUPON", {"default_detail": str}),
    ],
)
def test_card_get_shape_per_type(sim: Simulator, api: Api, key: str, card_type: str, fields: dict[str, Any]) -> None:
    card_id = api.get(sim.demo_code(key))["card"]["card_id"]
    got_type, body = _card(api, card_id)
    assert got_type == card_type
    for name, want in fields.items():
        assert isinstance(body[name], want) if isinstance(want, type) else body[name] == want
    base = body["base_info"]
    for name in ("title", "brand_name", "notice", "description", "code_type", "date_info", "status", "sku"):
        assert name in base
    assert base["date_info"]["type"] in ("DATE_TYPE_FIX_TIME_RANGE", "DATE_TYPE_FIX_TERM")
    assert isinstance(body["advanced_info"], dict)


def test_card_get_conditions(sim: Simulator, api: Api) -> None:
    cash_id = api.get(sim.demo_code("cash"))["card"]["card_id"]
    _, cash = _card(api, cash_id)
    assert cash["advanced_info"]["use_condition"]["least_cost"] == 50000
    assert cash["base_info"]["date_info"]["end_timestamp"] > sim.now()

    _, timed = _card(api, api.get(sim.demo_code("time_limited"))["card"]["card_id"])
    days = {t["type"] for t in timed["advanced_info"]["time_limit"]}
    assert days == {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}
    assert timed["advanced_info"]["time_limit"][0]["begin_hour"] == 10

    _, store = _card(api, api.get(sim.demo_code("store_only"))["card"]["card_id"])
    assert store["base_info"]["location_id_list"] == [DEMO_STORE_LOCATION_ID]
    assert store["base_info"]["use_all_locations"] is False

    _, excl = _card(api, api.get(sim.demo_code("exclusive"))["card"]["card_id"])
    assert "least_cost" not in excl  # friend's-voucher style: only under use_condition
    assert excl["advanced_info"]["use_condition"]["can_use_with_other_discount"] is False
    assert excl["advanced_info"]["use_condition"]["least_cost"] == 10000

    _, groupon = _card(api, api.get(sim.demo_code("groupon"))["card"]["card_id"])
    assert groupon["base_info"]["date_info"]["fixed_term"] == 30

    _, custom = _card(api, DEMO_CUSTOM_CARD_IDS[1])
    assert custom["base_info"]["use_custom_code"] is True


def test_card_get_unknown_card_id(api: Api) -> None:
    assert api.post("/card/get", {"card_id": "p" + "x" * 27})["errcode"] == 40073


def test_add_card_places_fields_like_the_service(sim: Simulator, api: Api) -> None:
    card_id = sim.add_card(
        "GENERAL_COUPON",
        title="Tea for two",
        default_detail="Two cups of tea",
        location_id_list=[1, 2],
        time_limit=[{"type": "SATURDAY"}],
        fixed_term=10,
        fixed_begin_term=1,
        brand_new_field="ignored by clients",
    )
    assert len(card_id) == 28
    kind, body = _card(api, card_id)
    assert kind == "GENERAL_COUPON"
    assert body["base_info"]["title"] == "Tea for two"
    assert body["base_info"]["date_info"] == {"type": "DATE_TYPE_FIX_TERM", "fixed_term": 10, "fixed_begin_term": 1}
    assert body["advanced_info"]["time_limit"] == [{"type": "SATURDAY"}]
    assert body["default_detail"] == "Two cups of tea" and body["brand_new_field"] == "ignored by clients"
    code = sim.add_code(card_id)
    window = api.get(code, False)["card"]
    # FIX_TERM: whole Beijing days, from 00:00:00 tomorrow to 23:59:59 on the 10th day
    assert window["begin_time"] > sim.now() and window["end_time"] - window["begin_time"] == 10 * 86400 - 1
    assert (window["begin_time"] + 8 * 3600) % 86400 == 0 and (window["end_time"] + 8 * 3600) % 86400 == 86399
    assert api.consume(code)["errcode"] == 40079  # fixed_begin_term 1: valid from tomorrow


# ---- general answers ---------------------------------------------------------------------------------


def test_errmsg_suffix_changes(sim: Simulator, api: Api) -> None:
    messages = {api.get(sim.demo_code("unknown"))["errmsg"] for _ in range(12)}
    assert len(messages) > 1
    assert all(m.startswith("invalid serial code ") and SUFFIX.search(m) for m in messages)


def test_unknown_path_and_malformed_bodies(sim: Simulator, http: httpx.Client, api: Api) -> None:
    assert api.post("/card/code/nonexistent", {"code": "1"})["errcode"] == 48001
    resp = http.post("/card/code/get", params={"access_token": api.token}, content=b"{not json")
    assert resp.status_code == 200 and resp.json()["errcode"] == 47001
    assert api.post("/card/code/get", {"check_consume": True})["errcode"] == 47001
    assert stable(http, grant_type="password")["errcode"] == 40002


def test_answers_are_utf8_json_in_the_live_shape(sim: Simulator, http: httpx.Client, api: Api) -> None:
    resp = http.post("/card/code/get", params={"access_token": api.token}, json={"code": sim.demo_code("gift")})
    assert resp.headers["content-type"].startswith("application/json")
    answer = resp.json()
    documented = {"errcode", "errmsg", "card", "openid", "can_consume", "outer_str", "user_card_status"}
    assert set(answer) == documented  # issued with a channel: outer_str present
    assert set(answer["card"]) == {"card_id", "begin_time", "end_time", "code"}  # card.code as live
    assert answer["outer_str"] == "poster"


def test_calls_are_recorded(sim: Simulator, api: Api) -> None:
    sim.clear_calls()
    api.consume(sim.demo_code("discount"))
    calls = sim.calls
    assert [c.path for c in calls] == ["/card/code/consume"]
    assert calls[0].query["access_token"] == api.token
    assert calls[0].body == {"code": sim.demo_code("discount")}
    assert abs(calls[0].time - sim.now()) < 5
    assert sim.calls_to("/cgi-bin/token") == []


# ---- faults ------------------------------------------------------------------------------------------


def test_fault_delay_performs_then_answers_late(sim: Simulator, api: Api) -> None:
    code = sim.fresh_code("cash")
    sim.inject("/card/code/consume", "delay", delay=0.4)
    started = time.monotonic()
    assert api.consume(code)["errcode"] == 0
    assert time.monotonic() - started >= 0.4


def test_fault_delay_beyond_the_read_timeout_still_commits(sim: Simulator) -> None:
    code = sim.fresh_code("cash")
    sim.inject("/card/code/consume", "delay", delay=1.0)
    with httpx.Client(base_url=sim.base_url, timeout=httpx.Timeout(5, read=0.2), verify=TLS) as client:
        api = Api(client)
        with pytest.raises(httpx.ReadTimeout):
            api.consume(code)
    assert sim.code_status(code) == "CONSUMED"


def test_fault_drop_after_commit(sim: Simulator, api: Api) -> None:
    code = sim.fresh_code("cash")
    sim.inject("/card/code/consume", "drop_after_commit")
    with pytest.raises(httpx.RemoteProtocolError):
        api.consume(code)
    assert sim.code_status(code) == "CONSUMED"
    assert api.get(code, False)["user_card_status"] == "CONSUMED"  # the re-read tells the truth
    assert len(sim.calls_to("/card/code/consume")) == 1


def test_fault_drop_before(sim: Simulator, api: Api) -> None:
    code = sim.fresh_code("cash")
    sim.inject("/card/code/consume", "drop_before")
    with pytest.raises(httpx.RemoteProtocolError):
        api.consume(code)
    assert sim.code_status(code) == "NORMAL"


def test_fault_http_500(sim: Simulator, api: Api) -> None:
    code = sim.fresh_code("cash")
    sim.inject("/card/code/consume", "http_500")
    resp = api.http.post("/card/code/consume", params={"access_token": api.token}, json={"code": code})
    assert resp.status_code == 500
    assert sim.code_status(code) == "NORMAL"


@pytest.mark.parametrize(("kind", "after"), [("busy", "NORMAL"), ("busy_after_commit", "CONSUMED")])
def test_fault_busy(sim: Simulator, api: Api, kind: str, after: str) -> None:
    code = sim.fresh_code("cash")
    sim.inject("/card/code/consume", kind)
    answer = api.consume(code)
    assert answer["errcode"] == -1 and answer["errmsg"].startswith("system error")
    assert sim.code_status(code) == after


def test_fault_non_json(sim: Simulator, api: Api) -> None:
    sim.inject("/card/code/get", "non_json")
    resp = api.http.post("/card/code/get", params={"access_token": api.token}, json={"code": sim.demo_code("cash")})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/html")
    with pytest.raises(ValueError):
        resp.json()


def test_fault_errcode(sim: Simulator, api: Api) -> None:
    sim.inject("/card/get", "errcode", errcode=45011)
    assert api.post("/card/get", {"card_id": DEMO_CUSTOM_CARD_IDS[0]})["errcode"] == 45011


def test_faults_are_consumed_in_order_per_path_and_clearable(sim: Simulator, api: Api) -> None:
    code = sim.demo_code("cash")
    sim.inject("/card/code/get", "busy", times=2)
    sim.inject("/card/code/get", "http_500")
    sim.inject("/card/code/consume", "busy")
    assert api.get(code)["errcode"] == -1
    assert api.get(code)["errcode"] == -1
    resp = api.http.post("/card/code/get", params={"access_token": api.token}, json={"code": code})
    assert resp.status_code == 500
    assert api.get(code)["errcode"] == 0
    sim.clear_faults()
    assert api.consume(sim.fresh_code("cash"))["errcode"] == 0
    with pytest.raises(ValueError):
        sim.inject("/card/code/get", "explode")


def test_faults_apply_to_the_token_endpoint(sim: Simulator, http: httpx.Client) -> None:
    sim.inject("/cgi-bin/stable_token", "busy")
    assert stable(http)["errcode"] == -1
    assert "access_token" in stable(http)


def test_stop_cuts_a_pending_delay_short() -> None:
    sim = Simulator().__enter__()
    sim.inject("/card/get", "delay", delay=30)
    errors: list[BaseException] = []

    def slow() -> None:
        try:
            with httpx.Client(base_url=sim.base_url, timeout=10, verify=TLS) as client:
                client.post("/card/get", json={})
        except BaseException as exc:
            errors.append(exc)

    t = threading.Thread(target=slow)
    t.start()
    time.sleep(0.3)
    started = time.monotonic()
    sim.stop()
    t.join(5)
    assert time.monotonic() - started < 3
    assert _sandbox_threads() == []


# ---- demo data ---------------------------------------------------------------------------------------


def test_demo_catalog_covers_every_status_and_kind(sim: Simulator, api: Api) -> None:
    catalog = sim.demo_catalog()
    keys = {e.key for e in catalog}
    assert {"cash", "discount", "gift", "groupon", "general", "time_limited", "store_only", "exclusive"} <= keys
    assert {"consumed", "expire", "expired_clock", "not_yet_valid", "gifting", "gift_timeout"} <= keys
    assert {"deleted", "unavailable", "custom", "unknown"} <= keys
    assert len({e.code for e in catalog}) == len(catalog)
    assert any(e.code.startswith("0") for e in catalog)
    for entry in catalog:
        assert isinstance(entry, DemoCode) and entry.label and isinstance(entry.expected, Verdict)
        assert sim.demo_code(entry.key) == entry.code
        answer = api.get(entry.code, False, entry.card_id)
        if entry.expected is Verdict.INVALID_CODE:
            assert answer["errcode"] == 40056
        elif entry.expected is Verdict.REDEEMABLE:
            assert answer["user_card_status"] == "NORMAL"
            assert answer["card"]["begin_time"] <= sim.now() <= answer["card"]["end_time"]


def test_demo_codes_are_deterministic() -> None:
    one, two = Simulator(), Simulator()
    assert [e.code for e in one.demo_catalog()] == [e.code for e in two.demo_catalog()]
    assert one.demo_catalog()[0].code != Simulator().fresh_code("cash")


def test_training_session_can_redeem_several_of_each_kind(sim: Simulator, api: Api) -> None:
    for key in ("cash", "discount", "gift", "groupon", "general", "custom"):
        codes = sim.demo_codes(key)
        assert len(codes) == 5 and len(set(codes)) == 5
        card_id = next(e.card_id for e in sim.demo_catalog() if e.key == key)
        assert all(api.consume(c, card_id)["errcode"] == 0 for c in codes)
        fresh = sim.fresh_code(key)
        assert fresh not in codes and api.consume(fresh, card_id)["errcode"] == 0


def test_fresh_code_of_an_abnormal_kind_keeps_its_status(sim: Simulator, api: Api) -> None:
    assert sim.code_status(sim.fresh_code("gifting")) == "GIFTING"
    assert api.get(sim.fresh_code("unknown"))["errcode"] == 40056


def test_describe_lists_url_appid_and_codes(sim: Simulator) -> None:
    text = sim.describe()
    assert sim.base_url in text and DEMO_APPID in text and DEMO_SECRET not in text
    for entry in sim.demo_catalog():
        assert entry.code in text and entry.key in text


def test_service_does_not_enforce_weekday_store_or_minimum_spend(sim: Simulator, api: Api) -> None:
    # Move the clock to a Sunday 20:00 (Beijing time): outside the weekday-lunchtime limit.
    now = sim.now()
    beijing = time.gmtime(now + 8 * 3600)
    days_to_sunday = (6 - beijing.tm_wday) % 7
    target = now + days_to_sunday * 86400 + (20 - beijing.tm_hour) * 3600
    sim.advance(target - now)
    api.token = stable(api.http)["access_token"]
    assert time.gmtime(sim.now() + 8 * 3600).tm_wday == 6
    for key in ("time_limited", "store_only", "exclusive", "cash"):
        assert api.consume(sim.fresh_code(key))["errcode"] == 0, key


def test_card_get_with_a_malformed_card_id(api: Api) -> None:
    assert api.post("/card/get", {"card_id": ["p" * 28]})["errcode"] == 40073
    assert api.post("/card/get", {})["errcode"] == 40073


# ---- the live shape: the simulator diffed against tests/fixtures/live field by field ---------------

LIVE = __import__("pathlib").Path(__file__).parent / "fixtures" / "live"
_SOURCES: dict[str, dict[str, str]] = __import__("json").loads((LIVE / "sources.json").read_text(encoding="utf-8"))


def _live(endpoint: str) -> list[dict[str, Any]]:
    import json

    return [
        json.loads((LIVE / name).read_text(encoding="utf-8"))
        for name, entry in sorted(_SOURCES.items())
        if entry["endpoint"] == endpoint
    ]


def _shape(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return "null"


def _fields(answers: list[dict[str, Any]], path: tuple[str, ...]) -> dict[str, set[str]]:
    """field -> the JSON kinds seen for it, at ``path`` in any of ``answers``."""
    seen: dict[str, set[str]] = {}
    for answer in answers:
        node: Any = answer
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict):
            for key, value in node.items():
                seen.setdefault(key, set()).add(_shape(value))
    return seen


def _diff(sim_answer: dict[str, Any], live: list[dict[str, Any]], path: tuple[str, ...]) -> list[str]:
    """Fields the simulator sends that no live answer has, or with a JSON kind no live answer uses."""
    live_fields = _fields(live, path)
    problems = []
    for key, kinds in _fields([sim_answer], path).items():
        if key not in live_fields:
            problems.append(f"{'.'.join(path) or '<top>'}.{key}: not in any live answer")
        elif not kinds <= live_fields[key]:
            problems.append(f"{'.'.join(path) or '<top>'}.{key}: {kinds} vs live {live_fields[key]}")
    return problems


def _required(live: list[dict[str, Any]], path: tuple[str, ...]) -> set[str]:
    """Fields every live answer has at ``path``."""
    sets = [set(_fields([a], path)) for a in live]
    return set.intersection(*sets) if sets else set()


CODE_KEYS = ["cash", "gift", "groupon", "permanent", "member", "movie", "old_card", "custom"]


@pytest.mark.parametrize("key", CODE_KEYS)
def test_code_get_matches_the_live_shape(sim: Simulator, api: Api, key: str) -> None:
    live = _live("card/code/get")
    card_id = next(k.card_id for k in sim.demo_catalog() if k.key == key)
    answer = api.get(sim.demo_code(key), False, card_id)
    assert _diff(answer, live, ()) == [] and _diff(answer, live, ("card",)) == []
    assert _required(live, ()) <= set(answer) and _required(live, ("card",)) <= set(answer["card"])


def test_permanent_and_member_codes_answer_0_and_2147483647(sim: Simulator, api: Api) -> None:
    for key in ("permanent", "member"):
        card = api.get(sim.demo_code(key), False)["card"]
        assert (card["begin_time"], card["end_time"]) == (0, 2147483647)
    member = api.get(sim.demo_code("member"), False)["card"]
    assert member["membership_number"] == sim.demo_code("member") and member["bonus"] == 1280


def test_fix_term_codes_run_whole_beijing_days(sim: Simulator, api: Api) -> None:
    card = api.get(sim.demo_code("groupon"), False)["card"]
    assert (card["begin_time"] + 8 * 3600) % 86400 == 0  # 00:00:00 Beijing time
    assert (card["end_time"] + 8 * 3600) % 86400 == 86399  # 23:59:59 Beijing time
    assert card["end_time"] - card["begin_time"] == 30 * 86400 - 1
    assert card["begin_time"] <= sim.now() < card["end_time"]


def test_card_get_matches_the_live_shape_for_every_demo_card(sim: Simulator, api: Api) -> None:
    live = _live("card/get")
    problems: list[str] = []
    types_seen = set()
    for card_id in sim.state.cards:
        answer = api.post("/card/get", {"card_id": card_id})
        kind = answer["card"]["card_type"]
        types_seen.add(kind)
        same_type = [a for a in live if a["card"]["card_type"] == kind] or live
        body = kind.lower()
        problems += _diff(answer, live, ())
        live_bodies = [{"x": a["card"][a["card"]["card_type"].lower()]} for a in live]
        sim_body = {"x": answer["card"][body]}
        for part in ("base_info", "advanced_info"):
            problems += [f"{kind}: {p}" for p in _diff(sim_body, live_bodies, ("x", part))]
        type_fields = {k: v for k, v in answer["card"][body].items() if k not in ("base_info", "advanced_info")}
        live_type_fields = set().union(
            *(
                {k for k in a["card"][a["card"]["card_type"].lower()] if k not in ("base_info", "advanced_info")}
                for a in same_type
            )
        )
        problems += [f"{kind}: {k} not in live {kind} answers" for k in type_fields if k not in live_type_fields]
        date_info = answer["card"][body]["base_info"]["date_info"]
        assert isinstance(date_info["type"], str | int)
    assert problems == [], "\n".join(problems)
    assert {"MEMBER_CARD", "MOVIE_TICKET", "SCENIC_TICKET", "BOARDING_PASS"} <= types_seen
    shapes = {
        "no advanced_info": any(
            "advanced_info" not in c.to_json()[c.card_type.lower()] for c in sim.state.cards.values()
        ),
        "numeric date type": any(isinstance(c.base_info["date_info"]["type"], int) for c in sim.state.cards.values()),
        "permanent": any(c.base_info["date_info"]["type"] == "DATE_TYPE_PERMANENT" for c in sim.state.cards.values()),
        "seven weekdays": any(
            len((c.advanced_info or {}).get("time_limit", [])) == 7 for c in sim.state.cards.values()
        ),
        "time_limit []": any((c.advanced_info or {}).get("time_limit") == [] for c in sim.state.cards.values()),
        "not every card says use_all_locations": any(
            "use_all_locations" not in c.base_info for c in sim.state.cards.values()
        ),
        "a status other than VERIFY_OK": any(
            c.base_info["status"] != "CARD_STATUS_VERIFY_OK" for c in sim.state.cards.values()
        ),
    }
    assert all(shapes.values()), shapes


def test_consume_getcardlist_and_datacube_match_the_live_shape(sim: Simulator, api: Api) -> None:
    consume = api.consume(sim.demo_code("cash"))
    assert set(consume) == set(_live("card/code/consume")[0]) and set(consume["card"]) == {"card_id"}
    listed = api.post("/card/user/getcardlist", {"openid": consume["openid"]})
    live = _live("card/user/getcardlist")
    assert set(listed) == set(live[0]) and all(set(e) == {"code", "card_id"} for e in listed["card_list"])
    assert len(listed["card_list"]) == 5  # the demo customer holds five demo codes
    day = time.strftime("%Y-%m-%d", time.gmtime(sim.now() - 2 * 86400))
    span = {"begin_date": day, "end_date": day, "cond_source": 1}
    for path, name in (
        ("/datacube/getcardbizuininfo", "datacube/getcardbizuininfo"),
        ("/datacube/getcardcardinfo", "datacube/getcardcardinfo"),
        ("/datacube/getcardmembercardinfo", "datacube/getcardmembercardinfo"),
    ):
        answer = api.post(path, span)
        live_rows = _live(name)[0]["list"]
        assert answer["list"], path
        assert all(set(row) == set(live_rows[0]) for row in answer["list"]), path


def test_datacube_limits(sim: Simulator, api: Api) -> None:
    today = time.strftime("%Y-%m-%d", time.gmtime(sim.now() + 8 * 3600))
    yesterday = time.strftime("%Y-%m-%d", time.gmtime(sim.now() + 8 * 3600 - 86400))
    long_ago = time.strftime("%Y-%m-%d", time.gmtime(sim.now() + 8 * 3600 - 62 * 86400))
    too_long = time.strftime("%Y-%m-%d", time.gmtime(sim.now() + 8 * 3600 - 63 * 86400))
    post = lambda b, e: api.post("/datacube/getcardbizuininfo", {"begin_date": b, "end_date": e, "cond_source": 0})  # noqa: E731
    assert "list" in post(long_ago, yesterday)  # 62 days, ending yesterday: fine
    assert post(too_long, yesterday)["errcode"] == 61501
    assert post(yesterday, today)["errcode"] == 61501
    assert post("2026-1-01", yesterday)["errcode"] == 61500


# ---- training persistence ----------------------------------------------------------------------------


def test_training_state_survives_a_restart(tmp_path: Any) -> None:
    path = tmp_path / "training" / "simulator.json"
    with Simulator(state_path=path) as first:
        code = first.demo_code("cash")
        http = httpx.Client(base_url=first.base_url)
        api = Api(http)
        assert api.consume(code)["errcode"] == 0
        http.close()
        window = first.code_record(first.demo_code("gift"))
    assert path.exists() and not list(path.parent.glob("*.tmp"))
    with Simulator(state_path=path) as second:
        assert second.demo_code("cash") == code
        assert second.code_status(code) == "CONSUMED"
        moved = second.code_record(second.demo_code("gift"))
        # windows move with the clock between runs: still relative to "now"
        assert moved.end_time - moved.begin_time == window.end_time - window.begin_time
        assert moved.end_time >= window.end_time


def test_unreadable_training_state_is_moved_aside(tmp_path: Any) -> None:
    path = tmp_path / "simulator.json"
    path.write_text("{half a file", encoding="utf-8")
    with Simulator(state_path=path) as sim:
        assert sim.code_status(sim.demo_code("cash")) == "NORMAL"
    assert (tmp_path / "simulator.json.unreadable").read_text(encoding="utf-8") == "{half a file"
    assert __import__("json").loads(path.read_text(encoding="utf-8"))["format"] == 1


def test_describe_prints_card_links_that_decrypt(sim: Simulator, api: Api) -> None:
    text = sim.describe()
    links = [line.split()[-1] for line in text.splitlines() if "encrypt_code=" in line]
    assert len(links) >= 3
    for link in links:
        encrypt_code = unquote(dict(p.split("=", 1) for p in urlsplit(link).query.split("&"))["encrypt_code"])
        answer = api.post("/card/code/decrypt", {"encrypt_code": encrypt_code})
        assert answer["errcode"] == 0 and answer["code"]
    assert "Ctrl+C" in text


def test_training_catalog_offers_codes_still_as_seeded(tmp_path: Any) -> None:
    path = tmp_path / "simulator.json"
    with Simulator(state_path=path) as first:
        used = first.demo_codes("cash")
        for code in used:
            first.state.api_consume({"code": code})
    with Simulator(state_path=path) as second:
        offered = {row.key: row.code for row in second.demo_catalog()}
        assert offered["cash"] not in used and second.code_status(offered["cash"]) == "NORMAL"
        assert offered["consumed"] == second.demo_code("consumed")  # still as seeded
    with Simulator(state_path=path) as third:  # the fresh code was saved
        assert offered["cash"] in third.demo_codes("cash")
