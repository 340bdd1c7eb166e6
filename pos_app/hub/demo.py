"""`pos-app hub serve --demo`: a private PostgreSQL cluster, the simulator as WeChat, one enrolled terminal."""

from __future__ import annotations

import sys

from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.i18n import translate

CTX = "hub"
MSG_NO_POSTGRES = N_(CTX, "The demo needs PostgreSQL's server binaries (Debian: apt install postgresql).")
MSG_DEMO = N_(CTX, "Demo hub (private PostgreSQL, simulated WeChat) at {url}")
MSG_DEMO_ENROL = N_(CTX, "Enrolment code for terminal {terminal} of store {store}: {code}")
DEMO_STORE, DEMO_STORE_NAME, DEMO_TERMINAL = "12", "Store 12", "counter-3"


def run_demo(host: str, port: int) -> int:
    from pos_app.credentials import Credentials
    from pos_app.hub import terminals
    from pos_app.hub.pgcluster import Cluster, NoPostgresError
    from pos_app.hub.server import HubServer
    from pos_app.sandbox import DEMO_APPID, DEMO_SECRET, Simulator

    try:
        cluster = Cluster()
    except NoPostgresError:
        print(translate(CTX, MSG_NO_POSTGRES), file=sys.stderr)
        return 3
    try:
        url = cluster.start()
        with Simulator() as sim:
            server = HubServer(url, Credentials(DEMO_APPID, DEMO_SECRET), upstream=sim.base_url, host=host, port=port)
            with server.db.tx() as conn:
                terminals.ensure_store(conn, DEMO_STORE, DEMO_STORE_NAME)
                code = terminals.enroll(conn, DEMO_STORE, DEMO_TERMINAL)
            print(translate(CTX, MSG_DEMO).format(url=server.url))
            print(translate(CTX, MSG_DEMO_ENROL).format(terminal=DEMO_TERMINAL, store=DEMO_STORE, code=code))
            print(f"  pos-app connect {server.url} --code {code}")
            print()
            print(sim.describe())
            sys.stdout.flush()
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                pass
    finally:
        cluster.destroy()
    return 0
