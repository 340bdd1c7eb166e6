"""Strips along located Code 128s: sampled 2x from the frame for thin bars, sampled again on the grid that
read a held code, and put before the whole-frame pass when the last turn's budget left them out."""

import cv2
import numpy as np

from pos_app.scanner.decode import Decoder
from pos_app.scanner.views import View, half_size, resample, stretched, to_gray
from pos_app.scanner.zxing_reader import ZxingReader
from tests.scanner_fixtures import code_on_plain_frame, held, render_code

TEXT = "AB12CD34EF56GH78XY"


def _frame(pitch: float, angle: float = 0.0) -> np.ndarray:
    frame = code_on_plain_frame(TEXT, "CODE128", pitch, 90)
    if angle:
        code = render_code(TEXT, "CODE128", 8)
        h, w = cv2.resize(code, None, fx=pitch / 8, fy=pitch / 8, interpolation=cv2.INTER_AREA).shape
        mat = cv2.getRotationMatrix2D((500 + w / 2, 300 + h / 2), angle, 1.0)
        frame = cv2.warpAffine(frame, mat, (1280, 720), flags=cv2.INTER_LINEAR, borderValue=90)
    return frame


def _located(decoder: Decoder, gray: np.ndarray) -> list[View]:
    views = decoder._bars.strips(gray, half_size(gray))
    assert views
    return views


def test_a_strip_sampled_2x_from_the_frame_reads_thin_bars_its_resize_loses() -> None:
    """1.25 px per module: the linear strip resized 2x reads nothing, the frame sampled 2x (cubic) does."""
    gray = to_gray(_frame(1.25))
    zx = ZxingReader(("CODE128",))
    decoder = Decoder(budget_ms=1000)
    v = _located(decoder, gray)[0]
    assert zx.read(v.image, downscale=False) == []
    assert zx.read(stretched(v).image) == []
    wide = resample(gray, v, along=2)
    assert wide.image.shape == (v.image.shape[0], 2 * v.image.shape[1])
    assert [t for t, _s, _p in zx.read(wide.image)] == [TEXT]
    reads = decoder._strip_reads(gray, [v])
    assert [t for t, _s, _p in reads] == [TEXT]
    (x0, y0), _, (x1, y1), _ = reads[0][2]  # mapped back to the frame: around the code's middle
    assert 300 < (x0 + x1) / 2 < 1000 and 200 < (y0 + y1) / 2 < 550


def test_a_held_code_is_read_again_on_the_strip_grid_that_read_it() -> None:
    frame = _frame(2.5, angle=30)
    decoder = Decoder(budget_ms=1000)
    assert [h.text for h in decoder.decode(frame)] == [TEXT]
    assert decoder.stats.winner == "strips"
    assert decoder._read_strip is not None
    assert [h.text for h in decoder.decode(frame)] == [TEXT]
    assert decoder.stats.winner == "roi" and decoder.stats.passes == ["roi"]
    decoder.forget()
    assert decoder._read_strip is None
    # a code read by the whole-frame pass leaves no strip grid behind
    decoder.decode(_frame(3.0))
    assert decoder.stats.winner == "zxing" and decoder._read_strip is None


def test_strips_left_out_by_the_budget_go_before_the_whole_frame_pass_on_the_next_turn() -> None:
    frame = _frame(2.5, angle=30)
    decoder = Decoder(budget_ms=1000)
    decoder._resume = "strips"  # as a turn whose budget ran out before the strips leaves it
    assert [h.text for h in decoder.decode(frame)] == [TEXT]
    assert decoder.stats.passes == ["roi", "strips"]  # the whole-frame pass waited
    empty = np.full((720, 1280, 3), 90, np.uint8)
    decoder.forget()
    decoder._resume = "strips"
    assert decoder.decode(empty) == []
    assert "zxing" in decoder.stats.passes  # nothing located: the whole-frame pass still runs
    decoder.forget()
    assert decoder.decode(empty) == [] and decoder.stats.passes[-1] == "gate"


