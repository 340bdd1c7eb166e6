"""Our own Code 128 reader for the thin, blurred bars zbar's single scan lines miss.

Input: an image of one 1-D code turned upright (bars vertical).  It is read along bands of rows, each
band averaged down the bars (noise falls, the bars do not blur, unlike zbar's single-pixel lines):

1. edges at sub-pixel positions: extrema of the profile's derivative, refined by a parabola, with
   alternating polarity (a 1.3 px module still leaves a derivative peak where a threshold sees nothing);
2. each symbol's six elements matched to the 107 patterns by their edge-to-similar-edge distances
   (bar + following space, space + following bar: sums that a blur's or a screen's bar growth cancels),
   nearest pattern with a margin over the second nearest, or no read;
3. start and stop patterns, the mod-103 check symbol, code sets A/B/C decoded to text;
4. 1-D deblurring: when a band gives nothing, its profile sharpened (minus its second derivative) at two
   strengths is tried;
5. scan-line voting: a text is returned only when two bands (two independent parts of the bars) read it
   and no other text has as many; when no band reads the whole code, symbols are voted position by
   position across bands whose start, stop and length agree, and the voted string must pass the check.

Zero wrong reads matters more than reads: the caller also checks the payload grammar.
"""

from __future__ import annotations

import itertools
from collections import Counter

import cv2
import numpy as np

# bar/space widths in modules, symbol values 0..106 (106 = stop, 7 elements)
PATTERNS = (
    "212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 122132 "
    "122231 113222 123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 321221 312212 "
    "322112 322211 212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 231113 231311 "
    "112133 112331 132131 113123 113321 133121 313121 211331 231131 213113 213311 213131 311123 311321 "
    "331121 312113 312311 332111 314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 "
    "112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 111242 121142 121241 114212 "
    "124112 124211 411212 421112 421211 212141 214121 412121 111143 111341 131141 114113 114311 411113 "
    "411311 113141 114131 311141 411131 211412 211214 211232 2331112"
).split()
START_A, START_B, START_C, STOP = 103, 104, 105, 106
_WIDTHS = np.array([[int(c) for c in p[:6]] for p in PATTERNS], np.float32)  # 107 x 6 (stop: first 6)
_T = _WIDTHS[:, :5] + _WIDTHS[:, 1:6]  # edge-to-similar-edge sums, 107 x 5 (the 5th: a check)
MAX_DIST = 0.4  # largest |t - whole modules| accepted: each sum must round to its pattern's clearly


def _key(t: np.ndarray) -> np.ndarray:
    key: np.ndarray = (t[..., 0] * 512 + t[..., 1] * 64 + t[..., 2] * 8 + t[..., 3]).astype(np.int64)
    return key


# rounded edge-to-similar-edge sums (2..7 modules each) -> symbol value; the first four identify a symbol
_LOOKUP = np.full(8**4, -1, np.int16)
_LOOKUP[_key(_T[:106, :4].astype(np.int64))] = np.arange(106)


def _nearest(windows: np.ndarray, allowed: slice = slice(0, 106)) -> np.ndarray:
    """For each row of 6 measured widths, the symbol whose rounded edge-to-similar-edge sums they give,
    or -1 when a sum is not clearly one whole number of modules or the widths contradict the symbol."""
    total = windows.sum(axis=1, keepdims=True)
    w = windows * (11.0 / np.maximum(total, 1e-6))
    t = w[:, :5] + w[:, 1:6]
    r = np.rint(t)
    unsure = np.abs(t - r).max(axis=1) >= MAX_DIST
    r = np.clip(r, 0, 7).astype(np.int64)
    sym = _LOOKUP[_key(r)].astype(np.int64)
    ok = (sym >= (allowed.start or 0)) & (sym < allowed.stop) & ~unsure
    pw = _WIDTHS[np.maximum(sym, 0)]
    ok &= (np.abs(pw - w).max(axis=1) < 0.85) & (r[:, 4] == _T[np.maximum(sym, 0), 4])
    return np.where(ok, sym, -1)


_STOP = np.array([2, 3, 3, 1, 1, 1, 2], np.float32)


def _stops(widths: np.ndarray) -> np.ndarray:
    """For each element index, whether the 7 elements from it look like the stop pattern (13 modules)."""
    n = widths.size - 6
    if n <= 0:
        return np.zeros(0, bool)
    win = widths[np.arange(n)[:, None] + np.arange(7)]
    w = win * (13.0 / np.maximum(win.sum(axis=1, keepdims=True), 1e-6))
    t, tr = w[:, :6] + w[:, 1:7], _STOP[:6] + _STOP[1:7]
    stop: np.ndarray = (np.abs(t - tr).max(axis=1) < 0.75) & (np.abs(w - _STOP).max(axis=1) < 0.9)
    return stop


