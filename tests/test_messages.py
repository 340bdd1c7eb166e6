"""Every errcode of the API notes and every verdict has a cashier's sentence in both languages."""

from __future__ import annotations

import re

import pytest

from pos_app import errors, workflow
from pos_app.errors import localized
from pos_app.i18n import translate

API_NOTES_ERRCODES = [
    -1,
    40001,
    40014,
    42001,
    41001,
    40013,
    40125,
    40164,
    40243,
    45009,
    45011,
    48001,
    45030,
    40056,
    40099,
    40127,
    40079,
    40073,
    40075,
    47001,
    44002,
    43002,
    41011,
]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("errcode", API_NOTES_ERRCODES)
def test_every_errcode_has_a_sentence_in_english_and_chinese(errcode):
    message = errors.message_for_errcode(errcode)
    assert message is not errors.MSG_UNKNOWN_ERRCODE
    chinese = localized(message, errcode, "zh_CN")
    assert chinese != message and CJK.search(chinese), message


def test_unknown_errcode_names_the_number_in_both_languages():
    assert "(error 12345)" in localized(errors.message_for_errcode(12345), 12345, "en")
    assert "12345" in localized(errors.message_for_errcode(12345), 12345, "zh_CN")


def test_verdicts_and_workflow_sentences_are_translated():
    sources = [
        *workflow.VERDICT_MESSAGES.values(),
        workflow.MSG_REDEEMED,
        workflow.MSG_NOT_REDEEMED_AFTER_LOSS,
        errors.MSG_NOT_DELIVERED_REDEEM,
        errors.MSG_HUB_NOT_DELIVERED,
        errors.MSG_HUB_NOT_DELIVERED_REDEEM,
        errors.MSG_AMBIGUOUS,
    ]
    for source in sources:
        assert CJK.search(translate("messages", source, "zh_CN")), source
