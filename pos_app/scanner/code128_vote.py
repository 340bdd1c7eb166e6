"""Per-symbol voting across bands, for a Code 128 no single band reads whole (``code128.read_strip``
gives up).

A screen's moire or a finger breaks each band of a strip in another place: one band misses symbol 5,
the next symbol 12.  Each band is laid on a grid of symbol slots between its start pattern (after a quiet
zone) and its stop pattern (before one): ``n`` slots of equal pitch, the start's symbol in slot 0 and the
check symbol in the last.  A slot takes the symbol whose six elements begin at a bar within a fifth of
a pitch of the slot and span one pitch; faint edge pairs inside one element (a screen's moire draws a
thin light line inside a wide bar at a fifth of a real edge's contrast) are dropped when the edges as
found fill fewer slots.  Bands whose start symbol and slot count agree vote slot by slot: every slot
needs two bands for its symbol and no band for another, and the voted symbols must pass the mod-103
check.  The caller holds the text to the coupon grammar, as for a whole read.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from pos_app.scanner.code128 import _edges, _nearest, _stops, band_profiles, symbols_to_text

FAINT = 0.35  # an edge pair each weaker than this times its neighbours' median: not an element
MOST_STARTS = 4  # start patterns tried per band (moire and text make false ones)
VOTE_MS = 5.0  # CPU ms a vote may take (p95 over the tuning sets' strips: 5.6): the camera path's room
GIVE_UP = 2  # bands (middle first) without a grid after which a strip is left
SLOT = 0.2  # largest distance, in pitches, from a symbol's first bar to its slot (the nearest wins)
Grid = tuple[int, int, list[int]]  # start symbol, slots, symbol per slot (-1: none)


def _pruned(profile: np.ndarray, pos: np.ndarray, sign: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The edges without faint neighbouring pairs (each weaker than ``FAINT`` times the median strength
    of the 9 edges around it, or than half of that times the band's 75th percentile)."""
    d = np.diff(profile)
    strength = np.abs(d[np.clip((pos - 0.5).round().astype(int), 0, d.size - 1)])
    n = strength.size
    if n < 9:
        return pos, sign
    windows = np.lib.stride_tricks.sliding_window_view(np.pad(strength, 4, mode="edge"), 9)
    local = np.partition(windows, 4, axis=1)[:, 4]  # the median of 9
    # against the strong edges of the whole band too: a quiet zone's moire is faint next to the bars
    upper = float(np.partition(strength, (3 * n) // 4)[(3 * n) // 4])
    faint = strength < FAINT * np.maximum(local, 0.5 * upper)
    keep = np.ones(n, bool)
    i = 0
    while i < n - 1:
        if faint[i] and faint[i + 1]:
            keep[i] = keep[i + 1] = False
            i += 2
        else:
            i += 1
    return pos[keep], sign[keep]


def _grid(pos: np.ndarray, sign: np.ndarray, strong: np.ndarray) -> Grid | None:
    """The band's symbols on the slots between its first start (after a quiet zone) and a stop (before
    one) a whole number of symbols after it, or None.  ``strong``: which edges have a bar's contrast (a
    quiet zone is free of those; a screen's faint moire may cross it)."""
    widths = np.diff(pos)
    m = widths.size
    if m < 40:
        return None
    windows = widths[np.arange(m - 5)[:, None] + np.arange(6)]
    sizes = windows.sum(axis=1) / 11
    values_at = _nearest(windows)
    bars = np.nonzero(sign[: m - 5] < 0)[0]
    starts = np.where(values_at[bars] >= 103, values_at[bars], -1)
    marks = np.concatenate([[-np.inf], pos[strong], [np.inf]])
    before = pos[bars] - marks[np.searchsorted(marks, pos[bars]) - 1]  # to the strong edge before
    good = np.nonzero((starts >= 0) & (before >= 4 * sizes[bars]))[0]
    if good.size == 0:
        return None
    stop_at = np.nonzero(_stops(widths))[0]
    stop_at = stop_at[stop_at + 7 < pos.size]
    after = marks[np.searchsorted(marks, pos[stop_at + 7], side="right")] - pos[stop_at + 7]
    if stop_at.size == 0:
        return None
    stop_p = 11 * widths[stop_at[:, None] + np.arange(7)].sum(axis=1) / 13  # the pitch at each stop
    for g in good[:MOST_STARTS]:
        j, module = int(bars[g]), float(sizes[bars[g]])
        # the pitch changes along a code seen in perspective: from the start's to the stop's, linearly
        p0 = 11 * module
        span = (pos[stop_at] - pos[j]) / ((p0 + stop_p) / 2)
        ok = (stop_at > j) & (after >= 4 * module) & (span > 3.5) & (np.abs(span - np.rint(span)) <= 0.3)
        ok &= (stop_p > 0.7 * p0) & (stop_p < 1.4 * p0)
        for i in stop_at[ok][:1]:
            n = round(float((pos[i] - pos[j]) / ((p0 + stop_p[stop_at == i][0]) / 2)))
            delta = 2 * (pos[i] - pos[j] - n * p0) / (n * (n - 1))  # pitch of slot k: p0 + k * delta
            ks = np.arange(n + 1)
            at = pos[j] + ks * p0 + delta * ks * (ks - 1) / 2  # where slot k begins
            slots = [-1] * n
            slots[0] = int(starts[g])
            cand = np.nonzero(sign[: values_at.size] < 0)[0]
            cand = cand[(cand > j) & (cand < i)]
            k = np.clip(np.searchsorted(at, pos[cand]), 1, n)
            k = np.where(np.abs(pos[cand] - at[k - 1]) < np.abs(pos[cand] - at[k]), k - 1, k)
            pitch = p0 + k * delta
            near = np.abs(pos[cand] - at[k]) < SLOT * pitch
            off = np.abs(pos[cand] - at[k])
            ok = near & (k > 0) & (k < n) & (values_at[cand] >= 0)
            ok &= np.abs(windows[cand].sum(axis=1) - pitch) < 0.12 * pitch
            q, kk = cand[ok], k[ok]
            order = np.lexsort((off[ok], kk))  # by slot, nearest first
            first = np.ones(order.size, bool)
            first[1:] = kk[order][1:] != kk[order][:-1]
            for qq, slot in zip(q[order][first], kk[order][first], strict=True):
                slots[int(slot)] = int(values_at[qq])  # the symbol nearest its slot
            return int(starts[g]), n, slots
    return None


def band_grids(profile: np.ndarray) -> list[Grid]:
    """The band's grid read left to right and right to left: its edges as found and without their faint
    pairs, slot by slot."""
    pos, sign = _edges(profile)
    if pos.size < 32:
        return []
    variants = [(pos, sign)]
    pruned = _pruned(profile, pos, sign)
    if pruned[0].size < pos.size:
        variants.append(pruned)
    d = np.abs(np.diff(profile))
    at_edges = d[np.clip((pos - 0.5).round().astype(int), 0, d.size - 1)]
    level = 0.5 * float(np.partition(at_edges, (3 * at_edges.size) // 4)[(3 * at_edges.size) // 4])
    out = []
    for flip in (False, True):
        best: Grid | None = None
        for p, s in variants:
            strong = d[np.clip((p - 0.5).round().astype(int), 0, d.size - 1)] >= level
            if flip:
                p, s, strong = profile.size - p[::-1], -s[::-1], strong[::-1]
            g = _grid(p, s, strong)
            if g is None:
                continue
            if best is None or best[:2] != g[:2]:
                best = g if best is None or sum(v >= 0 for v in g[2]) > sum(v >= 0 for v in best[2]) else best
            else:  # the same grid: each slot from either, unless they disagree
                pairs = zip(best[2], g[2], strict=True)
                best = (*g[:2], [a if b in (-1, a) else b if a == -1 else -1 for a, b in pairs])
        if best is not None:
            out.append(best)
            break  # read left to right: a code does not also read right to left
    return out


def vote(profiles: list[np.ndarray]) -> tuple[str, int] | None:
    """(text, fewest votes of a slot) voted slot by slot across the bands' ``profiles`` (middle first),
    or None; decided as soon as three bands give a text no band contradicts."""
    mid = len(profiles) // 2
    grids: list[Grid] = []
    for n, i in enumerate(sorted(range(len(profiles)), key=lambda i: abs(i - mid))):
        if n == GIVE_UP and not grids:
            return None  # the middle bands show no start and stop a whole number of symbols apart
        grids += band_grids(profiles[i])
        if n >= 2 and (voted := _voted(grids)) is not None:
            return voted
    return None


def _voted(grids: list[Grid]) -> tuple[str, int] | None:
    groups = Counter((g[0], g[1]) for g in grids)
    if len(groups) > 1:
        return None  # a band found another start symbol or symbol count: it contradicts the others
    for (start, n), count in groups.most_common():
        if count < 2:
            break
        same = [g[2] for g in grids if (g[0], g[1]) == (start, n)]
        values, least = [], count
        for k in range(n):
            votes = Counter(s[k] for s in same if s[k] >= 0)
            (v, c), *rest = [*votes.most_common(2), (-1, 0)]
            if c < 2 or rest[0][1] > 0:
                break
            values.append(v)
            least = min(least, c)
        else:
            total = values[0] + sum(i * v for i, v in enumerate(values[1:-1], 1))
            if total % 103 != values[-1]:
                continue
            text = symbols_to_text(values[:-1])
            if text:
                return text, least
    return None


def read_voted(img: np.ndarray, bands: int = 6) -> tuple[str, int] | None:
    """(text, fewest votes of a slot) of the Code 128 in ``img`` (bars vertical, gray) voted slot by
    slot across ``bands`` bands of rows, or None."""
    return vote(band_profiles(img, bands))
