"""Find coupon codes in one camera frame or still: zbar restricted to QR Code and Code 128, plus our own
Code 128 reader, on grayscale.

Stills (the ``decode`` command, ``still_decoder()``): raw pyzbar's own scan of the whole image first
(``raw``: what pyzbar reads is not lost, but a 1-D read from a single scan line only when another view
confirms it: zero wrong reads above read rate), then every other pass below, no budget and no gate,
until one reads a code.

The camera path (``Decoder()``): a CPU budget per frame (15 ms), and the next frames to rely on:

1. ``roi``: a region of interest around the last hit, full resolution (a held code stays where it was),
   a Code 128 also as a strip read by our own reader; ``full_small``: a small frame, whole;
2. ``half``: the whole frame at half size (a large code on a phone screen reads there in a few ms);
3. the evidence gate: the two largest dense-edge regions must show rows crossing QR-finder-like runs
   (``evidence.py``; Code 128 bars do too), or the frame stops here (a frame with no code is cheap);
4. ``crops2``: those regions at full resolution, every 2nd line;
5. ``c128_located`` / ``c128``: strips across the 1-D codes that OpenCV's barcode locator finds (or that
   a region's single bar direction shows), read by ``code128.py`` (sub-pixel edges, band voting, 1-D
   deblurring, mod-103 check) and by zbar along the strip's averaged, 2x-stretched rows;
6. fallbacks while the budget lasts: the rolling band (below), stretched crops, located codes turned
   upright, sharpened, plain and smoothed crops, the whole frame, crops turned by their bar angle,
   sharpened frame, +-45 degrees.  A frame whose budget ran out hands the rest to the next frame: the
   next one resumes the fallbacks where it stopped.

While no code is tracked, every other frame is the band's: the region of interest, then ``band``, a
band of rows or columns of the full-resolution frame scanned as raw pyzbar scans it, as large as the
budget allows, continuing where the last band ended, so that within a few frames the whole frame has
had raw pyzbar's scan.  A single-scan-line 1-D read is believed when another view of the frame, or the
previous frame, read the same text (``pipeline.Agreement`` then wants two frames that report it).

zbar is driven through pyzbar's ctypes bindings with one long-lived scanner per ``Decoder`` (pyzbar's
``decode`` builds one per call and cannot set the scan density).  A ``Decoder`` is not thread-safe: use
one per thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import cv2
import numpy as np

from pos_app.scanner.code128 import read_strip
from pos_app.scanner.evidence import finder_rows
from pos_app.scanner.hit import DecodeStats, Hit
from pos_app.scanner.payload import is_coupon_payload, normalize_payload
from pos_app.scanner.tracking import Tracker
from pos_app.scanner.views import BarLocator, View, bar_angle, code_regions, identity, rotated, sharpen, strip, to_gray
from pos_app.scanner.zbar import ZbarScanner, outvoted, zbar_text

DEFAULT_SYMBOLOGIES = ("QRCODE", "CODE128")
# A 1-D read from fewer scan-line crossings than this needs a second view of the frame to agree.
# Code 128's mod-103 check lets some blurred misreads through (two smeared symbols change together and
# the sum still matches); in the benchmark every such misread came from a single scan line, while
# true reads of a held code usually cross many (moire is the exception: single lines, but repeatable).
MIN_LINEAR_POINTS = 2
# crops wider than this are not stretched: a long Code 128 at 1.5 px per module with the region's
# margins spans ~650 px, and stretching a large crop costs more than the rest of the frame's passes
WIDE_MAX_PX = 900
# Every pass after the cheap ones (the region of interest, a small still whole, the half-size frame)
# runs only on frames with evidence of a code (``evidence()`` in Decoder._passes, ~1 ms): a frame with
# no code stops there.
UNGATED = frozenset({"raw", "roi", "full_small", "half", "band"})
# passes that run whatever the budget says (each is one cheap or indispensable zbar scan)
CHEAP = frozenset({"raw", "roi", "full_small", "half"})
# the camera path's rolling full-resolution band: at least this many rows, overlapping the previous
# band by BAND_OVERLAP rows (a small code cut by one band's edge is whole in the next)
BAND_MIN_ROWS = 96
BAND_OVERLAP = 64
HALF_CROP_PX = 560  # a crop this wide holds a code whose modules are >= ~2.5 px: scan it at half size
MIN_FINDER_ROWS = 4  # rows (every 2nd, half size) crossing QR finder-like runs: evidence of a QR Code
# CPU ms per frame: the camera path's budget.  Chosen on the tuning sets A:4 and B:7 (docs/scanning.md,
# "The camera path's budget"): the smallest of 10/15/20/30 ms whose read rate over 8 frames is at least
# raw pyzbar's per frame on both sets (10 ms was not; its p95 met the 0.45x target, 15 ms's does not)
DEFAULT_BUDGET_MS = 15.0
# the decode command (stills, no next frame to wait for): raw pyzbar's own scan of the whole image
# first, whatever it costs (so that it never reads less than raw pyzbar), then this many ms more for
# the other passes, without the evidence gate.  On the tuning sets A:4 and B:7, 40 and 100 ms (and the
# gate) each lost a code main's decoder read (it ran every pass); unbounded reads all of them
STILL_EXTRA_MS = float("inf")
# views of the frame that share their pixels: a 1-D read from one scan line is confirmed only by a view
# of another kind
_FAMILY = {
    "roi": "raw",
    "raw": "raw",
    "band": "raw",
    "full": "raw",
    "full_small": "raw",
    "crops": "raw",
    "crop_align": "turned",
    "crop_rot45": "turned",
    "crops_sharp": "sharp",
    "full_sharp": "sharp",
    "c128": "own",
    "c128_located": "own",
}


class _OwnCode128:
    """In a pass's (scanner, view) pairs: our own Code 128 reader (``code128.py``) instead of zbar."""

    density = 100  # the key of its speed estimate


