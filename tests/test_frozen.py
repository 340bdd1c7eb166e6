"""The PyInstaller build (dist/pos-app) works as shipped: slow, so it runs only when asked.

Runs when ``POS_APP_TEST_FROZEN=1`` (builds dist/pos-app first if it is missing) or when a build
already exists that is newer than the sources.  ``POS_APP_FROZEN_DIST`` points at another build
folder.  packaging/ci_build.sh runs the same checks in CI right after building.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIST = Path(os.environ.get("POS_APP_FROZEN_DIST") or ROOT / "dist" / "pos-app")
EXE = DIST / ("pos-app.exe" if sys.platform == "win32" else "pos-app")
HIDE_ZBAR = ROOT / "packaging" / "without_system_zbar.sh"
ASKED = os.environ.get("POS_APP_TEST_FROZEN") == "1"


def _stale() -> bool:
    built = EXE.stat().st_mtime
    sources = [*ROOT.joinpath("pos_app").rglob("*.py"), ROOT / "build.spec", *ROOT.joinpath("resources").rglob("*")]
    return any(p.stat().st_mtime > built for p in sources if p.is_file())


def _frozen_available() -> str | None:
    """Why the frozen tests cannot run, or None when they can."""
    if ASKED:
        return None
    if not EXE.exists():
        return f"no build at {DIST} (set POS_APP_TEST_FROZEN=1 to build and test it)"
    if _stale():
        return f"{EXE} is older than the sources; rebuild or set POS_APP_TEST_FROZEN=1"
    return None


pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(1200),  # the first test may have to build the bundle
    pytest.mark.skipif(_frozen_available() is not None, reason=str(_frozen_available())),
]


@pytest.fixture(scope="module", autouse=True)
def frozen_build() -> Path:
    if ASKED and (not EXE.exists() or _stale()):
        subprocess.run(
            [sys.executable, "-m", "PyInstaller", "build.spec", "--noconfirm", "--log-level", "WARN"],
            cwd=ROOT,
            check=True,
            timeout=1200,
        )
    return EXE


def frozen_env(**extra: str) -> dict[str, str]:
    """The frozen app with the test's private dirs, Qt offscreen, and nothing from the dev venv."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHON_KEYRING_BACKEND", "PYTHONPATH")}
    env.update(QT_QPA_PLATFORM="offscreen", **extra)
    return env


