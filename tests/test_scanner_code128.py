"""Our own Code 128 reader and the rules that keep wrong reads out: the mod-103 check, two agreeing scan
bands, the coupon grammar, and two agreeing frames in the camera path — on drawn codes and real photos."""

import cv2
import numpy as np
import pytest

from pos_app.scanner import code128
from pos_app.scanner.decode import Decoder, still_decoder, to_gray
from pos_app.scanner.pipeline import ScanPipeline
from pos_app.scanner.zbar_decoder import ZbarDecoder
from tests.scanner_fixtures import ZXING, zxing_cases

CODE = "AB12CD34EF56GH78XY"


def _bars(text: str) -> np.ndarray:
    import barcode

    bits = barcode.Code128(text).build()[0]
    return np.pad(np.array([int(b) for b in bits], np.uint8), 12)


def _strip(modules: np.ndarray, pitch: float, blur: float = 0.0, noise: float = 0.0, rows: int = 48) -> np.ndarray:
    """An upright image of bars (1 = dark) at ``pitch`` px per module, area-sampled as a sensor does."""
    hi = np.repeat(255.0 - 255.0 * modules, 16).astype(np.float32)[None, :]
    row = cv2.resize(hi, (int(modules.size * pitch), 1), interpolation=cv2.INTER_AREA)
    img = np.repeat(row, rows, axis=0)
    if blur:
        img = cv2.GaussianBlur(img, (0, 0), blur * pitch)
    if noise:
        img = img + np.random.default_rng(7).normal(0, noise, img.shape).astype(np.float32)
    return np.clip(img, 0, 255).astype(np.uint8)


def test_pattern_table_is_the_standard_one() -> None:
    from barcode.charsets import code128 as ref

    for value, widths in enumerate(code128.PATTERNS[:106]):
        bits = "".join(("1" if i % 2 == 0 else "0") * int(w) for i, w in enumerate(widths))
        assert bits == ref.CODES[value], value
    assert code128.PATTERNS[106] == "2331112"


def test_noisy_bars_are_read_where_zbar_single_lines_read_nothing() -> None:
    from pyzbar import pyzbar

    img = _strip(_bars(CODE), pitch=2.0, blur=0.3, noise=30)  # a dim frame's gain: heavy sensor noise
    assert pyzbar.decode(img) == []
    assert code128.read_upright(img) == (CODE, 2)  # bands averaged down the bars; two agreed


def test_thin_blurred_bars() -> None:
    assert code128.read_upright(_strip(_bars(CODE), pitch=1.4, blur=0.35, noise=6)) == (CODE, 2)


@pytest.mark.parametrize("reverse", [False, True])
def test_upside_down_bars_read_the_same(reverse: bool) -> None:
    img = _strip(_bars(CODE), pitch=2.0)
    got = code128.read_upright(img[:, ::-1] if reverse else img)
    assert got is not None and got[0] == CODE


def test_a_changed_symbol_fails_the_check() -> None:
    # swap one data symbol's bars for another valid symbol's: every element decodes, the sum does not
    good = _bars("123456789012")
    start = 12 + 11  # quiet zone, start symbol
    other = "".join(("1" if i % 2 == 0 else "0") * int(w) for i, w in enumerate(code128.PATTERNS[40]))
    bad = good.copy()
    bad[start + 11 : start + 22] = [int(b) for b in other]
    assert not np.array_equal(bad, good)
    assert code128.read_upright(_strip(good, 2.0)) is not None
    assert code128.read_upright(_strip(bad, 2.0)) is None


