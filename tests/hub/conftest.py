"""Real PostgreSQL for the hub's tests: one private cluster per session (Debian's binaries, started as a
dedicated user when we are root), one fresh database per test cloned from a migrated template.

Skipped, with the reason, only when no PostgreSQL server binaries are installed.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from typing import Any

import pytest

from pos_app.hub.pgcluster import Cluster, NoPostgresError, find_bindir

_counter = itertools.count()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    if find_bindir() is None:
        reason = "no PostgreSQL server binaries (initdb, pg_ctl): install Debian's `postgresql`"
        if os.environ.get("POS_APP_REQUIRE_POSTGRES"):  # CI: a missing package must not pass as a skip
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        cluster = Cluster()
    except NoPostgresError as exc:  # pragma: no cover - find_bindir said yes
        pytest.skip(str(exc))
    cluster.start()
    import psycopg

    from pos_app.hub.migrate import migrate

    with psycopg.connect(cluster.url, autocommit=True) as conn:
        conn.execute("CREATE DATABASE hub_template")
    with psycopg.connect(_db_url(cluster, "hub_template"), autocommit=True) as conn:
        migrate(conn)
    yield cluster
    cluster.destroy()


def _db_url(cluster: Cluster, name: str) -> str:
    return cluster.url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def database_url(pg_cluster: Cluster) -> str:
    """A fresh, migrated database for this test."""
    import psycopg

    name = f"hub_test_{next(_counter)}"
    with psycopg.connect(pg_cluster.url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE hub_template")
    return _db_url(pg_cluster, name)


@pytest.fixture
def hub_server(database_url: str, sim: Any) -> Iterator[Any]:
    """A hub on loopback in front of the simulator (demo credentials), settler every 0.2 s."""
    from pos_app.credentials import Credentials
    from pos_app.hub.server import HubServer
    from pos_app.sandbox import DEMO_APPID, DEMO_SECRET

    server = HubServer(database_url, Credentials(DEMO_APPID, DEMO_SECRET), upstream=sim.base_url, settle_interval=0.2)
    server.start()
    yield server
    server.stop()
