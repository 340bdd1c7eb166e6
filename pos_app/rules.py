"""The merchant's own checks that WeChat does not enforce, and a coupon's value in plain words.

WeChat prints weekday/hour windows, stores and minimum spend on the coupon but redeems it anyway
(`wechat-card-api.md`): the cashier must check them.  Everything here is pure and Qt-free: it turns a
``CardInfo`` (and the code's validity window) into ``Phrase`` objects — an English source text marked
for translation plus its arguments — so the GUI renders them with Qt's translator and the CLI with
``pos_app.i18n.translate``, from the same ``.ts``.

State decisions (documented for the cashier's screen):
- ``FAIL`` only when the app *knows* the condition is not met (wrong weekday/hour, other store, order
  below the minimum spend, expired / not yet valid).  The GUI asks for a manager override then.
- ``UNKNOWN`` when the app cannot know: store ID not configured, order total not entered, a
  public-holiday window, and "not with other offers" (only the cashier can see the rest of the
  order) — shown as a reminder to confirm, never blocking on its own.
- Conditions the coupon does not set produce no row at all.

Money is integer fen, shown as "¥50.00"; times are local and 24-hour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from enum import StrEnum
from typing import Union

from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.i18n import translate
from pos_app.models import CardInfo, CardKind, CardType, CodeInfo, DateType, TimeLimit

CTX = "rules"

Translator = Callable[[str, str], str]
Arg = Union[str, "Phrase", "PhraseList"]


@dataclass(frozen=True)
class Phrase:
    """A translatable ``source`` text with ``{name}`` placeholders and their (possibly nested) values."""

    source: str
    args: tuple[tuple[str, Arg], ...] = ()
    context: str = CTX

    def render(self, tr: Translator | None = None) -> str:
        """The text in the current language: ``tr(context, source)`` (default: the core's translator)."""
        tr = tr or _core_translate
        values = {name: _render_arg(value, tr) for name, value in self.args}
        text = tr(self.context, self.source)
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            # A broken translation must never hide the information: fall back to the English source.
            return self.source.format(**values)

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True)
class PhraseList:
    """Items joined by a translatable separator (", " in English, "、" in Chinese)."""

    items: tuple[Arg, ...]
    separator: Phrase

    def render(self, tr: Translator | None = None) -> str:
        tr = tr or _core_translate
        return self.separator.render(tr).join(_render_arg(item, tr) for item in self.items)


def phrase(source: str, **args: Arg) -> Phrase:
    """A Phrase in context "rules"; ``source`` must be a string marked with QT_TRANSLATE_NOOP."""
    return Phrase(source, tuple(args.items()))


def _core_translate(context: str, text: str) -> str:
    return translate(context, text)


def _render_arg(value: Arg, tr: Translator) -> str:
    return value if isinstance(value, str) else value.render(tr)


LIST_SEPARATOR = Phrase(N_(CTX, ", "))


class CheckKind(StrEnum):
    VALIDITY = "validity"
    TIME_WINDOW = "time_window"
    STORE = "store"
    MINIMUM_SPEND = "minimum_spend"
    OTHER_OFFERS = "other_offers"
    PRODUCTS = "products"
    CARD_STATUS = "card_status"


