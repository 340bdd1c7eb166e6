"""Scan benchmark: raw pyzbar against our decoder, in the same run, on independent labelled sets.

    taskset -c 0 uv run python benchmarks/scan_bench.py --lean --camera 8 --still --process --hold-empty 30
                                                     # round 7's final hold-out (A:22x12, B:207x8, zxing)
    taskset -c 0 uv run python benchmarks/scan_bench.py --sets A:4x12,B:7x8 --lean --camera 8 \
        --camera-budget-ms 8,10,12              # tuning: the camera path's budget, one column per budget
    taskset -c 0 uv run python benchmarks/scan_bench.py --sets A:4x12,B:7x8 --lean --still --still-zbar-ms 20

Sets (``--sets``, comma-separated):

- ``A:SEED`` — ``scan_frames.py``, the project's generator (16 categories, 24 coded frames each + 24
  empty; QR Code and Code 128, 12-digit and 16-20 character codes, 1280x720 and 640x480);
- ``B:SEED`` — ``scan_frames_b.py``, a second generator written apart from A (phone models, WeChat's
  light and dark themes, a camera model, Bayer sensor, MJPG 4:2:2, real blur kernels, rolling shutter,
  moire; 16 categories, 1280x720, 16-20 character codes, 48 empty frames);
- ``zxing`` — real photographs, zxing's black-box test images (../shared/scan-samples/zxing-blackbox/,
  Apache 2.0), every decoded text compared, not only coupon payloads.

Which seeds are for what is fixed in docs/scanning.md: tuning on A:4-A:6 and B:7-B:12; round 7's final
hold-out was A:22, B:207 and the zxing photos (A:15-A:21 and B:201-B:206 were looked at and are retired);
A:23 and B:208 are generated for the next one.  The generators
record whether each code, quiet zone included, lies wholly inside the frame: read rates are printed over
all coded frames (the table) and over those in view (the lines under it).

Decoders: ``ours`` is the camera decoder on one frame; ``ours camera xN`` the camera path on a code held
for N frames (the same frame N times; a text counts when two frames report it); ``ours decode`` the
``decode`` command's decoder (every pass, zbar's last); ``--main`` adds main's camera decoder and main's
``decode`` command, imported from ``git show main:pos_app/scanner/decode.py``.

For each set it prints, per category and per symbology: read rate (the expected code is among the
decodes), wrong reads (any reported text that is not the expected one; on empty frames, any text), and
per-frame CPU time (median, p95) of raw pyzbar (``pyzbar.decode`` on the gray frame: all symbologies,
and QR Code + Code 128 only) and of ours, with ours as a ratio of raw pyzbar QR + Code 128 in the same
run.  Times are this thread's CPU time (``time.thread_time``) including BGR->gray, on 1280x720 frames; the
machine is shared, so the ratios are what count.  ``--process`` also times whole processes (start-up
included) over the set written to PNG files: ``pos-app decode`` against a Python process running raw
pyzbar on the same files.

The decoder forgets its region of interest before each frame (frames are independent; the ROI pass only
helps a live video) and its per-pass cost estimates are warmed on 10 frames first, as a running camera
has them.
"""

from __future__ import annotations

import argparse
import pickle
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import cv2
import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from pos_app.scanner.decode import Decoder, still_decoder, to_gray  # noqa: E402

ZXING = HERE.parent.parent / "shared" / "scan-samples" / "zxing-blackbox"
DEFAULT_SETS = "A:22x12,B:207x8,zxing"

Method = Callable[[np.ndarray], list[str]]


@dataclass
class Item:
    image: np.ndarray
    code: str | None
    symbology: str | None
    category: str
    in_view: bool = True  # the code with its quiet zone wholly inside the frame (the generators say)


def set_a(seed: int, per_category: int) -> Iterable[Item]:
    from scan_frames import frame_set

    for f in frame_set(seed, per_category, empty=per_category):
        yield Item(f.image, f.code, f.symbology, f.category if f.code else "empty", f.in_view)


