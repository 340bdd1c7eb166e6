"""WeChat's own coupon statistics (seed 001, "Collecting Statistics on Coupon Data") and what else a
customer holds.  Qt-free; the CLI (``pos-app stats``) and a manager's window call the same functions.

    report = stats.fetch(client, date(2026, 11, 1), date(2026, 11, 30))   # raises StatsRangeError early
    text = stats.render_text(report)          # or stats.to_json(report)
    others = stats.customer_coupons(client, result.info.openid, exclude_code=result.code)

The datacube API's own limits are enforced before anything is sent: a range of at most 62 days, dates
as YYYY-MM-DD, and nothing for today (WeChat's day is Beijing's): ``check_range`` says which.
Columns per day: views, issued (``receive_cnt``: coupons customers received), redeemed (``verify_cnt``),
gifted (``given_cnt``), expired (``expire_cnt``).  Both card sources (0 Official Accounts Platform,
1 API) are asked and added up.  Member cards have their own summary, included when the account has any.
Nothing here is stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from pos_app.errors import InputError, PosAppError
from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.i18n import translate
from pos_app.models import CardInfo, CardKind, CodeInfo, CodeStatus
from pos_app.rules import (
    BEIJING,
    LIST_SEPARATOR,
    Arg,
    Phrase,
    PhraseList,
    date_time_phrase,
    local_moment,
    timestamp_or_none,
)

log = logging.getLogger("pos_app.stats")

CTX = "stats"
MAX_RANGE_DAYS = 62
COND_SOURCES = (0, 1)  # 0: created on the Official Accounts Platform, 1: created through the API
PATH_SUMMARY = "/datacube/getcardbizuininfo"
PATH_CARDS = "/datacube/getcardcardinfo"
PATH_MEMBER = "/datacube/getcardmembercardinfo"
PATH_USER_CARDS = "/card/user/getcardlist"
# getcardcardinfo's numeric card_type (seed 001); tickets and member cards are not in it.
DATACUBE_CARD_TYPES = {0: "DISCOUNT", 1: "CASH", 2: "GIFT", 3: "GENERAL_COUPON", 4: "GROUPON"}

MSG_BAD_DATE = N_(CTX, "Dates are written YYYY-MM-DD, for example 2026-11-30.")
MSG_RANGE_ORDER = N_(CTX, "The start date is after the end date.")
MSG_RANGE_TOO_LONG = N_(CTX, "WeChat gives statistics for at most 62 days at a time; this range has {days}.")
MSG_NO_TODAY = N_(
    CTX, "WeChat has no statistics for today or later (Beijing time): the last day you can ask for is {last}."
)


class StatsRangeError(InputError):
    """The dates break the datacube API's own limits: refused before any call."""


class _Reader(Protocol):
    def read(self, path: str, body: dict[str, Any]) -> dict[str, Any]: ...
    def get_card(self, card_id: str) -> CardInfo: ...
    def get_code(self, code: str, card_id: str | None = None, *, check_consume: bool = True) -> CodeInfo: ...


# -- the API's limits ---------------------------------------------------------------------------------


def beijing_today(now: datetime | None = None) -> date:
    """Today in WeChat's zone (the datacube has nothing for this day yet)."""
    return (now or datetime.now(BEIJING)).astimezone(BEIJING).date()


def parse_day(text: str) -> date:
    """A YYYY-MM-DD date (exactly that form, as the API demands); StatsRangeError otherwise."""
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise StatsRangeError(MSG_BAD_DATE, detail=f"not YYYY-MM-DD: {text!r}") from None


def check_range(begin: date, end: date, today: date) -> None:
    """Raise StatsRangeError (message in context "stats", formatted with ``error_args``) when WeChat
    would refuse the range: begin after end, more than 62 days, or reaching today."""
    if begin > end:
        raise StatsRangeError(MSG_RANGE_ORDER)
    days = (end - begin).days + 1
    if days > MAX_RANGE_DAYS:
        raise StatsRangeError(MSG_RANGE_TOO_LONG, detail=str(days))
    if end >= today:
        raise StatsRangeError(MSG_NO_TODAY, detail=(today - timedelta(days=1)).isoformat())


