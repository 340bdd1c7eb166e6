"""A strip sampled along a code's perspective, for the deep steps (``deep_strips``).

A Code 128 turned strongly away from the camera (30-45 degrees) is foreshortened: its bars lean one way
at one end and another way at the other, and its top and bottom edges converge.  An affine strip
(``views.strip``) has one column direction: at the ends its columns cross the leaning bars, and a band
of rows averages them into grey.  ``projective`` measures the bars on a taller and longer strip in
``CHUNKS`` pieces along the code (where the bars are across it, and their lean), fits the code's top and bottom
edges and the lean along it as lines, and samples the frame on the quadrilateral between the first and
the last bars' lines: a homography, whose columns follow the bars at every point along the code and
whose rows follow its converging edges.  No reader here: a strip is only a place to try the readers on.
"""

from __future__ import annotations

import cv2
import numpy as np

from pos_app.scanner.views import View, bar_angle, strip, strip_geometry

__all__ = ["projective"]

CHUNKS = 8  # pieces along the code measured for the bars' band and lean
TALLER = 1.6  # the bars are looked for on a strip this many times as tall as located
ROWS = 48  # rows of the strip returned (as ``BarLocator.strips``)
INSET = 0.15  # the strip keeps off the bars' ends by this share of their height (the edges' fit is rough)
ALONG = 1.5  # samples per frame pixel along the code's longer edge (its far end's modules are thin)
QUIET = 0.08  # each quiet zone, as a share of the strip's length between the first and the last bars
REACH = 2.0  # the bars are looked for on a strip this many times as long as the strip given (a fixed
# strip of a foreshortened code holds its near end only: its far end's bars are too thin for strip_fix)
LEAN_MIN = 2.0  # degrees: a lean changing by less along the code gains nothing over the affine strip


def _line_meets(p: np.ndarray, d: np.ndarray, edge: np.ndarray) -> np.ndarray:
    """Where the line ``p + t d`` meets the edge ``y = edge[0] x + edge[1]``."""
    m, c = float(edge[0]), float(edge[1])
    t = (m * p[0] + c - p[1]) / (d[1] - m * d[0])
    meets: np.ndarray = p + t * d
    return meets


def projective(gray: np.ndarray, like: View, reach: float = REACH) -> View | None:
    """``like``'s code sampled on its perspective (see the module), or None when its bars give no
    clear band and lean in at least half of the pieces, or their lean hardly changes along the code."""
    cx, cy, angle, across, length, height = strip_geometry(like)
    tall = strip(gray, cx, cy, angle, length * reach, height * TALLER, rows=64, across=across)
    img = tall.image.astype(np.float32)
    act = np.abs(np.diff(img, axis=1))
    cols = cv2.blur(act.mean(axis=0).reshape(1, -1), (9, 1)).ravel()
    if cols.size < 40 or cols.max() <= 0:
        return None
    on = np.flatnonzero(cols > 0.35 * cols.max())
    u0, u1 = int(on.min()), int(on.max())
    if u1 - u0 < 4 * CHUNKS:
        return None
    width = (u1 - u0) / CHUNKS
    us, tops, bottoms, slopes = [], [], [], []
    for k in range(CHUNKS):
        c0, c1 = int(u0 + k * width), int(u0 + (k + 1) * width)
        rows = np.convolve(act[:, c0:c1].mean(axis=1), np.ones(3) / 3, mode="same")
        band = np.flatnonzero(rows > 0.5 * rows.max()) if rows.max() > 0 else np.empty(0, int)
        if band.size < 4:
            continue
        r0, r1 = int(band.min()), int(band.max())
        lean = bar_angle(tall.image[r0 : r1 + 1, c0:c1])
        if lean is None or abs(lean) > 60:
            continue
        us.append((c0 + c1) / 2)
        tops.append(r0)
        bottoms.append(r1 + 1)
        slopes.append(-np.tan(np.radians(lean)))  # the bar's dx per dy on the tall strip
    if len(us) < CHUNKS // 2:
        return None
    u = np.array(us)
    top, bottom, slope = (np.polyfit(u, np.array(v, np.float64), 1) for v in (tops, bottoms, slopes))
    lean_change = abs(np.degrees(np.arctan(np.polyval(slope, u1)) - np.arctan(np.polyval(slope, u0))))
    if lean_change < LEAN_MIN:
        return None
    corners = []
    for end in (u0, u1):
        mid = (np.polyval(top, end) + np.polyval(bottom, end)) / 2
        p, d = np.array([end, mid]), np.array([np.polyval(slope, end), 1.0])
        hi, lo = _line_meets(p, d, top), _line_meets(p, d, bottom)
        corners.append((hi + INSET * (lo - hi), lo - INSET * (lo - hi)))
    (tl, bl), (tr, br) = corners
    long = ALONG * max(float(np.hypot(*(tr - tl))), float(np.hypot(*(br - bl))))
    if not 8 <= long <= 4 * max(gray.shape):
        return None
    quiet = QUIET * long
    src = np.array([[quiet, 0], [quiet + long, 0], [quiet + long, ROWS], [quiet, ROWS]], np.float32)
    onto = cv2.getPerspectiveTransform(src, np.array([tl, tr, br, bl], np.float32))
    warp = np.vstack([tall.back, [0.0, 0.0, 1.0]]) @ onto  # strip pixels -> frame pixels
    size = (int(long + 2 * quiet), ROWS)
    out = cv2.warpPerspective(gray, warp, size, flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP, borderValue=255)
    # the affine map through three of its corners: outlines on the frame
    w, h = size
    pts = np.array([[0, 0, 1], [w, 0, 1], [0, h, 1]], np.float64) @ warp.T
    pts = pts[:, :2] / pts[:, 2:]
    back = cv2.getAffineTransform(np.array([[0, 0], [w, 0], [0, h]], np.float32), pts.astype(np.float32))
    return View(out, back, warp)
