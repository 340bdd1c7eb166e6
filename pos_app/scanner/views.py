"""Views of a frame handed to a reader, and where in a frame codes may be (no reader here).

A ``View`` is an image and the affine map from its pixels back to the frame's: a crop, a half-size copy,
a strip sampled across a 1-D code's bars.  ``code_regions`` finds dense-edge patches, ``bar_angle`` a
patch's bar direction, ``BarLocator`` 1-D codes (OpenCV's barcode locator), ``strip`` resamples the
frame along a code's bars.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

Point = tuple[int, int]

FINE_GRID = 0.75  # frame pixels per sample along a strip's rows under which it is sampled cubic (2x: 0.5)


@dataclass
class View:
    """An image handed to a reader and the affine map from its pixels back to the frame's."""

    image: np.ndarray
    back: np.ndarray  # 2x3
    # a strip sampled along a perspective (``strip_persp``): the 3x3 map from its pixels to the frame's,
    # ``back`` then being its affine approximation (for outlines); ``resample`` samples the frame on it
    warp: np.ndarray | None = None

    def to_frame(self, pts: list[tuple[float, float]] | tuple[Point, ...]) -> tuple[Point, ...]:
        if not pts:
            return ()
        p = np.asarray(pts, np.float64)
        if self.warp is not None:
            h = np.hstack([p, np.ones((len(p), 1))]) @ self.warp.T
            q = h[:, :2] / h[:, 2:]
        else:
            q = p @ self.back[:, :2].T + self.back[:, 2]
        return tuple((round(x), round(y)) for x, y in q)


def identity() -> np.ndarray:
    return np.array([[1.0, 0, 0], [0, 1.0, 0]])


