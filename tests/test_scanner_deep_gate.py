"""Which strips get the camera path's deep steps (``decode.DEEP_BARS``): a code a thumb splits into two
short fragments on one line still does (its fragments are joined), though neither has a Code 128's bars."""

from pathlib import Path

import cv2

from pos_app.scanner.decode import DEEP_BARS, Decoder
from pos_app.scanner.views import dark_bars, half_size, to_gray

CROP = Path(__file__).parent / "fixtures" / "scan" / "c128_thumb_fragments_12_digits.png"


def test_a_code_a_thumb_splits_into_short_fragments_gets_the_deep_steps(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A drawn 12-digit Code 128 (4 px a module) with a thumb over its middle: the locator boxes two
    fragments of 12 and 13 dark bars on one line; both get the deep steps, and "join" reads the code."""
    frame = cv2.imread(str(CROP))
    gray = to_gray(frame)
    monkeypatch.setattr(Decoder, "_zxing_levels", lambda self, v: [])
    decoder = Decoder(budget_ms=1000)
    decoder._left_ms = lambda: 1000.0  # (set by a frame's turn)
    views = decoder._bars.strips(gray, half_size(gray))
    assert sorted(dark_bars(v.image) for v in views) == [12, 13] and DEEP_BARS > 13
    assert decoder._strip_reads(gray, views, frame) == []
    assert len(decoder._deep_strips()) == 2
    assert [t for t, _s, _p in decoder._deep_pass(gray, frame, 1000)] == ["123456789012"]
