"""Find coupon codes in one camera frame: zbar restricted to QR Code and Code 128, on grayscale, fast.

A frame is tried in passes, cheapest first, and the first pass that yields a coupon payload wins.  The
order and the passes were chosen by measurement on ``benchmarks/scan_bench.py`` (see docs/scanning.md):

1. a region of interest around the last hit, full resolution (a held code stays where it was);
2. the whole frame downscaled by 2 (codes on phone screens are large; zbar's time grows with pixels);
3. later passes under a time budget: full resolution, contrast equalisation, binarisation, and rotation by
   45 degrees (zbar reads 1-D codes only along its horizontal and vertical scan lines).

zbar is driven through pyzbar's ctypes bindings with one long-lived scanner per ``Decoder`` (pyzbar's
``decode`` builds one per call and cannot set the scan density).  A ``Decoder`` is not thread-safe: use
one per thread.
"""

from __future__ import annotations

import time
from ctypes import c_void_p, cast, string_at
from dataclasses import dataclass, field

import cv2
import numpy as np

from pos_app.scanner.payload import looks_like_coupon_payload, normalize_payload

DEFAULT_SYMBOLOGIES = ("QRCODE", "CODE128")
_GRAY_FOURCC = 808466521  # zbar's 'Y800': 8-bit grayscale

Point = tuple[int, int]


class ZbarMissing(RuntimeError):
    """The zbar shared library cannot be loaded: camera and image decoding are unavailable."""


@dataclass(frozen=True)
class Hit:
    """One code found in a frame: its text, symbology and outline in frame pixel coordinates."""

    text: str
    symbology: str
    polygon: tuple[Point, ...]

    @property
    def rect(self) -> tuple[int, int, int, int]:
        """Bounding box (x, y, width, height)."""
        xs = [p[0] for p in self.polygon]
        ys = [p[1] for p in self.polygon]
        return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def load_zbar():  # type: ignore[no-untyped-def]
    """pyzbar's bindings, or ZbarMissing (pyzbar raises ImportError, ctypes OSError) when zbar is absent."""
    try:
        from pyzbar import wrapper
    except (ImportError, OSError) as exc:
        raise ZbarMissing(str(exc)) from exc
    return wrapper


class _Scanner:
    """A long-lived zbar image scanner for a fixed set of symbologies."""

    def __init__(self, symbologies: tuple[str, ...], density: int = 1) -> None:
        w = load_zbar()
        self._w = w
        self._scanner = w.zbar_image_scanner_create()
        if not self._scanner:
            raise ZbarMissing("zbar_image_scanner_create failed")
        cfg = w.ZBarConfig
        # symbol 0 addresses every symbology: disable all, enable ours
        w.zbar_image_scanner_set_config(self._scanner, 0, cfg.CFG_ENABLE, 0)
        for name in symbologies:
            w.zbar_image_scanner_set_config(self._scanner, w.ZBarSymbol[name], cfg.CFG_ENABLE, 1)
        w.zbar_image_scanner_set_config(self._scanner, 0, cfg.CFG_X_DENSITY, density)
        w.zbar_image_scanner_set_config(self._scanner, 0, cfg.CFG_Y_DENSITY, density)

    def __del__(self) -> None:
        scanner = getattr(self, "_scanner", None)
        if scanner:
            self._w.zbar_image_scanner_destroy(scanner)

    def scan(self, gray: np.ndarray) -> list[tuple[bytes, str, list[tuple[float, float]]]]:
        w = self._w
        gray = np.ascontiguousarray(gray, dtype=np.uint8)
        h, wd = gray.shape[:2]
        pixels = gray.tobytes()
        image = w.zbar_image_create()
        out: list[tuple[bytes, str, list[tuple[float, float]]]] = []
        try:
            w.zbar_image_set_format(image, _GRAY_FOURCC)
            w.zbar_image_set_size(image, wd, h)
            w.zbar_image_set_data(image, cast(pixels, c_void_p), len(pixels), None)
            if w.zbar_scan_image(self._scanner, image) <= 0:
                return out
            sym = w.zbar_image_first_symbol(image)
            while sym:
                data = string_at(w.zbar_symbol_get_data(sym), w.zbar_symbol_get_data_length(sym))
                try:
                    name = w.ZBarSymbol(sym.contents.type).name
                except ValueError:
                    name = str(sym.contents.type)
                n = w.zbar_symbol_get_loc_size(sym)
                pts = [
                    (float(w.zbar_symbol_get_loc_x(sym, i)), float(w.zbar_symbol_get_loc_y(sym, i))) for i in range(n)
                ]
                out.append((data, name, pts))
                sym = w.zbar_symbol_next(sym)
        finally:
            w.zbar_image_destroy(image)
        return out


def to_gray(frame: np.ndarray) -> np.ndarray:
    if frame.ndim == 2:
        return frame
    if frame.shape[2] == 4:
        return cv2.cvtColor(frame, cv2.COLOR_BGRA2GRAY)
    return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)


