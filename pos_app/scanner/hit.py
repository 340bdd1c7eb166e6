"""What a decoder reports: a code found in a frame (``Hit``) and what the last call did (``DecodeStats``)."""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

Point = tuple[int, int]


@dataclass(frozen=True)
class Hit:
    """One code found in a frame: its text, symbology and outline in frame pixel coordinates."""

    text: str
    symbology: str
    polygon: tuple[Point, ...]
    reads: int = 1  # independent reads of this text in the frame (scan bands, views of other kinds)

    @property
    def rect(self) -> tuple[int, int, int, int]:
        """Bounding box (x, y, width, height)."""
        xs = [p[0] for p in self.polygon]
        ys = [p[1] for p in self.polygon]
        return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def outermost(hits: list[Hit]) -> list[Hit]:
    """``hits`` less any whose outline's centre lies inside another, larger hit's outline: a piece of
    that code read as a code of its own (zxing read "25" from a few of a glared QR Code's modules,
    set B:233 #81; a QR Code printed inside another's modules, zxing's photo qrcode-2 #75).  A coupon is
    one code; two codes side by side (WeChat's barcode above its QR Code) are both kept."""
    outlines = [np.array(h.polygon, np.float32).reshape(-1, 2) for h in hits]
    areas = [float(cv2.contourArea(o)) if len(o) >= 3 else 0.0 for o in outlines]
    kept = []
    for h, outline, area in zip(hits, outlines, areas, strict=True):
        centre = tuple(float(c) for c in outline.mean(axis=0)) if len(outline) else None
        if centre is None or not any(
            other is not outline and big > area and cv2.pointPolygonTest(other, centre, False) > 0
            for other, big in zip(outlines, areas, strict=True)
        ):
            kept.append(h)
    return kept


@dataclass
class DecodeStats:
    """What the last call did, for the benchmark and for logs."""

    passes: list[str] = field(default_factory=list)
    winner: str | None = None
    ms: float = 0.0
    trace: list[tuple[str, float]] = field(default_factory=list)  # (pass, ms since the frame began)
