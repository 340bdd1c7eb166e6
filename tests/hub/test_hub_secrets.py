"""The secret stays on the hub: where it is read from, and that no log line carries it or a token."""

from __future__ import annotations

import logging
import os

import pytest

from pos_app.credentials import Credentials
from pos_app.errors import ConfigError
from pos_app.hub import secret
from pos_app.sandbox import DEMO_APPID, DEMO_SECRET
from tests.hub.helpers import counter_client, enrol


def test_secret_from_file_env_or_keyring(tmp_path, monkeypatch):
    for name in (secret.ENV_FILE, secret.ENV_APPID, secret.ENV_SECRET):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ConfigError):
        secret.load()
    secret.save("wxkeyring", "from-keyring")
    assert secret.load() == Credentials("wxkeyring", "from-keyring")
    monkeypatch.setenv(secret.ENV_APPID, "wxenv")
    monkeypatch.setenv(secret.ENV_SECRET, "from-env")
    assert secret.load() == Credentials("wxenv", "from-env")
    path = tmp_path / "hub.secret"
    path.write_text("wxfile:from-file\n")
    os.chmod(path, 0o644)
    monkeypatch.setenv(secret.ENV_FILE, str(path))
    with pytest.raises(ConfigError) as info:  # readable by others: refused
        secret.load()
    assert "chmod 600" in info.value.detail and "from-file" not in str(info.value)
    os.chmod(path, 0o600)
    assert secret.load() == Credentials("wxfile", "from-file")


def test_two_hubs_share_one_token_and_no_log_line_carries_a_secret(database_url, sim, caplog):
    from pos_app.hub.server import HubServer

    caplog.set_level(logging.DEBUG)
    creds = Credentials(DEMO_APPID, DEMO_SECRET)
    with (
        HubServer(database_url, creds, upstream=sim.base_url) as one,
        HubServer(database_url, creds, upstream=sim.base_url) as two,
    ):
        terminals = [enrol(one, "12", "counter-1"), enrol(two, "12", "counter-2")]
        sessions = []
        for _round in range(3):
            sim.invalidate_tokens()  # every token dies: both hubs need a new one
            for server, creds_t in zip((one, two), terminals, strict=True):
                with counter_client(server, creds_t) as client:
                    client.get_code(sim.demo_code("cash"))
                    sessions.append(client.fetch_token())
    fetches = sim.calls_to("/cgi-bin/stable_token")
    assert len(fetches) == 3  # one fetch per invalidation for both processes: the row is shared
    assert not [c for c in fetches if c.body and c.body.get("force_refresh")]
    text = caplog.text
    assert DEMO_SECRET not in text
    for token in list(sim.state.tokens) + sessions + [t.secret for t in terminals]:
        assert token not in text
