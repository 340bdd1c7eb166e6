"""``pos-app decode IMAGE...`` and ``pos-app scan --source INDEX|VIDEO_FILE``: the scanner, headless.

Output is the contract of issue 4: ``decode`` prints one line per image (``{"file", "codes", "ms"}``
with ``--json``), ``scan`` one line per scan as the pipeline emits it (``{"code", "symbology", "frame",
"t"}``).  Exit 0 when the command ran (finding no code is not an error), 2 for unusable input (an image
that cannot be read, a video that cannot be opened), 3 when there is nothing to answer with (zbar missing,
camera absent or busy).  Messages go to stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from pos_app.cli import EXIT_NO_ANSWER, EXIT_OK, EXIT_USAGE
from pos_app.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from pos_app.scanner.pipeline import Scan

_CTX = "ScanCommands"
_MSG_UNREADABLE = QT_TRANSLATE_NOOP(_CTX, "cannot read image: {file}")
_MSG_NO_CODE = QT_TRANSLATE_NOOP(_CTX, "no code")
_MSG_NO_VIDEO = QT_TRANSLATE_NOOP(_CTX, "cannot read video: {source}")
_MSG_BAD_SECONDS = QT_TRANSLATE_NOOP(_CTX, "--seconds must be more than 0")
_MSG_BAD_WINDOW = QT_TRANSLATE_NOOP(_CTX, "--window must be 0 or more")


def _err(text: str, **fields: object) -> None:
    print(f"pos-app: {translate(_CTX, text).format(**fields)}", file=sys.stderr)


def _zbar_message() -> str:
    from pos_app.scanner.pipeline import ZBAR_MISSING_MESSAGE

    return translate("Scanner", ZBAR_MISSING_MESSAGE)


def _shown(text: str) -> str:
    """A code's text for a terminal: control and other unprintable characters escaped ("\\x01"), so a
    code's content cannot drive the terminal (``--json`` escapes them as JSON does)."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def run_decode(args: argparse.Namespace) -> int:
    import cv2

    from pos_app.scanner.decode import ZbarMissing, still_decoder

    cv2.setNumThreads(1)  # per-image work is small: threads cost more to start than they save
    status = EXIT_OK
    try:
        decoder = still_decoder(tuple(args.symbologies))
    except ZbarMissing:
        print(_zbar_message(), file=sys.stderr)
        return EXIT_NO_ANSWER
    for name in args.images:
        start = time.perf_counter()
        # gray straight from the file: the decoder works on gray, and decoding to gray is cheaper
        image = cv2.imread(name, cv2.IMREAD_GRAYSCALE) if Path(name).is_file() else None
        if image is None:
            _err(_MSG_UNREADABLE, file=name)
            status = EXIT_USAGE
            continue
        hits = decoder.decode(image)
        ms = round((time.perf_counter() - start) * 1000, 1)
        codes = [h.text for h in hits]
        if args.json:
            print(json.dumps({"file": name, "codes": codes, "ms": ms}, ensure_ascii=False), flush=True)
        else:
            shown = ", ".join(map(_shown, codes)) if codes else translate(_CTX, _MSG_NO_CODE)
            print(f"{name}: {shown} ({ms} ms)", flush=True)
    return status


def _print_scan(scan: Scan, as_json: bool) -> None:
    if as_json:
        print(json.dumps(scan.as_json(), ensure_ascii=False), flush=True)
    else:
        print(f"{scan.t:8.3f}s  frame {scan.frame:<6d} {scan.symbology:<8s} {scan.code}", flush=True)


def _scan_file(args: argparse.Namespace) -> int:
    from pos_app.scanner.pipeline import ScanPipeline, VideoUnreadable, iter_video_frames

    pipeline = ScanPipeline(tuple(args.symbologies), window_s=args.window)
    try:
        for index, t, frame in iter_video_frames(args.source, args.seconds):
            for scan in pipeline.feed(frame, index, t):
                _print_scan(scan, args.json)
    except VideoUnreadable:
        _err(_MSG_NO_VIDEO, source=args.source)
        return EXIT_USAGE
    return EXIT_OK


