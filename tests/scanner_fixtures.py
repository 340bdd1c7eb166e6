"""Images and videos for the scanner tests, drawn by the benchmark's generator (benchmarks/scan_frames.py)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ZXING = ROOT.parent / "shared" / "scan-samples" / "zxing-blackbox"
if str(ROOT / "benchmarks") not in sys.path:
    sys.path.insert(0, str(ROOT / "benchmarks"))

import numpy as np  # noqa: E402
from scan_frames import code_on_phone, make_frame, render_code, write_video  # noqa: E402

__all__ = [
    "ROOT",
    "ZXING",
    "code_on_phone",
    "code_on_plain_frame",
    "crop_on_frame",
    "make_frame",
    "render_code",
    "scene_video",
    "write_video",
]


def crop_on_frame(path: Path, x: int, y: int, size: tuple[int, int] = (720, 1280)) -> np.ndarray:
    """A crop of a benchmark frame (a fixture) pasted where it was, at (``x``, ``y``), on a frame of
    ``size`` (rows, columns) filled with the crop's median colour."""
    import cv2

    crop = cv2.imread(str(path))
    frame = np.empty((*size, 3), np.uint8)
    frame[:] = np.median(crop.reshape(-1, 3), axis=0).astype(np.uint8)
    frame[y : y + crop.shape[0], x : x + crop.shape[1]] = crop
    return frame


def code_on_plain_frame(
    text: str, symbology: str, pitch: float, background: int, at: tuple[int, int] = (500, 300)
) -> np.ndarray:
    """A 1280x720 gray frame of ``background`` with a little noise, the code at ``pitch`` frame pixels
    per module pasted with its top-left corner at ``at``."""
    import cv2

    code = render_code(text, symbology, 8)
    small = cv2.resize(code, None, fx=pitch / 8, fy=pitch / 8, interpolation=cv2.INTER_AREA)
    rng = np.random.default_rng(1)
    frame = np.clip(background + rng.normal(0, 3, (720, 1280)), 0, 255).astype(np.uint8)
    h, w = small.shape
    x, y = at
    frame[y : y + h, x : x + w] = small
    return frame


def scene_video(path: Path, timeline: list[tuple[float, str | None]], fps: float = 10.0) -> Path:
    """A video whose code changes along ``timeline``: [(seconds, code or None), ...] segments.

    Each segment shows that code (QR for digits-only codes, Code 128 otherwise) on a phone that drifts a
    little from frame to frame, or the empty counter for None.
    """
    frames = []
    drawn: dict[tuple[str, int, int], np.ndarray] = {}
    for seg, (seconds, code) in enumerate(timeline):
        for i in range(round(seconds * fps)):
            if code is None:
                frames.append(np.full((480, 640, 3), 90 + (i % 5), np.uint8))
                continue
            symbology = "QRCODE" if code.isdigit() else "CODE128"
            key = (code, seg % 3, i % 7)
            if key not in drawn:  # a handful of poses per segment is enough movement, and quick to draw
                drawn[key] = code_on_phone(code, symbology, (640, 480), seed=seg % 3, angle=(i % 7) - 3)
            frames.append(drawn[key])
    write_video(str(path), frames, fps)
    return path


def zxing_cases(folder: str) -> list[tuple[Path, str]]:
    """(image, expected text) for one zxing black-box folder.

    Texts are read as bytes (some hold CR LF, which text mode would change).  Images whose text holds
    "ó"/"ñ" are left out: ZXing writes Code 128 function characters (FNC1..4) that way, zbar does not.
    """
    out = []
    for img in sorted((ZXING / folder).glob("*.png")) + sorted((ZXING / folder).glob("*.jpg")):
        text = img.with_suffix(".txt").read_bytes().decode("utf-8")
        if folder.startswith("code128") and ("ó" in text or "ñ" in text):
            continue
        out.append((img, text))
    return out


def held(decoder, frame, frames: int = 8) -> tuple[list[str], str | None, int]:  # type: ignore[no-untyped-def]
    """A code held still in front of the camera path: ``frame`` decoded up to ``frames`` times; the texts
    of the first frame that reads, the pass that read them, and that frame's number (1-based)."""
    for n in range(1, frames + 1):
        hits = decoder.decode(frame)
        if hits:
            return [h.text for h in hits], decoder.stats.winner, n
    return [], None, frames