def symbols_to_text(values: list[int]) -> str | None:
    """Data symbols (without start, check and stop) in code set ``start`` to text; None for what a coupon
    code never holds (function characters)."""
    if not values:
        return None
    start, data = values[0], values[1:]
    mode = {START_A: "A", START_B: "B", START_C: "C"}.get(start)
    if mode is None:
        return None
    out: list[str] = []
    shift = False
    for v in data:
        cur = ("B" if mode == "A" else "A") if shift else mode
        shift = False
        if cur == "C":
            if v < 100:
                out.append(f"{v:02d}")
            elif v == 100:
                mode = "B"
            elif v == 101:
                mode = "A"
            else:
                return None  # FNC1
            continue
        if v < 96:
            if cur == "A":
                out.append(chr(v + 32) if v < 64 else chr(v - 64))
            else:
                out.append(chr(v + 32))
        elif v == 98:
            shift = True
        elif v == 99:
            mode = "C"
        elif (v == 100 and cur == "A") or (v == 101 and cur == "B"):
            mode = "B" if v == 100 else "A"
        else:
            return None  # FNC1-4
    return "".join(out)


def _edges(profile: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sub-pixel edge positions and their signs (+1 dark-to-light, -1 light-to-dark), alternating."""
    d = np.diff(profile)
    if d.size < 3:
        return np.empty(0), np.empty(0)
    k = int(d.size * 0.99)
    scale = float(np.partition(np.abs(d), k)[k])
    if scale <= 0:
        return np.empty(0), np.empty(0)
    thr = 0.1 * scale
    left, mid, right = d[:-2], d[1:-1], d[2:]
    # extrema of each polarity, compared with same-signed neighbours only
    peak = ((mid >= left) & (mid > right) & (mid > thr)) | ((mid <= left) & (mid < right) & (mid < -thr))
    idx = np.flatnonzero(peak) + 1
    if idx.size == 0:
        return np.empty(0), np.empty(0)
    a, b, c = d[idx - 1], d[idx], d[idx + 1]
    den = a - 2 * b + c
    safe = np.abs(den) > 1e-6
    off = np.where(safe, 0.5 * (a - c) / np.where(safe, den, 1.0), 0.0)
    pos = idx + np.clip(off, -0.5, 0.5) + 0.5  # d[i] is the edge between samples i and i+1
    sign = np.sign(b)
    strength = np.abs(b)
    # alternate polarity: of each run of same-sign peaks keep the strongest
    change = np.empty(sign.size, bool)
    change[0] = True
    np.not_equal(sign[1:], sign[:-1], out=change[1:])
    if change.all():
        return pos, sign
    starts = np.flatnonzero(change)
    run = np.cumsum(change) - 1
    best = np.maximum.reduceat(strength, starts)
    keep = strength == best[run]
    first = np.empty(keep.size, bool)
    first[0] = True
    first[1:] = ~((run[1:] == run[:-1]) & keep[:-1])  # a tie: the first of the run only
    keep &= first
    return pos[keep], sign[keep]


def read_profile(profile: np.ndarray) -> tuple[list[int] | None, bool]:
    """The symbol values (start .. check, no stop) read along one profile (left to right or right to
    left), checksum verified, or None; and whether a start pattern after a quiet zone was seen at all
    (evidence of a Code 128 here)."""
    pos, sign = _edges(profile)
    if pos.size < 32:
        return None, False
    seen = False
    for p, s in ((pos, sign), (profile.size - pos[::-1], -sign[::-1])):
        got, started = _read_edges(p, s)
        seen |= started
        if got is not None:
            return got, True
    return None, seen


def _read_edges(pos: np.ndarray, sign: np.ndarray) -> tuple[list[int] | None, bool]:
    n = pos.size
    widths = np.diff(pos)
    m = widths.size
    windows = widths[np.arange(m - 5)[:, None] + np.arange(6)]
    sizes = windows.sum(axis=1) / 11
    # candidate starts: a bar (light-to-dark edge) after a quiet zone, matching a start pattern
    bars = np.nonzero(sign[: m - 5] < 0)[0]
    starts = _nearest(windows[bars], slice(103, 106))
    quiet = pos[bars] - np.where(bars > 0, pos[np.maximum(bars - 1, 0)], 0)
    good = (starts >= 0) & (quiet >= 4 * sizes[bars])
    if not good.any():
        return None, False
    values_at = _nearest(windows)
    stop_at = _stops(widths)
    for j, start in zip(bars[good], starts[good], strict=True):
        module = float(sizes[j])
        values = [int(start)]
        at = j + 6
        while at + 6 <= m:
            if at < stop_at.size and stop_at[at] and len(values) >= 3:
                after = pos[at + 8] - pos[at + 7] if at + 8 < n else np.inf
                if after >= 4 * module:
                    total = values[0] + sum(i * v for i, v in enumerate(values[1:-1], 1))
                    if total % 103 == values[-1]:
                        return values, True
                break
            v = int(values_at[at]) if at < values_at.size else -1
            if v < 0 or not 0.7 * module < sizes[at] < 1.4 * module:
                break  # not a symbol, or one whose size breaks from its neighbours' (a merged element)
            module = 0.7 * module + 0.3 * float(sizes[at])
            values.append(v)
            at += 6
    return None, True


def _sharpened(profile: np.ndarray, amount: float) -> np.ndarray:
    """1-D deblurring: the profile minus ``amount`` times its smoothed second derivative."""
    p = profile.reshape(1, -1)
    lap = cv2.Laplacian(cv2.GaussianBlur(p, (0, 0), 1.0), cv2.CV_32F, ksize=1)
    out: np.ndarray = (p - amount * lap).ravel()
    return out


def band_profiles(img: np.ndarray, bands: int = 6) -> list[np.ndarray]:
    """The mean profile across the bars of each of ``bands`` bands of rows of ``img`` (bars vertical,
    gray; its top and bottom tenth left out), after reducing it to ``4 * bands`` rows; [] when too
    small for a code."""
    h, w = img.shape[:2]
    if img.ndim != 2 or w < 60 or h < 4:
        return []
    rows = min(h, 4 * bands)
    small = (
        cv2.resize(img, (w, rows), interpolation=cv2.INTER_AREA).astype(np.float32)
        if rows < h
        else img.astype(np.float32)
    )
    lo, hi = int(rows * 0.1), max(int(rows * 0.9), int(rows * 0.1) + 1)
    cuts = np.linspace(lo, hi, bands + 1).astype(int)
    return [small[a:b].mean(axis=0) for a, b in itertools.pairwise(cuts) if b > a]


def read_upright(img: np.ndarray, bands: int = 6) -> tuple[str, int] | None:
    """(text, agreeing bands) of the Code 128 in ``img`` (bars vertical, gray), or None."""
    return read_strip(img, bands)[0]


def read_strip(img: np.ndarray, bands: int = 6) -> tuple[tuple[str, int] | None, bool]:
    """(text, agreeing bands) of the Code 128 in ``img`` (bars vertical, gray), or None; and whether a
    start pattern after a quiet zone was seen (a Code 128 may be there even when it was not read).

    A text is returned only when at least two bands agree on it and no other text has as many votes.
    The image is first reduced to ``4 * bands`` rows (averaging down the bars costs nothing in
    resolution across them); a region whose middle band shows too few edges for a code is left at once.
    """
    profiles = band_profiles(img, bands)
    if not profiles:
        return None, False
    # the middle band first, then outwards: a code held up fills the middle of its region
    mid = len(profiles) // 2
    order = sorted(range(len(profiles)), key=lambda i: abs(i - mid))
    texts: Counter[str] = Counter()
    evidence = False
    for n, i in enumerate(order):
        prof = profiles[i]
        got, seen = read_profile(prof)
        if got is None:
            for amount in (0.6, 1.2):
                got, seen2 = read_profile(_sharpened(prof, amount))
                seen |= seen2
                if got is not None:
                    break
        evidence |= seen
        if n == 0 and not evidence:
            return None, False  # no start pattern after a quiet zone in the middle band: not a Code 128
        text = symbols_to_text(got[:-1]) if got is not None else None
        if text:
            texts[text] += 1
            (best, votes), *rest = [*texts.most_common(2), ("", 0)]
            if votes >= 2 and rest[0][1] == 0:
                return (best, votes), True  # two bands agree and none disagrees: enough
        if not texts and n >= 3:
            return None, evidence  # half the bands and not one read: give up on this region
    if not texts:
        return None, evidence
    (best, votes), *rest = [*texts.most_common(2), ("", 0)]
    if votes < 2 or rest[0][1] >= votes:
        return None, True
    return (best, votes), True
