"""The counter's unchanged client against the hub, the hub against the simulator, all over loopback."""

from __future__ import annotations

import uuid

import httpx
import pytest

from pos_app.errors import AmbiguousError, ApiError, NotDeliveredError
from pos_app.models import CodeStatus, Outcome
from pos_app.workflow import Workflow
from tests.hub.helpers import counter_client, enrol


def test_counter_redeems_through_hub_and_never_sees_a_wechat_token(hub_server, sim):
    creds = enrol(hub_server)
    code = sim.demo_code("cash")
    with counter_client(hub_server, creds) as client:
        result = Workflow(client).lookup(code)
        assert result.outcome is Outcome.REDEEMABLE
        assert result.card is not None and result.card.title  # card/get relayed too
        token = client.fetch_token()
        assert token.startswith("hub_")
        wechat_tokens = set(sim.state.tokens)
        assert token not in wechat_tokens
        done = Workflow(client).redeem(result)
    assert done.outcome is Outcome.REDEEMED
    assert sim.code_status(code) == "CONSUMED"
    # the counter's requests reached WeChat only through the hub, with the hub's token
    consumes = sim.calls_to("/card/code/consume")
    assert len(consumes) == 1 and consumes[0].query["access_token"] in wechat_tokens


def test_decrypt_is_relayed(hub_server, sim):
    creds = enrol(hub_server)
    code = sim.demo_code("cash")
    with counter_client(hub_server, creds) as client:
        assert client.decrypt(sim.encrypt(code)) == code


def test_statistics_and_the_customers_other_coupons_are_relayed(hub_server, sim):
    from datetime import date, timedelta

    from pos_app import stats

    creds = enrol(hub_server)
    code = sim.demo_code("cash")
    with counter_client(hub_server, creds) as client:
        yesterday = date.today() - timedelta(days=2)
        report = stats.fetch(client, yesterday - timedelta(days=6), yesterday)
        assert report.summary  # daily rows came back through the hub
        info = client.get_code(code, check_consume=False)
        assert info.openid
        stats.customer_coupons(client, info.openid, exclude_code=code)  # no error: relayed
    assert sim.calls_to("/datacube/getcardbizuininfo") and sim.calls_to("/card/user/getcardlist")


def test_wrong_or_missing_credential_is_refused(hub_server, sim):
    from pos_app.credentials import Credentials

    enrol(hub_server)
    with counter_client(hub_server, Credentials("counter-3", "not-the-credential")) as client:
        with pytest.raises(ApiError) as info:
            client.get_code(sim.demo_code("cash"))
    assert info.value.errcode == 40125
    answer = httpx.post(f"{hub_server.url}/card/code/get", json={"code": "1"})
    assert answer.json()["errcode"] == 41001
    assert not sim.calls_to("/card/code/get")


def test_repeat_of_an_attempt_is_answered_from_the_record_never_consumed_twice(hub_server, sim):
    creds = enrol(hub_server)
    code = sim.demo_code("cash")
    attempt = uuid.uuid4().hex
    with counter_client(hub_server, creds) as client:
        client.consume(code, attempt_id=attempt)
        # the same attempt again (the counter lost the answer and asks again): the recorded success
        assert client.consume(code, attempt_id=attempt) is not None
        # a new attempt on the consumed code: 40099, as WeChat would say (the hub knows)
        with pytest.raises(ApiError) as info:
            client.consume(code, attempt_id=uuid.uuid4().hex)
    assert info.value.errcode == 40099
    assert len(sim.calls_to("/card/code/consume")) == 1  # neither the repeat nor the new attempt reached WeChat


def test_lost_answer_is_settled_by_the_hub_and_the_repeat_gets_the_truth(hub_server, sim):
    creds = enrol(hub_server)
    code = sim.demo_code("cash")
    attempt = uuid.uuid4().hex
    sim.inject("/card/code/consume", "drop_after_commit")
    with counter_client(hub_server, creds) as client:
        with pytest.raises(AmbiguousError):
            client.consume(code, attempt_id=attempt)
        assert sim.code_status(code) == "CONSUMED"
        # asking again with the same attempt: the hub re-reads, settles, answers "done"; no second consume
        client.consume(code, attempt_id=attempt)
    assert len(sim.calls_to("/card/code/consume")) == 1
    answer = httpx.get(f"{hub_server.url}/hub/v1/attempts/{attempt}", auth=(creds.appid, creds.secret)).json()
    assert answer["outcome"] == "redeemed" and answer["terminal"] == "counter-3" and answer["store_id"] == "12"


def test_workflow_through_hub_after_a_lost_answer_reports_what_happened(hub_server, sim):
    creds = enrol(hub_server)
    code = sim.demo_code("cash")
    sim.inject("/card/code/consume", "drop_after_commit")
    with counter_client(hub_server, creds) as client:
        flow = Workflow(client, settle_delay=0.0)
        done = flow.redeem(flow.lookup(code))
    assert done.outcome is Outcome.REDEEMED and done.confirmed_by_reread


