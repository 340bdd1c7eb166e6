"""The client over loopback HTTP against the simulator: tokens, calls, retries, redaction."""

from __future__ import annotations

import logging
import socket
import time

import httpx
import pytest

from pos_app.client import WeChatClient, redact
from pos_app.errors import AmbiguousError, ApiError, MalformedAnswerError, NotDeliveredError
from pos_app.models import CardType, CodeStatus


def calls_to(sim, path):
    return [c for c in sim.calls if c.path == path]


def new_code(sim, status="NORMAL", card_type="CASH", **card_fields):
    card_id = sim.add_card(card_type, **card_fields)
    now = int(sim.now())
    return sim.add_code(card_id, status=status, begin_time=now - 86400, end_time=now + 9 * 86400), card_id


# -- tokens ---------------------------------------------------------------------------------------------


def test_token_comes_from_stable_token_without_force_refresh_and_is_cached(sim, client):
    code, _ = new_code(sim)
    client.get_code(code)
    client.get_code(code)
    client.get_card(client.get_code(code).card_id)
    token_calls = calls_to(sim, "/cgi-bin/stable_token")
    assert len(token_calls) == 1
    assert token_calls[0].body["force_refresh"] is False
    assert calls_to(sim, "/cgi-bin/token") == []


@pytest.mark.parametrize("how", ["expire", "invalidate"])
def test_token_error_fetches_again_and_retries_once(sim, client, how):
    code, _ = new_code(sim)
    client.get_code(code)
    if how == "expire":
        sim.advance(sim.token_lifetime + 60)  # the service's token died; the client still holds it
    else:
        sim.invalidate_tokens()
    sim.clear_calls()
    info = client.get_code(code)
    assert info.status is CodeStatus.NORMAL
    token_calls = calls_to(sim, "/cgi-bin/stable_token")
    assert len(token_calls) == 1 and token_calls[0].body["force_refresh"] is False
    assert len(calls_to(sim, "/card/code/get")) == 2
    assert calls_to(sim, "/cgi-bin/token") == []


def test_wrong_secret_and_ip_whitelist_are_reported_precisely(sim, demo_credentials):
    from pos_app.credentials import Credentials

    bad = Credentials(demo_credentials.appid, "0" * 32)
    with WeChatClient(sim.base_url, bad, backoff=0.01) as c, pytest.raises(ApiError) as err:
        c.fetch_token()
    assert err.value.errcode == 40125
    assert "0" * 32 not in str(err.value)
    sim.ip_whitelisted = False
    with WeChatClient(sim.base_url, demo_credentials, backoff=0.01) as c, pytest.raises(ApiError) as err:
        c.fetch_token()
    assert err.value.errcode == 40164
    assert "whitelist" in err.value.message


# -- code/get -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["NORMAL", "CONSUMED", "EXPIRE", "GIFTING", "GIFT_TIMEOUT", "DELETE", "UNAVAILABLE"])
def test_query_code_reports_the_status_behind_40099_and_40127(sim, client, status):
    code, card_id = new_code(sim, status=status)
    info = client.query_code(code)
    assert info.status is CodeStatus(status)
    assert info.card_id == card_id
    assert info.code == code
    gets = calls_to(sim, "/card/code/get")
    assert gets[0].body["check_consume"] is True
    if status != "NORMAL":  # asked again without check_consume to learn why
        assert [g.body["check_consume"] for g in gets] == [True, False]
    else:
        assert info.can_consume is True and len(gets) == 1


def test_codes_keep_leading_zeros_and_stay_strings(sim, client):
    card_id = sim.add_card("CASH")
    code = sim.add_code(card_id, code="012345678901")
    info = client.query_code(code)
    assert info.code == "012345678901"
    assert calls_to(sim, "/card/code/get")[0].body["code"] == "012345678901"


def test_unknown_code_is_40056(sim, client):
    with pytest.raises(ApiError) as err:
        client.query_code("999999999999")
    assert err.value.errcode == 40056


