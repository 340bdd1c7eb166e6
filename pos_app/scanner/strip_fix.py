"""Better strips for a frame whose located 1-D code strips read nothing (a deep step, ``decode.py``).

The locator's strips often hold only part of a code or cross it off its middle: OpenCV's box is a
decoy (a drawn bar pattern) while the code itself goes unlocated, a moiré or a rolling shutter breaks the
code into fragments, a far code is boxed off to one side, ``coherent_bars`` merges a whole phone into one
patch far taller than the bars.  ``fixed_strips`` takes the located strips and ``coherent_bars``' patches
as places, and for each:

1. finds the band of bars across it: the bars' tilt on its middle rows (perspective and rolling shutter
   shear them), then on a strip ``TALLER`` times as tall the rows whose profile correlates with the
   middle's (``LIKE``), or, when the middle is not on bars, the run of rows with the strongest edges;
   the strip is re-centred on that band, as tall as it;
2. finds the run of bars along it: on a strip ``REACH`` times as long, the columns where the rows' mean
   profile keeps most of the rows' own edge energy (``CONSISTENT``: moiré, text and noise average
   away), small gaps bridged; the strip is grown or cut to it, quiet zones added (``QUIET``);
3. merges the places that then lie on one line into one strip over their union.

Strips like one already located (the readers saw it) are dropped.  No reader here: a strip is only a
place to try the readers on.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from pos_app.scanner.views import View, bar_angle, coherent_bars, half_size, located_strip, strip, strip_geometry

__all__ = ["fixed_strips", "joined_strips", "more_strips", "on_one_line"]

MOST = 4  # strips returned (the locator's places first)
TALLER = 2.5  # the band is looked for on a strip this many times as tall as located
REACH = 3.0  # the run of bars is looked for on a strip this many times as long as the band found
QUIET = 0.12  # each quiet zone, as a share of the bars' extent (10 modules of a 16-20 character code)
LIKE = 0.4  # a row of the band correlates this well with the located middle rows
CONSISTENT = (0.5, 0.3)  # bars: the rows' mean profile keeps this share of their edge energy (strict, loose)
ROWS = 48  # rows of a strip returned (as ``BarLocator.strips``)
MORE = 3  # strips ``more_strips`` returns at most
# ``joined_strips``: as tall as this many times a fragment's strip (the locator's strips span 0.7 of its
# box): the rows past a thumb's tip, which cross every bar (B:7 #79 reads from 1.4x, best centred)
JOIN_TALLER = 1.8


@dataclass
class Box:
    """A place on the frame: centre, the code's axis and the bars' normal (degrees), length along the
    axis and height along the bars (frame pixels)."""

    cx: float
    cy: float
    angle: float
    across: float
    length: float
    height: float

    def sample(self, gray: np.ndarray, rows: int, length: float | None = None, height: float | None = None) -> View:
        """The frame sampled on this place: ``rows`` rows over ``height``, 1 px apart along ``length``."""
        return strip(
            gray,
            self.cx,
            self.cy,
            self.angle,
            self.length if length is None else length,
            self.height if height is None else height,
            rows=rows,
            across=self.across,
        )


def _box(v: View) -> Box:
    return Box(*strip_geometry(v))


def _runs(on: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """(first, last) of each run of True in ``on``, gaps of up to ``gap`` False bridged."""
    idx = np.flatnonzero(on)
    if idx.size == 0:
        return []
    cuts = np.flatnonzero(np.diff(idx) > gap + 1)
    starts = np.concatenate([[idx[0]], idx[cuts + 1]])
    ends = np.concatenate([idx[cuts], [idx[-1]]])
    return [(int(a), int(b)) for a, b in zip(starts, ends, strict=True)]


def _rows_like_middle(img: np.ndarray, mid: tuple[int, int]) -> np.ndarray:
    """Per row of an upright strip, the correlation of its profile (high-passed) with the mean profile
    of rows ``mid`` (first, last): rows of bars look like each other, text and moiré do not."""
    f = img.astype(np.float32)
    f -= cv2.blur(f, (31, 1))
    ref = f[mid[0] : mid[1] + 1].mean(axis=0)
    ref -= ref.mean()
    f -= f.mean(axis=1, keepdims=True)
    norm = np.sqrt((f * f).sum(axis=1) * float((ref * ref).sum())) + 1e-6
    out: np.ndarray = (f @ ref) / norm
    return out


def _band(gray: np.ndarray, box: Box) -> Box | None:
    """``box`` re-centred across the bars on the band they fill, as tall as it, along the bars' own
    direction; None when no band stands out."""
    tall = min(max(TALLER * box.height, 32.0), max(box.height, 1.5 * box.length))
    rows = int(np.clip(tall, 16, 160))
    step = tall / rows
    v = box.sample(gray, rows, height=tall)
    lo = int(rows / 2 - 0.25 * rows * box.height / tall)
    hi = max(int(rows / 2 + 0.25 * rows * box.height / tall), lo + 2)
    dev = bar_angle(v.image[lo : hi + 1])  # the bars' direction in the located middle (rows ``step`` px apart)
    if dev is not None and 0.3 < abs(dev) < 40:
        across = box.across + float(np.degrees(np.arctan(np.tan(np.radians(dev)) / step)))
        box = Box(box.cx, box.cy, box.angle, across, box.length, box.height)
        v = box.sample(gray, rows, height=tall)
    like = _rows_like_middle(v.image, (lo, hi))
    runs = [r for r in _runs(like > LIKE, max(1, round(3 / step))) if r[0] <= rows // 2 <= r[1]]
    if runs and runs[0][1] - runs[0][0] + 1 >= max(3, 0.3 * (hi - lo)):
        r0, r1 = runs[0]
    else:  # the middle is not on bars (a decoy, a phone-sized patch): the rows of strongest edges
        act = np.abs(np.diff(v.image.astype(np.float32), axis=1)).mean(axis=1)
        act = np.convolve(act, np.ones(3) / 3, mode="same")
        if act.max() <= 2.0:
            return None
        strong = _runs(act > 0.5 * act.max(), max(1, round(3 / step)))
        r0, r1 = max(strong, key=lambda r: float(act[r[0] : r[1] + 1].sum()))
        if r1 - r0 + 1 < 3:
            return None
    shift = ((r0 + r1 + 1) / 2 - rows / 2) * step
    unit = v.back[:, 1] / np.hypot(*v.back[:, 1])
    height = (r1 - r0 + 1) * step
    return Box(box.cx + unit[0] * shift, box.cy + unit[1] * shift, box.angle, box.across, box.length, height)


def _run(gray: np.ndarray, box: Box) -> list[Box | None]:
    """``box`` along the run of bars through its middle (grown or cut to it, quiet zones not included),
    for each level of ``CONSISTENT``; None where no run of bars is there.  Bars are where the rows' mean
    profile keeps most of the rows' own edge energy: moiré, text and noise differ from row to row and
    average away."""
    span = min(REACH * box.length, 2.0 * max(gray.shape))
    v = box.sample(gray, 16, length=span, height=0.8 * box.height)
    f = v.image.astype(np.float32)
    f -= cv2.blur(f, (31, 1))
    w = f.shape[1]
    if w < 40:
        return [None for _ in CONSISTENT]
    win = max(9, int(box.length / 30))
    mean = f.mean(axis=0)
    signal = np.convolve(mean * mean, np.ones(win) / win, mode="same")
    energy = np.convolve((f * f).mean(axis=0), np.ones(win) / win, mode="same") + 1.0
    mid = w // 2
    core = signal[mid - int(w / (4 * REACH)) : mid + int(w / (4 * REACH)) + 1]
    level = _upper_quartile(core) / 8 if core.size else 0.0
    if level <= 1.0:
        return [None for _ in CONSISTENT]
    out: list[Box | None] = []
    for consistent in CONSISTENT:
        runs = _runs((signal > level) & (signal > consistent * energy), max(2, int(box.length / 25)))
        near = [r for r in runs if r[0] - win <= mid <= r[1] + win]
        if not near or near[0][1] - near[0][0] < 30:
            out.append(None)
            continue
        left, right = near[0]
        shift = (left + right) / 2 - w / 2
        unit = v.back[:, 0]
        cx, cy = box.cx + unit[0] * shift, box.cy + unit[1] * shift
        out.append(Box(cx, cy, box.angle, box.across, float(right - left), box.height))
    return out


def _upper_quartile(a: np.ndarray) -> float:
    """``np.percentile(a, 75)`` (linear), without it: its first call imports numpy.ma (~45 ms inside a
    camera's frame, which then made the deep steps' estimate skip this step for a dozen scenes)."""
    pos = 0.75 * (a.size - 1)
    lo = int(pos)
    hi = min(lo + 1, a.size - 1)
    part = np.partition(a.ravel(), (lo, hi))
    return float(part[lo] + (pos - lo) * (part[hi] - part[lo]))


def _within(box: Box, place: Box) -> bool:
    """Whether ``place``'s centre lies on ``box`` (the run of bars found from another place)."""
    a = np.radians(box.angle)
    d = np.array([np.cos(a), np.sin(a)])
    off = np.array([place.cx - box.cx, place.cy - box.cy])
    turn = abs((box.angle - place.angle + 90) % 180 - 90)
    along, side = abs(float(off @ d)), abs(float(off @ np.array([-d[1], d[0]])))
    return turn < 10 and along < box.length / 2 and side < box.height / 2