def test_wechat_unreachable_gives_the_same_truthful_states(hub_server, sim):
    creds = enrol(hub_server)
    code = sim.demo_code("cash")
    with counter_client(hub_server, creds) as client:
        flow = Workflow(client, settle_delay=0.0)
        lookup = flow.lookup(code)
        sim.stop()  # WeChat unreachable: connection refused
        with pytest.raises(NotDeliveredError):
            client.consume(code, attempt_id=uuid.uuid4().hex)
        done = flow.redeem(lookup)
        assert done.outcome is Outcome.ERROR and "nothing was redeemed" in done.message
        again = flow.lookup(code)
        assert again.outcome is Outcome.ERROR and "No connection to WeChat" in again.message


def test_token_expiry_is_handled_by_the_hub_alone(hub_server, sim):
    creds = enrol(hub_server)
    with counter_client(hub_server, creds) as client:
        client.get_code(sim.demo_code("cash"))
        sim.invalidate_tokens()
        info = client.get_code(sim.demo_code("cash"))
    assert info.status is CodeStatus.NORMAL
    forced = [c for c in sim.calls_to("/cgi-bin/stable_token") if c.body and c.body.get("force_refresh")]
    assert not forced  # a normal fetch gave a new token: no force_refresh


def test_force_refresh_only_when_normal_fetch_returns_the_failed_token(hub_server, sim):
    creds = enrol(hub_server)
    with counter_client(hub_server, creds) as client:
        client.get_code(sim.demo_code("cash"))
        # WeChat refuses a token that stable_token still hands out: only force_refresh can help
        sim.inject("/card/code/get", "errcode", errcode=40001)
        client.get_code(sim.demo_code("cash"))
        sim.inject("/card/code/get", "errcode", errcode=40001)
        sim.inject("/card/code/get", "errcode", errcode=40001)
        with pytest.raises(ApiError):  # within 30 s of the last force: refused, not forced again
            client.get_code(sim.demo_code("cash"), check_consume=True)
    forced = [c for c in sim.calls_to("/cgi-bin/stable_token") if c.body and c.body.get("force_refresh")]
    assert len(forced) == 1


def test_revoked_terminal_is_locked_out_at_once(hub_server, sim):
    from pos_app.hub import terminals

    creds = enrol(hub_server)
    with counter_client(hub_server, creds) as client:
        client.get_code(sim.demo_code("cash"))
        with hub_server.db.tx() as conn:
            assert terminals.revoke(conn, "counter-3")
        with pytest.raises(ApiError) as info:
            client.get_code(sim.demo_code("cash"))
    assert info.value.errcode == 40125


def test_one_unsettled_attempt_per_code_across_the_chain(hub_server, sim):
    a = enrol(hub_server, "12", "counter-3")
    b = enrol(hub_server, "7", "counter-1")
    code = sim.demo_code("cash")
    sim.inject("/card/code/consume", "drop_after_commit")
    sim.inject("/card/code/get", "busy", times=50)  # the hub cannot settle it yet
    with counter_client(hub_server, a) as ca, counter_client(hub_server, b, read_attempts=1) as cb:
        with pytest.raises(AmbiguousError):
            ca.consume(code, attempt_id=uuid.uuid4().hex)
        with pytest.raises(NotDeliveredError):  # refused by the hub before WeChat: nothing sent
            cb.consume(code, attempt_id=uuid.uuid4().hex)
    assert len(sim.calls_to("/card/code/consume")) == 1


def test_a_code_the_chain_already_redeemed_is_refused_by_the_hub_without_asking_wechat(hub_server, sim):
    """A second consume on a redeemed code can only be refused; if that refusal's answer were lost, the
    counter's re-read would see CONSUMED and take it for its own success.  The hub answers 40099 itself."""
    a = enrol(hub_server, "12", "counter-3")
    b = enrol(hub_server, "7", "counter-1")
    code = sim.demo_code("cash")
    with counter_client(hub_server, a) as ca, counter_client(hub_server, b) as cb:
        flow_b = Workflow(cb, settle_delay=0.0)
        lookup_b = flow_b.lookup(code)  # B sees it redeemable...
        ca.consume(code, attempt_id=uuid.uuid4().hex)  # ...A redeems it first
        sim.inject("/card/code/consume", "drop_after_commit")  # B's answer would be lost, were it sent
        result = flow_b.redeem(lookup_b)
    assert result.outcome is Outcome.REFUSED and result.errcode == 40099
    assert len(sim.calls_to("/card/code/consume")) == 1


