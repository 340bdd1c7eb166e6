"""The rate limit on credential guesses (pos_app/hub/throttle.py), on real PostgreSQL over loopback.

Other addresses are reached the way production reaches them: a local reverse proxy's X-Forwarded-For,
which uvicorn trusts from 127.0.0.1 only.
"""

from __future__ import annotations

import httpx
import pytest

from pos_app.cli import main as cli_main
from pos_app.credentials import Credentials
from pos_app.errors import MSG_HUB_THROTTLED, ApiError
from pos_app.hub import terminals
from pos_app.hub.server import HubServer
from pos_app.hub.throttle import ADDRESS_LIMIT, NAME_LIMIT, WINDOW
from pos_app.sandbox import DEMO_APPID, DEMO_SECRET
from tests.hub.helpers import counter_client, enrol


def _token(url: str, name: str, secret: str, address: str | None = None) -> httpx.Response:
    headers = {"X-Forwarded-For": address} if address else {}
    body = {"grant_type": "client_credential", "appid": name, "secret": secret, "force_refresh": False}
    return httpx.post(f"{url}/cgi-bin/stable_token", json=body, headers=headers)


def _is_throttled(answer: httpx.Response) -> int:
    assert answer.status_code == 429, answer.text
    data = answer.json()
    assert data["hub_error"] == "throttled" and data["error"] and data["errcode"] == 45011
    wait = int(answer.headers["retry-after"])
    assert 1 <= wait <= WINDOW.total_seconds() and data["retry_after"] == wait
    return wait


def test_wrong_credentials_from_one_address_are_throttled_and_the_real_one_elsewhere_works(hub_server):
    creds = enrol(hub_server)
    for i in range(ADDRESS_LIMIT):  # unknown names and a known one with a wrong credential: all counted
        name = creds.appid if i < NAME_LIMIT - 1 else f"ghost-{i}"
        answer = _token(hub_server.url, name, "wrong", "10.0.0.1")
        assert answer.status_code == 200 and answer.json()["errcode"] == 40125
    known = _token(hub_server.url, creds.appid, "wrong", "10.0.0.1")
    unknown = _token(hub_server.url, "nobody", "wrong", "10.0.0.1")
    _is_throttled(known)
    _is_throttled(unknown)
    assert known.json() == unknown.json()  # nothing says whether the name exists
    _is_throttled(_token(hub_server.url, creds.appid, creds.secret, "10.0.0.1"))  # not even evaluated
    fine = _token(hub_server.url, creds.appid, creds.secret, "10.0.0.2")
    assert fine.status_code == 200 and fine.json()["access_token"].startswith("hub_")
    with hub_server.db.tx() as conn:  # the refused attempts were not counted
        n = conn.execute("SELECT count(*) AS n FROM auth_failures WHERE address = '10.0.0.1'").fetchone()["n"]
    assert n == ADDRESS_LIMIT


def test_guesses_at_one_name_throttle_the_guessers_not_the_counter(hub_server, sim):
    creds = enrol(hub_server)
    for i in range(NAME_LIMIT):  # spread over many addresses
        assert _token(hub_server.url, creds.appid, f"guess-{i}", f"10.1.0.{i}").json()["errcode"] == 40125
    _is_throttled(_token(hub_server.url, creds.appid, "guess-x", "10.1.0.3"))  # a guesser again
    # an address new to this name is still checked (and counted) once, then throttled
    assert _token(hub_server.url, creds.appid, "guess-y", "10.2.0.1").json()["errcode"] == 40125
    _is_throttled(_token(hub_server.url, creds.appid, creds.secret, "10.2.0.1"))
    # the same for a name that does not exist: no difference to learn from
    for i in range(NAME_LIMIT):
        assert _token(hub_server.url, "ghost", f"guess-{i}", f"10.3.0.{i}").json()["errcode"] == 40125
    _is_throttled(_token(hub_server.url, "ghost", "guess-x", "10.3.0.3"))
    # the counter itself (another address, right credential) keeps working through it all
    with counter_client(hub_server, creds) as client:
        assert client.get_code(sim.demo_code("cash")).code


