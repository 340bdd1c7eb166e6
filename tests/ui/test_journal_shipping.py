"""The counter window ships its journal to a real hub (real PostgreSQL, the simulator upstream) by itself:
right after a redemption, on a worker thread; with the hub down the status line says how many rows are
not yet there and since when, and once the hub is back the rows catch up."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_app.shipping import count_rows
from pos_app.ui.main_window import MainWindow
from tests.hub.conftest import database_url, pg_cluster  # noqa: F401  (the hub's own fixtures)
from tests.hub.helpers import enrol
from tests.ui.test_chain_counter import WAIT_MS, connect_as, scan

pytestmark = [pytest.mark.slow, pytest.mark.qt_log_ignore("propagateSizeHints")]


def start_hub(database_url: str, sim: Any, port: int = 0) -> Any:  # noqa: F811
    from pos_app.credentials import Credentials
    from pos_app.hub.server import HubServer
    from pos_app.sandbox import DEMO_APPID, DEMO_SECRET

    hub = HubServer(database_url, Credentials(DEMO_APPID, DEMO_SECRET), upstream=sim.base_url, port=port)
    hub.start()
    return hub


def rows_at_hub(hub: Any, terminal: str) -> int:
    with hub.db.tx() as conn:
        return int(
            conn.execute("SELECT count(*) AS n FROM journal_rows WHERE terminal = %s", (terminal,)).fetchone()["n"]
        )


def test_the_window_ships_by_itself_and_catches_up_after_the_hub_was_down(qtbot, database_url, sim):  # noqa: F811
    hub = start_hub(database_url, sim)
    services = None
    w = None
    try:
        creds = enrol(hub, "7", "counter-1")
        services = connect_as(hub, creds)
        journal = services.journal.path
        w = MainWindow(services, cashier="Wang", band_seconds=1, probe_ms=200)
        qtbot.addWidget(w)
        shipping = w.journal_ship.shipping
        assert shipping is not None
        shipping.interval, shipping.first_retry, shipping.max_backoff = 3600.0, 0.3, 1.0  # only pokes, fast retries
        w.journal_ship.timer.setInterval(100)
        threads: list[str] = []
        ship = shipping._ship
        shipping._ship = lambda: (threads.append(threading.current_thread().name), ship())[1]
        w.show()
        label = w.ship_label

        # The first ship at start; then a redemption is at the hub right after it.
        qtbot.waitUntil(lambda: "all rows at the hub" in label.text(), timeout=WAIT_MS)
        scan(qtbot, w, sim.demo_codes("cash")[0])
        qtbot.keyClick(w.scan_field, Qt.Key.Key_F9)
        qtbot.waitUntil(lambda: rows_at_hub(hub, "counter-1") == count_rows(journal), timeout=WAIT_MS)
        assert count_rows(journal) >= 3  # a lookup, the attempt and its outcome
        qtbot.waitUntil(lambda: "all rows at the hub" in label.text() and label.isVisible(), timeout=WAIT_MS)
        assert threads and threading.main_thread().name not in threads  # never on the GUI thread

        # The hub goes away: a lookup is still recorded here; the status says what is missing, since when.
        port = hub.port
        at_hub = rows_at_hub(hub, "counter-1")
        hub.stop()
        hub = None
        scan(qtbot, w, sim.demo_codes("cash")[1])
        qtbot.keyClick(w.scan_field, Qt.Key.Key_F9)  # refused offline: nothing recorded, no ship needed
        shipping.soon()
        w.journal_ship.tick()
        qtbot.waitUntil(lambda: "hub unreachable since" in label.text(), timeout=WAIT_MS)
        missing = count_rows(journal) - at_hub
        assert missing >= 1
        found = re.search(
            r"Journal: (\d+) row\(s\) not yet at the hub \(hub unreachable since \d\d:\d\d\)", label.text()
        )
        assert found and int(found.group(1)) == missing, label.text()
        assert label.property("shipState") == "behind"
        assert w.offline_banner.isVisible() and "hub" in w.offline_banner.text()  # the hub is what is missing

        # Back on the same address: the rows catch up by themselves.
        hub = start_hub(database_url, sim, port)
        qtbot.waitUntil(lambda: "all rows at the hub" in label.text(), timeout=WAIT_MS)
        assert rows_at_hub(hub, "counter-1") == count_rows(journal)
    finally:
        if w is not None:
            w.shutdown()
        if services is not None:
            services.close()
        if hub is not None:
            hub.stop()


def test_no_hub_no_shipping_and_no_line(qtbot):
    from pos_app.services import build_services

    services = build_services(demo=True)
    try:
        assert services.journal_shipping() is None  # training never ships
        w = MainWindow(services, cashier="Wang")
        qtbot.addWidget(w)
        w.show()
        qtbot.wait(100)
        assert w.journal_ship.shipping is None and w.journal_ship.worker is None and not w.ship_label.isVisible()
        w.shutdown()
    finally:
        services.close()