def set_b(seed: int, per_category: int) -> Iterable[Item]:
    from scan_frames_b import frame_set_b

    for f in frame_set_b(seed, per_category, empty=2 * per_category):
        yield Item(f.image, f.code, f.symbology, f.category if f.code else "empty", f.in_view)


def zxing_items() -> Iterable[Item]:
    for folder in sorted(p for p in ZXING.iterdir() if p.is_dir()):
        symbology = "CODE128" if folder.name.startswith("code128") else "QRCODE"
        for img in sorted(folder.glob("*.png")) + sorted(folder.glob("*.jpg")):
            text = img.with_suffix(".txt").read_bytes().decode("utf-8")
            if symbology == "CODE128" and ("ó" in text or "ñ" in text):
                continue  # ZXing's stand-ins for FNC characters; zbar spells them differently
            image = cv2.imread(str(img), cv2.IMREAD_COLOR)
            if image is not None:
                yield Item(image, text, symbology, folder.name)


def cached(spec: str, per_category: int, make: Callable[[], list[Item]]) -> list[Item]:
    """A generated set, kept as PNG bytes in the system's temp folder: generating set B takes minutes,
    and a re-run (another budget, another decoder) must see the very same frames."""
    name = f"{spec.replace(':', '_')}_{per_category}_v5.pkl"  # v5: every symbol in the frame, thumbs fixed
    path = Path(tempfile.gettempdir()) / "pos-app-scan-sets" / name
    if path.exists():
        rows = pickle.loads(path.read_bytes())
        return [Item(cv2.imdecode(np.frombuffer(b, np.uint8), cv2.IMREAD_COLOR), *rest) for b, *rest in rows]
    items = make()
    rows = [
        (
            cv2.imencode(".png", i.image, [cv2.IMWRITE_PNG_COMPRESSION, 1])[1].tobytes(),
            i.code,
            i.symbology,
            i.category,
            i.in_view,
        )
        for i in items
    ]
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(pickle.dumps(rows))
    return items


def main_decoder_module() -> ModuleType:
    """main's ``pos_app/scanner/decode.py`` (``git show main:...``), imported as ``main_decode``: the
    decoder before this branch, measured on the same frames in the same run."""
    source = subprocess.run(
        ["git", "show", "main:pos_app/scanner/decode.py"], cwd=HERE.parent, check=True, capture_output=True, text=True
    ).stdout
    module = ModuleType("main_decode")
    sys.modules["main_decode"] = module  # dataclasses look their module up
    exec(compile(source, "main:pos_app/scanner/decode.py", "exec"), module.__dict__)
    return module


def pyzbar_method(symbols: list | None) -> Method:  # type: ignore[type-arg]
    from pyzbar import pyzbar

    def run(image: np.ndarray) -> list[str]:
        return [d.data.decode("utf-8", "replace") for d in pyzbar.decode(to_gray(image), symbols=symbols)]

    return run


def our_method(decoder: Any, winners: Counter[str]) -> Method:
    def run(image: np.ndarray) -> list[str]:
        decoder.forget()
        texts = [h.text for h in decoder.decode(image)]
        winners[decoder.stats.winner or "-"] += 1
        return texts

    return run


