"""Install the app's and Qt's own translators, and switch language without a restart.

Qt's ``qtbase_<lang>.qm`` (shipped in the PySide6 wheel) translates standard buttons and dialogs
("OK", "Cancel", file dialogs); ours translates everything marked in ``pos_app``.  Installing or removing
a translator makes Qt send ``QEvent.LanguageChange`` to every widget: widgets that set their texts in
a ``retranslate()`` called from ``changeEvent`` follow the switch live.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from pos_app import i18n
from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.resources import resource_path
from pos_app.rules import Phrase, PhraseList

log = logging.getLogger("ui")

# Qt's own strings that qtbase_zh_CN.qm (PySide6 6.x) lacks: the file dialog's "&Look in:" and
# "Files of &type:" stayed English under zh_CN.  Our catalogue carries them in Qt's context; it is
# installed after Qt's, so it is asked first.
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)

# Translators must stay referenced while installed; keyed per application object.
_installed: dict[int, list[QTranslator]] = {}


def resolve_language(lang: str | None) -> str:
    """A supported language: the given one, else the system's (``None`` = follow the system)."""
    return lang if lang in i18n.LANGUAGES else i18n.detect_system_language()


def app_qm_path(lang: str) -> Path:
    return resource_path("translations", f"pos_app_{lang}.qm")


def qt_qm_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def _load(translator: QTranslator, path: Path) -> bool:
    ok = translator.load(str(path))
    if not ok:
        log.warning("translation not loaded: %s", path.name)
    return ok


def install_translators(app: QCoreApplication, lang: str | None) -> str:
    """Replace the installed translators by those of ``lang`` (None = system); return the language used."""
    lang = resolve_language(lang)
    for old in _installed.pop(id(app), []):
        app.removeTranslator(old)
    translators: list[QTranslator] = []
    if lang != "en":  # English is the source language of both Qt and the app
        qt = QTranslator(app)
        if _load(qt, qt_qm_dir() / f"qtbase_{lang}.qm"):
            translators.append(qt)
    ours = QTranslator(app)
    if _load(ours, app_qm_path(lang)):
        translators.append(ours)
    for translator in translators:
        app.installTranslator(translator)
    _installed[id(app)] = translators
    i18n.set_language(lang)  # core texts rendered for the CLI/logs follow too
    QLocale.setDefault(QLocale("zh_CN" if lang == "zh_CN" else "en_US"))
    return lang


def switch_language(app: QCoreApplication, lang: str | None) -> str:
    """Live switch: every widget gets ``QEvent.LanguageChange`` and re-renders its texts."""
    return install_translators(app, lang)


def installed_languages(app: QCoreApplication) -> list[str]:
    """File names of the installed translators (diagnostics and tests)."""
    return [Path(t.filePath()).name for t in _installed.get(id(app), [])]


def qt_tr(context: str, text: str) -> str:
    """The Translator ``pos_app.rules`` phrases render with: Qt's installed translators."""
    return QCoreApplication.translate(context, text)


def render(item: Phrase | PhraseList) -> str:
    """A core ``Phrase`` (rules, values) in the GUI's current language."""
    return item.render(qt_tr)
