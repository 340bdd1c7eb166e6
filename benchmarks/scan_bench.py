"""Scan benchmark: raw pyzbar vs our decoder on a generated, labelled set of counter-webcam frames.

    taskset -c 0 uv run python benchmarks/scan_bench.py            # one core, as the targets are stated

Prints, per category and overall: decode rate (the expected code is among the decodes), wrong reads (any
decoded text that is not the expected one; on empty frames, any decode) and ms per 1280x720 frame
(median, p95) for raw pyzbar (all symbologies), pyzbar restricted to QR Code + Code 128, and our
pipeline's decoder, in the same run on the same frames.  Times include the BGR->gray conversion and are
the thread's CPU time (``time.thread_time``): on a machine shared with other work, wall time measures the
neighbours; wall-clock medians are printed too.  Then the same on the zxing black-box photos
(../shared/scan-samples/zxing-blackbox/), where every decoded text counts, not only coupon payloads.

The frames are independent, so the decoder forgets its region of interest before each one (the ROI pass
only helps a live video and is not credited here); its per-pass cost estimates are warmed on 10 frames.
Targets: >= 90 % read, 0 wrong, median <= 20 ms, p95 <= 33 ms per 1280x720 frame, one core.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from scan_frames import CATEGORIES, Frame, frame_set  # noqa: E402

from pos_app.scanner.decode import Decoder, to_gray  # noqa: E402

ZXING = HERE.parent.parent / "shared" / "scan-samples" / "zxing-blackbox"

Method = Callable[[np.ndarray], list[str]]


def pyzbar_method(symbols: list | None) -> Method:  # type: ignore[type-arg]
    from pyzbar import pyzbar

    def run(image: np.ndarray) -> list[str]:
        gray = to_gray(image)
        return [d.data.decode("utf-8", "replace") for d in pyzbar.decode(gray, symbols=symbols)]

    return run


def our_method(decoder: Decoder, winners: Counter[str]) -> Method:
    def run(image: np.ndarray) -> list[str]:
        decoder.forget()
        texts = [h.text for h in decoder.decode(image)]
        winners[decoder.stats.winner or "-"] += 1
        return texts

    return run


class Tally:
    def __init__(self) -> None:
        self.coded = self.read = self.wrong = 0
        self.cpu_ms: list[float] = []
        self.wall_ms: list[float] = []

    def add(self, expected: str | None, texts: list[str], cpu: float, wall: float, big: bool) -> None:
        if expected is not None:
            self.coded += 1
            self.read += expected in texts
        self.wrong += sum(t != expected for t in texts)
        if big:
            self.cpu_ms.append(cpu)
            self.wall_ms.append(wall)

    def row(self) -> str:
        rate = f"{100 * self.read / self.coded:5.1f}%" if self.coded else "     -"
        if not self.cpu_ms:
            return f"{rate} {self.wrong:5d}      -      -"
        return f"{rate} {self.wrong:5d} {np.median(self.cpu_ms):6.1f} {np.percentile(self.cpu_ms, 95):6.1f}"


def run(
    frames: list[Frame], methods: dict[str, Method], label: str, winners: Counter[str], all_sizes: bool = False
) -> None:
    tallies: dict[str, dict[str, Tally]] = {m: defaultdict(Tally) for m in methods}
    winners.clear()
    for frame in frames:
        big = all_sizes or frame.image.shape[:2] == (720, 1280)
        for name, fn in methods.items():
            c0, w0 = time.thread_time(), time.perf_counter()
            texts = fn(frame.image)
            cpu, wall = (time.thread_time() - c0) * 1000, (time.perf_counter() - w0) * 1000
            for key in (frame.category, "OVERALL"):
                tallies[name][key].add(frame.code, texts, cpu, wall, big)
    print(f"{label:14s}" + "".join(f" | {m:^29s}" for m in methods))
    print(f"{'':14s}" + " | read%  wrong med ms p95 ms" * len(methods))
    seen = set().union(*(t.keys() for t in tallies.values()))
    for cat in [c for c in (*CATEGORIES, "empty", "zxing") if c in seen] + ["OVERALL"]:
        print(f"{cat:14s}" + "".join(f" | {tallies[m][cat].row():>29s}" for m in methods))
    walls = ", ".join(
        f"{m} {np.median(tallies[m]['OVERALL'].wall_ms):.1f}" for m in methods if tallies[m]["OVERALL"].wall_ms
    )
    if walls:
        sizes = "all frames" if all_sizes else "1280x720 frames"
        print(f"(ms: CPU time over {sizes}; wall-clock medians: {walls})")
    print(f"(ours: frames won by pass {dict(winners)})\n")


def zxing_frames() -> list[Frame]:
    frames = []
    for folder in sorted(p for p in ZXING.iterdir() if p.is_dir()):
        for img in sorted(folder.glob("*.png")) + sorted(folder.glob("*.jpg")):
            text = img.with_suffix(".txt").read_bytes().decode("utf-8")
            if folder.name.startswith("code128") and ("ó" in text or "ñ" in text):
                continue  # ZXing's stand-ins for FNC characters; zbar spells them differently
            image = cv2.imread(str(img), cv2.IMREAD_COLOR)
            if image is not None:
                frames.append(Frame(image, text, None, "zxing"))
    return frames


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--per-category", type=int, default=24)
    ap.add_argument("--budget-ms", type=float, default=None, help="decoder time budget (default: ours)")
    ap.add_argument("--threads", type=int, default=1, help="cv2.setNumThreads (default 1)")
    ap.add_argument("--no-raw", action="store_true", help="skip the pyzbar baselines (faster tuning)")
    ap.add_argument("--no-zxing", action="store_true", help="skip the zxing photos")
    ap.add_argument(
        "--categories", default=None, help="comma-separated categories to keep (and 'empty'), for faster tuning"
    )
    args = ap.parse_args()
    cv2.setNumThreads(args.threads)
    from pyzbar.pyzbar import ZBarSymbol

    budget = {} if args.budget_ms is None else {"budget_ms": args.budget_ms}
    winners: Counter[str] = Counter()
    baselines: dict[str, Method] = {}
    if not args.no_raw:
        baselines["raw pyzbar (all)"] = pyzbar_method(None)
        baselines["pyzbar QR+C128"] = pyzbar_method([ZBarSymbol.QRCODE, ZBarSymbol.CODE128])

    t0 = time.perf_counter()
    frames = list(frame_set(args.seed, args.per_category))
    if args.categories:
        keep = set(args.categories.split(","))
        unknown = keep - {*CATEGORIES, "empty"}
        if unknown:
            ap.error(f"unknown categories: {', '.join(sorted(unknown))}")
        # filtered after generation: every frame stays the one the full set holds for this seed
        frames = [f for f in frames if (f.category if f.code is not None else "empty") in keep]
    n_coded = sum(f.code is not None for f in frames)
    decoder = Decoder(**budget)
    for f in frames[:10]:  # warm the decoder's per-pass cost estimates, as a running camera has them
        decoder.decode(f.image)
    print(
        f"scan benchmark: seed {args.seed}, {n_coded} coded + {len(frames) - n_coded} empty frames "
        f"(generated in {time.perf_counter() - t0:.0f} s), cv2 threads {args.threads}, "
        f"decoder budget {decoder.budget_ms} ms\n"
    )
    run(frames, {**baselines, "ours": our_method(decoder, winners)}, "synthetic", winners)

    if ZXING.is_dir() and not args.no_zxing:
        zx = zxing_frames()
        # real photos hold arbitrary texts: compare every read, not only coupon payloads
        zdecoder = Decoder(payload_only=False, **budget)
        for f in zx[:10]:
            zdecoder.decode(f.image)
        run(zx, {**baselines, "ours": our_method(zdecoder, winners)}, f"zxing ({len(zx)})", winners, True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
