"""Write the counter's short sound effects to resources/sounds/*.wav (16-bit mono PCM, 44.1 kHz).

    uv run python tools/make_sounds.py

Generated rather than downloaded: no licence question, and they are easy to tune.  Each sound has
its own shape so it can be told apart without looking: a rising two-note chime (redeemed), a low
double buzz (refused), three short falling beeps (error), a single short high beep (scan read).
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 44_100
OUT = Path(__file__).resolve().parent.parent / "resources" / "sounds"

# (frequency Hz or 0 for silence, seconds, harmonic mix 0..1)
Note = tuple[float, float, float]

SOUNDS: dict[str, list[Note]] = {
    "success": [(880.0, 0.12, 0.2), (1318.5, 0.28, 0.2)],  # A5 then E6: a bright rising chime
    "refusal": [(220.0, 0.16, 0.6), (0.0, 0.06, 0.0), (196.0, 0.22, 0.6)],  # low, buzzy, twice
    "error": [(660.0, 0.09, 0.3), (0.0, 0.05, 0.0), (554.4, 0.09, 0.3), (0.0, 0.05, 0.0), (440.0, 0.14, 0.3)],
    "scan": [(1760.0, 0.06, 0.1)],  # a short high beep, like a till scanner
}


def tone(freq: float, seconds: float, buzz: float, volume: float = 0.5) -> list[int]:
    n = int(RATE * seconds)
    attack, release = int(RATE * 0.005), int(RATE * 0.03)
    samples = []
    for i in range(n):
        if freq <= 0:
            samples.append(0)
            continue
        t = i / RATE
        wave_ = math.sin(2 * math.pi * freq * t) + buzz * math.sin(2 * math.pi * 3 * freq * t) / 3
        env = min(1.0, i / attack if attack else 1.0, (n - i) / release if release else 1.0)
        samples.append(int(32767 * volume * env * wave_ / (1 + buzz / 3)))
    return samples


def render(notes: list[Note]) -> bytes:
    samples: list[int] = []
    for freq, seconds, buzz in notes:
        samples += tone(freq, seconds, buzz)
    return struct.pack(f"<{len(samples)}h", *samples)


def write(name: str, notes: list[Note], out: Path = OUT) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(render(notes))
    return path


def main() -> int:
    for name, notes in SOUNDS.items():
        path = write(name, notes)
        print(f"{path.relative_to(OUT.parent.parent)}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
