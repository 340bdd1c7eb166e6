"""Find coupon codes in a camera frame or a still: zxing-cpp first, then what it misses.

zxing-cpp (``zxing_reader.py``) reads most codes on its own in 2-3 ms a 1280x720 frame, a fifth of
zbar's time.  What it misses is mostly a Code 128 whose bars no single row or column crosses (tilted
10-45 degrees) or whose bars are too thin: OpenCV's barcode locator (``views.BarLocator``) finds it, a
strip is sampled along its bars, upright, and read by zxing and by our own reader (``code128.py``).
zbar (``zbar_decoder.py``: crops, sharpened and turned views) reads what is left, time permitting.

The camera path (``Decoder()``), cheapest first, within a CPU budget per frame (``DEFAULT_BUDGET_MS``):

1. ``roi``: the region where a code was read in the last frames, full resolution (a held code stays
   where it was; a Code 128 there also as a strip across its bars);
2. ``zxing``: the whole frame (rows, and zxing's own downscaled copies);
3. the gate: the barcode locator on the half-size frame (OpenCV's, else ``views.coherent_bars``) must
   find a 1-D code, or the frame stops here (a frame with no code pays passes 2-3 only);
4. ``strips``: strips along the located codes' bars, read by our reader, by zxing (as sampled, on the
   levels stretched at one threshold, stretched 2x across the bars) and on 2x samples (those only with
   ``WIDE_MIN_MS`` of the budget left, else by the deep steps);
5. ``zxing_turned``: the whole frame, columns and light-on-dark too;
6. ``zbar`` (``zbar=True`` only): zbar's passes with what is left of the budget;
7. ``deep`` (``deep_strips.py``): once every pass ran on a still scene (a held code's later frames, or
   what is left of the turn) and the strips pass left a located 1-D code unread: its strips voted symbol
   by symbol across bands where a start pattern was seen (``code128_vote``), read by fitting blurred
   symbol templates (``code128_fit``), scanned by zbar along their rows, taller (``strip_zbar``), grown
   to the whole run of their bars (``strip_extent``), sampled again centred on their bars
   (``views.refined``), better strips for them all (``strip_fix``), a few steps a frame (``DEEP_MS``).
While no code is tracked, passes 2-6 run on every third frame only (``IDLE_EVERY``); the frames between
get a ``glance`` instead (zxing on every 4th row for 1-D codes, or on the half-size frame for QR Codes,
one kind a frame), and the whole-frame pass only when the glance saw a symbol it could not decode.
Except on a still scene where the locator found a 1-D code that nothing read yet: while passes or deep
steps are left for it, every frame is a turn (a held code's deep steps end within ~8 frames, not ~25;
a cluttered empty scene's decoys cost those frames too, then glances).  Once every pass and deep step
found nothing on a still scene, the frames between its turns *rest* (no pass at all) while neither its
thumbnail nor its fine detail moves (``scene_thumb``, ``scene_detail``): an empty counter then costs a
glance every third frame.
A frame smaller than 1280x720 gets a share of the budget (and of every figure derived from it) in
proportion to its pixels, at least ``MIN_BUDGET_SCALE`` (``Decoder.budget_scale``).
A pass that does not fit in what is left of the budget is skipped and the next frame begins its
fallbacks with it, then even over the budget.

Stills (``still_decoder()``, the ``decode`` command): every pass, no budget and no gate, zxing with
every option first, the deep steps on every unread strip, the zbar pass last being raw pyzbar's own
scan followed by zbar's other passes.

Zero wrong reads: zxing reports a 1-D code only when two scan lines agree (and checks Code 128's
mod-103 symbol; QR Codes are error-corrected); our reader wants two bands that agree, quiet zones and the
check symbol, and its text always passes the coupon grammar (so do the vote's and the fit's, each
with two bands agreeing and no band contradicting); the camera path keeps only coupon payloads
that ``codes.parse_scan`` accepts, and ``pipeline.Agreement`` reports a code only when two frames read it.
Stills keep every text, but a Code 128 text the coupon grammar cannot vouch for is reported only when a
second pass reads it too: mod-103 lets two substituted symbols through (zxing once read
``CN4AF1P1POUX\\HVR04`` for ``CN4AF1PUPOUX6HVR04`` on an overexposed frame).
A ``Decoder`` is not thread-safe: use one per thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import cv2
import numpy as np

from pos_app.scanner.code128 import read_strip
from pos_app.scanner.code128_fit import read_fitted
from pos_app.scanner.code128_vote import read_voted
from pos_app.scanner.deep_strips import DEEP_MS, DEEP_STRIPS, DeepStrips, Step
from pos_app.scanner.hit import DecodeStats, Hit, outermost
from pos_app.scanner.payload import is_coupon_payload, normalize_payload
from pos_app.scanner.qr_rescue import QrRescue
from pos_app.scanner.strip_extent import extended
from pos_app.scanner.strip_fix import fixed_strips, joined_strips, more_strips, on_one_line
from pos_app.scanner.strip_persp import projective
from pos_app.scanner.strip_zbar import StripZbar
from pos_app.scanner.tracking import Tracker
from pos_app.scanner.views import (
    BarLocator,
    View,
    bar_angle,
    dark_bars,
    half_size,
    identity,
    levels,
    refined,
    resample,
    stretched,
    strip,
    stripes,
    to_gray,
)
from pos_app.scanner.zbar import ZbarMissing, load_zbar
from pos_app.scanner.zbar_decoder import ZbarDecoder, zbar_still_decoder
from pos_app.scanner.zxing_reader import ZxingMissing, ZxingReader

__all__ = [
    "DEFAULT_BUDGET_MS",
    "DEFAULT_SYMBOLOGIES",
    "Decoder",
    "Hit",
    "ZbarMissing",
    "decode_image",
    "load_zbar",
    "still_decoder",
    "to_gray",
]

DEFAULT_SYMBOLOGIES = ("QRCODE", "CODE128")
# CPU ms per frame: the camera path's budget (docs/scanning.md, "The camera path's budget": chosen on the
# tuning sets A:4 and B:7 only)
DEFAULT_BUDGET_MS = 12.0
# ... for a 1280x720 frame (so are DEEP_MS and the "this much left" figures below): a smaller frame gets
# a share of each in proportion to its pixels, as raw pyzbar's time goes, but never less than
# MIN_BUDGET_SCALE (``Decoder.budget_scale``; 640x480: 1/3 of the pixels, half the budget: with 1/3 or
# 0.4 a held code read by the deep steps, A:4 #119, was read too late for camera x8 in some runs)
BUDGET_FRAME_PX = 1280 * 720
MIN_BUDGET_SCALE = 0.5
ROI_FRAMES = 5  # frames the region of a read is decoded first after it was last read
STRETCH_MAX_PX = 1000  # strips longer than this (bars wide enough) are not also sampled 2x
WIDE_MIN_MS = 3.0  # the camera path: a strip's 2x samples (4-8 ms) only with this much budget left, else
# they wait for the deep steps
# While no code is tracked, the passes after the whole-frame one run on every IDLE_EVERY-th frame only
# (counted from the last read or ``forget``): zxing's whole-frame pass reads most codes at once, a code
# it misses gets the fallbacks within IDLE_EVERY frames (100 ms at 30 fps), and an empty counter costs
# the whole-frame pass on most frames.  Chosen on the tuning sets (docs/scanning.md).
IDLE_EVERY = 3
# Between the fallbacks' turns an idle frame gets only a glance (``Decoder._glance``): zxing on every
# GLANCE_ROW_STEP-th row for 1-D codes and on the half-size frame for 2-D codes, one kind a frame in
# turn; the whole-frame pass runs on it only when the glance saw a symbol it could not decode.  A frame
# with no code costs the glance on two frames of three.  Chosen on the tuning sets (docs/scanning.md).
GLANCE_ROW_STEP = 4
# A still scene does not run a pass twice: while the frame has not changed (``scene_thumb``: no cell of a
# 40x23 thumbnail moved by SCENE_CHANGE grey levels; sensor noise moves a cell by ~1-5), a turn runs
# only the passes that have not yet run on it, and once every pass has found nothing the turn is a
# glance, whose evidence still brings the whole-frame pass, and the frames between turns rest while the
# scene's detail (``scene_detail``: a focus settling) stays too.  An empty counter then costs a glance
# every third frame after its first turns.
SCENE_CHANGE = 12
ZBAR_MIN_MS = 4.0  # zbar's pass starts only with this much left (its half-size scan alone costs ~3.5 ms)
QR_MIN_MS = 1.0  # the QR second look starts only with this much left
QR_TURNS = 6  # a still scene gives the QR second look's pending steps this many more turns at most
QR_THEN_MS = 4.0  # after it, the gate (locating: 2-9 ms) and the fallbacks only with this much left
DEEP_MIN_MS = 2.0  # a still scene's deep steps start only with this much of the frame's budget left
# a still scene gets a turn on every frame (``Decoder._busy``) for an unread strip with this many dark
# bars (``views.dark_bars``): on the tuning sets every Code 128 strip read late had 10 or more, a QR
# Code's finder patterns (boxed by the locator) 3-12, most 5-7
BUSY_BARS = 10
# the camera path's deep steps read only strips with this many dark bars (of the first DEEP_STRIPS the
# strips pass left unread): on the tuning sets every strip a deep step read (or whose fixed, merged or
# projective strip read) had 16 or more, an empty cluttered scene's decoys mostly fewer (research e10,
# session 9: 58 % of an empty held scene's time went to deep steps on them; stills are not gated)
DEEP_BARS = 14
# ... and that are not stripes (``views.stripes``: bars all alike, spaces all alike, the profile repeating):
# on the tuning sets every strip a deep step read repeated 0.14-0.35 (``views.periodicity``), an empty
# scene's stripes (blinds, printed patterns) 0.8-1.0, and half the deep steps' time on empty scenes went to
# them (round 12; review r12: a code whose data repeats, "000000000001", repeats 0.6-0.8 too, but its bars
# or spaces differ)
# the deep step "smooth": a strip blurred across its bars (Gaussian, this many px at 1x) before our
# readers: a screen's moiré draws stripes finer than a module inside bars and spaces (5 of the 10 moiré
# Code 128 frames the camera path missed on the tuning sets were read so, at 1.2 px, and 0 wrong)
SMOOTH_PX = 1.2
# stills: zbar's passes after raw pyzbar's own scan get this many CPU ms: the largest of 0/20/60/inf whose
# whole-set CPU stays well under raw pyzbar's on both tuning sets (docs/scanning.md)
STILL_ZBAR_MS = 20.0

Read = tuple[str, str, tuple[tuple[int, int], ...]]
GAMMA_LUT = (255 * (np.arange(256) / 255.0) ** 2.2).astype(np.uint8)
GAMMA_LUTS = (GAMMA_LUT, (255 * (np.arange(256) / 255.0) ** 0.5).astype(np.uint8))


def code_bars(img: np.ndarray) -> int:
    """An upright strip's dark bars (``views.dark_bars``) as the camera path's gates count them: none
    when they are stripes (``views.stripes``), not a code."""
    bars = dark_bars(img)
    return 0 if bars >= DEEP_BARS and stripes(img) else bars


def scene_thumb(frame: np.ndarray) -> np.ndarray:
    """A 40x23 grey thumbnail of a 1280x720 frame (~0.1 ms): every 8th pixel, averaged 4x4."""
    sparse = frame[::8, ::8]
    if sparse.ndim == 3:
        sparse = cv2.cvtColor(sparse, cv2.COLOR_BGR2GRAY)
    h, w = sparse.shape
    return cv2.resize(sparse, (max(w // 4, 1), max(h // 4, 1)), interpolation=cv2.INTER_AREA).astype(np.int16)


def scene_detail(frame: np.ndarray) -> np.ndarray:
    """The fine detail of a 1280x720 frame off ``scene_thumb``'s grid (~0.08 ms): the step between
    neighbouring samples (green, every 8th pixel from the 4th), averaged as the thumbnail's cells.  A focus
    settling or a screen redrawn at the same brightness moves it where the thumbnail may not move."""
    sparse = frame[4::8, 4::8]
    if sparse.ndim == 3:
        sparse = sparse[:, :, 1]
    if sparse.shape[0] < 1 or sparse.shape[1] < 2:  # a frame too small to have any
        return np.zeros((1, 1), np.int16)
    step = cv2.absdiff(sparse[:, 1:], sparse[:, :-1])
    h, w = sparse.shape
    return cv2.resize(step, (max(w // 4, 1), max(h // 4, 1)), interpolation=cv2.INTER_AREA).astype(np.int16)


def same_scene(a: np.ndarray | None, b: np.ndarray) -> bool:
    return a is not None and a.shape == b.shape and int(np.abs(a - b).max()) < SCENE_CHANGE


class Decoder:
    """Decode coupon codes in frames (the camera path) or stills (``still=True``).

    ``budget_ms``: a pass after the first two starts only if its running cost estimate fits in what is
    left of the frame's budget (this thread's CPU time by default).  ``payload_only``: keep only coupon
    payloads (the camera path); the ``decode`` command keeps every text.  ``zbar``: zbar's passes after
    zxing's (default: for stills only).
    """

    def __init__(
        self,
        symbologies: tuple[str, ...] = DEFAULT_SYMBOLOGIES,
        budget_ms: float = DEFAULT_BUDGET_MS,
        use_roi: bool = True,
        payload_only: bool = True,
        clock: Callable[[], float] = time.thread_time,
        still: bool = False,
        zbar: bool | None = None,
        idle_every: int = IDLE_EVERY,
        still_zbar_ms: float = STILL_ZBAR_MS,
    ) -> None:
        self.symbologies = tuple(symbologies)
        self.budget_ms = float("inf") if still else budget_ms
        self.use_roi = use_roi and not still
        self.payload_only = payload_only
        self.still = still
        self._clock = clock
        try:
            self._zx: ZxingReader | None = ZxingReader(self.symbologies)
        except ZxingMissing:
            self._zx = None
        # zbar stays required (pyzbar's raw scan for stills, and the contract of `decode`/`scan` and of
        # the camera's NO_ZBAR state); zxing-cpp missing leaves zbar alone to read
        load_zbar()
        self._zbar: ZbarDecoder | None = None
        if zbar is None:  # stills: zbar's passes last; the camera path: none (they read nothing more on
            zbar = still or self._zx is None  # the tuning sets within the budget, docs/scanning.md)
        if zbar:
            if still:
                self._zbar = zbar_still_decoder(self.symbologies, still_zbar_ms)
            else:
                self._zbar = ZbarDecoder(self.symbologies, use_roi=False, payload_only=payload_only)
                self._zbar._first = False  # its budget is what this decoder leaves it
        self._bars = BarLocator()
        self._qr = QrRescue(self._zx, clock) if self._zx is not None and self._zx.has("matrix") else None
        self._cost: dict[str, float] = {}  # running estimate of each pass's ms on this machine
        self._resume: str | None = None  # the fallback the next frame begins with
        self._track = Tracker(ROI_FRAMES)  # the last hit's place, decoded first
        self.idle_every = 1 if still else max(idle_every, 1)
        self._unread = 0  # frames since a code was last read (or since ``forget``)
        self._read_strip: View | None = None  # the strip that read the tracked code, sampled again first
        self._strip_hit: View | None = None  # this frame's strip that read a code
        self._hit_by = self._read_by = ""  # the reader ("vote", "fit", "zbar") of a deep step that read that strip
        self._unread_strips: list[tuple[View, bool]] = []  # the strips pass's unread strips, start seen
        self._unread_bars: list[int] = []  # their dark bars (``code_bars``)
        self._deep_first: View | None = None  # the first strip the deep steps read (``_deep_strips``)
        self._deep = DeepStrips(clock)
        self._strip_zbar = StripZbar()
        self._wide_owed: list[View] = []  # strips whose 2x samples the budget left for the deep steps
        self._places: list[View] = []  # the strips the deep steps read or queued on this scene
        self._left_ms: Callable[[], float] = lambda: float("inf")  # what is left of this frame's budget
        self._scale = 1.0  # this frame's share of a 1280x720 frame's budget (``budget_scale``)
        self._scene: np.ndarray | None = None  # thumbnail of the scene the passes in _tried found nothing on
        self._tried: set[str] = set()
        self._qr_turns = 0  # turns the QR second look went on with on this scene
        self._bars_seen: bool | None = None  # whether the locator found a 1-D code in that scene
        self._located: list[View] | None = None  # and the strips it found there (sampled again on its turns)
        self._detail: np.ndarray | None = None  # the scene's ``scene_detail``
        self.stats = DecodeStats()

    def budget_scale(self, shape: tuple[int, ...]) -> float:
        """The share of ``budget_ms`` (and of ``DEEP_MS``) a frame of ``shape`` gets: its pixels over
        1280x720's (raw pyzbar's time goes with them), at most 1, at least ``MIN_BUDGET_SCALE``."""
        return min(1.0, max(MIN_BUDGET_SCALE, shape[0] * shape[1] / BUDGET_FRAME_PX))

    def forget(self) -> None:
        """Drop the region of interest (a new camera, a new video)."""
        self._track.forget()
        self._read_strip = None
        self._read_by = ""
        self._resume = None
        self._unread = 0
        self._scene = self._located = None
        self._drop_unread()
        self._deep.forget()
        if self._qr is not None:
            self._qr.forget()
        if self._zbar is not None:
            self._zbar.forget()

    # --- the passes: each returns reads in frame coordinates

    def _zxing(self, view: View, **options: Any) -> list[Read]:
        if self._zx is None:
            return []
        return [(t, s, view.to_frame(p)) for t, s, p in self._zx.read(view.image, **options)]

    def _strip_reads(
        self,
        gray: np.ndarray,
        views: list[View],
        frame: np.ndarray | None = None,
        again: bool = False,
        samples: bool = True,
    ) -> list[Read]:
        """Each strip read by our own reader (sub-pixel edges, two agreeing bands, mod-103 check) and by
        zxing; a short one (Code 128 at 1.2-2 px per module) also stretched 2x, then sampled 2x from the
        frame (``frame``'s green channel when in colour), as it is, with a gamma curve, unsharp-masked.
        The strips left unread are kept for the deep steps (not when ``again``: a deep step's own strip)."""
        sources = [gray] if frame is None or frame.ndim == 2 else [gray, frame]
        out: list[Read] = []
        if not again:
            self._drop_unread()
        for v in views:
            seen: list[bool] = []
            reads = self._ours(v, seen)
            if not reads:
                reads = self._zxing(v, downscale=False) or self._zxing_levels(v)
            bars = -1 if reads or again else code_bars(v.image)
            wide = samples and not reads and v.image.shape[1] <= STRETCH_MAX_PX
            # the camera's 2x samples: a strip with a Code 128's bars (on the tuning sets every strip
            # only they read had 18 or more; an empty scene's decoys: half its 2x time on fewer than 14)
            wide = wide and (self.still or again or bars >= DEEP_BARS)
            if wide and not again and not self.still and self._left_ms() < WIDE_MIN_MS * self._scale:
                wide = False
                self._wide_owed.append(v)
            if wide:
                reads = self._zxing(stretched(v))
                for source in sources:  # sampled 2x from the frame itself, cubic: thin bars the resize smoothed
                    if reads:
                        break
                    wide = resample(source, v, along=2)
                    if wide.image.ndim == 3:  # green alone: the lens's colour fringes blur a grey mix
                        wide = View(np.ascontiguousarray(wide.image[:, :, 1]), wide.back)
                    reads = self._zxing(wide) or self._ours(wide) or self._zxing_levels(wide)
                    for lut in GAMMA_LUTS:  # highlights spread (overexposed: thin dark bars washed out), shadows
                        reads = reads or self._zxing(View(cv2.LUT(wide.image, lut), wide.back))
                    if not reads:  # unsharp (defocus, far: bars melted into grey)
                        blur = cv2.GaussianBlur(wide.image, (0, 0), 2.5)
                        reads = self._zxing(View(cv2.addWeighted(wide.image, 2.5, blur, -1.5, 0), wide.back))
            if not reads and not again:
                self._unread_strips.append((v, seen == [True]))
                self._unread_bars.append(bars)
            if reads:
                self._strip_hit = v
            out += reads
        return out

    def _zxing_levels(self, v: View) -> list[Read]:
        """zxing on the strip's levels stretched, at one threshold (``views.levels``: blur, motion)."""
        return self._zxing(View(levels(v.image), v.back), downscale=False, binarizer="fixed")

    def _deep_steps(self, frame: np.ndarray) -> list[Step]:
        """The deep steps (``deep_strips``), cheapest first, each on the strip sampled from this frame."""

        def by(how: str, along: tuple[int, ...] = (1,)) -> Callable[[np.ndarray, View], list[Read]]:
            def read(gray: np.ndarray, v: View) -> list[Read]:  # the strip (as sampled, 2x) by another reader
                for n in along:
                    cur = resample(gray, v, along=n)
                    reads = self._ours(cur, how=how)
                    if reads:
                        self._strip_hit, self._hit_by = cur, how
                        return reads
                return []

            return read

        fit = by("fit", (1, 2))
        smooth = by("smooth")

        def whole(gray: np.ndarray, v: View) -> list[Read]:  # the strips chain, 2x samples included
            return self._strip_reads(gray, [resample(gray, v)], frame, again=True)

        def again(gray: np.ndarray, v: View) -> list[Read]:  # centred on its bars, along them (refined)
            better = refined(gray, resample(gray, v))
            if better is None:
                return []
            return self._strip_reads(gray, [better], frame, again=True, samples=False) or fit(gray, better)

        def longer(gray: np.ndarray, v: View) -> list[Read]:  # along the whole run of its bars (fragments)
            grown = extended(gray, resample(gray, v))
            if grown is None:
                return []
            return self._strip_reads(gray, [grown], frame, again=True) or fit(gray, grown)

        def fix(gray: np.ndarray, v: View) -> list[Read]:  # better strips for all of them (strip_fix)
            located = [u for u, _e in self._unread_strips]
            return more(fixed_strips(gray, located, half=half_size(gray)), "fixed")

        def more(strips: list[View], step: str = "placed") -> list[Read]:  # those strips read next
            self._places += strips  # (the places below skip them)
            self._deep.insert([(step, s) for s in strips if self._barred(s)])
            return []

        def merged(gray: np.ndarray, v: View) -> list[Read]:  # the locator's boxes on one line (fragments)
            return more(more_strips(gray, self._bars.boxes, self._places))

        def zbar(gray: np.ndarray, v: View) -> list[Read]:  # zbar along the strip's rows, taller (strip_zbar)
            reads, view = self._strip_zbar.read(gray, v)
            if view is not None:
                self._strip_hit, self._hit_by = view, "zbar"
            return reads

        def fixed(gray: np.ndarray, v: View) -> list[Read]:  # one of those, read by the chain, fit, vote, zbar
            chain = self._strip_reads(gray, [resample(gray, v)], frame, again=True) or fit(gray, v)
            # then its projective strip (a foreshortened code: strip_fix finds its near half), if its bars
            # lean apart, queued next (in this step, not one of its own: a step's estimate would take a
            # turn from the next fixed strip)
            return chain or vote(gray, v) or zbar(gray, v) or smooth(gray, v) or persp(gray, v)

        def join(gray: np.ndarray, v: View) -> list[Read]:  # fragments on one line as one strip (a thumb)
            located = [resample(gray, u) for u, _e in self._unread_strips[:DEEP_STRIPS]]
            for one in joined_strips(gray, located):
                # the chain as sampled, then zxing stretched 2x across the bars (its first 2x sample,
                # ~0.5 ms; with the others and the fit, up to 18 ms: 22 of the tuning sets' 201 joined
                # strips read against 21)
                reads = self._strip_reads(gray, [one], frame, again=True, samples=False) or self._zxing(stretched(one))
                if reads:  # the next frames: the region of interest reads that strip by the whole chain
                    self._strip_hit = one
                    return reads
            return []

        def persp(gray: np.ndarray, v: View) -> list[Read]:  # along its perspective (strip_persp, ~1 ms)
            seen = projective(gray, resample(gray, v))
            if seen is not None and self._barred(seen):  # its reads next, a step of their own (2-18 ms)
                self._deep.insert([("seen", seen)])
            return []

        def seen(gray: np.ndarray, v: View) -> list[Read]:  # a projective strip, sampled again on its grid
            cur = resample(gray, v)
            chain = self._strip_reads(gray, [cur], frame, again=True, samples=False)
            return chain or vote(gray, cur) or fit(gray, cur)

        vote = by("vote")
        return [
            ("wide", lambda v, evidence: any(v is w for w in self._wide_owed), whole),
            ("merged", lambda v, evidence: v is self._deep_first, merged),
            ("vote", lambda v, evidence: evidence, vote),
            ("fit", lambda v, evidence: True, fit),
            ("zbar", lambda v, evidence: True, zbar),
            ("smooth", lambda v, evidence: True, smooth),
            ("longer", lambda v, evidence: True, longer),
            ("join", lambda v, evidence: v is self._deep_first and self._fragments(), join),
            ("refined", lambda v, evidence: self.still, again),  # the camera: read nothing on the tuning sets
            ("fix", lambda v, evidence: v is self._deep_first, fix),
            ("persp", lambda v, evidence: True, persp),  # also run by "fixed" on each of fix's strips
            ("fixed", lambda v, evidence: False, fixed),  # queued by "fix", for the strips it found
            ("placed", lambda v, evidence: False, fixed),  # queued by "merged" (its own cost estimate)
            ("seen", lambda v, evidence: False, seen),  # queued by "persp", its projective strip
        ]

    def _fragments(self) -> bool:
        """Two of the unread strips lie end to end on one line (the deep step "join")."""
        return on_one_line([v for v, _e in self._unread_strips[:DEEP_STRIPS]])

    def _deep_pass(self, gray: np.ndarray, frame: np.ndarray, budget_ms: float, scale: float = 1.0) -> list[Read]:
        steps = self._deep_steps(frame)
        if not self._deep.begun:
            strips = self._deep_strips()
            self._deep_first = strips[0][0] if strips else None
            self._deep.begin(strips, steps)
            self._places = [v for v, _e in self._unread_strips]  # the places the strips tried
        reads, _name = self._deep.run(gray, steps, budget_ms, scale)
        return reads

    def _ours(self, v: View, seen: list[bool] | None = None, how: str = "") -> list[Read]:
        """Our Code 128 reader on an upright strip: a coupon payload or nothing.  ``seen`` gets whether
        it saw a start pattern after a quiet zone; ``how``: "vote", symbols voted across bands instead
        (``code128_vote``), "fit": blurred symbol templates fitted on the module grid (``code128_fit``),
        "zbar": zbar along the rows of a view ``strip_zbar`` read (``StripZbar.scan``), "smooth": the
        strip blurred across its bars (``SMOOTH_PX``), read by our reader, zxing, the vote, the fit."""
        if "CODE128" not in self.symbologies:
            return []
        if how == "zbar":  # a strip zbar read (strip_zbar's view, sampled again)
            return self._strip_zbar.scan(v)
        if how == "smooth":  # blurred across its bars (moiré), then the chain at 1x, the vote, the fit
            soft = View(cv2.GaussianBlur(v.image, (0, 1), SMOOTH_PX), v.back)
            return (
                self._ours(soft)
                or self._zxing(soft, downscale=False)
                or self._zxing_levels(soft)
                or self._ours(soft, how="vote")
                or self._ours(soft, how="fit")
            )
        if how:
            got = read_voted(v.image) if how == "vote" else read_fitted(v.image)
        else:
            got, evidence = read_strip(v.image)
            if seen is not None:
                seen.append(evidence)
        if got is None or not is_coupon_payload(got[0]):
            return []
        h, w = v.image.shape
        return [(normalize_payload(got[0]), "CODE128", v.to_frame([(0, 0), (w, 0), (w, h), (0, h)]))]

    def _glance(self, frame: np.ndarray, half: Callable[[], View], kinds: str, seen: list[str]) -> list[Read]:
        """zxing's cheapest look at a whole frame, for one kind of code (~0.5 ms of 1280x720 against
        ~2.5 ms for the full pass): "linear" codes along every ``GLANCE_ROW_STEP``-th row at full width
        (a 1-D reader scans rows: full resolution across the bars is kept; only those rows are made
        gray), "matrix" codes on the half-size copy.  Symbols zxing finds but cannot decode go to
        ``seen``: evidence that the full pass is worth running now."""
        if kinds == "linear":
            rows = to_gray(frame[::GLANCE_ROW_STEP])
            view = View(rows, np.array([[1.0, 0, 0], [0, float(GLANCE_ROW_STEP), 0]]))
        else:
            view = half()
        return self._zxing(view, downscale=False, kinds=kinds, seen=seen)

    def _roi(self, gray: np.ndarray, frame: np.ndarray) -> list[Read]:
        """The region where the last code was read, widened (a 1-D code's outline is a thin line)."""
        if self._read_strip is not None and self.use_roi:  # the strip that read the code, its grid again
            again = resample(gray, self._read_strip)
            how = self._read_by  # a deep step's reader read it: that reader again
            reads = self._ours(again, how=how) if how else self._strip_reads(gray, [again], frame)
            if reads and how:  # (the strips chain sets its own strip)
                self._strip_hit, self._hit_by = again, how
            if reads:
                return reads
        v = self._track.region(gray, widen=2, pad=32, keep=False) if self.use_roi else None
        if v is None:
            return []
        reads = self._zxing(v, rotate=True, downscale=False)
        if not reads and self._track.symbology == "CODE128":
            angle = bar_angle(v.image)
            if angle is not None:
                a = np.radians(angle)
                c, s_ = abs(np.cos(a)), abs(np.sin(a))
                ch, cw = v.image.shape
                cx, cy = v.back[0, 2] + cw / 2, v.back[1, 2] + ch / 2
                reads = self._strip_reads(
                    gray, [strip(gray, cx, cy, angle, cw * c + ch * s_, 0.3 * min(cw, ch))], frame
                )
        return reads

    def _zbar_pass(self, frame: np.ndarray, left_ms: float) -> list[Read]:
        if self._zbar is None:
            return []
        if not self.still:  # a still's zbar keeps its own budget after its raw scan
            self._zbar.budget_ms = left_ms
        return [(h.text, h.symbology, h.polygon) for h in self._zbar.decode(frame)]

    # --- one frame

    def decode(self, frame: np.ndarray) -> list[Hit]:
        """Codes in ``frame`` (BGR or gray); with ``payload_only`` non-payload reads are dropped."""
        clock = self._clock
        start = clock()
        self.stats = DecodeStats()
        scale = self._scale = self.budget_scale(frame.shape)  # every ms figure below is 1280x720's
        budget_ms = self.budget_ms * scale
        self._strip_hit, self._hit_by = None, ""
        cache: dict[str, object] = {}

        def gray() -> np.ndarray:
            if "gray" not in cache:
                cache["gray"] = to_gray(frame)
            return cache["gray"]  # type: ignore[return-value]

        def half() -> View:
            if "half" not in cache:
                cache["half"] = half_size(gray())
            return cache["half"]  # type: ignore[return-value]

        def located() -> list[View]:
            if "located" not in cache:
                if thumb is not None and self._located is not None:  # a still scene: where it found them
                    cache["located"] = [resample(gray(), v) for v in self._located]
                else:
                    cache["located"] = self._bars.strips(gray(), half()) if "CODE128" in self.symbologies else []
                    self._located = cache["located"] if thumb is not None else None  # type: ignore[assignment]
            return cache["located"]  # type: ignore[return-value]

        def bars() -> bool:  # the gate: the locator found a 1-D code (remembered for a still scene)
            if thumb is None:
                return bool(located())
            if self._bars_seen is None:
                self._bars_seen = bool(located())
            return self._bars_seen

        def whole(**options: Any) -> list[Read]:
            return self._zxing(View(gray(), identity()), **options)

        def left_ms() -> float:
            return budget_ms - (clock() - start) * 1000

        self._left_ms = left_ms

        def qr_left_ms() -> float:  # the QR second look keeps a 1280x720 frame's budget: its steps cost
            # with the code's region, not the frame, and one over a small frame's share would never run
            # (``qr_rescue`` has no step owed over the budget)
            return self.budget_ms - (clock() - start) * 1000

        def qr_fixed() -> list[Read]:  # QR Codes on the frame at one threshold (qr_rescue.py)
            return self._qr.fixed(half(), outlines) if self._qr is not None else []

        turned = {"rotate": True, "invert": True}
        seen: list[str] = []  # symbols the glance found but could not decode
        outlines: list[tuple[tuple[int, int], ...]] = []  # QR Codes the whole-frame pass could not decode
        first: list[tuple[str, Callable[[], list[Read]]]] = [
            ("roi", lambda: self._roi(gray(), frame) if self._tracking() else []),
            ("glance", lambda: self._glance(frame, half, glance, seen) if idle and glance else []),
            ("zxing", lambda: whole(seen_at=outlines, **(turned if self.still else {})) or qr_fixed()),
            ("qr", lambda: [] if self._qr is None else self._qr.read(gray(), outlines, qr_left_ms(), half())),
        ]
        later: list[tuple[str, Callable[[], list[Read]]]] = [
            ("strips", lambda: self._strip_reads(gray(), located(), frame)),
            ("zxing_turned", lambda: [] if self.still else whole(**turned)),
            ("zbar", lambda: self._zbar_pass(gray(), left_ms())),
        ][: 3 if self._zbar is not None else 2]
        if self.still:  # every deep step on every unread strip, before zbar's passes
            later.insert(2, ("deep", lambda: self._deep_pass(gray(), frame, float("inf"))))
            self._drop_unread()
            self._deep.forget()
        else:  # on a still scene's turns, after the glance; or after the turn's last pass, budget left
            first.insert(2, ("deep", lambda: self._deep_pass(gray(), frame, min(DEEP_MS * scale, left_ms()), scale)))
        names = [n for n, _ in later]
        if self._resume in names:  # the fallbacks begin where the last frame's budget ran out
            k = names.index(self._resume)
            later = later[k:] + later[:k]
        if not self.still:
            later.append(first[2])
        hits: list[Hit] = []
        doubted: dict[str, str] = {}  # stills: Code 128 text outside the coupon grammar -> the pass that read it
        skipped: str | None = None
        turn = self._unread % self.idle_every
        idle = not self._tracking() and turn != 0
        thumb = None
        rest = False  # an idle frame of a still scene every pass was tried on: nothing to look at
        if idle and not self.still and self._busy(names):  # a located code left to read (``_busy``)
            thumb = scene_thumb(frame)
            idle = not same_scene(self._scene, thumb)
            thumb = None if idle else thumb
        elif idle and not self.still and self._done(names):  # every pass and deep step found nothing on the
            # scene: while it stays so (its thumbnail and its detail), only the turns' frames get a glance
            rest = same_scene(self._scene, scene_thumb(frame)) and same_scene(self._detail, scene_detail(frame))
        deep = False  # this turn's deep steps (a still scene every pass ran on, strips left unread)
        if not idle and not self._tracking() and not self.still:
            # a turn: the passes already tried on this very scene are not run
            thumb = scene_thumb(frame) if thumb is None else thumb
            if not same_scene(self._scene, thumb):
                self._scene, self._tried, self._bars_seen, self._qr_turns = thumb, set(), None, 0
                self._located, self._detail = None, scene_detail(frame)
                self._drop_unread()
                self._deep.forget()
            elif self._every_pass_tried(names):
                idle = True  # a glance instead; a turn's frame: the kinds in turn (a busy frame: as when idle)
                turn = turn or self._unread // self.idle_every
                self.stats.passes.append("still")
                deep = self._deep_left()
        kinds = [k for k in ("linear", "matrix") if self._zx is not None and self._zx.has(k)]
        glance = kinds[turn % len(kinds)] if kinds else None
        # the strips ran out of budget on the last turn (locating costs 2-9 ms after the whole-frame
        # pass): this turn (not an idle frame: its glance's evidence needs the whole-frame pass) they go
        # before the whole-frame pass, which then waits for what is left
        defer = self._resume == "strips" and not self.still and not idle
        if defer:  # the whole-frame pass and its QR second look
            k = [n for n, _ in first].index("zxing")
            later[1:1] = first[k:]
            del first[k:]
        tried = self._tried if thumb is not None else set()
        if rest:
            self.stats.passes.append("rest")
        for i, (name, make) in enumerate([] if rest else first + later):
            if name == "glance" and not (idle and glance):
                continue
            if name == "deep" and not self.still and i >= len(first):  # every pass has now run on the scene
                deep = thumb is not None and self._every_pass_tried(names) and self._deep_left()
            if name == "deep" and not self.still and not (deep and left_ms() >= DEEP_MIN_MS * scale):
                continue
            if name == "zxing" and idle and glance and not seen:
                self.stats.passes.append("idle")
                break  # an idle frame the glance saw nothing on: the full pass waits for its turn too
            if i == len(first) and idle:
                self.stats.passes.append("idle")
                break  # an idle counter: the fallbacks wait for the next frame of their turn
            if i == len(first) and outlines and not self.still and left_ms() < QR_THEN_MS * scale:
                self.stats.passes.append("qr_then")
                skipped = skipped or name  # the next turn begins with the fallbacks (``defer``)
                break  # the QR second look took the budget: no fallback fits (nor the gate's locating)
            if i == len(first) and not self.still and not (outlines or self._tracking() or defer or bars()):
                self.stats.passes.append("gate")
                tried.update(names)  # nothing code-like: the fallbacks have nothing to read
                break  # nothing code-like: a frame with no code stops here
            if name in tried and not (name == "zxing" and seen):  # the glance's evidence: the whole pass again
                continue
            if name == "qr" and (not outlines or idle):
                continue  # no QR Code found that zxing could not decode (an idle frame: wait for the turn)
            t0 = clock()
            elapsed = (t0 - start) * 1000
            estimate = {"zbar": ZBAR_MIN_MS * scale, "qr": QR_MIN_MS * scale}.get(name) or self._cost.get(name, 1.0)
            # the pass the last turn's budget skipped runs first this turn, even over budget (an estimate
            # over the whole budget would otherwise skip it on every turn while it ages)
            owed = name == self._resume and defer and elapsed < 0.5 * budget_ms
            if i >= len(first) and elapsed + estimate > budget_ms and not owed:
                self._cost[name] = self._cost.get(name, 1.0) * 0.97  # let a skipped pass's estimate age
                skipped = skipped or name
                continue
            reads = make()
            if thumb is not None and name not in ("roi", "glance", "deep"):
                tried.add(name)
                if name == "qr" and self._qr is not None and self._qr.pending and self._qr_turns < QR_TURNS:
                    self._qr_turns += 1  # its steps go on next turn, from the whole-frame pass's outlines
                    tried.difference_update(("zxing", "qr"))  # (a few turns: a step may never fit)
            cost = (clock() - t0) * 1000
            if name not in ("zbar", "qr"):  # these take what is left: their cost is the budget's, not their own
                old = self._cost.get(name)
                self._cost[name] = cost if old is None else 0.8 * old + 0.2 * min(cost, 2 * old)
            self.stats.passes.append(name)
            self.stats.trace.append((name, round((clock() - start) * 1000, 2)))
            for text, symbology, polygon in reads:
                if self.payload_only:
                    if not is_coupon_payload(text):
                        continue
                    text = normalize_payload(text)
                elif symbology == "CODE128" and not is_coupon_payload(text):
                    if doubted.setdefault(text, name) == name:
                        continue  # believed when another pass reads the same text
                if all(h.text != text for h in hits):
                    hits.append(Hit(text, symbology, polygon))
            hits = outermost(hits)  # a piece of a code read as another code: not a code of its own
            if hits:
                zbar_won = self._zbar.stats.winner if name == "zbar" and self._zbar is not None else None
                self.stats.winner = f"zbar:{zbar_won}" if zbar_won else name
                break
        if hits:
            self._scene = None
        self._resume = None if hits else skipped if not idle else self._resume
        self._unread = 0 if hits else self._unread + 1
        self._track.remember(frame.shape[:2], hits)
        if hits:
            self._read_strip, self._read_by = self._strip_hit, self._hit_by
        if self._track.rect is None:
            self._read_strip = None
        self.stats.ms = (clock() - start) * 1000
        return hits

    def _busy(self, names: list[str]) -> bool:
        """The last turn's scene has a located 1-D code left unread, with passes or deep steps to go: while
        it stays still, every frame is a turn (the fallbacks, then the deep steps), not every third."""
        if self._scene is None or not self._bars_seen:
            return False
        if "strips" in self._tried and max(self._unread_bars, default=0) < BUSY_BARS:  # QR finders, clutter
            return False
        return not self._every_pass_tried(names) or self._deep_left()

    def _done(self, names: list[str]) -> bool:
        """The last turn's scene had every pass and every deep step run on it, and nothing read."""
        return self._scene is not None and self._every_pass_tried(names) and not self._deep_left()

    def _every_pass_tried(self, names: list[str]) -> bool:
        """Every pass (the whole-frame one and the fallbacks ``names``) has run on this still scene."""
        return {"zxing", *names} <= self._tried

    def _deep_left(self) -> bool:
        """Strips the strips pass left unread whose deep steps have not all run."""
        if self._deep.begun:
            return self._deep.pending
        return bool(self._deep_strips())

    def _deep_strips(self) -> list[tuple[View, bool]]:
        """The unread strips the deep steps read (``DeepStrips.begin`` takes the first ``DEEP_STRIPS``): a
        still's, all; the camera's, of the first ``DEEP_STRIPS``, those with a Code 128's bars (``DEEP_BARS``;
        not a scene's text, keys, QR finders), or fragments end to end with those bars together."""
        if self.still:
            return self._unread_strips
        first = list(zip(self._unread_strips[:DEEP_STRIPS], self._unread_bars, strict=False))
        kept = [strip for strip, bars in first if bars >= DEEP_BARS]
        if not kept and self._fragments() and sum(bars for _s, bars in first) >= DEEP_BARS:
            kept = [strip for strip, _bars in first]  # a code a thumb split: fragments end to end ("join")
        return kept

    def _barred(self, v: View) -> bool:
        """A strip a deep step found (``strip_fix``'s, ``strip_persp``'s) is worth its reads: a still's,
        always; the camera's, with a Code 128's bars (``DEEP_BARS``: on the tuning sets every such strip
        that read had 28 or more, an empty scene's decoys' ~40 % had fewer than 14)."""
        return self.still or code_bars(v.image) >= DEEP_BARS

    def _drop_unread(self) -> None:
        self._unread_strips, self._unread_bars, self._wide_owed = [], [], []

    def _tracking(self) -> bool:
        return self.use_roi and self._track.rect is not None


def still_decoder(symbologies: tuple[str, ...] = DEFAULT_SYMBOLOGIES, zbar_ms: float = STILL_ZBAR_MS) -> Decoder:
    """A decoder for stills (the ``decode`` command): every code, payload or not, every pass.  Reuse it
    across images (OpenCV's locator and zbar's scanners are built once)."""
    return Decoder(symbologies, use_roi=False, payload_only=False, still=True, still_zbar_ms=zbar_ms)


def decode_image(image: np.ndarray, symbologies: tuple[str, ...] = DEFAULT_SYMBOLOGIES) -> list[Hit]:
    """Every code in a still image, payload or not."""
    return still_decoder(symbologies).decode(image)
