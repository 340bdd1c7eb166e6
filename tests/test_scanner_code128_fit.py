"""The model-fitting Code 128 reader (``code128_fit.read_fitted``): blurred symbol templates fitted on the
module grid, for strips whose narrow bars melted into grey — and the rules that keep its reads right."""

from pathlib import Path

import cv2
import numpy as np
import pytest

from pos_app.scanner import code128, code128_fit
from pos_app.scanner.code128_fit import read_fitted
from pos_app.scanner.decode import Decoder, still_decoder
from pos_app.scanner.views import View, half_size, resample, to_gray
from tests.scanner_fixtures import held
from tests.test_scanner_code128 import CODE, _bars, _strip

FIXTURES = Path(__file__).parent / "fixtures" / "scan"
FAR = "LLKSL6EBCY0CBSP8"  # set B tuning frame B:8 #9
OVEREXPOSED = "YPC8GSPRJE1PXJL0T7FN"  # set B tuning frame B:7 #103


def _pasted(name: str, x: int, y: int) -> np.ndarray:
    """A crop of a tuning frame pasted where it was on a frame of its median colour."""
    crop = cv2.imread(str(FIXTURES / name))
    assert crop is not None
    frame = np.empty((720, 1280, 3), np.uint8)
    frame[:] = np.median(crop.reshape(-1, 3), axis=0).astype(np.uint8)
    frame[y : y + crop.shape[0], x : x + crop.shape[1]] = crop
    return frame


def _far_frame() -> np.ndarray:
    """B:8 #9: far, ~1.2 px per module, MJPG."""
    return _pasted("c128_fit_far_B8_9.png", 112, 56)


def _far_strip() -> tuple[np.ndarray, View]:
    gray = to_gray(_far_frame())
    views = Decoder(budget_ms=1000)._bars.strips(gray, half_size(gray))
    assert len(views) == 1
    return gray, views[0]


def test_a_far_code_nothing_else_reads_is_read_by_fitting(monkeypatch) -> None:
    """Every reader of the strips chain (ours on edges, zxing as sampled, stretched, sampled 2x from the
    frame and its green channel, gamma curves, unsharp) and every pass of ``decode`` miss this code; the
    fitted model reads the same strip, as sampled and sampled 2x."""
    frame = _far_frame()
    gray, view = _far_strip()
    decoder = Decoder(budget_ms=1000)
    assert decoder._strip_reads(gray, [view], frame) == []
    assert code128.read_strip(view.image)[0] is None
    got = read_fitted(view.image)
    assert got is not None and got[0] == FAR and got[1] >= 2
    wide = read_fitted(resample(gray, view, along=2).image)
    assert wide is not None and wide[0] == FAR
    # in the camera path (a deep step once every pass ran) and in `decode` (after every pass)
    assert held(Decoder(), frame)[:2] == ([FAR], "deep")
    assert [h.text for h in still_decoder().decode(frame)] == [FAR]
    monkeypatch.setattr("pos_app.scanner.decode.read_fitted", lambda img: None)
    assert held(Decoder(), frame)[0] == []
    assert [h.text for h in still_decoder().decode(frame)] == []


def test_a_strip_read_sampled_2x_is_read_again_on_its_own_grid(monkeypatch) -> None:
    """A deep step that reads a strip sampled 2x (cubic) leaves that grid for the next frame's first
    pass (``roi``), which samples the frame on it again: cubic too, so the same samples and the same
    read (round 9: it sampled linearly, and a code the fit read on its 2x strip, B:16 #10, was not read
    again on the next frame; the decoder then began the scene afresh)."""
    frame = _far_frame()
    gray, view = _far_strip()
    wide = resample(gray, view, along=2)
    assert np.array_equal(resample(gray, wide).image, wide.image)
    decoder = Decoder(budget_ms=1000)
    decoder._read_strip, decoder._read_by = wide, "fit"
    assert [t for t, _s, _p in decoder._roi(gray, frame)] == [FAR]
    monkeypatch.setattr("pos_app.scanner.views.FINE_GRID", 0.0)  # as before: linear
    assert not np.array_equal(resample(gray, wide).image, wide.image)


def test_an_overexposed_code_is_read_with_its_bars_narrowed_in_the_model(monkeypatch) -> None:
    """B:7 #103, overexposed: the light spreads over the bars, a 1-module bar is a faint grey line and a
    2-module bar a thin one.  Nothing else reads it; the templates with bars narrowed by 1/4 and 1/2 module
    do, the blurred templates alone do not."""
    frame = _pasted("c128_fit_overexposed_B7_103.png", 0, 200)
    gray = to_gray(frame)
    decoder = Decoder(budget_ms=1000)
    views = decoder._bars.strips(gray, half_size(gray))
    assert len(views) == 1
    assert decoder._strip_reads(gray, views, frame) == []
    assert [h.text for h in still_decoder().decode(frame)] == [OVEREXPOSED]  # its deep steps
    got = read_fitted(views[0].image)
    assert got is not None and got[0] == OVEREXPOSED
    plain = {i for i, (_sigma, spread) in enumerate(code128_fit.LOOKS) if spread == 0}
    for name in ("_ALL", "_COARSE"):
        monkeypatch.setattr(code128_fit, name, np.array([g for g in getattr(code128_fit, name) if g in plain]))
    assert read_fitted(views[0].image) is None


