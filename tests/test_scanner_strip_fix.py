"""Better strips over whole codes (``strip_fix.fixed_strips``), on crops of set B tuning frames whose
located strips read nothing: each crop's fixed strips let the readers read it, its located strips do not;
an empty frame gives nothing a reader reads."""

from pathlib import Path

import cv2
import numpy as np
import pytest

from pos_app.scanner.decode import Decoder
from pos_app.scanner.strip_fix import fixed_strips, more_strips
from pos_app.scanner.views import BarLocator, View, half_size

FIXTURES = Path(__file__).parent / "fixtures" / "scan"

CROPS = [
    # B:12 #63, moiré: OpenCV's box lies off to one side of the bars, across them
    ("c128_fix_moire_B12_63.png", "K6O1DKCHTX7Y3347RY"),
    # B:10 #9, far: the box is off the bars' middle and tilted against them
    ("c128_fix_far_B10_9.png", "RPFR8D63N0MSSDV8R5SQ"),
    # B:12 #39, motion: the located patches run over the phone, far taller than the bars
    ("c128_fix_motion_B12_39.png", "Q5SSZBA24DRY5Z5FVLR"),
    # B:12 #48, rolling shutter: the bars sheared against the code's axis, the box not on them
    ("c128_fix_rolling_B12_48.png", "8816428699090503626"),
]


@pytest.fixture(scope="module")
def decoder() -> Decoder:
    return Decoder(budget_ms=1000)


def _texts(decoder: Decoder, gray: np.ndarray, views: list[View]) -> list[str]:
    """What the readers read on ``views``: the strip chain, the fitting and the voting readers."""
    out = []
    for v in views:
        reads = decoder._strip_reads(gray, [v], None, again=True)
        reads = reads or decoder._ours(v, how="fit") or decoder._ours(v, how="vote")
        out += [t for t, _s, _p in reads]
    return out


def _gray(name: str) -> np.ndarray:
    gray = cv2.imread(str(FIXTURES / name), cv2.IMREAD_GRAYSCALE)
    assert gray is not None
    return gray


@pytest.mark.parametrize(("name", "code"), CROPS)
def test_fixed_strips_read_what_the_located_ones_miss(decoder: Decoder, name: str, code: str) -> None:
    gray = _gray(name)
    located = BarLocator().strips(gray, half_size(gray))
    assert located
    assert _texts(decoder, gray, located) == []  # the located strips read nothing
    fixed = fixed_strips(gray, located)
    texts = _texts(decoder, gray, fixed)
    assert code in texts
    assert set(texts) == {code}


@pytest.mark.parametrize(("name", "code"), CROPS[:1])
def test_fixed_strips_lie_on_the_frame_and_are_upright(name: str, code: str) -> None:
    gray = _gray(name)
    fixed = fixed_strips(gray, BarLocator().strips(gray, half_size(gray)))
    for v in fixed:
        h, w = v.image.shape
        assert h == 48 and w > 60
        corners = v.to_frame([(0, 0), (w, 0), (w, h), (0, h)])
        assert all(-w <= x <= gray.shape[1] + w and -w <= y <= gray.shape[0] + w for x, y in corners)


def test_an_empty_frame_gives_nothing_read(decoder: Decoder) -> None:
    rng = np.random.default_rng(3)
    gray = np.clip(120 + rng.normal(0, 4, (720, 1280)), 0, 255).astype(np.uint8)
    located = BarLocator().strips(gray, half_size(gray))
    fixed = fixed_strips(gray, located)
    assert _texts(decoder, gray, fixed) == []
    assert fixed_strips(np.full((720, 1280), 255, np.uint8), []) == []


def test_strip_fix_does_not_import_numpy_ma() -> None:
    """np.percentile's first call imports numpy.ma (~45 ms): inside a camera frame it made the deep steps'
    cost estimate skip ``fix`` for a dozen scenes."""
    import subprocess
    import sys

    code = (
        "import sys, cv2\n"
        "from pos_app.scanner.strip_fix import fixed_strips\n"
        "from pos_app.scanner.views import BarLocator, half_size\n"
        f"gray = cv2.imread({str(FIXTURES / CROPS[0][0])!r}, cv2.IMREAD_GRAYSCALE)\n"
        "assert fixed_strips(gray, BarLocator().strips(gray, half_size(gray)))\n"
        "print('numpy.ma' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# B:10 #122, glare and clutter: OpenCV's half-size locator boxes the code as two fragments either side
# of the glare, each too short to read (and ``fixed_strips`` reads neither)
MERGED = ("c128_merged_glare_B10_122.png", "NCKD2LVP8XYGFCYOGS")


def test_fragments_on_one_line_merged_read_what_the_others_miss(decoder: Decoder) -> None:
    gray = _gray(MERGED[0])
    locator = BarLocator()
    located = locator.strips(gray, half_size(gray))
    assert len(locator.boxes) >= 2
    fixed = fixed_strips(gray, located)
    assert _texts(decoder, gray, located + fixed) == []
    merged = more_strips(gray, locator.boxes, located + fixed)
    assert len(merged) == 1  # the two fragments' union
    assert _texts(decoder, gray, merged) == [MERGED[1]]


def test_a_held_code_split_in_fragments_is_read_within_eight_frames() -> None:
    """The camera path on the crop held still: the merged fragments are a deep step early in the queue
    (before it, the code was not read in 30 frames).  A generous budget: a slow machine's turns (CI)
    must not decide it."""
    frame = cv2.cvtColor(_gray(MERGED[0]), cv2.COLOR_GRAY2BGR)
    camera = Decoder(budget_ms=100)
    seen: list[str] = []
    for _ in range(8):
        seen += [h.text for h in camera.decode(frame)]
    assert seen.count(MERGED[1]) >= 2
    assert set(seen) == {MERGED[1]}


def test_more_strips_skip_places_tried_and_cap_their_number() -> None:
    gray = _gray(MERGED[0])
    locator = BarLocator()
    located = locator.strips(gray, half_size(gray))
    boxes = locator.boxes
    # every box a strip was tried on: only the merged line is new, and only once
    again = more_strips(gray, boxes, located)
    assert len(again) == 1
    assert more_strips(gray, boxes, located + again) == []
    # boxes on no common line: nothing; pairs on lines of their own: at most ``most``
    apart = [(40.0 + 100 * k, 40.0 + 100 * k, 90.0, 60.0, 20.0) for k in range(5)]
    assert more_strips(gray, apart, []) == []
    pairs = [(200.0 + d, 60.0 + 120 * k, 0.0, 80.0, 20.0) for k in range(5) for d in (0.0, 90.0)]
    assert len(more_strips(gray, pairs, [], most=3)) == 3
    assert more_strips(gray, [], located) == []
