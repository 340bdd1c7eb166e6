"""`pos-app stats` (WeChat's coupon statistics) and `pos-app --demo reset` (training starts afresh)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta
from typing import Any

from pos_app.cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE
from pos_app.cli.core_cmds import guarded
from pos_app.errors import ApiError
from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.i18n import translate

CTX = "cli"


def _t(text: str) -> str:
    return translate(CTX, text)


def cmd_stats(args: argparse.Namespace) -> int:
    from pos_app import stats
    from pos_app.config import Config
    from pos_app.errors import localized
    from pos_app.services import build_services

    try:
        today = stats.beijing_today()
        end = stats.parse_day(args.to) if args.to else today - timedelta(days=1)
        begin = stats.parse_day(args.from_) if args.from_ else end - timedelta(days=6)
        stats.check_range(begin, end, today)  # before any credentials or network: say what is wrong
    except stats.StatsRangeError as exc:
        print(stats.error_text(exc), file=sys.stderr)
        return EXIT_USAGE
    services = build_services(args.demo, Config.load(), with_journal=False)
    try:
        report = stats.fetch(services.client, begin, end, args.card_id or None, today=today)
    except ApiError as exc:
        print(localized(exc.message, exc.errcode), file=sys.stderr)
        return EXIT_REFUSED
    finally:
        services.close()
    if args.json:
        print(json.dumps(stats.to_json(report), ensure_ascii=False))
    else:
        print(stats.render_text(report))
    return EXIT_OK


def cmd_reset(args: argparse.Namespace) -> int:
    """Training only: delete the simulator's saved world and the training journal."""
    if not args.demo:
        print(_t("reset only applies to training: pos-app --demo reset"), file=sys.stderr)
        return EXIT_USAGE
    from pos_app.journal import journal_path
    from pos_app.sandbox.persist import training_state_path

    removed: list[Any] = []
    state = training_state_path()
    journal = journal_path(True)
    for path in (state, *sorted(journal.parent.glob(journal.name + "*"))):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    if removed:
        print(_t("Training starts afresh: removed {files}.").format(files=", ".join(str(p) for p in removed)))
    else:
        print(_t("Training was already fresh: nothing to remove."))
    return EXIT_OK


N_(CTX, "reset only applies to training: pos-app --demo reset")
N_(CTX, "Training starts afresh: removed {files}.")
N_(CTX, "Training was already fresh: nothing to remove.")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "stats",
        help="WeChat's daily coupon statistics (views, issued, redeemed, gifted); at most 62 days, never today",
    )
    p.add_argument("--from", dest="from_", metavar="YYYY-MM-DD", help="first day (default: a week before --to)")
    p.add_argument("--to", metavar="YYYY-MM-DD", help="last day (default: yesterday, Beijing time)")
    p.add_argument("--card-id", help="one coupon only")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=guarded(cmd_stats))

    p = sub.add_parser("reset", help="with --demo: start training afresh (demo coupons and training records)")
    p.set_defaults(handler=guarded(cmd_reset))
