"""What the scanner, the keyboard or a pasted link gives us, turned into a code (or an encrypt_code).

Codes are strings, never numbers (a WeChat code may start with 0).  A local grammar refuses what cannot
be a code before any request is sent: at most 20 characters of ``A-Z a-z 0-9 _ -`` (SQL, shell strings
and other junk never reach WeChat).  When the merchant configures custom-code patterns
(``config set custom_code_patterns``), a code must also be a WeChat-generated one (12 digits) or match
one of them in full.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from pos_app.errors import InputError
from pos_app.i18n import QT_TRANSLATE_NOOP as N_

MAX_CODE_LENGTH = 20
MAX_REASON_LENGTH = 64
MAX_ENCRYPT_CODE_LENGTH = 512
MAX_CARD_ID_LENGTH = 32

CODE_CHARS = re.compile(r"[A-Za-z0-9_-]+")
WECHAT_CODE = re.compile(r"[0-9]{12}")
CARD_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")
ENCRYPT_CODE = re.compile(r"[A-Za-z0-9+/=_-]+")
MAX_CUSTOM_PATTERNS = 20
MAX_PATTERN_LENGTH = 100

_custom_patterns: tuple[re.Pattern[str], ...] = ()

MSG_EMPTY = N_("messages", "No code was entered. Scan or type the coupon code.")
MSG_TOO_LONG = N_("messages", "That is not a coupon code: codes have at most 20 characters.")
MSG_BAD_CHARS = N_("messages", "That is not a coupon code: it contains characters a code cannot have.")
MSG_NO_PATTERN = N_(
    "messages", "That is not a coupon code of this merchant: it matches none of the configured code patterns."
)
MSG_BAD_LINK = N_("messages", "That coupon link is damaged: scan the coupon again.")
MSG_BAD_CARD_ID = N_("messages", "That is not a card ID: card IDs have at most 32 letters, digits, _ or -.")
MSG_REASON_INVISIBLE = N_("messages", "The reason must contain visible text.")


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
    check_code(text)
    return ScannedInput(code=text)


def check_code(text: str) -> str:
    """``text`` if it is a code by the local grammar; InputError naming what is wrong otherwise."""
    if not text:
        raise InputError(MSG_EMPTY)
    if len(text) > MAX_CODE_LENGTH:
        raise InputError(MSG_TOO_LONG)
    if not CODE_CHARS.fullmatch(text):
        raise InputError(MSG_BAD_CHARS)
    if _custom_patterns and not (WECHAT_CODE.fullmatch(text) or any(p.fullmatch(text) for p in _custom_patterns)):
        raise InputError(MSG_NO_PATTERN)
    return text


def compile_patterns(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    """The merchant's custom-code patterns (regular expressions matched in full); ValueError naming the
    first bad one."""
    found = [p for p in patterns if p]
    if len(found) > MAX_CUSTOM_PATTERNS:
        raise ValueError(f"at most {MAX_CUSTOM_PATTERNS} patterns")
    compiled = []
    for pattern in found:
        if len(pattern) > MAX_PATTERN_LENGTH or not pattern.isascii() or not pattern.isprintable():
            raise ValueError(f"pattern {pattern[:40]!r}: at most {MAX_PATTERN_LENGTH} printable ASCII characters")
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise ValueError(f"pattern {pattern!r}: {exc}") from None
    return tuple(compiled)


def use_custom_patterns(patterns: Iterable[str]) -> None:
    """Make the configured custom-code patterns part of the grammar (process-wide; services set it)."""
    global _custom_patterns
    _custom_patterns = compile_patterns(patterns)


def check_card_id(card_id: str) -> str:
    if not CARD_ID.fullmatch(card_id):
        raise InputError(MSG_BAD_CARD_ID)
    return card_id


def visible_reason(reason: str) -> str:
    """An invalidation reason with controls removed and whitespace collapsed; InputError when nothing
    visible is left (a reason of control characters only would make the coupon unavailable for no
    stated reason, irreversibly)."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in unicodedata.normalize("NFC", reason))
    text = " ".join(text.split())
    if not any(unicodedata.category(ch)[0] in "LNPS" for ch in text):
        raise InputError(MSG_REASON_INVISIBLE)
    return text


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
    if len(encrypt) > MAX_ENCRYPT_CODE_LENGTH or not ENCRYPT_CODE.fullmatch(encrypt):
        raise InputError(MSG_BAD_LINK)
    card_id = params.get("card_id") or None
    if card_id is not None and not CARD_ID.fullmatch(card_id):
        raise InputError(MSG_BAD_LINK)
    return ScannedInput(encrypt_code=encrypt, card_id=card_id)


def normalize_card_id(card_id: str | None) -> str | None:
    if card_id is None:
        return None
    card_id = clean(card_id)
    return check_card_id(card_id) if card_id else None


def mask(code: str, visible: int = 4) -> str:
    """All but the last ``visible`` characters hidden, for screens and printed exports."""
    if len(code) <= visible:
        return code
    return "•" * (len(code) - visible) + code[-visible:]