def test_an_overexposed_code_is_read_on_its_strip_with_the_highlights_spread() -> None:
    """Thin dark bars washed out by overexposure (gain 2, clipped): zxing reads the strip sampled 2x only
    after the gamma curve spreads the highlights; our reader reads nothing there (no wrong text either)."""
    from pos_app.scanner.decode import GAMMA_LUT

    frame = code_on_plain_frame(TEXT, "CODE128", 1.6, 90).astype(np.float32)
    frame = np.clip(cv2.GaussianBlur(frame, (0, 0), 0.7) * 2.0, 0, 255).astype(np.uint8)
    gray = to_gray(frame)
    zx = ZxingReader(("CODE128",))
    decoder = Decoder(budget_ms=1000)
    v = _located(decoder, gray)[0]
    wide = resample(gray, v, along=2)
    assert zx.read(v.image, downscale=False) == [] and zx.read(stretched(v).image) == []
    assert zx.read(wide.image) == [] and decoder._ours(wide) == []
    assert [t for t, _s, _p in zx.read(cv2.LUT(wide.image, GAMMA_LUT))] == [TEXT]
    assert [t for t, _s, _p in decoder._strip_reads(gray, [v])] == [TEXT]


def test_a_defocused_thin_code_is_read_on_its_strip_sharpened() -> None:
    """1.8 px per module blurred (sigma 1 px): no reader reads the strip as sampled, 2x or with the gamma
    curve; zxing reads it unsharpened-masked."""
    from pos_app.scanner.decode import GAMMA_LUT

    gray = to_gray(cv2.GaussianBlur(code_on_plain_frame(TEXT, "CODE128", 1.8, 90), (0, 0), 1.0))
    zx = ZxingReader(("CODE128",))
    decoder = Decoder(budget_ms=1000)
    v = _located(decoder, gray)[0]
    wide = resample(gray, v, along=2)
    assert zx.read(v.image, downscale=False) == [] and zx.read(stretched(v).image) == [] and decoder._ours(v) == []
    assert zx.read(wide.image) == [] and decoder._ours(wide) == [] and zx.read(cv2.LUT(wide.image, GAMMA_LUT)) == []
    assert [t for t, _s, _p in decoder._strip_reads(gray, [v])] == [TEXT]


def _pasted(name: str, x: int, y: int) -> np.ndarray:
    """A crop of a set B tuning frame pasted where it was on a frame of its median colour."""
    from pathlib import Path

    crop = cv2.imread(str(Path(__file__).parent / "fixtures" / "scan" / name))
    frame = np.empty((720, 1280, 3), np.uint8)
    frame[:] = np.median(crop.reshape(-1, 3), axis=0).astype(np.uint8)
    frame[y : y + crop.shape[0], x : x + crop.shape[1]] = crop
    return frame


def test_a_far_code_with_colour_fringes_is_read_on_the_green_channel() -> None:
    """A crop of set B's tuning frame B:9 #15 (far: ~1.3 px per module, the lens's colour fringes, MJPG),
    pasted where it was on a plain frame: the grey strip reads nothing in any of its variants, the same
    strip sampled from the green channel alone does."""
    frame = _pasted("far_code128_colour_fringes.png", 400, 420)
    gray = to_gray(frame)
    decoder = Decoder(budget_ms=1000)
    views = _located(decoder, gray)
    assert decoder._strip_reads(gray, views) == []
    assert [t for t, _s, _p in decoder._strip_reads(gray, views, frame)] == ["07521956923497753"]
    assert [h.text for h in decoder.decode(frame)] == ["07521956923497753"]
    assert decoder.decode(gray) == []


def test_a_far_code_is_read_on_its_green_strip_with_the_shadows_spread(monkeypatch) -> None:
    """B:9 #8 (far, 7 degrees, colour fringes): read only once the gamma curve 0.5 spreads the shadows."""
    import pos_app.scanner.decode as decode

    frame = _pasted("far_code128_shadows.png", 160, 150)
    gray = to_gray(frame)
    decoder = Decoder(budget_ms=1000)
    views = _located(decoder, gray)
    assert [t for t, _s, _p in decoder._strip_reads(gray, views, frame)] == ["ICH505QVNI1GQK9J"]
    monkeypatch.setattr(decode, "GAMMA_LUTS", decode.GAMMA_LUTS[:1])
    assert decoder._strip_reads(gray, views, frame) == []


