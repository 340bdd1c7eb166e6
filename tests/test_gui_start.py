"""Starting the window from a terminal: quiet, a sentence where there is no display, Ctrl+C closes it.

Each test starts `python -m pos_app --demo` in a subprocess, as a user does.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _env(**extra: str) -> dict[str, str]:
    from tests.conftest import cli_env

    return cli_env(Path(os.environ["POS_APP_DATA_DIR"]), **extra)


def _log_text() -> str:
    log = Path(os.environ["POS_APP_DATA_DIR"]) / "logs" / "pos-app.log"
    return log.read_text(encoding="utf-8") if log.exists() else ""


def _start_window(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos_app", *args, "--demo"],
        env=_env(POS_APP_EXIT_AFTER_SHOWN="1", **env),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


# Qt's offscreen platform warns "This plugin does not support propagateSizeHints()" whenever a window is
# shown: a Qt message that is certain to come, like qt.multimedia's and PulseAudio's on a desktop.
QT_WARNING = "This plugin does not support propagateSizeHints()"


def test_qt_warnings_go_to_the_log_file_not_the_terminal() -> None:
    proc = _start_window(QT_QPA_PLATFORM="offscreen")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("window-shown ")
    assert proc.stderr == ""
    assert f"WARNING qt.default: {QT_WARNING}" in _log_text()


def test_verbose_prints_qt_warnings_too() -> None:
    proc = _start_window("--verbose", QT_QPA_PLATFORM="offscreen")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert QT_WARNING in proc.stderr
    assert QT_WARNING in _log_text()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland: Linux")
def test_no_display_is_a_sentence_not_an_abort() -> None:
    from tests.support.xvfb import headless_env

    env = headless_env(**{k: v for k, v in _env().items() if k.startswith(("POS_APP_", "PYTHON"))})
    proc = subprocess.run(
        [sys.executable, "-m", "pos_app", "--demo"], env=env, capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stderr.startswith("No display: the window needs a desktop (X11 or Wayland).")
    assert "platform plugin" not in proc.stderr


def wait_for_window(display: str, proc: subprocess.Popen[str], timeout: float = 60) -> None:
    """Until the app has a visible window of class pos-app on ``display`` (xdotool; Qt sets WM_CLASS from the
    application name, the title is the window's own and may be translated)."""
    xdotool = shutil.which("xdotool")
    if xdotool is None:
        if os.environ.get("CI"):
            pytest.fail("xdotool is missing (apt install xdotool)")
        pytest.skip("needs xdotool")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the app exited before showing its window"
        found = subprocess.run(
            [xdotool, "search", "--onlyvisible", "--class", "pos-app"],
            env={**os.environ, "DISPLAY": display},
            capture_output=True,
            text=True,
        )
        if found.stdout.strip():
            return
        time.sleep(0.2)
    raise AssertionError("no pos-app window appeared")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Xvfb: Linux")
def test_ctrl_c_in_the_terminal_closes_the_window() -> None:
    from tests.support.xvfb import desktop_env, xvfb_display

    with xvfb_display() as display:
        env = desktop_env(display, **{k: v for k, v in _env().items() if k.startswith(("POS_APP_", "PYTHON"))})
        proc = subprocess.Popen(
            [sys.executable, "-m", "pos_app", "--demo"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        try:
            wait_for_window(display, proc)
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=20)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    assert proc.returncode == 0, out + err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
