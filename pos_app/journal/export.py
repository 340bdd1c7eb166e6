"""Exports: one row per operation (a lookup, or an attempt merged with its outcome), CSV or JSON lines.

CSV is UTF-8 with a byte-order mark so Excel opens Chinese text correctly, and no cell can be read as a
formula (pos_app.journal.csv_cells); JSON is one object per line.
Times are local ISO 8601 with the UTC offset.  ``masked`` hides all but the last 4 characters of codes
(for printing); the journal itself always keeps codes in full.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import IO, Any

from pos_app.codes import mask
from pos_app.journal.csv_cells import safe_cell
from pos_app.journal.journal import Journal, Row, day_bounds_ms

COLUMNS = (
    "time",
    "terminal",
    "cashier",
    "action",
    "code",
    "card_id",
    "title",
    "value",
    "outcome",
    "errcode",
    "reason",
    "attempt_id",
    "note",
)
FORMATS = ("csv", "json")


def local_iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch).astimezone().isoformat(timespec="seconds")


def as_record(row: Row, *, masked: bool = False, lang: str | None = None) -> dict[str, Any]:
    return {
        "time": local_iso(row.time),
        "terminal": row.terminal,
        "cashier": row.cashier,
        "action": str(row.action),
        "code": mask(row.code) if masked else row.code,
        "card_id": row.card_id,
        "title": row.title,
        "value": row.value(lang),
        "outcome": str(row.outcome),
        "errcode": row.errcode,
        "reason": row.reason,
        "attempt_id": row.attempt_id,
        "note": row.note,
    }


def records(
    journal: Journal,
    since: date | None = None,
    until: date | None = None,
    *,
    masked: bool = False,
    lang: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Operations of the inclusive local days [since, until], oldest first."""
    lo, hi = day_bounds_ms(since, until)
    where: list[str] = []
    params: list[int] = []
    if lo is not None:
        where.append("h.ts_ms >= ?")
        params.append(lo)
    if hi is not None:
        where.append("h.ts_ms < ?")
        params.append(hi)
    for row in journal.iter_operations(where, params, order="h.id"):
        yield as_record(row, masked=masked, lang=lang)


def write_csv(recs: Iterable[dict[str, Any]], out: IO[bytes]) -> int:
    """Write UTF-8-with-BOM CSV to a binary stream; return the number of rows."""
    import io

    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    try:
        writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        n = 0
        for rec in recs:
            writer.writerow({k: "" if v is None else safe_cell(v) for k, v in rec.items()})
            n += 1
        text.flush()
    finally:
        text.detach()  # leave the caller's stream open
    return n


def write_json(recs: Iterable[dict[str, Any]], out: IO[bytes]) -> int:
    """One JSON object per line (UTF-8, Chinese text as is)."""
    n = 0
    for rec in recs:
        out.write(json.dumps(rec, ensure_ascii=False).encode("utf-8") + b"\n")
        n += 1
    out.flush()
    return n


def write(fmt: str, recs: Iterable[dict[str, Any]], out: IO[bytes]) -> int:
    if fmt == "csv":
        return write_csv(recs, out)
    if fmt == "json":
        return write_json(recs, out)
    raise ValueError(fmt)
