"""A Code 128 reader that fits a blurred model of the bars, for strips whose narrow bars melt into grey.

``code128.read_strip`` needs every edge resolved; a far code (1.2-1.6 px per module), defocus or motion
merges a narrow bar with its neighbours and that reader stops.  This one never looks for single edges:

1. each band of rows (averaged down the bars) gives a profile; the code's outer edges are the first and
   last strong edges of the densest run of edges, with light quiet zones outside them;
2. for each symbol count ``n`` the coupon grammar allows, the module pitch between those edges is known
   (``11 n + 35`` modules from the start's first bar to the stop's last), changing linearly along the code
   (perspective); the start and stop symbols, rendered through a Gaussian blur, pick the pitch's slope,
   the blur and the few ``n`` worth decoding;
3. the profile is resampled on the module grid and each 11-module window is matched (correlation) to the
   107 patterns rendered through the same blur, a small shift following the code's drift; only symbols
   that the code set in force allows for coupon text are candidates;
4. a text is kept only when the best symbol at every position gives a valid mod-103 check, every symbol
   and the stop fit well, and the text passes the coupon grammar; two bands must read the same text and
   no band another one.
"""

from __future__ import annotations

import itertools
from collections import Counter

import cv2
import numpy as np

from pos_app.scanner.code128 import PATTERNS, START_A, START_B, START_C, band_profiles, symbols_to_text
from pos_app.scanner.payload import is_coupon_payload

K = 4  # samples per module on the module grid
FINE = 16  # render resolution: samples per module
SIGMAS = (0.3, 0.45, 0.6, 0.75, 0.9, 1.1)  # blur, in modules, of the templates
SPREADS = (0.0, 0.25, 0.5)  # bars narrowed by this many modules (overexposure) in the templates
LOOKS = [(s, d) for s in SIGMAS for d in SPREADS]
LOOKS_TRIED = 2  # the looks that fit the start and stop best, each tried on the symbols
END_SHIFTS = np.arange(-2, 3)  # the start's and stop's shifts from the outer edges, in samples (1/K module)
MIN_SYMBOLS, MAX_SYMBOLS = 6, 21  # data symbols: 12 digits in code C .. 20 characters in code B (+ a switch)
# acceptance (zero wrong reads over every strip of the tuning sets: wrong texts fitted with mean <= 0.93
# and an alternative symbol at residual ratio >= 0.87; the right reads of missed codes >= 0.97, <= 0.69)
MIN_CORR = 0.85  # every symbol's correlation with its template
MIN_MEAN = 0.95  # the symbols' mean correlation
MIN_STOP = 0.9  # the stop pattern's
MIN_END = 0.85  # the start's and the stop's fit (refined pitch) for a place worth decoding
MAX_RATIO = 0.75  # a symbol's residual (1 - correlation) against the next best allowed symbol's
BANDS = 6
MAX_ENDS = 3  # places a code may be, per band
GIVE_UP = 3  # bands read (middle first) with no text before the strip is left
PITCH_STEP = 1.04  # the start's and stop's pitch: tried in 3 % steps (then refined) over the symbol counts,
SKEW = 1.6  # and this much either side (perspective: the pitch at one end of the code is not the mean)
PITCHES = int(np.ceil(np.log((11 * 21 + 35) / (11 * 6 + 35) * SKEW**2) / np.log(PITCH_STEP))) + 1
SLOPE_STEP = 1.06  # the ratio of the stop's pitch to the start's (perspective), tried around the fitted one


def _modules(pattern: str) -> np.ndarray:
    """1 = light, 0 = dark, one value per module (a pattern starts with a bar)."""
    return np.concatenate([np.full(int(w), i % 2, np.float32) for i, w in enumerate(pattern)])


