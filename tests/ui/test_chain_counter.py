"""Two counters of a chain through a real hub (real PostgreSQL, the simulator upstream, loopback HTTP):
counter A redeems, counter B's window and CLI say where, by whom and when; a card B's store may not
redeem is refused on B's screen and command line.  The hub's fixtures are tests/hub/conftest.py's."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_app.models import Outcome, Verdict
from pos_app.ui.main_window import MainWindow
from tests.conftest import ROOT, cli_env
from tests.hub.conftest import database_url, hub_server, pg_cluster  # noqa: F401  (the hub's own fixtures)
from tests.hub.helpers import counter_client, enrol

pytestmark = [pytest.mark.slow, pytest.mark.qt_log_ignore("propagateSizeHints")]
WAIT_MS = 15000


def connect_as(hub: Any, creds: Any) -> Any:
    """What `pos-app connect` leaves behind: the terminal in the keyring, api_base at the hub."""
    from pos_app import credentials
    from pos_app.config import Config
    from pos_app.services import build_services

    credentials.save(creds.appid, creds.secret)
    config = Config.load()
    config.set_text("api_base", hub.url)
    config.terminal_id = creds.appid
    config.hub_terminal = True
    config.save()
    services = build_services(False, Config.load())
    services.client._sleep = lambda _s: None
    return services


def counter_a_redeems(hub: Any, creds: Any, code: str, journal_path: Any, *, ship: bool) -> None:
    """Counter A (store 12, cashier Li) redeems ``code`` through the hub, then ships its journal."""
    from pos_app.hub.shipper import Shipper
    from pos_app.journal import Journal
    from pos_app.models import OperationContext
    from pos_app.workflow import Workflow

    with counter_client(hub, creds) as client, Journal.open(journal_path) as journal:
        flow = Workflow(client, journal, OperationContext(cashier="Li", terminal=creds.appid))
        assert flow.redeem(flow.lookup(code)).outcome is Outcome.REDEEMED
    if ship:
        with Shipper(hub.url, creds.appid, creds.secret, journal_path) as shipper:
            shipper.ship()


@pytest.fixture
def chain(hub_server, sim, isolated_dirs, tmp_path) -> Iterator[dict[str, Any]]:  # noqa: F811
    from pos_app.hub import terminals

    with hub_server.db.tx() as conn:
        terminals.ensure_store(conn, "12", "Store 12")
        terminals.ensure_store(conn, "7", "Store 7")
    a = enrol(hub_server, "12", "3")
    b = enrol(hub_server, "7", "counter-1")
    services = connect_as(hub_server, b)
    yield {"hub": hub_server, "sim": sim, "a": a, "b": b, "services": services, "a_journal": tmp_path / "a.sqlite"}
    services.close()


@pytest.fixture
def window(qtbot, chain) -> Iterator[MainWindow]:
    w = MainWindow(chain["services"], cashier="Wang", band_seconds=30, confirm_retry_ms=100, probe_ms=200)
    qtbot.addWidget(w)
    w.resize(1024, 768)
    w.show()
    w.activateWindow()
    qtbot.waitActive(w)
    yield w
    w.shutdown()


def scan(qtbot, w: MainWindow, code: str) -> None:
    qtbot.keyClick(w, Qt.Key.Key_Escape)
    qtbot.keyClicks(w.scan_field, code)
    qtbot.keyClick(w.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.state == "showing" and not w.worker.busy, timeout=WAIT_MS)


def cli(isolated_dirs: Any, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos_app", *args],
        cwd=ROOT,
        env=cli_env(isolated_dirs, LANG="en_US.UTF-8"),
        capture_output=True,
        text=True,
        timeout=120,
    )


def hhmm_of_redemption(hub: Any, code: str) -> str:
    with hub.db.tx() as conn:
        row = conn.execute(
            "SELECT settled_at FROM attempts WHERE code = %s AND outcome = 'redeemed'", (code,)
        ).fetchone()
    return datetime.fromtimestamp(row["settled_at"].timestamp()).strftime("%H:%M")


def test_counter_b_shows_where_counter_a_redeemed(qtbot, chain, window, isolated_dirs):
    hub, sim = chain["hub"], chain["sim"]
    code = sim.demo_codes("cash")[0]
    counter_a_redeems(hub, chain["a"], code, chain["a_journal"], ship=False)
    at = hhmm_of_redemption(hub, code)

    # Before A's journal reaches the hub, the hub knows where and when, not who: B's screen says so.
    scan(qtbot, window, code)
    assert window.current.verdict is Verdict.ALREADY_REDEEMED
    said = window.panel.message_label.text()
    assert f"Already redeemed at Store 12, counter 3, cashier not known yet, {at}." in said, said
    assert not window.redeem_button.isEnabled()

    from pos_app.hub.shipper import Shipper

    with Shipper(hub.url, chain["a"].appid, chain["a"].secret, chain["a_journal"]) as shipper:
        shipper.ship()
    scan(qtbot, window, sim.demo_codes("cash")[1])  # another code, then the first again: asked afresh
    scan(qtbot, window, code)
    said = window.panel.message_label.text()
    assert f"Already redeemed at Store 12, counter 3, by Li, {at}." in said, said
    assert "Redeemed here" not in said  # B's own journal never redeemed it

    # B's command line says the same (plain and --json).
    done = cli(isolated_dirs, "lookup", code)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"Chain: Already redeemed at Store 12, counter 3, by Li, {at}." in done.stdout, done.stdout
    data = json.loads(cli(isolated_dirs, "lookup", code, "--json").stdout)
    assert (data["chain_change"]["store_name"], data["chain_change"]["cashier"]) == ("Store 12", "Li")
    assert data["chain_change"]["text"].startswith("Already redeemed at Store 12")
    refused = cli(isolated_dirs, "redeem", code, "--cashier", "Wang")
    assert refused.returncode == 1 and "by Li" in refused.stdout, refused.stdout + refused.stderr


def test_a_redemption_that_lost_the_race_says_where_the_chain_redeemed_it(qtbot, chain, window):
    """B shows the coupon as redeemable; A redeems it meanwhile; B's F9 is refused by the hub, which
    names A's redemption in its answer."""
    hub, sim = chain["hub"], chain["sim"]
    code = sim.demo_codes("cash")[2]
    scan(qtbot, window, code)
    assert window.current.verdict is Verdict.REDEEMABLE
    counter_a_redeems(hub, chain["a"], code, chain["a_journal"], ship=True)
    consumes = len(sim.calls_to("/card/code/consume"))
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.state == "showing" and not window.worker.busy, timeout=WAIT_MS)
    assert window.current.outcome is Outcome.REFUSED and window.current.verdict is Verdict.ALREADY_REDEEMED
    said = window.panel.message_label.text()
    assert f"Already redeemed at Store 12, counter 3, by Li, {hhmm_of_redemption(hub, code)}." in said, said
    assert len(sim.calls_to("/card/code/consume")) == consumes  # the hub answered from its record


