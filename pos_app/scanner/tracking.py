"""Where the last code was read: a held code stays where it was, so its region is decoded first."""

from __future__ import annotations

import numpy as np

from pos_app.scanner.hit import Hit
from pos_app.scanner.views import View, crop


class Tracker:
    """The last hit's box, kept for ``frames`` frames after it was last read."""

    def __init__(self, frames: int = 5) -> None:
        self.frames = frames
        self.rect: tuple[int, int, int, int] | None = None
        self.symbology: str | None = None
        self._shape: tuple[int, ...] | None = None
        self._misses = 0

    def forget(self) -> None:
        self.rect = None

    def remember(self, shape: tuple[int, ...], hits: list[Hit]) -> None:
        self._shape = shape
        if hits and hits[0].polygon:
            self.rect = hits[0].rect
            self.symbology = hits[0].symbology
            self._misses = 0
        else:
            self._misses += 1
            if self._misses > self.frames:
                self.rect = None

    def region(self, gray: np.ndarray, widen: int, pad: int, keep: bool) -> View | None:
        """The box in ``gray`` with margins: a 1-D code's outline is a thin line through it, so its short
        side is widened towards 1/``widen`` of its long side (``keep``: plus a quarter of itself), plus
        ``pad`` px; None when nothing is tracked or the region is half the frame or more."""
        if self.rect is None or self._shape != gray.shape:
            return None
        x, y, w, h = self.rect
        long_ = max(w, h)
        mx = max(w // 4, (long_ // widen - w) // 2 + (w // 4 if keep else 0)) + pad
        my = max(h // 4, (long_ // widen - h) // 2 + (h // 4 if keep else 0)) + pad
        x0, y0 = max(x - mx, 0), max(y - my, 0)
        x1, y1 = min(x + w + mx, gray.shape[1]), min(y + h + my, gray.shape[0])
        if (x1 - x0) * (y1 - y0) > gray.size // 2:
            return None  # as big as the frame: a whole-frame pass is as cheap
        return crop(gray, x0, y0, x1, y1)
