"""The end-of-shift report as plain data (the GUI draws it; the CLI prints it; CSV for spreadsheets).

Counts and face value (fen) by outcome, by coupon, per cashier and per hour.  Every operation counts
once: a lookup, or a redeem/invalidate attempt with its outcome.  ``face_value`` sums what the coupons
of a group are worth (CASH amounts; other kinds have no money value); ``redeemed_value`` is the money
that matters for the till.  The report also carries the journal's head hash, which anchors the hash
chain on paper, and how many operations are still unresolved (a shift cannot close while any is
unacknowledged).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import IO, Any

from pos_app.i18n import QT_TRANSLATE_NOOP as N_
from pos_app.i18n import translate
from pos_app.journal import csv_cells
from pos_app.journal.queries import ACK_EXPR, OPERATIONS_FROM, OUTCOME_EXPR, JournalReader
from pos_app.journal.values import yuan
from pos_app.models import Outcome

CTX = "journal"
OUTCOMES = tuple(o.value for o in Outcome)


@dataclass(frozen=True)
class Group:
    key: str  # outcome value, card_id, cashier, or local hour start ("2026-03-02T14:00")
    label: str  # what to print: the outcome, the coupon title, the cashier, "14:00"
    count: int = 0
    face_value: int = 0  # fen
    redeemed: int = 0
    redeemed_value: int = 0  # fen
    invalidated: int = 0
    invalidated_value: int = 0  # fen
    outcomes: dict[str, int] = field(default_factory=dict)  # outcome -> count


@dataclass(frozen=True)
class Report:
    since: datetime  # local, inclusive
    until: datetime  # local, exclusive
    cashier: str | None
    total: Group
    by_outcome: tuple[Group, ...]
    by_coupon: tuple[Group, ...]
    by_cashier: tuple[Group, ...]
    by_hour: tuple[Group, ...]
    unresolved: int  # attempts in the period with no outcome yet
    unacknowledged: int  # of which no manager acknowledged: the shift cannot close
    head_id: int
    head_hash: str
    generated: datetime

    @property
    def can_close(self) -> bool:
        return self.unacknowledged == 0


class _Acc:
    __slots__ = ("count", "face", "inv", "inv_value", "label", "outcomes", "red", "red_value")

    def __init__(self, label: str) -> None:
        self.label = label
        self.count = self.face = self.red = self.red_value = self.inv = self.inv_value = 0
        self.outcomes: dict[str, int] = {}

    def add(self, outcome: str, count: int, face: int) -> None:
        self.count += count
        self.face += face
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + count
        if outcome == Outcome.REDEEMED.value:
            self.red += count
            self.red_value += face
        elif outcome == Outcome.INVALIDATED.value:
            self.inv += count
            self.inv_value += face

    def group(self, key: str) -> Group:
        return Group(
            key,
            self.label,
            self.count,
            self.face,
            self.red,
            self.red_value,
            self.inv,
            self.inv_value,
            dict(sorted(self.outcomes.items(), key=lambda kv: OUTCOMES.index(kv[0]))),
        )


def _bounds(since: date | datetime, until: date | datetime) -> tuple[datetime, datetime]:
    """Datetimes are [since, until); dates are inclusive local days."""

    def local(d: date | datetime, end: bool) -> datetime:
        if isinstance(d, datetime):
            return d.astimezone()  # naive datetimes are local time
        day = d + timedelta(days=1) if end else d
        return datetime(day.year, day.month, day.day).astimezone()

    return local(since, False), local(until, True)


# The operations of the period (same merge as History), grouped in SQL: a year's busiest day is a few
# thousand operations, and grouping them in C keeps the report well under the 100 ms budget.
_REPORT_SQL = f"""
WITH ops AS MATERIALIZED (
  SELECT coalesce(CASE WHEN o.id IS NOT NULL THEN o.card_id END, h.card_id, '') AS card_id,
         CASE WHEN o.id IS NOT NULL AND o.title != '' THEN o.title ELSE h.title END AS title,
         coalesce(CASE WHEN o.id IS NOT NULL AND o.title != '' THEN o.face_value ELSE h.face_value END, 0)
           AS face,
         h.cashier AS cashier,
         strftime('%Y-%m-%dT%H:00', h.ts_ms / 1000, 'unixepoch', 'localtime') AS hour,
         {OUTCOME_EXPR} AS outcome,
         h.kind AS kind,
         {ACK_EXPR} AS ack
  {OPERATIONS_FROM} AND h.ts_ms >= :lo AND h.ts_ms < :hi AND (:cashier IS NULL OR h.cashier = :cashier)
)
SELECT 'coupon', card_id, outcome, count(*), sum(face), max(title) FROM ops GROUP BY card_id, outcome
UNION ALL
SELECT 'cashier', cashier, outcome, count(*), sum(face), '' FROM ops GROUP BY cashier, outcome
UNION ALL
SELECT 'hour', hour, outcome, count(*), sum(face), '' FROM ops GROUP BY hour, outcome
UNION ALL
SELECT 'unresolved', '', '', count(*), coalesce(sum(ack IS NULL), 0), '' FROM ops
  WHERE kind = 'attempt' AND outcome = 'pending'
