"""The deep step "smooth" (``decode.SMOOTH_PX``): a Code 128 under a screen's moiré, read once its strip is
blurred across the bars, on a real crop of a set B tuning frame (B:14 #58)."""

from pathlib import Path

import numpy as np

from pos_app.scanner.decode import Decoder, still_decoder
from tests.scanner_fixtures import crop_on_frame, held

CROP = Path(__file__).parent / "fixtures" / "scan" / "c128_moire_smooth_B14_58.png"
CODE = "3623070249235216217"


def _frame() -> np.ndarray:
    """The crop pasted where it was (rows 300-480, columns 120-700) on a frame of its median colour."""
    return crop_on_frame(CROP, 120, 300)


def _without_smooth(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ours = Decoder._ours
    monkeypatch.setattr(
        Decoder, "_ours", lambda self, v, seen=None, how="": [] if how == "smooth" else ours(self, v, seen, how)
    )


def test_a_code_under_moire_is_read_blurred_across_its_bars_and_kept() -> None:
    """The camera path reads it by the deep step "smooth" and the next frames read it again the same way
    (two frames must agree); a still reads it too."""
    frame = _frame()
    decoder = Decoder(budget_ms=1000)  # (not the real budget: a slow machine would take more frames)
    texts, winner, _n = held(decoder, frame)
    assert (texts, winner, decoder._read_by) == ([CODE], "deep", "smooth")
    for _ in range(3):
        assert [h.text for h in decoder.decode(frame)] == [CODE]
        assert decoder.stats.winner == "roi"
    assert [h.text for h in still_decoder().decode(frame)] == [CODE]


def test_without_the_blur_no_reader_reads_it(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _without_smooth(monkeypatch)
    frame = _frame()
    assert held(Decoder(budget_ms=1000), frame)[0] == []
    assert [h.text for h in still_decoder().decode(frame)] == []


def test_under_synthetic_moire_the_blur_reads_the_code_or_nothing() -> None:
    """Drawn codes (12-20 characters, 1.2-3.5 px a module) under fine stripes (a period of 0.8-2 px,
    tilted, up to 70 levels): "smooth" reports the code's own text or nothing, never another, and reads
    more of them than our reader on the strip as it is."""
    import string

    from pos_app.scanner.views import View
    from tests.test_scanner_code128 import _bars, _strip

    decoder = Decoder()
    rng = np.random.default_rng(0)
    smooth = plain = 0
    for _ in range(60):
        alphabet = string.digits if rng.random() < 0.5 else string.ascii_uppercase + string.digits
        text = "".join(rng.choice(list(alphabet), int(rng.integers(12, 21))))
        if [t for t, _s, _p in decoder._ours(View(_strip(_bars(text), 4.0), np.eye(2, 3)))] != [text]:
            continue  # (the test's encoder draws a leading "99" in code set C as its switch symbol)
        pitch = float(rng.uniform(1.2, 3.5))
        img = _strip(_bars(text), pitch, blur=float(rng.uniform(0, 0.5)), noise=float(rng.uniform(0, 12)))
        h, w = img.shape
        period, tilt, amp = float(rng.uniform(0.8, 2.0)), float(rng.uniform(-0.3, 0.3)), float(rng.uniform(0, 70))
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        stripes = amp * np.sin(2 * np.pi * (xx + tilt * yy) / period)
        view = View(np.clip(img.astype(np.float32) + stripes, 0, 255).astype(np.uint8), np.eye(2, 3))
        got = [t for t, _s, _p in decoder._ours(view, how="smooth")]
        assert got in ([], [text]), (text, got)
        smooth += got == [text]
        plain += [t for t, _s, _p in decoder._ours(view)] == [text]
    assert smooth > plain + 5, (smooth, plain)
