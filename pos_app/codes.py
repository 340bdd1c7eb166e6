"""What the scanner, the keyboard or a pasted link gives us, turned into a code (or an encrypt_code).

Codes are strings, never numbers (a WeChat code may start with 0).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from pos_app.errors import InputError
from pos_app.i18n import QT_TRANSLATE_NOOP as N_

MAX_CODE_LENGTH = 20
MAX_REASON_LENGTH = 64

MSG_EMPTY = N_("messages", "No code was entered. Scan or type the coupon code.")
MSG_TOO_LONG = N_("messages", "That is not a coupon code: codes have at most 20 characters.")
MSG_BAD_CHARS = N_("messages", "That is not a coupon code: it contains characters a code cannot have.")


@dataclass(frozen=True)
class ScannedInput:
    """Either a plain ``code`` or an ``encrypt_code`` (from a card link) that must be decrypted first."""

    code: str | None = None
    encrypt_code: str | None = None
    card_id: str | None = None


def clean(text: str) -> str:
    """NFKC (full-width digits from a Chinese input method become ASCII), no whitespace or controls."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] != "C")


def parse_scan(raw: str) -> ScannedInput:
    """Turn raw scanner/keyboard input into a code or an encrypt_code; raise InputError locally."""
    text = clean(raw)
    if not text:
        raise InputError(MSG_EMPTY)
    if "encrypt_code=" in text:
        return _parse_link(text)
    if len(text) > MAX_CODE_LENGTH:
        raise InputError(MSG_TOO_LONG)
    if not text.isprintable() or not text.isascii():
        raise InputError(MSG_BAD_CHARS)
    return ScannedInput(code=text)


def _parse_link(text: str) -> ScannedInput:
    # Percent-decode exactly once, and not as a form (a literal '+' of the base64-like value must stay
    # '+'): decoding twice, or turning '+' into ' ', makes the service answer 40075.
    query = urlsplit(text).query if "?" in text else text
    params: dict[str, str] = {}
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        params.setdefault(unquote(key), unquote(value))
    encrypt = params.get("encrypt_code", "")
    if not encrypt:
        raise InputError(MSG_EMPTY)
    return ScannedInput(encrypt_code=encrypt, card_id=params.get("card_id") or None)


def normalize_card_id(card_id: str | None) -> str | None:
    if card_id is None:
        return None
    card_id = clean(card_id)
    return card_id or None


def mask(code: str, visible: int = 4) -> str:
    """All but the last ``visible`` characters hidden, for screens and printed exports."""
    if len(code) <= visible:
        return code
    return "•" * (len(code) - visible) + code[-visible:]