def test_strips_waiting_for_their_turn_leave_an_idle_frame_its_full_pass_on_the_glances_evidence() -> None:
    """An idle frame keeps the whole-frame pass in front even when the last turn left the strips out."""
    from pos_app.scanner.decode import IDLE_EVERY
    from tests.test_scanner_glance import _empty_frames, _small_qr_frame

    frame = _small_qr_frame(2.5)  # the glance finds it, cannot decode it
    for k in range(1, IDLE_EVERY):
        decoder = Decoder()
        for empty in _empty_frames(k):
            decoder.decode(empty)
        decoder._resume = "strips"
        hits = decoder.decode(frame)
        if "glance" in decoder.stats.passes and "zxing" in decoder.stats.passes:
            assert [h.text for h in hits] == ["123456789012"] and decoder.stats.winner == "zxing"
            break
    else:
        raise AssertionError("no idle frame ran the full pass on the glance's evidence")


def test_a_strip_nothing_reads_is_sampled_again_where_its_bars_are(monkeypatch) -> None:
    """A:4 #150 (jpeg, 640x480, 12 degrees; the code runs to the frame's left edge, ~2.6 px per module):
    the located strip reads nothing in any variant; sampled again centred on its bars, as tall as they
    are and along their own direction (``views.refined``), it reads, by the pass after the whole-frame
    ones; without it nothing does.  (Since round 12 ``refined`` runs in stills only: the camera path's
    deep steps read it on ``strip_fix``'s strips or by zbar along its rows, and without those, nothing.)"""
    from pathlib import Path

    import pos_app.scanner.decode as decode

    crop = cv2.imread(str(Path(__file__).parent / "fixtures" / "scan" / "c128_cut_edge_refined.png"))
    frame = np.empty((480, 640, 3), np.uint8)
    frame[:] = np.median(crop.reshape(-1, 3), axis=0).astype(np.uint8)
    frame[50 : 50 + crop.shape[0], : crop.shape[1]] = crop
    gray = to_gray(frame)
    decoder = Decoder(budget_ms=1000)
    views = _located(decoder, gray)
    assert decoder._strip_reads(gray, views, frame) == []
    assert [e for _v, e in decoder._unread_strips] == [False]  # no start pattern seen: nothing to vote
    assert [t for t, _s, _p in decoder._deep_pass(gray, frame, 1000)] == ["WMXYN9V6B8FLD0P5LQJ"]
    decoder = Decoder(budget_ms=1000)  # the camera (a decoder of its own: the calls above timed its steps)
    texts, winner, _n = held(decoder, frame)  # once every pass ran on the still scene
    assert (texts, winner) == (["WMXYN9V6B8FLD0P5LQJ"], "deep")
    assert [h.text for h in decoder.decode(frame)] == ["WMXYN9V6B8FLD0P5LQJ"]  # re-read on the next frame
    assert [h.text for h in decode.still_decoder().decode(frame)] == ["WMXYN9V6B8FLD0P5LQJ"]
    monkeypatch.setattr(decode, "refined", lambda gray, like: None)
    monkeypatch.setattr(decode, "fixed_strips", lambda gray, located, half=None: [])  # (its strips read it too)
    monkeypatch.setattr(decode.StripZbar, "read", lambda self, gray, v: ([], None))  # (zbar along its rows too)
    assert held(Decoder(budget_ms=1000), frame)[0] == []  # (a still's zbar passes read it, with no budget)


def test_a_blurred_code128_is_read_on_its_stretched_levels_at_one_threshold(monkeypatch) -> None:
    """A:4 #57 (blur, 1280x720; gray crop pasted where it was): zxing's default binarizer (a threshold
    per block from its neighbourhood) and our reader read nothing on the located strip, nor on its 2x
    samples, gamma curves or unsharp mask; its levels stretched (``views.levels``) and read at one
    threshold, it reads; without that step nothing does."""
    from pathlib import Path

    crop = cv2.imread(str(Path(__file__).parent / "fixtures" / "scan" / "c128_blur_levels_A4_57.png"), 0)
    frame = np.full((720, 1280), int(np.median(crop)), np.uint8)
    frame[155 : 155 + crop.shape[0], 99 : 99 + crop.shape[1]] = crop
    frame = cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
    gray = to_gray(frame)
    decoder = Decoder(budget_ms=1000)
    views = _located(decoder, gray)
    assert [t for t, _s, _p in decoder._strip_reads(gray, views, frame)] == ["I6GKV43A0G3UVUHGZIVH"]
    texts, _winner, _n = held(Decoder(), frame)  # the camera path at its budget
    assert texts == ["I6GKV43A0G3UVUHGZIVH"]
    monkeypatch.setattr(Decoder, "_zxing_levels", lambda self, v: [])
    assert decoder._strip_reads(gray, views, frame) == []  # (a deep step, code128_fit, reads it later)