def _same_line(a: Box, b: Box) -> bool:
    turn = abs((a.angle - b.angle + 90) % 180 - 90)
    if turn > 8:
        return False
    a_rad = np.radians(a.angle)
    d = np.array([np.cos(a_rad), np.sin(a_rad)])
    off = np.array([b.cx - a.cx, b.cy - a.cy])
    side = abs(float(off @ np.array([-d[1], d[0]])))
    along = abs(float(off @ d))
    return side < 0.5 * max(a.height, b.height) and along < (a.length + b.length) / 2 + 0.2 * max(a.length, b.length)


def _union(a: Box, b: Box) -> Box:
    a_rad = np.radians(a.angle)
    d = np.array([np.cos(a_rad), np.sin(a_rad)])
    ends = []
    for x in (a, b):
        c = np.array([x.cx - a.cx, x.cy - a.cy]) @ d
        ends += [c - x.length / 2, c + x.length / 2]
    lo, hi = min(ends), max(ends)
    mid = (lo + hi) / 2
    return Box(a.cx + d[0] * mid, a.cy + d[1] * mid, a.angle, a.across, hi - lo, max(a.height, b.height))


def _alike(a: Box, b: Box) -> bool:
    """Two strips the readers would see alike."""
    turn = abs((a.angle - b.angle + 90) % 180 - 90) + abs((a.across - b.across + 90) % 180 - 90)
    dist = float(np.hypot(a.cx - b.cx, a.cy - b.cy))
    tall = min(a.height, b.height)
    return (
        turn < 1.0
        and dist < min(0.05 * a.length + 4, 0.25 * tall)
        and abs(a.length - b.length) < 0.1 * a.length + 8
        and abs(a.height - b.height) < 0.3 * tall
    )