def test_the_count_is_shared_by_two_hub_processes_and_ends_with_the_window(hub_server, database_url, sim):
    creds = enrol(hub_server)
    other = HubServer(database_url, Credentials(DEMO_APPID, DEMO_SECRET), upstream=sim.base_url)
    other.start()
    try:
        for i in range(ADDRESS_LIMIT):
            url = (hub_server.url, other.url)[i % 2]
            assert _token(url, f"ghost-{i}", "wrong", "10.4.0.1").status_code == 200
        _is_throttled(_token(hub_server.url, creds.appid, creds.secret, "10.4.0.1"))
        _is_throttled(_token(other.url, creds.appid, creds.secret, "10.4.0.1"))
        with hub_server.db.tx() as conn:  # the oldest failure 14 minutes old: one minute left at most
            conn.execute(
                "UPDATE auth_failures SET at = at - interval '14 minutes' WHERE id ="
                " (SELECT min(id) FROM auth_failures WHERE address = '10.4.0.1')"
            )
        assert _is_throttled(_token(other.url, creds.appid, creds.secret, "10.4.0.1")) <= 60
        with hub_server.db.tx() as conn:
            conn.execute("UPDATE auth_failures SET at = at - %s WHERE address = '10.4.0.1'", (WINDOW,))
        assert _token(other.url, creds.appid, creds.secret, "10.4.0.1").status_code == 200
    finally:
        other.stop()


def test_terminal_endpoints_and_enrolment_codes_count_too(hub_server):
    creds = enrol(hub_server)
    journal = f"{hub_server.url}/hub/v1/journal"
    for i in range(ADDRESS_LIMIT // 2):
        wrong = httpx.post(journal, json={"rows": []}, auth=(f"t{i}", "x"), headers={"X-Forwarded-For": "10.5.0.1"})
        assert wrong.status_code == 403
        code = httpx.post(
            f"{hub_server.url}/hub/v1/connect", json={"code": "AAAA-BBBB-CCCC"}, headers={"X-Forwarded-For": "10.5.0.1"}
        )
        assert code.status_code == 403
    with hub_server.db.tx() as conn:
        fresh = terminals.enroll(conn, "12", "counter-4")
    blocked = httpx.post(
        f"{hub_server.url}/hub/v1/connect", json={"code": fresh}, headers={"X-Forwarded-For": "10.5.0.1"}
    )
    _is_throttled(blocked)  # even the right code is not evaluated from there
    _is_throttled(
        httpx.post(
            journal, json={"rows": []}, auth=(creds.appid, creds.secret), headers={"X-Forwarded-For": "10.5.0.1"}
        )
    )
    assert httpx.post(journal, json={"rows": []}, auth=(creds.appid, creds.secret)).status_code == 200  # from elsewhere
    assert httpx.post(f"{hub_server.url}/hub/v1/connect", json={"code": fresh}).status_code == 200


def test_the_counter_says_what_happened(hub_server, isolated_dirs, capsys):
    creds = enrol(hub_server)
    for i in range(ADDRESS_LIMIT):  # from this machine (no proxy header): 127.0.0.1 is throttled
        assert _token(hub_server.url, f"ghost-{i}", "wrong").status_code == 200
    with counter_client(hub_server, Credentials(creds.appid, creds.secret)) as client:
        with pytest.raises(ApiError) as info:
            client.fetch_token()
    assert info.value.message == MSG_HUB_THROTTLED and info.value.errcode == 45011
    assert cli_main(["connect", hub_server.url, "--code", "AAAA-BBBB-CCCC"]) == 3
    err = capsys.readouterr().err
    assert "too many failed attempts" in err and "min" in err and "refused the enrolment code" not in err
