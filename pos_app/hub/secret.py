"""Where the hub finds the merchant's AppID and AppSecret — never in the database, never in a log.

In order: ``POS_APP_HUB_SECRET_FILE`` (a file, mode 0600, holding "APPID:SECRET" on one line — for
servers started by systemd with ``LoadCredential=``), ``POS_APP_HUB_APPID`` + ``POS_APP_HUB_SECRET``
(environment, for containers), then the hub's OS keyring (service "pos-app-hub").
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import keyring
import keyring.errors

from pos_app.credentials import Credentials
from pos_app.errors import ConfigError

SERVICE = "pos-app-hub"
ENV_FILE = "POS_APP_HUB_SECRET_FILE"
ENV_APPID = "POS_APP_HUB_APPID"
ENV_SECRET = "POS_APP_HUB_SECRET"

MSG_NO_SECRET = (
    "The hub has no AppID/AppSecret: set POS_APP_HUB_SECRET_FILE, or POS_APP_HUB_APPID and POS_APP_HUB_SECRET,"
    " or store them with `pos-app hub secret set` (see docs/hub.md)."
)


def load() -> Credentials:
    path = os.environ.get(ENV_FILE)
    if path:
        return _from_file(Path(path))
    appid, secret = os.environ.get(ENV_APPID), os.environ.get(ENV_SECRET)
    if appid and secret:
        return Credentials(appid, secret)
    try:
        appid = keyring.get_password(SERVICE, "appid")
        secret = keyring.get_password(SERVICE, "secret")
    except keyring.errors.KeyringError as exc:
        raise ConfigError(MSG_NO_SECRET, detail=type(exc).__name__) from None
    if not appid or not secret:
        raise ConfigError(MSG_NO_SECRET)
    return Credentials(appid, secret)


def _from_file(path: Path) -> Credentials:
    try:
        mode = path.stat().st_mode
        text = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(MSG_NO_SECRET, detail=f"{ENV_FILE}: {type(exc).__name__}") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ConfigError(MSG_NO_SECRET, detail=f"{ENV_FILE} must be readable by its owner only (chmod 600)")
    appid, sep, secret = text.partition(":")
    if not sep or not appid or not secret:
        raise ConfigError(MSG_NO_SECRET, detail=f"{ENV_FILE} must hold APPID:SECRET")
    return Credentials(appid.strip(), secret.strip())


def save(appid: str, secret: str) -> None:
    try:
        keyring.set_password(SERVICE, "appid", appid)
        keyring.set_password(SERVICE, "secret", secret)
    except keyring.errors.KeyringError as exc:
        raise ConfigError(MSG_NO_SECRET, detail=type(exc).__name__) from None
