"""The camera path's budget goes with the frame's pixels: a 640x480 frame gets a share of a 1280x720
frame's (raw pyzbar's time goes with the pixels; a fixed budget left a small frame's p95 at the budget),
not less than ``MIN_BUDGET_SCALE`` of it, and a step over that share still runs on a later turn."""

import numpy as np

from pos_app.scanner.decode import DEFAULT_BUDGET_MS, MIN_BUDGET_SCALE, Decoder
from pos_app.scanner.deep_strips import DeepStrips
from pos_app.scanner.views import View
from tests.scanner_fixtures import code_on_phone

CODE = "987654321098"  # at 45 degrees: only the fallbacks (the strips) read it


def test_a_frame_gets_its_pixels_share_of_a_1280x720_frames_budget() -> None:
    decoder = Decoder()
    assert decoder.budget_scale((720, 1280, 3)) == 1.0
    assert decoder.budget_scale((1080, 1920, 3)) == 1.0  # never more than a 1280x720 frame's
    assert decoder.budget_scale((720, 960)) == 0.75
    assert decoder.budget_scale((480, 640, 3)) == MIN_BUDGET_SCALE  # 1/3 of the pixels: the floor
    assert decoder.budget_scale((240, 320, 3)) == MIN_BUDGET_SCALE


def _strips_run(size: tuple[int, int], estimate_ms: float) -> tuple[bool, Decoder]:
    """One turn on a Code 128 only the strips read, with a clock that stands still (every pass costs
    nothing) and the strips estimated at ``estimate_ms``: whether the strips ran."""
    decoder = Decoder(clock=lambda: 0.0)
    frame = code_on_phone(CODE, "CODE128", size=size, seed=5, angle=45)
    decoder._cost["strips"] = estimate_ms
    hits = decoder.decode(frame)
    ran = "strips" in decoder.stats.passes
    assert [h.text for h in hits] == ([CODE] if ran else [])
    return ran, decoder


def test_a_small_frame_runs_a_pass_only_within_its_share_then_on_the_next_turn_first() -> None:
    estimate = 0.8 * DEFAULT_BUDGET_MS  # fits a 1280x720 frame's budget, not a 640x480 frame's share
    assert estimate > MIN_BUDGET_SCALE * DEFAULT_BUDGET_MS
    ran, _ = _strips_run((1280, 720), estimate)
    assert ran
    ran, decoder = _strips_run((640, 480), estimate)
    assert not ran and "gate" not in decoder.stats.passes  # the gate let it through: the budget stopped it
    frame = code_on_phone(CODE, "CODE128", size=(640, 480), seed=5, angle=45)
    decoder._cost["strips"] = estimate
    # the next turn (every frame is one while a located code is left unread) runs it first, over its share
    hits = decoder.decode(frame)
    assert decoder.stats.passes[:2] == ["roi", "strips"] and [h.text for h in hits] == [CODE]


def test_a_deep_step_over_a_small_frames_share_runs_as_on_a_1280x720_frame() -> None:
    """DeepStrips skips a step estimated at over SKIP_OVER times the turn's share; a small frame's share
    is smaller, but the step is skipped only when it would be on a 1280x720 frame."""
    gray = np.zeros((480, 640), np.uint8)
    strip = View(np.zeros((48, 200), np.uint8), np.array([[1.0, 0, 0], [0, 1.0, 0]]))
    ran: list[str] = []

    def step(name: str):  # type: ignore[no-untyped-def]
        return (name, lambda v, evidence: True, lambda g, v: ran.append(name) or [])

    steps = [step("dear")]
    deep = DeepStrips(clock=lambda: 0.0)
    deep.begin([(strip, False)], steps)
    deep._cost["dear"] = 20.0  # a 1280x720 turn's share is 10 ms: under SKIP_OVER times it, so it runs
    deep.run(gray, steps, 10.0 * MIN_BUDGET_SCALE, MIN_BUDGET_SCALE)
    assert ran == ["dear"]
