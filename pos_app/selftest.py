"""``pos-app --self-test``: prove that this installation (frozen or not) works, one line per check.

Each check prints ``PASS|WARN|FAIL name: detail``.  The exit status is 0 only when no required check
failed; a WARN (e.g. no usable keyring backend on a headless Linux) never fails the run.  No display is
needed: on Linux without ``DISPLAY``/``WAYLAND_DISPLAY`` the Qt checks use the offscreen platform.

The self-test exercises the whole app like ``gui_entry`` does, including Qt, so it imports PySide6 (only
inside the Qt checks, so that the non-GUI checks still run and report when Qt itself is broken).  It
never touches the user's journal or config: the simulator round trip runs with a temporary data dir.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from pos_app import __version__
from pos_app.resources import is_frozen, resource_path

PASS, WARN, FAIL = "PASS", "WARN", "FAIL"


class CheckFailed(Exception):
    """A required check failed; the message is the detail printed on its line."""


class CheckWarning(Exception):
    """A check found a problem that does not stop the app from working (printed as WARN)."""


@dataclass(frozen=True)
class Result:
    name: str
    status: str
    detail: str

    def line(self) -> str:
        return f"{self.status} {self.name}: {self.detail}"


def _run(name: str, check: Callable[[], str]) -> Result:
    started = time.perf_counter()
    try:
        detail = check()
        status = PASS
    except CheckWarning as exc:
        detail, status = str(exc), WARN
    except CheckFailed as exc:
        detail, status = str(exc), FAIL
    except Exception as exc:  # a bug or a broken bundle: report it on the line, no traceback
        detail, status = f"{type(exc).__name__}: {exc}", FAIL
    ms = (time.perf_counter() - started) * 1000
    return Result(name, status, f"{detail} ({ms:.0f} ms)")


# --- checks that need no Qt ------------------------------------------------------------------------


def check_resources() -> str:
    root = resource_path()
    missing = [sub for sub in ("selftest", "translations") if not (root / sub).is_dir()]
    if missing:
        raise CheckFailed(f"{root}: missing {', '.join(missing)}")
    where = "frozen bundle" if is_frozen() else "source tree"
    return f"{root} ({where})"


def _loaded_path(name: str) -> Path:
    """The file behind a loaded library name such as ``libzbar.so.0`` (Linux: from /proc/self/maps)."""
    if os.path.isabs(name):
        return Path(name)
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            for line in maps:
                fields = line.split(maxsplit=5)
                if len(fields) == 6 and Path(fields[5].strip()).name.startswith(name):
                    return Path(fields[5].strip())
    except OSError:
        pass
    return Path(name)


def check_zbar() -> str:
    """Which zbar library pyzbar loaded; a frozen app should use the copy in its bundle."""
    try:
        from pyzbar import wrapper
    except (ImportError, OSError) as exc:
        raise CheckFailed(f"zbar library cannot be loaded: {exc}") from exc
    lib = wrapper.LIBZBAR if wrapper.LIBZBAR is not None else wrapper.load_libzbar()
    path = _loaded_path(str(lib._name))
    bundle = getattr(sys, "_MEIPASS", None)
    if is_frozen() and sys.platform != "win32" and bundle and Path(bundle) not in path.parents:
        raise CheckWarning(f"using {path}, not the bundled copy: this build may not run where zbar is absent")
    return str(path)


def _decode_file(path: Path) -> list[tuple[str, str]]:
    """(symbology, text) of every code in an image, through the app's own scanner when it exists."""
    import cv2

    image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    if image is None:
        raise CheckFailed(f"cannot read {path}")
    try:
        from pos_app.scanner.decode import decode_image
    except ModuleNotFoundError as exc:
        if exc.name not in ("pos_app.scanner", "pos_app.scanner.decode"):
            raise
        from pyzbar import pyzbar

        return [(s.type, s.data.decode("utf-8")) for s in pyzbar.decode(image)]
    return [(hit.symbology, hit.text) for hit in decode_image(image)]


def make_decode_check(filename: str) -> Callable[[], str]:
    def check() -> str:
        expected = json.loads(resource_path("selftest", "expected.json").read_text(encoding="utf-8"))
        symbology, text = expected[filename]
        found = _decode_file(resource_path("selftest", filename))
        if (symbology, text) not in found:
            raise CheckFailed(f"{filename}: expected {symbology} {text!r}, decoded {found!r}")
        return f"{filename} -> {symbology} {text}"

    return check


@contextmanager
def _private_data_dir() -> Iterator[Path]:
    """Point POS_APP_DATA_DIR at a temporary directory so the round trip leaves no trace."""
    saved = os.environ.get("POS_APP_DATA_DIR")
    with tempfile.TemporaryDirectory(prefix="pos-app-selftest-") as tmp:
        os.environ["POS_APP_DATA_DIR"] = tmp
        try:
            yield Path(tmp)
        finally:
            if saved is None:
                os.environ.pop("POS_APP_DATA_DIR", None)
            else:
                os.environ["POS_APP_DATA_DIR"] = saved


