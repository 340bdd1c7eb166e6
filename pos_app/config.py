"""Per-user settings (never secrets) in a JSON file, and where data lives.

The file is ``<user config dir>/config.json`` (``POS_APP_CONFIG_DIR`` overrides the folder, which is how
tests and multi-counter installs point it elsewhere); the data dir (journal, logs) is ``POS_APP_DATA_DIR``
when set, else the platform's user data dir.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs

from pos_app.errors import ConfigError
from pos_app.i18n import QT_TRANSLATE_NOOP as N_

APP_NAME = "pos-app"
DEFAULT_API_BASE = "https://api.weixin.qq.com"

MSG_BAD_VALUE = N_("messages", "That value is not valid for this setting.")
MSG_UNKNOWN_KEY = N_("messages", "There is no such setting.")
MSG_UNREADABLE = N_("messages", "The settings file cannot be read; fix or delete it.")


def config_dir() -> Path:
    return Path(
        os.environ.get("POS_APP_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME, appauthor=False)
    )


def config_path() -> Path:
    return config_dir() / "config.json"


def data_dir() -> Path:
    return Path(os.environ.get("POS_APP_DATA_DIR") or platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass
class Config:
    api_base: str = DEFAULT_API_BASE
    terminal_id: str = ""
    store_location_id: int | None = None
    custom_card_ids: list[str] = field(default_factory=list)
    language: str | None = None  # None: follow the system locale
    sound_muted: bool = False
    manager_pin_hash: str | None = None
    pin_lock: dict[str, Any] = field(default_factory=dict)  # failed tries / lock-until, see pos_app.pin
    cashier: str = ""

    # Keys the CLI may set, with their parsers; the rest belong to the GUI's own flows (PIN, lock).
    SETTABLE = ("api_base", "terminal_id", "store_location_id", "custom_card_ids", "language", "sound_muted")

    @classmethod
    def load(cls, path: Path | None = None) -> Config:
        path = path or config_path()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            raise ConfigError(MSG_UNREADABLE, detail=f"{path}: {exc}") from None
        known = {f.name for f in fields(cls)}
        cfg = cls(**{k: v for k, v in raw.items() if k in known})
        return cfg

    def save(self, path: Path | None = None) -> None:
        write_config_text(self.to_json(), path or config_path())

    def to_json(self) -> str:
        """The file's text for the settings as they are now (a snapshot another thread may write)."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True)

    def effective_api_base(self) -> str:
        return (os.environ.get("POS_APP_API_BASE") or self.api_base or DEFAULT_API_BASE).rstrip("/")

    def get_text(self, key: str) -> str:
        if key not in self.SETTABLE:
            raise ConfigError(MSG_UNKNOWN_KEY, detail=key)
        value = getattr(self, key)
        if isinstance(value, list):
            return ",".join(value)
        if isinstance(value, bool):
            return "true" if value else "false"
        return "" if value is None else str(value)

    def set_text(self, key: str, text: str) -> None:
        """Set ``key`` from its command-line text form; raise ConfigError when it does not parse."""
        text = text.strip()
        if key not in self.SETTABLE:
            raise ConfigError(MSG_UNKNOWN_KEY, detail=key)
        value: Any
        if key == "store_location_id":
            if text and not text.isdigit():
                raise ConfigError(MSG_BAD_VALUE, detail=f"{key}: a number is expected")
            value = int(text) if text else None
        elif key == "custom_card_ids":
            value = [part.strip() for part in text.split(",") if part.strip()]
        elif key == "language":
            if text not in ("", "en", "zh_CN"):
                raise ConfigError(MSG_BAD_VALUE, detail=f"{key}: en or zh_CN (empty: follow the system)")
            value = text or None
        elif key == "sound_muted":
            if text.lower() not in ("true", "false", "1", "0", "yes", "no"):
                raise ConfigError(MSG_BAD_VALUE, detail=f"{key}: true or false")
            value = text.lower() in ("true", "1", "yes")
        elif key == "api_base":
            if text and not text.startswith(("https://", "http://")):
                raise ConfigError(MSG_BAD_VALUE, detail=f"{key}: an http(s) URL is expected")
            value = text or DEFAULT_API_BASE
        else:
            value = text
        setattr(self, key, value)


def write_config_text(text: str, path: Path) -> None:
    """Write the settings file: write-then-rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".config-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
