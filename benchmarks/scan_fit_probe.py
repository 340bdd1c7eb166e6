"""Probe for the model-fitting Code 128 reader (``code128_fit.read_fitted``) on the tuning sets only.

    taskset -c 1 uv run python benchmarks/scan_fit_probe.py            # all tuning sets
    taskset -c 1 uv run python benchmarks/scan_fit_probe.py --sets B:7,B:8

Tuning sets only (A:4-A:6, B:7-B:12, cached by scan_bench.py in the temp folder); never a hold-out seed.
For every frame: ``BarLocator().strips`` on the gray frame as ``Decoder.decode`` locates them, each strip as
sampled and sampled 2x along its rows (``resample(gray, v, along=2)``, as ``_strip_reads``).  Reports:

1. on the Code 128 frames ``still_decoder()`` misses: how many ``read_fitted`` reads right (per set);
2. over every strip of every frame (QR, Code 128, empty): texts ``read_fitted`` returns that are wrong;
3. ms per strip (CPU time, median / p95).

The still decoder's misses and the strips are cached in the temp folder (``pos-app-fit-probe``).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from pos_app.scanner.code128_fit import read_fitted  # noqa: E402
from pos_app.scanner.views import BarLocator, half_size, resample, to_gray  # noqa: E402

TUNING = ("A:4", "A:5", "A:6", "B:7", "B:8", "B:9", "B:10", "B:11", "B:12")
CACHE = Path(tempfile.gettempdir()) / "pos-app-fit-probe"


def tuning_rows(spec: str) -> list[tuple[bytes, str | None, str | None, str, bool]]:
    if spec not in TUNING:
        raise SystemExit(f"{spec}: not a tuning set")
    kind, seed = spec.split(":")
    per = 12 if kind == "A" else 8
    path = Path(tempfile.gettempdir()) / "pos-app-scan-sets" / f"{kind}_{seed}_{per}_v5.pkl"
    rows: list[tuple[bytes, str | None, str | None, str, bool]] = pickle.loads(path.read_bytes())
    return rows


def prepared(spec: str) -> list[dict[str, object]]:
    """Per frame: code, symbology, category, in_view, whether the still decoder read it (Code 128 only),
    and the located strips (1x, 2x)."""
    path = CACHE / f"{spec.replace(':', '_')}.pkl"
    if path.exists():
        out: list[dict[str, object]] = pickle.loads(path.read_bytes())
        return out
    from pos_app.scanner.decode import still_decoder

    dec = still_decoder()
    loc = BarLocator()
    out = []
    for i, (png, code, sym, cat, in_view) in enumerate(tuning_rows(spec)):
        frame = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR)
        gray = to_gray(frame)
        views = loc.strips(gray, half_size(gray))
        strips = [(v.image, resample(gray, v, along=2).image) for v in views]
        read = None
        if sym == "CODE128":
            read = any(h.text == code for h in dec.decode(frame))
        out.append(dict(index=i, code=code, sym=sym, cat=cat, in_view=in_view, still_read=read, strips=strips))
    CACHE.mkdir(exist_ok=True)
    path.write_bytes(pickle.dumps(out))
    return out


def zxing_photos(times: list[float]) -> int:
    """Every located strip of the zxing photos (a report set: checked for wrong reads, never tuned on)."""
    from scan_bench import zxing_items  # type: ignore[import-not-found]

    loc = BarLocator()
    wrong = right = n = 0
    for item in zxing_items():
        gray = to_gray(item.image)
        for v in loc.strips(gray, half_size(gray)):
            for img in (v.image, resample(gray, v, along=2).image):
                n += 1
                t0 = time.thread_time()
                got = read_fitted(img)
                times.append((time.thread_time() - t0) * 1000)
                if got is not None:
                    right += got[0] == item.code
                    if got[0] != item.code:
                        wrong += 1
                        print(f"WRONG zxing {item.category}: {got} for {item.code!r}")
    print(f"zxing photos: strips {n}, right {right}, wrong {wrong}")
    return wrong


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default=",".join(TUNING))
    ap.add_argument("--show", action="store_true", help="list the misses and what was read")
    ap.add_argument("--zxing", action="store_true", help="also every strip of the zxing photos (report set)")
    args = ap.parse_args()
    times: list[float] = []
    total_wrong = 0
    lines = []
    for spec in args.sets.split(","):
        frames = prepared(spec)
        misses = [f for f in frames if f["sym"] == "CODE128" and not f["still_read"]]
        right = wrong = nstrips = any_right = 0
        got_miss = []
        for f in frames:
            frame_right = False
            for pair in f["strips"]:  # type: ignore[attr-defined]
                for img in pair:
                    nstrips += 1
                    t0 = time.thread_time()
                    got = read_fitted(img)
                    times.append((time.thread_time() - t0) * 1000)
                    if got is None:
                        continue
                    if got[0] == f["code"]:
                        frame_right = True
                    else:
                        wrong += 1
                        print(f"WRONG {spec} #{f['index']} {f['cat']}: {got} for {f['code']}")
            any_right += frame_right
            if frame_right and f in misses:
                right += 1
                got_miss.append(f"#{f['index']}")
        total_wrong += wrong
        coded = sum(f["sym"] == "CODE128" for f in frames)
        line = (
            f"{spec}: misses {len(misses)}, read by read_fitted {right} {got_miss}; strips {nstrips}, wrong {wrong}; "
            f"Code 128 frames it reads alone {any_right}/{coded}"
        )
        lines.append(line)
        print(line, flush=True)
        if args.show:
            for f in misses:
                print(f"   miss #{f['index']} {f['cat']} {'in' if f['in_view'] else 'cut'} strips={len(f['strips'])}")  # type: ignore[arg-type]
    if args.zxing:
        total_wrong += zxing_photos(times)
    t = np.array(times)
    print("\n".join(lines))
    print(
        f"wrong over all strips: {total_wrong}; ms per strip: median {np.median(t):.2f}, "
        f"p95 {np.percentile(t, 95):.2f}, n={t.size}"
    )


if __name__ == "__main__":
    main()
