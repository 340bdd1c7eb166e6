"""The `pos-app` command line: one argparse tree, commands contributed by area modules.

Each module listed in COMMAND_MODULES exposes ``register(subparsers)`` and sets, on each sub-parser it
adds, ``set_defaults(handler=fn)`` with ``fn(args) -> int`` (the exit status).  Exit statuses are a
contract: 0 success, 1 the service answered "no", 2 bad input or usage, 3 no answer (network, server,
credentials).  No traceback may reach the user for any of these.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from pos_app import __version__

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_NO_ANSWER = 3

COMMAND_MODULES = (
    "pos_app.cli.core_cmds",
    "pos_app.cli.scan_cmds",
    "pos_app.cli.journal_cmds",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2, as argparse does, but never raise
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
    parser.add_argument(
        "--self-test", action="store_true", help="check that this installation works and exit"
    )
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        from pos_app import i18n

        i18n.set_language(args.lang)
    if args.self_test:
        from pos_app.selftest import run_self_test

        return run_self_test(args)
    handler = getattr(args, "handler", None)
    if handler is None:
        from pos_app.gui_entry import start_gui

        return start_gui(args)
    return int(handler(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
