"""`pos-app journal ...`: verify the chain, export, list and acknowledge unresolved attempts, shift report.

``pending``, ``export`` and ``report`` first settle unresolved attempts with the service when it
answers — bounded to ``SETTLE_BUDGET_S`` — and say plainly on stderr what they settled and what they
could not; ``verify`` and ``acknowledge`` never call the service.  ``--demo`` (global flag) selects the
training journal.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pos_app.cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE
from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.i18n import translate

CTX = "journal"
MSG_INTACT = N_(CTX, "Journal intact: {rows} rows. Last row hash: {head}")
MSG_NOT_INTACT = N_(CTX, "The journal has been tampered with or damaged:")
MSG_UNREADABLE = N_(CTX, "The journal cannot be read: {error}")
MSG_NO_PENDING = N_(CTX, "No unresolved operations.")
MSG_PENDING_HEAD = N_(CTX, "Unresolved operations (the service's answer is not known yet):")
MSG_ACKED = N_(CTX, "acknowledged by {manager}")
MSG_ACK_DONE = N_(CTX, "Acknowledged by {manager}. The operation stays listed until it is resolved.")
MSG_UNKNOWN_ATTEMPT = N_(CTX, "There is no operation with that attempt id.")
MSG_NOT_PENDING = N_(CTX, "That operation is already resolved; nothing to acknowledge.")
MSG_BAD_DATE = N_(CTX, "not a date (YYYY-MM-DD): {value}")
MSG_BAD_RANGE = N_(CTX, "--since is after --until")
MSG_EXPORTED = N_(CTX, "{count} operations written to {path}")
MSG_SETTLE_SLOW = N_(
    CTX,
    "{count} unresolved operation(s) could not be checked with WeChat within {seconds} s: "
    "they are shown as not confirmed yet.",
)
MSG_SETTLE_FAILED = N_(
    CTX,
    "{count} unresolved operation(s) could not be checked with WeChat ({reason}): they are shown as not confirmed yet.",
)

# How long a read-only journal command may spend settling unresolved attempts before it answers.
SETTLE_BUDGET_S = 5.0


def _t(text: str, **kw: Any) -> str:
    return translate(CTX, text).format(**kw)


MSG_DAY_RANGE = N_(CTX, "date out of range (2000-01-01 to 2999-12-31): {value}")
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2999, 12, 31)  # local midnights every platform can compute


def _day(value: str) -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_t(MSG_BAD_DATE, value=value)) from None
    if not FIRST_DAY <= day <= LAST_DAY:  # year 1 or 9999 overflowed into a traceback
        raise argparse.ArgumentTypeError(_t(MSG_DAY_RANGE, value=value))
    return day


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("journal", help="the local journal of every lookup, redeem and invalidation")
    jsub = p.add_subparsers(dest="journal_command", metavar="ACTION", required=True)

    v = jsub.add_parser("verify", help="check the hash chain; exit 1 naming the first bad row")
    v.set_defaults(handler=cmd_verify)

    e = jsub.add_parser("export", help="one row per operation, CSV (Excel) or JSON lines")
    e.add_argument("--format", choices=("csv", "json"), default="csv")
    e.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="first local day (inclusive)")
    e.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="last local day (inclusive)")
    e.add_argument("--masked", action="store_true", help="show only the last 4 characters of codes")
    e.add_argument("--output", "-o", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    e.set_defaults(handler=cmd_export)

    pe = jsub.add_parser("pending", help="list operations whose outcome is not known yet")
    pe.add_argument("--json", action="store_true", help="one JSON object per line")
    pe.set_defaults(handler=cmd_pending)

    a = jsub.add_parser("acknowledge", help="a manager acknowledges an unresolved operation")
    a.add_argument("attempt_id", metavar="ATTEMPT_ID")
    a.add_argument("--manager", required=True, metavar="NAME")
    a.add_argument("--note", default="", help="what the manager decided")
    a.set_defaults(handler=cmd_acknowledge)

    r = jsub.add_parser("report", help="shift report: counts and face value by outcome, coupon, cashier, hour")
    r.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="first local day (default: today)")
    r.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="last local day (default: --since)")
    r.add_argument("--cashier", help="only this cashier's operations")
    r.add_argument("--format", choices=("text", "csv", "json"), default="text")
    r.add_argument("--output", "-o", type=Path, metavar="FILE")
    r.set_defaults(handler=cmd_report)


def settle_first(args: argparse.Namespace, budget_s: float = SETTLE_BUDGET_S) -> None:
    """Settle unresolved attempts before showing the journal, when WeChat answers within ``budget_s``.

    Runs on a helper thread with its own journal connection and client, so the command answers in
    bounded time whatever the network does; what it could not settle is said on stderr.
    """
    import threading

    from pos_app.cli.core_cmds import say_settlement
    from pos_app.config import Config
    from pos_app.errors import PosAppError, localized
    from pos_app.journal import Journal, journal_path

    demo = bool(getattr(args, "demo", False))
    path = journal_path(demo)
    if not path.exists():
        return
    try:
        with Journal.open(path) as journal:
            count = len(journal.pending())
    except (sqlite3.Error, OSError, ValueError, RuntimeError):
        return  # the command itself says what is wrong with the journal
    if count == 0:
        return  # nothing to settle: no network at all
    outcome: dict[str, Any] = {}

    def work() -> None:
        from pos_app.journal.reconcile import reconcile_all
        from pos_app.services import build_services

        try:
            services = build_services(demo, Config.load(), with_journal=False)
            try:
                with Journal.open(path) as own:
                    outcome["report"] = reconcile_all(own, services.read_code, budget_s=budget_s)
            finally:
                services.close()
        except PosAppError as exc:
            outcome["error"] = localized(exc.message, exc.errcode)
        except Exception as exc:  # the listing must still be shown
            outcome["error"] = type(exc).__name__

    helper = threading.Thread(target=work, name="settle-first", daemon=True)
    helper.start()
    helper.join(budget_s)
    if "report" in outcome:
        say_settlement(outcome["report"])
    elif "error" in outcome:
        print(_t(MSG_SETTLE_FAILED, count=count, reason=outcome["error"]), file=sys.stderr)
    else:
        print(_t(MSG_SETTLE_SLOW, count=count, seconds=int(budget_s)), file=sys.stderr)


def _with_journal(args: argparse.Namespace, fn: Callable[[Any], int]) -> int:
    from pos_app.journal import Journal, journal_path
    from pos_app.journal.schema import SchemaTooNewError

    try:
        journal = Journal.open(journal_path(bool(getattr(args, "demo", False))))
    except (sqlite3.Error, SchemaTooNewError, OSError) as exc:
        print(_t(MSG_UNREADABLE, error=exc), file=sys.stderr)
        return EXIT_REFUSED
    try:
        return fn(journal)
    except BrokenPipeError:  # `journal export | head`: the reader has all it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush does not fail too
        return EXIT_OK
    except sqlite3.DatabaseError as exc:
        print(_t(MSG_UNREADABLE, error=exc), file=sys.stderr)
        return EXIT_REFUSED
    finally:
        journal.close()


def cmd_verify(args: argparse.Namespace) -> int:
    def run(journal: Any) -> int:
        report = journal.verify()
        if report.ok:
            print(_t(MSG_INTACT, rows=report.rows, head=report.head))
            return EXIT_OK
        print(_t(MSG_NOT_INTACT), file=sys.stderr)
        for problem in report.problems:
            print(f"  {problem.text()}", file=sys.stderr)
        return EXIT_REFUSED

    return _with_journal(args, run)


def _check_range(args: argparse.Namespace) -> bool:
    if args.since and args.until and args.since > args.until:
        print(f"pos-app: error: {_t(MSG_BAD_RANGE)}", file=sys.stderr)
        return False
    return True


def cmd_export(args: argparse.Namespace) -> int:
    from pos_app.journal import export

    if not _check_range(args):
        return EXIT_USAGE

    settle_first(args)

    def run(journal: Any) -> int:
        recs = export.records(journal, args.since, args.until, masked=args.masked)
        if args.output:
            with open(args.output, "wb") as fh:
                n = export.write(args.format, recs, fh)
            print(_t(MSG_EXPORTED, count=n, path=args.output), file=sys.stderr)
        else:
            export.write(args.format, recs, sys.stdout.buffer)
        return EXIT_OK

    return _with_journal(args, run)


def cmd_pending(args: argparse.Namespace) -> int:
    from pos_app.codes import mask

    settle_first(args)

    def run(journal: Any) -> int:
        pending = journal.pending()
        if args.json:
            for p in pending:
                obj = {
                    "attempt_id": p.attempt_id,
                    "action": str(p.action),
                    "code": p.code,
                    "card_id": p.card_id,
                    "cashier": p.cashier,
                    "terminal": p.terminal,
                    "time": datetime.fromtimestamp(p.time).astimezone().isoformat(timespec="seconds"),
                    "reason": p.reason,
                    "title": p.title,
                    "acknowledged_by": p.acknowledged_by,
                }
                print(json.dumps(obj, ensure_ascii=False))
            return EXIT_OK
        if not pending:
            print(_t(MSG_NO_PENDING))
            return EXIT_OK
        print(_t(MSG_PENDING_HEAD))
        for p in pending:
            when = datetime.fromtimestamp(p.time).strftime("%Y-%m-%d %H:%M:%S")
            ack = f"  [{_t(MSG_ACKED, manager=p.acknowledged_by)}]" if p.acknowledged_by else ""
            print(f"  {p.attempt_id}  {when}  {p.action}  {mask(p.code)}  {p.title}  {p.cashier} @ {p.terminal}{ack}")
        return EXIT_OK

    return _with_journal(args, run)


def cmd_acknowledge(args: argparse.Namespace) -> int:
    from pos_app.journal import NotPendingError, UnknownAttemptError

    def run(journal: Any) -> int:
        try:
            journal.acknowledge(args.attempt_id.strip(), args.manager, args.note)
        except UnknownAttemptError:
            print(_t(MSG_UNKNOWN_ATTEMPT), file=sys.stderr)
            return EXIT_USAGE
        except NotPendingError:
            print(_t(MSG_NOT_PENDING), file=sys.stderr)
            return EXIT_REFUSED
        except ValueError as exc:
            print(f"pos-app: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        print(_t(MSG_ACK_DONE, manager=args.manager.strip()))
        return EXIT_OK

    return _with_journal(args, run)


def cmd_report(args: argparse.Namespace) -> int:
    from pos_app.journal import report as rep

    if not _check_range(args):
        return EXIT_USAGE
    since = args.since or date.today()
    until = args.until or since
    settle_first(args)

    def run(journal: Any) -> int:
        result = rep.shift_report(journal, since, until, cashier=args.cashier)
        out = open(args.output, "wb") if args.output else None
        try:
            stream = out or sys.stdout.buffer
            if args.format == "csv":
                rep.write_csv(result, stream)
            elif args.format == "json":
                stream.write(json.dumps(rep.as_dict(result), ensure_ascii=False, indent=2).encode() + b"\n")
            else:
                stream.write(rep.as_text(result).encode("utf-8"))
            stream.flush()
        finally:
            if out:
                out.close()
        return EXIT_OK

    return _with_journal(args, run)
