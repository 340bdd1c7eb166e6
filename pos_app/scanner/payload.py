"""Is a decoded text a coupon payload?  Anything else a camera happens to read is ignored.

A coupon code is short and printable (WeChat codes are 12 digits; merchant codes up to 20 characters).
A link opened from a card carries ``encrypt_code`` and may be long.  Everything else (a product's EAN, a
URL on a poster, a garbled read) is not a scan.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import parse_qs, urlsplit

MAX_CODE_LENGTH = 20


def normalize_payload(text: str) -> str:
    """The form compared and reported: NFKC (full-width digits become ASCII), outer blanks removed."""
    return unicodedata.normalize("NFKC", text).strip()


def _carries_encrypt_code(text: str) -> bool:
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return False
    for query in (parts.query, parts.fragment.partition("?")[2] or parts.fragment):
        values = parse_qs(query).get("encrypt_code")
        if values and values[0].strip():
            return True
    return False


def passes_code_grammar(text: str) -> bool:
    """The payload grammar of ``pos_app.codes`` (owned there, called here, never copied): length,
    characters, an ``encrypt_code`` link.  A read it rejects is never reported."""
    from pos_app.codes import parse_scan
    from pos_app.errors import InputError

    try:
        parse_scan(text)
    except InputError:
        return False
    return True


def is_coupon_payload(text: str) -> bool:
    """A decoded text the camera path may report: a coupon payload by our rule and by ``pos_app.codes``."""
    return looks_like_coupon_payload(text) and passes_code_grammar(normalize_payload(text))


def looks_like_coupon_payload(text: str) -> bool:
    """True for a printable code of 1..20 characters, or an http(s) URL with a non-empty encrypt_code."""
    norm = normalize_payload(text)
    if not norm or not norm.isprintable() or "\ufffd" in norm:
        return False
    if len(norm) <= MAX_CODE_LENGTH:
        return True
    return " " not in norm and _carries_encrypt_code(norm)
