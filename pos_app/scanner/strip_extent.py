"""Where a located 1-D code really is, for the deep steps (``deep_strips``): the locator's box is often
a fragment (moiré under perspective breaks the bars into pieces, a finger splits the code) or off the
code's middle (a far code), and a strip that misses the start or the stop pattern can never read.

``extended`` grows a strip along its axis to the ends of the bars' texture.
"""

from __future__ import annotations

import numpy as np

from pos_app.scanner.views import View, strip, strip_geometry

__all__ = ["extended"]

REACH = 3.0  # a strip is looked at this many times as long as located
QUIET = 0.12  # each quiet zone, as a share of the bars' extent (10 modules of a 16-20 character code)


def extended(gray: np.ndarray, like: View, rows: int = 12) -> View | None:
    """``like``'s strip along the whole run of bars it lies on: sampled ``REACH`` times as long, the
    columns whose edge activity stays over a third of the located part's are the bars (gaps of a few
    modules bridged), from the run through the strip's middle; plus quiet zones.  None when the run is
    no longer than the strip already was (nothing to gain)."""
    cx, cy, angle, across, length, height = strip_geometry(like)
    long = strip(gray, cx, cy, angle, length * REACH, height, rows=rows, across=across)
    img = long.image.astype(np.float32)
    act = np.abs(np.diff(img, axis=1)).mean(axis=0)
    w = act.size
    win = max(3, int(w / 60))
    act = np.convolve(act, np.ones(win) / win, mode="same")
    mid = w // 2
    core = act[mid - int(w / (4 * REACH)) : mid + int(w / (4 * REACH)) + 1]
    if core.size == 0 or core.mean() <= 0:
        return None
    on = act > core.mean() / 3
    gap = max(2, int(w / 40))  # a gap this wide (in samples) is bridged: a wide bar or space
    left = mid
    while left > 0 and (on[left - 1] or on[max(0, left - gap) : left].any()):
        left -= 1
    right = mid
    while right < w - 1 and (on[right + 1] or on[right + 1 : right + 1 + gap].any()):
        right += 1
    span = right - left  # samples are 1 frame px apart along the axis
    if span <= 1.1 * length:
        return None
    unit = long.back[:, 0]
    shift = (left + right) / 2 - w / 2
    x, y = cx + unit[0] * shift, cy + unit[1] * shift
    return strip(gray, x, y, angle, span * (1 + 2 * QUIET) + 24, height, across=across)