def moving_frames(image: np.ndarray, frames: int, seed: int) -> list[np.ndarray]:
    """``frames`` frames of a hand-held phone in front of the webcam, from one frame: the picture drifts
    (a random walk of 2-8 px and up to 0.6 degree a frame, bounded to +-24 px), each frame smeared along
    its own motion for a third to all of the frame's travel, with fresh sensor noise and MJPG
    (quality 60-90).  Not a new pose of the phone (the scene moves with it), but no two frames alike."""
    rng = np.random.default_rng(seed)
    h, w = image.shape[:2]
    out = []
    pos, angle = np.zeros(2), 0.0
    for _ in range(frames):
        step = rng.normal(0, 1, 2)
        step *= rng.uniform(2, 8) / (np.linalg.norm(step) + 1e-9)
        pos = np.clip(pos + step, -24, 24)
        angle = float(np.clip(angle + rng.uniform(-0.6, 0.6), -3, 3))
        mat = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        mat[:, 2] += pos
        f = cv2.warpAffine(image, mat, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
        length = max(1, round(float(np.linalg.norm(step)) * rng.uniform(0.33, 1.0)))
        if length > 1:
            k = np.zeros((2 * length + 1, 2 * length + 1), np.float32)
            d = step / np.linalg.norm(step)
            for t in np.linspace(-length / 2, length / 2, 4 * length):
                k[round(float(length + t * d[1])), round(float(length + t * d[0]))] = 1
            f = cv2.filter2D(f, -1, k / k.sum())
        noisy = f.astype(np.float32) + rng.normal(0, rng.uniform(1.5, 4.0), f.shape).astype(np.float32)
        f = np.clip(noisy, 0, 255).astype(np.uint8)
        _ok, buf = cv2.imencode(".jpg", f, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(60, 91))])
        out.append(cv2.imdecode(buf, cv2.IMREAD_UNCHANGED))
    return out


def camera_method(decoder: Any, frames: int, moving: bool = False) -> Method:
    """The camera path on a code held in view for ``frames`` frames in a row: the same frame each time,
    or (``moving``) ``moving_frames`` of it; a text counted when two of the frames read it
    (``pipeline.Agreement``).  Its per-frame times (decoding only) are kept in ``run.frame_ms``."""
    count = [0]

    def run(image: np.ndarray) -> list[str]:
        decoder.forget()
        seen: Counter[str] = Counter()
        run.frame_ms = []  # type: ignore[attr-defined]
        count[0] += 1
        sequence = moving_frames(image, frames, count[0]) if moving else [image] * frames
        for frame in sequence:
            c0 = time.thread_time()
            texts = {h.text for h in decoder.decode(frame)}
            run.frame_ms.append((time.thread_time() - c0) * 1000)  # type: ignore[attr-defined]
            seen.update(texts)
        return [t for t, n in seen.items() if n >= 2]

    return run


class Tally:
    def __init__(self) -> None:
        self.coded = self.read = self.wrong = 0
        self.coded_in = self.read_in = 0  # frames whose code is wholly in view
        self.cpu_ms: list[float] = []

    def add(self, expected: str | None, texts: list[str], cpu: list[float], timed: bool, in_view: bool = True) -> None:
        if expected is not None:
            self.coded += 1
            self.read += expected in texts
            self.coded_in += in_view
            self.read_in += in_view and expected in texts
        self.wrong += sum(t != expected for t in texts)
        if timed:
            self.cpu_ms += cpu

    def rate(self) -> str:
        return f"{100 * self.read / self.coded:5.1f}%" if self.coded else "     -"

    def rate_in(self) -> str:
        return f"{100 * self.read_in / self.coded_in:5.1f}%" if self.coded_in else "     -"

    def med(self) -> float:
        return float(np.median(self.cpu_ms)) if self.cpu_ms else float("nan")

    def p95(self) -> float:
        return float(np.percentile(self.cpu_ms, 95)) if self.cpu_ms else float("nan")

    def row(self) -> str:
        return f"{self.rate()} {self.wrong:4d} {self.med():6.1f} {self.p95():6.1f}"


