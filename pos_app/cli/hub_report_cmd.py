"""`pos-app hub report --from --to [--store] [--json]`: head office's figures for scripts."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from pos_app.cli import EXIT_NO_ANSWER, EXIT_OK
from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.i18n import translate

CTX = "hub"
MSG_BAD_DATE = N_(CTX, "not a date (YYYY-MM-DD): {value}")
MSG_TOTAL = N_(CTX, "{count} redemptions, face value {value}, {since} to {until} ({tz})")
MSG_STORE_LINE = N_(CTX, "store {store}: {count} redemptions, {value}")
MSG_ALERT_LINE = N_(
    CTX,
    "Alert: counter {terminal} of store {store} is locked out since {at}: its journal went backwards or was "
    "replaced ({reason}); the hub keeps the {rows} rows it received.",
)


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(translate(CTX, MSG_BAD_DATE).format(value=value)) from None


def register(hsub: Any, with_db: Callable[[argparse.ArgumentParser], argparse.ArgumentParser]) -> None:
    r = with_db(hsub.add_parser("report", help="redemptions per store, counter, cashier and day"))
    r.add_argument("--from", dest="since", type=_day, required=True, metavar="YYYY-MM-DD")
    r.add_argument("--to", dest="until", type=_day, required=True, metavar="YYYY-MM-DD")
    r.add_argument("--store", metavar="ID")
    r.add_argument("--json", action="store_true", help="print one JSON object")
    r.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from pos_app.cli.hub_cmds import NO_DATABASE, in_database
    from pos_app.hub import reports

    figs = in_database(args, lambda conn: reports.figures(conn, reports.Period(args.since, args.until, args.store)))
    if figs is NO_DATABASE or not isinstance(figs, dict):
        return EXIT_NO_ANSWER
    if args.json:
        json.dump(figs, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    total = figs["total"]
    print(
        translate(CTX, MSG_TOTAL).format(
            count=total["redemptions"],
            value=f"¥{total['value'] / 100:,.2f}",
            since=figs["from"],
            until=figs["to"],
            tz=figs["time_zone"],
        )
    )
    for s in figs["by_store"]:
        print(
            "  "
            + translate(CTX, MSG_STORE_LINE).format(
                store=s["store_name"], count=s["redemptions"], value=f"¥{s['value'] / 100:,.2f}"
            )
        )
    for a in figs.get("alerts", []):
        print(
            translate(CTX, MSG_ALERT_LINE).format(
                terminal=a["terminal"], store=a["store_name"], at=a["at"], reason=a["reason"], rows=a["hub_rows"]
            )
        )
    return EXIT_OK
