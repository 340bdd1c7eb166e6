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


class CardKind(StrEnum):
    """What the counter does with a card: redeem a coupon, admit a ticket, never consume a member card."""

    COUPON = "coupon"
    TICKET = "ticket"
    MEMBER_CARD = "member_card"
    UNKNOWN = "unknown"


class CardType(StrEnum):
    """card/get's ``card_type`` (seed 001): five coupons, the member card and five tickets."""

    CASH = "CASH"
    DISCOUNT = "DISCOUNT"
    GIFT = "GIFT"
    GROUPON = "GROUPON"
    GENERAL_COUPON = "GENERAL_COUPON"
    MEMBER_CARD = "MEMBER_CARD"
    SCENIC_TICKET = "SCENIC_TICKET"
    MOVIE_TICKET = "MOVIE_TICKET"
    BOARDING_PASS = "BOARDING_PASS"
    MEETING_TICKET = "MEETING_TICKET"
    BUS_TICKET = "BUS_TICKET"
    UNKNOWN = "UNKNOWN"

    @classmethod
    def parse(cls, value: object) -> CardType:
        try:
            return cls(str(value).strip().upper())
        except ValueError:
            return cls.UNKNOWN

    @property
    def kind(self) -> CardKind:
        if self in _COUPON_TYPES:
            return CardKind.COUPON
        if self in _TICKET_TYPES:
            return CardKind.TICKET
        if self is CardType.MEMBER_CARD:
            return CardKind.MEMBER_CARD
        return CardKind.UNKNOWN


_COUPON_TYPES = frozenset({CardType.CASH, CardType.DISCOUNT, CardType.GIFT, CardType.GROUPON, CardType.GENERAL_COUPON})
_TICKET_TYPES = frozenset(
    {
        CardType.SCENIC_TICKET,
        CardType.MOVIE_TICKET,
        CardType.BOARDING_PASS,
        CardType.MEETING_TICKET,
        CardType.BUS_TICKET,
    }
)


class CardStatus(StrEnum):
    """card/get's ``base_info.status`` (``CARD_STATUS_`` dropped).  Live cards also carry SYS_DELETE,
    USER_DELETE and, on old cards, a bare number (read as UNKNOWN)."""

    NOT_VERIFY = "NOT_VERIFY"
    VERIFY_FAIL = "VERIFY_FAIL"
    VERIFY_OK = "VERIFY_OK"
    DELETE = "DELETE"
    USER_DELETE = "USER_DELETE"
    SYS_DELETE = "SYS_DELETE"
    DISPATCH = "DISPATCH"
    UNKNOWN = "UNKNOWN"

    @classmethod
    def parse(cls, value: object) -> CardStatus | None:
        """None when the card says nothing; UNKNOWN for a value this app does not know."""
        if value is None or value == "":
            return None
        text = str(value).strip().upper().removeprefix("CARD_STATUS_")
        try:
            return cls(text)
        except ValueError:
            return cls.UNKNOWN

    @property
    def blocks(self) -> bool:
        """Not approved or deleted by the merchant / WeChat: redeeming takes an explicit override."""
        return self in (
            CardStatus.NOT_VERIFY,
            CardStatus.VERIFY_FAIL,
            CardStatus.DELETE,
            CardStatus.USER_DELETE,
            CardStatus.SYS_DELETE,
        )


class DateType(StrEnum):
    """``date_info.type``: a name on current cards, a number on older ones (1 range, 2 term)."""

    FIX_TIME_RANGE = "DATE_TYPE_FIX_TIME_RANGE"
    FIX_TERM = "DATE_TYPE_FIX_TERM"
    PERMANENT = "DATE_TYPE_PERMANENT"
    UNKNOWN = "UNKNOWN"

    @classmethod
    def parse(cls, value: object) -> DateType | None:
        if value is None or value == "":
            return None
        if (isinstance(value, int) and not isinstance(value, bool)) or str(value).strip().isdigit():
            # Older cards number the types (captured live: {"type": 1, "begin_timestamp": ...}).  1 and 2
            # are the documented range/term; 3 for permanent is an assumption, named as such.
            return {1: cls.FIX_TIME_RANGE, 2: cls.FIX_TERM, 3: cls.PERMANENT}.get(int(str(value).strip()), cls.UNKNOWN)
        text = str(value).strip().upper().replace(" ", "_")
        if not text.startswith("DATE_TYPE_"):
            text = "DATE_TYPE_" + text
        try:
            return cls(text)
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
    MEMBER_CARD = "member_card"  # shown, never consumed at the counter
    UNKNOWN_CARD_TYPE = "unknown_card_type"  # a card_type this app does not know: never redeemable
    STORE_NOT_ALLOWED = "store_not_allowed"  # a chain's hub: this store may not redeem this card
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
class TicketDetails:
    """What a ticket says about where and when (only what the API gives; empty strings otherwise).

    Card-wide fields come from card/get (flight, route, gate, boarding/departure time, meeting or movie
    detail); per-holder fields (seat, session, room, zone, entrance) from card/code/get when the
    service includes them there.  Times are epoch seconds.
    """

    seat: str = ""
    session: str = ""  # movie show / meeting session as the service words it
    session_time: int | None = None  # epoch seconds of the show / boarding / departure
    gate: str = ""
    room: str = ""  # screening room / hall
    zone: str = ""
    entrance: str = ""
    flight: str = ""
    route: str = ""  # "from → to" for boarding passes
    ticket_class: str = ""
    detail: str = ""  # movie detail / meeting detail text

    def is_empty(self) -> bool:
        return not any(
            (
                self.seat,
                self.session,
                self.session_time,
                self.gate,
                self.room,
                self.zone,
                self.entrance,
                self.flight,
                self.route,
                self.ticket_class,
                self.detail,
            )
        )


@dataclass(frozen=True)
class MemberInfo:
    """What a member card's code/get (and card/get) give: number, points and stored value (fen)."""

    membership_number: str = ""
    bonus: int | None = None  # points
    balance: int | None = None  # fen
    supply_bonus: bool | None = None
    supply_balance: bool | None = None
    prerogative: str = ""


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
    status: CardStatus | None = None  # base_info.status
    date_type: DateType | None = None
    ticket: TicketDetails | None = None  # tickets only
    member: MemberInfo | None = None  # member cards only
    raw_card_type: str = ""  # card_type exactly as the service wrote it (shown for unknown types)

    @property
    def kind(self) -> CardKind:
        return self.card_type.kind


@dataclass(frozen=True)
class ChainChange:
    """Where a pos-app hub says the chain already redeemed or made unavailable a code (``hub_changed``).

    Empty / None for what the hub does not know: the cashier is known once that counter's journal
    reached the hub; ``action`` None for an action this app does not know.
    """

    action: Action | None
    store_id: str = ""
    store_name: str = ""
    terminal: str = ""
    cashier: str = ""
    at: float | None = None  # epoch seconds


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
    # Member cards: code/get's card carries membership_number / bonus / balance (seen live).
    member: MemberInfo | None = None
    # Tickets: per-holder details when code/get carries them.
    ticket: TicketDetails | None = None
    # A chain's hub adds where the chain already changed the code, and whether this store may redeem
    # its card (None: no hub said).
    chain_change: ChainChange | None = None
    store_allowed: bool | None = None

    @property
    def looks_like_member_card(self) -> bool:
        return self.member is not None


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
