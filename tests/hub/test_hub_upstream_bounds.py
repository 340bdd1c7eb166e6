"""The hub's own exchange with WeChat is bounded like the counter's client: a deadline, a size limit, https."""

from __future__ import annotations

import time

import pytest

from pos_app.errors import AmbiguousError, ConfigError
from pos_app.hub.upstream import Upstream
from tests.hostile_server import HostileServer


@pytest.mark.parametrize("mode", ["drip", "drip_head", "huge", "endless"])
def test_a_hostile_upstream_answer_ends_within_the_deadline(mode: str) -> None:
    with HostileServer(mode, drip_every=0.5) as server:
        upstream = Upstream(server.base_url, deadline=2.0)
        started = time.monotonic()
        try:
            with pytest.raises(AmbiguousError):
                upstream.post("/card/code/consume", {"code": "123456789012"}, token="T")
        finally:
            upstream.close()
        assert time.monotonic() - started < 6.0


def test_plain_http_to_another_host_is_refused() -> None:
    with pytest.raises(ConfigError):
        Upstream("http://203.0.113.5")
