"""The `pos-app` command line (Qt-free): one argparse tree, commands contributed by area modules.

The launcher (pos_app.app) parses with :func:`build_parser`, runs a sub-command with :func:`run_command`
and starts the window or the self-test itself, so that this package never loads Qt.

Each module listed in COMMAND_MODULES exposes ``register(subparsers)`` and sets, on each sub-parser it
adds, ``set_defaults(handler=fn)`` with ``fn(args) -> int`` (the exit status).  Exit statuses are a
contract: 0 success, 1 the service answered "no", 2 bad input or usage, 3 no answer (network, server,
credentials).  No traceback may reach the user for any of these.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from typing import NoReturn

from pos_app import __version__

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_NO_ANSWER = 3

COMMAND_MODULES = (
    "pos_app.cli.core_cmds",
    "pos_app.cli.scan_cmds",
    "pos_app.cli.journal_cmds",
    "pos_app.cli.stats_cmds",
    "pos_app.cli.hub_cmds",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors exit 2, as argparse does
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pos-app", description="Redeem WeChat coupons at the counter.")
    parser.add_argument("--version", action="version", version=f"pos-app {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="use the embedded simulator with demo credentials (training mode)"
    )
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="language of messages and of the window")
    parser.add_argument("--self-test", action="store_true", help="check that this installation works and exit")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:  # a real import problem inside the module: do not hide it
                raise
            continue
        module.register(sub)
    return parser


def run_command(args: argparse.Namespace) -> int | None:
    """Run the sub-command ``args`` names; None when there is none (the launcher starts the window)."""
    from pos_app.logs import setup_logging

    _decode_stdin_leniently()
    logging.raiseExceptions = False  # a full disk must not print "--- Logging error ---" tracebacks
    setup_logging()
    if args.lang:
        from pos_app import i18n

        i18n.set_language(args.lang)
    handler = getattr(args, "handler", None)
    if handler is None:
        return None
    status: int = handler(args)
    return status


def _decode_stdin_leniently() -> None:
    """Bytes on stdin that are not UTF-8 arrive as lone surrogates instead of a UnicodeDecodeError, so
    the command that reads them (``credentials set --secret-stdin``) can refuse them by name."""
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="surrogateescape")
        except (ValueError, OSError):  # already read from, or not a text stream: leave it
            pass


def main(argv: Sequence[str] | None = None) -> int:
    """Sub-commands only (Qt-free); the full `pos-app` entry point is pos_app.app.main."""
    parser = build_parser()
    status = run_command(parser.parse_args(argv))
    if status is None:
        parser.print_usage(sys.stderr)
        return EXIT_USAGE
    return status