def error_text(exc: PosAppError, tr: Callable[[str, str], str] | None = None) -> str:
    """A StatsRangeError's message in the current language with its number or date filled in."""
    tr = tr or translate
    text = tr(CTX, exc.message)
    return text.format(days=exc.detail, last=exc.detail)


# -- answers --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayStats:
    """One day of getcardbizuininfo (all coupons) or getcardcardinfo (one coupon)."""

    ref_date: str
    views: int = 0
    issued: int = 0  # receive_cnt
    receivers: int = 0  # receive_user
    redeemed: int = 0  # verify_cnt
    redeemers: int = 0  # verify_user
    gifted: int = 0  # given_cnt
    expired: int = 0  # expire_cnt
    card_id: str = ""
    card_type: str = ""  # "CASH", ... for per-coupon rows

    def __add__(self, other: DayStats) -> DayStats:
        return DayStats(
            self.ref_date,
            self.views + other.views,
            self.issued + other.issued,
            self.receivers + other.receivers,
            self.redeemed + other.redeemed,
            self.redeemers + other.redeemers,
            self.gifted + other.gifted,
            self.expired + other.expired,
            self.card_id,
            self.card_type or other.card_type,
        )


@dataclass(frozen=True)
class MemberDayStats:
    """One day of getcardmembercardinfo."""

    ref_date: str
    views: int = 0
    received: int = 0
    activated: int = 0  # active_user
    redeemed: int = 0
    total_members: int = 0  # total_user
    total_received: int = 0  # total_receive_user


@dataclass
class StatsReport:
    begin: date
    end: date
    card_id: str | None
    summary: list[DayStats] = field(default_factory=list)  # all coupons, per day (no card_id asked)
    cards: list[DayStats] = field(default_factory=list)  # per coupon per day
    members: list[MemberDayStats] = field(default_factory=list)  # when the account has member cards
    titles: dict[str, str] = field(default_factory=dict)

    def totals_by_card(self) -> list[DayStats]:
        """One row per coupon over the whole range (ref_date "total"), biggest issue first."""
        sums: dict[str, DayStats] = {}
        for row in self.cards:
            base = sums.get(row.card_id, DayStats("total", card_id=row.card_id, card_type=row.card_type))
            sums[row.card_id] = base + row
        return sorted(sums.values(), key=lambda r: (-r.issued, -r.redeemed, r.card_id))


def _n(row: dict[str, Any], key: str) -> int:
    value = row.get(key)
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except ValueError:
        return 0


def _rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = data.get("list")
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def parse_day_rows(data: dict[str, Any]) -> list[DayStats]:
    """getcardbizuininfo / getcardcardinfo answers; unknown fields ignored, odd values read as 0."""
    out = []
    for row in _rows(data):
        card_type = row.get("card_type")
        type_name = DATACUBE_CARD_TYPES.get(card_type, str(card_type)) if isinstance(card_type, int) else ""
        out.append(
            DayStats(
                ref_date=str(row.get("ref_date") or ""),
                views=_n(row, "view_cnt"),
                issued=_n(row, "receive_cnt"),
                receivers=_n(row, "receive_user"),
                redeemed=_n(row, "verify_cnt"),
                redeemers=_n(row, "verify_user"),
                gifted=_n(row, "given_cnt"),
                expired=_n(row, "expire_cnt"),
                card_id=str(row.get("card_id") or ""),
                card_type=type_name,
            )
        )
    return out


def parse_member_rows(data: dict[str, Any]) -> list[MemberDayStats]:
    return [
        MemberDayStats(
            ref_date=str(row.get("ref_date") or ""),
            views=_n(row, "view_cnt"),
            received=_n(row, "receive_cnt"),
            activated=_n(row, "active_user"),
            redeemed=_n(row, "verify_cnt"),
            total_members=_n(row, "total_user"),
            total_received=_n(row, "total_receive_user"),
        )
        for row in _rows(data)
    ]


def _merge_by_day(rows: Iterable[DayStats]) -> list[DayStats]:
    merged: dict[tuple[str, str], DayStats] = {}
    for row in rows:
        key = (row.ref_date, row.card_id)
        merged[key] = merged[key] + row if key in merged else row
    return [merged[k] for k in sorted(merged)]


# -- fetching -------------------------------------------------------------------------------------------


