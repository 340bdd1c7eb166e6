"""Short sounds for the counter: redeemed, refused, error, scan read.  Never a reason to crash.

``play(kind)`` is what the main window calls.  Effects are created on first use (after the
QApplication exists) and preloaded, so the first chime is not late.  Where there is no audio device
(offscreen CI, a counter PC without speakers) QSoundEffect simply stays silent; if QtMultimedia itself
cannot load, sounds are switched off with one log line.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QUrl

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
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError:  # a stripped-down build without QtMultimedia
            log.warning("QtMultimedia is not available: sounds are off")
            self._broken = True
            return None
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
