"""`pos-app --self-test` from the source tree, the resource paths it relies on, and the pyzbar runtime hook.

The frozen build runs the same self-test in tests/test_frozen.py.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pos_app import resources, selftest

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = ("resources", "zbar", "decode-qr", "decode-code128", "simulator", "qt", "translations", "main-window")


def run() -> tuple[int, dict[str, str]]:
    out = io.StringIO()
    status = selftest.run_self_test(None, out=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("pos-app ") and "self-test (source," in lines[0]
    assert lines[-1].startswith("self-test: ")
    by_name = {}
    for line in lines[1:-1]:
        verdict, rest = line.split(" ", 1)
        name, _detail = rest.split(": ", 1)
        assert verdict in ("PASS", "WARN", "FAIL"), line
        by_name[name] = line
    return status, by_name


@pytest.fixture
def resources_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of resources/ that a test may break, used through POS_APP_RESOURCES."""
    copy = tmp_path / "resources"
    shutil.copytree(ROOT / "resources", copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    monkeypatch.setenv("POS_APP_RESOURCES", str(copy))
    return copy


def test_every_required_check_passes_from_the_source_tree() -> None:
    status, lines = run()
    for name in REQUIRED:
        assert lines[name].startswith("PASS "), lines[name]
    assert status == 0, lines
    assert "-> QRCODE 801234567890" in lines["decode-qr"]
    assert "-> CODE128 POS-SELFTEST-128" in lines["decode-code128"]
    assert "lookup -> redeem -> lookup-again -> invalidate" in lines["simulator"]
    # the test keyring backend answers, so the keyring check passes and names it
    assert lines["keyring"].startswith("PASS keyring: tests.support.file_keyring.FileKeyring")


def test_a_wrong_image_fails_the_decode_check(resources_copy: Path) -> None:
    shutil.copy(resources_copy / "selftest" / "code128.png", resources_copy / "selftest" / "qr.png")
    status, lines = run()
    assert lines["decode-qr"].startswith("FAIL decode-qr: qr.png: expected QRCODE '801234567890'")
    assert lines["decode-code128"].startswith("PASS ")
    assert status == 1


def test_a_missing_translation_fails(resources_copy: Path) -> None:
    (resources_copy / "translations" / "pos_app_zh_CN.qm").unlink()
    status, lines = run()
    assert lines["translations"].startswith("FAIL translations: pos_app_zh_CN.qm does not load")
    assert status == 1


def test_no_keyring_backend_is_a_warning_not_a_failure() -> None:
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        result = selftest._run("keyring", selftest.check_keyring)
    finally:
        keyring.set_keyring(previous)
    assert result.status == "WARN"
    assert "no usable keyring backend" in result.detail


def test_exit_status_is_zero_with_warnings_and_one_with_any_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def warn() -> str:
        raise selftest.CheckWarning("just a warning")

    def crash() -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(selftest, "all_checks", lambda: [("ok", lambda: "fine"), ("meh", warn)])
    assert selftest.run_self_test(None, out=io.StringIO()) == 0
    out = io.StringIO()
    monkeypatch.setattr(selftest, "all_checks", lambda: [("ok", lambda: "fine"), ("bad", crash)])
    assert selftest.run_self_test(None, out=out) == 1
    assert "FAIL bad: RuntimeError: boom" in out.getvalue()  # a crash is a line, not a traceback
    assert "Traceback" not in out.getvalue()


def test_self_test_leaves_the_data_dir_untouched() -> None:
    data = Path(os.environ["POS_APP_DATA_DIR"])
    before = sorted(data.rglob("*")) if data.exists() else []
    run()
    after = sorted(data.rglob("*")) if data.exists() else []
    assert after == before
    assert os.environ["POS_APP_DATA_DIR"] == str(data)


def _cli_self_test(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos_app", "--self-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _private(env: dict[str, str]) -> dict[str, str]:
    """``env`` with this test's data dir, config dir and keyring (what cli_env adds)."""
    from tests.conftest import cli_env

    base = cli_env(Path(os.environ["POS_APP_DATA_DIR"]))
    env.update({k: base[k] for k in ("PYTHONPATH", "POS_APP_CONFIG_DIR", "POS_APP_DATA_DIR", "POS_APP_TEST_KEYRING")})
    return env


@pytest.mark.slow
def test_cli_self_test_in_a_fresh_process() -> None:
    from tests.conftest import cli_env

    proc = _cli_self_test(cli_env(Path(os.environ["POS_APP_DATA_DIR"]), QT_QPA_PLATFORM="offscreen"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "PASS main-window: shown" in proc.stdout
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Xvfb: Linux")
def test_cli_self_test_on_a_real_display_without_qt_qpa_platform() -> None:
    """A desktop: DISPLAY set, QT_QPA_PLATFORM unset.  Qt must pick its own platform (xcb here); asking
    for a plugin named "default" aborted the process (SIGABRT, exit 134)."""
    from tests.support.xvfb import desktop_env, xvfb_display

    with xvfb_display() as display:
        proc = _cli_self_test(_private(desktop_env(display)))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "PASS qt: xcb platform" in proc.stdout
    assert "PASS main-window: shown" in proc.stdout and "on xcb and closed" in proc.stdout
    assert "platform plugin" not in proc.stderr
    # QtMultimedia's chatter (optional libraries it did not find, PulseAudio without a sound server) is
    # not a finding: the sounds line says what matters; the terminal shows the report only.
    assert "qt.multimedia" not in proc.stderr and "PulseAudio" not in proc.stderr, proc.stderr


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the offscreen fallback is for Linux without X")
def test_cli_self_test_headless_without_qt_qpa_platform() -> None:
    """An SSH session or a container: no display and no QT_QPA_PLATFORM -> offscreen, all required pass."""
    from tests.support.xvfb import headless_env

    proc = _cli_self_test(_private(headless_env()))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "PASS qt: offscreen platform" in proc.stdout
    assert "PASS main-window: shown" in proc.stdout


def test_qt_platform_is_passed_only_when_one_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    assert selftest._ensure_qt_platform() is None  # the desktop's own default, never "default"
    monkeypatch.setenv("QT_QPA_PLATFORM", "wayland")
    assert selftest._ensure_qt_platform() == "wayland"


# --- resource paths --------------------------------------------------------------------------------------


def test_resource_path_in_the_source_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POS_APP_RESOURCES", raising=False)
    assert resources.resource_path("selftest", "qr.png") == ROOT / "resources" / "selftest" / "qr.png"
    assert not resources.is_frozen()


def test_resource_path_in_a_pyinstaller_bundle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("POS_APP_RESOURCES", raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.is_frozen()
    assert resources.resource_path("sounds", "success.wav") == tmp_path / "resources" / "sounds" / "success.wav"
    monkeypatch.setenv("POS_APP_RESOURCES", str(tmp_path / "elsewhere"))
    assert resources.resource_path("icons") == tmp_path / "elsewhere" / "icons"


# --- the pyzbar runtime hook -------------------------------------------------------------------------------

HOOK_PROBE = """
import runpy, sys
bundle = sys.argv[1]
if bundle:
    sys._MEIPASS = bundle
runpy.run_path(sys.argv[2])
import cv2
from pyzbar import pyzbar, wrapper
codes = pyzbar.decode(cv2.imread(sys.argv[3], cv2.IMREAD_GRAYSCALE))
print(wrapper.LIBZBAR._name)
print(codes[0].data.decode())
"""


def _system_libzbar() -> Path:
    from PyInstaller.depend.bindepend import resolve_library_path

    path = resolve_library_path("libzbar.so.0")
    if not path:
        pytest.skip("no system libzbar to copy into a fake bundle")
    return Path(path).resolve()


def _probe(bundle: str) -> list[str]:
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            HOOK_PROBE,
            bundle,
            str(ROOT / "packaging" / "rthook_pyzbar.py"),
            str(ROOT / "resources" / "selftest" / "qr.png"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the hook's job is the .so search on Linux")
def test_runtime_hook_makes_pyzbar_load_the_bundled_libzbar(tmp_path: Path) -> None:
    bundle = tmp_path / "_internal"
    bundle.mkdir()
    shutil.copy(_system_libzbar(), bundle / "libzbar.so.0")
    loaded, text = _probe(str(bundle))
    assert loaded == str(bundle / "libzbar.so.0")
    assert text == "801234567890"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the hook's job is the .so search on Linux")
def test_runtime_hook_falls_back_to_the_system_libzbar(tmp_path: Path) -> None:
    _system_libzbar()
    (tmp_path / "empty").mkdir()
    loaded, text = _probe(str(tmp_path / "empty"))  # a bundle without zbar: pyzbar's own search
    assert loaded == "libzbar.so.0"
    assert text == "801234567890"


def test_no_camera_is_a_warning_not_a_failure() -> None:
    """Cameras are optional: a machine without one (this CI) gets a WARN line naming the alternatives."""
    import glob

    result = selftest._run("camera", selftest.check_camera)
    if glob.glob("/dev/video*"):
        assert result.status in ("PASS", "WARN"), result.line()
    else:
        assert result.status == "WARN", result.line()
        assert "no camera found: the handheld scanner and typing work" in result.detail
