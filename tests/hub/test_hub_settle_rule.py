"""A counter settling from the hub's registry goes through the project's one rule (``settle()`` with
``registry=``) and the one wording (``workflow.settled_result``), like the re-read and reconciliation."""

from __future__ import annotations

import time

import pytest

from pos_app.hub.settle_from_hub import settle_from_hub
from pos_app.journal import Journal
from pos_app.limits import settle_after
from pos_app.models import Action, Outcome
from pos_app.settle import KnownAttempt, Registry, Settlement, settle
from pos_app.workflow import MSG_NOT_DONE_AFTER_LOSS
from tests.hub.helpers import enrol
from tests.journal_helpers import LI

T = 1_800_000_000.0


@pytest.mark.parametrize(
    ("registry", "now", "expected"),
    [
        (Registry.SUCCEEDED, T + 1, Settlement.WENT_THROUGH),
        (Registry.FAILED, T + 1, Settlement.NOT_DONE),
        (Registry.NEVER_RECEIVED, T + 1, Settlement.STILL_PENDING),  # it may still reach the hub
        (Registry.NEVER_RECEIVED, settle_after(T), Settlement.NOT_DONE),
        (Registry.UNRESOLVED, T + 1, Settlement.STILL_PENDING),  # the usual rules: no re-read, no answer
        (None, settle_after(T) + 5, Settlement.STILL_PENDING),
    ],
)
def test_the_registry_decides_only_what_it_knows(registry, now, expected):
    attempt = KnownAttempt("a1", Action.REDEEM, T)
    assert settle(attempt, None, (), now, registry=registry) is expected


def test_an_attempt_the_hub_never_received_is_not_done_once_it_can_no_longer_arrive(hub_server, tmp_path):
    creds = enrol(hub_server)
    with Journal.open(tmp_path / "j.sqlite") as journal:
        attempt_id = journal.begin(Action.REDEEM, "123456789012", None, LI)  # the process died before sending
        journal.release(attempt_id)
        assert settle_from_hub(journal, hub_server.url, creds.appid, creds.secret) == []
        assert len(journal.pending()) == 1
        later = settle_after(time.time()) + 1
        settled = settle_from_hub(journal, hub_server.url, creds.appid, creds.secret, now=lambda: later)
        assert settled == [(attempt_id, Outcome.ERROR)] and not journal.pending()
        row = journal.connection.execute(
            "SELECT message, note, settled FROM entries WHERE attempt_id = ? AND kind = 'outcome'", (attempt_id,)
        ).fetchone()
    assert row[0] == MSG_NOT_DONE_AFTER_LOSS and "never received" in row[1] and row[2] == 1