OWN_CODE128 = _OwnCode128()
_Pass = tuple[str, Callable[[], list[tuple["ZbarScanner | _OwnCode128", View]]]]


class ZbarDecoder:
    """Decode coupon codes in frames.

    ``budget_ms``: a fallback pass is started only if preparing its views (a running estimate on this
    machine) leaves time, and each view is scanned only if zbar's measured speed says it ends within the
    budget; the first two passes always run.  Time is this thread's CPU
    time by default: the same work is done whether or not other programs compete for the core (a
    frame that waited is dropped by the capture, not by skipping its fallbacks).  ``payload_only``: drop
    decoded texts that are not coupon payloads (the camera path); the ``decode`` command keeps all.
    """

    band_first = False  # the rolling band right after the half-size pass, before the evidence gate
    UNKNOWN_COST_MS = 2.0  # preparing a pass not run yet on this machine is assumed to cost this much
    MIN_VIEW_MS = 1.0  # a pass is not started unless at least this much is left for zbar

    def __init__(
        self,
        symbologies: tuple[str, ...] = DEFAULT_SYMBOLOGIES,
        budget_ms: float = DEFAULT_BUDGET_MS,
        use_roi: bool = True,
        payload_only: bool = True,
        clock: Callable[[], float] = time.thread_time,
        raw_first: bool = False,
        gated: bool = True,
    ) -> None:
        self.symbologies = tuple(symbologies)
        # stills: raw pyzbar's scan of the whole frame first, and the budget counted after it
        self.raw_first = raw_first
        self.gated = gated  # False: every pass may run on a frame without evidence of a code (stills)
        self._head: frozenset[str] = frozenset()  # passes every frame begins with
        self._band_frame = False  # this frame is the rolling band's (the camera path: every other frame)
        self._band_last = True  # the last frame was: the next one is one of the usual passes
        self._resume: str | None = None  # the camera path: the pass the next frame's fallbacks begin with
        self._band_pos = [0, 0]  # where the camera path's next band of rows / of columns starts
        self._band_dir = 0
        self._pass_start = 0.0
        self._pass_budget = float("inf")
        self._weak_prev: set[str] = set()  # the camera path: single-scan-line 1-D reads of the last frame
        self.payload_only = payload_only
        self.budget_ms = budget_ms
        self._clock = clock
        self.use_roi = use_roi
        self._scanner = ZbarScanner(self.symbologies)
        self._scanner2 = ZbarScanner(self.symbologies, density=2)  # every 2nd line: half the time
        self._rows2 = ZbarScanner(self.symbologies, density=2, rows_only=True)
        self._rows1 = ZbarScanner(self.symbologies, density=1, rows_only=True)
        # OpenCV's 1-D barcode locator (not its decoder: it reads EAN/UPC, not Code 128)
        self._locator = cv2.barcode.BarcodeDetector() if hasattr(cv2, "barcode") else None
        self._bars = BarLocator()
        self._first = True
        self._evidence = False  # a Code 128 start pattern was seen in this frame (by our own reader)
        self._gate: Callable[[], bool] = lambda: True
        self._track = Tracker()  # the last hit's place, for a few frames
        self._cost: dict[str, float] = {}  # running estimate of each pass's ms on this machine
        self._ms_per_mpx: dict[int, float] = {}  # zbar's running speed per scan density
        self.stats = DecodeStats()

    def forget(self) -> None:
        """Drop the region of interest (a new camera, a new video)."""
        self._track.forget()
        self._resume = None
        self._band_last = True  # the next frame is one of the usual passes
        self._weak_prev = set()

    # --- passes: each returns (scanner, view) pairs; built lazily so that skipped passes cost nothing

    def _roi(self, gray: np.ndarray) -> list[View]:
        view = self._track.region(gray, widen=4, pad=48, keep=True) if self.use_roi else None
        return [view] if view is not None else []

    def _passes(self, gray: np.ndarray) -> list[tuple[str, Callable[[], list[tuple[ZbarScanner | _OwnCode128, View]]]]]:
        cache: dict[str, object] = {}
        s1, s2, rows1, rows2 = self._scanner, self._scanner2, self._rows1, self._rows2

        def half() -> View:
            if "half" not in cache:
                small = cv2.resize(gray, (gray.shape[1] // 2, gray.shape[0] // 2), interpolation=cv2.INTER_AREA)
                cache["half"] = View(small, np.array([[2.0, 0, 0.5], [0, 2.0, 0.5]]))
            return cache["half"]  # type: ignore[return-value]

        def crops() -> list[View]:
            """Full-resolution views of the candidate regions (a large region may still hold a long
            Code 128 with bars too fine for the half-size pass)."""
            if "crops" not in cache:
                cache["crops"] = [
                    View(gray[y0:y1, x0:x1], np.array([[1.0, 0, x0], [0, 1.0, y0]]))
                    for x0, y0, x1, y1 in code_regions(half().image)
                ]
            return cache["crops"]  # type: ignore[return-value]

        def half_of(v: View) -> View:
            """The half-size image's part under a full-resolution crop."""
            x0, y0 = int(v.back[0, 2]) // 2, int(v.back[1, 2]) // 2
            h2, w2 = v.image.shape[0] // 2, v.image.shape[1] // 2
            return View(
                half().image[y0 : y0 + h2, x0 : x0 + w2], np.array([[2.0, 0, 2 * x0 + 0.5], [0, 2.0, 2 * y0 + 0.5]])
            )

        def aligned() -> list[tuple[ZbarScanner | _OwnCode128, View]]:
            """Crops holding a 1-D code at an angle zbar's horizontal/vertical scan lines cannot cross,
            turned so that its bars stand upright."""
            out: list[tuple[ZbarScanner | _OwnCode128, View]] = []
            for v in crops():
                angle = bar_angle(v.image)
                if angle is None or not 15 < abs(angle) % 90 < 75:
                    continue
                # the dense patch may be only the middle of a long code at an angle: widen it
                x0, y0 = int(v.back[0, 2]), int(v.back[1, 2])
                h, w = v.image.shape
                m = max(w, h) // 2
                x0, y0 = max(x0 - m, 0), max(y0 - m, 0)
                x1, y1 = min(x0 + w + 2 * m, gray.shape[1]), min(y0 + h + 2 * m, gray.shape[0])
                v = View(gray[y0:y1, x0:x1], np.array([[1.0, 0, x0], [0, 1.0, y0]]))
                if max(v.image.shape) > 480:  # a large code: turn the half-size crop, 4x cheaper
                    v = half_of(v)
                out.append((s1, rotated(v, angle)))
            return out

        def located() -> list[tuple[ZbarScanner | _OwnCode128, View]]:
            """1-D codes found by OpenCV's barcode locator on the half-size image, cut out of the full
            frame turned upright (bars vertical); narrow ones also stretched 2x across the bars."""
            if self._locator is None:
                return []
            ok, quads = self._locator.detect(half().image)
            if not ok or quads is None:
                return []
            out: list[tuple[ZbarScanner | _OwnCode128, View]] = []
            for quad in quads[:2]:
                (cx, cy), (w, h), a = cv2.minAreaRect(quad.astype(np.float32) * 2)
                if w < h:
                    w, h, a = h, w, a + 90
                w, h = w * 1.3 + 20, h * 1.3 + 20  # quiet zone and blurred ends
                mat = cv2.getRotationMatrix2D((cx, cy), a, 1.0)
                mat[0, 2] += w / 2 - cx
                mat[1, 2] += h / 2 - cy
                size = (int(w), int(h))
                if size[0] < 16 or size[1] < 8:
                    continue
                img = cv2.warpAffine(gray, mat, size, flags=cv2.INTER_LINEAR, borderValue=255)
                back = cv2.invertAffineTransform(mat)
                out.append((rows2, View(img, back)))
                if size[0] < 700:
                    wide = cv2.resize(img, None, fx=2, fy=1, interpolation=cv2.INTER_CUBIC)
                    out.append((rows2, View(wide, back @ np.array([[0.5, 0, 0], [0, 1.0, 0], [0, 0, 1.0]]))))
            return out

        def stretched() -> list[tuple[ZbarScanner | _OwnCode128, View]]:
            """The two largest crops stretched 2x across upright bars: Code 128 at 1.2-1.5 px per module
            has bars too thin for zbar's edge detector; interpolation gives it room."""
            out: list[tuple[ZbarScanner | _OwnCode128, View]] = []
            for v in crops()[:2]:
                if v.image.shape[1] > WIDE_MAX_PX:
                    continue  # a large region: its code's bars are wide enough, and stretching costs most
                wide = cv2.resize(v.image, None, fx=2, fy=1, interpolation=cv2.INTER_CUBIC)
                out.append((rows2, View(wide, v.back @ np.array([[0.5, 0, 0], [0, 1.0, 0], [0, 0, 1.0]]))))
            return out

        def upright() -> list[View]:
            """Strips across the 1-D codes in the crops (one bar direction): 48 rows sampled along the
            middle half of the bars, full resolution across them, quiet zones included."""
            if "upright" in cache:
                return cache["upright"]  # type: ignore[return-value]
            out = []
            for v in crops():
                angle = bar_angle(v.image)
                if angle is None:
                    continue
                h, w = v.image.shape
                a = np.radians(angle)
                c, s_ = abs(np.cos(a)), abs(np.sin(a))
                cx, cy = v.back[0, 2] + w / 2, v.back[1, 2] + h / 2
                out.append(strip(gray, cx, cy, angle, 1.1 * (w * c + h * s_), 0.5 * min(w, h)))
            cache["upright"] = out
            return out

        def turned45() -> list[tuple[ZbarScanner | _OwnCode128, View]]:
            """The largest region turned by +-45 degrees, when no bar direction could be measured
            (a long code's patch mixed with the phone's edges)."""
            views = crops()[:1]
            if not views or bar_angle(views[0].image) is not None:
                return []  # crop_align has handled it
            v = half_of(views[0]) if max(views[0].image.shape) > 480 else views[0]
            return [(s1, rotated(v, a)) for a in (45.0, -45.0)]

        small_frame = gray.shape[0] * gray.shape[1] <= 400 * 400  # a still image or a tiny camera
        first: list[tuple[str, Callable[[], list[tuple[ZbarScanner | _OwnCode128, View]]]]] = (
            [("full_small", lambda: [(s1, View(gray, identity()))])] if small_frame else []
        )

        def located_strips() -> list[View]:
            """Strips across the 1-D codes OpenCV's barcode locator finds on the half-size image."""
            if "located_strips" not in cache:
                cache["located_strips"] = self._bars.strips(gray, half())
            return cache["located_strips"]  # type: ignore[return-value]

        def strips_of(views: list[View]) -> list[tuple[ZbarScanner | _OwnCode128, View]]:
            out: list[tuple[ZbarScanner | _OwnCode128, View]] = []
            for v in views:
                out.append((OWN_CODE128, v))
                h, w = v.image.shape
                small = cv2.resize(
                    cv2.resize(v.image, (w, h // 4), interpolation=cv2.INTER_AREA),
                    (2 * w, h // 4),
                    interpolation=cv2.INTER_CUBIC,
                )
                scale = np.array([[0.5, 0, 0], [0, 4.0, 1.5], [0, 0, 1.0]])
                out.append((rows1, View(small, v.back @ scale)))
            return out

        def strips() -> list[tuple[ZbarScanner | _OwnCode128, View]]:
            """Each 1-D crop's strip read by our own reader, then by zbar along its rows after averaging
            down the bars (4 rows into 1) and stretching 2x across them: the located code alone is
            upscaled, a few thousand pixels instead of the frame."""
            return strips_of(upright())

        def crops_with_evidence() -> list[tuple[ZbarScanner | _OwnCode128, View]]:
            """The two largest crops, every 2nd line, once something code-like was seen in the frame; a
            crop wider than ``HALF_CROP_PX`` from the half-size image (its code's modules are large)."""
            if not evidence():
                return []
            return [(s2, half_of(v) if v.image.shape[1] > HALF_CROP_PX else v) for v in crops()[:2]]

        def evidence() -> bool:
            """Something code-like in the frame: a Code 128 start pattern (seen by ``c128``) or rows
            crossing QR finder-like runs in one of the two largest crops (on the half-size image)."""
            if "evidence" not in cache:
                found = self._evidence
                for v in crops()[:2]:
                    if found:
                        break
                    found = finder_rows(half_of(v).image, 2) >= MIN_FINDER_ROWS
                cache["evidence"] = found
            return bool(cache["evidence"])

        def roi() -> list[tuple[ZbarScanner | _OwnCode128, View]]:
            """The region where the last code was read, full resolution; a Code 128 also as a strip
            across its bars read by our own reader (a far code found once is cheap to read again)."""
            views = self._roi(gray)
            out: list[tuple[ZbarScanner | _OwnCode128, View]] = [(s1, v) for v in views]
            if views and self._track.symbology == "CODE128":
                v = views[0]
                angle = bar_angle(v.image)
                if angle is not None:
                    h, w = v.image.shape
                    a = np.radians(angle)
                    c, s_ = abs(np.cos(a)), abs(np.sin(a))
                    cx, cy = v.back[0, 2] + w / 2, v.back[1, 2] + h / 2
                    out += strips_of([strip(gray, cx, cy, angle, w * c + h * s_, 0.3 * min(w, h))])
            return out

        def band() -> list[tuple[ZbarScanner | _OwnCode128, View]]:
            """A band of the frame at full resolution, as many rows (or columns) as the budget leaves for
            zbar, where the previous band of that direction ended; bands of rows and of columns take
            turns (a 1-D code turned upright is longer than a band of rows is high).  Over a few frames
            the whole frame is scanned as raw pyzbar scans it, within each frame's budget: a small far
            code the cheap passes miss is found there, and read again from its region of interest."""
            left = self._pass_budget - (self._clock() - self._pass_start) * 1000 - self.MIN_VIEW_MS
            across = self._band_dir % 2  # 0: rows, 1: columns
            img = gray if across == 0 else gray.T
            per_line = self._ms_per_mpx.get(1, 10.0) * img.shape[1] / 1e6
            n = img.shape[0]
            lines = int(min(left / per_line, n)) if per_line > 0 else n
            if lines < BAND_MIN_ROWS:
                return []  # no time left in this frame: the band stays where it is
            self._band_dir += 1
            y0 = self._band_pos[across] if self._band_pos[across] < n - BAND_OVERLAP else 0
            y1 = min(y0 + lines, n)
            self._band_pos[across] = y1 - BAND_OVERLAP if y1 < n else 0
            if across == 0:
                return [(s1, View(gray[y0:y1], np.array([[1.0, 0, 0], [0, 1.0, y0]])))]
            return [(s1, View(gray[:, y0:y1], np.array([[1.0, 0, y0], [0, 1.0, 0]])))]

        self._gate = evidence
        if self.raw_first:
            # stills: raw pyzbar's scan first (what a cashier would get from pyzbar is never lost)
            head: list[_Pass] = [("raw", lambda: [(s1, View(gray, identity()))]), ("half", lambda: [(s1, half())])]
        else:
            head = [("roi", roi), *first, ("half", lambda: [(s1, half())])]
        full_pass: list[_Pass] = [("full", lambda: [(s1, View(gray, identity()))])]
        band_pass: list[_Pass] = [("band", band)] if self.use_roi and not self.raw_first else []
        if self.band_first:
            head, band_pass = head + band_pass, []
        self._head = frozenset(n for n, _ in head)
        if band_pass and self._band_frame:
            # every other frame while no code is tracked: the region of interest and the band only, with
            # the whole budget (the half-size pass leaves too little on a noisy frame)
            return [("roi", roi), ("band", band)]
        return [
            *head,
            ("crops2", crops_with_evidence),
            ("c128_located", lambda: strips_of(located_strips())),
            ("c128", strips),
            *band_pass,
            ("crops_wide", stretched),
            ("located", located),
            ("crops_sharp", lambda: [(s2, View(sharpen(v.image), v.back)) for v in crops()[:2]]),
            ("crops", lambda: [(s1, v) for v in crops()]),
            (
                "crops_smooth",
                lambda: [(s1, View(cv2.GaussianBlur(v.image, (0, 0), 0.8), v.back)) for v in crops()[:2]],
            ),
            *([] if self.raw_first else full_pass),
            ("crop_align", aligned),
            ("full_sharp", lambda: [(s2, View(sharpen(gray), identity()))]),
            ("crop_rot45", turned45),
        ]

    def decode(self, frame: np.ndarray) -> list[Hit]:
        """Codes in ``frame`` (BGR or gray); with ``payload_only`` non-payload reads are dropped."""
        clock = self._clock
        start = clock()
        gray = to_gray(frame)
        self.stats = DecodeStats()
        hits: list[Hit] = []
        weak: dict[str, set[str]] = {}
        done: set[str] = set()
        self._evidence = False
        origin = start  # where the budget is counted from: after the raw scan for stills
        # the first frame pays OpenCV's and zbar's one-time set-up (tens of ms): it gets no budget, so
        # that the set-up does not cost it its read
        budget, self._first = (float("inf") if self._first else self.budget_ms), False
        # the camera path alternates: a frame of the usual passes, a frame of the rolling band
        self._band_frame = self.use_roi and not self._band_last and self._track.rect is None
        self._band_last = self._band_frame
        passes = self._passes(gray)
        cheap_n = next((i for i, (n, _) in enumerate(passes) if n not in CHEAP and n not in self._head), len(passes))
        later = [n for n, _ in passes[cheap_n:]]
        if not self.raw_first and not self._band_frame and self._resume in later:
            # the camera path: the fallbacks resume where the previous frame's budget ran out, so that a
            # code held in view gets every pass over a few frames (30 a second) within each one's budget
            k = cheap_n + later.index(self._resume)
            passes = passes[:cheap_n] + passes[k:] + passes[cheap_n:k]
        skipped: str | None = None
        for name, make in passes:
            if name in done:
                continue
            if self.gated and name not in UNGATED and not self._gate():
                break  # nothing code-like in the frame: a frame with no code stops here
            t0 = clock()
            elapsed = (t0 - origin) * 1000
            cheap = name in CHEAP
            self._pass_start, self._pass_budget = origin, budget
            # a pass's zbar time depends on this frame's views (a crop may be 100 or 1000 px wide), so
            # the pass is judged by what preparing its views usually costs, each view by its own size
            prep = self._cost.get(name, self.UNKNOWN_COST_MS)
            if not cheap and elapsed + prep + self.MIN_VIEW_MS > budget:
                if name in self._cost:  # a skipped pass is not measured: let its estimate age, to retry it
                    self._cost[name] *= 0.97
                skipped = skipped or name
                continue  # would overrun the frame's budget; a later, cheaper pass may still fit
            pairs = make()
            cost = (clock() - t0) * 1000
            old = self._cost.get(name)
            # one slow frame (a first call, the machine busy) must not shut a pass out for good
            cost = min(cost, 2 * old) if old is not None else min(cost, self.budget_ms / 2, self.UNKNOWN_COST_MS * 2)
            self._cost[name] = cost if old is None else 0.8 * old + 0.2 * cost
            done.add(name)
            if self._scan_views(name, pairs, hits, weak, None if cheap else origin, budget):
                self.stats.passes.append(name)
            self.stats.trace.append((name, round((clock() - start) * 1000, 2)))
            if hits:
                self.stats.winner = name
                break
            if name == "raw":
                origin = clock()
        # raw pyzbar's own single-scan-line 1-D reads that no other view confirmed are not reported,
        # stills included: on the tuning sets the only such report was a partial code (A:6 #72, motion
        # blur: "89" of a 20-character Code 128), and they read nothing true there (docs/scanning.md)
        self._resume = None if hits else skipped
        self._weak_prev = set(weak)
        self._track.remember(gray.shape, hits)
        self.stats.ms = (clock() - start) * 1000
        return hits

    def run_pass(self, name: str, make: Callable[[], list[tuple[ZbarScanner | _OwnCode128, View]]]) -> list[Hit]:
        """One pass on its own, no budget and no evidence gate (for the tuning tool and the tests)."""
        hits: list[Hit] = []
        self._scan_views(name, make(), hits, {}, None)
        return hits

    def _scan_views(
        self,
        name: str,
        pairs: list[tuple[ZbarScanner | _OwnCode128, View]],
        hits: list[Hit],
        weak: dict[str, set[str]],
        start: float | None,
        budget: float = float("inf"),
    ) -> bool:
        """Scan a pass's views into ``hits``; with ``start``, skip views whose estimate overruns the
        budget counted from it.  True if any view was scanned."""
        clock = self._clock
        scanned = False
        for scanner, view in pairs:
            # zbar's time grows with the pixels it scans: skip a view whose estimate overruns
            t1 = clock()
            estimate = self._ms_per_mpx.get(scanner.density, 10.0) * view.image.size / 1e6
            if start is not None and (t1 - start) * 1000 + estimate > budget:
                continue
            scanned = True
            if isinstance(scanner, _OwnCode128):
                if "CODE128" in self.symbologies:
                    self._own(view, hits)
            else:
                for data, symbology, pts in outvoted(scanner.scan(view.image)):
                    text = zbar_text(data)
                    if text is None:
                        continue
                    if symbology != "QRCODE" and len(set(pts)) < MIN_LINEAR_POINTS:
                        # one scan line: believe it only when a differently resampled or filtered view
                        # reads it too (the same pixels in another crop repeat the same misread)
                        seen = weak.setdefault(text, set())
                        seen.add(_FAMILY.get(name, name))
                        if len(seen) < 2 and not (self.use_roi and text in self._weak_prev):
                            # (the camera path: the previous frame's read of the same text confirms it,
                            # and the pipeline's Agreement then wants a third frame)
                            continue
                    if self.payload_only:
                        if not is_coupon_payload(text):
                            continue
                        text = normalize_payload(text)
                    hit = Hit(text, symbology, view.to_frame(pts))
                    if all(h.text != hit.text for h in hits):
                        hits.append(hit)
            rate = (clock() - t1) * 1000 / max(view.image.size / 1e6, 0.01)
            old = self._ms_per_mpx.get(scanner.density)
            self._ms_per_mpx[scanner.density] = rate if old is None else 0.9 * old + 0.1 * rate
        return scanned

    def _own(self, view: View, hits: list[Hit]) -> None:
        """Our Code 128 reader on an upright view: a text two scan bands agree on, mod-103 checked, and
        always held to the coupon grammar (it exists for coupons, unlike zbar's general reads)."""
        got, seen = read_strip(view.image)
        self._evidence |= seen
        if got is None:
            return
        text, votes = got
        if not is_coupon_payload(text):
            return
        text = normalize_payload(text)
        h, w = view.image.shape[:2]
        polygon = view.to_frame([(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)])
        if all(hit.text != text for hit in hits):
            hits.append(Hit(text, "CODE128", polygon, votes))


def zbar_still_decoder(
    symbologies: tuple[str, ...] = DEFAULT_SYMBOLOGIES, extra_ms: float = STILL_EXTRA_MS
) -> ZbarDecoder:
    """A decoder for stills (the ``decode`` command): every code, payload or not; raw pyzbar's scan of
    the whole image first, then ``extra_ms`` for the other passes.  Reuse it across images so that its
    cost estimates hold."""
    return ZbarDecoder(symbologies, budget_ms=extra_ms, use_roi=False, payload_only=False, raw_first=True, gated=False)
