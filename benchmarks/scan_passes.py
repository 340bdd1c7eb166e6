"""Which pass reads which frame, and at what cost: every pass run on every frame (tuning aid).

    taskset -c 0 uv run python benchmarks/scan_passes.py --set A:4 [--symbology CODE128]

Only for the tuning sets (A:4, A:11; docs/scanning.md): it prints, per pass, frames read, frames read
by no earlier pass of the current order, and the pass's median CPU ms, then the frames nobody read.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scan_bench import set_a

from pos_app.scanner.views import to_gray
from pos_app.scanner.zbar_decoder import ZbarDecoder as Decoder


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="A:4")
    ap.add_argument("--per-category", type=int, default=12)
    ap.add_argument("--symbology", default=None)
    args = ap.parse_args()
    name, _, seed = args.set.partition(":")
    if name != "A" or int(seed) not in (4, 11):
        ap.error("tuning sets only: A:4 or A:11")
    cv2.setNumThreads(1)
    items = [i for i in set_a(int(seed), args.per_category) if i.image.shape[1] == 1280]
    if args.symbology:
        items = [i for i in items if i.symbology in (args.symbology, None)]
    dec = Decoder(budget_ms=float("inf"), use_roi=False)
    reads: dict[str, set[int]] = defaultdict(set)
    wrong: dict[str, int] = defaultdict(int)
    cost: dict[str, list[float]] = defaultdict(list)
    order: list[str] = []
    for n, item in enumerate(items):
        gray = to_gray(item.image)
        for pname, make in dec._passes(gray):
            if pname == "roi":
                continue
            if pname not in order:
                order.append(pname)
            t0 = time.thread_time()
            hits = dec.run_pass(pname, make)
            cost[pname].append((time.thread_time() - t0) * 1000)
            texts = [h.text for h in hits]
            if item.code in texts:
                reads[pname].add(n)
            wrong[pname] += sum(t != item.code for t in texts)
    seen: set[int] = set()
    coded = {n for n, i in enumerate(items) if i.code}
    print(f"{len(coded)} coded frames, {len(items) - len(coded)} empty")
    for p in order:
        new = reads[p] - seen
        seen |= reads[p]
        print(f"{p:14s} read {len(reads[p]):4d} new {len(new):4d} wrong {wrong[p]:3d} med {np.median(cost[p]):6.2f} ms")
    missed = sorted(coded - seen)
    print("missed:", [(items[n].category, items[n].symbology) for n in missed])
    return 0


if __name__ == "__main__":
    sys.exit(main())