def fetch(
    client: _Reader,
    begin: date,
    end: date,
    card_id: str | None = None,
    *,
    today: date | None = None,
    members: bool = True,
) -> StatsReport:
    """Ask WeChat for the range (limits checked first; ApiError / NoAnswerError pass through)."""
    check_range(begin, end, today or beijing_today())
    span = {"begin_date": begin.isoformat(), "end_date": end.isoformat()}
    report = StatsReport(begin, end, card_id)
    summary: list[DayStats] = []
    cards: list[DayStats] = []
    member_rows: list[MemberDayStats] = []
    for source in COND_SOURCES:
        body: dict[str, Any] = {**span, "cond_source": source}
        if card_id is None:
            summary.extend(parse_day_rows(client.read(PATH_SUMMARY, body)))
            if members:
                member_rows.extend(parse_member_rows(client.read(PATH_MEMBER, body)))
        cards.extend(parse_day_rows(client.read(PATH_CARDS, {**body, "card_id": card_id} if card_id else body)))
    report.summary = [
        DayStats(r.ref_date, r.views, r.issued, r.receivers, r.redeemed, r.redeemers, r.gifted, r.expired)
        for r in _merge_by_day(summary)
    ]
    report.cards = _merge_by_day(cards)
    if any(r.total_members or r.received for r in member_rows):
        report.members = _merge_members(member_rows)
    for cid in sorted({r.card_id for r in report.cards if r.card_id}):
        try:
            report.titles[cid] = client.get_card(cid).title
        except PosAppError as exc:  # the numbers stand without the title
            log.info("no title for a card: %s", exc.detail or exc.message)
    return report


def _merge_members(rows: list[MemberDayStats]) -> list[MemberDayStats]:
    merged: dict[str, MemberDayStats] = {}
    for r in rows:
        m = merged.get(r.ref_date)
        merged[r.ref_date] = (
            r
            if m is None
            else MemberDayStats(
                r.ref_date,
                m.views + r.views,
                m.received + r.received,
                m.activated + r.activated,
                m.redeemed + r.redeemed,
                m.total_members + r.total_members,
                m.total_received + r.total_received,
            )
        )
    return [merged[k] for k in sorted(merged)]


# -- output ---------------------------------------------------------------------------------------------

N_(CTX, "WeChat statistics {begin} – {end}")
N_(CTX, "All coupons, per day")
N_(CTX, "Per coupon, whole range")
N_(CTX, "Per coupon, per day")
N_(CTX, "Member cards, per day")
N_(CTX, "date")
N_(CTX, "coupon")
N_(CTX, "views")
N_(CTX, "issued")
N_(CTX, "redeemed")
N_(CTX, "gifted")
N_(CTX, "expired")
N_(CTX, "received")
N_(CTX, "activated")
N_(CTX, "members")
N_(CTX, "No statistics for this range.")
N_(CTX, "Issued = coupons customers received. WeChat's figures, updated daily; today is never included.")


def render_text(report: StatsReport, tr: Callable[[str, str], str] | None = None) -> str:
    """The report as plain text tables (for the CLI; a window renders the dataclasses itself)."""
    tr = tr or translate

    def t(text: str) -> str:
        return tr(CTX, text)

    def table(headers: list[str], rows: list[list[str]]) -> list[str]:
        widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
        lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
        lines += [
            "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
            for r in rows
        ]
        return lines

    nums = [t("views"), t("issued"), t("redeemed"), t("gifted"), t("expired")]

    def counts(r: DayStats) -> list[str]:
        return [str(r.views), str(r.issued), str(r.redeemed), str(r.gifted), str(r.expired)]

    out = [t("WeChat statistics {begin} – {end}").format(begin=report.begin.isoformat(), end=report.end.isoformat())]
    if not (report.summary or report.cards or report.members):
        out += ["", t("No statistics for this range.")]
    if report.summary:
        out += ["", t("All coupons, per day")]
        out += table([t("date"), *nums], [[r.ref_date, *counts(r)] for r in report.summary])
    if report.cards:
        out += ["", t("Per coupon, whole range")]
        out += table(
            [t("coupon"), *nums],
            [[report.titles.get(r.card_id) or r.card_id, *counts(r)] for r in report.totals_by_card()],
        )
        if report.card_id:
            out += ["", t("Per coupon, per day")]
            out += table([t("date"), *nums], [[r.ref_date, *counts(r)] for r in report.cards])
    if report.members:
        out += ["", t("Member cards, per day")]
        out += table(
            [t("date"), t("views"), t("received"), t("activated"), t("redeemed"), t("members")],
            [
                [m.ref_date, str(m.views), str(m.received), str(m.activated), str(m.redeemed), str(m.total_members)]
                for m in report.members
            ],
        )
    out += ["", t("Issued = coupons customers received. WeChat's figures, updated daily; today is never included.")]
    return "\n".join(out)


