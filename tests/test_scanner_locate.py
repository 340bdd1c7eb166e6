"""Where OpenCV's barcode locator finds no 1-D code, ``coherent_bars`` (the gradients' structure) does."""

import cv2
import numpy as np

from pos_app.scanner.code128 import read_strip
from pos_app.scanner.decode import Decoder
from pos_app.scanner.views import BarLocator, coherent_bars, half_size, strip
from pos_app.scanner.zxing_reader import ZxingReader
from tests.scanner_fixtures import code_on_plain_frame, make_frame


def _sheared_code128(pitch: float, shear: float, angle: float) -> np.ndarray:
    """A long Code 128 at ``pitch`` px per module, sheared as a rolling shutter does (each row shifted
    in proportion to its height), turned by ``angle`` degrees and slightly blurred."""
    frame = code_on_plain_frame("AB12CD34EF56GH78XY", "CODE128", pitch, 90, at=(300, 300))
    sheared = np.array([[1, shear, -shear * 300], [0, 1, 0], [0, 0, 1]])
    turned = np.vstack([cv2.getRotationMatrix2D((640, 360), angle, 1.0), [0, 0, 1]])
    out = cv2.warpAffine(frame, (turned @ sheared)[:2], (1280, 720), flags=cv2.INTER_LINEAR, borderValue=90)
    return cv2.GaussianBlur(out, (0, 0), 0.7)


def test_a_sheared_code128_opencv_does_not_locate_is_read_along_coherent_bars() -> None:
    frame = _sheared_code128(2.5, 0.3, 15)
    half = half_size(frame)
    assert BarLocator().locate(half) == []  # OpenCV's locator sees no barcode
    assert ZxingReader(("CODE128",)).read(frame, rotate=True, invert=True) == []  # no row crosses every bar
    (cx, cy, _axis, length, _h, _normal), *_ = coherent_bars(half)
    assert 300 < cx < 1000 and 250 < cy < 550 and length > 200
    decoder = Decoder(budget_ms=1000)
    hits = decoder.decode(frame)
    assert [h.text for h in hits] == ["AB12CD34EF56GH78XY"]
    assert decoder.stats.winner == "strips"


def test_coherent_bars_on_empty_cluttered_frames_lead_to_no_read() -> None:
    rng = np.random.default_rng(5)
    decoder = Decoder(budget_ms=1000)
    for _ in range(6):
        frame = make_frame(rng, "empty", with_code=False).image
        decoder.forget()
        assert decoder.decode(frame) == []


def test_a_strongly_sheared_code128_is_read_only_with_columns_along_its_bars() -> None:
    frame = _sheared_code128(2.5, 0.7, 15)  # bars 35 degrees off the code's axis
    gray, half = frame, half_size(frame)
    assert BarLocator().locate(half) == []
    cx, cy, axis, length, height, normal = coherent_bars(half)[0]
    assert abs(((axis - normal + 90) % 180) - 90) > 20  # the code's axis is not the bars' normal

    def texts(angle: float, across: float | None) -> list[str]:
        view = strip(gray, cx, cy, angle, length * 1.15 + 24, height * 0.7, across=across)
        got, _seen = read_strip(view.image)
        zx = ZxingReader(("CODE128",)).read(view.image, downscale=False)
        return ([got[0]] if got else []) + [t for t, _s, _p in zx]

    assert texts(normal, None) == []  # a strip square to the bars misses the slanted code's ends
    assert "AB12CD34EF56GH78XY" in texts(axis, normal)  # rows along the code, columns along its bars
    assert [h.text for h in Decoder(budget_ms=1000).decode(frame)] == ["AB12CD34EF56GH78XY"]
