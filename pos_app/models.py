"""Typed values the core hands around: what a code is, what its card is worth, what happened.

Amounts are integers in fen (1/100 CNY), as the API gives them; times are epoch seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class CodeStatus(StrEnum):
    """`user_card_status` of card/code/get."""

    NORMAL = "NORMAL"
    CONSUMED = "CONSUMED"
    EXPIRE = "EXPIRE"
    GIFTING = "GIFTING"
    GIFT_TIMEOUT = "GIFT_TIMEOUT"
    DELETE = "DELETE"
    UNAVAILABLE = "UNAVAILABLE"

    @classmethod
    def parse(cls, value: object) -> CodeStatus | None:
        try:
            return cls(str(value))
        except ValueError:
            return None


class CardType(StrEnum):
    CASH = "CASH"
    DISCOUNT = "DISCOUNT"
    GIFT = "GIFT"
    GROUPON = "GROUPON"
    GENERAL_COUPON = "GENERAL_COUPON"
    UNKNOWN = "UNKNOWN"

    @classmethod
    def parse(cls, value: object) -> CardType:
        try:
            return cls(str(value).upper())
        except ValueError:
            return cls.UNKNOWN


class Verdict(StrEnum):
    """The one-word answer the cashier sees first."""

    REDEEMABLE = "redeemable"
    ALREADY_REDEEMED = "already_redeemed"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    GIFTED = "gifted"
    DELETED = "deleted"
    UNAVAILABLE = "unavailable"
    INVALID_CODE = "invalid_code"
    ERROR = "error"


class Outcome(StrEnum):
    """What an operation ended in (CLI `--json`, journal export)."""

    REDEEMABLE = "redeemable"
    NOT_REDEEMABLE = "not_redeemable"
    REDEEMED = "redeemed"
    INVALIDATED = "invalidated"
    REFUSED = "refused"
    ERROR = "error"
    PENDING = "pending"
    # The code is consumed, but another attempt on it is known (another counter, another process):
    # possibly not ours.  No discount until a manager checked (pos_app.settle).
    CONSUMED_ELSEWHERE = "consumed_elsewhere"


class Action(StrEnum):
    LOOKUP = "lookup"
    REDEEM = "redeem"
    INVALIDATE = "invalidate"


@dataclass(frozen=True)
class TimeLimit:
    """One entry of advanced_info.time_limit: a weekday (or HOLIDAY) and optional hours."""

    type: str
    begin_hour: int | None = None
    begin_minute: int | None = None
    end_hour: int | None = None
    end_minute: int | None = None


@dataclass(frozen=True)
class CardInfo:
    """What card/get says a coupon is worth and where/when it may be used."""

    card_id: str
    card_type: CardType
    title: str = ""
    sub_title: str = ""
    brand_name: str = ""
    notice: str = ""
    description: str = ""
    least_cost: int | None = None  # minimum spend, fen
    reduce_cost: int | None = None  # CASH: amount off, fen
    discount: int | None = None  # DISCOUNT: percent off
    gift: str = ""
    deal_detail: str = ""
    default_detail: str = ""
    time_limits: tuple[TimeLimit, ...] = ()
    location_ids: tuple[int, ...] = ()
    use_all_locations: bool = False
    can_use_with_other_discount: bool | None = None
    accept_category: str = ""
    reject_category: str = ""
    object_use_for: str = ""
    code_type: str = ""
    use_custom_code: bool = False
    date_info: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class CodeInfo:
    """What card/code/get says about one code."""

    code: str
    card_id: str | None
    status: CodeStatus | None
    can_consume: bool | None
    begin_time: int | None = None
    end_time: int | None = None
    openid: str = ""
    outer_str: str = ""


@dataclass(frozen=True)
class Result:
    """The answer to one lookup, redeem or invalidate, for the GUI, the CLI and the journal.

    ``message`` is an English source text; show it through ``pos_app.i18n.translate("messages", ...)``
    (CLI) or ``QCoreApplication.translate("messages", ...)`` (GUI).
    """

    action: Action
    code: str
    card_id: str | None
    verdict: Verdict
    outcome: Outcome
    info: CodeInfo | None = None
    card: CardInfo | None = None
    errcode: int | None = None
    message: str = ""
    # True when the answer to our consume/unavailable was lost and the outcome was established by
    # re-reading the code afterwards.
    confirmed_by_reread: bool = False
    reason: str = ""
    attempt_id: str = ""  # the journal's id of a redeem/invalidate attempt

    @property
    def redeemable(self) -> bool:
        return self.verdict is Verdict.REDEEMABLE


@dataclass(frozen=True)
class OperationContext:
    """Who does it and where: recorded with every operation."""

    cashier: str = ""
    terminal: str = ""
    store_location_id: int | None = None
