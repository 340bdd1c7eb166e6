"""The merchant's AppID and AppSecret, kept in the OS keyring and nowhere else."""

from __future__ import annotations

from dataclasses import dataclass

import keyring
import keyring.errors
from keyring.backends import fail

from pos_app.errors import ConfigError, InputError
from pos_app.i18n import QT_TRANSLATE_NOOP as N_

SERVICE = "pos-app"
_APPID_KEY = "appid"
_SECRET_KEY = "secret"

MSG_NO_KEYRING = N_(
    "messages",
    "No password store (keyring) is available on this computer, so the AppSecret cannot be kept safely. "
    "On Linux install and unlock a Secret Service (GNOME Keyring or KWallet); on Windows and macOS the "
    "system store is used automatically.",
)
MSG_KEYRING_FAILED = N_(
    "messages", "The password store (keyring) refused the request. Unlock it and try again."
)
MSG_NO_CREDENTIALS = N_(
    "messages",
    "No WeChat credentials are set up. Run `pos-app credentials set --appid ID --secret-stdin`, "
    "or use training mode (--demo).",
)
MSG_BAD_APPID = N_("messages", "The AppID must be 1 to 64 letters, digits, _ or - (it starts with wx).")
MSG_BAD_SECRET = N_(
    "messages", "The AppSecret must be 1 to 256 printable characters of valid UTF-8 text, without spaces."
)
MAX_SECRET_LENGTH = 256


@dataclass(frozen=True)
class Credentials:
    appid: str
    secret: str

    def __repr__(self) -> str:  # never print the secret, even in a traceback or a debugger
        return f"Credentials(appid={self.appid!r}, secret=<hidden>)"


def _backend() -> keyring.backend.KeyringBackend:
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        raise ConfigError(MSG_NO_KEYRING, detail=type(backend).__name__)
    return backend


def backend_name() -> str:
    """The keyring backend in use, or raise ConfigError when none works."""
    backend = _backend()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def load() -> Credentials | None:
    backend = _backend()
    try:
        appid = backend.get_password(SERVICE, _APPID_KEY)
        secret = backend.get_password(SERVICE, _SECRET_KEY)
    except keyring.errors.KeyringError as exc:
        raise ConfigError(MSG_KEYRING_FAILED, detail=type(exc).__name__) from None
    if not appid or not secret:
        return None
    return Credentials(appid, secret)


def require() -> Credentials:
    creds = load()
    if creds is None:
        raise ConfigError(MSG_NO_CREDENTIALS)
    return creds


def check(appid: str, secret: str) -> None:
    """InputError unless both are printable text the service could have issued.

    A secret read from a pipe may carry bytes that are not UTF-8 (they arrive as lone surrogates) or
    control characters: stored, it would only ever fail, or travel in a request body as garbage.
    """
    if not (0 < len(appid) <= 64 and appid.isascii() and all(c.isalnum() or c in "_-" for c in appid)):
        raise InputError(MSG_BAD_APPID)
    if not (0 < len(secret) <= MAX_SECRET_LENGTH) or not secret.isprintable() or any(c.isspace() for c in secret):
        raise InputError(MSG_BAD_SECRET)
    try:
        secret.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(MSG_BAD_SECRET) from None


def save(appid: str, secret: str) -> None:
    check(appid, secret)
    backend = _backend()
    try:
        backend.set_password(SERVICE, _APPID_KEY, appid)
        backend.set_password(SERVICE, _SECRET_KEY, secret)
    except keyring.errors.KeyringError as exc:
        raise ConfigError(MSG_KEYRING_FAILED, detail=type(exc).__name__) from None


def clear() -> None:
    backend = _backend()
    for key in (_APPID_KEY, _SECRET_KEY):
        try:
            backend.delete_password(SERVICE, key)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored: clearing is already done
        except keyring.errors.KeyringError as exc:
            raise ConfigError(MSG_KEYRING_FAILED, detail=type(exc).__name__) from None
