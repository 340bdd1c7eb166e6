"""Saved settings or new credentials reach the running client (run on the window's worker).

The core's ``Services.reconfigure()`` does it when it exists; until then the client is rebuilt here from
the saved configuration and the keyring, and the old one closed.  On the serial worker, no request of the
old client is running meanwhile (only lookups the cashier abandoned may still finish on it).
"""

from __future__ import annotations

from typing import Any


def reconfigure(services: Any) -> None:
    core = getattr(services, "reconfigure", None)
    if callable(core):
        core()
        return
    config = services.config
    if getattr(services, "demo", False):  # training keeps its simulator; only the card IDs follow
        services.client.custom_card_ids = tuple(config.custom_card_ids)
        return
    from pos_app import credentials
    from pos_app.client import WeChatClient

    creds = credentials.require()
    old = services.client
    services.client = WeChatClient(
        config.effective_api_base(), creds, custom_card_ids=list(config.custom_card_ids), via_hub=config.hub_terminal
    )
    closers = getattr(services, "_closers", None)
    if closers is not None:
        closers.append(services.client.close)
    old.close()
