"""QR Codes zxing finds but cannot decode get a second look at their region (``qr_rescue.py``).

The fixtures are crops of set A tuning frames (benchmarks/scan_frames.py), as the camera saw them."""

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest

from pos_app.scanner.decode import Decoder, decode_image, to_gray
from pos_app.scanner.qr_rescue import QrRescue, region, scaled
from pos_app.scanner.views import half_size
from pos_app.scanner.zxing_reader import ZxingReader

FIXTURES = Path(__file__).parent / "fixtures" / "scan"

CASES = [
    # A:4 #178 (finger): a thumb over the code's lower edge; zbar reads the region upscaled 2x
    ("qr_finger_A4_178.png", "1KQ4W4LZCN91QKZB"),
    # A:6 #188 (mixed: blur, a thumb): modules melted together; read upscaled 2x and unsharp-masked
    ("qr_mixed_blur_A6_188.png", "56FASA0MXGIFI8J54"),
]


def _frame(name: str) -> np.ndarray:
    frame = cv2.imread(str(FIXTURES / name), cv2.IMREAD_COLOR)
    assert frame is not None
    return frame


@pytest.mark.parametrize(("name", "code"), CASES)
def test_a_qr_code_zxing_finds_but_cannot_decode_is_read_in_its_region(name: str, code: str) -> None:
    gray = to_gray(_frame(name))
    zx = ZxingReader(("QRCODE", "CODE128"))
    outlines: list[tuple[tuple[int, int], ...]] = []
    assert zx.read(gray, rotate=True, invert=True, seen_at=outlines) == []  # every option: nothing read
    assert outlines  # but a QR Code found: the evidence the second look needs
    reads = QrRescue(zx).read(gray, outlines)
    assert [(t, s) for t, s, _p in reads] == [(code, "QRCODE")]
    xs, ys = zip(*reads[0][2], strict=True)  # its outline in the frame's pixels, inside the frame
    assert 0 <= min(xs) < max(xs) <= gray.shape[1] and 0 <= min(ys) < max(ys) <= gray.shape[0]


@pytest.mark.parametrize(("name", "code"), CASES)
def test_the_camera_path_and_stills_read_it_with_the_qr_pass(name: str, code: str) -> None:
    frame = _frame(name)
    decoder = Decoder(clock=lambda: 0.0)  # a clock that stands still: every step fits the budget
    assert [h.text for h in decoder.decode(frame)] == [code]
    assert decoder.stats.winner == "qr"
    assert [h.text for h in decode_image(frame)] == [code]


def test_no_second_look_without_a_qr_code_found() -> None:
    gray = to_gray(_frame(CASES[0][0]))
    zx = ZxingReader(("QRCODE",))
    assert QrRescue(zx).read(gray, []) == []
    blank = np.full((720, 1280, 3), 128, np.uint8)
    decoder = Decoder()
    assert decoder.decode(blank) == []
    assert "qr" not in decoder.stats.passes


def test_the_region_and_its_upscaled_copy_map_back_to_frame_pixels() -> None:
    gray = np.zeros((200, 300), np.uint8)
    v = region(gray, [((100, 50), (140, 50), (140, 90), (100, 90))])
    assert v is not None
    assert v.image.shape == (101, 101)  # a 40 px outline, a margin of 30 px on each side
    assert v.to_frame([(0, 0)]) == ((70, 20),)
    big = scaled(v, 2)
    assert big.image.shape == (202, 202)
    assert big.to_frame([(0.5, 0.5), (200.5, 200.5)]) == ((70, 20), (170, 120))


FIXED_CASES = [
    # A:6 #76 (motion): the streak's grey sits on the local thresholds; one mid-grey threshold reads it
    ("qr_motion_A6_76.png", "666877739610"),
    # A:6 #168 (finger): a thumb over one side breaks the local thresholds near the finder pattern
    ("qr_finger_A6_168.png", "YWG4WFAF42BNXUSINQE"),
]


@pytest.mark.parametrize(("name", "code"), FIXED_CASES)
def test_a_qr_code_the_local_thresholds_miss_reads_at_one_global_threshold(name: str, code: str) -> None:
    frame = _frame(name)
    gray = to_gray(frame)
    zx = ZxingReader(("QRCODE", "CODE128"))
    assert zx.read(gray, rotate=True, invert=True) == []
    assert [t for t, _s, _p in QrRescue(zx).fixed(half_size(gray), [])] == [code]
    decoder = Decoder()
    assert [h.text for h in decoder.decode(frame)] == [code]
    assert decoder.stats.winner == "zxing"  # the whole-frame pass, at its second threshold
    assert [h.text for h in decode_image(frame)] == [code]


