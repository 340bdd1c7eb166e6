"""The launcher: `pos-app` with a sub-command runs it (Qt-free); without one it starts the window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pos_app.cli import build_parser, run_command


def build_launcher_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser plus the launcher's own options (they concern the window's process);
    given ``argv``, only its command's module when ``build_parser`` knows it."""
    parser = build_parser(argv)
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="also print the log on the terminal, including Qt's own messages (otherwise only in the log file)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_launcher_parser(sys.argv[1:] if argv is None else argv).parse_args(argv)
    if args.self_test:
        from pos_app.selftest import run_self_test

        selftest_status: int = run_self_test(args)
        return selftest_status
    from pos_app.logs import setup_logging

    setup_logging(verbose=args.verbose)  # before run_command's own call, which then changes nothing
    status = run_command(args)
    if status is not None:
        return status
    from pos_app.gui_entry import start_gui  # only now load Qt

    gui_status: int = start_gui(args)
    return gui_status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
