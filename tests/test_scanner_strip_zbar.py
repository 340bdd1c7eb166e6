"""zbar on a located strip's upright views (``strip_zbar``, the deep step "zbar"), on a crop of set A
tuning frame A:5 #176 (a finger over the bars' right end): our readers read nothing on its located
strip, zbar reads it along the strip's rows; only reads crossing two scan lines that are coupon payloads."""

from pathlib import Path

import cv2
import numpy as np
import pytest

from pos_app.scanner import strip_zbar
from pos_app.scanner.decode import Decoder
from pos_app.scanner.strip_zbar import StripZbar
from pos_app.scanner.views import BarLocator, half_size
from tests.scanner_fixtures import held

FIXTURES = Path(__file__).parent / "fixtures" / "scan"
FINGER = "c128_zbar_finger_A5_176.png"
FINGER_CODE = "VTV7ENXQ55IR206H"


def _frame() -> np.ndarray:
    frame = cv2.imread(str(FIXTURES / FINGER), cv2.IMREAD_COLOR)
    assert frame is not None
    return frame


def test_zbar_reads_a_located_strip_our_readers_miss() -> None:
    frame = _frame()
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    located = BarLocator().strips(gray, half_size(gray))
    assert located
    decoder = Decoder(budget_ms=1000)
    for v in located:  # the strip chain, the fitting and the voting readers: nothing
        assert not decoder._strip_reads(gray, [v], frame, again=True)
        assert not decoder._ours(v, how="fit") and not decoder._ours(v, how="vote")
    reads, view = StripZbar().read(gray, located[0])
    assert [t for t, _s, _p in reads] == [FINGER_CODE] and view is not None
    assert StripZbar().scan(view) == reads  # the view that read, read again as it is


def test_the_camera_path_reads_it_by_the_zbar_deep_step_and_keeps_reading_it() -> None:
    frame = _frame()
    decoder = Decoder(budget_ms=1000)
    texts, winner, _n = held(decoder, frame)
    assert (texts, winner, decoder._read_by) == ([FINGER_CODE], "deep", "zbar")
    for _ in range(3):  # the next frames: the region of interest, zbar on the view that read
        assert [h.text for h in decoder.decode(frame)] == [FINGER_CODE]
        assert decoder.stats.winner == "roi"


def test_a_read_on_one_scan_line_or_not_a_coupon_payload_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    frame = _frame()
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    v = BarLocator().strips(gray, half_size(gray))[0]
    reader = StripZbar()
    one_line = [(FINGER_CODE.encode(), "CODE128", [(10.0, 5.0), (10.0, 5.0)])]
    monkeypatch.setattr(reader._rows, "scan", lambda image: one_line)
    assert reader.read(gray, v) == ([], None)
    not_payload = [(b"A CODE FAR LONGER THAN TWENTY", "CODE128", [(10.0, 5.0), (10.0, 6.0)])]
    monkeypatch.setattr(reader._rows, "scan", lambda image: not_payload)
    assert reader.read(gray, v) == ([], None)
    assert strip_zbar.MIN_LINES == 2


def test_an_empty_frame_and_stripes_give_nothing() -> None:
    rng = np.random.default_rng(5)
    noise = np.clip(120 + rng.normal(0, 4, (360, 640)), 0, 255).astype(np.uint8)
    stripes = np.full((360, 640), 230, np.uint8)
    for x in range(100, 540, 7):  # a drawn bar pattern (a decoy the locator boxes)
        stripes[120:240, x : x + 3] = 20
    reader = StripZbar()
    for gray in (noise, stripes):
        for v in BarLocator().strips(gray, half_size(gray)):
            assert reader.read(gray, v) == ([], None)
