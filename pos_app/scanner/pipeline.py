"""Frames in, scans out: decode each frame, keep coupon payloads, debounce on the frame clock.

``ScanPipeline.feed(frame, index, t)`` returns the ``Scan`` events of that frame; ``hits`` keeps what
the frame showed (for the preview's box, reported or not).  ``iter_video_frames`` reads a video file with
its own clock, which is how the camera path is tested headless (``pos-app scan --source FILE``).

zbar is a system library (Debian ``libzbar0``, Homebrew ``zbar``, inside pyzbar's Windows wheels); when it
cannot be loaded ``zbar_problem()`` returns the message to show and camera scanning stays off, while typed
and USB-scanner input keep working.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.scanner.debounce import Debouncer
from pos_app.scanner.decode import DEFAULT_BUDGET_MS, DEFAULT_SYMBOLOGIES, Decoder, Hit, ZbarMissing, load_zbar

# zbar symbologies a user may add to the default QR Code + Code 128 (names as pyzbar spells them)
KNOWN_SYMBOLOGIES = ("QRCODE", "CODE128", "EAN13", "EAN8", "UPCA", "UPCE", "CODE39", "CODE93", "I25", "PDF417")

ZBAR_MISSING_MESSAGE = QT_TRANSLATE_NOOP(
    "Scanner",
    "Camera scanning is off: the zbar library is missing. Install it with "
    "'sudo apt-get install libzbar0' (Debian/Ubuntu) or 'brew install zbar' (macOS); on Windows, "
    "reinstall pos-app. Typed and USB-scanner codes still work.",
)


def zbar_problem() -> str | None:
    """None when zbar loads, else the (untranslated) message that names the fix."""
    try:
        load_zbar()
    except ZbarMissing:
        return ZBAR_MISSING_MESSAGE
    return None


@dataclass(frozen=True)
class Scan:
    """A code reported by the pipeline: ``frame`` index and ``t`` seconds on the source's clock."""

    code: str
    symbology: str
    frame: int
    t: float
    polygon: tuple[tuple[int, int], ...]

    @property
    def rect(self) -> tuple[int, int, int, int]:
        return Hit(self.code, self.symbology, self.polygon).rect if self.polygon else (0, 0, 0, 0)

    def as_json(self) -> dict[str, object]:
        return {"code": self.code, "symbology": self.symbology, "frame": self.frame, "t": round(self.t, 3)}


AGREE_S = 0.5  # a code is reported once two frames this close together read the same text


class Agreement:
    """Two independent reads must agree before a code is reported: the same text read in two frames
    at most ``agree_s`` seconds apart (two exposures, two decodes; a misread of blurred bars does not
    repeat itself frame after frame).  Costs one frame of latency (33 ms at 30 fps)."""

    def __init__(self, agree_s: float = AGREE_S) -> None:
        self.agree_s = agree_s
        self._last: dict[str, tuple[float, int]] = {}

    def reset(self) -> None:
        self._last.clear()

    def confirmed(self, texts: list[str], t: float, index: int) -> list[str]:
        """The texts of this frame that an earlier frame (within ``agree_s``) also read."""
        out = []
        for text in texts:
            prev = self._last.get(text)
            if prev is not None and prev[1] != index and 0 <= t - prev[0] <= self.agree_s:
                out.append(text)
            self._last[text] = (t, index)
        for text in [x for x, (last, _i) in self._last.items() if not 0 <= t - last <= self.agree_s]:
            del self._last[text]
        return out


class ScanPipeline:
    def __init__(
        self,
        symbologies: tuple[str, ...] = DEFAULT_SYMBOLOGIES,
        window_s: float = 3.0,
        budget_ms: float = DEFAULT_BUDGET_MS,
        agree_s: float = AGREE_S,
    ) -> None:
        self.decoder = Decoder(symbologies, budget_ms=budget_ms)
        self.debouncer = Debouncer(window_s)
        self.agreement = Agreement(agree_s)
        self.hits: list[Hit] = []

    def reset(self) -> None:
        """A new source: forget the region of interest and the codes seen."""
        self.decoder.forget()
        self.debouncer.reset()
        self.agreement.reset()
        self.hits = []

    def feed(self, frame: np.ndarray, index: int, t: float) -> list[Scan]:
        """Scans to report for this frame: codes read here and in an earlier frame (``Agreement``),
        once per appearance (``Debouncer``).  ``hits`` keeps every read of this frame for the preview."""
        self.hits = self.decoder.decode(frame)
        agreed = self.agreement.confirmed([h.text for h in self.hits], t, index)
        fresh = self.debouncer.seen(agreed, t)
        by_text = {h.text: h for h in self.hits}
        return [Scan(c, by_text[c].symbology, index, t, by_text[c].polygon) for c in fresh]


class VideoUnreadable(OSError):
    pass


def iter_video_frames(path: str, seconds: float | None = None) -> Iterator[tuple[int, float, np.ndarray]]:
    """(index, t, frame) for every frame of a video file; t from the file's clock (index / fps)."""
    import cv2

    cap = cv2.VideoCapture(path)
    if not cap.isOpened():
        raise VideoUnreadable(path)
    try:
        fps = cap.get(cv2.CAP_PROP_FPS) or 0.0
        index = 0
        while True:
            ok, frame = cap.read()
            if not ok:
                if index == 0:
                    raise VideoUnreadable(path)
                return
            t = index / fps if fps > 0 else cap.get(cv2.CAP_PROP_POS_MSEC) / 1000.0
            if seconds is not None and t >= seconds:
                return
            yield index, t, frame
            index += 1
    finally:
        cap.release()
