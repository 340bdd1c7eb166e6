"""CSV cells a spreadsheet will not run: text starting with = + - @ TAB or CR gets a leading quote.

A scanned code, a card link's card_id, a coupon title or a cashier's name ends up in exports and
reports; Excel and LibreOffice treat a cell starting with one of these characters as a formula (OWASP
"CSV injection").  Numbers stay numbers: only text is changed, and only when it would be read as one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]


class _SafeWriter:
    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._inner.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(stream: Any, **kwargs: Any) -> _SafeWriter:
    """``csv.writer(stream, **kwargs)`` whose rows are made safe cell by cell."""
    import csv

    return _SafeWriter(csv.writer(stream, **kwargs))
