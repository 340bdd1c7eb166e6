"""Strips for the codes a straight strip cannot read (the deep steps "join" and "persp"), on crops of set B
tuning frames (grey): B:7 #79, a thumb across the bars (the locator boxes the two halves apart; a strip
over both, taller than either, crosses every bar in the rows past the thumb's tip); B:8 #125, a code
turned some 40 degrees away and lit by glare, and B:7 #25, a foreshortened code whose far end's modules
are ~1 px (``strip_persp.projective``: the strip follows the bars' changing lean and the code's
converging edges).  In each, no reader reads the straight strips."""

from pathlib import Path

import cv2
import numpy as np
import pytest

from pos_app.scanner.decode import Decoder
from pos_app.scanner.strip_fix import joined_strips
from pos_app.scanner.strip_persp import projective
from pos_app.scanner.views import BarLocator, View, half_size, resample, strip
from tests.scanner_fixtures import held

FIXTURES = Path(__file__).parent / "fixtures" / "scan"
THUMB, THUMB_CODE = "c128_join_finger_B7_79.png", "6572504974720378228"
TURNED, TURNED_CODE = "c128_persp_mixed_B8_125.png", "M81MXUHJL74EJ76Z"
# where OpenCV's locator boxes B:8 #125 on the whole frame (on the crop it boxes pieces): centre, axis,
# length and height of its strip, in the crop's pixels
TURNED_STRIP = (452.6, 169.5, 11.5, 997.0, 145.9)
# B:7 #25's strip as ``strip_fix`` finds it on the whole frame (its near half): centre, axis, the bars'
# normal, length and height, in the crop's pixels
FORESHORTENED, FORESHORTENED_CODE = "c128_persp_B7_25.png", "QPNMZBBTOO7J2OK8I"
FORESHORTENED_STRIP = (825.8, 119.4, 174.3, -210.0, 283.0, 60.0)


@pytest.fixture(scope="module")
def decoder() -> Decoder:
    return Decoder(budget_ms=1000)


def _gray(name: str) -> np.ndarray:
    gray = cv2.imread(str(FIXTURES / name), cv2.IMREAD_GRAYSCALE)
    assert gray is not None
    return gray


def _texts(decoder: Decoder, gray: np.ndarray, v: View) -> list[str]:
    """What the strip chain (2x samples included), the fitting, the voting and zbar's readers read."""
    reads = decoder._strip_reads(gray, [v], None, again=True)
    reads = reads or decoder._ours(v, how="fit") or decoder._ours(v, how="vote")
    return [t for t, _s, _p in reads or decoder._strip_zbar.read(gray, v)[0]]


def _turned(gray: np.ndarray) -> View:
    cx, cy, angle, length, height = TURNED_STRIP
    return strip(gray, cx, cy, angle, length, height)


def test_a_projective_strip_reads_a_foreshortened_code_the_straight_one_misses(decoder: Decoder) -> None:
    gray = _gray(TURNED)
    located = _turned(gray)
    assert _texts(decoder, gray, located) == []
    seen = projective(gray, located)
    assert seen is not None and seen.warp is not None
    reads = decoder._strip_reads(gray, [seen], None, again=True, samples=False) or decoder._ours(seen, how="vote")
    assert [t for t, _s, _p in reads] == [TURNED_CODE]


def test_a_projective_strip_reads_a_foreshortened_code_from_its_near_half(decoder: Decoder) -> None:
    gray = _gray(FORESHORTENED)
    cx, cy, angle, across, length, height = FORESHORTENED_STRIP
    fixed = strip(gray, cx, cy, angle, length, height, across=across)
    assert _texts(decoder, gray, fixed) == []
    seen = projective(gray, fixed)
    assert seen is not None
    reads = decoder._strip_reads(gray, [seen], None, again=True, samples=False) or decoder._ours(seen, how="vote")
    assert reads == []  # the far end's modules are too thin for these: the fitting reader reads it
    assert [t for t, _s, _p in decoder._ours(seen, how="fit")] == [FORESHORTENED_CODE]


def test_a_projective_strip_is_sampled_again_on_its_own_grid(decoder: Decoder) -> None:
    """The next frame's region of interest samples the strip that read on its perspective, not affinely."""
    gray = _gray(TURNED)
    seen = projective(gray, _turned(gray))
    assert seen is not None
    again = resample(gray, seen)
    assert again.warp is not None and np.array_equal(again.image, seen.image)
    wide = resample(gray, seen, along=2)
    assert wide.image.shape == (seen.image.shape[0], 2 * seen.image.shape[1])
    assert [t for t, _s, _p in decoder._ours(again, how="vote")] == [TURNED_CODE]
    h, w = seen.image.shape  # its outline lies on the crop
    assert all(0 <= x < gray.shape[1] + 40 and 0 <= y < gray.shape[0] + 40 for x, y in seen.to_frame([(w, h)]))


def test_no_projective_strip_where_the_bars_do_not_lean_apart() -> None:
    flat = np.full((300, 600), 255, np.uint8)
    assert projective(flat, strip(flat, 300, 150, 0, 400, 60)) is None
    bars = flat.copy()  # upright bars of one lean: the straight strip is as good
    for x in range(120, 480, 9):
        bars[100:200, x : x + 3 + (x // 9) % 3] = 0
    assert projective(bars, strip(bars, 300, 150, 0, 420, 70)) is None


def test_a_strip_over_both_halves_reads_a_code_a_thumb_splits(decoder: Decoder) -> None:
    gray = _gray(THUMB)
    located = BarLocator().strips(gray, half_size(gray))
    assert len(located) == 2
    assert all(_texts(decoder, gray, v) == [] for v in located)
    assert [_texts(decoder, gray, v) for v in joined_strips(gray, located, taller=1.0)] == [[]]  # as tall: no
    joined = joined_strips(gray, located)
    assert [_texts(decoder, gray, v) for v in joined] == [[THUMB_CODE]]
    assert joined_strips(gray, located[:1]) == []


def test_the_camera_path_reads_the_thumb_split_code_on_the_joined_strip_and_keeps_reading_it(monkeypatch) -> None:
    """The deep steps wired in: the first strip that reads the held code is the joined one ("join" comes
    before strip_fix's strips, which read it too, later), and the next frames read it there again.  Every
    deep step fits a turn here, so that the CPU's speed does not decide which step a turn reaches (with
    10 ms a turn, the 3rd frame on this machine, the 4th on a slower one)."""
    import pos_app.scanner.decode as decode

    joined: list[View] = []

    def spied(gray: np.ndarray, located: list[View]) -> list[View]:
        out = joined_strips(gray, located)
        joined.extend(out)
        return out

    monkeypatch.setattr(decode, "joined_strips", spied)
    monkeypatch.setattr(decode, "DEEP_MS", 1000.0)
    frame = cv2.cvtColor(_gray(THUMB), cv2.COLOR_GRAY2BGR)
    decoder = Decoder(budget_ms=1000)
    texts, winner, _n = held(decoder, frame)
    assert (texts, winner) == ([THUMB_CODE], "deep")
    assert any(decoder._read_strip is v for v in joined)  # read on the joined strip
    for _ in range(3):  # the next frames: the region of interest, the strip that read
        assert [h.text for h in decoder.decode(frame)] == [THUMB_CODE]
        assert decoder.stats.winner == "roi"
