"""The result panel, biggest first: verdict, value, title and brand, validity, conditions, code.

It only shows; it never calls the service.  ``show_result`` takes a ``pos_app.models.Result`` and the
merchant's checks from ``pos_app.rules`` and renders them in the current language; ``retranslate_ui``
re-renders the same content after a language switch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_app import rules
from pos_app.codes import mask
from pos_app.models import CardKind, Outcome, Result
from pos_app.ui import style
from pos_app.ui.style import AMBER, BLUE, GREEN, GREY, RED, Icon, Look
from pos_app.ui.translations import qt_tr
from pos_app.ui.verdict_words import headline, is_ticket, message_text, verdict_hint
from pos_app.workflow import VERDICT_MESSAGES

CTX = "ResultPanel"
_t = QCoreApplication.translate


# The mark word before each merchant condition (the comment tells translators it is not a button).
MARKS: dict[rules.CheckState, tuple[Look, Callable[[], str]]] = {
    rules.CheckState.PASS: (
        Look(GREEN, Icon.OK),
        lambda: QCoreApplication.translate("ResultPanel", "Met", "condition mark: the condition is met"),
    ),
    rules.CheckState.FAIL: (
        Look(RED, Icon.STOP),
        lambda: QCoreApplication.translate("ResultPanel", "Not met", "condition mark: the condition is not met"),
    ),
    rules.CheckState.UNKNOWN: (
        Look(AMBER, Icon.INFO),
        lambda: QCoreApplication.translate(
            "ResultPanel", "Check", "condition mark: the cashier must check this condition"
        ),
    ),
}


LONG_VALUE = 48  # characters: a longer value phrase (a groupon's deal text) is set smaller
MAX_VALUE = 140  # and cut here, so it never fills the result area
BAND_VALUE = 36  # the green band names the coupon in at most this many characters


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass
class PanelState:
    """What the panel shows, kept so a language switch can render it again."""

    kind: str = "ready"  # ready | busy | result | confirming | message
    result: Result | None = None
    busy_text: Callable[[], str] | None = None
    note: Callable[[], str] | None = None
    cancellable: bool = True  # busy: may Esc stop waiting?  (Never for a redemption.)
    policy: Any = None  # pos_app.counter.Policy of a shown coupon (conditions, deduction)
    look: Look | None = None  # kind "message"
    chain: Any = None  # pos_app.rules.Phrase: where the chain (a hub) already redeemed the shown code


def parse_total(text: str) -> int | None:
    """The order total typed in yuan ("520", "520.5", "¥520.50") as fen; None when empty or invalid."""
    from pos_app.codes import clean

    text = clean(text).replace("¥", "").replace(",", "")
    if not text:
        return None
    whole, _, frac = text.partition(".")
    if not whole.isdigit() and not (whole == "" and frac):
        return None
    if frac and (not frac.isdigit() or len(frac) > 2):
        return None
    return int(whole or "0") * 100 + int((frac + "00")[:2])


class _MarkRow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 2, 0, 2)
        self.icon = QLabel()
        self.icon.setFixedSize(28, 28)
        self.word = QLabel()
        self.word.setFont(style.font(style.DETAIL_PT, bold=True))
        self.word.setMinimumWidth(110)  # "OK" / "Check": the texts after them line up
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setFont(style.font(style.DETAIL_PT))
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        lay.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.word, 0, Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.text, 1)

    def set_check(self, check: rules.ConditionCheck) -> None:
        look, word = MARKS[check.state]
        self.icon.setPixmap(style.paint_icon(look.icon, look.colour, 28))
        self.word.setText(word())
        self.word.setStyleSheet(f"color: {look.colour};")
        self.text.setText(check.text(qt_tr))
        self.setProperty("state", check.state.value)


class ResultPanel(QFrame):
    """Shows one state of the counter flow.  ``order_total_changed`` when the cashier edits the total."""

    order_total_changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        store_location_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("resultPanel")
        self.store_location_id = store_location_id  # kept for the screenshots; the model decides
        self.state = PanelState()
        self.checks: list[rules.ConditionCheck] = []
        self._total_wanted = False
        self._code = ""  # the code the shown view belongs to
        self._others: tuple[str, Callable[[], str]] | None = None  # (code, its customer's other coupons)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(8)

        self.header = QFrame()
        self.header.setObjectName("verdictHeader")
        head = QHBoxLayout(self.header)
        head.setContentsMargins(16, 10, 16, 10)
        self.verdict_icon = QLabel()
        self.verdict_icon.setFixedSize(64, 64)
        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("verdict")
        self.verdict_label.setFont(style.font(style.VERDICT_PT, bold=True))
        self.verdict_label.setWordWrap(True)
        head.addWidget(self.verdict_icon)
        head.addWidget(self.verdict_label, 1)
        lay.addWidget(self.header)

        self.value_label = QLabel()
        self.value_label.setObjectName("value")
        self.value_label.setFont(style.font(style.VALUE_PT, bold=True))
        self.value_label.setWordWrap(True)
        lay.addWidget(self.value_label)

        self.title_label = QLabel()
        self.title_label.setFont(style.font(style.DETAIL_PT + 2))
        self.title_label.setWordWrap(True)
        lay.addWidget(self.title_label)

        self.details_label = QLabel()  # a ticket's seat, session, gate; a member card's number, points
        self.details_label.setObjectName("cardDetails")
        self.details_label.setFont(style.font(style.DETAIL_PT + 2, bold=True))
        self.details_label.setWordWrap(True)
        lay.addWidget(self.details_label)

        self.message_label = QLabel()
        self.message_label.setObjectName("message")
        self.message_label.setFont(style.font(style.DETAIL_PT + 2, bold=True))
        self.message_label.setWordWrap(True)
        lay.addWidget(self.message_label)

        self.checks_box = QVBoxLayout()
        self.checks_box.setSpacing(0)
        lay.addLayout(self.checks_box)
        self.check_rows: list[_MarkRow] = []

        total_row = QHBoxLayout()
        self.total_caption = QLabel()
        self.total_edit = QLineEdit()
        self.total_edit.setObjectName("orderTotal")
        self.total_edit.setMaximumWidth(160)
        self.total_edit.setMinimumWidth(140)
        self.total_edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.total_edit.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        self.total_edit.textChanged.connect(self._on_total_changed)
        self.deduct_label = QLabel()
        self.deduct_label.setObjectName("deduct")
        self.deduct_label.setFont(style.font(style.DETAIL_PT + 4, bold=True))
        self.deduct_label.setWordWrap(True)
        total_row.addWidget(self.total_caption)
        total_row.addWidget(self.total_edit)
        total_row.addStretch(1)
        self.total_widget = QWidget()
        total_box = QVBoxLayout(self.total_widget)  # the amount to deduct on its own line, in full
        total_box.setContentsMargins(0, 0, 0, 0)
        total_box.addLayout(total_row)
        total_box.addWidget(self.deduct_label)
        lay.addWidget(self.total_widget)

        self.code_label = QLabel()
        self.code_label.setObjectName("maskedCode")
        self.code_label.setFont(style.font(style.DETAIL_PT))
        self.code_label.setStyleSheet(f"color: {GREY};")
        lay.addWidget(self.code_label)
        self.others_label = QLabel()  # "This customer has 2 more of our coupons: …" (only under its code)
        self.others_label.setObjectName("otherCoupons")
        self.others_label.setFont(style.font(style.DETAIL_PT))
        self.others_label.setStyleSheet(f"color: {BLUE};")
        self.others_label.setWordWrap(True)
        lay.addWidget(self.others_label)
        lay.addStretch(1)
        self.retranslate_ui()

    # -- states ------------------------------------------------------------------------------------

    def show_view(self, view: Any, note: Callable[[], str] | str | None = None) -> None:
        """Render one ``pos_app.counter.View`` (``note``: the notice's sentence, if any)."""
        from pos_app.counter import State

        if isinstance(note, str):
            text = note
            note = (lambda: text) if text else None
        if view.code != self._code:
            self._code = view.code
            self._set_total_text("")  # a new coupon: a new order total
        if view.state is State.READY:
            self.state = PanelState("ready")
        elif view.state is State.LOOKING_UP:
            code = mask(view.code) if view.code else ""
            self.state = PanelState("busy", busy_text=lambda: _t("ResultPanel", "Looking up {code}…").format(code=code))
        elif view.state is State.REDEEMING:
            self.state = PanelState(
                "busy", result=view.result, cancellable=False, busy_text=lambda: _t("ResultPanel", "Redeeming…")
            )
        elif view.state is State.INVALIDATING:
            busy = PanelState("busy", result=view.result, cancellable=False)
            busy.busy_text = lambda: _t("ResultPanel", "Marking unavailable…")
            self.state = busy
        elif view.state is State.CONFIRMING:
            self.state = PanelState("confirming", result=view.result)
        elif view.result is None:
            self.state = PanelState("ready", note=note)
        else:
            self.state = PanelState("result", result=view.result, note=note, policy=view.policy, chain=view.chain)
        self._render()

    def show_ready(self) -> None:
        self.state = PanelState("ready")
        self._render()

    def show_abandoned(self) -> None:
        self.show_message(
            lambda: QCoreApplication.translate("ResultPanel", "Stopped waiting"),
            Look(AMBER, Icon.INFO),
            lambda: QCoreApplication.translate(
                "ResultPanel", "The lookup was abandoned; nothing was redeemed. Scan again when ready."
            ),
        )

    def show_busy(self, text: Callable[[], str], *, cancellable: bool = True) -> None:
        self.state = PanelState("busy", result=self.state.result, busy_text=text, cancellable=cancellable)
        self._render()

    def show_message(self, headline: Callable[[], str], look: Look, text: Callable[[], str]) -> None:
        """A plain state without a coupon (an error before any lookup, a cancelled wait)."""
        self.state = PanelState("message", busy_text=headline, note=text, look=look)
        self._render()

    def set_note(self, note: Callable[[], str] | None) -> None:
        self.state.note = note
        self._render()

    def set_other_coupons(self, code: str, text: Callable[[], str]) -> None:
        """The customer's other coupons, read for ``code``: shown while that code's result is."""
        self._others = (code, text)
        self._render()

    def order_total_fen(self) -> int | None:
        return parse_total(self.total_edit.text())

    def failed_checks(self) -> list[rules.ConditionCheck]:
        policy = self.state.policy
        return list(policy.failed) if policy is not None else []

    def band_text(self, result: Result) -> str:
        """The green band after a redemption: "✔ Redeemed ¥50.00 off…", the coupon named briefly."""
        if result.card is None:
            return "✔ " + self.tr("Redeemed")
        if is_ticket(result):
            return "✔ " + self.tr("Checked in: {title}").format(title=shorten(result.card.title, BAND_VALUE))
        value = shorten(rules.value_phrase(result.card).render(qt_tr), BAND_VALUE)
        return "✔ " + self.tr("Redeemed {value}").format(value=value)

    # -- rendering ---------------------------------------------------------------------------------

    def _set_total_text(self, text: str) -> None:
        self.total_edit.blockSignals(True)
        self.total_edit.setText(text)
        self.total_edit.blockSignals(False)

    def _set_header(self, look: Look, word: str) -> None:
        self.header.setStyleSheet(
            f"#verdictHeader {{ background: {look.colour}; border-radius: 8px; }}"
            f" #verdictHeader QLabel {{ color: white; }}"
        )
        self.verdict_icon.setPixmap(_icon_on_colour(look))
        self.verdict_label.setText(word)
        self.header.setProperty("verdictColour", look.colour)

    def _clear_details(self) -> None:
        labels = (self.value_label, self.title_label, self.details_label, self.message_label, self.code_label)
        self.others_label.clear()
        self.others_label.hide()
        for label in (*labels, self.deduct_label):
            label.clear()
            label.hide()
        self._set_checks([])
        self._total_wanted = False

    def _set_checks(self, checks: list[rules.ConditionCheck]) -> None:
        self.checks = checks
        while len(self.check_rows) < len(checks):
            row = _MarkRow()
            self.check_rows.append(row)
            self.checks_box.addWidget(row)
        for row, check in zip(self.check_rows, checks, strict=False):
            row.set_check(check)
            row.show()
        for row in self.check_rows[len(checks) :]:
            row.hide()

    def _render(self) -> None:
        self._clear_details()
        self._render_state()
        # Shown or hidden once per render, never hidden and shown again: hiding the order total while
        # the cashier types in it would move the focus to the code field (and the digits with it).
        self.total_widget.setVisible(self._total_wanted)

    def _render_state(self) -> None:
        st = self.state
        if st.kind == "ready":
            self._set_header(Look(GREY, Icon.READY), self.tr("Ready"))
            text = st.note() if st.note is not None else self.tr("Scan the customer's coupon or type its code.")
            self._show(self.message_label, text)
            return
        if st.kind == "busy":
            self._set_header(Look(BLUE, Icon.WAIT), st.busy_text() if st.busy_text else self.tr("Working…"))
            if st.cancellable:
                self._show(self.message_label, self.tr("Please wait. Esc stops waiting."))
            else:
                self._show(self.message_label, self.tr("Please wait for WeChat's answer; it cannot be stopped."))
            if st.result is not None:
                self._show_coupon(st.result)
            return
        if st.kind == "confirming":
            self._set_header(Look(AMBER, Icon.WAIT), self.tr("Confirming…"))
            self._show(
                self.message_label,
                self.tr(
                    "The answer from WeChat was lost. Checking the coupon again - do not redeem it "
                    "another way and do not give or refuse the discount yet."
                ),
            )
            if st.result is not None:
                self._show_coupon(st.result)
            return
        if st.kind == "message":
            self._set_header(st.look or Look(AMBER, Icon.INFO), st.busy_text() if st.busy_text else "")
            if st.note is not None:
                self._show(self.message_label, st.note())
            return
        result = st.result
        assert result is not None
        self._set_header(*headline(result))
        sentences = [st.chain.render(qt_tr)] if st.chain is not None else []  # "Already redeemed at Store 12…"
        hint = verdict_hint(result)
        if result.outcome in (Outcome.REDEEMABLE, Outcome.REDEEMED):
            pass  # the header says it all
        elif hint is not None and (not result.message or result.message == VERDICT_MESSAGES.get(result.verdict)):
            sentences.append(hint)  # the standard sentence, plus what to do
        elif result.message:
            sentences.append(message_text(result.message, result.errcode))
        if st.note is not None:
            sentences.append(st.note())
        if sentences:
            self._show(self.message_label, "\n".join(s for s in sentences if s))
        self._show_coupon(result)
        policy = st.policy
        if policy is None or result.outcome in (Outcome.REDEEMED, Outcome.INVALIDATED):
            return
        self._set_checks(list(policy.checks))
        if policy.redeemable and not is_ticket(result):  # a ticket has no bill to take money off
            self._total_wanted = True
            deduction = policy.deduction  # the model's: None unless every condition passed or was overridden
            self._show(self.deduct_label, deduction.phrase.render(qt_tr) if deduction is not None else "")
            if policy.failed and not policy.overridden:
                # WeChat would redeem it, but a merchant condition fails here: a big green word would be
                # read as "give the discount".  F9 then asks for the override.
                self._set_header(Look(AMBER, Icon.WARN), self.tr("Condition not met"))

    def _show_coupon(self, result: Result) -> None:
        card = result.card
        if card is not None and card.kind is CardKind.COUPON:
            value = rules.value_phrase(card).render(qt_tr)
            long_value = len(value) > LONG_VALUE
            self.value_label.setFont(style.font(style.DETAIL_PT + 4 if long_value else style.VALUE_PT, bold=True))
            self._show(self.value_label, shorten(value, MAX_VALUE))
            self.value_label.setToolTip(value if long_value else "")
        elif card is not None and card.kind is not CardKind.MEMBER_CARD:  # the header says "Member card"
            self.value_label.setFont(style.font(style.VALUE_PT, bold=True))  # "Movie ticket", unknown type
            self._show(self.value_label, rules.kind_phrase(card).render(qt_tr))
        if card is not None:
            title = " · ".join(part for part in (card.title, card.brand_name) if part)
            if title:
                self._show(self.title_label, title)
        rows = [*rules.member_phrases(card, result.info)]
        if card is not None:
            rows += rules.ticket_phrases(card, result.info, datetime.now().astimezone())
        self._show(self.details_label, "\n".join(r.render(qt_tr) for r in rows))
        if result.code:
            self._show(self.code_label, self.tr("Code {code}").format(code=mask(result.code)))
        if self._others is not None and result.code and self._others[0] == result.code:
            self._show(self.others_label, self._others[1]())

    def _show(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    def _on_total_changed(self) -> None:
        self.order_total_changed.emit()

    def retranslate_ui(self) -> None:
        self.total_caption.setText(self.tr("Order total (¥):"))
        self.total_edit.setPlaceholderText(self.tr("optional"))
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def _icon_on_colour(look: Look) -> object:
    # On the coloured header the icon is drawn white-on-darker so its shape stays visible.
    from PySide6.QtGui import QColor

    return style.paint_icon(look.icon, QColor(look.colour).darker(140).name(), 64)
