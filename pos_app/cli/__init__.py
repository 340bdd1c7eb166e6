"""The `pos-app` command line (Qt-free): one argparse tree, commands contributed by area modules.

The launcher (pos_app.app) parses with :func:`build_parser`, runs a sub-command with :func:`run_command`
and starts the window or the self-test itself, so that this package never loads Qt.

Each module listed in COMMAND_MODULES exposes ``register(subparsers)`` and sets, on each sub-parser it
adds, ``set_defaults(handler=fn)`` with ``fn(args) -> int`` (the exit status).  Exit statuses are a
contract: 0 success, 1 the service answered "no", 2 bad input or usage, 3 no answer (network, server,
credentials).  No traceback may reach the user for any of these.

:func:`run_command` also holds that contract for every command: files are created private (umask 077),
standard output that a reader closed early (``| head -c1``) swallows the rest so the status stays the
true one, and a failure no command caught becomes a sentence naming its cause, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import io
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from pos_app import __version__
from pos_app.i18n import QT_TRANSLATE_NOOP as N_

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
# commands found without importing every command module: `pos-app decode` then starts without the
# counter, the keyring and httpx (docs/scanning.md, "whole process")
COMMAND_HOMES = {"decode": "pos_app.cli.scan_cmds", "scan": "pos_app.cli.scan_cmds"}
_VALUED_OPTIONS = ("--lang",)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors exit 2, as argparse does
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _command_in(argv: Sequence[str]) -> str | None:
    """The sub-command ``argv`` names (its first word that is not an option or an option's value)."""
    skip = False
    for word in argv:
        if skip or word.startswith("-"):
            skip = word in _VALUED_OPTIONS
            continue
        return word
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """Every command's parser; given the ``argv`` to parse, only its command's module when it is one of
    ``COMMAND_HOMES`` (the others are not imported)."""
    parser = _Parser(prog="pos-app", description="Redeem WeChat coupons at the counter.")
    parser.add_argument("--version", action="version", version=f"pos-app {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="use the embedded simulator with demo credentials (training mode)"
    )
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="language of messages and of the window")
    parser.add_argument("--self-test", action="store_true", help="check that this installation works and exit")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    home = COMMAND_HOMES.get(_command_in(argv) or "") if argv is not None else None
    for name in (home,) if home else COMMAND_MODULES:
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

    if hasattr(os, "umask"):
        os.umask(0o077)  # journal, logs (rotated too), exports, settings: this user's only
    _decode_stdin_leniently()
    _keep_status_on_closed_pipes()
    logging.raiseExceptions = False  # a full disk must not print "--- Logging error ---" tracebacks
    setup_logging()
    if args.lang:
        from pos_app import i18n

        i18n.set_language(args.lang)
    handler = getattr(args, "handler", None)
    if handler is None:
        return None
    try:
        status: int = handler(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # what no command caught: a sentence, never a traceback
        return _last_resort(exc)
    return status


MSG_CANNOT_WRITE = N_("messages", "Cannot use {path}: {error}.")
MSG_INTERNAL = N_("messages", "Internal error: {error}. Please report this problem.")


def _last_resort(exc: Exception) -> int:
    from pos_app.errors import describe
    from pos_app.i18n import translate

    logging.getLogger("pos_app.cli").error("command failed", exc_info=exc)
    text = describe(exc)
    status = EXIT_USAGE if isinstance(exc, OSError) else EXIT_NO_ANSWER
    if text is None and isinstance(exc, OSError):  # e.g. -o into a folder that does not exist
        text = translate("messages", MSG_CANNOT_WRITE).format(
            path=exc.filename or "?", error=exc.strerror or type(exc).__name__
        )
    if text is None:
        text = translate("messages", MSG_INTERNAL).format(error=type(exc).__name__)
    try:
        print(text, file=sys.stderr)
    except OSError:
        pass
    return status


class _ClosedPipeSafe(io.RawIOBase):
    """A file descriptor whose reader may go away: from then on writes are dropped, not raised."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd
        self.reader_gone = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return os.isatty(self._fd)

    def write(self, data: bytes | bytearray | memoryview, /) -> int:  # type: ignore[override]
        size = len(memoryview(data))
        if self.reader_gone:
            return size
        try:
            return os.write(self._fd, data)
        except BrokenPipeError:
            self.reader_gone = True
            return size


def _keep_status_on_closed_pipes() -> None:
    """`pos-app redeem X | head -c1`: the reader stops early; the command's status must still be the
    outcome's, not 0 from a caught BrokenPipeError nor 120 from a failed flush at exit."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or stream is not getattr(sys, f"__{name}__") or isinstance(stream, _Wrapped):
            continue  # under a test's capture, or already done
        try:
            fd = stream.fileno()
        except (OSError, ValueError, io.UnsupportedOperation):
            continue
        stream.flush()
        wrapped = _Wrapped(
            io.BufferedWriter(_ClosedPipeSafe(fd)),  # type: ignore[type-var]  # a RawIOBase, as typeshed wants
            encoding=stream.encoding,
            errors=stream.errors,
            line_buffering=stream.line_buffering or name == "stderr",
        )
        setattr(sys, name, wrapped)


class _Wrapped(io.TextIOWrapper):
    pass


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
    parser = build_parser(sys.argv[1:] if argv is None else argv)
    status = run_command(parser.parse_args(argv))
    if status is None:
        parser.print_usage(sys.stderr)
        return EXIT_USAGE
    return status