def _render(mods: np.ndarray, left: np.ndarray, right: np.ndarray, look: tuple[float, float]) -> np.ndarray:
    """``mods`` with context modules either side, each bar narrowed by ``look[1]`` modules (overexposure,
    a screen's glow; negative: widened), blurred by ``look[0]`` modules, averaged to K samples per module
    over ``mods`` only; zero mean, unit norm."""
    sigma, spread = look
    full = np.concatenate([left, mods, right])
    fine: np.ndarray = np.repeat(full, FINE)[None, :].astype(np.float32)
    r = round(abs(spread) * FINE / 2)
    if r:
        kernel = np.ones((1, 2 * r + 1), np.uint8)
        fine = cv2.dilate(fine, kernel) if spread > 0 else cv2.erode(fine, kernel)
    fine = cv2.GaussianBlur(fine, (0, 0), sigma * FINE, borderType=cv2.BORDER_REPLICATE).ravel()
    a = left.size * FINE
    out = fine[a : a + mods.size * FINE].reshape(-1, FINE // K).mean(axis=1)
    out -= out.mean()
    unit: np.ndarray = out / max(float(np.linalg.norm(out)), 1e-6)
    return unit


_HALF = np.array([0.5, 0.5, 0.5], np.float32)
_LIGHT = np.ones(3, np.float32)
# templates[s]: 107 x 11K for symbols 0..106 (the stop as its first 11 modules: unused), context: the
# previous symbol's last module light, the next one's first dark, unknown beyond
_SYM = np.stack(
    [
        np.stack([_render(_modules(p[:6]), np.array([0.5, 0.5, 1.0]), np.array([0.0, 0.5, 0.5]), s) for p in PATTERNS])
        for s in LOOKS
    ]
).astype(np.float32)
# starts after a quiet zone
_STARTS = np.stack(
    [
        np.stack(
            [_render(_modules(PATTERNS[v]), _LIGHT, np.array([0.0, 0.5, 0.5]), s) for v in (START_A, START_B, START_C)]
        )
        for s in LOOKS
    ]
).astype(np.float32)
_STOPS = np.stack([_render(_modules(PATTERNS[106]), np.array([0.5, 0.5, 1.0]), _LIGHT, s) for s in LOOKS]).astype(
    np.float32
)

_ALL = np.arange(len(LOOKS))
# the looks the coarse pitch search uses: every other blur, bars as drawn and narrowed by half a module
_COARSE = np.array([g for g, (s, d) in enumerate(LOOKS) if SIGMAS.index(s) % 2 == 1 and d in (0.0, 0.5)])

_CODE_B = [ord(c) - 32 for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-"]
_CODE_A = [ord(c) - 32 for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_-"]
# symbols allowed in each code set for coupon text, and the set each one leaves in force
_ALLOWED = {
    "A": np.array(sorted([*_CODE_A, 99, 100])),
    "B": np.array(sorted([*_CODE_B, 99, 101])),
    "C": np.arange(102),  # 00..99, 100 -> B, 101 -> A
}
_NEXT = {("A", 99): "C", ("A", 100): "B", ("B", 99): "C", ("B", 101): "A", ("C", 100): "B", ("C", 101): "A"}


def _ends(p: np.ndarray) -> list[tuple[float, float]]:
    """Where the code may be: (first bar's left edge, last bar's right edge) at sub-pixel positions, for
    runs of strong edges with a quiet zone either side (no strong edge over 3 % of the run's length);
    a run may span gaps where faint bars (glare, overexposure) left no strong edge.  Most edges first."""
    d = np.diff(p)
    if d.size < 40:
        return []
    a = np.abs(d)
    mid, left, right = a[1:-1], a[:-2], a[2:]
    thr = 0.2 * float(np.partition(a, int(a.size * 0.98))[int(a.size * 0.98)])
    idx = np.flatnonzero((mid >= left) & (mid > right) & (mid > thr)) + 1
    if idx.size < 20:
        return []
    gaps = np.diff(idx)
    cuts = np.flatnonzero(gaps > 4 * float(np.median(gaps)) + 2)
    runs = np.split(idx, cuts + 1)
    firsts = [int(r[0]) for r in runs]
    lasts = [int(r[-1]) for r in runs]
    sizes = np.cumsum([0] + [r.size for r in runs])
    found: list[tuple[int, float, float]] = []
    for i, j in itertools.combinations_with_replacement(range(len(runs)), 2):
        i0, i1 = firsts[i], lasts[j]
        count = int(sizes[j + 1] - sizes[i])
        length = i1 - i0
        if count < 20 or d[i0] >= 0 or d[i1] <= 0:
            continue
        quiet = 0.03 * length
        before = i0 - (lasts[i - 1] if i > 0 else -quiet)
        after = (firsts[j + 1] if j + 1 < len(runs) else d.size + quiet) - i1
        inner = max((firsts[m + 1] - lasts[m] for m in range(i, j)), default=0)
        if before >= quiet and after >= quiet and inner < min(before, after):
            found.append((count, _sub(d, i0), _sub(d, i1)))
    found.sort(reverse=True)
    return [(x0, x1) for _, x0, x1 in found[:MAX_ENDS]]


def _sub(d: np.ndarray, i: int) -> float:
    """Sub-pixel position of the derivative's extremum at ``i`` (a parabola through three samples)."""
    y0, y1, y2 = d[max(i - 1, 0)], d[i], d[min(i + 1, d.size - 1)]
    den = y0 - 2 * y1 + y2
    off = 0.5 * (y0 - y2) / den if abs(den) > 1e-6 else 0.0
    return i + float(np.clip(off, -0.5, 0.5)) + 0.5


def _windows(p: np.ndarray, x0: float, a: float, c: float, u0: np.ndarray, size: int) -> np.ndarray:
    """Samples of ``p`` on the module grid: for each window start ``u0`` (modules), ``size`` modules at K
    samples each, module ``u`` at ``x0 + a u / (1 + c u)`` (a plane seen in perspective: pitch ``a`` at the
    first bar's edge ``x0``).  Zero mean, unit norm; shape (len(u0), size K)."""
    u = u0[:, None] + (np.arange(size * K)[None, :] + 0.5) / K
    x = x0 + a * u / (1 + c * u)
    w = np.interp(x, np.arange(p.size) + 0.5, p)
    w -= w.mean(axis=1, keepdims=True)
    w /= np.maximum(np.linalg.norm(w, axis=1, keepdims=True), 1e-6)
    out: np.ndarray = w.astype(np.float32)
    return out


def _read_band(p: np.ndarray) -> tuple[str | None, bool]:
    """The text read along profile ``p`` (left to right), and whether a start and a stop fitted well at
    the ends of some place (a code may be there even when it was not read)."""
    places = _ends(p)
    if not places:
        return None, False
    x0s, x1s = (np.array(v) for v in zip(*places, strict=True))
    spans = x1s - x0s
    # per place, the pitches of every symbol count the grammar allows (and 5 % either side)
    pitches = (spans / (11 * MAX_SYMBOLS + 35) / SKEW)[:, None] * PITCH_STEP ** np.arange(PITCHES)[None, :]
    valid = (pitches * (11 * MIN_SYMBOLS + 35) <= SKEW * spans[:, None]) & (pitches >= 0.9)
    # place x pitch x look, over a few looks (the rest once the pitch is refined)
    cs = np.where(valid[:, :, None], _fit_end(p, x0s, pitches, False, _COARSE), -1.0)
    ce = np.where(valid[:, :, None], _fit_end(p, x1s, pitches, True, _COARSE), -1.0)
    seen = False
    for q in np.argsort(-(cs.max(axis=(1, 2)) + ce.max(axis=(1, 2)))):
        x0, span = float(x0s[q]), float(spans[q])
        g = int(np.argmax(cs[q].max(axis=0) + ce[q].max(axis=0)))
        i, j = int(np.argmax(cs[q, :, g])), int(np.argmax(ce[q, :, g]))
        if cs[q, i, g] < MIN_END - 0.15 or ce[q, j, g] < MIN_END - 0.15:
            continue
        fine = PITCH_STEP ** np.linspace(-0.5, 0.5, 5)  # the best pitches refined to 0.75 %, every look
        fs_all = _fit_end(p, x0s[q : q + 1], pitches[q, i] * fine[None, :], False, _ALL)[0]
        fe_all = _fit_end(p, x1s[q : q + 1], pitches[q, j] * fine[None, :], True, _ALL)[0]
        looks = np.argsort(-(fs_all.max(axis=0) + fe_all.max(axis=0)))[:LOOKS_TRIED]
        s = int(looks[0])
        fs, fe = fs_all[:, s], fe_all[:, s]
        if fs.max() < MIN_END or fe.max() < MIN_END:
            continue
        seen = True
        ps, pe = float(pitches[q, i] * fine[int(np.argmax(fs))]), float(pitches[q, j] * fine[int(np.argmax(fe))])
        ratio = float(np.clip(pe / ps, 0.3, 3.3))
        guess = (span / np.sqrt(ps * pe) - 35) / 11
        for n in sorted({int(np.floor(guess)), int(np.ceil(guess))}, key=lambda n: abs(n - guess)):
            if not MIN_SYMBOLS <= n <= MAX_SYMBOLS:
                continue
            total = 11 * n + 35
            for r in (ratio, ratio / SLOPE_STEP, ratio * SLOPE_STEP):
                # perspective: x = x0 + a u / (1 + c u), pitch a at the start and a r at the stop
                c = (r**-0.5 - 1) / total
                for look in looks:
                    text = _decode(p, x0, span * (1 + c * total) / total, c, n, int(look))
                    if text is not None:
                        return text, True
    return None, seen


def _fit_end(p: np.ndarray, x: np.ndarray, pitches: np.ndarray, stop: bool, looks: np.ndarray) -> np.ndarray:
    """Best correlation, over small shifts, of the start patterns after each place's ``x`` (or the stop
    before it) at each of its ``pitches`` (places x pitches) and each of ``looks``: places x pitches x
    looks."""
    size = 13 if stop else 11
    u = END_SHIFTS[:, None] / K + (np.arange(size * K)[None, :] + 0.5) / K  # shifts x samples
    pp = pitches[:, :, None, None]
    xs = x[:, None, None, None] + (-pp * (size - u) if stop else pp * u)
    w = np.interp(xs, np.arange(p.size) + 0.5, p).astype(np.float32)
    w -= w.mean(axis=3, keepdims=True)
    w /= np.maximum(np.sqrt((w * w).sum(axis=3, keepdims=True)), 1e-6)
    q, n, shifts, j = w.shape
    flat = w.reshape(-1, j)
    if stop:
        c = (flat @ _STOPS[looks].T).reshape(q, n, shifts, -1)
    else:
        c = (flat @ _STARTS[looks].reshape(-1, j).T).reshape(q, n, shifts, looks.size, 3).max(axis=4)
    out: np.ndarray = c.max(axis=2)
    return out


def _decode(p: np.ndarray, x0: float, a: float, c: float, n: int, s: int) -> str | None:
    """The text of the code on this grid, symbol by symbol: each window tried at three shifts around where
    the drift so far puts it (a tracking loop: the fitted pitch is a few per cent off), or None."""
    total = 11 * n + 35
    values: list[int] = []
    fits: list[float] = []
    mode = ""
    at = vel = 0.0  # the grid's drift (modules) and its change per symbol
    steps = np.array([-1.0, 0.0, 1.0]) / K
    for i in range(n + 2):
        guess = at + vel
        win = _windows(p, x0, a, c, 11 * i + guess + steps, 11)  # 3 x 11K
        if i == 0:
            allowed = np.array([START_A, START_B, START_C])
        elif i == n + 1:
            allowed = np.arange(103)
        else:
            allowed = _ALLOWED[mode]
        sub = win @ _SYM[s, allowed].T  # shifts x allowed
        j, col = np.unravel_index(int(np.argmax(sub)), sub.shape)
        best = float(sub[j, col])
        second = float(np.partition(sub.max(axis=0), -2)[-2])
        if best < MIN_CORR or 1 - best > MAX_RATIO * (1 - second):
            return None  # a poor fit, or another symbol fits nearly as well
        fits.append(best)
        v = int(allowed[col])
        new = guess + float(steps[j])
        vel = 0.7 * vel + 0.3 * (new - at) if i else 0.0
        at = new
        if i == 0:
            mode = {START_A: "A", START_B: "B", START_C: "C"}[v]
        elif i <= n:
            mode = _NEXT.get((mode, v), mode)
        values.append(v)
    if (values[0] + sum(i * v for i, v in enumerate(values[1:-1], 1))) % 103 != values[-1]:
        return None
    stop = _windows(p, x0, a, c, total - 13.0 + at + vel + steps, 13) @ _STOPS[s]
    if float(stop.max()) < MIN_STOP or float(np.mean(fits)) < MIN_MEAN:
        return None
    text = symbols_to_text(values[:-1])
    if not text or not is_coupon_payload(text):
        return None
    return text


def read_fitted(img: np.ndarray, bands: int = BANDS) -> tuple[str, int] | None:
    """(text, agreeing bands) of the Code 128 in ``img`` (an upright strip: bars vertical, gray), or None.
    Both directions are tried; a text needs two bands that read it and none that reads another."""
    if img.ndim != 2 or img.shape[1] < 60 or img.shape[0] < 4:
        return None
    profiles = band_profiles(img, bands)
    mid = len(profiles) // 2
    order = sorted(range(len(profiles)), key=lambda i: abs(i - mid))
    texts: Counter[str] = Counter()
    for n, i in enumerate(order):
        prof = profiles[i]
        text, seen = _read_band(prof)
        if text is None:
            text, seen_back = _read_band(prof[::-1].copy())
            seen |= seen_back
        if n == 0 and not seen:
            return None  # no start and stop in the middle band: nothing to fit here
        if text:
            texts[text] += 1
            (best, votes), *rest = [*texts.most_common(2), ("", 0)]
            if votes >= 2 and rest[0][1] == 0:
                return best, votes
        elif not texts and n >= GIVE_UP:
            return None  # the middle bands read nothing: not a code this reader can read
    if not texts:
        return None
    (best, votes), *rest = [*texts.most_common(2), ("", 0)]
    if votes < 2 or rest[0][1] > 0:
        return None
    return best, votes
