"""A held code's later frames: deeper reads of the Code 128 strips nothing read.

In the camera path a still scene runs each pass once (``decode.py``); a code held in view for a second
then leaves some 25 frames whose turns are mere glances.  When the strips pass located a 1-D code and
read nothing, those turns go to deeper readers of its strips instead, a few steps a frame within a share
of the frame's budget: the steps of every strip in order (cheapest kind first, the strips in the
locator's order), each on the strip sampled again from the current frame, the next turn going on where
this one stopped.  Stills (the ``decode`` command) run them all at once, after the other passes.

This module keeps the queue and the steps' running cost; the readers are the decoder's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from pos_app.scanner.views import View

__all__ = ["DEEP_MS", "DEEP_STRIPS", "DeepStrips"]

DEEP_MS = 10.0  # CPU ms a camera turn gives the deep steps (the frame's budget permitting)
DEEP_STRIPS = 4  # unread strips looked at more deeply (the locator's first ones)
FIRST_MS = 4.0  # a kind of step not yet run is taken to cost this much
SKIP_OVER = 3.0  # a step estimated at over this many times the turn's share is skipped (its estimate ages)

Read = tuple[str, str, tuple[tuple[int, int], ...]]
# a step: (gray frame, the strip as located) -> reads; ``wants(strip, evidence)``: whether the step
# applies to a strip (evidence: whether our reader saw a start pattern on it)
Step = tuple[str, Callable[[View, bool], bool], Callable[[np.ndarray, View], list[Read]]]


class DeepStrips:
    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._queue: list[tuple[str, View]] | None = None  # None: not begun on this scene
        self._cost: dict[str, float] = {}  # running estimate of each step's ms

    def forget(self) -> None:
        """A new scene: its strips are not those."""
        self._queue = None

    @property
    def begun(self) -> bool:
        return self._queue is not None

    @property
    def pending(self) -> bool:
        return bool(self._queue)

    def begin(self, unread: Sequence[tuple[View, bool]], steps: Sequence[Step]) -> None:
        """Queue the steps for the strips (view, whether a start pattern was seen) the strips pass left
        unread: each kind of step on every strip before the next kind."""
        strips = list(unread[:DEEP_STRIPS])
        self._queue = [(name, v) for name, wants, _read in steps for v, evidence in strips if wants(v, evidence)]

    def insert(self, items: Sequence[tuple[str, View]]) -> None:
        """Steps to run next (a step that found new strips queues their reads)."""
        if self._queue is not None:
            self._queue[0:0] = list(items)

    def run(
        self, gray: np.ndarray, steps: Sequence[Step], budget_ms: float, scale: float = 1.0
    ) -> tuple[list[Read], str | None]:
        """The next queued steps while their estimates fit ``budget_ms`` (one at least): the reads of the
        first that reads, and its name.  ``scale``: the frame's share of a 1280x720 frame's budget
        (``Decoder.budget_scale``); a step is skipped only when it would be on a 1280x720 frame, so a
        small frame's step over its turn's share still runs, alone, as it would there."""
        readers = {name: read for name, _wants, read in steps}
        start = self._clock()
        ran = False
        while self._queue:
            name, view = self._queue[0]
            spent = (self._clock() - start) * 1000
            estimate = self._cost.get(name, FIRST_MS)
            if ran and spent + estimate > budget_ms:
                break
            self._queue.pop(0)
            if estimate > SKIP_OVER * budget_ms / scale:  # a step that took far more than a turn: skipped (it ages)
                self._cost[name] = 0.9 * estimate
                continue
            t0 = self._clock()
            reads = readers[name](gray, view)
            cost = (self._clock() - t0) * 1000
            old = self._cost.get(name)
            # up at once, down slowly: a step's cost depends on its strip, and one over the turn's share
            # costs a frame its budget
            self._cost[name] = cost if old is None else max(cost, 0.8 * old + 0.2 * cost)
            ran = True
            if reads:
                return reads, name
        return [], None
