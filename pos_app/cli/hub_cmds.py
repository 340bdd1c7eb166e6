"""`pos-app hub ...` (the chain's central service and its administration) and `pos-app connect`.

The database URL comes from ``--database`` or ``POS_APP_HUB_DATABASE``; it is never printed (it may hold
a password).  See docs/hub.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from pos_app.cli import EXIT_NO_ANSWER, EXIT_OK, EXIT_REFUSED, EXIT_USAGE
from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.i18n import translate

CTX = "hub"
T = TypeVar("T")
ENV_DATABASE = "POS_APP_HUB_DATABASE"
MSG_NO_DATABASE = N_(CTX, "No database: pass --database postgresql://… or set POS_APP_HUB_DATABASE.")
MSG_DB_DOWN = N_(CTX, "The hub's database cannot be reached: {error}")
MSG_SERVING = N_(CTX, "Hub serving at {url} (Ctrl+C stops it)")
MSG_ENROLLED = N_(
    CTX, "Terminal {terminal} of store {store}: enrolment code {code} (valid 24 hours, once). On the counter run:"
)
MSG_REVOKED = N_(CTX, "Terminal {terminal} is locked out.")
MSG_UNKNOWN_TERMINAL = N_(CTX, "There is no terminal named {terminal}.")
MSG_STORE_RULE = N_(CTX, "Store {store} may redeem: {cards}")
MSG_ALL_CARDS = N_(CTX, "every card")
MSG_CONNECTED = N_(
    CTX, "Connected to the hub as terminal {terminal} of store {store}. The credential is in the keyring."
)
MSG_CONNECT_REFUSED = N_(CTX, "The hub refused the enrolment code: {error}")
MSG_THROTTLED = N_(
    CTX,
    "The hub refuses this address for {minutes} min: too many failed attempts (wrong codes or credentials). "
    "Try again then; if this counter did not make them, tell head office.",
)
MSG_SHIP_REFUSED = N_(CTX, "The hub refused the journal upload: {error}")
MSG_HUB_UNREACHABLE = N_(CTX, "The hub cannot be reached: {error}")
MSG_SHIPPED = N_(CTX, "Journal shipped: the hub holds rows 1 to {acked} of {total}.")
MSG_NOT_CONNECTED = N_(CTX, "This counter is not connected to a hub. Run `pos-app connect HUB_URL --code CODE`.")
MSG_SECRET_SAVED = N_(CTX, "The hub's AppID and AppSecret are stored in this server's keyring.")


def _t(text: str, **kw: Any) -> str:
    return translate(CTX, text).format(**kw)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("hub", help="the chain's central service: secret, token, relay, journals (docs/hub.md)")
    hsub = p.add_subparsers(dest="hub_command", metavar="ACTION", required=True)

    def with_db(sp: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sp.add_argument("--database", metavar="URL", help=f"postgresql://… (default: ${ENV_DATABASE})")
        return sp

    s = with_db(hsub.add_parser("serve", help="run the hub (migrates the database first)"))
    s.add_argument("--demo", action="store_true", help="private PostgreSQL and the simulator: try it out")
    s.add_argument("--host", default="127.0.0.1", help="listen address (default 127.0.0.1; use a TLS proxy)")
    s.add_argument("--port", type=int, default=8470)
    s.add_argument("--upstream", default=None, help="WeChat API base (default https://api.weixin.qq.com)")
    s.set_defaults(handler=cmd_serve)

    e = with_db(hsub.add_parser("enroll", help="print a one-time enrolment code for a terminal"))
    e.add_argument("--store", required=True, metavar="ID")
    e.add_argument("--store-name", default="", metavar="NAME")
    e.add_argument("--terminal", required=True, metavar="NAME")
    e.set_defaults(handler=cmd_enroll)

    r = with_db(hsub.add_parser("revoke", help="lock a terminal out at once"))
    r.add_argument("terminal", metavar="NAME")
    r.set_defaults(handler=cmd_revoke)

    c = with_db(hsub.add_parser("store-cards", help="which card_ids a store may redeem"))
    c.add_argument("store", metavar="ID")
    group = c.add_mutually_exclusive_group(required=True)
    group.add_argument("--only", nargs="+", metavar="CARD_ID", help="only these card_ids")
    group.add_argument("--all", action="store_true", help="every card_id (lift the restriction)")
    c.set_defaults(handler=cmd_store_cards)

    x = hsub.add_parser("secret", help="store the merchant's AppID/AppSecret in this server's keyring")
    x.add_argument("--appid", required=True)
    x.add_argument("--secret-stdin", action="store_true", required=True, help="read the AppSecret from stdin")
    x.set_defaults(handler=cmd_secret)

    sh = hsub.add_parser(
        "ship", help="(on a counter) settle pending operations from the hub, upload the journal rows it lacks"
    )
    sh.set_defaults(handler=cmd_ship)

    from pos_app.cli import hub_report_cmd

    hub_report_cmd.register(hsub, with_db)

    cn = sub.add_parser("connect", help="connect this counter to a chain's hub with an enrolment code")
    cn.add_argument("hub_url", metavar="HUB_URL")
    cn.add_argument("--code", required=True, help="the one-time code from `pos-app hub enroll`")
    cn.set_defaults(handler=cmd_connect)


def database_url(args: argparse.Namespace) -> str | None:
    url = getattr(args, "database", None) or os.environ.get(ENV_DATABASE)
    if not url:
        print(_t(MSG_NO_DATABASE), file=sys.stderr)
        return None
    return str(url)


NO_DATABASE = object()  # what in_database() returns when the database could not be used (said why)


def in_database(args: argparse.Namespace, work: Callable[[Any], T]) -> T | object:
    """``work(conn)`` in one transaction of the hub's (migrated) database, closed afterwards; NO_DATABASE
    after saying why when there is no database URL or the database cannot be reached."""
    from pos_app.hub.db import DatabaseDown
    from pos_app.hub.server import prepare_database

    url = database_url(args)
    if url is None:
        return NO_DATABASE
    try:
        db = prepare_database(url, size=2)
        try:
            with db.tx() as conn:
                return work(conn)
        finally:
            db.close()
    except DatabaseDown as exc:
        print(_t(MSG_DB_DOWN, error=str(exc)), file=sys.stderr)
        return NO_DATABASE


def cmd_serve(args: argparse.Namespace) -> int:
    from pos_app.errors import ConfigError
    from pos_app.hub.db import DatabaseDown
    from pos_app.hub.server import DEFAULT_UPSTREAM, HubServer

    if args.demo:
        from pos_app.hub.demo import run_demo

        return run_demo(args.host, args.port)
    url = database_url(args)
    if url is None:
        return EXIT_USAGE
    from pos_app.hub import secret

    try:
        creds = secret.load()
    except ConfigError as exc:
        print(exc.message + (f" ({exc.detail})" if exc.detail else ""), file=sys.stderr)
        return EXIT_USAGE
    try:
        server = HubServer(url, creds, upstream=args.upstream or DEFAULT_UPSTREAM, host=args.host, port=args.port)
    except DatabaseDown as exc:
        print(_t(MSG_DB_DOWN, error=str(exc)), file=sys.stderr)
        return EXIT_NO_ANSWER
    print(_t(MSG_SERVING, url=server.url), flush=True)
    server.serve_forever()
    return EXIT_OK


def cmd_enroll(args: argparse.Namespace) -> int:
    from pos_app.hub import terminals

    def enroll(conn: Any) -> str:
        terminals.ensure_store(conn, args.store, args.store_name)
        return terminals.enroll(conn, args.store, args.terminal)

    code = in_database(args, enroll)
    if code is NO_DATABASE:
        return EXIT_NO_ANSWER
    print(_t(MSG_ENROLLED, terminal=args.terminal, store=args.store, code=code))
    print(f"  pos-app connect https://HUB --code {code}")
    return EXIT_OK


def cmd_revoke(args: argparse.Namespace) -> int:
    from pos_app.hub import terminals

    found = in_database(args, lambda conn: terminals.revoke(conn, args.terminal))
    if found is NO_DATABASE:
        return EXIT_NO_ANSWER
    if not found:
        print(_t(MSG_UNKNOWN_TERMINAL, terminal=args.terminal), file=sys.stderr)
        return EXIT_REFUSED
    print(_t(MSG_REVOKED, terminal=args.terminal))
    return EXIT_OK


def cmd_store_cards(args: argparse.Namespace) -> int:
    from pos_app.hub import terminals

    cards = None if args.all else list(args.only)
    if in_database(args, lambda conn: terminals.set_store_cards(conn, args.store, cards)) is NO_DATABASE:
        return EXIT_NO_ANSWER
    print(_t(MSG_STORE_RULE, store=args.store, cards=", ".join(cards) if cards else translate(CTX, MSG_ALL_CARDS)))
    return EXIT_OK


def cmd_secret(args: argparse.Namespace) -> int:
    from pos_app.errors import ConfigError
    from pos_app.hub import secret

    value = sys.stdin.readline().strip()
    if not value:
        return EXIT_USAGE
    try:
        secret.save(args.appid, value)
    except ConfigError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_NO_ANSWER
    print(_t(MSG_SECRET_SAVED))
    return EXIT_OK


def cmd_connect(args: argparse.Namespace) -> int:
    import httpx

    from pos_app import credentials
    from pos_app.config import Config
    from pos_app.errors import ConfigError
    from pos_app.hub.shipper import journal_identity
    from pos_app.journal import journal_path

    path = journal_path(bool(args.demo))
    identity = journal_identity(path) if path.exists() else None
    try:
        answer = httpx.post(
            args.hub_url.rstrip("/") + "/hub/v1/connect",
            json={"code": args.code, "journal_identity": identity},
            timeout=15,
        )
    except httpx.HTTPError as exc:
        print(_t(MSG_HUB_UNREACHABLE, error=type(exc).__name__), file=sys.stderr)
        return EXIT_NO_ANSWER
    try:
        data = answer.json()
    except ValueError:
        data = {}
    if answer.status_code == 429:
        wait = answer.headers.get("retry-after", "")
        print(_t(MSG_THROTTLED, minutes=_minutes(int(wait) if wait.isdigit() else 60)), file=sys.stderr)
        return EXIT_NO_ANSWER
    if answer.status_code != 200 or not isinstance(data.get("credential"), str):
        print(_t(MSG_CONNECT_REFUSED, error=data.get("error", f"HTTP {answer.status_code}")), file=sys.stderr)
        return EXIT_REFUSED
    try:
        credentials.save(data["terminal"], data["credential"])
        config = Config.load()
        config.set_text("api_base", args.hub_url.rstrip("/"))
        config.terminal_id = data["terminal"]
        config.hub_terminal = True  # settlement asks the hub's registry too (pos_app.services)
        config.save()
    except ConfigError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_NO_ANSWER
    print(_t(MSG_CONNECTED, terminal=data["terminal"], store=data["store_id"]))
    return EXIT_OK


def _minutes(seconds: int) -> int:
    """Retry-After in whole minutes, rounded up (at least 1)."""
    return max(1, -(-seconds // 60))


def cmd_ship(args: argparse.Namespace) -> int:
    import httpx

    from pos_app import credentials
    from pos_app.config import Config
    from pos_app.errors import ConfigError
    from pos_app.hub.shipper import ShipError, Shipper
    from pos_app.journal import journal_path

    try:
        creds = credentials.load()
    except ConfigError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_NO_ANSWER
    config = Config.load()
    if creds is None or not config.terminal_id or creds.appid != config.terminal_id:
        print(_t(MSG_NOT_CONNECTED), file=sys.stderr)
        return EXIT_USAGE
    path = journal_path(bool(args.demo))
    if not path.exists():
        print(_t(MSG_SHIPPED, acked=0, total=0))
        return EXIT_OK
    from pos_app.hub.settle_from_hub import settle_from_hub
    from pos_app.journal import Journal

    hub_url = config.effective_api_base()
    try:
        with Journal.open(path) as journal:  # pending attempts: the hub's registry says what became of them
            settle_from_hub(journal, hub_url, creds.appid, creds.secret)
        with Shipper(hub_url, creds.appid, creds.secret, path) as shipper:
            report = shipper.ship()
    except httpx.HTTPError as exc:
        print(_t(MSG_HUB_UNREACHABLE, error=type(exc).__name__), file=sys.stderr)
        return EXIT_NO_ANSWER
    except ShipError as exc:
        if exc.retry_after is not None:
            print(_t(MSG_THROTTLED, minutes=_minutes(exc.retry_after)), file=sys.stderr)
            return EXIT_NO_ANSWER
        print(_t(MSG_SHIP_REFUSED, error=str(exc)), file=sys.stderr)
        return EXIT_REFUSED
    if getattr(args, "json", False):
        print(json.dumps(report.__dict__))
    print(_t(MSG_SHIPPED, acked=report.acked, total=report.local_rows))
    return EXIT_OK
