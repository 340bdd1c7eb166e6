"""Short sounds for the counter: redeemed, refused, error, scan read.  Never a reason to crash.

``play(kind)`` is what the main window calls.  Effects are created on first use (after the
QApplication exists) and preloaded, so the first chime is not late.  Where there is no audio device
(offscreen CI, a counter PC without speakers) QSoundEffect simply stays silent; if QtMultimedia itself
cannot load (Linux without libpulse0), sounds are switched off with one log line.

``availability()`` says which of these holds, and ``unavailable_note()`` the sentence the settings show
under "Sounds" (None when sound works): sound is optional, so its absence is a note, never an error.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QUrl

from pos_app.resources import resource_path

log = logging.getLogger("ui")

# kind the window asks for -> file in resources/sounds (made by tools/make_sounds.py)
FILES = {
    "success": "success.wav",
    "refusal": "refusal.wav",
    "error": "error.wav",
    "scan": "scan.wav",
    "ready": "scan.wav",  # a lookup came back redeemable: the scanner-style beep
}
VOLUME = 0.8


class SoundState(enum.Enum):
    AVAILABLE = "available"
    NO_AUDIO_LIBRARY = "no_audio_library"  # QtMultimedia does not load (Linux: libpulse0 missing)
    NO_OUTPUT_DEVICE = "no_output_device"  # it loads, but there is nothing to play on


@dataclass(frozen=True)
class Availability:
    state: SoundState
    detail: str = ""  # for the log and the self-test (e.g. the loader's error); not for the cashier

    @property
    def ok(self) -> bool:
        return self.state is SoundState.AVAILABLE


_library_error: str | None = None  # cached: whether QtMultimedia loads does not change while running
_library_checked = False


def _multimedia_error() -> str | None:
    global _library_checked, _library_error
    if not _library_checked:
        try:
            import PySide6.QtMultimedia  # noqa: F401
        except ImportError as exc:
            _library_error = str(exc) or type(exc).__name__
            log.warning("QtMultimedia cannot load (%s): sounds are off", _library_error)
        _library_checked = True
    return _library_error


def availability() -> Availability:
    """Whether sounds can play here.  The output device is looked at only once a QGuiApplication exists."""
    error = _multimedia_error()
    if error is not None:
        return Availability(SoundState.NO_AUDIO_LIBRARY, error)
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        return Availability(SoundState.AVAILABLE)
    from PySide6.QtMultimedia import QMediaDevices

    device = QMediaDevices.defaultAudioOutput()
    if device.isNull():
        return Availability(SoundState.NO_OUTPUT_DEVICE, "no default audio output")
    return Availability(SoundState.AVAILABLE, device.description())


def unavailable_note() -> str | None:
    """The settings' note under "Sounds" when they cannot play (translated), or None when they can."""
    state = availability().state
    if state is SoundState.NO_AUDIO_LIBRARY:
        return QCoreApplication.translate(
            "sounds",
            "Sounds are off: this computer's audio library could not be loaded "
            "(on Linux install the libpulse0 package). Everything else works.",
        )
    if state is SoundState.NO_OUTPUT_DEVICE:
        return QCoreApplication.translate(
            "sounds", "No speaker or headphones found: the app stays silent until one is connected."
        )
    return None


class SoundPlayer:
    """One QSoundEffect per file, created lazily; ``muted`` follows the settings."""

    def __init__(self, muted: bool = False) -> None:
        self.muted = muted
        self.last: str | None = None  # last kind asked for (tests, diagnostics)
        self._effects: dict[str, object] = {}
        self._broken = False

    def _effect(self, kind: str) -> object | None:
        name = FILES.get(kind)
        if name is None:
            log.warning("unknown sound %r", kind)
            return None
        if name in self._effects:
            return self._effects[name]
        if _multimedia_error() is not None:  # no audio library (libpulse0) or a build without QtMultimedia
            self._broken = True
            return None
        from PySide6.QtMultimedia import QSoundEffect

        path = resource_path("sounds", name)
        if not path.exists():
            log.warning("sound file missing: %s", path.name)
            self._effects[name] = None
            return None
        effect = QSoundEffect()
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.setVolume(VOLUME)
        self._effects[name] = effect
        return effect

    def preload(self) -> None:
        for kind in FILES:
            if self._broken:
                return
            self._effect(kind)

    def play(self, kind: str) -> bool:
        """Play ``kind``; False when muted or nothing could be played (never raises)."""
        self.last = kind
        if self.muted or self._broken:
            return False
        try:
            effect = self._effect(kind)
            if effect is None:
                return False
            effect.play()  # type: ignore[attr-defined]
            return True
        except Exception:  # sound is a nicety: log and carry on
            log.warning("could not play the %s sound", kind, exc_info=True)
            return False


_player: SoundPlayer | None = None


def player() -> SoundPlayer:
    global _player
    if _player is None:
        _player = SoundPlayer()
    return _player


def set_muted(muted: bool) -> None:
    player().muted = muted


def play(kind: str) -> bool:
    return player().play(kind)
