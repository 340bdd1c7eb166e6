"""Sound is optional: on a Linux PC without libpulse0 (QtMultimedia cannot load) the app still works.

The system's libpulse.so.0 is hidden for a subprocess by packaging/without_system_libs.sh (a private
mount namespace; /dev/null over the library), so QtMultimedia's import really fails there.  Then:
the self-test says WARN for sounds and exits 0, the window starts, and the settings show a note.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HIDE = ROOT / "packaging" / "without_system_libs.sh"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="hiding a system library: Linux"),
]


def _without_libpulse(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    from tests.conftest import cli_env

    proc = subprocess.run(
        [str(HIDE), "--lib", "libpulse.so.0", sys.executable, *args],
        env=cli_env(Path(os.environ["POS_APP_DATA_DIR"]), QT_QPA_PLATFORM="offscreen", **env),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    if proc.returncode == 77:
        pytest.skip(proc.stderr.strip())
    return proc


def test_hiding_libpulse_really_breaks_qtmultimedia() -> None:
    """Guards the tests below: without this they would prove nothing."""
    proc = _without_libpulse("-c", "import PySide6.QtMultimedia")
    assert proc.returncode != 0
    assert "libpulse.so.0" in proc.stderr


def test_self_test_warns_and_passes_without_libpulse() -> None:
    proc = _without_libpulse("-m", "pos_app", "--self-test")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    sounds = next(line for line in proc.stdout.splitlines() if " sounds: " in line)
    assert sounds.startswith("WARN sounds: sounds are off: QtMultimedia cannot load")
    assert "libpulse" in sounds
    assert "PASS main-window: shown" in proc.stdout
    assert "FAIL" not in proc.stdout


def test_the_window_starts_without_libpulse() -> None:
    proc = _without_libpulse("-m", "pos_app", "--demo", POS_APP_EXIT_AFTER_SHOWN="1")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("window-shown ")
    assert "Traceback" not in proc.stderr


SETTINGS_PROBE = """
from PySide6.QtWidgets import QApplication
app = QApplication([])
from pos_app.config import Config
from pos_app.ui.settings_dialog import SettingsDialog
from pos_app.ui import sounds
dialog = SettingsDialog(Config())
dialog.show()
app.processEvents()
print(dialog.sound_note.isVisible())
print(dialog.sound_note.text())
sounds.play("success")  # must not raise
print("played-or-not", sounds.player().last)
dialog.close()
"""


def test_settings_show_why_there_is_no_sound() -> None:
    proc = _without_libpulse("-c", SETTINGS_PROBE)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    visible, text, played = proc.stdout.splitlines()[:3]
    assert visible == "True"
    assert "Sounds are off" in text and "libpulse0" in text
    assert played == "played-or-not success"


def test_the_note_is_not_about_the_library_when_it_loads() -> None:
    """With libpulse present the library note never shows (a missing device may, in CI)."""
    from tests.conftest import cli_env

    proc = subprocess.run(
        [sys.executable, "-c", SETTINGS_PROBE],
        env=cli_env(Path(os.environ["POS_APP_DATA_DIR"]), QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "libpulse0" not in proc.stdout