def run_set(
    label: str,
    items: list[Item],
    methods: dict[str, Method],
    winners: Counter[str],
    all_sizes: bool,
    misses: bool = False,
) -> None:
    tallies: dict[str, dict[str, Tally]] = {m: defaultdict(Tally) for m in methods}
    missed: dict[str, list[str]] = defaultdict(list)
    winners.clear()
    for index, item in enumerate(items):
        timed = all_sizes or item.image.shape[:2] == (720, 1280)
        keys = [item.category, "OVERALL"]
        if item.symbology:
            keys.append(f"[{item.symbology}]")
        for name, fn in methods.items():
            c0 = time.thread_time()
            texts = fn(item.image)
            cpu = getattr(fn, "frame_ms", None) or [(time.thread_time() - c0) * 1000]
            for key in keys:
                tallies[name][key].add(item.code, texts, cpu, timed, item.in_view)
            if misses and ((item.code is not None and item.code not in texts) or any(t != item.code for t in texts)):
                view = "" if item.in_view else " (cut by the frame's edge)"
                what = f"missed {item.symbology} {item.code!r}" if item.code not in texts else "WRONG"
                wrong = [t for t in texts if t != item.code]
                missed[name].append(f"  #{index} {item.category}: {what}{view}" + (f" read {wrong}" if wrong else ""))
    base = "pyzbar QR+C128" if "pyzbar QR+C128" in methods else None
    rated = [m for m in methods if base and "pyzbar" not in m]
    head = "".join(f" | {m:^25s}" for m in methods) + "".join(f" | {m[:16]:>16s}" for m in rated)
    print(f"{label:16s}{head}")
    print(f"{'':16s}" + " |  read wrong med ms p95 ms" * len(methods) + " |  /raw med   p95" * len(rated))
    order = list(dict.fromkeys(i.category for i in items))
    order = [c for c in order if c != "empty"] + (["empty"] if "empty" in order else [])
    for cat in [*order, "[QRCODE]", "[CODE128]", "OVERALL"]:
        if cat not in tallies["ours"]:
            continue
        line = f"{cat:16s}" + "".join(f" | {tallies[m][cat].row():>25s}" for m in methods)
        for m in rated:
            b, o = tallies[base][cat], tallies[m][cat]  # type: ignore[index]
            line += f" | {o.med() / b.med():8.2f}x {o.p95() / b.p95():5.2f}x"
        print(line)
    over = tallies["ours"]["OVERALL"]
    if over.coded_in < over.coded:
        print(f"code wholly in view (quiet zone included) in {over.coded_in} of {over.coded} coded frames, read:")
        for cat in ("[QRCODE]", "[CODE128]", "OVERALL"):
            if cat in tallies["ours"]:
                t = tallies["ours"][cat]
                line = "".join(f" | {m[:16]:>16s} {tallies[m][cat].rate_in():>6s}" for m in methods)
                print(f"  {cat:14s} ({t.coded_in:3d} of {t.coded:3d}){line}")
    for m in methods:
        emp = tallies[m].get("empty")
        if emp is not None and emp.cpu_ms:
            cod = Tally()
            for cat in order:
                if cat != "empty":
                    cod.cpu_ms += tallies[m][cat].cpu_ms
            total = sum(tallies[m]["OVERALL"].cpu_ms) / 1000
            print(
                f"({m}: coded frames median {cod.med():.1f} ms (mean {np.mean(cod.cpu_ms):.1f}),"
                f" frames with no code median {emp.med():.1f} ms (mean {np.mean(emp.cpu_ms):.1f});"
                f" all frames {total:.2f} s)"
            )
    for m, lines in missed.items():
        print(f"{m}: {len(lines)} frames missed or misread (#index in the set)")
        print("\n".join(lines))
    sizes = "all frames" if all_sizes else "1280x720 frames"
    print(f"(ms: CPU time per frame over {sizes}; ours: frames won by pass {dict(winners)})\n")


def empty_counter(items: list[Item], frames: int, make: Callable[[], Any]) -> None:
    """An empty counter in front of the camera: each empty 1280x720 frame of the set held for ``frames``
    frames (one second at 30 fps), each with fresh sensor noise, through the camera path; prints the mean
    CPU ms a frame (first frames included) and any text read (a wrong read)."""
    rng = np.random.default_rng(1)
    decoder = make()
    ms: list[float] = []
    wrong = 0
    for item in items:
        if item.code is not None or item.image.shape[:2] != (720, 1280):
            continue
        decoder.forget()
        for _ in range(frames):
            noisy = np.clip(item.image + rng.normal(0, 3.0, item.image.shape), 0, 255).astype(np.uint8)
            c0 = time.thread_time()
            wrong += len(decoder.decode(noisy))
            ms.append((time.thread_time() - c0) * 1000)
    if ms:
        print(
            f"(an empty counter: {len(ms) // frames} empty scenes held {frames} frames each, fresh noise each frame:"
            f" mean {np.mean(ms):.2f} ms a frame, median {np.median(ms):.2f}, p95 {np.percentile(ms, 95):.2f};"
            f" {wrong} texts read)\n"
        )


