"""A small exception tree and the cashier's sentence for every errcode the service returns.

Messages are English source texts marked for translation (context "messages"); callers translate them
when they show them.  No message ever contains a token, a secret or a URL with a query string.
"""

from __future__ import annotations

from pos_app.i18n import QT_TRANSLATE_NOOP as N_

CTX = "messages"


class PosAppError(Exception):
    """Base of everything the app raises on purpose.  ``message`` is a translatable English text."""

    def __init__(self, message: str, *, errcode: int | None = None, detail: str = "") -> None:
        super().__init__(message if not detail else f"{message} ({detail})")
        self.message = message
        self.errcode = errcode
        self.detail = detail  # untranslated, already redacted; for logs and --json


class InputError(PosAppError):
    """Rejected locally before any request: empty, too long, unreadable."""


class ConfigError(PosAppError):
    """The app is not set up (no credentials, keyring unusable, bad config value)."""


class ApiError(PosAppError):
    """The service answered with a non-zero errcode.  ``hub``: what a pos-app hub added to the answer
    (``hub_error``, ``hub_changed``), else empty."""

    def __init__(
        self, message: str, *, errcode: int | None = None, detail: str = "", hub: dict[str, object] | None = None
    ) -> None:
        super().__init__(message, errcode=errcode, detail=detail)
        self.hub = hub or {}


class NoAnswerError(PosAppError):
    """No usable answer: network, server error, busy, or a malformed answer."""


class NotDeliveredError(NoAnswerError):
    """The request never reached the service (connection refused, DNS, connect timeout)."""


class AmbiguousError(NoAnswerError):
    """The request was sent but its answer was lost: the service may have acted on it."""


class MalformedAnswerError(NoAnswerError):
    """The service answered something that is not the JSON we expect."""


# errcode -> cashier's sentence.  Several codes share one sentence on purpose: the cashier's action is
# the same.
ERRCODE_MESSAGES: dict[int, str] = {
    -1: N_(CTX, "WeChat is busy right now. Try again in a moment."),
    40001: N_(CTX, "The connection to WeChat needs to be renewed. Try again."),
    40014: N_(CTX, "The connection to WeChat needs to be renewed. Try again."),
    42001: N_(CTX, "The connection to WeChat needs to be renewed. Try again."),
    41001: N_(CTX, "The connection to WeChat needs to be renewed. Try again."),
    40013: N_(CTX, "The merchant's AppID or AppSecret is wrong. Ask the manager to check the settings."),
    40125: N_(CTX, "The merchant's AppID or AppSecret is wrong. Ask the manager to check the settings."),
    40164: N_(
        CTX,
        "This counter's IP address is not on the account's whitelist. Ask the manager to add it.",
    ),
    40243: N_(CTX, "The merchant's AppSecret is frozen. Ask the manager to unfreeze or reset it."),
    45009: N_(CTX, "The daily limit of WeChat requests is used up. Tell the manager."),
    45011: N_(CTX, "Too many requests this minute. Wait a minute and try again."),
    48001: N_(CTX, "This account has no permission for coupons. Tell the manager."),
    45030: N_(CTX, "This account has no permission for this coupon. Tell the manager."),
    40056: N_(CTX, "Not a valid code for this merchant. Check the code and scan again."),
    40099: N_(CTX, "This coupon has already been redeemed."),
    40127: N_(CTX, "This coupon is deleted, expired or unavailable."),
    40079: N_(CTX, "This coupon is not within its validity period."),
    40073: N_(CTX, "The coupon's card ID is not valid for this merchant."),
    40075: N_(CTX, "The coupon link could not be decrypted. Ask the customer to open the coupon again."),
    47001: N_(CTX, "The app sent a malformed request. Please report this problem."),
    44002: N_(CTX, "The app sent a malformed request. Please report this problem."),
    43002: N_(CTX, "The app sent a malformed request. Please report this problem."),
    41011: N_(CTX, "The app sent a malformed request. Please report this problem."),
}

TOKEN_ERRCODES = frozenset({40001, 40014, 42001})
SETTINGS_ERRCODES = frozenset({40013, 40125, 40164, 40243, 48001, 45030})