@pytest.mark.parametrize(("pitch", "blur"), [(1.3, 0.45), (1.3, 0.6), (1.6, 0.6), (2.5, 0.7)])
def test_a_drawn_code_blurred_at_few_pixels_per_module(pitch: float, blur: float) -> None:
    """~1.3 px per module, a Gaussian blur of half a module and more: the edge reader loses the narrow
    elements, the model reads them."""
    img = _strip(_bars(CODE), pitch=pitch, blur=blur, noise=4)
    assert code128.read_upright(img) is None
    got = read_fitted(img)
    assert got is not None and got[0] == CODE


def test_a_drawn_numeric_code_in_code_set_c() -> None:
    img = _strip(_bars("123456789012"), pitch=1.4, blur=0.5, noise=4)
    got = read_fitted(img)
    assert got is not None and got[0] == "123456789012"
    flipped = read_fitted(np.ascontiguousarray(img[:, ::-1]))
    assert flipped is not None and flipped[0] == "123456789012"


def _edited(img: np.ndarray, modules: int, dst: int, src: int) -> np.ndarray:
    """``img`` (an upright strip of one code, ``modules`` from its first bar to its last) with symbol
    ``dst`` replaced by symbol ``src`` (0 = start), columns resampled at sub-pixel positions."""
    profile = img.astype(np.float32).mean(axis=0)
    ends = code128_fit._ends(profile)
    assert ends
    x0, x1 = ends[0]
    pitch = (x1 - x0) / modules
    out = img.astype(np.float32).copy()
    cols = np.arange(img.shape[1]) + 0.5
    first, last = x0 + 11 * dst * pitch, x0 + 11 * (dst + 1) * pitch
    inside = (cols >= first) & (cols < last)
    taken = cols[inside] + 11 * (src - dst) * pitch
    for r in range(img.shape[0]):
        out[r, inside] = np.interp(taken, cols, img[r].astype(np.float32))
    return np.clip(out, 0, 255).astype(np.uint8)


def test_a_real_strip_with_one_symbol_altered_gives_nothing() -> None:
    """The far strip with its 3rd data symbol replaced by its 1st (``K`` for ``L``): every symbol still
    fits a pattern, the mod-103 check does not hold; no text, never ``LLLSL6...``."""
    gray, view = _far_strip()
    wide = resample(gray, view, along=2).image
    assert read_fitted(wide) is not None
    edited = _edited(wide, 11 * len(FAR) + 35, dst=3, src=1)
    assert not np.array_equal(edited, wide)
    assert read_fitted(edited) is None
    assert read_fitted(_edited(wide, 11 * len(FAR) + 35, dst=5, src=8)) is None


def test_a_drawn_code_with_two_symbols_swapped_gives_nothing() -> None:
    """Every symbol is a valid one, only their order changed: the weighted mod-103 sum no longer holds."""
    modules = _bars("123456789012")
    first = 12 + 11  # quiet zone, start symbol: data symbols 1 and 3 swapped
    swapped = modules.copy()
    swapped[first : first + 11] = modules[first + 22 : first + 33]
    swapped[first + 22 : first + 33] = modules[first : first + 11]
    assert not np.array_equal(swapped, modules)
    assert read_fitted(_strip(modules, 1.5, blur=0.5)) is not None
    assert read_fitted(_strip(swapped, 1.5, blur=0.5)) is None


def test_empty_noisy_and_striped_strips_give_nothing() -> None:
    rng = np.random.default_rng(3)
    assert read_fitted(np.full((48, 600), 200, np.uint8)) is None
    assert read_fitted(rng.integers(0, 256, (48, 600)).astype(np.uint8)) is None
    for seed in range(20):  # a price tag's stripes: random widths, no code
        r = np.random.default_rng(seed)
        widths = r.integers(1, 5, 180)
        modules = np.pad(np.repeat(np.arange(widths.size) % 2 == 0, widths).astype(np.uint8), 12)
        assert read_fitted(_strip(modules, 1.5, blur=0.4, noise=4)) is None
    x = np.arange(800)
    grating = (128 + 100 * np.sin(x / 1.7) * np.sin(x / 37.0)).astype(np.uint8)  # moire-like beats
    assert read_fitted(np.repeat(grating[None, :], 48, axis=0)) is None


def test_a_cut_code_gives_nothing() -> None:
    img = _strip(_bars(CODE), pitch=1.5, blur=0.5)
    w = img.shape[1]
    for cut in (w // 2, (3 * w) // 4, w - 20):
        assert read_fitted(np.ascontiguousarray(img[:, :cut])) is None
        assert read_fitted(np.ascontiguousarray(img[:, w - cut :])) is None