def run_frozen(
    *args: str, hide_zbar: bool = False, timeout: float = 120, **env: str
) -> subprocess.CompletedProcess[str]:
    cmd = [str(EXE), *args]
    if hide_zbar:
        if not sys.platform.startswith("linux"):
            pytest.skip("hiding the system libzbar is implemented for Linux")
        cmd = [str(HIDE_ZBAR), "--no-python", *cmd]  # no system zbar and no Python at all
    proc = subprocess.run(cmd, env=frozen_env(**env), capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    if hide_zbar and proc.returncode == 77:
        pytest.skip(proc.stderr.strip())
    return proc


def test_version() -> None:
    from pos_app import __version__

    proc = run_frozen("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"pos-app {__version__}"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd: Linux")
def test_every_bundled_library_resolves() -> None:
    internal = DIST / "_internal"
    libs = [p for p in DIST.rglob("*") if p.is_file() and (p.suffix == ".so" or ".so." in p.name)]
    assert libs
    missing = []
    for lib in libs:
        out = subprocess.run(
            ["ldd", str(lib)], env={"LD_LIBRARY_PATH": str(internal)}, capture_output=True, text=True
        ).stdout
        missing += [f"{lib.relative_to(DIST)}: {line.split()[0]}" for line in out.splitlines() if "not found" in line]
    assert missing == []


def test_self_test_passes_with_the_system_libzbar_hidden() -> None:
    proc = run_frozen("--self-test", hide_zbar=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].endswith("self-test (frozen, Linux x86_64)") or "(frozen," in lines[0]
    zbar = next(line for line in lines if line.startswith(("PASS zbar:", "WARN zbar:", "FAIL zbar:")))
    assert zbar.startswith("PASS zbar: ") and str(DIST / "_internal" / "libzbar") in zbar
    for name in ("decode-qr", "decode-code128", "simulator", "translations", "main-window"):
        assert any(line.startswith(f"PASS {name}: ") for line in lines), name
    assert "Traceback" not in proc.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Xvfb: Linux")
def test_self_test_on_a_real_display_without_qt_qpa_platform() -> None:
    """What an IT person runs first on a counter: a desktop session, QT_QPA_PLATFORM unset."""
    from tests.support.xvfb import desktop_env, xvfb_display

    with xvfb_display() as display:
        env = {k: v for k, v in desktop_env(display).items() if k not in ("PYTHON_KEYRING_BACKEND", "PYTHONPATH")}
        proc = subprocess.run([str(EXE), "--self-test"], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "PASS qt: xcb platform" in proc.stdout
    assert "PASS main-window: shown" in proc.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="headless Linux")
def test_self_test_headless_without_qt_qpa_platform() -> None:
    from tests.support.xvfb import headless_env

    env = {k: v for k, v in headless_env().items() if k not in ("PYTHON_KEYRING_BACKEND", "PYTHONPATH")}
    proc = subprocess.run([str(EXE), "--self-test"], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "PASS qt: offscreen platform" in proc.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="hiding a system library: Linux")
def test_self_test_without_libpulse_warns_and_passes() -> None:
    hide = ROOT / "packaging" / "without_system_libs.sh"
    proc = subprocess.run(
        [str(hide), "--lib", "libpulse.so.0", str(EXE), "--self-test"],
        env=frozen_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    if proc.returncode == 77:
        pytest.skip(proc.stderr.strip())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert any(line.startswith(("WARN sounds: ", "PASS sounds: ")) for line in proc.stdout.splitlines())
    assert "FAIL" not in proc.stdout


def test_unfrozen_pyzbar_really_fails_with_the_system_libzbar_hidden() -> None:
    """Guards the test above: hiding must take the system copy away, or it proves nothing."""
    cmd = [str(HIDE_ZBAR), sys.executable, "-c", "from pyzbar import pyzbar"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    if proc.returncode == 77:
        pytest.skip(proc.stderr.strip())
    assert proc.returncode != 0
    assert "libzbar" in proc.stderr


def test_decode_with_the_system_libzbar_hidden() -> None:
    images = ["resources/selftest/qr.png", "resources/selftest/code128.png"]
    proc = run_frozen("decode", *images, "--json", hide_zbar=True)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [row["codes"] for row in rows] == [["801234567890"], ["POS-SELFTEST-128"]]


def test_scan_a_video_with_the_system_libzbar_hidden(tmp_path: Path) -> None:
    from tests.scanner_fixtures import scene_video

    video = scene_video(tmp_path / "scan.avi", [(1.0, None), (1.5, "801234567890"), (1.0, None), (1.5, "POS-SCAN-128")])
    proc = run_frozen("scan", "--source", str(video), "--json", hide_zbar=True)
    assert proc.returncode == 0, proc.stderr
    scans = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(s["code"], s["symbology"]) for s in scans] == [("801234567890", "QRCODE"), ("POS-SCAN-128", "CODE128")]


def _demo_code(key: str, tmp_path: Path) -> str:
    """A demo code as `pos-app sandbox` lists it (the embedded simulator mints the same ones)."""
    out = tmp_path / "sandbox.txt"
    with out.open("w") as sink:
        proc = subprocess.Popen(
            [str(EXE), "sandbox", "--port", "0"], stdout=sink, stderr=subprocess.STDOUT, env=frozen_env()
        )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            rows = [line.split() for line in out.read_text().splitlines()]
            code = next((row[1] for row in rows if row and row[0] == key), None)
            if code:
                return code
            assert proc.poll() is None, out.read_text()
            time.sleep(0.1)
        raise AssertionError(f"no {key} code in: {out.read_text()}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_training_mode_redeems_through_the_frozen_binary(tmp_path: Path) -> None:
    code = _demo_code("cash", tmp_path)
    proc = run_frozen("--demo", "redeem", code, "--json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout)["outcome"] == "redeemed"
    unknown = run_frozen("--demo", "lookup", _demo_code("unknown", tmp_path), "--json")
    assert unknown.returncode == 1
    assert json.loads(unknown.stdout)["outcome"] == "not_redeemable"


@pytest.mark.skipif(
    not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")),
    reason="needs dbus-run-session and gnome-keyring-daemon (apt install dbus gnome-keyring)",
)
def test_cli_against_the_background_sandbox_with_credentials_in_the_keyring(tmp_path: Path) -> None:
    from pos_app.sandbox import DEMO_SECRET

    home = tmp_path / "home"
    (home / ".cache").mkdir(parents=True)
    script = (
        'echo test-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$0" "$1"'
    )
    proc = subprocess.run(
        ["dbus-run-session", "--", "bash", "-c", script, str(ROOT / "packaging" / "frozen_cli_check.sh"), str(EXE)],
        env=frozen_env(HOME=str(home), XDG_DATA_HOME=str(home / "share"), POS_APP_DEMO_SECRET=DEMO_SECRET),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "PASS frozen-cli" in proc.stdout
    assert DEMO_SECRET not in proc.stdout + proc.stderr