def check_simulator_round_trip() -> str:
    """lookup -> redeem -> invalidate over loopback HTTP against the embedded simulator, through the
    same composition root, workflow and journal (SQLite, in the temporary data dir) as training mode."""
    from pos_app.config import Config
    from pos_app.models import Outcome
    from pos_app.services import build_services

    services = build_services(demo=True, config=Config())  # defaults: the user's config is not read
    try:
        sim = services.simulator
        assert sim is not None  # training mode always has one
        first, second = sim.demo_codes("cash")[:2]
        workflow = services.workflow()
        steps = []

        def expect(step: str, outcome: Outcome, got: Any) -> None:
            if got.outcome is not outcome:
                raise CheckFailed(f"{step}: expected {outcome.value}, got {got.outcome.value} ({got.message})")
            steps.append(step)

        looked_up = workflow.lookup(first)
        expect("lookup", Outcome.REDEEMABLE, looked_up)
        expect("redeem", Outcome.REDEEMED, workflow.redeem(looked_up))
        expect("lookup-again", Outcome.NOT_REDEEMABLE, workflow.lookup(first))
        expect("invalidate", Outcome.INVALIDATED, workflow.invalidate(workflow.lookup(second), "self-test"))
        consumed = len(sim.calls_to("/card/code/consume"))
        if consumed != 1:
            raise CheckFailed(f"expected exactly one consume call, the simulator saw {consumed}")
    finally:
        services.close()
    return f"{' -> '.join(steps)} at {sim.base_url}"


def check_keyring() -> str:
    """A usable backend is needed to store credentials; training mode works without one (WARN)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError as exc:
        raise CheckFailed(f"keyring is missing from this build: {exc}") from exc
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if isinstance(backend, fail.Keyring):
        raise CheckWarning("no usable keyring backend: credentials cannot be stored (training mode works)")
    try:  # a read of an entry that does not exist: exercises the backend without changing anything
        keyring.get_password("pos-app-selftest", "probe")
    except Exception as exc:
        raise CheckWarning(f"{name} does not answer: {type(exc).__name__}: {exc}") from exc
    return name


# --- Qt checks: one QApplication for all of them ---------------------------------------------------------


def _ensure_qt_platform() -> str | None:
    """Offscreen when there is no display to talk to (CI, SSH): the self-test must not need one.

    The platform Qt should use, or None to let Qt choose its default (a desktop: xcb, wayland, windows,
    cocoa).  Never "default": no plugin has that name, and asking for it aborts the process.
    """
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return os.environ.get("QT_QPA_PLATFORM") or None


def _qt_app() -> Any:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        from pos_app.ui.qt_messages import route_qt_messages

        # Qt's plugin and PulseAudio chatter is not a finding: routed as in the window, and, since the
        # self-test writes no log file, dropped here (a critical Qt message is still printed: qt_message).
        logging.getLogger("qt").addHandler(logging.NullHandler())
        route_qt_messages()
        platform_name = _ensure_qt_platform()
        argv = [sys.argv[0]] + (["-platform", platform_name] if platform_name else [])
        app = QApplication(argv)
    return app


def _process_events_until(predicate: Callable[[], bool], timeout_s: float) -> bool:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)
    return True


def check_translations() -> str:
    """Both languages' .qm (GUI) load and are not empty; their .ts (read by the CLI) parse."""
    import xml.etree.ElementTree as ET

    _qt_app()
    from PySide6.QtCore import QTranslator

    from pos_app.i18n import LANGUAGES

    loaded = []
    for lang in LANGUAGES:
        qm = resource_path("translations", f"pos_app_{lang}.qm")
        translator = QTranslator()
        if not translator.load(str(qm)) or translator.isEmpty():
            raise CheckFailed(f"{qm.name} does not load")
        ts = resource_path("translations", f"pos_app_{lang}.ts")
        try:
            ET.parse(ts)
        except (OSError, ET.ParseError) as exc:
            raise CheckFailed(f"{ts.name} (used by the command line) does not load: {exc}") from exc
        loaded.append(lang)
    return ", ".join(loaded)


def check_qt_translations() -> str:
    """Qt's own strings (standard buttons) in Chinese; missing means English buttons, not a failure."""
    _qt_app()
    from PySide6.QtCore import QLibraryInfo, QTranslator

    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    if not translator.load("qtbase_zh_CN", path):
        raise CheckWarning(f"qtbase_zh_CN.qm not found in {path}: standard buttons stay English")
    return f"qtbase_zh_CN from {path}"


