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

from pos_app import codes
from pos_app.errors import MSG_PLAIN_HTTP, ConfigError
from pos_app.i18n import QT_TRANSLATE_NOOP as N_

APP_NAME = "pos-app"
DEFAULT_API_BASE = "https://api.weixin.qq.com"

MSG_BAD_VALUE = N_("messages", "That value is not valid for this setting.")
MSG_UNKNOWN_KEY = N_("messages", "There is no such setting.")
MSG_UNREADABLE = N_("messages", "The settings file cannot be read; fix or delete it.")
MSG_BAD_SAVED = N_(
    "messages",
    "The settings file holds a value of the wrong kind; fix it with `pos-app config set`, or edit or delete the file.",
)
MSG_BAD_URL = N_(
    "messages",
    "api_base is not valid: it must be a web address such as https://api.weixin.qq.com (no user name, query or #).",
)
MSG_BAD_LOCATION = N_(
    "messages", "store_location_id is not valid: a whole number from 1 to 9223372036854775807 (digits 0-9), or empty."
)
MSG_BAD_CARD_IDS = N_(
    "messages",
    "custom_card_ids is not valid: at most 20 card IDs separated by commas, each at most 32 letters, digits, _ or -.",
)
MSG_BAD_PATTERNS = N_(
    "messages",
    "custom_code_patterns is not valid: at most 20 regular expressions separated by spaces, each at most 100 "
    "printable ASCII characters.",
)
MSG_BAD_TERMINAL = N_("messages", "terminal_id is not valid: at most 32 visible characters.")

MAX_LOCATION_ID = 2**63 - 1  # what the journal's INTEGER column holds
MAX_CUSTOM_CARD_IDS = 20  # each is one more card/code/get for an unknown custom code
MAX_TERMINAL_ID = 32
MAX_URL_LENGTH = 200


def config_dir() -> Path:
    return Path(os.environ.get("POS_APP_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME, appauthor=False))


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
    custom_code_patterns: list[str] = field(default_factory=list)  # see pos_app.codes
    hub_terminal: bool = False  # set by `pos-app connect`: api_base is a pos-app hub, the keyring holds a terminal

    # Keys the CLI may set, with their parsers; the rest belong to the GUI's own flows (PIN, lock).
    SETTABLE = (
        "api_base",
        "terminal_id",
        "store_location_id",
        "custom_card_ids",
        "custom_code_patterns",
        "language",
        "sound_muted",
    )

    @classmethod
    def load(cls, path: Path | None = None, *, validate: bool = True) -> Config:
        """The settings from the file; ConfigError naming the first invalid value unless ``validate``
        is false (``config set`` must be able to repair a hand-edited file)."""
        path = path or config_path()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            raise ConfigError(MSG_UNREADABLE, detail=f"{path}: {exc}") from None
        if not isinstance(raw, dict):
            raise ConfigError(MSG_UNREADABLE, detail=f"{path}: not a JSON object")
        known = {f.name for f in fields(cls)}
        cfg = cls(**{k: v for k, v in raw.items() if k in known})
        if validate:
            cfg.validate()
        return cfg

    def validate(self) -> None:
        """Check the values as loaded from the file by the rules of ``set_text`` (a hand-edited file
        must not make every lookup fail later with an obscure error)."""
        for key in self.SETTABLE:
            value = getattr(self, key)
            ok_type = {
                "store_location_id": (isinstance(value, int) and not isinstance(value, bool)) or value is None,
                "custom_card_ids": isinstance(value, list) and all(isinstance(v, str) for v in value),
                "custom_code_patterns": isinstance(value, list) and all(isinstance(v, str) for v in value),
                "sound_muted": isinstance(value, bool),
                "language": value is None or isinstance(value, str),
            }.get(key, isinstance(value, str))
            if not ok_type:
                raise ConfigError(MSG_BAD_SAVED, detail=key)
            try:  # the message names the key and its rule; `config set` repairs it
                Config().set_text(key, self.get_text(key))
            except ConfigError as exc:
                raise ConfigError(exc.message, detail=f"settings file: {exc.detail}") from None

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
        if key == "custom_code_patterns":
            return " ".join(value)
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
            # str.isdigit() accepts '²' and other digits int() refuses: ASCII digits only, and a range.
            if text and not (text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_LOCATION_ID):
                raise ConfigError(MSG_BAD_LOCATION, detail=f"{key}: {text[:30]!r}")
            value = int(text) if text else None
        elif key == "custom_card_ids":
            value = list(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
            if len(value) > MAX_CUSTOM_CARD_IDS or not all(codes.CARD_ID.fullmatch(v) for v in value):
                raise ConfigError(MSG_BAD_CARD_IDS, detail=f"{key}: {len(value)} values")
        elif key == "custom_code_patterns":
            value = list(dict.fromkeys(text.split()))
            try:
                codes.compile_patterns(value)
            except ValueError as exc:
                raise ConfigError(MSG_BAD_PATTERNS, detail=str(exc)) from None
        elif key == "language":
            if text not in ("", "en", "zh_CN"):
                raise ConfigError(MSG_BAD_VALUE, detail=f"{key}: en or zh_CN (empty: follow the system)")
            value = text or None
        elif key == "sound_muted":
            if text.lower() not in ("true", "false", "1", "0", "yes", "no"):
                raise ConfigError(MSG_BAD_VALUE, detail=f"{key}: true or false")
            value = text.lower() in ("true", "1", "yes")
        elif key == "api_base":
            value = check_api_base(text) if text else DEFAULT_API_BASE
        else:  # terminal_id
            if len(text) > MAX_TERMINAL_ID or not text.isprintable():
                raise ConfigError(MSG_BAD_TERMINAL, detail=f"{key}: {len(text)} characters")
            value = text
        setattr(self, key, value)


def check_api_base(text: str) -> str:
    """A base URL the AppSecret may be sent to (https, or http to a loopback address); ConfigError
    naming the rule otherwise."""
    from pos_app.http_bounds import PlainHttpRefused, check_transport_url

    if len(text) > MAX_URL_LENGTH or not text.isascii() or not text.isprintable() or any(c in text for c in "?#@\\"):
        raise ConfigError(MSG_BAD_URL, detail=f"api_base: {text[:40]!r}")
    try:
        check_transport_url(text)
    except PlainHttpRefused as exc:
        raise ConfigError(MSG_PLAIN_HTTP, detail=str(exc)) from None
    return text.rstrip("/")


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
