"""zxing-cpp (module ``zxingcpp``, Apache-2.0) as the scanner's first reader.

On our evaluation sets it reads more QR Codes than zbar and costs about a fifth of zbar's CPU time per
frame (docs/scanning.md).  Its 1-D readers accept a code only when two scan lines read the same text
(zxing's ``minLineCount``), and check Code 128's mod-103 symbol; QR Codes are error-corrected.
"""

from __future__ import annotations

from typing import Any

import numpy as np

Point = tuple[int, int]
Read = tuple[str, str, tuple[Point, ...]]  # text, symbology (zbar's names), outline in image pixels

# zbar's symbology names (the ones the command line and the settings use) -> zxing-cpp's formats
_ZXING_NAMES = {
    "QRCODE": "QRCode",
    "CODE128": "Code128",
    "EAN13": "EAN13",
    "EAN8": "EAN8",
    "UPCA": "UPCA",
    "UPCE": "UPCE",
    "CODE39": "Code39",
    "CODE93": "Code93",
    "I25": "ITF",
    "CODABAR": "Codabar",
    "DATABAR": "DataBar",
    "DATABAR_EXP": "DataBarExp",
    "PDF417": "PDF417",
}


_MATRIX = {"QRCODE", "PDF417"}  # 2-D symbologies: read on a half-size copy when glancing


class ZxingMissing(RuntimeError):
    """zxing-cpp cannot be imported (a broken install): zbar alone reads."""


def load_zxing() -> Any:
    try:
        import zxingcpp
    except ImportError as exc:
        raise ZxingMissing(str(exc)) from exc
    return zxingcpp


class ZxingReader:
    """zxing-cpp restricted to a set of symbologies (those it has; others are left to zbar)."""

    def __init__(self, symbologies: tuple[str, ...]) -> None:
        z = load_zxing()
        self._z = z
        formats = [getattr(z.BarcodeFormat, _ZXING_NAMES[s]) for s in symbologies if s in _ZXING_NAMES]
        self._formats = tuple(formats)
        matrix = [getattr(z.BarcodeFormat, _ZXING_NAMES[s]) for s in symbologies if s in _MATRIX]
        self._kinds = {
            "all": self._formats,
            "matrix": tuple(matrix),
            "linear": tuple(f for f in formats if f not in matrix),
        }
        self._names = {int(getattr(z.BarcodeFormat, v)): k for k, v in _ZXING_NAMES.items()}
        self.usable = bool(formats)

    def has(self, kinds: str) -> bool:
        """Whether any configured symbology is of these ``kinds`` ("linear", "matrix")."""
        return bool(self._kinds[kinds])

    def read(
        self,
        gray: np.ndarray,
        *,
        rotate: bool = False,
        invert: bool = False,
        downscale: bool = True,
        kinds: str = "all",
        seen: list[str] | None = None,
        seen_at: list[tuple[Point, ...]] | None = None,
        binarizer: str = "local",
    ) -> list[Read]:
        """Codes in a grayscale image (uint8, 2-D).  ``rotate``: also codes turned 90 degrees (zxing's 1-D
        readers scan rows, then columns); ``invert``: also light-on-dark; ``downscale``: also smaller
        copies of the image (large codes, blur).  ``kinds``: "all" the symbologies, only the "linear"
        (1-D) or only the "matrix" (2-D) ones.  ``seen``: gets the zxing name of every symbol zxing found
        but could not decode (evidence of a code; never reported as a read); ``seen_at`` the outline of
        each such 2-D symbol (image pixels: where a second look may read it, ``qr_rescue.py``).
        ``binarizer``: "local" (zxing's default: a threshold per 8x8 block from its neighbourhood) or
        "fixed" (one threshold, mid-grey, for the whole image)."""
        formats = self._kinds[kinds]
        if not formats:
            return []
        z = self._z
        image = np.ascontiguousarray(gray)
        options = {
            "try_rotate": rotate,
            "try_downscale": downscale,
            "try_invert": invert,
            "binarizer": z.Binarizer.FixedThreshold if binarizer == "fixed" else z.Binarizer.LocalAverage,
            # the code's content as it is: zxing's default ("HRI") spells control characters out as
            # "<SOH>" (zxing's photo qrcode-2 #33 read as "<SOH><DLE>AD:SUB:..." for "\x01\x10AD:SUB:...")
            "text_mode": z.TextMode.Plain,
        }
        # errors only for the 2-D formats when only their outlines are wanted: asked for errors, zxing's
        # 1-D readers report a line that failed Code 128's check instead of two lines that agree
        # (B:9 #63: 'TFVNhH8XBK8L5QOEX', an error, instead of the valid 'TFVNTH8XBK8L5QOEX')
        errors = seen is not None or seen_at is not None
        split = seen is None and seen_at is not None
        plain = tuple(f for f in formats if f not in self._kinds["matrix"]) if split else ()
        checked = tuple(f for f in formats if f not in plain)
        found = list(z.read_barcodes(image, formats=plain, **options)) if plain else []
        if checked:
            found += z.read_barcodes(image, formats=checked, return_errors=errors, **options)
        out: list[Read] = []
        for b in found:
            if not b.valid:
                if seen is not None:
                    seen.append(str(b.format))
                if seen_at is not None and self._names.get(int(b.symbology)) in _MATRIX:
                    seen_at.append(_outline(b.position))
                continue
            name = self._names.get(int(b.symbology))
            if name is None:
                continue
            out.append((b.text, name, _outline(b.position)))
        return out


def _outline(p: Any) -> tuple[Point, ...]:
    """zxing's position (four corners) as image pixels, clockwise from the top left."""
    return tuple((int(q.x), int(q.y)) for q in (p.top_left, p.top_right, p.bottom_right, p.bottom_left))
