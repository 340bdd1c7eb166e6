"""The benchmark's generators (benchmarks/scan_frames.py, scan_frames_b.py): a coded frame shows its whole
code's symbol.  A placement that put part of the bars outside the frame made a frame no reader could read
(set B's landscape Code 128 rolled upright: 44 of 770 Code 128 frames of B:7-B:18, docs/scanning.md)."""

from __future__ import annotations

import numpy as np
import pytest

from pos_app.scanner.decode import still_decoder, to_gray
from tests.scanner_fixtures import ROOT  # noqa: F401  (puts benchmarks/ on the path)

from scan_frames import frame_set, inside  # isort: skip
import scan_frames_b  # isort: skip
from scan_frames_b import H, W, _capped_skew, _thumb, make_frame_b  # isort: skip


def test_set_b_moves_a_code_larger_than_the_frame_back_until_it_fits(monkeypatch: pytest.MonkeyPatch) -> None:
    # B:7's third frame: a landscape Code 128 rolled by 106 degrees at the distance that fitted its length
    # to the frame's width; every one of the 40 placements cut it at the top and bottom
    rng = np.random.default_rng([7, 0xB])
    backed_off = []
    place = scan_frames_b._pose_quad

    def no_draw_when_backing_off(*args: object, **kw: object) -> np.ndarray:
        before = rng.bit_generator.state
        quad = place(*args, **kw)  # type: ignore[arg-type]
        if kw.get("axis") is not None:  # the back-off draws nothing: every later frame stays as it was
            backed_off.append(rng.bit_generator.state == before)
        return quad

    monkeypatch.setattr(scan_frames_b, "_pose_quad", no_draw_when_backing_off)
    frames = [make_frame_b(rng, "clean") for _ in range(3)]
    assert backed_off and all(backed_off)
    last = frames[2]
    assert last.symbology == "CODE128" and last.symbol is not None
    assert inside(last.symbol, W, H, margin=8)
    height = float(np.ptp(last.symbol[:, 1]))
    assert height > 0.6 * H  # moved back only as far as needed: still a near code
    assert last.code in [h.text for h in still_decoder().decode(to_gray(last.image))]
    for f in frames:
        assert f.symbol is not None and inside(f.symbol, W, H)


def test_set_a_shrinks_a_turned_code_until_its_symbol_fits() -> None:
    # A:5's first frame: a Code 128 whose length the pitch's cap fitted to the frame's width, turned so
    # that its ends left the frame
    first = next(iter(frame_set(5, 12, empty=12)))
    assert first.symbology == "CODE128" and first.symbol is not None
    h, w = first.image.shape[:2]
    assert inside(first.symbol, w, h, margin=8)
    assert first.code in [h.text for h in still_decoder().decode(to_gray(first.image))]


def test_a_thumb_over_a_code128_leaves_the_bars_clear_along_its_other_edge() -> None:
    # an upright 4:1 Code 128: 400 px long, 100 px tall (set B draws 4:1, 3.6:1 in landscape)
    poly = np.float32([[100, 100], [500, 100], [500, 200], [100, 200]])
    sides = set()
    for seed in range(40):
        tip, direction, width = _thumb(np.random.default_rng(seed), poly, "CODE128")
        over_top = bool(direction[1] < 0)  # the thumb comes from above the code
        sides.add(over_top)
        assert abs(direction[0]) < 1e-6  # straight across the code's edge
        depth = tip[1] - 100 if over_top else 200 - tip[1]  # its tip's distance inside its edge
        assert 0.1 * 100 - 1e-3 <= depth <= 0.3 * 100 + 1e-3
        assert depth + width / 2 < 0.75 * 100  # its round end too: a quarter of the bars' height clear
    assert sides == {True, False}


def test_the_rolling_shutter_keeps_a_placed_symbol_in_the_frame() -> None:
    # a code placed 10 px from the left edge, high in the frame: its top row (y = 100, 260 px above the
    # centre) moves by +47 px under a skew of +0.18 (right: kept) and by -47 px under -0.18 (out)
    poly = np.float32([[10, 100], [300, 100], [300, 180], [10, 180]])
    assert _capped_skew(0.18, poly, 2) == 0.18
    skew = _capped_skew(-0.18, poly, 2)
    assert -0.18 < skew <= 0
    moved = poly[:, 0] - skew * (poly[:, 1] - H / 2)
    assert moved.min() >= 2 - 1e-4
    centred = np.float32([[500, 300], [700, 300], [700, 400], [500, 400]])
    assert _capped_skew(-0.18, centred, 2) == -0.18