def _text(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


@dataclass
class _View:
    """An image handed to zbar and the affine map from its pixels back to the frame's."""

    image: np.ndarray
    back: np.ndarray  # 2x3

    def to_frame(self, pts: list[tuple[float, float]]) -> tuple[Point, ...]:
        if not pts:
            return ()
        p = np.asarray(pts, np.float64)
        q = p @ self.back[:, :2].T + self.back[:, 2]
        return tuple((round(x), round(y)) for x, y in q)


def _identity() -> np.ndarray:
    return np.array([[1.0, 0, 0], [0, 1.0, 0]])


@dataclass
class DecodeStats:
    """What the last call did, for the benchmark and for logs."""

    passes: list[str] = field(default_factory=list)
    winner: str | None = None
    ms: float = 0.0


class Decoder:
    """Decode coupon codes in frames.  ``budget_ms``: stop starting fallback passes after this long."""

    def __init__(
        self,
        symbologies: tuple[str, ...] = DEFAULT_SYMBOLOGIES,
        budget_ms: float = 25.0,
        use_roi: bool = True,
        payload_only: bool = True,
    ) -> None:
        self.symbologies = tuple(symbologies)
        self.payload_only = payload_only
        self.budget_ms = budget_ms
        self.use_roi = use_roi
        self._scanner = _Scanner(self.symbologies)
        self._last_rect: tuple[int, int, int, int] | None = None
        self._last_shape: tuple[int, ...] | None = None
        self.stats = DecodeStats()
        self._clahe = cv2.createCLAHE(clipLimit=3.0, tileGridSize=(8, 8))

    def forget(self) -> None:
        """Drop the region of interest (a new camera, a new video)."""
        self._last_rect = None

    # --- passes: each returns the views to scan; views are built lazily so skipped passes cost nothing

    def _roi(self, gray: np.ndarray) -> list[_View]:
        if not self.use_roi or self._last_rect is None or self._last_shape != gray.shape:
            return []
        x, y, w, h = self._last_rect
        m = max(w, h) // 2 + 24
        x0, y0 = max(x - m, 0), max(y - m, 0)
        x1, y1 = min(x + w + m, gray.shape[1]), min(y + h + m, gray.shape[0])
        if (x1 - x0) * (y1 - y0) > gray.size // 2:
            return []
        crop = gray[y0:y1, x0:x1]
        back = np.array([[1.0, 0, x0], [0, 1.0, y0]])
        return [_View(crop, back)]

    @staticmethod
    def _half(gray: np.ndarray) -> _View:
        small = cv2.resize(gray, (gray.shape[1] // 2, gray.shape[0] // 2), interpolation=cv2.INTER_AREA)
        return _View(small, np.array([[2.0, 0, 0.5], [0, 2.0, 0.5]]))

    def _passes(self, gray: np.ndarray) -> list[tuple[str, object]]:
        """(name, thunk returning views) in order; the first pass is always run."""
        cache: dict[str, _View] = {}

        def half() -> _View:
            if "half" not in cache:
                cache["half"] = self._half(gray)
            return cache["half"]

        def full() -> list[_View]:
            return [_View(gray, _identity())]

        def clahe_half() -> list[_View]:
            v = half()
            return [_View(self._clahe.apply(v.image), v.back)]

        def binarize_half() -> list[_View]:
            v = half()
            blur = cv2.GaussianBlur(v.image, (0, 0), 1.0)
            th = cv2.adaptiveThreshold(blur, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 31, 5)
            return [_View(th, v.back)]

        def rotate_half() -> list[_View]:
            v = half()
            h, w = v.image.shape
            views = []
            for angle in (45.0, -45.0):
                mat = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
                cos, sin = abs(mat[0, 0]), abs(mat[0, 1])
                nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
                mat[0, 2] += nw / 2 - w / 2
                mat[1, 2] += nh / 2 - h / 2
                img = cv2.warpAffine(v.image, mat, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=255)
                inv = cv2.invertAffineTransform(mat)
                back = v.back[:, :2] @ inv
                back = np.hstack([back[:, :2], (v.back[:, :2] @ inv[:, 2:] + v.back[:, 2:])])
                views.append(_View(img, back))
            return views

        return [
            ("roi", lambda: self._roi(gray)),
            ("half", lambda: [half()]),
            ("full", full),
            ("clahe", clahe_half),
            ("binarize", binarize_half),
            ("rotate45", rotate_half),
        ]

    def decode(self, frame: np.ndarray) -> list[Hit]:
        """Codes in ``frame`` (BGR or gray); with ``payload_only`` non-payload reads are dropped."""
        start = time.perf_counter()
        gray = to_gray(frame)
        self.stats = DecodeStats()
        hits: list[Hit] = []
        for name, make_views in self._passes(gray):
            elapsed = (time.perf_counter() - start) * 1000
            if self.stats.passes and name != "half" and elapsed > self.budget_ms:
                break
            views = make_views()  # type: ignore[operator]
            if not views:
                continue
            self.stats.passes.append(name)
            for view in views:
                for data, symbology, pts in self._scanner.scan(view.image):
                    text = _text(data)
                    if text is None:
                        continue
                    if self.payload_only:
                        if not looks_like_coupon_payload(text):
                            continue
                        text = normalize_payload(text)
                    hit = Hit(text, symbology, view.to_frame(pts))
                    if all(h.text != hit.text for h in hits):
                        hits.append(hit)
            if hits:
                self.stats.winner = name
                break
        self._last_shape = gray.shape
        if hits and hits[0].polygon:
            self._last_rect = hits[0].rect
        elif not hits:
            self._last_rect = None
        self.stats.ms = (time.perf_counter() - start) * 1000
        return hits


def decode_image(image: np.ndarray, symbologies: tuple[str, ...] = DEFAULT_SYMBOLOGIES) -> list[Hit]:
    """Every code in a still image, payload or not, all passes allowed (the ``decode`` command)."""
    return Decoder(symbologies, budget_ms=float("inf"), use_roi=False, payload_only=False).decode(image)
