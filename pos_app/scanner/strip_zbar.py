"""zbar on a located 1-D code's strip (a deep step, ``decode.py``): what zbar reads there and our readers
do not (fingers over the bars, a rolling shutter's shear).

zbar's own scan of the whole frame costs 15-25 ms; a strip's views cost ~0.25 ms each.  The strip is
sampled again upright, along the bars' own direction, ``TALLER`` times as tall as located (the bars a
finger leaves uncovered may lie off the strip's middle), at full resolution and 2x along the rows (cubic:
a far code's thinnest bars), ``ROWS`` rows, and scanned by zbar along its rows only.  (zbar on the
frame's axis-aligned box around the strip, as raw pyzbar scans it, cost 4-7 ms a strip and read nothing
more on the tuning sets.)

A text is kept only when zbar decoded it on ``MIN_LINES`` scan lines or more (zbar checks Code 128's
mod-103 symbol on each), no other text of the view was crossed by as many lines (``zbar.outvoted``), and
it is a coupon payload.
"""

from __future__ import annotations

import numpy as np

from pos_app.scanner.payload import is_coupon_payload, normalize_payload
from pos_app.scanner.views import View, resample, strip, strip_geometry
from pos_app.scanner.zbar import ZbarScanner, outvoted, zbar_text

__all__ = ["MIN_LINES", "StripZbar"]

MIN_LINES = 2  # scan lines a read must cross (distinct places on the view)
TALLER = (1.7, 2.4)  # the views span this many times the strip's height along the bars: 1x, then 2x along
ROWS = 32  # rows of a view

Read = tuple[str, str, tuple[tuple[int, int], ...]]


class StripZbar:
    """zbar's Code 128 reads on a strip's views (``read``); one long-lived scanner, rows only."""

    def __init__(self) -> None:
        self._rows = ZbarScanner(("CODE128",), rows_only=True)

    @staticmethod
    def views(gray: np.ndarray, v: View) -> list[View]:
        cx, cy, angle, across, length, height = strip_geometry(v)
        out = []
        for along, taller in enumerate(TALLER, start=1):
            tall = strip(gray, cx, cy, angle, length, height * taller, rows=ROWS, across=across)
            out.append(resample(gray, tall, along=along) if along > 1 else tall)
        return out

    def scan(self, view: View) -> list[Read]:
        """The coupon payload zbar reads on ``view`` as it is (a view that read, sampled again), or nothing."""
        for data, _symbology, pts in outvoted(self._rows.scan(view.image)):
            text = zbar_text(data)
            if text is not None and len(set(pts)) >= MIN_LINES and is_coupon_payload(text):
                return [(normalize_payload(text), "CODE128", view.to_frame(pts))]
        return []

    def read(self, gray: np.ndarray, v: View) -> tuple[list[Read], View | None]:
        """The coupon payload zbar reads on one of ``v``'s views (``gray``: the frame) and that view, or
        nothing."""
        for view in self.views(gray, v):
            reads = self.scan(view)
            if reads:
                return reads, view
        return [], None
