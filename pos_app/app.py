"""The launcher: `pos-app` with a sub-command runs it (Qt-free); without one it starts the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from pos_app.cli import build_parser, run_command


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.self_test:
        from pos_app.selftest import run_self_test

        selftest_status: int = run_self_test(args)
        return selftest_status
    status = run_command(args)
    if status is not None:
        return status
    from pos_app.gui_entry import start_gui  # only now load Qt

    gui_status: int = start_gui(args)
    return gui_status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