class CheckState(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ConditionCheck:
    kind: CheckKind
    state: CheckState
    phrase: Phrase

    def text(self, tr: Translator | None = None) -> str:
        return self.phrase.render(tr)


@dataclass(frozen=True)
class Deduction:
    """What to take off the order: ``amount_fen``; ``to_pay_fen`` when the order total is known."""

    amount_fen: int
    to_pay_fen: int | None
    phrase: Phrase


# --- money and dates -------------------------------------------------------------------------------


def money(fen: int) -> str:
    """Fen as yuan with two decimals: 5000 -> "¥50.00" (same in both languages)."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}¥{yuan:,}.{cents:02d}"


_MONTHS = (
    N_(CTX, "Jan"),
    N_(CTX, "Feb"),
    N_(CTX, "Mar"),
    N_(CTX, "Apr"),
    N_(CTX, "May"),
    N_(CTX, "Jun"),
    N_(CTX, "Jul"),
    N_(CTX, "Aug"),
    N_(CTX, "Sep"),
    N_(CTX, "Oct"),
    N_(CTX, "Nov"),
    N_(CTX, "Dec"),
)

WEEKDAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
_WEEKDAY_NAMES = {
    "MONDAY": N_(CTX, "Mon"),
    "TUESDAY": N_(CTX, "Tue"),
    "WEDNESDAY": N_(CTX, "Wed"),
    "THURSDAY": N_(CTX, "Thu"),
    "FRIDAY": N_(CTX, "Fri"),
    "SATURDAY": N_(CTX, "Sat"),
    "SUNDAY": N_(CTX, "Sun"),
    "HOLIDAY": N_(CTX, "public holidays"),
}


# WeChat's clock is Beijing time (UTC+8, no daylight saving): FIX_TERM days run 00:00:00-23:59:59 there.
BEIJING = timezone(timedelta(hours=8), "UTC+8")
# Live answers say "no end" with 2147483647 (INT32_MAX) and sometimes with larger values, beyond what
# ``datetime`` can hold; 0 says "no begin / no end".  Anything at or past this bound is "no end date".
NO_END = 2147483647


def local_moment(ts: int, now: datetime) -> datetime | None:
    """Epoch seconds in the same zone as ``now`` (naive ``now`` means the machine's local time); None for
    a value that is no moment at all (0, negative, the "no end" sentinel or unrepresentable).  Never raises."""
    if ts <= 0 or ts >= NO_END:
        return None
    try:
        moment = datetime.fromtimestamp(ts, tz=now.tzinfo)
    except (OverflowError, OSError, ValueError):
        return None
    return moment


def timestamp_or_none(ts: int | None) -> int | None:
    """A service timestamp that names a real moment, else None (0, sentinel, absurd values)."""
    if ts is None or ts <= 0 or ts >= NO_END:
        return None
    return ts


def _offset(moment: datetime) -> timedelta | None:
    aware = moment if moment.tzinfo is not None else moment.astimezone()
    return aware.utcoffset()


def zone_label(moment: datetime) -> str:
    """ "UTC+8", "UTC+1", "UTC-5:30" for the zone ``moment`` is shown in."""
    offset = _offset(moment) or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{mins:02d}" if mins else "")


def moment_phrase(at: float, now: float) -> Phrase | str:
    """When something happened (epoch seconds), seen at ``now``: "14:02" today, the date and time
    otherwise (``date_time_phrase``), in the counter's zone."""
    moment = datetime.fromtimestamp(at).astimezone()
    today = datetime.fromtimestamp(now).astimezone()
    if moment.date() == today.date():
        return moment.strftime("%H:%M")
    return date_time_phrase(moment, today)


def date_time_phrase(moment: datetime, now: datetime) -> Phrase:
    """ "30 Nov 23:59" (year added when it is not this year's), 24-hour; the counter's zone is named
    ("30 Nov 16:59 UTC+1") when it is not Beijing time, the zone WeChat's times are set in."""
    hm = moment.strftime("%H:%M")
    month = Phrase(_MONTHS[moment.month - 1])
    if moment.year == now.year:
        p = phrase(N_(CTX, "{day} {month} {time}"), day=str(moment.day), month=month, m=str(moment.month), time=hm)
    else:
        p = phrase(
            N_(CTX, "{day} {month} {year} {time}"),
            day=str(moment.day),
            month=month,
            m=str(moment.month),
            year=str(moment.year),
            time=hm,
        )
    if _offset(moment) != timedelta(hours=8):
        return phrase(N_(CTX, "{when} {zone}"), when=p, zone=zone_label(moment))
    return p


def fix_term_window(received_at: float, fixed_begin_term: int, fixed_term: int) -> tuple[int, int]:
    """A DATE_TYPE_FIX_TERM holder's window: from 00:00:00 Beijing time ``fixed_begin_term`` days after
    the day of receipt, for ``fixed_term`` whole days, the last ending 23:59:59 (seed 001: received
    1 Oct, 90 days -> 1 Oct to 29 Dec; code/get's sample window ends ...199 = 23:59:59 UTC+8)."""
    received = datetime.fromtimestamp(received_at, tz=BEIJING)
    first = datetime(received.year, received.month, received.day, tzinfo=BEIJING) + timedelta(
        days=max(0, fixed_begin_term)
    )
    last = first + timedelta(days=max(1, fixed_term)) - timedelta(seconds=1)
    return int(first.timestamp()), int(last.timestamp())


def _days_between(earlier: date, later: date) -> int:
    return (later - earlier).days


# --- value -----------------------------------------------------------------------------------------


def _percent_args(discount: int) -> dict[str, Arg]:
    # WeChat's discount is percent off (30 = customer pays 70 %).  Chinese counters say "7折" (tenths
    # of the price paid), so both numbers are offered to the translation.
    paid_tenths = (100 - discount) / 10
    fold = f"{paid_tenths:.1f}".rstrip("0").rstrip(".")
    return {"percent": str(discount), "fold": fold}


def value_phrase(card: CardInfo) -> Phrase:
    """The coupon's value in plain words: "¥50.00 off orders of ¥500.00 or more", "20% off", …"""
    least = card.least_cost or 0
    if card.card_type is CardType.CASH and card.reduce_cost:
        if least > 0:
            return phrase(
                N_(CTX, "{amount} off orders of {least} or more"), amount=money(card.reduce_cost), least=money(least)
            )
        return phrase(N_(CTX, "{amount} off"), amount=money(card.reduce_cost))
    if card.card_type is CardType.DISCOUNT and card.discount:
        if least > 0:
            return phrase(
                N_(CTX, "{percent}% off orders of {least} or more"), least=money(least), **_percent_args(card.discount)
            )
        return phrase(N_(CTX, "{percent}% off"), **_percent_args(card.discount))
    if card.card_type is CardType.GIFT and (card.gift or card.title):
        return phrase(N_(CTX, "Gift: {gift}"), gift=card.gift or card.title)
    if card.card_type is CardType.GROUPON and (card.deal_detail or card.title):
        return phrase(N_(CTX, "Group deal: {deal}"), deal=card.deal_detail or card.title)
    if card.card_type is CardType.GENERAL_COUPON and (card.default_detail or card.title):
        return phrase(N_(CTX, "Coupon: {detail}"), detail=card.default_detail or card.title)
    # Nothing typed to describe: the title as it is (context "" = never translated).
    return Phrase("{title}", (("title", card.title or card.card_id),), context="")


def value_text(card: CardInfo, tr: Translator | None = None) -> str:
    """``value_phrase`` rendered (core translator by default; pass Qt's for the GUI)."""
    return value_phrase(card).render(tr)


def deduction(card: CardInfo, order_total_fen: int | None) -> Deduction | None:
    """The amount to take off the order, when the coupon is worth money and it can be computed."""
    if card.card_type is CardType.CASH and card.reduce_cost:
        amount = card.reduce_cost
        if order_total_fen is not None:
            amount = min(amount, max(order_total_fen, 0))
    elif card.card_type is CardType.DISCOUNT and card.discount and order_total_fen is not None:
        # Round half up to the fen, as a till does.
        amount = (max(order_total_fen, 0) * card.discount + 50) // 100
    else:
        return None
    if order_total_fen is None:
        return Deduction(amount, None, phrase(N_(CTX, "Deduct {amount}"), amount=money(amount)))
    to_pay = order_total_fen - amount
    return Deduction(
        amount,
        to_pay,
        phrase(N_(CTX, "Deduct {amount}; customer pays {to_pay}"), amount=money(amount), to_pay=money(to_pay)),
    )


# --- checks ----------------------------------------------------------------------------------------


def evaluate(
    card: CardInfo,
    now: datetime,
    store_location_id: int | None,
    order_total_fen: int | None,
    info: CodeInfo | None = None,
) -> list[ConditionCheck]:
    """Every condition the coupon sets, checked against this counter, this moment and this order.

    ``info`` (card/code/get) gives the holder's own validity window; without it the card's fixed
    range is used when it has one.
    """
    checks: list[ConditionCheck] = []
    status = check_card_status(card)
    if status is not None:
        checks.append(status)
    window = validity_window(card, info)
    if window is not None:
        checks.append(check_validity(window[0], window[1], now))
    if card.time_limits:
        checks.append(check_time_window(card.time_limits, now))
    store = check_store(card, store_location_id)
    if store is not None:
        checks.append(store)
    if card.least_cost:
        checks.append(check_minimum_spend(card.least_cost, order_total_fen))
    if card.can_use_with_other_discount is False:
        checks.append(
            ConditionCheck(
                CheckKind.OTHER_OFFERS,
                CheckState.UNKNOWN,
                phrase(N_(CTX, "Not with other offers: make sure no other discount is used on this order")),
            )
        )
    checks.extend(_product_checks(card))
    return checks


def validity_window(card: CardInfo, info: CodeInfo | None) -> tuple[int | None, int | None] | None:
    """(begin, end) epoch seconds, either possibly None ("no begin" / "no end date"); None when nothing
    is known.  code/get's window is the holder's own (FIX_TERM already resolved); 0 and the
    2147483647-or-larger sentinel mean "none"."""
    if info is not None and (info.begin_time or info.end_time):
        return (timestamp_or_none(info.begin_time), timestamp_or_none(info.end_time))
    date_info = card.date_info or {}
    date_type = card.date_type or DateType.parse(date_info.get("type"))
    if date_type is DateType.PERMANENT:
        return (None, None)
    if date_type is DateType.FIX_TIME_RANGE:
        begin = timestamp_or_none(_as_int(date_info.get("begin_timestamp")))
        end = timestamp_or_none(_as_int(date_info.get("end_timestamp")))
        if begin or end or _as_int(date_info.get("end_timestamp")):
            return (begin, end)
    return None


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def check_validity(begin: int | None, end: int | None, now: datetime) -> ConditionCheck:
    """ "Valid until 30 Nov 23:59, 9 days left" / "Not valid yet: …" / "Expired on …"."""
    start = local_moment(begin, now) if begin is not None else None
    if start is not None:
        if now < start:
            days = _days_between(now.date(), start.date())
            when = date_time_phrase(start, now)
            if days == 0:
                p = phrase(N_(CTX, "Not valid yet: valid from {when}, later today"), when=when)
            elif days == 1:
                p = phrase(N_(CTX, "Not valid yet: valid from {when}, tomorrow"), when=when)
            else:
                p = phrase(N_(CTX, "Not valid yet: valid from {when}, in {days} days"), when=when, days=str(days))
            return ConditionCheck(CheckKind.VALIDITY, CheckState.FAIL, p)
    finish = local_moment(end, now) if end is not None else None
    if finish is None:
        return ConditionCheck(CheckKind.VALIDITY, CheckState.PASS, phrase(N_(CTX, "Valid, no end date")))
    when = date_time_phrase(finish, now)
    if now > finish:
        return ConditionCheck(CheckKind.VALIDITY, CheckState.FAIL, phrase(N_(CTX, "Expired on {when}"), when=when))
    days = _days_between(now.date(), finish.date())
    if days == 0:
        p = phrase(N_(CTX, "Valid until {time} today, last day"), time=_time_text(finish))
    elif days == 1:
        p = phrase(N_(CTX, "Valid until {when}, 1 day left"), when=when)
    else:
        p = phrase(N_(CTX, "Valid until {when}, {days} days left"), when=when, days=str(days))
    return ConditionCheck(CheckKind.VALIDITY, CheckState.PASS, p)


def _time_text(moment: datetime) -> str:
    hm = moment.strftime("%H:%M")
    return hm if _offset(moment) == timedelta(hours=8) else f"{hm} {zone_label(moment)}"


def _minutes(hour: int | None, minute: int | None, default: int) -> int:
    if hour is None:
        return default
    return hour * 60 + (minute or 0)


def _span(limit: TimeLimit) -> tuple[int, int] | None:
    """(begin, end) minutes of the day, end inclusive; None = the whole day."""
    if limit.begin_hour is None and limit.end_hour is None:
        return None
    begin = _minutes(limit.begin_hour, limit.begin_minute, 0)
    end = _minutes(limit.end_hour, limit.end_minute, 24 * 60 - 1)
    if begin == end == 0:  # 00:00-00:00 is how some cards say "all day"
        return None
    return (begin, end)


def _in_span(span: tuple[int, int] | None, minute_of_day: int) -> bool:
    if span is None:
        return True
    begin, end = span
    if begin <= end:
        return begin <= minute_of_day <= end
    return minute_of_day >= begin or minute_of_day <= end  # window across midnight, e.g. 22:00-02:00


def _hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def schedule_phrase(limits: Iterable[TimeLimit]) -> PhraseList:
    """ "Mon, Tue, Wed 11:00–14:00; Sat all day": days grouped by identical hours, in weekday order."""
    order = {name: i for i, name in enumerate((*WEEKDAYS, "HOLIDAY"))}
    by_hours: dict[tuple[tuple[int, int] | None, ...], list[str]] = {}
    spans: dict[str, list[tuple[int, int] | None]] = {}
    for limit in limits:
        kind = limit.type.upper()
        if kind not in order:
            continue
        spans.setdefault(kind, []).append(_span(limit))
    for kind in sorted(spans, key=order.__getitem__):
        key = tuple(sorted(spans[kind], key=lambda s: (-1, -1) if s is None else s))
        by_hours.setdefault(key, []).append(kind)
    groups: list[Arg] = []
    for key, days in by_hours.items():
        day_list = PhraseList(tuple(Phrase(_WEEKDAY_NAMES[d]) for d in days), LIST_SEPARATOR)
        if None in key:
            groups.append(phrase(N_(CTX, "{days} all day"), days=day_list))
        else:
            hours = ", ".join(f"{_hm(b)}–{_hm(e)}" for b, e in key)  # type: ignore[misc]
            groups.append(phrase(N_(CTX, "{days} {hours}"), days=day_list, hours=hours))
    return PhraseList(tuple(groups), Phrase(N_(CTX, "; ")))


def check_time_window(limits: tuple[TimeLimit, ...], now: datetime) -> ConditionCheck:
    """Weekday and hour windows.  HOLIDAY cannot be known here: UNKNOWN unless a weekday entry matches."""
    today = WEEKDAYS[now.weekday()]
    minute_of_day = now.hour * 60 + now.minute
    schedule = schedule_phrase(limits)
    has_holiday = False
    has_unreadable = False
    today_listed = False
    for limit in limits:
        kind = limit.type.upper()
        if kind == "HOLIDAY":
            has_holiday = True
        elif kind not in WEEKDAYS:
            has_unreadable = True  # a type newer than this app: never claim it fails
        elif kind == today:
            today_listed = True
            if _in_span(_span(limit), minute_of_day):
                return ConditionCheck(
                    CheckKind.TIME_WINDOW,
                    CheckState.PASS,
                    phrase(N_(CTX, "Valid at this time ({schedule})"), schedule=schedule),
                )
    if has_unreadable:
        return ConditionCheck(
            CheckKind.TIME_WINDOW,
            CheckState.UNKNOWN,
            phrase(
                N_(CTX, "Time limits this app cannot read: check the coupon's terms ({schedule})"), schedule=schedule
            ),
        )
    if has_holiday:
        return ConditionCheck(
            CheckKind.TIME_WINDOW,
            CheckState.UNKNOWN,
            phrase(N_(CTX, "Valid on public holidays: check whether today is one ({schedule})"), schedule=schedule),
        )
    if today_listed:
        p = phrase(N_(CTX, "Not valid at this hour: valid {schedule}"), schedule=schedule)
    else:
        p = phrase(N_(CTX, "Not valid today: valid {schedule}"), schedule=schedule)
    return ConditionCheck(CheckKind.TIME_WINDOW, CheckState.FAIL, p)


def check_store(card: CardInfo, store_location_id: int | None) -> ConditionCheck | None:
    """This counter's store (config ``store_location_id``) against the coupon's stores."""
    if card.use_all_locations:
        return ConditionCheck(CheckKind.STORE, CheckState.PASS, phrase(N_(CTX, "Valid at all stores")))
    if not card.location_ids:
        return None
    if store_location_id is None:
        return ConditionCheck(
            CheckKind.STORE,
            CheckState.UNKNOWN,
            phrase(N_(CTX, "Valid at some stores only: this counter's store ID is not set in Settings")),
        )
    if store_location_id in card.location_ids:
        return ConditionCheck(CheckKind.STORE, CheckState.PASS, phrase(N_(CTX, "Valid at this store")))
    return ConditionCheck(CheckKind.STORE, CheckState.FAIL, phrase(N_(CTX, "Not valid at this store")))


def check_minimum_spend(least_cost: int, order_total_fen: int | None) -> ConditionCheck:
    if order_total_fen is None:
        return ConditionCheck(
            CheckKind.MINIMUM_SPEND,
            CheckState.UNKNOWN,
            phrase(N_(CTX, "Minimum spend {least}: enter the order total to check"), least=money(least_cost)),
        )
    if order_total_fen >= least_cost:
        return ConditionCheck(
            CheckKind.MINIMUM_SPEND,
            CheckState.PASS,
            phrase(
                N_(CTX, "Order {total} reaches the minimum spend of {least}"),
                total=money(order_total_fen),
                least=money(least_cost),
            ),
        )
    return ConditionCheck(
        CheckKind.MINIMUM_SPEND,
        CheckState.FAIL,
        phrase(
            N_(CTX, "Order {total} is below the minimum spend of {least} (missing {missing})"),
            total=money(order_total_fen),
            least=money(least_cost),
            missing=money(least_cost - order_total_fen),
        ),
    )


def _product_checks(card: CardInfo) -> list[ConditionCheck]:
    """Which goods the coupon is for: only the cashier can see the basket, so these are reminders."""
    checks = []
    if card.accept_category:
        checks.append(
            ConditionCheck(
                CheckKind.PRODUCTS, CheckState.UNKNOWN, phrase(N_(CTX, "Only for: {items}"), items=card.accept_category)
            )
        )
    if card.reject_category:
        checks.append(
            ConditionCheck(
                CheckKind.PRODUCTS, CheckState.UNKNOWN, phrase(N_(CTX, "Not for: {items}"), items=card.reject_category)
            )
        )
    if card.object_use_for:
        checks.append(
            ConditionCheck(
                CheckKind.PRODUCTS,
                CheckState.UNKNOWN,
                phrase(N_(CTX, "Applies to: {items}"), items=card.object_use_for),
            )
        )
    return checks


_CARD_STATUS_PHRASES = {
    "NOT_VERIFY": N_(CTX, "This card is not approved by WeChat yet ({status}): redeem only with a manager's override"),
    "VERIFY_FAIL": N_(CTX, "WeChat's review rejected this card ({status}): redeem only with a manager's override"),
    "DELETE": N_(CTX, "The merchant deleted this card ({status}): redeem only with a manager's override"),
    "USER_DELETE": N_(CTX, "The merchant deleted this card ({status}): redeem only with a manager's override"),
    "SYS_DELETE": N_(CTX, "WeChat deleted this card ({status}): redeem only with a manager's override"),
}


def check_card_status(card: CardInfo) -> ConditionCheck | None:
    """The card's own status (base_info.status): deleted or not approved fails (needs an override)."""
    status = card.status
    if status is None or not status.blocks:
        return None
    return ConditionCheck(
        CheckKind.CARD_STATUS,
        CheckState.FAIL,
        phrase(_CARD_STATUS_PHRASES[status.value], status=status.value),
    )


# --- kinds: tickets and member cards --------------------------------------------------------------

_KIND_NAMES = {
    CardKind.COUPON: N_(CTX, "Coupon"),
    CardKind.TICKET: N_(CTX, "Ticket"),
    CardKind.MEMBER_CARD: N_(CTX, "Member card"),
}
_TICKET_NAMES = {
    CardType.SCENIC_TICKET: N_(CTX, "Admission ticket"),
    CardType.MOVIE_TICKET: N_(CTX, "Movie ticket"),
    CardType.BOARDING_PASS: N_(CTX, "Boarding pass"),
    CardType.MEETING_TICKET: N_(CTX, "Meeting ticket"),
    CardType.BUS_TICKET: N_(CTX, "Bus ticket"),
}


def kind_phrase(card: CardInfo) -> Phrase:
    """ "Coupon", "Movie ticket", "Member card", or "Unknown card type (X) — not redeemed here"."""
    if card.card_type in _TICKET_NAMES:
        return Phrase(_TICKET_NAMES[card.card_type])
    if card.kind is CardKind.UNKNOWN:
        return phrase(N_(CTX, "Unknown card type ({type}) — not redeemed here"), type=card.raw_card_type or "?")
    return Phrase(_KIND_NAMES[card.kind])


def ticket_phrases(card: CardInfo, info: CodeInfo | None, now: datetime) -> list[Phrase]:
    """A ticket's details as rows (seat, session, gate, ...): only what the API gave."""
    if card.kind is not CardKind.TICKET:
        return []
    parts = [t for t in (info.ticket if info else None, card.ticket) if t is not None]
    rows: list[Phrase] = []

    def first(attr: str) -> str:
        return next((str(getattr(t, attr)) for t in parts if getattr(t, attr)), "")

    for attr, source in (
        ("seat", N_(CTX, "Seat {value}")),
        ("room", N_(CTX, "Hall {value}")),
        ("zone", N_(CTX, "Zone {value}")),
        ("entrance", N_(CTX, "Entrance {value}")),
        ("gate", N_(CTX, "Gate {value}")),
        ("flight", N_(CTX, "Flight {value}")),
        ("route", N_(CTX, "Route {value}")),
        ("ticket_class", N_(CTX, "Class {value}")),
        ("session", N_(CTX, "Session {value}")),
    ):
        value = first(attr)
        if value:
            rows.append(phrase(source, value=value))
    session_time = next((t.session_time for t in parts if t.session_time), None)
    moment = local_moment(session_time, now) if session_time else None
    if moment is not None:
        rows.append(phrase(N_(CTX, "Session {when}"), when=date_time_phrase(moment, now)))
    detail = first("detail")
    if detail:
        rows.append(Phrase("{detail}", (("detail", detail),), context=""))
    return rows


def member_phrases(card: CardInfo | None, info: CodeInfo | None) -> list[Phrase]:
    """A member card's number, points and balance, as code/get gives them."""
    member = info.member if info is not None else None
    rows: list[Phrase] = []
    if member is not None:
        if member.membership_number:
            rows.append(phrase(N_(CTX, "Membership number {number}"), number=member.membership_number))
        if member.bonus is not None:
            rows.append(phrase(N_(CTX, "Points {points}"), points=str(member.bonus)))
        if member.balance is not None:
            rows.append(phrase(N_(CTX, "Balance {amount}"), amount=money(member.balance)))
    if card is not None and card.member is not None and card.member.prerogative:
        rows.append(Phrase("{text}", (("text", card.member.prerogative),), context=""))
    return rows


def needs_override(checks: Iterable[ConditionCheck]) -> list[ConditionCheck]:
    """The failed checks: redeeming anyway needs an explicit (manager) override."""
    return [c for c in checks if c.state is CheckState.FAIL]