def crop(gray: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> View:
    return View(gray[y0:y1, x0:x1], np.array([[1.0, 0, x0], [0, 1.0, y0]]))


def half_size(gray: np.ndarray) -> View:
    small = cv2.resize(gray, (gray.shape[1] // 2, gray.shape[0] // 2), interpolation=cv2.INTER_AREA)
    return View(small, np.array([[2.0, 0, 0.5], [0, 2.0, 0.5]]))


def to_gray(frame: np.ndarray) -> np.ndarray:
    if frame.ndim == 2:
        return frame
    if frame.shape[2] == 4:
        return cv2.cvtColor(frame, cv2.COLOR_BGRA2GRAY)
    return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)


def sharpen(img: np.ndarray) -> np.ndarray:
    """Strong unsharp mask: restores the edges that defocus, motion and the webcam's softness smear
    (sigma 3, amount 3 read the most blurred codes in the benchmark; milder masks rescued fewer)."""
    blur = cv2.GaussianBlur(img, (0, 0), 3.0)
    return cv2.addWeighted(img, 4.0, blur, -3.0, 0)


def code_regions(half: np.ndarray, max_regions: int = 3) -> list[tuple[int, int, int, int]]:
    """Where codes may be, as (x0, y0, x1, y1) in full-frame pixels, largest first.

    A code is a patch of dense, strong edges: gradient magnitude on a quarter-size image, averaged
    locally, Otsu-thresholded, closed; the largest blobs win (text and stripes are smaller than a code
    held up to be read).  About 1 ms for a 1280x720 frame.
    """
    qh, qw = half.shape[0] // 2, half.shape[1] // 2
    if qh < 16 or qw < 16:
        return []
    q = cv2.resize(half, (qw, qh), interpolation=cv2.INTER_AREA)
    gx = cv2.convertScaleAbs(cv2.Sobel(q, cv2.CV_16S, 1, 0, ksize=3))
    gy = cv2.convertScaleAbs(cv2.Sobel(q, cv2.CV_16S, 0, 1, ksize=3))
    density = cv2.blur(cv2.addWeighted(gx, 0.5, gy, 0.5, 0), (7, 7))
    otsu, _ = cv2.threshold(density, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # a code is denser in edges than a phone's outline or a line of text: keep only the densest
    # patches, or a whole phone becomes one region as large as the frame
    level = max(otsu, 0.4 * float(density.max()))
    _, mask = cv2.threshold(density, level, 255, cv2.THRESH_BINARY)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask)
    blobs = sorted((stats[i] for i in range(1, n) if stats[i][4] >= 30), key=lambda st: -int(st[4]))
    out = []
    fh, fw = half.shape[0] * 2, half.shape[1] * 2
    for x, y, w, h, _area in blobs[:max_regions]:
        m = max(w, h) // 3 + 4  # margin: the blob hugs the modules; keep the quiet zone and blurred edges
        out.append((max((x - m) * 4, 0), max((y - m) * 4, 0), min((x + w + m) * 4, fw), min((y + h + m) * 4, fh)))
    return out


def bar_angle(img: np.ndarray) -> float | None:
    """The direction across the bars of a 1-D code filling ``img``, in degrees (0 = bars vertical), or
    None when the edges have no single direction (a QR Code, text, nothing).  Structure tensor of the
    gradients on a reduced copy: well under a millisecond."""
    h, w = img.shape[:2]
    f = 160 / max(h, w)
    small = cv2.resize(img, (max(int(w * f), 8), max(int(h * f), 8)), interpolation=cv2.INTER_AREA) if f < 1 else img
    gx = cv2.Sobel(small, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(small, cv2.CV_32F, 0, 1, ksize=3)
    jxx, jyy, jxy = float((gx * gx).sum()), float((gy * gy).sum()), float((gx * gy).sum())
    total = jxx + jyy
    if total <= 0:
        return None
    coherence = ((jxx - jyy) ** 2 + 4 * jxy * jxy) ** 0.5 / total
    if coherence < 0.25:
        return None
    return float(np.degrees(0.5 * np.arctan2(2 * jxy, jxx - jyy)))


def strip(
    gray: np.ndarray,
    cx: float,
    cy: float,
    angle: float,
    length: float,
    height: float,
    rows: int = 48,
    across: float | None = None,
) -> View:
    """``rows`` x ``length`` samples of the frame on a grid turned by ``angle`` (degrees, the direction
    across the bars) centred on (cx, cy): columns 1 px apart across the bars, rows spread over ``height``
    px along them.  Only the code is resampled (a few thousand pixels), upright whatever its tilt.
    ``across``: the bars' own normal when it differs from ``angle`` (the code's axis), as in a code
    sheared by perspective or a rolling shutter: the columns then follow the bars, upright again."""
    a = np.radians(angle)
    d = np.array([np.cos(a), np.sin(a)])  # along the code's axis, across the bars
    b = a if across is None else np.radians(across)
    n = np.array([-np.sin(b), np.cos(b)])  # along the bars
    if n @ np.array([-np.sin(a), np.cos(a)]) < 0:
        n = -n
    length = int(min(length, 2 * max(gray.shape)))
    step = height / rows
    # frame = origin + u * d + v * step * n, for output pixel (u, v)
    origin = np.array([cx, cy]) - d * length / 2 - n * height / 2
    back = np.array([[d[0], n[0] * step, origin[0]], [d[1], n[1] * step, origin[1]]])
    fwd = cv2.invertAffineTransform(back)
    img = cv2.warpAffine(gray, fwd, (max(length, 1), rows), flags=cv2.INTER_LINEAR, borderValue=255)
    return View(img, back)


def strip_geometry(like: View) -> tuple[float, float, float, float, float, float]:
    """Where a strip lies on the frame: centre x, centre y, the code's axis and the bars' normal
    (degrees, as ``strip`` takes them), length along the axis and height along the bars (frame px)."""
    h, w = like.image.shape[:2]
    d, n = like.back[:, 0], like.back[:, 1]
    cx, cy = like.back @ np.array([w / 2, h / 2, 1.0])
    angle = float(np.degrees(np.arctan2(d[1], d[0])))
    across = float(np.degrees(np.arctan2(n[1], n[0]))) - 90
    return float(cx), float(cy), angle, across, float(w * np.hypot(*d)), float(h * np.hypot(*n))


def _profile(img: np.ndarray) -> np.ndarray:
    """An upright strip's middle third averaged down its rows: its grey level along the code."""
    h = img.shape[0]
    prof: np.ndarray = img[h // 3 : max(2 * h // 3, h // 3 + 1)].astype(np.float32).mean(axis=0)
    return prof


def _dark(img: np.ndarray) -> np.ndarray:
    """Where an upright strip's middle third is darker than the 15 px around it (a bool per column)."""
    prof = cv2.GaussianBlur(_profile(img).reshape(1, -1), (0, 0), 0.7).ravel()
    win = min(15, prof.size)  # np.convolve's "same" is as long as the longer of the two
    dark: np.ndarray = prof < np.convolve(prof, np.ones(win) / win, mode="same") - 2.0
    return dark


def dark_bars(img: np.ndarray) -> int:
    """The dark bars across an upright strip's middle third: runs darker than the 15 px around them.
    A Code 128 has 3 a symbol (a 12-digit one 28, a fragment still 10 or more); a QR Code's finder
    pattern, which OpenCV's barcode locator boxes as bars, 3-7."""
    if img.size == 0:
        return 0
    dark = _dark(img)
    return int(np.count_nonzero(np.diff(dark.astype(np.int8)) == 1) + int(dark[0]))


def run_widths(img: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The widths (px) of the whole dark bars and of the spaces between them, as ``dark_bars`` sees them."""
    if img.size == 0:
        return np.empty(0, int), np.empty(0, int)
    edges = np.diff(_dark(img).astype(np.int8))
    starts, ends = np.flatnonzero(edges == 1) + 1, np.flatnonzero(edges == -1) + 1
    ends = ends[ends > starts[0]] if starts.size else ends
    n = min(starts.size, ends.size)
    return ends[:n] - starts[:n], starts[1:n] - ends[: n - 1]


def stripes(img: np.ndarray, repeats: float = 0.6, alike: float = 1.34) -> bool:
    """Whether an upright strip's bars are stripes, not a code: its profile repeats (``periodicity`` at
    least ``repeats``) and its bars are all alike and so are its spaces (the 90th percentile of their
    widths within ``alike`` times the 10th).  No Code 128 symbol has three equal bars and three equal
    spaces (of the 107, the most alike: 3:2 bars, 1:1:1 spaces), so even a code whose data repeats one
    symbol ("000000000001") is not stripes unless blurred until its widths even out."""
    bars, spaces = run_widths(img)
    if bars.size < 8 or spaces.size < 7:
        return False
    for widths in (bars, spaces):
        lo, hi = np.percentile(widths, [10, 90])
        if hi > alike * max(lo, 1.0):
            return False
    return periodicity(img) >= repeats


def periodicity(img: np.ndarray) -> float:
    """How much an upright strip's middle third repeats itself along its rows: the highest normalised
    autocorrelation of its profile (less its 15 px running mean) past the first zero crossing, at lags up
    to a third of its length.  Stripes drawn at one width (blinds, a grille, a printed pattern) ~0.9; a
    Code 128's symbols differ (on the tuning sets every strip a deep step read: 0.14-0.35)."""
    if img.size == 0:
        return 0.0
    prof = _profile(img)
    win = 15
    if prof.size < 32 + 2 * win:  # (np.convolve's "same" is as long as the longer of the two)
        return 0.0
    prof = (prof - np.convolve(prof, np.ones(win) / win, mode="same"))[win:-win]
    spectrum = np.fft.rfft(prof, 2 * prof.size)
    ac = np.fft.irfft(spectrum * np.conj(spectrum))[: prof.size // 3]
    below = np.flatnonzero(ac < 0)
    if ac[0] <= 0 or below.size == 0:
        return 0.0
    return float(ac[below[0] :].max() / ac[0])


def levels(img: np.ndarray) -> np.ndarray:
    """``img`` stretched so its 3rd and 97th percentiles become black and white: a blurred code's bars
    and spaces then fall either side of mid-grey, for zxing's one-threshold binarizer (its default, a
    threshold per block from the block's neighbourhood, splits a blurred wide bar's grey middle)."""
    sample = img[::2, ::2].ravel()
    a, b = round(0.03 * (sample.size - 1)), round(0.97 * (sample.size - 1))
    ranked = np.partition(sample, (a, b))
    lo, hi = float(ranked[a]), float(ranked[b])
    if hi - lo < 10:
        return img
    out: np.ndarray = cv2.convertScaleAbs(img, alpha=255.0 / (hi - lo), beta=-lo * 255.0 / (hi - lo))
    return out


def resample(gray: np.ndarray, like: View, along: int = 1) -> View:
    """The frame sampled on ``like``'s grid again (a strip that read a code, on the next frame);
    ``along`` > 1: that many samples per pixel along the rows, cubic (a far Code 128 at 1.1-1.5 px per
    module: resizing the linear strip instead smooths its narrowest bars away).  A grid already finer
    than the frame's pixels along its rows (such a strip that read a code) is sampled cubic again too:
    linear samples of it are not the ones that read."""
    h, w = like.image.shape[:2]
    scale = np.array([[1.0 / along, 0, 0], [0, 1.0, 0], [0, 0, 1.0]])
    back = like.back @ scale
    if like.warp is not None:  # a projective strip (strip_persp): linear at 1x, as it was sampled
        warp = like.warp @ scale
        flags = cv2.INTER_LINEAR if along == 1 else cv2.INTER_CUBIC
        img = cv2.warpPerspective(gray, warp, (w * along, h), flags=flags | cv2.WARP_INVERSE_MAP, borderValue=255)
        return View(img, back, warp)
    fwd = cv2.invertAffineTransform(back)
    fine = float(np.hypot(back[0, 0], back[1, 0])) < FINE_GRID
    flags = cv2.INTER_CUBIC if along > 1 or fine else cv2.INTER_LINEAR
    img = cv2.warpAffine(gray, fwd, (w * along, h), flags=flags, borderValue=255)
    return View(img, back)


def stretched(view: View, fx: int = 2) -> View:
    """``view`` resized ``fx`` times along its rows (cubic), mapped back to the same frame pixels."""
    wide = cv2.resize(view.image, None, fx=fx, fy=1, interpolation=cv2.INTER_CUBIC)
    return View(wide, view.back @ np.array([[1.0 / fx, 0, 0], [0, 1.0, 0], [0, 0, 1.0]]))


def rotated(view: View, angle: float) -> View:
    """``view`` turned by ``angle`` degrees about its centre, on a canvas holding all of it."""
    h, w = view.image.shape
    mat = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(mat[0, 0]), abs(mat[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    mat[0, 2] += nw / 2 - w / 2
    mat[1, 2] += nh / 2 - h / 2
    img = cv2.warpAffine(view.image, mat, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=255)
    inv = cv2.invertAffineTransform(mat)
    back = np.hstack([view.back[:, :2] @ inv[:, :2], view.back[:, :2] @ inv[:, 2:] + view.back[:, 2:]])
    return View(img, back)


def coherent_bars(half: View, most: int = 3) -> list[tuple[float, float, float, float, float, float]]:
    """1-D codes by their gradients' structure, where OpenCV's locator sees none (a code sheared by a
    rolling shutter, say): patches of strong edges that all run one way (the structure tensor's
    coherence over 0.6 and its energy in the frame's top tenth, at quarter size), as (centre x, centre
    y, the code's axis, length, height, the bars' normal) in frame pixels and degrees, largest first.
    ~2 ms on a 640x360 half-size frame.  Text and stripes are found too: a strip is only a place to try a reader on."""
    img = half.image
    scale = float(half.back[0, 0])
    gx = cv2.Sobel(img, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(img, cv2.CV_32F, 0, 1, ksize=3)
    qs = (img.shape[1] // 2, img.shape[0] // 2)
    jxx, jyy, jxy = (
        cv2.blur(cv2.resize(cv2.multiply(a, b), qs, interpolation=cv2.INTER_AREA), (5, 5))
        for a, b in ((gx, gx), (gy, gy), (gx, gy))
    )
    tr = jxx + jyy
    coherence = cv2.magnitude(jxx - jyy, 2 * jxy) / (tr + 1e-3)
    k = int(tr.size * 0.9)
    level = max(float(np.partition(tr.ravel(), k)[k]), 2000.0)
    strong = ((coherence > 0.6) & (tr > level)).astype(np.uint8) * 255
    mask = cv2.morphologyEx(strong, cv2.MORPH_CLOSE, np.ones((4, 4), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask)
    out: list[tuple[float, float, float, float, float, float]] = []
    for i in sorted(range(1, n), key=lambda i: -int(stats[i][4])):
        if stats[i][4] < 15 or len(out) >= most:
            break
        x, y, w, h = (int(v) for v in stats[i][:4])
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == i)
        sxx, syy, sxy = (float(j[y : y + h, x : x + w][ys, xs].sum()) for j in (jxx, jyy, jxy))
        across = 0.5 * np.arctan2(2 * sxy, sxx - syy)  # the bars' normal
        pts = np.stack([xs + x, ys + y], 1).astype(np.float64) * 2 + 0.5  # quarter -> half-size pixels
        # the code's axis: the patch's long axis when it is clearly long (a sheared code's axis is not the
        # bars' normal), else the bars' normal
        evals, evecs = np.linalg.eigh(np.cov(pts.T)) if len(pts) > 2 else (np.ones(2), np.eye(2))
        a = float(np.arctan2(evecs[1, 1], evecs[0, 1])) if evals[1] > 2.25 * evals[0] else across
        if abs(np.cos(a - across)) < 0.5:  # long along the bars: a tall code or text, read across the bars
            a = across
        d, nrm = np.array([np.cos(a), np.sin(a)]), np.array([-np.sin(a), np.cos(a)])
        u, v = pts @ d, pts @ nrm
        length, height = u.max() - u.min() + 2, v.max() - v.min() + 2
        if length < 20 or height < 4:
            continue
        c = d * (u.max() + u.min()) / 2 + nrm * (v.max() + v.min()) / 2
        out.append(
            (
                scale * c[0] + 0.5,
                scale * c[1] + 0.5,
                float(np.degrees(a)),
                scale * length,
                scale * height,
                float(np.degrees(across)),
            )
        )
    return out


def located_strip(gray: np.ndarray, cx: float, cy: float, angle: float, length: float, height: float) -> View:
    """The strip ``BarLocator.strips`` samples on a located box: along the middle of its bars, quiet
    zones included."""
    return strip(gray, cx, cy, angle, length * 1.25 + 24, height * 0.7)


class BarLocator:
    """OpenCV's 1-D barcode locator (``objdetect``; not its decoder, which reads EAN/UPC only): where
    1-D codes are, at any angle, as (centre x, centre y, angle across the bars, length, bar height) in
    frame pixels.  About 1.5 ms on a 640x360 half-size frame."""

    def __init__(self) -> None:
        self._detector = cv2.barcode.BarcodeDetector() if hasattr(cv2, "barcode") else None
        self.boxes: list[tuple[float, float, float, float, float]] = []  # every box the last ``strips`` found

    def locate(self, half: View, most: int = 2) -> list[tuple[float, float, float, float, float]]:
        """The boxes of the first ``most`` codes OpenCV found on ``half`` (the frame at half size), those
        large enough, in the locator's order."""
        return [box for box, big in self._found(half)[:most] if big]

    def _found(self, half: View) -> list[tuple[tuple[float, float, float, float, float], bool]]:
        if self._detector is None:
            return []
        ok, quads = self._detector.detect(half.image)
        if not ok or quads is None:
            return []
        scale = float(half.back[0, 0])
        out = []
        for quad in quads:
            (cx, cy), (w, h), a = cv2.minAreaRect(quad.astype(np.float32) * scale)
            if w < h:
                w, h, a = h, w, a + 90
            out.append(((float(cx), float(cy), float(a), float(w), float(h)), w >= 24 and h >= 6))
        return out

    def strips(self, gray: np.ndarray, half: View, most: int = 2) -> list[View]:
        """A strip along the middle of each located code's bars, full resolution across them, quiet
        zones included; where OpenCV's locator finds none, along ``coherent_bars``' patches."""
        every = self._found(half)
        self.boxes = [box for box, big in every if big]
        found = [box for box, big in every[:most] if big]
        if found:
            return [located_strip(gray, *box) for box in found]
        return [strip(gray, cx, cy, a, w * 1.15 + 24, h * 0.7, across=b) for cx, cy, a, w, h, b in coherent_bars(half)]


def refined(gray: np.ndarray, like: View, taller: float = 2.3, rows: int = 64) -> View | None:
    """``like``'s strip again, centred across the bars on where they are and as tall as they are, its
    columns along the bars' own direction: a far code the locator boxed off its middle, or the bars
    sheared by perspective.  A strip ``taller`` times as tall is sampled first; its rows whose mean edge
    strength is over half the strongest row's are the bars.  None when no row stands out."""
    w = like.image.shape[1]
    cx, cy, angle, across, _length, bars = strip_geometry(like)
    height = bars * taller
    tall = strip(gray, cx, cy, angle, w, height, rows=rows, across=across)
    act = np.abs(np.diff(tall.image.astype(np.float32), axis=1)).mean(axis=1)
    act = np.convolve(act, np.ones(3) / 3, mode="same")
    on = np.flatnonzero(act > 0.5 * act.max()) if act.max() > 0 else np.empty(0, int)
    if on.size < 4:
        return None
    r0, r1 = int(on.min()), int(on.max())
    dev = bar_angle(tall.image[r0 : r1 + 1]) or 0.0
    shift = ((r0 + r1) / 2 - rows / 2) * height / rows
    unit = tall.back[:, 1] / np.hypot(*tall.back[:, 1])
    return strip(
        gray,
        cx + unit[0] * shift,
        cy + unit[1] * shift,
        angle,
        w,
        (r1 - r0 + 1) * height / rows * 0.8,
        across=across + dev,
    )
