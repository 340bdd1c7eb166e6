"""Translation for the Qt-free core and the command line.

The single source of translations is Qt's: `resources/translations/pos_app_<lang>.ts`.  The GUI loads
the compiled `.qm` with QTranslator; the core and the CLI, which must not import Qt, read the same `.ts`
(XML) here.  Core strings are marked with ``QT_TRANSLATE_NOOP(context, text)`` so that pyside6-lupdate
extracts them into the `.ts` like any ``tr()`` call.
"""

from __future__ import annotations

import locale
import os
import xml.etree.ElementTree as ET
from functools import cache

from pos_app.resources import resource_path

LANGUAGES = ("en", "zh_CN")
_current: str | None = None


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Mark ``text`` for extraction; return it unchanged (translate when shown)."""
    del context
    return text


def detect_system_language() -> str:
    """zh_CN when the user's locale is Chinese, else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    loc = locale.getlocale()[0] or ""
    return "zh_CN" if loc.lower().startswith("zh") else "en"


def set_language(lang: str | None) -> None:
    global _current
    _current = lang if lang in LANGUAGES else None


def get_language() -> str:
    return _current or detect_system_language()


@cache
def _catalog(lang: str) -> dict[tuple[str, str], str]:
    path = resource_path("translations", f"pos_app_{lang}.ts")
    catalog: dict[tuple[str, str], str] = {}
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return catalog
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source")
            trans = msg.find("translation")
            if source is None or trans is None or not (trans.text or "").strip():
                continue
            if trans.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            catalog[(name, source)] = trans.text or ""
    return catalog


def translate(context: str, text: str, lang: str | None = None) -> str:
    """``text`` in the current (or given) language; the English source when no translation exists."""
    lang = lang or get_language()
    if lang == "en" or not text:
        return text
    return _catalog(lang).get((context, text), text)