def test_a_card_this_store_may_not_redeem_is_refused_on_screen_and_cli(qtbot, chain, window, isolated_dirs):
    from pos_app.hub import terminals

    hub, sim = chain["hub"], chain["sim"]
    with hub.db.tx() as conn:
        terminals.set_store_cards(conn, "7", ["p-some-other-card-" + uuid.uuid4().hex[:6]])
    code = sim.demo_codes("cash")[3]
    scan(qtbot, window, code)
    assert window.current.verdict is Verdict.STORE_NOT_ALLOWED
    assert window.panel.verdict_label.text() == "Not at this store"
    assert "This store may not redeem this coupon (chain rule)." in window.panel.message_label.text()
    assert not window.redeem_button.isEnabled() and not window.panel.deduct_label.isVisible()
    qtbot.keyClick(window.scan_field, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: "chain rule" in window.view.status_label.text(), timeout=2000)
    assert window.state == "showing"

    done = cli(isolated_dirs, "redeem", code, "--cashier", "Wang")
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.startswith("NOT REDEEMED — This store may not redeem this coupon (chain rule)."), done.stdout
    looked = cli(isolated_dirs, "lookup", code)
    assert looked.returncode == 1 and looked.stdout.startswith("Not at this store — "), looked.stdout
    assert sim.code_status(code) == "NORMAL" and not sim.calls_to("/card/code/consume")
