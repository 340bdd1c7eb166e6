"""Generate the self-test images once (the PNGs are committed; rerun only to change them).

    uv run python resources/selftest/make_images.py

A QR Code (segno) and a Code 128 (python-barcode's encoder, drawn with numpy/OpenCV because its image
writer needs Pillow, which the project does not ship).  ``expected.json`` records what each image must
decode to, so the self-test compares against data instead of a literal in code.
"""

from __future__ import annotations

import json
from pathlib import Path

import barcode
import cv2
import numpy as np
import segno

HERE = Path(__file__).resolve().parent
# 12-digit codes like the ones WeChat issues; the QR one is also used for the simulator round trip
# only if the simulator seeds it, so the self-test does not depend on these values being demo codes.
QR_TEXT = "801234567890"
CODE128_TEXT = "POS-SELFTEST-128"
QUIET = 10  # modules of white margin, as scanners expect
SCALE = 3  # pixels per module


def make_qr(path: Path) -> None:
    segno.make_qr(QR_TEXT, error="m").save(str(path), scale=8, border=4)


def make_code128(path: Path) -> None:
    (modules,) = barcode.get("code128", CODE128_TEXT).build()
    row = np.array([0 if m == "1" else 255 for m in modules], dtype=np.uint8)
    row = np.pad(row, QUIET, constant_values=255)
    image = np.repeat(np.tile(row, (60, 1)), SCALE, axis=1)
    image = np.pad(image, ((20, 20), (0, 0)), constant_values=255)
    if not cv2.imwrite(str(path), image):
        raise OSError(f"could not write {path}")


def main() -> None:
    make_qr(HERE / "qr.png")
    make_code128(HERE / "code128.png")
    expected = {"qr.png": ["QRCODE", QR_TEXT], "code128.png": ["CODE128", CODE128_TEXT]}
    (HERE / "expected.json").write_text(json.dumps(expected, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
