"""What the cashier waits for in the GUI: History and the shift report on a year-sized journal.

    uv run python benchmarks/history_view_bench.py --journal /tmp/j.sqlite3   # made by journal_bench.py --keep
    uv run python benchmarks/history_view_bench.py --rows 100000              # fills a temp journal first

Times, offscreen, from the user's action to the rows being in the table (query on the view's worker
thread + the hop back to the GUI thread + filling the model): opening History, a search by the last 4
digits, a search by a whole code, a day filter, and the shift report of the busiest day.  Also the
longest the GUI thread was blocked while all that ran (a 5 ms heartbeat timer measures the gaps).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QDate, QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from pos_app.journal import Journal  # noqa: E402
from pos_app.ui.history_view import HistoryView  # noqa: E402
from pos_app.ui.report_view import ReportView  # noqa: E402


class Heartbeat:
    """The longest gap between 5 ms timer ticks = the longest time the event loop could not turn."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.clock = QElapsedTimer()
        self.last = 0
        self.worst = 0
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.clock.start()
        self.last = 0
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.worst = max(self.worst, now - self.last)
        self.last = now


def wait(app: QApplication, done, timeout: float = 30.0) -> float:
    start = time.perf_counter()
    while not done():
        app.processEvents()
        if time.perf_counter() - start > timeout:
            raise TimeoutError
        time.sleep(0.0005)
    return (time.perf_counter() - start) * 1000


def busiest_day(journal: Journal) -> date:
    row = journal.connection.execute(
        "SELECT date(ts_ms / 1000, 'unixepoch', 'localtime') AS d, COUNT(*) AS n FROM entries "
        "GROUP BY d ORDER BY n DESC LIMIT 1"
    ).fetchone()
    return date.fromisoformat(row[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--journal", type=Path, help="an existing journal (benchmarks/journal_bench.py --keep)")
    parser.add_argument("--rows", type=int, default=100_000, help="rows to fill when no --journal is given")
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    app = QApplication([])
    path = args.journal
    if path is None or not path.exists():
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from journal_bench import fill

        path = path or Path(tempfile.mkdtemp()) / "journal.sqlite3"
        t = time.perf_counter()
        fill(path, args.rows, date(2025, 11, 1))
        print(f"filled {path} in {time.perf_counter() - t:.0f} s")
    journal = Journal.open(path)
    rows = journal.head()[0]
    code = journal.connection.execute("SELECT code FROM entries WHERE kind = 'lookup' ORDER BY id LIMIT 1 OFFSET 777")
    some_code = code.fetchone()[0]
    day = busiest_day(journal)
    beat = Heartbeat()
    beat.start()

    timings: dict[str, list[float]] = {k: [] for k in ("open", "last4", "code", "day", "report")}
    for _ in range(args.repeat):
        t = time.perf_counter()
        view = HistoryView(journal)
        view.show()
        wait(app, lambda v=view: v.model.rowCount() > 0 and not v.worker.busy)
        timings["open"].append((time.perf_counter() - t) * 1000)

        for key, text in (("last4", some_code[-4:]), ("code", some_code)):
            view.search.setText(text)
            t = time.perf_counter()
            view.refresh()  # what the debounce timer calls 250 ms after the last key
            wait(app, lambda v=view: not v.worker.busy)
            timings[key].append((time.perf_counter() - t) * 1000)
            assert any(r.code == some_code for r in view.model.rows)
        view.search.clear()
        view.any_day.setChecked(False)
        t = time.perf_counter()
        view.day.setDate(QDate(day.year, day.month, day.day))
        wait(app, lambda v=view: not v.worker.busy)
        timings["day"].append((time.perf_counter() - t) * 1000)
        view.done(0)
        view.deleteLater()

        t = time.perf_counter()
        report = ReportView(journal, since=day, until=day)
        report.show()
        wait(app, lambda r=report: r.report is not None)
        timings["report"].append((time.perf_counter() - t) * 1000)
        report.done(0)
        report.deleteLater()
        app.processEvents()

    print(f"journal: {rows} rows; busiest day {day}; {args.repeat} runs; {datetime.now():%Y-%m-%d %H:%M}")
    labels = {
        "open": "open History (newest 200)",
        "last4": "search by last 4 digits",
        "code": "search by whole code",
        "day": "filter one day",
        "report": "shift report, busiest day",
    }
    for key, values in timings.items():
        print(f"  {labels[key]:<28} median {statistics.median(values):7.1f} ms   max {max(values):7.1f} ms")
    print(f"  longest GUI-thread stall      {beat.worst} ms")
    journal.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
