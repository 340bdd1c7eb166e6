"""Probe for ``strip_fix.fixed_strips`` (better strips over whole codes) on the tuning sets only.

    taskset -c 1 uv run python benchmarks/scan_strip_probe.py            # all tuning sets
    taskset -c 1 uv run python benchmarks/scan_strip_probe.py --sets B:9,B:12 --show

Tuning sets only (A:4-A:6, B:7-B:12, cached by scan_bench.py in the temp folder); never a hold-out seed.
For every frame: the strips ``BarLocator().strips`` locates (as ``Decoder.decode``), then
``fixed_strips(gray, located)``; each fixed strip read by the strip chain
(``Decoder(budget_ms=1000)._strip_reads(gray, [v], frame, again=True)``), then ``read_fitted`` and
``read_voted`` (as the deep steps: coupon grammar).  Reports:

1. on the Code 128 frames the camera path (``scan_bench --camera 8``: one decoder, 8 frames of the held
   code, a text read twice) misses: how many a fixed strip lets the readers read (per set);
2. over every frame (QR, Code 128, empty): texts the readers give on fixed strips that are wrong;
3. ms per ``fixed_strips`` call (CPU time, median / p95).

The camera path's misses are cached in the temp folder (``pos-app-strip-probe``).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import cv2
import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from scan_fit_probe import TUNING, tuning_rows  # noqa: E402  (tuning sets only)

from pos_app.scanner.decode import Decoder  # noqa: E402
from pos_app.scanner.strip_fix import fixed_strips  # noqa: E402
from pos_app.scanner.views import BarLocator, View, half_size, to_gray  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "pos-app-strip-probe"
Row = tuple[bytes, str | None, str | None, str, bool]


def camera_misses(spec: str, rows: list[Row], frames: int = 8) -> list[int]:
    """Indexes of the Code 128 frames the camera path misses (as ``scan_bench.camera_method``)."""
    path = CACHE / f"{spec.replace(':', '_')}_x{frames}.pkl"
    if path.exists():
        cached: list[int] = pickle.loads(path.read_bytes())
        return cached
    dec = Decoder()
    for png, *_ in rows[:10]:  # warmed up as scan_bench's decoders (its pass cost estimates)
        dec.decode(cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR))
    out = []
    for i, (png, code, sym, _cat, _in) in enumerate(rows):
        if sym != "CODE128":
            continue
        image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR)
        dec.forget()
        seen: Counter[str] = Counter()
        for _ in range(frames):
            seen.update({h.text for h in dec.decode(image)})
        if seen[code or ""] < 2:
            out.append(i)
    CACHE.mkdir(exist_ok=True)
    path.write_bytes(pickle.dumps(out))
    return out


def chain(dec: Decoder, gray: np.ndarray, frame: np.ndarray, v: View) -> list[str]:
    """The texts the readers give on one strip: the strip chain, then the fitting and voting readers."""
    reads = dec._strip_reads(gray, [v], frame, again=True)
    reads = reads or dec._ours(v, how="fit") or dec._ours(v, how="vote")
    return [t for t, _s, _p in reads]


def photos(dec: Decoder, loc: BarLocator, times: list[float], search: bool) -> int:
    """Wrong texts on the fixed strips of every zxing photo (a report set: never tuned on)."""
    from scan_bench import zxing_items  # type: ignore[import-not-found]

    wrong = right = 0
    for item in zxing_items():
        gray = to_gray(item.image)
        t0 = time.thread_time()
        fixed = fixed_strips(gray, loc.strips(gray, half_size(gray)), search=search)
        times.append((time.thread_time() - t0) * 1000)
        texts = [t for v in fixed for t in chain(dec, gray, item.image, v)]
        right += texts.count(item.code)
        bad = [t for t in texts if t != item.code]
        wrong += len(bad)
        if bad:
            print(f"WRONG zxing {item.category}: {bad} for {item.code!r}")
    print(f"zxing photos: right {right}, wrong {wrong}")
    return wrong


def options() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(TUNING))
    ap.add_argument("--show", action="store_true", help="list the misses and what each strip read")
    ap.add_argument("--located-only", action="store_true", help="fixed_strips(search=False): no coherent_bars")
    ap.add_argument("--zxing", action="store_true", help="also every frame of the zxing photos (report set)")
    ap.add_argument("--misses-only", action="store_true", help="only the camera path's misses (no wrong-read count)")
    return ap.parse_args()


def main() -> None:
    args = options()
    cv2.setNumThreads(1)
    loc = BarLocator()
    dec = Decoder(budget_ms=1000)
    times: list[float] = []
    reading: list[float] = []  # ms the readers take on one fixed strip
    lines = []
    total_wrong = total_read = total_miss = nstrips = 0
    for spec in args.sets.split(","):
        rows = tuning_rows(spec)
        misses = set(camera_misses(spec, rows))
        read: list[str] = []
        wrong = 0
        for i, (png, code, _sym, cat, in_view) in enumerate(rows):
            if args.misses_only and i not in misses:
                continue
            frame = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR)
            gray = to_gray(frame)
            located = loc.strips(gray, half_size(gray))
            t0 = time.thread_time()
            fixed = fixed_strips(gray, located, search=not args.located_only)
            times.append((time.thread_time() - t0) * 1000)
            got = []
            for v in fixed:
                t0 = time.thread_time()
                got.append(chain(dec, gray, frame, v))
                reading.append((time.thread_time() - t0) * 1000)
            nstrips += len(fixed)
            texts = [t for g in got for t in g]
            for t in texts:
                if t != code:
                    wrong += 1
                    print(f"WRONG {spec} #{i} {cat}: {t!r} for {code!r}")
            if i in misses:
                hit = code in texts
                if hit:
                    read.append(f"#{i}")
                if args.show:
                    where = "in" if in_view else "cut"
                    print(f"   {spec} miss #{i} {cat} {where}: {'READ' if hit else '-'} strips {len(fixed)} {got}")
        total_wrong += wrong
        total_read += len(read)
        total_miss += len(misses)
        line = f"{spec}: camera misses {len(misses)}, read on fixed strips {len(read)} {read}; wrong {wrong}"
        lines.append(line)
        print(line, flush=True)
    if args.zxing:
        wrong = photos(dec, loc, times, not args.located_only)
        total_wrong += wrong
        lines.append(f"zxing photos: wrong {wrong}")
    t = np.array(times)
    print("\n".join(lines))
    print(
        f"misses read {total_read}/{total_miss}; wrong over all strips: {total_wrong} ({nstrips} strips); "
        f"fixed_strips ms per call: median {np.median(t):.2f}, p95 {np.percentile(t, 95):.2f}, n={t.size}"
    )
    if reading:
        per = np.array(reading)
        print(f"the readers on one fixed strip: ms median {np.median(per):.1f}, p95 {np.percentile(per, 95):.1f}")


if __name__ == "__main__":
    main()
