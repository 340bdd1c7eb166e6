"""What a decoder reports: a code found in a frame (``Hit``) and what the last call did (``DecodeStats``)."""

from __future__ import annotations

from dataclasses import dataclass, field

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


def _area(poly: tuple[Point, ...]) -> float:
    """The polygon's area (shoelace formula; 0 for a line or a point)."""
    pts = list(poly)
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True))) / 2


def _inside(point: tuple[float, float], poly: tuple[Point, ...]) -> bool:
    """Whether ``point`` lies inside the polygon (ray casting)."""
    x, y = point
    inside = False
    pts = list(poly)
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def outermost(hits: list[Hit]) -> list[Hit]:
    """``hits`` less any whose outline's centre lies inside another, larger hit's outline: a piece of
    that code read as a code of its own (zxing read "25" from a few of a glared QR Code's modules,
    set B:233 #81; a QR Code printed inside another's modules, zxing's photo qrcode-2 #75).  A coupon is
    one code; two codes side by side (WeChat's barcode above its QR Code) are both kept."""
    kept = []
    for h in hits:
        centre = (
            sum(p[0] for p in h.polygon) / max(len(h.polygon), 1),
            sum(p[1] for p in h.polygon) / max(len(h.polygon), 1),
        )
        area = _area(h.polygon)
        if not any(o is not h and _area(o.polygon) > area and _inside(centre, o.polygon) for o in hits):
            kept.append(h)
    return kept


@dataclass
class DecodeStats:
    """What the last call did, for the benchmark and for logs."""

    passes: list[str] = field(default_factory=list)
    winner: str | None = None
    ms: float = 0.0
    trace: list[tuple[str, float]] = field(default_factory=list)  # (pass, ms since the frame began)