def test_a_partial_code_is_never_reported() -> None:
    img = _strip(_bars(CODE), pitch=2.0)
    w = img.shape[1]
    for cut in (w // 3, w // 2, (3 * w) // 4, w - 30):
        assert code128.read_upright(np.ascontiguousarray(img[:, :cut])) is None
        assert code128.read_upright(np.ascontiguousarray(img[:, w - cut :])) is None


def test_one_band_alone_is_not_believed() -> None:
    img = _strip(_bars(CODE), pitch=2.0)
    lone = np.full_like(img, 255)
    lone[22:26] = img[22:26]  # the code shows in one band of six only
    assert code128.read_upright(lone) is None
    assert code128.read_upright(img) is not None


def test_function_characters_are_not_coupon_text() -> None:
    assert code128.symbols_to_text([code128.START_C, 12, 34]) == "1234"
    assert code128.symbols_to_text([code128.START_B, 33, 34]) == "AB"
    assert code128.symbols_to_text([code128.START_C, 102, 12]) is None  # FNC1: GS1, not a coupon


@pytest.mark.skipif(not ZXING.is_dir(), reason="zxing black-box samples not present")
def test_own_reader_on_real_photos_reads_many_and_never_wrong() -> None:
    """code128-2: 40 phone photos of printed labels.  The own reader alone (on OpenCV's located strips and
    on the 1-D crops), against zxing's expected texts."""
    read = wrong = 0
    decoder = ZbarDecoder(payload_only=False, budget_ms=float("inf"))
    for path, expected in zxing_cases("code128-2"):
        gray = to_gray(cv2.imread(str(path), cv2.IMREAD_COLOR))
        passes = dict(decoder._passes(gray))
        own = []
        for name in ("c128_located", "c128"):
            views = [v for s, v in passes[name]() if s.__class__.__name__ == "_OwnCode128"]
            own += [got[0] for got in (code128.read_upright(v.image) for v in views) if got]
        read += expected in own
        wrong += sum(t != expected for t in own)
    assert wrong == 0
    assert read >= 12


@pytest.mark.skipif(not ZXING.is_dir(), reason="zxing black-box samples not present")
def test_bars_painted_over_on_a_real_photo_give_no_read() -> None:
    """A symbol's bars erased across their full height on a real photo: no pass may read a text."""
    path, expected = zxing_cases("code128-1")[2]  # 102030405060708090, a clean print
    image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    assert [h.text for h in still_decoder().decode(image)] == [expected]
    _h, w = image.shape
    damaged = image.copy()
    damaged[:, int(w * 0.45) : int(w * 0.5)] = 255
    assert still_decoder().decode(damaged) == []


@pytest.mark.skipif(not ZXING.is_dir(), reason="zxing black-box samples not present")
def test_camera_path_reports_only_what_two_frames_agree_on() -> None:
    """Real photo, camera path: a code shown in one frame only is never reported; shown in two frames
    in a row it is reported at the second, once."""
    path, expected = zxing_cases("code128-1")[2]
    photo = cv2.imread(str(path), cv2.IMREAD_COLOR)
    frame = np.full((720, 1280, 3), 255, np.uint8)  # the label on white paper, as photographed
    ph, pw = photo.shape[:2]
    frame[100 : 100 + ph, 180 : 180 + pw] = photo
    blank = np.full((720, 1280, 3), 235, np.uint8)  # an empty counter
    pipeline = ScanPipeline(budget_ms=float("inf"))
    fps = 30.0
    timeline = [blank, frame, blank, blank, blank, blank, blank, blank, blank, blank, blank, blank, blank]
    timeline += [blank] * 10 + [frame, frame, frame]
    reported = []
    for i, f in enumerate(timeline):
        for scan in pipeline.feed(f, i, i / fps):
            reported.append((scan.code, scan.frame))
    assert reported == [(expected, len(timeline) - 2)]


@pytest.mark.skipif(not ZXING.is_dir(), reason="zxing black-box samples not present")
def test_strips_along_located_codes_read_real_photos_never_wrong() -> None:
    """code128-2: the strips sampled along the codes OpenCV's locator finds, read by zxing and our reader
    (no whole-frame pass, no zbar): many read, none wrong."""
    from pos_app.scanner.views import half_size

    decoder = Decoder(payload_only=False, still=True, zbar=False)
    read = wrong = 0
    for path, expected in zxing_cases("code128-2"):
        gray = to_gray(cv2.imread(str(path), cv2.IMREAD_COLOR))
        texts = [t for t, _s, _p in decoder._strip_reads(gray, decoder._bars.strips(gray, half_size(gray)))]
        read += expected in texts
        wrong += sum(t != expected for t in texts)
    assert wrong == 0
    assert read >= 25