def check_sounds() -> str:
    """Every shipped sound is a readable WAV and, where there is an audio output, loads in QSoundEffect.

    Sound is optional: where QtMultimedia cannot load (Linux without libpulse0) or there is no output
    device (CI, a PC without speakers), the files are only parsed and the line is a WARN.  QSoundEffect
    comes from QtMultimedia itself (no FFmpeg plugin needed).
    """
    import wave

    _qt_app()
    from PySide6.QtCore import QUrl

    from pos_app.ui.sounds import SoundState, availability

    files = sorted(resource_path("sounds").glob("*.wav"))
    if not files:
        raise CheckFailed("no .wav files in resources/sounds")
    for path in files:
        try:
            with wave.open(str(path), "rb") as wav:
                if wav.getnframes() == 0:
                    raise CheckFailed(f"{path.name} is empty")
        except (OSError, EOFError, wave.Error) as exc:
            raise CheckFailed(f"{path.name} is not a readable WAV: {exc}") from exc
    names = ", ".join(p.name for p in files)
    sound = availability()
    if sound.state is SoundState.NO_AUDIO_LIBRARY:
        hint = " (install libpulse0)" if sys.platform.startswith("linux") else ""
        raise CheckWarning(f"sounds are off: QtMultimedia cannot load: {sound.detail}{hint}; {names} parsed")
    if sound.state is SoundState.NO_OUTPUT_DEVICE:
        raise CheckWarning(f"no audio output device: {names} parsed, not loaded")
    from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

    device = QMediaDevices.defaultAudioOutput()
    final = (QSoundEffect.Status.Ready, QSoundEffect.Status.Error)
    for path in files:
        effect = QSoundEffect(device)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        if not _process_events_until(partial(lambda e: e.status() in final, effect), 5.0):
            raise CheckFailed(f"{path.name}: still loading after 5 s")
        if effect.status() != QSoundEffect.Status.Ready:
            raise CheckFailed(f"{path.name} does not load on {device.description()}")
    return f"{names} on {device.description()}"


def check_camera() -> str:
    """Cameras are optional (a USB scanner or the keyboard does the job): none, or no video stack, is a WARN."""
    try:
        from pos_app.scanner.capture import list_cameras

        cameras = list_cameras()
    except Exception as exc:  # OpenCV's video input or the OS camera API is missing or broken
        detail = f"{type(exc).__name__}: {exc}"
        raise CheckWarning(f"camera support unavailable ({detail}); scanner and keyboard work") from exc
    if not cameras:
        raise CheckWarning("no camera found: the handheld scanner and typing work")
    return ", ".join(f"{cam.index}: {cam.name}" for cam in cameras)


def check_main_window() -> str:
    """Build the cashier window in training mode, show it, wait until it is on screen, close it."""
    from pos_app.config import Config
    from pos_app.services import build_services
    from pos_app.ui.main_window import MainWindow

    app = _qt_app()
    services = build_services(demo=True, config=Config())
    try:
        window = MainWindow(services, cashier="self-test", demo=True)
        shown = []
        window.first_shown.connect(lambda: shown.append(True))
        window.show()

        def on_screen() -> bool:
            handle = window.windowHandle()
            return bool(shown) and handle is not None and handle.isExposed()

        if not _process_events_until(on_screen, 10.0):
            window.shutdown()
            raise CheckFailed("the main window was not shown within 10 s")
        size = f"{window.width()}x{window.height()}"
        if not window.close():
            window.shutdown()
            raise CheckFailed("the main window refused to close")
        app.processEvents()
    finally:
        services.close()
    return f"shown {size} on {app.platformName()} and closed"


# --- runner --------------------------------------------------------------------------------------------


def all_checks() -> list[tuple[str, Callable[[], str]]]:
    """(name, check) in run order: cheap and Qt-free first, so a broken Qt still reports the rest."""
    return [
        ("resources", check_resources),
        ("zbar", check_zbar),
        ("decode-qr", make_decode_check("qr.png")),
        ("decode-code128", make_decode_check("code128.png")),
        ("simulator", check_simulator_round_trip),
        ("keyring", check_keyring),
        ("qt", lambda: f"{_qt_app().platformName()} platform"),
        ("translations", check_translations),
        ("qt-translations", check_qt_translations),
        ("sounds", check_sounds),
        ("camera", check_camera),
        ("main-window", check_main_window),
    ]


def run_self_test(args: argparse.Namespace | None = None, out: Any = None) -> int:
    """Run every check, print one line each, return 0 only if none FAILed."""
    del args  # no options yet; --lang is applied by the CLI before we get here
    stream = out or sys.stdout
    kind = "frozen" if is_frozen() else "source"
    print(f"pos-app {__version__} self-test ({kind}, {platform.system()} {platform.machine()})", file=stream)
    results = []
    with _private_data_dir():
        for name, check in all_checks():
            result = _run(name, check)
            results.append(result)
            print(result.line(), file=stream, flush=True)
    failed = [r.name for r in results if r.status == FAIL]
    warned = [r.name for r in results if r.status == WARN]
    summary = f"{len(results) - len(failed) - len(warned)} passed, {len(warned)} warnings, {len(failed)} failed"
    print(f"self-test: {summary}", file=stream)
    return 1 if failed else 0