def test_the_hub_never_says_unused_while_an_attempt_on_the_code_is_unsettled(hub_server, sim):
    """A consume whose answer was lost may still land (until settle_after): meanwhile the hub answers a
    re-read of the unchanged code with "no answer", so no counter concludes "not redeemed" too early."""
    a = enrol(hub_server, "12", "counter-3")
    b = enrol(hub_server, "7", "counter-1")
    code = sim.demo_code("cash")
    with counter_client(hub_server, a) as ca, counter_client(hub_server, b, read_attempts=1) as cb:
        flow = Workflow(ca, settle_delay=0.0)
        lookup = flow.lookup(code)
        sim.inject("/card/code/consume", "drop_before")  # sent, connection lost, nothing done (this time)
        result = flow.redeem(lookup)
        assert result.outcome is Outcome.PENDING  # "Confirming…", never "NOT redeemed"
        with pytest.raises(AmbiguousError):
            cb.get_code(code, check_consume=False)
        with hub_server.db.tx() as conn:  # once the attempt can no longer land, the code reads unused again
            conn.execute("UPDATE attempts SET sent_at = sent_at - interval '1 minute'")
        assert hub_server.hub.settle_due() == 1
        assert cb.get_code(code, check_consume=False).status is CodeStatus.NORMAL
    assert sim.code_status(code) == "NORMAL"


def test_a_counter_settles_its_pending_attempts_from_the_hub(hub_server, sim, tmp_path):
    from pos_app.hub.settle_from_hub import settle_from_hub
    from pos_app.journal import Journal

    creds = enrol(hub_server)
    redeemed, untouched = sim.demo_codes("cash")[:2]
    with counter_client(hub_server, creds, read_attempts=1) as client, Journal.open(tmp_path / "j.sqlite") as journal:
        flow = Workflow(client, journal, settle_delay=0.0)
        lookups = [flow.lookup(redeemed), flow.lookup(untouched)]
        sim.inject("/card/code/consume", "drop_after_commit")  # done, answer lost
        sim.inject("/card/code/get", "busy", times=1)  # and the counter's re-read gets nowhere
        assert flow.redeem(lookups[0]).outcome is Outcome.PENDING
        sim.inject("/card/code/consume", "drop_before")  # not done, answer lost
        assert flow.redeem(lookups[1]).outcome is Outcome.PENDING
        assert len(journal.pending()) == 2
        # nothing settles the second before it can no longer land; then the hub's registry says
        assert [o for _, o in settle_from_hub(journal, hub_server.url, creds.appid, creds.secret)] == [Outcome.REDEEMED]
        with hub_server.db.tx() as conn:
            conn.execute("UPDATE attempts SET sent_at = sent_at - interval '1 minute'")
        settled = settle_from_hub(journal, hub_server.url, creds.appid, creds.secret)
        assert [o for _, o in settled] == [Outcome.ERROR] and not journal.pending()
        messages = journal.connection.execute(
            "SELECT message FROM entries WHERE kind = 'outcome' AND settled ORDER BY id"
        ).fetchall()
        from pos_app.workflow import MSG_NOT_DONE_AFTER_LOSS, MSG_REDEEMED  # the workflow's own wording

        assert [m[0] for m in messages] == [MSG_REDEEMED, MSG_NOT_DONE_AFTER_LOSS]
    assert sim.code_status(redeemed) == "CONSUMED" and sim.code_status(untouched) == "NORMAL"
    assert len(sim.calls_to("/card/code/consume")) == 2


def test_the_hubs_registry_is_a_source_of_others_for_a_counters_workflow(hub_server, sim):
    """Counter B's workflow learns from the hub that A's attempt on the code is unresolved: it neither
    sends a consume nor says "redeemable" — it waits (the core's settle rule with the hub's "others")."""
    from pos_app.hub.settle_from_hub import hub_known_attempts

    a = enrol(hub_server, "12", "counter-3")
    b = enrol(hub_server, "7", "counter-1")
    code = sim.demo_code("cash")
    with counter_client(hub_server, a) as ca, counter_client(hub_server, b, read_attempts=1) as cb:
        flow_b = Workflow(cb, settle_delay=0.0, known_elsewhere=hub_known_attempts(hub_server.url, b.appid, b.secret))
        lookup_b = flow_b.lookup(code)
        sim.inject("/card/code/consume", "drop_before")  # A's consume: sent, answer lost, not done (yet)
        with pytest.raises(AmbiguousError):
            ca.consume(code, attempt_id=uuid.uuid4().hex)
        others = hub_known_attempts(hub_server.url, b.appid, b.secret)(code)
        assert [o.state.value for o in others] == ["unresolved"]
        result = flow_b.redeem(lookup_b)
    assert result.outcome is Outcome.REFUSED and result.verdict.value == "error"  # "an earlier attempt is pending"
    assert len(sim.calls_to("/card/code/consume")) == 1
