"""Enrol terminals and build counter-side clients for the hub's tests."""

from __future__ import annotations

from typing import Any

import httpx

from pos_app.client import WeChatClient
from pos_app.credentials import Credentials
from pos_app.hub import terminals
from pos_app.sandbox import DEMO_CUSTOM_CARD_IDS


def enrol(hub_server: Any, store: str = "12", name: str = "counter-3", identity: str | None = None) -> Credentials:
    """Enrol ``name`` at ``store`` and connect it over HTTP, as `pos-app connect` does."""
    with hub_server.db.tx() as conn:
        code = terminals.enroll(conn, store, name)
    answer = httpx.post(f"{hub_server.url}/hub/v1/connect", json={"code": code, "journal_identity": identity})
    assert answer.status_code == 200, answer.text
    data = answer.json()
    return Credentials(data["terminal"], data["credential"])


def counter_client(hub_server: Any, creds: Credentials, **kwargs: Any) -> WeChatClient:
    kwargs.setdefault("backoff", 0.01)
    return WeChatClient(hub_server.url, creds, custom_card_ids=DEMO_CUSTOM_CARD_IDS, **kwargs)