def to_json(report: StatsReport) -> dict[str, Any]:
    return {
        "begin_date": report.begin.isoformat(),
        "end_date": report.end.isoformat(),
        "card_id": report.card_id,
        "summary": [asdict(r) for r in report.summary],
        "cards": [asdict(r) for r in report.cards],
        "totals_by_card": [asdict(r) for r in report.totals_by_card()],
        "members": [asdict(m) for m in report.members],
        "titles": report.titles,
    }


# -- the customer's other coupons ----------------------------------------------------------------------


@dataclass(frozen=True)
class OtherCoupon:
    code: str
    card_id: str
    title: str
    end_time: int | None  # None = no end date
    kind: CardKind


MAX_OTHER_COUPONS = 10  # code/get calls per customer at most: the counter must not wait for a long tail

MSG_OTHER_COUPONS = N_(CTX, "This customer has {count} more of our coupons: {titles}")


def customer_coupons(
    client: _Reader, openid: str, *, exclude_code: str = "", limit: int = MAX_OTHER_COUPONS
) -> list[OtherCoupon]:
    """What else this customer holds of ours and could use now: card/user/getcardlist, then code/get
    (check_consume false) and card/get for each, keeping usable coupons and tickets (no member cards).

    ``openid`` is the one card/code/consume (and code/get) named for the redeemed code.  Nothing is
    stored; errors reading one code skip that code, an error listing the cards passes through."""
    if not openid:
        return []
    data = client.read(PATH_USER_CARDS, {"openid": openid})
    listed = data.get("card_list")
    entries = [e for e in listed if isinstance(e, dict)] if isinstance(listed, list) else []
    out: list[OtherCoupon] = []
    for entry in entries:
        code, card_id = str(entry.get("code") or ""), str(entry.get("card_id") or "")
        if not code or code == exclude_code:
            continue
        if len(out) >= limit:
            break
        try:
            card = client.get_card(card_id) if card_id else None
            if card is not None and card.kind not in (CardKind.COUPON, CardKind.TICKET):
                continue
            info = client.get_code(code, card_id or None, check_consume=False)
        except PosAppError as exc:
            log.info("skipping one of the customer's cards: %s", exc.detail or exc.message)
            continue
        if info.status is not CodeStatus.NORMAL or info.can_consume is False:
            continue
        end = timestamp_or_none(info.end_time)
        if end is not None and end < datetime.now().timestamp():
            continue
        out.append(
            OtherCoupon(
                code,
                card_id,
                card.title if card is not None else "",
                end,
                card.kind if card is not None else CardKind.UNKNOWN,
            )
        )
    return out


N_(CTX, "{title} (until {when})")
N_(CTX, "{title} (no end date)")


def other_coupons_phrase(coupons: list[OtherCoupon], now: datetime) -> Phrase | None:
    """ "This customer has 2 more of our coupons: Free egg tart (until 30 Nov 23:59), …"; None if none."""
    if not coupons:
        return None
    items: list[Arg] = []
    for c in coupons:
        title = c.title or c.card_id
        moment = local_moment(c.end_time, now) if c.end_time else None
        if moment is None:
            items.append(Phrase("{title} (no end date)", (("title", title),), CTX))
        else:
            items.append(
                Phrase("{title} (until {when})", (("title", title), ("when", date_time_phrase(moment, now))), CTX)
            )
    return Phrase(
        MSG_OTHER_COUPONS, (("count", str(len(coupons))), ("titles", PhraseList(tuple(items), LIST_SEPARATOR))), CTX
    )


def other_coupons_text(coupons: list[OtherCoupon], now: datetime, tr: Callable[[str, str], str] | None = None) -> str:
    """``other_coupons_phrase`` rendered ("" when there are none); pass Qt's translator in the GUI."""
    p = other_coupons_phrase(coupons, now)
    return p.render(tr) if p is not None else ""
