"""The command-line contract: commands, exit statuses, --json, secrets never printed.

Each test runs the real `pos-app` in a subprocess, against the simulator over loopback.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pos_app.sandbox import DEMO_APPID, DEMO_SECRET
from tests.conftest import cli_env, configured_counter_env

JSON_KEYS = {
    "code",
    "card_id",
    "status",
    "can_consume",
    "begin_time",
    "end_time",
    "card",
    "outcome",
    "errcode",
    "message",
}


def run(*args: str, stdin: str = "", env: dict[str, str] | None = None, timeout: float = 60):
    proc = subprocess.run(
        [sys.executable, "-m", "pos_app", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or cli_env(None),
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture
def live(sim):
    """A simulator plus stored demo credentials: the CLI as a configured counter would run it."""
    return configured_counter_env(sim.base_url)


def test_lookup_redeemable_exits_0_with_json(sim, live):
    proc = run("lookup", sim.demo_code("cash"), "--json", env=live)
    assert proc.returncode == 0
    data = json.loads(proc.stdout)
    assert JSON_KEYS <= data.keys()
    assert data["code"] == sim.demo_code("cash") and data["status"] == "NORMAL" and data["can_consume"] is True
    assert data["outcome"] == "redeemable"
    assert isinstance(data["begin_time"], int) and isinstance(data["end_time"], int)
    assert data["card"]["type"] == "CASH" and data["card"]["least_cost"] == 50000
    assert "¥50.00" in data["card"]["value"]


@pytest.mark.parametrize(
    ("key", "status"),
    # every status is covered in test_workflow; here the exit status and JSON for each kind of "no"
    [("consumed", "CONSUMED"), ("expired_clock", "NORMAL"), ("unknown", None)],
)
def test_lookup_not_redeemable_exits_1(sim, live, key, status):
    proc = run("lookup", sim.demo_code(key), "--json", env=live)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    data = json.loads(proc.stdout)
    assert data["status"] == status and data["outcome"] == "not_redeemable"


def test_redeem_consumes_once_and_second_redeem_is_refused(sim, live):
    code = sim.demo_code("discount")
    proc = run("redeem", code, "--json", env=live)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["outcome"] == "redeemed"
    assert sim.code_status(code) == "CONSUMED"
    proc = run("redeem", code, "--json", env=live)
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert data["outcome"] == "refused" and data["status"] == "CONSUMED"
    assert [c.path for c in sim.calls].count("/card/code/consume") == 1
    # The journal knows who redeemed it here.
    assert "Redeemed here at" in data["last_redemption"]["text"]


def test_redeem_lost_answer_is_confirmed_by_rereading(sim, live):
    code = sim.demo_code("gift")
    sim.inject("/card/code/consume", "drop_after_commit")
    proc = run("redeem", code, "--json", env=live)
    data = json.loads(proc.stdout)
    assert proc.returncode == 0 and data["outcome"] == "redeemed" and data["confirmed_by_reread"] is True


def test_invalidate_requires_a_short_reason(sim, live):
    code = sim.demo_code("groupon")
    assert run("invalidate", code, "--reason", "x" * 65, env=live).returncode == 2
    assert run("invalidate", code, env=live).returncode == 2
    assert sim.code_status(code) == "NORMAL"
    proc = run("invalidate", code, "--reason", "顾客退款", "--json", env=live)
    assert proc.returncode == 0 and json.loads(proc.stdout)["outcome"] == "invalidated"
    assert sim.code_status(code) == "UNAVAILABLE"
    assert run("invalidate", code, "--reason", "again", env=live).returncode == 1


@pytest.mark.parametrize("code", ["", "1" * 21, "优惠"])
def test_bad_input_exits_2_without_a_request(sim, live, code):
    proc = run("lookup", code, env=live)
    assert proc.returncode == 2 and proc.stderr.strip()
    assert all(c.path.startswith("/cgi-bin") is False for c in sim.calls if c.path.startswith("/card"))
    assert not any(c.path.startswith("/card") for c in sim.calls)


def test_no_answer_exits_3(live):
    env = dict(live, POS_APP_API_BASE="http://127.0.0.1:9")
    proc = run("redeem", "123456789012", "--json", env=env)
    assert proc.returncode == 3
    assert JSON_KEYS <= json.loads(proc.stdout).keys()
    proc = run("redeem", "123456789012", env=env)
    assert proc.returncode == 3
    assert "No connection to WeChat" in proc.stdout + proc.stderr


def test_server_errors_and_garbage_exit_3(sim, live):
    sim.inject("/card/code/get", "non_json", times=10)
    proc = run("lookup", sim.demo_code("cash"), "--json", env=live)
    assert proc.returncode == 3 and json.loads(proc.stdout)["outcome"] == "error"


def test_settings_problem_is_named(sim, live):
    sim.ip_whitelisted = False
    proc = run("lookup", sim.demo_code("cash"), env=live)
    assert proc.returncode == 3 and "whitelist" in proc.stdout + proc.stderr


def test_no_credentials_and_no_keyring_are_explained(sim):
    env = cli_env(None, POS_APP_API_BASE=sim.base_url)
    proc = run("lookup", "123456789012", env=env)
    assert proc.returncode == 3 and "credentials set" in proc.stderr
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    proc = run("lookup", "123456789012", env=env)
    assert proc.returncode == 3 and "keyring" in proc.stderr


def test_credentials_show_never_prints_the_secret(live):
    proc = run("credentials", "show", env=live)
    assert proc.returncode == 0 and DEMO_APPID in proc.stdout and DEMO_SECRET not in proc.stdout + proc.stderr
    assert run("credentials", "clear", env=live).returncode == 0
    assert run("credentials", "show", env=live).returncode == 1


def test_secret_is_never_written_to_config_or_data_files(sim, live, isolated_dirs):
    run("redeem", sim.demo_code("cash"), env=live)
    run("config", "set", "terminal_id", "T2", env=live)
    for path in isolated_dirs.rglob("*"):
        if path.is_file() and path.name != "keyring.json":  # the test stand-in for the OS keyring
            assert DEMO_SECRET.encode() not in path.read_bytes(), path


def test_config_set_get_list(live):
    assert run("config", "set", "custom_card_ids", "pA, pB", env=live).returncode == 0
    assert run("config", "get", "custom_card_ids", env=live).stdout.strip() == "pA,pB"
    assert run("config", "set", "store_location_id", "abc", env=live).returncode == 2
    assert run("config", "set", "no_such_key", "1", env=live).returncode == 2
    assert run("config", "set", "language", "zh_CN", env=live).returncode == 0
    listing = run("config", "list", env=live).stdout
    assert "language = zh_CN" in listing and "api_base" in listing


def test_language_setting_localizes_messages(sim, live):
    proc = run("--lang", "zh_CN", "lookup", sim.demo_code("consumed"), "--json", env=live)
    assert json.loads(proc.stdout)["message"] == "此券已核销。" or "核销" in json.loads(proc.stdout)["message"]


def test_demo_mode_needs_no_credentials():
    proc = run("--demo", "redeem", "076289988733", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["outcome"] == "redeemed"


def test_scanned_link_with_encrypt_code(sim, live):
    link = sim.card_link(sim.demo_code("general"))
    proc = run("lookup", link, "--json", env=live)
    assert proc.returncode == 0 and json.loads(proc.stdout)["code"] == sim.demo_code("general")


def test_sandbox_command_serves_until_stopped(live):
    proc = subprocess.Popen(
        [sys.executable, "-m", "pos_app", "sandbox", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        env=live,
    )
    try:
        first = proc.stdout.readline()
        assert "http://127.0.0.1:" in first
        url = first.split()[-1]
        env = dict(live, POS_APP_API_BASE=url)
        lookup = run("lookup", "076289988733", "--json", env=env)
        assert lookup.returncode == 0, lookup.stderr
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0


def test_usage_errors_exit_2():
    assert run("lookup").returncode == 2
    assert run("no-such-command").returncode == 2


def test_failed_merchant_condition_needs_an_explicit_override(sim, live):
    assert run("config", "set", "store_location_id", "999", env=live).returncode == 0
    code = sim.demo_code("store_only")  # valid in another store only
    proc = run("lookup", code, "--json", env=live)
    data = json.loads(proc.stdout)
    assert proc.returncode == 1 and data["outcome"] == "not_redeemable"
    assert any(c["kind"] == "store" and c["state"] == "fail" for c in data["card"]["conditions"])
    proc = run("redeem", code, "--json", env=live)
    assert proc.returncode == 1 and json.loads(proc.stdout)["outcome"] == "refused"
    assert sim.code_status(code) == "NORMAL"
    proc = run("redeem", code, "--override", "--json", env=live)
    assert proc.returncode == 0 and json.loads(proc.stdout)["outcome"] == "redeemed"
    export = run("journal", "export", "--format", "json", env=live).stdout
    redeem_rows = [json.loads(line) for line in export.splitlines() if json.loads(line)["action"] == "redeem"]
    assert redeem_rows and "override" in redeem_rows[-1]["reason"]


def test_a_refused_redeem_says_not_redeemed_never_redeemable(sim, live):
    assert run("config", "set", "store_location_id", "999", env=live).returncode == 0
    proc = run("redeem", sim.demo_code("store_only"), env=live)  # a merchant condition fails
    assert proc.returncode == 1
    assert proc.stdout.startswith("NOT REDEEMED — ") and "Redeemable" not in proc.stdout
    proc = run("redeem", sim.demo_code("consumed"), env=live)
    assert proc.returncode == 1 and proc.stdout.startswith("NOT REDEEMED — "), proc.stdout


def _unresolved_attempt(code: str, *, went_through_with=None) -> str:
    """A redeem killed mid-consume, as the journal keeps it (the data folder the CLI uses)."""
    from pos_app.journal import Journal, journal_path
    from pos_app.models import Action, OperationContext

    with Journal.open(journal_path(False)) as journal:
        attempt = journal.begin(Action.REDEEM, code, None, OperationContext("Li", "1"))
    if went_through_with is not None:
        went_through_with.consume(code)
    return attempt


def test_redeem_of_a_code_with_an_unresolved_attempt_is_refused_with_the_reason(sim, live):
    code = sim.demo_code("cash")
    _unresolved_attempt(code)  # its request may still be on the way
    proc = run("redeem", code, env=live)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout.startswith("NOT REDEEMED — An earlier operation on this coupon is not settled yet")
    assert "not settled yet" in proc.stderr  # the start-up settlement said so too, not only a log line
    assert sim.calls_to("/card/code/consume") == []


def test_journal_commands_settle_pending_rows_first(sim, live, client):
    code = sim.demo_code("cash")
    _unresolved_attempt(code, went_through_with=client)  # killed after WeChat consumed it
    proc = run("journal", "pending", env=live)
    assert proc.returncode == 0
    assert "Settled an earlier operation" in proc.stderr and "went through" in proc.stderr
    assert "No unresolved operations." in proc.stdout
    report = run("journal", "report", "--format", "json", env=live)
    assert json.loads(report.stdout)["total"]["redeemed"] == 1


def test_journal_commands_say_plainly_when_they_could_not_settle(sim, live):
    code = sim.demo_code("cash")
    _unresolved_attempt(code)
    down = dict(live, POS_APP_API_BASE="http://127.0.0.1:9")  # nothing listens there
    for args in (("journal", "pending"), ("journal", "export"), ("journal", "report")):
        proc = run(*args, env=down, timeout=30)
        assert proc.returncode == 0, proc.stderr
        assert "could not be settled" in proc.stderr or "could not be checked" in proc.stderr, proc.stderr
    assert code[-4:] in run("journal", "pending", env=down).stdout


def test_a_record_that_could_not_be_written_prints_the_real_outcome_and_exits_as_the_service_said(capsys):
    """Truth first (issue 14 #5): the consume went through, the journal could not record it."""
    import argparse

    from pos_app.cli import core_cmds
    from pos_app.models import Action, Outcome, Result, Verdict

    result = Result(
        Action.REDEEM, "123456789012", None, Verdict.ALREADY_REDEEMED, Outcome.REDEEMED, message="Redeemed."
    )
    core_cmds._print_result(argparse.Namespace(json=False), result, None, None, "OperationalError: database is locked")
    out, err = capsys.readouterr()
    assert out.startswith("REDEEMED — Redeemed.")
    assert "Redeemed — but the record could not be written: OperationalError: database is locked" in err
    assert core_cmds.exit_status("redeem", result) == 0
    core_cmds._print_result(argparse.Namespace(json=True), result, None, None, "disk full")
    out, _ = capsys.readouterr()
    assert json.loads(out)["record_error"] == "disk full" and json.loads(out)["outcome"] == "redeemed"
