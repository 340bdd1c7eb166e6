"""The deep step "smooth" (``decode.SMOOTH_PX``): a Code 128 under a screen's moiré, read once its strip is
blurred across the bars, on a real crop of a set B tuning frame (B:14 #58)."""

from pathlib import Path

import cv2
import numpy as np

from pos_app.scanner.decode import Decoder, still_decoder
from tests.scanner_fixtures import held

CROP = Path(__file__).parent / "fixtures" / "scan" / "c128_moire_smooth_B14_58.png"
CODE = "3623070249235216217"


def _frame() -> np.ndarray:
    """The crop pasted where it was (rows 300-480, columns 120-700) on a frame of its median colour."""
    crop = cv2.imread(str(CROP))
    frame = np.empty((720, 1280, 3), np.uint8)
    frame[:] = np.median(crop.reshape(-1, 3), axis=0).astype(np.uint8)
    frame[300:480, 120:700] = crop
    return frame


def _without_smooth(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ours = Decoder._ours
    monkeypatch.setattr(
        Decoder, "_ours", lambda self, v, seen=None, how="": [] if how == "smooth" else ours(self, v, seen, how)
    )


def test_a_code_under_moire_is_read_blurred_across_its_bars_and_kept() -> None:
    """The camera path at its own budget reads it by the deep step "smooth" and the next frames read it
    again the same way (two frames must agree); a still reads it too."""
    frame = _frame()
    decoder = Decoder()
    texts, winner, n = held(decoder, frame)
    assert (texts, winner, decoder._read_by) == ([CODE], "deep", "smooth") and n <= 6
    for _ in range(3):
        assert [h.text for h in decoder.decode(frame)] == [CODE]
        assert decoder.stats.winner == "roi"
    assert [h.text for h in still_decoder().decode(frame)] == [CODE]


def test_without_the_blur_no_reader_reads_it(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _without_smooth(monkeypatch)
    frame = _frame()
    assert held(Decoder(budget_ms=1000), frame)[0] == []
    assert [h.text for h in still_decoder().decode(frame)] == []


def test_the_blur_reads_nothing_on_a_strip_of_text_or_stripes() -> None:
    """Blurred, a strip of regular stripes or of random bars is no Code 128: nothing is reported."""
    from pos_app.scanner.views import View

    decoder = Decoder()
    rng = np.random.default_rng(5)
    for _ in range(20):
        img = np.full((40, 600), 230, np.uint8)
        x = 30
        while x < 560:
            w = int(rng.integers(2, 12))
            img[:, x : x + w] = 30
            x += w + int(rng.integers(2, 12))
        assert decoder._ours(View(img, np.eye(2, 3)), how="smooth") == []
