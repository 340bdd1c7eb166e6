"""How big the one-folder build is, and how fast it starts.

    bash packaging/release_build.sh                # first: build dist/pos-app/ (lean OpenCV)
    uv run python benchmarks/bundle_bench.py       # size, --self-test time, launch-to-window time
    uv run pyinstaller build.spec --noconfirm --distpath /tmp/full     # PyPI's OpenCV, for comparison
    uv run python benchmarks/bundle_bench.py --baseline /tmp/full/pos-app

Prints:
- the bundle size (apparent bytes of every file) and its biggest parts, with OpenCV's share
  (opencv-python-headless: ``cv2/`` + ``opencv_python_headless.libs/``) and, with ``--archive``, the
  size of a .tar.gz as it would be copied to a counter PC;
- with ``--baseline DIST``, the same breakdown of another build (e.g. with PyPI's full OpenCV) and the
  ratio of the two sizes;
- the frozen ``pos-app --self-test`` wall time, median of ``--runs`` (5);
- launch to main window shown, median of ``--runs``: ``pos-app --demo`` with
  ``POS_APP_EXIT_AFTER_SHOWN=1`` prints ``window-shown <ms since process start>`` when the window is
  first shown and quits.  Both that figure and the wall time until the line arrives are reported.
  Without a display Qt runs offscreen; ``--xvfb`` runs under Xvfb (xcb, closer to a real desktop).

Targets (2-core machine): start to window <= 1.5 s, bundle <= 300 MB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_WINDOW_S = 1.5
TARGET_BUNDLE_MB = 300
MB = 1_000_000

# Parts of the bundle by top-level entry of _internal/ (prefix match), for the size breakdown.
PARTS = {
    "OpenCV (opencv-python-headless)": ("cv2", "opencv_python_headless.libs"),
    "Qt (PySide6 + shiboken6)": ("PySide6", "shiboken6"),
    "numpy": ("numpy", "numpy.libs"),
    "Python runtime": ("libpython", "python3", "base_library.zip"),
    "cryptography (Secret Service keyring)": ("cryptography",),
}


def sizes(dist: Path) -> dict[str, int]:
    """Apparent size of each top-level entry of the bundle (``_internal/*`` and the executables)."""
    internal = dist / "_internal"
    out: dict[str, int] = {}
    for top in [*internal.iterdir(), *(p for p in dist.iterdir() if p.name != "_internal")]:
        # PyInstaller links some libraries into the bundle root: count each file once, not its links.
        files = [top] if not top.is_dir() else list(top.rglob("*"))
        out[top.name] = sum(p.stat().st_size for p in files if p.is_file() and not p.is_symlink())
    return out


def report_size(dist: Path, archive: bool) -> int:
    by_top = sizes(dist)
    total = sum(by_top.values())
    verdict = "ok" if total <= TARGET_BUNDLE_MB * MB else "OVER TARGET"
    print(
        f"bundle {dist}: {total / MB:.0f} MB in {sum(1 for p in dist.rglob('*') if p.is_file())} files "
        f"(target <= {TARGET_BUNDLE_MB} MB: {verdict})"
    )
    accounted = 0
    for label, prefixes in PARTS.items():
        part = sum(size for name, size in by_top.items() if name.startswith(prefixes))
        accounted += part
        print(f"  {label:<40} {part / MB:7.1f} MB  {100 * part / total:4.1f} %")
    rest = total - accounted
    print(f"  {'everything else (system libs, app, ...)':<40} {rest / MB:7.1f} MB  {100 * rest / total:4.1f} %")
    if archive:
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "pos-app.tar.gz"
            started = time.perf_counter()
            with tarfile.open(target, "w:gz", compresslevel=6) as tar:
                tar.add(dist, arcname=dist.name)
            print(f"  as .tar.gz to copy: {target.stat().st_size / MB:.0f} MB ({time.perf_counter() - started:.0f} s)")
    return total


def frozen_env(tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHON_KEYRING_BACKEND", "PYTHONPATH")}
    env.update(POS_APP_DATA_DIR=str(tmp / "data"), POS_APP_CONFIG_DIR=str(tmp / "config"), **extra)
    return env


def time_self_test(exe: Path, runs: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        env = frozen_env(Path(tmp), QT_QPA_PLATFORM="offscreen")
        for _ in range(runs):
            started = time.perf_counter()
            proc = subprocess.run([str(exe), "--self-test"], env=env, capture_output=True, text=True, timeout=300)
            times.append(time.perf_counter() - started)
            if proc.returncode != 0:
                sys.exit(f"--self-test failed:\n{proc.stdout}{proc.stderr}")
    return times


def time_window(cmd: list[str], runs: int, xvfb: bool) -> list[tuple[float, float]]:
    """(wall seconds until the window-shown line, the app's own ms since process start) per run."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        extra = {"POS_APP_EXIT_AFTER_SHOWN": "1"}
        if not xvfb and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            extra["QT_QPA_PLATFORM"] = "offscreen"
        env = frozen_env(Path(tmp), **extra)
        if xvfb:
            env.pop("QT_QPA_PLATFORM", None)
            cmd = ["xvfb-run", "-a", *cmd]
        for _ in range(runs):
            started = time.perf_counter()
            proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            assert proc.stdout is not None
            app_ms = None
            for line in proc.stdout:
                if line.startswith("window-shown "):
                    wall = time.perf_counter() - started
                    app_ms = float(line.split()[1])
                    break
            rest, err = proc.communicate(timeout=60)
            if app_ms is None:
                sys.exit(f"no window-shown line from {' '.join(cmd)} (exit {proc.returncode}):\n{rest}{err}")
            out.append((wall, app_ms / 1000))
    return out


def summary(label: str, values: list[float], target: float | None = None) -> None:
    median = statistics.median(values)
    runs = ", ".join(f"{v:.2f}" for v in values)
    verdict = "" if target is None else f"  (target <= {target} s: {'ok' if median <= target else 'OVER TARGET'})"
    print(f"{label}: median {median:.2f} s  [runs: {runs}]{verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "pos-app", help="one-folder build to measure")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--xvfb", action="store_true", help="measure the window under Xvfb instead of offscreen")
    parser.add_argument("--archive", action="store_true", help="also measure a .tar.gz of the bundle")
    parser.add_argument("--baseline", type=Path, help="another one-folder build to compare the size with")
    parser.add_argument("--source", action="store_true", help="also time the window from the source tree (uv)")
    args = parser.parse_args()

    exe = args.dist / ("pos-app.exe" if sys.platform == "win32" else "pos-app")
    if not exe.exists():
        sys.exit(f"no build at {args.dist}: run `uv run pyinstaller build.spec --noconfirm` first")
    if args.xvfb and not shutil.which("xvfb-run"):
        sys.exit("--xvfb needs xvfb-run (apt install xvfb)")
    print(f"machine: {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "")
    total = report_size(args.dist, args.archive)
    if args.baseline:
        print("baseline:", end=" ")
        base = report_size(args.baseline, args.archive)
        print(f"bundle / baseline: {total / base:.2f} ({(base - total) / MB:.0f} MB smaller)")
    summary("frozen --self-test", time_self_test(exe, args.runs))
    mode = "xvfb" if args.xvfb else ("offscreen" if not os.environ.get("DISPLAY") else "display")
    frozen = time_window([str(exe), "--demo"], args.runs, args.xvfb)
    summary(f"frozen launch -> window shown ({mode}, wall)", [w for w, _ in frozen], TARGET_WINDOW_S)
    summary(f"frozen launch -> window shown ({mode}, app-reported)", [a for _, a in frozen])
    if args.source:
        source = time_window([sys.executable, "-m", "pos_app", "--demo"], args.runs, args.xvfb)
        summary(f"source launch -> window shown ({mode}, wall)", [w for w, _ in source])


if __name__ == "__main__":
    main()