def fixed_strips(
    gray: np.ndarray, located: list[View], most: int = MOST, half: View | None = None, search: bool = True
) -> list[View]:
    """Strips over whole codes for ``gray`` (the frame, gray), from the ``located`` strips and (``search``)
    ``coherent_bars``' patches on ``half`` (the frame at half size, made when not given): each re-centred
    on its band of bars along their direction, grown or cut to its run of bars with quiet zones, those on
    one line merged; at most ``most``, none like a located strip."""
    places = [_box(v) for v in located]
    if search:  # the code itself where the locator boxed a decoy (~2.3 ms of a 1280x720 frame)
        patches = coherent_bars(half_size(gray) if half is None else half, most=4)
        places += [Box(cx, cy, a, b, length, h) for cx, cy, a, length, h, b in patches]
    found: list[list[Box]] = [[] for _ in CONSISTENT]
    for place in places:
        if any(_within(box, place) for boxes in found for box in boxes):
            continue  # on the bars another place found
        band = _band(gray, place)
        if band is None:
            continue
        runs = _run(gray, band)
        first = next((r for r in runs if r is not None), None)
        if first is None:
            continue
        again = _band(gray, first)  # the band again over the run alone: its direction without the clutter
        for k, run in enumerate(runs):
            if run is not None and again is not None:
                run = Box(again.cx, again.cy, run.angle, again.across, run.length, again.height)
            if run is not None:
                found[k].append(run)
    merged: list[Box] = []
    for boxes in found:  # each level's places on one line merged into one
        line: list[Box] = []
        for box in boxes:
            for i, other in enumerate(line):
                if _same_line(other, box):
                    line[i] = _union(other, box)
                    break
            else:
                line.append(box)
        merged += line
    seen = [_box(v) for v in located]
    out: list[View] = []
    for box in merged:
        length = box.length * (1 + 2 * QUIET) + 24
        final = Box(box.cx, box.cy, box.angle, box.across, length, 0.8 * box.height)
        if any(_alike(final, s) for s in seen):
            continue
        seen.append(final)
        out.append(final.sample(gray, ROWS))
        if len(out) >= most:
            break
    return out