def test_custom_code_without_card_id_is_tried_with_each_configured_card_id(sim, demo_credentials):
    other = sim.add_card("CASH")
    custom_card = sim.add_card("GIFT", use_custom_code=True, gift="Egg tart")
    code = sim.add_code(custom_card, code="SHOP-A1B2C3", custom=True)
    with WeChatClient(sim.base_url, demo_credentials, custom_card_ids=[other, custom_card], backoff=0.01) as c:
        info = c.query_code(code)
    assert info.card_id == custom_card and info.status is CodeStatus.NORMAL
    sent = [g.body.get("card_id") for g in calls_to(sim, "/card/code/get")]
    assert sent == [None, other, custom_card]


# -- card/get -------------------------------------------------------------------------------------------


def test_card_get_understands_every_card_type_and_is_cached(sim, client):
    ids = {
        "CASH": sim.add_card("CASH", least_cost=50000, reduce_cost=5000, title="¥50 off"),
        "DISCOUNT": sim.add_card("DISCOUNT", discount=20),
        "GIFT": sim.add_card("GIFT", gift="Egg tart"),
        "GROUPON": sim.add_card("GROUPON", deal_detail="Two coffees and a cake"),
        "GENERAL_COUPON": sim.add_card("GENERAL_COUPON", default_detail="Free parking"),
    }
    cash = client.get_card(ids["CASH"])
    assert cash.card_type is CardType.CASH and cash.least_cost == 50000 and cash.reduce_cost == 5000
    assert cash.title == "¥50 off"
    assert client.get_card(ids["DISCOUNT"]).discount == 20
    assert client.get_card(ids["GIFT"]).gift == "Egg tart"
    assert client.get_card(ids["GROUPON"]).deal_detail == "Two coffees and a cake"
    assert client.get_card(ids["GENERAL_COUPON"]).default_detail == "Free parking"
    before = len(calls_to(sim, "/card/get"))
    client.get_card(ids["CASH"])
    assert len(calls_to(sim, "/card/get")) == before  # served from the cache


# -- retries ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fault", ["busy", "http_500", "non_json", "drop_before"])
def test_reads_retry_transient_failures(sim, client, fault):
    code, _ = new_code(sim)
    client.fetch_token()
    sim.inject("/card/code/get", fault)
    assert client.get_code(code).status is CodeStatus.NORMAL
    assert len(calls_to(sim, "/card/code/get")) == 2


def test_reads_give_up_after_a_bounded_number_of_tries(sim, client):
    code, _ = new_code(sim)
    client.fetch_token()
    sim.inject("/card/code/get", "http_500", times=10)
    with pytest.raises(AmbiguousError):
        client.get_code(code)
    assert len(calls_to(sim, "/card/code/get")) == 3


@pytest.mark.parametrize("fault", ["drop_after_commit", "busy_after_commit", "http_500", "non_json"])
def test_consume_is_never_repeated_after_an_ambiguous_failure(sim, client, fault):
    code, _ = new_code(sim)
    client.fetch_token()
    sim.inject("/card/code/consume", fault)
    with pytest.raises(AmbiguousError):
        client.consume(code)
    assert len(calls_to(sim, "/card/code/consume")) == 1


def test_consume_read_timeout_is_ambiguous_and_not_repeated(sim, demo_credentials):
    code, _ = new_code(sim)
    timeout = httpx.Timeout(connect=1.0, read=0.3, write=1.0, pool=1.0)
    with WeChatClient(sim.base_url, demo_credentials, timeout=timeout, backoff=0.01) as c:
        c.fetch_token()
        sim.inject("/card/code/consume", "delay", delay=1.0)
        with pytest.raises(AmbiguousError):
            c.consume(code)
    time.sleep(1.0)
    assert len(calls_to(sim, "/card/code/consume")) == 1
    assert sim.code_status(code) == "CONSUMED"  # it did happen: only a re-read can tell


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_no_connection_is_not_delivered(demo_credentials):
    with WeChatClient(f"http://127.0.0.1:{_closed_port()}", demo_credentials, backoff=0.01) as c:
        with pytest.raises(NotDeliveredError):
            c.consume("123456789012")
        with pytest.raises(NotDeliveredError) as caught:
            c.get_code("123456789012")
    assert not caught.value.to_hub and "WeChat" in caught.value.message
    with WeChatClient(f"http://127.0.0.1:{_closed_port()}", demo_credentials, backoff=0.01, via_hub=True) as c:
        with pytest.raises(NotDeliveredError) as caught:  # a chain's counter: its hub is what is missing
            c.get_code("123456789012")
    assert caught.value.to_hub and "chain's hub" in caught.value.message


