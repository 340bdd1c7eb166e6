"""When the counter ships its journal by itself (pos_app.shipping): first at once, then every interval, at
once after a redemption, backing off while the hub is unreachable.  A real journal file and real HTTP to
a loopback port nobody listens on; the hub itself is in tests/ui/test_journal_shipping.py."""

from __future__ import annotations

import socket

import pytest

from pos_app.journal import Journal
from pos_app.models import OperationContext
from pos_app.shipping import ShipStatus, count_rows, for_counter
from tests.journal_helpers import CASH, lookup


class Clock:
    def __init__(self) -> None:
        self.t = 1_780_000_000.0

    def __call__(self) -> float:
        return self.t


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def journal(tmp_path):
    path = tmp_path / "journal.sqlite"
    with Journal.open(path) as j:
        for n in range(3):
            j.record_lookup(lookup(f"88000000000{n}", CASH), OperationContext(cashier="Li", terminal="t1"))
    return path


def test_an_unreachable_hub_is_said_with_the_rows_not_yet_there_and_backs_off(journal):
    clock = Clock()
    url = f"http://127.0.0.1:{closed_port()}"
    shipping = for_counter(
        lambda: (url, "t1", "secret"), journal, interval=60, first_retry=15, max_backoff=100, clock=clock
    )
    assert shipping.due()
    status = shipping.run()
    rows = count_rows(journal)
    assert rows >= 3
    assert status == ShipStatus(rows, None, clock(), "", clock())
    assert status.not_at_hub == rows and not status.all_at_hub
    pauses = []
    for _ in range(5):
        pauses.append(shipping.next_at - clock())
        shipping.soon()  # a redemption while the hub is away does not shorten the pause
        assert not shipping.due()
        clock.t = shipping.next_at
        assert shipping.due()
        later = shipping.run()
        assert later.unreachable_since == status.unreachable_since  # since the first failure
    assert pauses == [15, 30, 60, 100, 100]


def test_a_journal_not_created_yet_counts_no_rows(tmp_path):
    assert count_rows(tmp_path / "none.sqlite") == 0
