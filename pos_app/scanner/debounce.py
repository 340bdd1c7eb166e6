"""One scan per appearance of a code, on the frame clock.

A code is reported when it is first seen, and not again while it stays in view nor within ``window_s``
seconds after it was last seen; then it may be reported again.  A different code is reported at once.
Time is whatever clock the frames carry (a camera's monotonic time, a video file's own timestamps), so a
file processed ten times faster than real time debounces exactly as the live camera would.

A code missed by the decoder in a few frames while it is held up is still "in view": only a gap longer
than the window counts as having left, which is what the counter needs (no repeat while it is held).
"""

from __future__ import annotations


class Debouncer:
    def __init__(self, window_s: float = 3.0) -> None:
        if window_s < 0:
            raise ValueError("window_s must be >= 0")
        self.window_s = window_s
        self._last_seen: dict[str, float] = {}

    def reset(self) -> None:
        self._last_seen.clear()

    def seen(self, codes: list[str], t: float) -> list[str]:
        """Record the codes decoded in the frame at time ``t``; return those to report now, in order."""
        fresh: list[str] = []
        for code in codes:
            last = self._last_seen.get(code)
            if (last is None or t - last > self.window_s or t < last) and code not in fresh:
                fresh.append(code)  # t < last: the clock went back (a new video, a rewound file)
            self._last_seen[code] = t
        # forget codes gone for longer than the window: they would be reported again anyway
        for code in [c for c, last in self._last_seen.items() if t - last > self.window_s]:
            del self._last_seen[code]
        return fresh