def test_a_qr_code_found_only_at_one_global_threshold_gets_the_second_look() -> None:
    """A:4 #51 (blur): neither threshold decodes it; the global one finds it, its region then reads."""
    frame = _frame("qr_blur_A4_51.png")
    gray = to_gray(frame)
    zx = ZxingReader(("QRCODE", "CODE128"))
    local: list[tuple[tuple[int, int], ...]] = []
    assert zx.read(gray, rotate=True, invert=True, seen_at=local) == [] and local == []
    outlines: list[tuple[tuple[int, int], ...]] = []
    assert QrRescue(zx).fixed(half_size(gray), outlines) == [] and outlines
    decoder = Decoder()
    assert [h.text for h in decoder.decode(frame)] == ["787547297781"]
    assert decoder.stats.winner == "qr"


def test_asking_for_qr_outlines_costs_a_code_128_nothing() -> None:
    """B:9 #63 (moire; a crop pasted where it was on a frame of its median grey): asked for errors,
    zxing's 1-D reader reports a line that failed Code 128's check ('TFVNhH8XBK8L5QOEX') instead of the
    two lines that agree; the QR outlines are asked of the 2-D reader alone."""
    crop = cv2.imread(str(FIXTURES / "qr_outlines_beside_code128_B9_63.png"), cv2.IMREAD_GRAYSCALE)
    frame = np.full((720, 1280), int(np.median(crop)), np.uint8)
    frame[350:550, 100:1280] = crop
    zx = ZxingReader(("QRCODE", "CODE128"))
    code = "TFVNTH8XBK8L5QOEX"
    assert [t for t, _s, _p in zx.read(frame)] == [code]
    assert [t for t, _s, _p in zx.read(frame, seen_at=[])] == [code]
    decoder = Decoder()
    assert [h.text for h in decoder.decode(frame)] == [code]
    assert decoder.stats.winner == "zxing"


def test_a_step_the_budget_has_no_room_for_waits_for_the_next_frame() -> None:
    """A:4 #178 needs the third step (zbar on the 2x region, ~7 ms estimated).  A clock that moves 2 ms
    a look: with 4 ms left the second look stops before its second step; the next frame's begins there
    and reaches the third with 11 ms left, which a look from the first step would not."""
    gray = to_gray(_frame(CASES[0][0]))
    zx = ZxingReader(("QRCODE", "CODE128"))
    outlines: list[tuple[tuple[int, int], ...]] = []
    zx.read(gray, seen_at=outlines)

    def ticking() -> Callable[[], float]:
        t = [0.0]

        def clock() -> float:
            t[0] += 0.002
            return t[0]

        return clock

    rescue = QrRescue(zx, clock=ticking())
    assert rescue.read(gray, outlines, left_ms=4.0) == []
    assert [x for x, _s, _p in rescue.read(gray, outlines, left_ms=11.0)] == [CASES[0][1]]
    fresh = QrRescue(zx, clock=ticking())
    assert fresh.read(gray, outlines, left_ms=11.0) == []


@pytest.mark.parametrize(
    ("name", "code", "step"),
    [
        # A:6 #183 (mixed: blur and more): the coarser unsharp mask on the 2x region (fifth step)
        ("qr_mixed_A6_183.png", "984CBM6JNCJ0077UYLC", 5),
        # A:5 #52 (blur): the coarser and stronger unsharp mask on the 3x region (sixth step)
        ("qr_blur_A5_52.png", "A99KIO8R31ET7OPU", 6),
    ],
)
def test_a_strongly_blurred_qr_code_needs_a_late_step(monkeypatch, name: str, code: str, step: int) -> None:
    import pos_app.scanner.qr_rescue as qr_rescue

    gray = to_gray(_frame(name))
    zx = ZxingReader(("QRCODE", "CODE128"))
    outlines: list[tuple[tuple[int, int], ...]] = []
    assert zx.read(gray, rotate=True, invert=True, seen_at=outlines) == []
    assert QrRescue(zx).fixed(half_size(gray), outlines) == [] and outlines
    steps = qr_rescue.STEPS
    monkeypatch.setattr(qr_rescue, "STEPS", steps[: step - 1])
    assert QrRescue(zx, clock=lambda: 0.0).read(gray, outlines) == []
    monkeypatch.setattr(qr_rescue, "STEPS", steps[:step])
    assert [t for t, _s, _p in QrRescue(zx, clock=lambda: 0.0).read(gray, outlines)] == [code]