MSG_UNKNOWN_ERRCODE = N_(CTX, "WeChat refused the request (error {errcode}).")
MSG_NOT_DELIVERED = N_(CTX, "No connection to WeChat. Check the network; nothing was changed.")
MSG_NOT_DELIVERED_REDEEM = N_(CTX, "No connection to WeChat. Check the network; nothing was redeemed.")
MSG_AMBIGUOUS = N_(
    CTX, "The answer from WeChat was lost. The coupon's state will be checked again before anything else."
)
MSG_NO_ANSWER = N_(CTX, "WeChat did not answer in time. Nothing was changed; try again.")
MSG_HUB_THROTTLED = N_(
    CTX,
    "The hub refuses sign-ins from this counter's network for a while: too many failed attempts. "
    "Wait 15 minutes and try again; if it happens again, tell the manager.",
)
MSG_SERVER = N_(CTX, "WeChat did not answer properly. Try again in a moment.")
MSG_MALFORMED = N_(
    CTX, "WeChat sent an answer the app does not understand. Try again; if it persists, tell the manager."
)

MSG_PLAIN_HTTP = N_(
    CTX,
    "The WeChat address must start with https:// — plain http is allowed only to this computer "
    "(127.0.0.0/8, ::1, localhost). Fix the api_base setting or POS_APP_API_BASE.",
)


def message_for_errcode(errcode: int) -> str:
    """The sentence for ``errcode``; format the unknown-code sentence with ``errcode=`` when shown."""
    return ERRCODE_MESSAGES.get(errcode, MSG_UNKNOWN_ERRCODE)


def localized(message: str, errcode: int | None = None, lang: str | None = None) -> str:
    """``message`` translated (CLI side; the GUI uses Qt's translator on the same source text)."""
    from pos_app.i18n import translate

    text = translate(CTX, message, lang)
    return text.replace("{errcode}", str(errcode)) if "{errcode}" in text else text


# -- failures whose cause is known (disk, folder, journal): a sentence instead of "Internal error" -------

MSG_DISK_FULL = N_(
    CTX, "The disk is full (or the file size limit is reached): {path} cannot be written. Free space, then try again."
)
MSG_READ_ONLY = N_(
    CTX,
    "The data folder cannot be written (read-only or no permission): {path}. "
    "Check POS_APP_DATA_DIR and its permissions.",
)
MSG_LOCKED = N_(
    CTX, "The journal is locked by another program and stayed locked: {path}. Close that program, then try again."
)
MSG_DAMAGED = N_(CTX, "The journal file is damaged or is not a journal: {path}. Run `pos-app journal verify`.")
MSG_DISK_ERROR = N_(CTX, "The disk refused to write {path} (disk error). Check the disk, then try again.")
MSG_NOT_UTF8 = N_(CTX, "The input is not valid UTF-8 text.")


def known_cause(exc: BaseException) -> str | None:
    """The English source text (context "messages", with ``{path}``) for a failure whose cause is
    known, or None.  Covers the journal's SQLite errors and the file system's."""
    import errno
    import sqlite3

    if isinstance(exc, UnicodeDecodeError):
        return MSG_NOT_UTF8
    if isinstance(exc, OSError) and exc.errno is not None:
        if exc.errno in {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}:
            return MSG_DISK_FULL
        if exc.errno in {errno.EROFS, errno.EACCES, errno.EPERM}:
            return MSG_READ_ONLY
        if exc.errno == errno.EIO:
            return MSG_DISK_ERROR
        return None
    if not isinstance(exc, sqlite3.Error):
        return None
    text = str(exc).lower()
    for needle, message in (
        ("database or disk is full", MSG_DISK_FULL),
        ("readonly", MSG_READ_ONLY),
        ("read-only", MSG_READ_ONLY),
        ("unable to open database", MSG_READ_ONLY),
        ("is locked", MSG_LOCKED),
        ("not a database", MSG_DAMAGED),
        ("malformed", MSG_DAMAGED),
        ("disk i/o error", MSG_DISK_ERROR),
    ):
        if needle in text:
            return message
    return None


def _nearly_full(path: str) -> bool:
    import shutil
    from pathlib import Path

    for candidate in (Path(path), *Path(path).parents):
        try:
            return shutil.disk_usage(candidate).free < 1024 * 1024
        except OSError:
            continue
    return False


def describe(exc: BaseException, lang: str | None = None) -> str | None:
    """``known_cause`` translated, with the data folder (or the file the error names) as ``{path}``.

    Looks down the chain too: a rollback that fails after a full disk still names the full disk."""
    seen: BaseException | None = exc
    message = None
    for _ in range(5):
        if seen is None or (message := known_cause(seen)) is not None:
            break
        seen = seen.__cause__ or seen.__context__
    if message is None or seen is None:
        return None
    exc = seen
    from pos_app.config import data_dir
    from pos_app.i18n import translate

    path = getattr(exc, "filename", None) or str(data_dir())
    if message == MSG_DISK_ERROR and _nearly_full(str(path)):
        message = MSG_DISK_FULL  # SQLite reports a full disk as an I/O error when its shared memory cannot grow
    return translate(CTX, message, lang).replace("{path}", str(path))
