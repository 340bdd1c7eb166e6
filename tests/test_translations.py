"""Both languages ship complete and current: the .ts hold every marked string, the .qm are their build.

Re-runs the real extraction (pyside6-lupdate + the core-string extractor) into a temporary directory
and compares, so a string added anywhere in pos_app without re-running
``uv run python tools/update_translations.py`` fails here.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before pytest-qt creates the application

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("update_translations", ROOT / "tools" / "update_translations.py")
assert _spec and _spec.loader
tool = importlib.util.module_from_spec(_spec)
sys.modules["update_translations"] = tool
_spec.loader.exec_module(tool)

PLACEHOLDER = re.compile(r"\{(\w*)\}")
QT_ARG = re.compile(r"%(?:\d+|n)")
# Arguments offered to translations on top of those the English text shows (see pos_app/rules.py):
# "fold" = Chinese 折 count for a percent discount, "m" = month number for Chinese dates.
EXTRA_ARGS = {"fold", "m"}
REPLACEABLE_ARGS = {"percent", "month"}


def test_sources_ts_and_qm_are_in_sync() -> None:
    problems = tool.check()
    assert not problems, "run `uv run python tools/update_translations.py`:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_message_is_translated(lang: str) -> None:
    messages = tool.messages(tool.ts_path(lang))
    assert len(messages) > 100
    missing = [f"[{ctx}] {src}" for (ctx, src), value in messages.items() if value is None]
    assert not missing, f"unfinished in pos_app_{lang}.ts:\n" + "\n".join(missing)


def test_chinese_is_chinese() -> None:
    """Every text with words in it is really translated (not copied, and written in Chinese)."""
    for (ctx, src), forms in tool.messages(tool.ts_path("zh_CN")).items():
        assert forms is not None
        if not re.search(r"[A-Za-z]{2,}", re.sub(r"\{\w*\}|AppID|AppSecret", "", src.replace("&", ""))):
            continue  # separators, "{days} {hours}", names that stay as they are

        for text in forms:
            assert text != src and re.search(r"[\u4e00-\u9fff]", text), f"[{ctx}] {src!r} -> {text!r}"


def test_placeholders_and_accelerators_survive_translation() -> None:
    for (ctx, src), forms in tool.messages(tool.ts_path("zh_CN")).items():
        assert forms is not None
        wanted = set(PLACEHOLDER.findall(src))
        for text in forms:
            got = set(PLACEHOLDER.findall(text))
            assert got <= wanted | EXTRA_ARGS, f"[{ctx}] {src!r}: unknown placeholder in {text!r}"
            assert wanted - REPLACEABLE_ARGS <= got, f"[{ctx}] {src!r}: placeholder lost in {text!r}"
            assert sorted(QT_ARG.findall(src)) == sorted(QT_ARG.findall(text)), f"[{ctx}] {src!r}"
            if re.search(r"&\w", src.replace("&&", "")):
                assert re.search(r"&\w", text.replace("&&", "")), f"[{ctx}] {src!r}: accelerator lost in {text!r}"


def test_core_strings_lupdate_misses_are_extracted() -> None:
    """errors.py marks its sentences as N_(CTX, ...): lupdate alone finds none of them."""
    from pos_app.errors import ERRCODE_MESSAGES, MSG_AMBIGUOUS, MSG_UNKNOWN_ERRCODE

    shipped = tool.messages(tool.ts_path("zh_CN"))
    for text in [*ERRCODE_MESSAGES.values(), MSG_AMBIGUOUS, MSG_UNKNOWN_ERRCODE]:
        assert ("messages", text) in shipped, text
    found, warnings = tool.extract_core_strings([ROOT / "pos_app" / "errors.py", ROOT / "pos_app" / "rules.py"])
    assert ("messages", MSG_AMBIGUOUS) in found
    assert ("rules", "{amount} off orders of {least} or more") in found
    assert not warnings


def test_core_translate_reads_the_ts() -> None:
    from pos_app.errors import localized

    assert localized("WeChat refused the request (error {errcode}).", 45009, "zh_CN") == (
        "微信拒绝了请求（错误码 45009）。"
    )
    assert localized("WeChat refused the request (error {errcode}).", 45009, "en") == (
        "WeChat refused the request (error 45009)."
    )


def test_qt_translators_and_live_switch(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QDialogButtonBox, QLabel

    from pos_app import i18n
    from pos_app.models import CardInfo, CardType
    from pos_app.rules import value_phrase
    from pos_app.ui.translations import install_translators, installed_languages, render, switch_language

    class Label(QLabel):
        changes = 0

        def changeEvent(self, event: QEvent) -> None:
            if event.type() == QEvent.Type.LanguageChange:
                Label.changes += 1
                self.setText(QCoreApplication.translate("messages", "This coupon has expired."))
            super().changeEvent(event)

    app = QCoreApplication.instance()
    assert app is not None
    label = Label()
    try:
        assert install_translators(app, "zh_CN") == "zh_CN"
        assert installed_languages(app) == ["qtbase_zh_CN.qm", "pos_app_zh_CN.qm"]
        QCoreApplication.processEvents()
        assert label.text() == "此券已过期。"
        card = CardInfo("c", CardType.CASH, reduce_cost=5000, least_cost=50000)
        assert render(value_phrase(card)) == "满¥500.00减¥50.00"
        # Qt's own standard buttons come from qtbase_zh_CN.qm
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
        assert i18n.get_language() == "zh_CN"

        before = Label.changes
        assert switch_language(app, "en") == "en"
        QCoreApplication.processEvents()
        assert Label.changes > before
        assert label.text() == "This coupon has expired."
        assert render(value_phrase(card)) == "¥50.00 off orders of ¥500.00 or more"
        assert installed_languages(app) == ["pos_app_en.qm"]
    finally:
        switch_language(app, "en")
        i18n.set_language(None)
        label.deleteLater()


def test_no_message_lost_its_context() -> None:
    """``tr = QCoreApplication.translate`` makes lupdate read tr("Ctx", "text") as source "Ctx" with
    comment "text" in an empty context; the tool spells such calls out (see lupdate_input)."""
    shipped = tool.messages(tool.ts_path("zh_CN"))
    assert not [key for key in shipped if not key[0]]
    assert any(ctx == "OperationsList" for ctx, _src in shipped)  # that file uses the alias
