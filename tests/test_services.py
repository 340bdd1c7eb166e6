"""The composition root: settings and credentials changed at run time reach the next call (issue 10 #7)."""

from __future__ import annotations

import pytest

from pos_app import credentials
from pos_app.config import Config
from pos_app.errors import ApiError, ConfigError
from pos_app.sandbox import DEMO_APPID, DEMO_SECRET, Simulator
from pos_app.services import build_services


@pytest.fixture
def two_services():
    with Simulator() as first, Simulator() as second:
        yield first, second


def test_reconfigure_sends_the_next_lookup_to_the_new_address(two_services):
    first, second = two_services
    credentials.save(DEMO_APPID, DEMO_SECRET)
    config = Config(api_base=first.base_url)
    services = build_services(False, config)
    try:
        code = first.demo_code("cash")
        assert services.workflow().lookup(code).code == code
        assert first.calls_to("/card/code/get")
        config.api_base = second.base_url
        services.reconfigure(config)
        workflow = services.workflow()
        workflow.lookup(second.demo_code("cash"))
        assert second.calls_to("/card/code/get")  # the new address, at once
        assert len(first.calls_to("/card/code/get")) == 1
        assert services.read_code(second.demo_code("cash"), None).code == second.demo_code("cash")
    finally:
        services.close()


def test_reconfigure_picks_up_replaced_credentials(sim):
    credentials.save(DEMO_APPID, "not-the-secret")
    services = build_services(False, Config(api_base=sim.base_url))
    try:
        with pytest.raises(ApiError):  # the wrong secret: WeChat refuses the token
            services.client.get_code(sim.demo_code("cash"), None, check_consume=False)
        credentials.save(DEMO_APPID, DEMO_SECRET)
        services.reconfigure()
        assert services.read_code(sim.demo_code("cash"), None).status is not None
    finally:
        services.close()


def test_reconfigure_without_credentials_keeps_the_old_client(sim):
    credentials.save(DEMO_APPID, DEMO_SECRET)
    services = build_services(False, Config(api_base=sim.base_url))
    try:
        old = services.client
        credentials.clear()
        with pytest.raises(ConfigError):
            services.reconfigure()
        assert services.client is old
        assert services.read_code(sim.demo_code("cash"), None).code == sim.demo_code("cash")
    finally:
        services.close()


def test_settle_pending_reports_what_it_could_not_settle(sim):
    from pos_app.models import Action, OperationContext

    credentials.save(DEMO_APPID, DEMO_SECRET)
    services = build_services(False, Config(api_base=sim.base_url))
    try:
        assert services.journal is not None
        services.journal.begin(Action.REDEEM, sim.demo_code("cash"), None, OperationContext("Li", "1"))
        report = services.settle_pending()
        assert report.resolved == [] and len(report.waiting) == 1 and report.notices("en")
        assert services.reconcile() == []
    finally:
        services.close()
