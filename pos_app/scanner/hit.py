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


@dataclass
class DecodeStats:
    """What the last call did, for the benchmark and for logs."""

    passes: list[str] = field(default_factory=list)
    winner: str | None = None
    ms: float = 0.0
    trace: list[tuple[str, float]] = field(default_factory=list)  # (pass, ms since the frame began)
