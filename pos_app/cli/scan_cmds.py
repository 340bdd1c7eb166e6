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

from pos_app.cli import EXIT_NO_ANSWER, EXIT_OK, EXIT_USAGE
from pos_app.i18n import QT_TRANSLATE_NOOP, translate

_CTX = "ScanCommands"
_MSG_UNREADABLE = QT_TRANSLATE_NOOP(_CTX, "cannot read image: {file}")
_MSG_NO_CODE = QT_TRANSLATE_NOOP(_CTX, "no code")


def _err(text: str, **fields: object) -> None:
    print(f"pos-app: {translate(_CTX, text).format(**fields)}", file=sys.stderr)


def _zbar_message() -> str:
    from pos_app.scanner.pipeline import ZBAR_MISSING_MESSAGE

    return translate("Scanner", ZBAR_MISSING_MESSAGE)


def run_decode(args: argparse.Namespace) -> int:
    import cv2

    from pos_app.scanner.decode import ZbarMissing, decode_image

    status = EXIT_OK
    for name in args.images:
        start = time.perf_counter()
        image = cv2.imread(name, cv2.IMREAD_COLOR) if Path(name).is_file() else None
        if image is None:
            _err(_MSG_UNREADABLE, file=name)
            status = EXIT_USAGE
            continue
        try:
            hits = decode_image(image, tuple(args.symbologies))
        except ZbarMissing:
            print(_zbar_message(), file=sys.stderr)
            return EXIT_NO_ANSWER
        ms = round((time.perf_counter() - start) * 1000, 1)
        codes = [h.text for h in hits]
        if args.json:
            print(json.dumps({"file": name, "codes": codes, "ms": ms}, ensure_ascii=False), flush=True)
        else:
            shown = ", ".join(codes) if codes else translate(_CTX, _MSG_NO_CODE)
            print(f"{name}: {shown} ({ms} ms)", flush=True)
    return status


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
