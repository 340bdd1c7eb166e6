"""A second look at a QR Code zxing found but could not decode: its region, cropped and enhanced.

zxing's whole-frame pass reports, with ``return_errors``, every QR Code whose finder patterns it located
but whose codewords failed error correction (a blurred frame's modules melted into grey, a thumb over one
corner).  When it reads nothing, the frame is also read once at one mid-grey threshold (``fixed``, ~0.7 ms:
zxing's local thresholds fall inside a motion streak's grey or beside a thumb), which reads some codes and
finds others.  The region of a found code alone is worth more work than the frame: it is cropped (with a
margin: the outline of a failed symbol is often a part of it) and read again, cheapest first, until one
reads:

1. unsharp-masked at its own size (blur: edges steepened back across the local threshold);
2. upscaled 2x (cubic) and unsharp-masked (a module of 2-3 px gets room for the local binarizer);
3. zbar's QR decoder on the 2x crop (a different finder and sampling grid: reads codes zxing's grid
   misplaces under a thumb or a strong tilt);
4. upscaled 3x and unsharp-masked.

Every read is error-corrected by its decoder (Reed-Solomon over the codewords); the camera path then keeps
only coupon payloads that two frames agree on.  The region's crop is capped (``MAX_SIDE``) so the pass
stays within the camera's frame budget.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import cv2
import numpy as np

from pos_app.scanner.views import View
from pos_app.scanner.zbar import ZbarScanner, zbar_text
from pos_app.scanner.zxing_reader import Point, Read, ZxingReader

MARGIN = 0.5  # of the outline's larger side, added on each side (the outline may cover part of the code)
MAX_GROUPS = 2  # regions read at most per frame (a false find elsewhere must not starve the true one)
MAX_SIDE = 480  # crops larger than this are read at their own size and 2x only (cost grows with area)


def region(gray: np.ndarray, outlines: Sequence[tuple[Point, ...]]) -> View | None:
    """The crop around the outlines (frame pixels) of QR Codes found but not decoded."""
    pts = np.array([p for outline in outlines for p in outline], np.float64)
    if pts.size == 0:
        return None
    (x0, y0), (x1, y1) = pts.min(0), pts.max(0)
    pad = MARGIN * max(x1 - x0, y1 - y0) + 10
    h, w = gray.shape[:2]
    a, b = int(max(0, x0 - pad)), int(max(0, y0 - pad))
    c, d = int(min(w, x1 + pad + 1)), int(min(h, y1 + pad + 1))
    if c - a < 16 or d - b < 16:
        return None
    return View(gray[b:d, a:c], np.array([[1.0, 0, a], [0, 1.0, b]]))


def groups(outlines: Sequence[tuple[Point, ...]]) -> list[list[tuple[Point, ...]]]:
    """The outlines in groups whose boxes overlap (one symbol found by two binarizers or scales), the
    group with the most outlines first."""
    out: list[tuple[list[int], list[tuple[Point, ...]]]] = []
    for outline in outlines:
        if not outline:
            continue
        xs, ys = [p[0] for p in outline], [p[1] for p in outline]
        box = [min(xs), min(ys), max(xs), max(ys)]
        for b, members in out:
            if box[0] <= b[2] and b[0] <= box[2] and box[1] <= b[3] and b[1] <= box[3]:
                b[:] = [min(b[0], box[0]), min(b[1], box[1]), max(b[2], box[2]), max(b[3], box[3])]
                members.append(outline)
                break
        else:
            out.append((box, [outline]))
    return [members for _b, members in sorted(out, key=lambda g: -len(g[1]))]


def scaled(v: View, k: int) -> View:
    """``v`` upscaled ``k`` times (cubic), mapped back to the same frame pixels."""
    if k == 1:
        return v
    image = cv2.resize(v.image, None, fx=k, fy=k, interpolation=cv2.INTER_CUBIC)
    back = v.back @ np.array([[1.0 / k, 0, (1.0 / k - 1) / 2], [0, 1.0 / k, (1.0 / k - 1) / 2], [0, 0, 1]])
    return View(image, back)


def unsharp(v: View, sigma: float) -> View:
    blur = cv2.GaussianBlur(v.image, (0, 0), sigma)
    return View(cv2.addWeighted(v.image, 2.5, blur, -1.5, 0), v.back)


class QrRescue:
    """Reads the region of a QR Code zxing found but could not decode (see the module's docstring)."""

    def __init__(self, zx: ZxingReader) -> None:
        self._zx = zx
        self._zbar = ZbarScanner(("QRCODE",))

    def _zxing(self, v: View) -> list[Read]:
        return [(t, s, v.to_frame(p)) for t, s, p in self._zx.read(v.image, downscale=False, kinds="matrix")]

    def _zbar_read(self, v: View) -> list[Read]:
        out: list[Read] = []
        for data, name, pts in self._zbar.scan(v.image):
            text = zbar_text(data)
            if text and name == "QRCODE":
                out.append((text, name, v.to_frame(pts)))
        return out

    def fixed(self, gray: np.ndarray, outlines: list[tuple[Point, ...]]) -> list[Read]:
        """zxing's QR reader on the whole frame binarized at one mid-grey threshold (~0.7 ms of 1280x720):
        a motion-smeared or thumb-covered code whose local thresholds fall inside the smear reads, or
        is found (its outline added to ``outlines``) for ``read``."""
        return self._zx.read(gray, kinds="matrix", binarizer="fixed", seen_at=outlines)

    def read(self, gray: np.ndarray, outlines: Sequence[tuple[Point, ...]]) -> list[Read]:
        """The first reads of the region of each group of overlapping outlines (at most ``MAX_GROUPS``)."""
        for group in groups(outlines)[:MAX_GROUPS]:
            reads = self._read_region(gray, group)
            if reads:
                return reads
        return []

    def _read_region(self, gray: np.ndarray, outlines: Sequence[tuple[Point, ...]]) -> list[Read]:
        v = region(gray, outlines)
        if v is None:
            return []
        big = max(v.image.shape) > MAX_SIDE
        steps: list[Callable[[], list[Read]]] = [
            lambda: self._zxing(unsharp(v, 1.5)),
            lambda: self._zxing(unsharp(scaled(v, 2), 3.0)),
            lambda: self._zbar_read(scaled(v, 2)),
        ]
        if not big:
            steps.append(lambda: self._zxing(unsharp(scaled(v, 3), 4.5)))
        for step in steps:
            reads = step()
            if reads:
                return reads
        return []