def time_processes(items: list[Item], symbologies: str = "QRCODE,CODE128") -> None:
    """Whole processes, start-up included, over the set written as PNG files: ``pos-app decode`` and a
    Python process that runs raw pyzbar on each file (both read the files with OpenCV)."""
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, item in enumerate(items):
            path = Path(tmp) / f"{i:04d}.png"
            cv2.imwrite(str(path), item.image, [cv2.IMWRITE_PNG_COMPRESSION, 1])
            files.append(str(path))
        pos_app = [sys.executable, "-c", "import sys; from pos_app.app import main; sys.exit(main())", "decode"]
        raw = [
            sys.executable,
            "-c",
            "import sys, cv2\nfrom pyzbar import pyzbar\nfor f in sys.argv[1:]:\n"
            "    print(f, [d.data for d in pyzbar.decode(cv2.imread(f, cv2.IMREAD_GRAYSCALE))])",
        ]
        walls = {}
        for name, cmd in (("raw pyzbar", raw), ("pos-app decode", pos_app)):
            t0 = time.perf_counter()
            subprocess.run([*cmd, *files], check=True, stdout=subprocess.DEVNULL, cwd=HERE.parent)
            walls[name] = time.perf_counter() - t0
        r, o = walls["raw pyzbar"], walls["pos-app decode"]
        print(f"whole process over {len(files)} files: raw pyzbar {r:.2f} s, pos-app decode {o:.2f} s ({o / r:.2f}x)\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--sets",
        default=DEFAULT_SETS,
        help=f"A:SEED, B:SEED, zxing; A:SEEDxN for N per category (default {DEFAULT_SETS})",
    )
    ap.add_argument("--per-category", type=int, default=24)
    ap.add_argument("--budget-ms", type=float, default=None, help="decoder time budget (default: ours)")
    ap.add_argument("--no-raw", action="store_true", help="skip the pyzbar baselines (faster tuning)")
    ap.add_argument("--lean", action="store_true", help="skip raw pyzbar with all symbologies")
    ap.add_argument("--camera", type=int, default=0, help="also the camera path over N frames of a held code")
    ap.add_argument("--moving", action="store_true", help="with --camera: also N frames of a moving phone")
    ap.add_argument(
        "--camera-budget-ms",
        default=None,
        help="the camera path's budget(s) only, comma-separated (e.g. 10,15,20,30: one camera column each, "
        "same frames, same run; default: --budget-ms, else ours)",
    )
    ap.add_argument("--zbar", action="store_true", help="camera path with zbar's passes last (tuning)")
    ap.add_argument("--idle-every", type=int, default=None, help="camera path: fallbacks every N frames when idle")
    ap.add_argument("--still", action="store_true", help="also the decode command's decoder (every pass)")
    ap.add_argument("--still-zbar-ms", type=float, default=None, help="stills: zbar's budget after its raw scan")
    ap.add_argument("--main", action="store_true", help="also main's decoder (camera and decode command)")
    ap.add_argument("--process", action="store_true", help="also time whole processes over each set")
    ap.add_argument("--categories", default=None, help="comma-separated categories to keep, for tuning")
    ap.add_argument("--hold-empty", type=int, default=0, help="with --camera: empty scenes held N frames each")
    ap.add_argument("--misses", action="store_true", help="list every missed or misread frame (tuning)")
    args = ap.parse_args()
    cv2.setNumThreads(1)
    from pyzbar.pyzbar import ZBarSymbol

    budget = {} if args.budget_ms is None else {"budget_ms": args.budget_ms}
    cam_budgets = (
        [{"budget_ms": float(b)} for b in args.camera_budget_ms.split(",")] if args.camera_budget_ms else [budget]
    )
    print(f"scan benchmark {time.strftime('%Y-%m-%d %H:%M')}, cv2 {cv2.__version__} threads 1, sets {args.sets}\n")
    for spec in args.sets.split(","):
        head, _, count = spec.rpartition("x")  # B:7x8: 8 coded frames per category for this set
        spec, count = (head, count) if head and count.isdigit() else (spec, "")
        name, _, seed = spec.partition(":")
        t0 = time.perf_counter()
        per = int(count) if count else args.per_category
        if name == "A":
            items = cached(spec, per, lambda s=int(seed), n=per: list(set_a(s, n)))
        elif name == "B":
            items = cached(spec, per, lambda s=int(seed), n=per: list(set_b(s, n)))
        elif name == "zxing":
            if not ZXING.is_dir():
                print("zxing photos not found: skipped\n")
                continue
            items = list(zxing_items())
        else:
            ap.error(f"unknown set {spec}")
        if args.categories:
            keep = set(args.categories.split(","))
            items = [i for i in items if i.category in keep]
        n_coded = sum(i.code is not None for i in items)
        label = f"{name}:{seed}" if seed else name
        print(f"set {label}: {n_coded} coded + {len(items) - n_coded} empty frames ({time.perf_counter() - t0:.0f} s)")
        winners: Counter[str] = Counter()
        methods: dict[str, Method] = {}
        if not args.no_raw and not args.lean:
            methods["raw pyzbar (all)"] = pyzbar_method(None)
        if not args.no_raw:
            methods["pyzbar QR+C128"] = pyzbar_method([ZBarSymbol.QRCODE, ZBarSymbol.CODE128])
        # real photos hold arbitrary texts: compare every read, as the decode command reports them
        decoder = Decoder(payload_only=name != "zxing", zbar=args.zbar, **budget)
        for item in items[:10]:
            decoder.decode(item.image)
        if args.main:
            md = main_decoder_module()
            # main's camera decoder (its 30 ms budget) and its decode command (no budget, every pass)
            cam = md.Decoder(payload_only=name != "zxing")
            still = md.Decoder(budget_ms=float("inf"), use_roi=False, payload_only=False)
            for item in items[:10]:
                cam.decode(item.image)
            methods["main camera"] = our_method(cam, Counter())
            methods["main decode"] = our_method(still, Counter())
        methods["ours"] = our_method(decoder, winners)
        if args.camera:
            for cam_budget in cam_budgets:
                idle = {} if args.idle_every is None else {"idle_every": args.idle_every}
                cam_ours = Decoder(payload_only=name != "zxing", zbar=args.zbar, **cam_budget, **idle)
                for item in items[:10]:
                    cam_ours.decode(item.image)
                tag = f"camera x{args.camera} {cam_budget['budget_ms']:g}ms" if args.camera_budget_ms else ""
                methods[tag or f"ours camera x{args.camera}"] = camera_method(cam_ours, args.camera)
                if args.moving:
                    moving = Decoder(payload_only=name != "zxing", zbar=args.zbar, **cam_budget, **idle)
                    for item in items[:10]:
                        moving.decode(item.image)
                    methods[f"moving x{args.camera}" + (f" {cam_budget['budget_ms']:g}ms" if tag else "")] = (
                        camera_method(moving, args.camera, moving=True)
                    )
        if args.still:
            still = still_decoder(**({} if args.still_zbar_ms is None else {"zbar_ms": args.still_zbar_ms}))
            for item in items[:10]:
                still.decode(item.image)
            methods["ours decode"] = our_method(still, Counter())
        run_set(label, items, methods, winners, all_sizes=name == "zxing", misses=args.misses)
        if args.camera and args.hold_empty:
            empty_counter(items, args.hold_empty, lambda p=name != "zxing": Decoder(payload_only=p, zbar=args.zbar))
        if args.process:
            time_processes(items)
    return 0


if __name__ == "__main__":
    sys.exit(main())
