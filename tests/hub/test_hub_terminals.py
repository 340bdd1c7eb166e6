"""Enrolment, revocation, store rules and "where was this code redeemed?" across the chain."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from pos_app.cli import main as cli_main
from pos_app.errors import ApiError
from pos_app.hub import terminals
from pos_app.hub.reports import chain_tz
from pos_app.hub.wording import changed_sentence
from pos_app.journal import Journal
from pos_app.models import OperationContext, Outcome
from pos_app.workflow import Workflow
from tests.hub.helpers import counter_client, enrol


def test_enrolment_code_is_one_time_and_expires_after_24_hours(hub_server):
    with hub_server.db.tx() as conn:
        old = terminals.enroll(conn, "12", "old", now=datetime.now(UTC) - timedelta(hours=24, minutes=1))
        fresh = terminals.enroll(conn, "12", "fresh", now=datetime.now(UTC) - timedelta(hours=23))
    connect = f"{hub_server.url}/hub/v1/connect"
    assert httpx.post(connect, json={"code": old}).status_code == 403
    assert httpx.post(connect, json={"code": fresh.lower().replace("-", "")}).status_code == 200
    assert httpx.post(connect, json={"code": fresh}).status_code == 403  # used
    with hub_server.db.tx() as conn:  # only hashes are stored
        row = conn.execute("SELECT * FROM terminals WHERE name = 'fresh'").fetchone()
    assert row["enrol_hash"] is None and len(row["credential_hash"]) == 64


def test_cli_enroll_and_revoke_lock_a_terminal_out_at_once(hub_server, sim, capsys):
    url = hub_server.db.url
    assert cli_main(["hub", "enroll", "--database", url, "--store", "7", "--terminal", "till-9"]) == 0
    code = capsys.readouterr().out.split("enrolment code ")[1].split(" ")[0]
    data = httpx.post(f"{hub_server.url}/hub/v1/connect", json={"code": code}).json()
    from pos_app.credentials import Credentials

    creds = Credentials(data["terminal"], data["credential"])
    with counter_client(hub_server, creds) as client:
        client.get_code(sim.demo_code("cash"))
        assert cli_main(["hub", "revoke", "--database", url, "till-9"]) == 0
        with pytest.raises(ApiError):
            client.get_code(sim.demo_code("cash"))
    assert cli_main(["hub", "revoke", "--database", url, "nobody"]) == 1
    answer = httpx.get(f"{hub_server.url}/hub/v1/attempts/x", auth=(creds.appid, creds.secret))
    assert answer.status_code == 403


def test_store_rules_refuse_a_card_the_store_may_not_redeem(hub_server, sim):
    creds = enrol(hub_server, "12", "counter-3")
    code = sim.demo_code("cash")
    card_id = sim.code_record(code).card_id
    with hub_server.db.tx() as conn:
        terminals.set_store_cards(conn, "12", ["some-other-card"])
    with counter_client(hub_server, creds) as client:
        info = client.get_code(code)
        with pytest.raises(ApiError) as refused:
            client.consume(code, attempt_id=uuid.uuid4().hex)  # no card_id: the hub learns it first
        assert refused.value.errcode == 45030
        assert sim.code_status(code) == "NORMAL" and not sim.calls_to("/card/code/consume")
        with hub_server.db.tx() as conn:
            terminals.set_store_cards(conn, "12", [card_id])
        client.consume(code, info.card_id, attempt_id=uuid.uuid4().hex)
    assert sim.code_status(code) == "CONSUMED"


def test_code_get_says_where_a_code_was_redeemed_in_the_chain(hub_server, sim, tmp_path):
    a = enrol(hub_server, "12", "counter-3")
    b = enrol(hub_server, "7", "counter-1")
    with hub_server.db.tx() as conn:
        terminals.ensure_store(conn, "12", "Store 12")
    code = sim.demo_code("cash")
    with counter_client(hub_server, a) as ca, Journal.open(tmp_path / "j.sqlite") as journal:
        flow = Workflow(ca, journal, OperationContext(cashier="Li", terminal="counter-3"))
        assert flow.redeem(flow.lookup(code)).outcome is Outcome.REDEEMED
        from pos_app.hub.shipper import Shipper

        with Shipper(hub_server.url, a.appid, a.secret, journal.path) as shipper:
            shipper.ship()
    with counter_client(hub_server, b) as cb:
        raw = httpx.post(
            f"{hub_server.url}/card/code/get",
            params={"access_token": cb.fetch_token()},
            json={"code": code, "check_consume": False},
        ).json()
    where = raw["hub_changed"]
    assert (where["store_name"], where["terminal"], where["cashier"]) == ("Store 12", "counter-3", "Li")
    at = datetime.fromtimestamp(where["at"], chain_tz()).strftime("%H:%M")
    assert changed_sentence(where, "en", today=True) == f"redeemed at Store 12, counter counter-3, by Li, {at}"
    asked = httpx.get(f"{hub_server.url}/hub/v1/codes/{code}", auth=(b.appid, b.secret)).json()
    assert asked["changed"]["terminal"] == "counter-3"