def test_consume_and_unavailable(sim, client):
    code, card_id = new_code(sim)
    assert client.consume(code) == card_id
    assert sim.code_status(code) == "CONSUMED"
    with pytest.raises(ApiError) as err:
        client.consume(code)
    assert err.value.errcode == 40099
    code2, _ = new_code(sim)
    client.make_unavailable(code2, "refund")
    assert sim.code_status(code2) == "UNAVAILABLE"
    assert calls_to(sim, "/card/code/unavailable")[0].body["reason"] == "refund"


def test_decrypt(sim, client):
    code, _ = new_code(sim)
    assert client.decrypt(sim.encrypt(code)) == code
    with pytest.raises(ApiError) as err:
        client.decrypt("not-an-encrypt-code")
    assert err.value.errcode == 40075


def test_malformed_success_answer_is_reported(sim, client):
    client.fetch_token()
    sim.inject("/card/code/decrypt", "non_json", times=3)
    with pytest.raises(MalformedAnswerError):
        client.decrypt("x")


# -- secrets ---------------------------------------------------------------------------------------------


def test_token_and_secret_never_reach_errors_or_logs(sim, demo_credentials, caplog):
    caplog.set_level(logging.DEBUG)
    code, _ = new_code(sim)
    timeout = httpx.Timeout(connect=1.0, read=0.2, write=1.0, pool=1.0)
    with WeChatClient(sim.base_url, demo_credentials, timeout=timeout, backoff=0.01) as c:
        token = c.fetch_token()
        sim.inject("/card/code/consume", "delay", delay=0.6)
        with pytest.raises(AmbiguousError) as err:
            c.consume(code)
        c.get_code(code, check_consume=False)
    texts = [str(err.value), err.value.detail, err.value.message, caplog.text]
    for text in texts:
        assert token not in text
        assert demo_credentials.secret not in text
    assert "access_token=***" in caplog.text  # httpx did log the URL, redacted


def test_redact():
    assert redact("POST http://x/card?access_token=abc.DEF-123&x=1") == "POST http://x/card?access_token=***&x=1"
    assert redact("secret=s3cr3t") == "secret=***"


def test_consume_not_delivered_is_retried_once_the_service_is_back(demo_credentials):
    """A connect error means the consume never left: sending it again cannot redeem twice."""
    from pos_app.sandbox import Simulator

    first = Simulator()
    port = int(first.start().rsplit(":", 1)[1])
    code = first.demo_code("cash")
    sleeps: list[float] = []
    second: list[Simulator] = []

    def sleep_and_restart(seconds: float) -> None:
        sleeps.append(seconds)
        if not second:  # the service comes back on the same address during the backoff
            second.append(Simulator(port=port))
            second[0].start()

    try:
        with WeChatClient(first.base_url, demo_credentials, sleep=sleep_and_restart) as c:
            c.fetch_token()
            first.stop()  # connection refused from now on
            assert c.consume(code) is not None
        assert len(sleeps) == 1
        assert second[0].code_status(code) == "CONSUMED"
        assert len(second[0].calls_to("/card/code/consume")) >= 1
        assert first.calls_to("/card/code/consume") == []
    finally:
        first.stop()
        for sim in second:
            sim.stop()


def test_a_service_that_never_answers_is_given_up_on_quickly(demo_credentials):
    """Token fetch and card call used to nest their retry loops: 3 x 3 read timeouts for one lookup."""
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def black_hole() -> None:  # accepts connections, reads, never answers
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            accepted.append(conn)

    thread = threading.Thread(target=black_hole, daemon=True)
    thread.start()
    timeout = httpx.Timeout(connect=1.0, read=0.4, write=1.0, pool=1.0)
    port = listener.getsockname()[1]
    try:
        with WeChatClient(f"http://127.0.0.1:{port}", demo_credentials, timeout=timeout, backoff=0.01) as c:
            started = time.monotonic()
            with pytest.raises(NotDeliveredError):  # the card call itself never left: no token
                c.get_code("123456789012")
            elapsed = time.monotonic() - started
    finally:
        stop.set()
        thread.join()
        for conn in accepted:
            conn.close()
        listener.close()
    assert elapsed < 2.5, elapsed  # three read timeouts, not nine
    assert len(accepted) <= 3
