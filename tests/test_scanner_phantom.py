"""A piece of a code read as a code of its own is not reported (``hit.outermost``): zxing read "25" from
a few modules of a glared QR Code in the round-12 hold-out (set B:233 #81), inside the QR Code's own
outline; the ``decode`` command reported both, a wrong read."""

from pathlib import Path

import cv2
import numpy as np

from pos_app.scanner.decode import Decoder, still_decoder
from pos_app.scanner.hit import Hit, outermost
from pos_app.scanner.zxing_reader import ZxingReader
from tests.scanner_fixtures import crop_on_frame

CROP = Path(__file__).parent / "fixtures" / "scan" / "qr_phantom_inside_glare_B233_81.png"
CODE = "59017137755500450188"


def _frame() -> np.ndarray:
    """The crop pasted where it was (x 257, y 35) on a 1280x720 frame of its median colour."""
    return crop_on_frame(CROP, 257, 35)


def test_zxing_reads_a_phantom_qr_code_inside_the_real_one() -> None:
    reads = ZxingReader(("QRCODE", "CODE128")).read(cv2.cvtColor(_frame(), cv2.COLOR_BGR2GRAY))
    assert sorted(t for t, _s, _p in reads) == ["25", CODE]


def test_the_decoders_report_the_code_alone() -> None:
    frame = _frame()
    assert [h.text for h in still_decoder().decode(frame)] == [CODE]
    assert [h.text for h in Decoder(budget_ms=1000).decode(frame)] == [CODE]


def _square(x: int, y: int, size: int, text: str) -> Hit:
    return Hit(text, "QRCODE", ((x, y), (x + size, y), (x + size, y + size), (x, y + size)))


def test_codes_side_by_side_are_both_kept_a_code_inside_another_is_dropped() -> None:
    big, beside, inner = _square(100, 100, 200, "A"), _square(320, 100, 200, "B"), _square(150, 150, 50, "C")
    assert outermost([big, beside]) == [big, beside]
    assert outermost([inner, big, beside]) == [big, beside]
    bar = Hit("D", "CODE128", ((100, 40), (500, 40), (500, 90), (100, 90)))  # WeChat's barcode above its QR
    assert outermost([bar, big]) == [bar, big]
    assert outermost([Hit("E", "QRCODE", ((1, 1), (1, 1)))]) == [Hit("E", "QRCODE", ((1, 1), (1, 1)))]
