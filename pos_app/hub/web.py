"""Head office's pages (filled in by a later step)."""

from __future__ import annotations

from starlette.routing import Route

from pos_app.hub.relay import Hub


def routes(hub: Hub) -> list[Route]:
    del hub
    return []