"""


def shift_report(
    journal: JournalReader, since: date | datetime, until: date | datetime, cashier: str | None = None
) -> Report:
    lo, hi = _bounds(since, until)
    params = {
        "lo": int(lo.timestamp() * 1000),
        "hi": int(hi.timestamp() * 1000),
        "cashier": cashier or None,
    }
    with journal.lock:
        rows = journal.connection.execute(_REPORT_SQL, params).fetchall()

    total = _Acc("")
    by_outcome: dict[str, _Acc] = {}
    by_coupon: dict[str, _Acc] = {}
    by_cashier: dict[str, _Acc] = {}
    by_hour: dict[datetime, _Acc] = {}
    unresolved = unacknowledged = 0
    for section, key, outcome, count, face, title in rows:
        if section == "unresolved":
            unresolved, unacknowledged = count, face
            continue
        if section == "coupon":  # every operation is in exactly one coupon group: totals from here
            total.add(outcome, count, face)
            by_outcome.setdefault(outcome, _Acc(outcome)).add(outcome, count, face)
            by_coupon.setdefault(key, _Acc(title)).add(outcome, count, face)
        elif section == "cashier":
            by_cashier.setdefault(key, _Acc(key)).add(outcome, count, face)
        else:
            hour = datetime.fromisoformat(key)
            by_hour.setdefault(hour, _Acc(hour.strftime("%H:%M"))).add(outcome, count, face)

    head_id, head_hash = journal.head()
    return Report(
        since=lo,
        until=hi,
        cashier=cashier,
        total=total.group("total"),
        by_outcome=tuple(by_outcome[o].group(o) for o in OUTCOMES if o in by_outcome),
        by_coupon=_sorted(by_coupon, lambda g: (-g.redeemed_value, -g.count, g.label)),
        by_cashier=_sorted(by_cashier, lambda g: g.label),
        by_hour=tuple(acc.group(h.isoformat(timespec="minutes")) for h, acc in _fill_hours(by_hour)),
        unresolved=unresolved,
        unacknowledged=unacknowledged,
        head_id=head_id,
        head_hash=head_hash,
        generated=datetime.now().astimezone(),
    )


def _sorted(groups: dict[str, _Acc], key: Callable[[Group], Any]) -> tuple[Group, ...]:
    return tuple(sorted((acc.group(k) for k, acc in groups.items()), key=key))


def _fill_hours(by_hour: dict[datetime, _Acc]) -> list[tuple[datetime, _Acc]]:
    """Every hour from the first to the last active one, empty hours included (a chart needs them)."""
    if not by_hour:
        return []
    first, last = min(by_hour), max(by_hour)
    out = []
    h = first
    while h <= last:
        out.append((h, by_hour.get(h) or _Acc(h.strftime("%H:%M"))))
        h += timedelta(hours=1)
    return out


# -- output ------------------------------------------------------------------------------------------

SECTIONS = (
    ("total", N_(CTX, "Total")),
    ("outcome", N_(CTX, "By outcome")),
    ("coupon", N_(CTX, "By coupon")),
    ("cashier", N_(CTX, "By cashier")),
    ("hour", N_(CTX, "By hour")),
)
CSV_COLUMNS = (
    "section",
    "key",
    "label",
    "count",
    "face_value",
    "redeemed",
    "redeemed_value",
    "invalidated",
    "invalidated_value",
    *OUTCOMES,
)
MSG_PERIOD = N_(CTX, "Shift report {since} – {until}")
MSG_CASHIER = N_(CTX, "Cashier: {cashier}")
MSG_UNRESOLVED = N_(CTX, "Unresolved operations: {unresolved} ({unacknowledged} not acknowledged by a manager)")
MSG_HEAD = N_(CTX, "Journal: {rows} rows, last row hash {head}")
MSG_COLUMNS = N_(CTX, "count  redeemed  redeemed value  face value")


def sections(report: Report) -> Iterable[tuple[str, tuple[Group, ...]]]:
    yield "total", (report.total,)
    yield "outcome", report.by_outcome
    yield "coupon", report.by_coupon
    yield "cashier", report.by_cashier
    yield "hour", report.by_hour


def _decimal(fen: int) -> str:
    return yuan(fen).replace("¥", "")


def write_csv(report: Report, out: IO[bytes]) -> None:
    """One table with a ``section`` column, money in yuan ("50.00"); UTF-8 with BOM for Excel."""
    buf = io.StringIO(newline="")
    w = csv_cells.writer(buf, lineterminator="\r\n")  # no cell read as a formula (titles, names)
    w.writerow(CSV_COLUMNS)
    for name, groups in sections(report):
        for g in groups:
            w.writerow(
                [
                    name,
                    g.key,
                    g.label,
                    g.count,
                    _decimal(g.face_value),
                    g.redeemed,
                    _decimal(g.redeemed_value),
                    g.invalidated,
                    _decimal(g.invalidated_value),
                    *(g.outcomes.get(o, 0) for o in OUTCOMES),
                ]
            )
    out.write(buf.getvalue().encode("utf-8-sig"))


def as_dict(report: Report) -> dict[str, Any]:
    d = asdict(report)
    for k in ("since", "until", "generated"):
        d[k] = getattr(report, k).isoformat(timespec="seconds")
    d["can_close"] = report.can_close
    return d


# Outcome words of the text report (context "outcome"), marked so the extractor finds them.
OUTCOME_WORDS = (
    N_("outcome", "redeemable"),
    N_("outcome", "not_redeemable"),
    N_("outcome", "redeemed"),
    N_("outcome", "invalidated"),
    N_("outcome", "refused"),
    N_("outcome", "error"),
    N_("outcome", "pending"),
    N_("outcome", "consumed_elsewhere"),
)


def as_text(report: Report, lang: str | None = None) -> str:
    def t(text: str, **kw: Any) -> str:
        return translate(CTX, text, lang).format(**kw)

    fmt = "%Y-%m-%d %H:%M"
    lines = [t(MSG_PERIOD, since=report.since.strftime(fmt), until=report.until.strftime(fmt))]
    if report.cashier:
        lines.append(t(MSG_CASHIER, cashier=report.cashier))
    lines.append(t(MSG_UNRESOLVED, unresolved=report.unresolved, unacknowledged=report.unacknowledged))
    titles = dict(SECTIONS)
    for name, groups in sections(report):
        lines.append("")
        lines.append(f"{t(titles[name])}  ({t(MSG_COLUMNS)})")
        for g in groups:
            label = g.label if name != "total" else ""
            if name == "outcome":
                label = translate("outcome", g.label, lang)
            lines.append(
                f"  {label:<24} {g.count:>6} {g.redeemed:>9} {yuan(g.redeemed_value):>15} {yuan(g.face_value):>11}"
            )
    lines.append("")
    lines.append(t(MSG_HEAD, rows=report.head_id, head=report.head_hash))
    return "\n".join(lines) + "\n"
