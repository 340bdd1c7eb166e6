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
4. upscaled 3x and unsharp-masked;
5. and 6. a coarser, then a coarser and stronger unsharp mask (stronger blur);
7. zbar's QR decoder on the whole half-size frame (~5 ms of 640x360; round 9): where the outlines zxing
   reported are a part of the code or a decoy beside it (a rolling shutter's shear, a strong perspective,
   glare), so that no region holds the code, while zbar's own finder locates it on the frame.

Every read is error-corrected by its decoder (Reed-Solomon over the codewords); the camera path then keeps
only coupon payloads that two frames agree on.  A step runs only when its estimated cost fits in what is
left of the frame's budget (the next frame goes on from there), and a region is not upscaled beyond
``MAX_UPSCALED`` pixels.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence

import cv2
import numpy as np

from pos_app.scanner.views import View
from pos_app.scanner.zbar import ZbarScanner, zbar_text
from pos_app.scanner.zxing_reader import Point, Read, ZxingReader

MARGIN = 0.5  # of the outline's larger side, added on each side (the outline may cover part of the code)
MAX_GROUPS = 2  # regions read at most per frame (a false find elsewhere must not starve the true one)
MAX_STEP_MS = 8.0  # a step estimated dearer than this is skipped in the camera path (stills run it)
MAX_UPSCALED = 960  # px: a region is upscaled no larger than this (its modules are large enough then)
# CPU cost of a step per pixel of the (upscaled) region, measured on 1280x720 tuning frames: a step
# whose estimate does not fit in what is left of the frame's budget waits for the next frame
ZXING_MS_PER_PX = 9e-6
ZBAR_MS_PER_PX = 2e-5
# the second look's steps, cheapest and mildest first: (upscale, unsharp sigma in the region's pixels,
# unsharp amount); sigma 0: zbar's QR decoder on the upscaled region, not unsharp-masked; upscale 0: zbar's
# QR decoder on the whole half-size frame (once a frame, not per region)
STEPS = (
    (1, 1.5, 1.5),
    (2, 1.5, 1.5),
    (2, 0.0, 0.0),
    (3, 1.5, 1.5),
    (2, 3.0, 1.5),  # stronger blur: detail up to twice as coarse
    (3, 2.0, 4.0),  # the strongest: modules melted into grey, little contrast left
    (0, 0.0, 0.0),  # the whole half-size frame, by zbar (round 9: tuning B sets' QR Codes raw pyzbar read)
)


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
    """``v`` upscaled ``k`` times (cubic), mapped back to the same frame pixels (0 or 1: ``v`` itself)."""
    if k <= 1:
        return v
    image = cv2.resize(v.image, None, fx=k, fy=k, interpolation=cv2.INTER_CUBIC)
    back = v.back @ np.array([[1.0 / k, 0, (1.0 / k - 1) / 2], [0, 1.0 / k, (1.0 / k - 1) / 2], [0, 0, 1]])
    return View(image, back)


def unsharp(v: View, sigma: float, amount: float = 1.5) -> View:
    """``v`` plus ``amount`` times its detail finer than a Gaussian of ``sigma`` pixels."""
    blur = cv2.GaussianBlur(v.image, (0, 0), sigma)
    return View(cv2.addWeighted(v.image, 1 + amount, blur, -amount, 0), v.back)


class QrRescue:
    """Reads the region of a QR Code zxing found but could not decode (see the module's docstring)."""

    def __init__(self, zx: ZxingReader, clock: Callable[[], float] = time.thread_time) -> None:
        self._zx = zx
        self._clock = clock
        self._first = 0  # the step the next region begins with
        self.pending = False  # the last ``read`` stopped for the budget with steps left to try
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

    def fixed(self, v: View, outlines: list[tuple[Point, ...]]) -> list[Read]:
        """zxing's QR reader on ``v`` (the half-size frame: ~0.2 ms) binarized at one mid-grey threshold:
        a motion-smeared or thumb-covered code whose local thresholds fall inside the smear reads, or
        is found (its outline, in frame pixels, added to ``outlines``) for ``read``."""
        found: list[tuple[Point, ...]] = []
        reads = self._zx.read(v.image, kinds="matrix", binarizer="fixed", downscale=False, seen_at=found)
        outlines += [v.to_frame(o) for o in found]
        return [(t, s, v.to_frame(p)) for t, s, p in reads]

    def forget(self) -> None:
        """A new camera or video: the steps begin with the first again."""
        self._first = 0

    def read(
        self,
        gray: np.ndarray,
        outlines: Sequence[tuple[Point, ...]],
        left_ms: float = math.inf,
        half: View | None = None,
    ) -> list[Read]:
        """The first read of the region of each group of overlapping outlines (at most ``MAX_GROUPS``),
        trying ``STEPS`` in turn while their estimated cost fits in ``left_ms`` (the whole-frame step on
        ``half``, the frame at half size, once).  The steps begin where
        the last frame's stopped: with the step that read (a held code reads again at once), or the one
        the budget had no room for (a code that needs a late step gets it within a few frames)."""
        end = self._clock() + left_ms / 1000
        n = len(STEPS)
        self.pending = False
        whole_done = False
        for group in groups(outlines)[:MAX_GROUPS]:
            v = region(gray, group)  # None: too small a region (the whole-frame step may still read)
            for j in range(n):
                i = (self._first + j) % n
                k, sigma, amount = STEPS[i]
                if k:
                    place = v
                else:  # the whole half-size frame: once a call, whatever the groups
                    place, whole_done = (None if whole_done else half), True
                if place is None:
                    continue
                h, w = place.image.shape[:2]
                if k > 1 and k * max(h, w) > MAX_UPSCALED:
                    continue
                cost = max(k, 1) ** 2 * h * w * (ZBAR_MS_PER_PX if sigma == 0 else ZXING_MS_PER_PX)
                if cost > MAX_STEP_MS and math.isfinite(left_ms):
                    continue  # never fits a camera frame's budget after the whole-frame pass: not waited for
                if self._clock() + cost / 1000 > end:
                    self._first = i
                    self.pending = True
                    return []
                view = scaled(place, k)
                reads = self._zbar_read(view) if sigma == 0 else self._zxing(unsharp(view, sigma * k, amount))
                if reads:
                    self._first = i
                    return reads
        return []
