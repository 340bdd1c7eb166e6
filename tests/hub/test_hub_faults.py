"""Bad input and faults: 4xx JSON errors that change nothing; PostgreSQL down means no write is sent."""

from __future__ import annotations

import threading
import time
import uuid

import httpx
import pytest

from pos_app.errors import NotDeliveredError
from tests.hub.helpers import counter_client, enrol


def _attempts(hub_server) -> int:
    with hub_server.db.tx() as conn:
        return int(conn.execute("SELECT count(*) AS n FROM attempts").fetchone()["n"])


def test_malformed_requests_get_a_4xx_json_error_and_change_nothing(hub_server, sim):
    creds = enrol(hub_server)
    with counter_client(hub_server, creds) as client:
        token = client.fetch_token()
    url = f"{hub_server.url}/card/code/consume"
    q = {"access_token": token}
    cases = [
        dict(content=b"{not json"),
        dict(content=b'["a list"]'),
        dict(json={}),
        dict(json={"code": 12345}),
        dict(json={"code": ""}),
        dict(json={"code": "1" * 500}),
        dict(json={"code": sim.demo_code("cash"), "card_id": ["x"]}),
        dict(json={"code": sim.demo_code("cash")}, headers={"X-Pos-Attempt-Id": "bad id with spaces"}),
        dict(content=b"x" * (5 * 1024 * 1024)),
    ]
    for case in cases:
        answer = httpx.post(url, params=q, **case)
        assert 400 <= answer.status_code < 500, (case.get("json"), answer.status_code)
        assert "error" in answer.json()
    unavailable = httpx.post(
        f"{hub_server.url}/card/code/unavailable", params=q, json={"code": sim.demo_code("cash"), "reason": 7}
    )
    assert unavailable.status_code == 400
    assert httpx.get(f"{hub_server.url}/no/such/path").json() == {"error": "not found"}
    assert httpx.get(url).status_code == 405
    assert httpx.post(f"{hub_server.url}/hub/v1/connect", json={"code": 5}).status_code == 400
    assert _attempts(hub_server) == 0 and not sim.calls_to("/card/code/consume")
    assert sim.code_status(sim.demo_code("cash")) == "NORMAL"


def test_an_attempt_id_reused_for_another_code_is_refused(hub_server, sim):
    creds = enrol(hub_server)
    attempt = uuid.uuid4().hex
    with counter_client(hub_server, creds) as client:
        client.consume(sim.demo_codes("cash")[0], attempt_id=attempt)
        answer = httpx.post(
            f"{hub_server.url}/card/code/consume",
            params={"access_token": client.fetch_token()},
            json={"code": sim.demo_codes("cash")[1]},
            headers={"X-Pos-Attempt-Id": attempt},
        )
    assert answer.status_code == 409 and answer.json()["errcode"] == 47001
    assert sim.code_status(sim.demo_codes("cash")[1]) == "NORMAL"


def test_postgresql_down_means_503_and_nothing_sent_to_wechat(hub_server, sim, pg_cluster):
    creds = enrol(hub_server)
    code = sim.demo_code("cash")
    with counter_client(hub_server, creds, read_attempts=1) as client:
        client.get_code(code)
        pg_cluster.stop("immediate")
        try:
            with pytest.raises(NotDeliveredError):
                client.consume(code, attempt_id=uuid.uuid4().hex)
            raw = httpx.post(
                f"{hub_server.url}/card/code/consume", params={"access_token": "hub_x"}, json={"code": code}
            )
            assert raw.status_code == 503 and raw.json()["hub_error"] == "not_delivered"
            assert httpx.get(f"{hub_server.url}/").status_code == 503
        finally:
            pg_cluster.start()
        assert not sim.calls_to("/card/code/consume") and sim.code_status(code) == "NORMAL"
        client.consume(code, attempt_id=uuid.uuid4().hex)  # back: works again
    assert sim.code_status(code) == "CONSUMED"


def test_database_lost_after_the_consume_was_sent_is_settled_when_it_returns(hub_server, sim, pg_cluster):
    """The record is written before the call; if PostgreSQL dies during the call, the counter still gets
    WeChat's truthful answer and the settler completes the record once the database is back."""
    creds = enrol(hub_server)
    code = sim.demo_code("cash")
    attempt = uuid.uuid4().hex
    sim.inject("/card/code/consume", "delay", delay=1.5)
    outcome: dict[str, object] = {}
    with counter_client(hub_server, creds) as client:
        client.fetch_token()

        def redeem() -> None:
            try:
                outcome["card_id"] = client.consume(code, attempt_id=attempt)
            except Exception as exc:
                outcome["error"] = exc

        worker = threading.Thread(target=redeem)
        worker.start()
        time.sleep(0.7)  # the consume is at WeChat now
        pg_cluster.stop("immediate")
        try:
            worker.join(30)
        finally:
            pg_cluster.start()
    assert "card_id" in outcome, outcome  # the truth reached the counter
    assert sim.code_status(code) == "CONSUMED"
    deadline = time.monotonic() + 20
    state = None
    while time.monotonic() < deadline:
        with hub_server.db.tx() as conn:
            row = conn.execute("SELECT state, outcome FROM attempts WHERE attempt_id = %s", (attempt,)).fetchone()
        state = (row["state"], row["outcome"])
        if state == ("final", "redeemed"):
            break
        hub_server.hub.settle_one(attempt)
        time.sleep(0.3)
    assert state == ("final", "redeemed")