def _scan_camera(args: argparse.Namespace) -> int:
    """Until --seconds elapse or Ctrl-C.  A camera that cannot be opened at all ends the command (3)."""
    import threading

    from pos_app.scanner.capture import CameraScanner, CameraState, CameraStatus

    failed = threading.Event()
    lock = threading.Lock()

    def on_scan(scan: Scan) -> None:
        with lock:
            _print_scan(scan, args.json)

    def on_state(status: CameraStatus) -> None:
        if status.state in (CameraState.UNAVAILABLE, CameraState.RUNNING):
            print(f"pos-app: {status.message(translate)}", file=sys.stderr, flush=True)
        if status.state is CameraState.UNAVAILABLE and scanner.frames_grabbed == 0:
            failed.set()

    scanner = CameraScanner(
        int(args.source), on_scan, on_state=on_state, symbologies=tuple(args.symbologies), window_s=args.window
    )
    scanner.start()
    deadline = None if args.seconds is None else time.monotonic() + args.seconds
    try:
        while not failed.is_set() and (deadline is None or time.monotonic() < deadline):
            failed.wait(0.1 if deadline is None else max(0.0, min(0.1, deadline - time.monotonic())))
    except KeyboardInterrupt:
        pass
    finally:
        scanner.stop()
    return EXIT_NO_ANSWER if failed.is_set() else EXIT_OK


def run_scan(args: argparse.Namespace) -> int:
    from pos_app.scanner.pipeline import zbar_problem

    if zbar_problem() is not None:
        print(_zbar_message(), file=sys.stderr)
        return EXIT_NO_ANSWER
    if args.seconds is not None and args.seconds <= 0:
        _err(_MSG_BAD_SECONDS)
        return EXIT_USAGE
    if args.window < 0:
        _err(_MSG_BAD_WINDOW)
        return EXIT_USAGE
    if args.source.isdigit():
        return _scan_camera(args)
    if not Path(args.source).is_file():
        _err(_MSG_NO_VIDEO, source=args.source)
        return EXIT_USAGE
    return _scan_file(args)


def _symbologies(value: str) -> list[str]:
    from pos_app.scanner.pipeline import KNOWN_SYMBOLOGIES

    names = [v.strip().upper() for v in value.split(",") if v.strip()]
    bad = [n for n in names if n not in KNOWN_SYMBOLOGIES]
    if bad or not names:
        raise argparse.ArgumentTypeError(f"unknown symbology {','.join(bad)}; known: {','.join(KNOWN_SYMBOLOGIES)}")
    return names


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sym_help = "symbologies to read, comma-separated (default QRCODE,CODE128; e.g. add EAN13)"
    p = subparsers.add_parser("decode", help="read the codes in image files")
    p.add_argument("images", nargs="+", metavar="IMAGE")
    p.add_argument("--json", action="store_true", help='one JSON line per image: {"file","codes","ms"}')
    p.add_argument("--symbologies", type=_symbologies, default=["QRCODE", "CODE128"], help=sym_help)
    p.set_defaults(handler=run_decode)

    p = subparsers.add_parser("scan", help="scan codes from a camera or a video file, one line per scan")
    p.add_argument("--source", required=True, metavar="INDEX|VIDEO_FILE", help="camera index or video file")
    p.add_argument("--seconds", type=float, metavar="N", help="stop after N seconds (of the video's own clock)")
    p.add_argument("--json", action="store_true", help='one JSON line per scan: {"code","symbology","frame","t"}')
    p.add_argument(
        "--window",
        type=float,
        default=3.0,
        metavar="S",
        help="seconds before a code that left may be reported again (default 3)",
    )
    p.add_argument("--symbologies", type=_symbologies, default=["QRCODE", "CODE128"], help=sym_help)
    p.set_defaults(handler=run_scan)