def test_a_step_that_can_never_fit_a_camera_frame_does_not_stall_the_later_steps() -> None:
    """A large region: the zbar step on its 2x copy costs more than a camera frame ever has left after
    the whole-frame pass.  The later steps still run within the frame's budget (found in review: the look
    used to stop at that step on every frame)."""
    zx = ZxingReader(("QRCODE",))
    ticks = [0.0]

    def clock() -> float:  # a step costs its estimate: nothing else advances the clock
        return ticks[0]

    rescue = QrRescue(zx, clock)
    gray = np.full((720, 1280), 128, np.uint8)
    outline = ((530, 250), (750, 250), (750, 470), (530, 470))  # a 220 px symbol: a ~460 px region
    tried: list[int] = []
    real_zxing, real_zbar = rescue._zxing, rescue._zbar_read

    def counted(fn: Callable[..., list]) -> Callable[..., list]:
        def run(v):  # type: ignore[no-untyped-def]
            tried.append(v.image.shape[0])
            return fn(v)

        return run

    rescue._zxing, rescue._zbar_read = counted(real_zxing), counted(real_zbar)  # type: ignore[method-assign]
    for _ in range(4):
        rescue.read(gray, [outline], left_ms=9.0)
    assert len(tried) >= 8 and not rescue.pending  # every step that fits has run; none is waited for


def test_a_qr_code_whose_outlines_miss_it_is_read_by_zbar_on_the_half_size_frame(monkeypatch) -> None:
    """B:7 #54 (a tuning frame of set B, rolling shutter; saved as a JPEG of quality 90): zxing reports
    five outlines and reads nothing with every option; none of their regions reads with any step, while
    zbar's QR decoder on the whole half-size frame does (round 9).  The camera path reads it too, and
    did not before (the last step removed)."""
    import pos_app.scanner.qr_rescue as qr_rescue

    frame = _frame("qr_rolling_shutter_B7_54.jpg")
    gray = to_gray(frame)
    code = "Y2KF4P7AQNJRQV6R"
    zx = ZxingReader(("QRCODE", "CODE128"))
    outlines: list[tuple[tuple[int, int], ...]] = []
    assert zx.read(gray, rotate=True, invert=True, seen_at=outlines) == [] and outlines
    assert QrRescue(zx, clock=lambda: 0.0).read(gray, outlines) == []  # the regions alone
    reads = QrRescue(zx, clock=lambda: 0.0).read(gray, outlines, half=half_size(gray))
    assert [t for t, s, _p in reads] == [code] and reads[0][1] == "QRCODE"

    def camera() -> set[str]:
        decoder = Decoder(budget_ms=1000)  # every step fits: what is read, not when
        return {h.text for _ in range(8) for h in decoder.decode(frame)}

    assert camera() == {code}
    monkeypatch.setattr(qr_rescue, "STEPS", qr_rescue.STEPS[:-1])
    assert camera() == set()


def test_the_whole_frame_step_runs_once_however_many_regions_and_even_without_one() -> None:
    """Two groups of outlines, one too small to crop: the half-size frame is read once a call."""
    zx = ZxingReader(("QRCODE",))
    rescue = QrRescue(zx, clock=lambda: 0.0)
    gray = np.full((720, 1280), 128, np.uint8)
    half = half_size(gray)
    wholes: list[int] = []
    real = rescue._zbar_read

    def counted(v):  # type: ignore[no-untyped-def]
        wholes.append(v.image is half.image)
        return real(v)

    rescue._zbar_read = counted  # type: ignore[method-assign]
    tiny = ((0, 0), (1, 0), (1, 1), (0, 1))  # in the corner: a region under 16 px, no crop
    rescue.read(gray, [tiny], half=half)
    assert wholes == [True]
    wholes.clear()
    rescue.read(
        gray,
        [((300, 300), (400, 300), (400, 400), (300, 400)), ((900, 300), (1000, 300), (1000, 400), (900, 400)), tiny],
        half=half,
    )
    assert wholes.count(True) == 1