def _tried(a: Box, b: Box) -> bool:
    """Two strips on one place (the readers would see much the same): a looser ``_alike``, for a merged
    line of the locator's boxes against the strips already tried (located, or from ``fixed_strips``)."""
    turn = abs((a.angle - b.angle + 90) % 180 - 90)
    dist = float(np.hypot(a.cx - b.cx, a.cy - b.cy))
    long, tall = max(a.length, b.length), min(a.height, b.height)
    return turn < 3.0 and dist < 0.1 * long + 0.25 * tall and abs(a.length - b.length) < 0.2 * long


def more_strips(
    gray: np.ndarray,
    boxes: list[tuple[float, float, float, float, float]],
    tried: list[View],
    most: int = MORE,
) -> list[View]:
    """Strips over the locator's ``boxes`` (``BarLocator.boxes``: every box, in its order) that lie on
    one line, each line's boxes merged into one (a glare, a thumb or a moiré splits a code into fragments,
    each too short to read); sampled as ``BarLocator.strips`` does, at most ``most``, none on the place
    of a strip ``tried`` (located, fixed or merged) already.  (Round 9 also tried each box past the
    first two, and OpenCV's locator on the full-size frame: on the tuning sets they read nothing the
    other steps did not, for ~8 ms a still scene of decoys.)"""
    places = [Box(cx, cy, a, a, length, h) for cx, cy, a, length, h in boxes]
    lines: list[tuple[Box, int]] = []  # a union of boxes on one line, how many
    for place in places:
        for i, (line, n) in enumerate(lines):
            if _same_line(line, place):
                lines[i] = (_union(line, place), n + 1)
                break
        else:
            lines.append((place, 1))
    seen = [_box(v) for v in tried]
    out: list[View] = []
    for place in [line for line, n in lines if n > 1]:
        v = located_strip(gray, place.cx, place.cy, place.angle, place.length, place.height)
        box = _box(v)
        if any(_tried(box, s) for s in seen):
            continue
        seen.append(box)
        out.append(v)
        if len(out) >= most:
            break
    return out


def _pairs_on_one_line(located: list[View]) -> list[tuple[Box, Box]]:
    boxes = [_box(v) for v in located]
    return [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if _same_line(a, b)]


def on_one_line(located: list[View]) -> bool:
    """Whether two of ``located`` lie end to end on one line (``joined_strips`` has a strip to give)."""
    return bool(_pairs_on_one_line(located))


def joined_strips(gray: np.ndarray, located: list[View], taller: float = JOIN_TALLER) -> list[View]:
    """One strip over each pair of ``located`` strips that lie end to end on one line, ``taller`` times
    as tall as the shorter: a code the locator boxed as two fragments either side of a thumb across its
    bars, the rows past the thumb's tip crossing every bar.  No search, no band: ~0.3 ms, a deep step's
    first look before ``fixed_strips``' (~8 ms)."""
    out: list[View] = []
    for a, b in _pairs_on_one_line(located):
        u = _union(a, b)
        tall = taller * min(a.height, b.height)
        out.append(Box(u.cx, u.cy, u.angle, u.across, u.length, tall).sample(gray, ROWS))
    return out
