"""Fill a journal with a year of a busy counter (~500,000 rows) and time what the cashier waits for.

    uv run python benchmarks/journal_bench.py                 # ~500k rows in a temp dir
    uv run python benchmarks/journal_bench.py --rows 100000 --keep /tmp/j.sqlite3

The mix: customers arrive 09:00-21:00 every day; each scan is a lookup; most are then redeemed (attempt
+ outcome rows), some are refused (already redeemed, expired), a few are invalidated with a reason, and
a handful of attempts stay pending (a crash).  Three cashiers on two terminals; four coupon kinds.
The rows are written through the public Journal API (hash chain included), one transaction per day.

Timed (median of repeated runs; the file is reopened first, so "open + history" is a cold start of the
History view): opening History (latest 200), a code search (exact, and by the last 4 digits), the shift
report of one day, the pending list (reconciliation at every start), and last_redemption.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pos_app.journal import Journal  # noqa: E402
from pos_app.models import (  # noqa: E402
    Action,
    CardInfo,
    CardType,
    CodeInfo,
    CodeStatus,
    OperationContext,
    Outcome,
    Result,
    Verdict,
)

CARDS = [
    CardInfo("pBENCHcash0000000000000000001", CardType.CASH, title="满500减50", reduce_cost=5000, least_cost=50000),
    CardInfo("pBENCHcash0000000000000000002", CardType.CASH, title="立减10元", reduce_cost=1000),
    CardInfo("pBENCHdisc0000000000000000003", CardType.DISCOUNT, title="全场八折", discount=20),
    CardInfo("pBENCHgift0000000000000000004", CardType.GIFT, title="蛋挞赠品券", gift="葡式蛋挞一个"),
]
CONTEXTS = [OperationContext("张伟", "1", 401), OperationContext("李娜", "2", 401), OperationContext("Wang", "1", 401)]


def result(action: Action, code: str, card: CardInfo, outcome: Outcome, status: CodeStatus, errcode=None) -> Result:
    verdict = {
        Outcome.REDEEMABLE: Verdict.REDEEMABLE,
        Outcome.REDEEMED: Verdict.ALREADY_REDEEMED,
        Outcome.INVALIDATED: Verdict.UNAVAILABLE,
    }.get(outcome, Verdict.ALREADY_REDEEMED)
    info = CodeInfo(code, card.card_id, status, outcome is Outcome.REDEEMABLE)
    return Result(action, code, card.card_id, verdict, outcome, info=info, card=card, errcode=errcode)


def fill(path: Path, rows: int, first_day: date, seed: int = 7) -> tuple[int, list[str], date]:
    """Write about ``rows`` rows; return (rows written, some redeemed codes, last day)."""
    rng = random.Random(seed)
    now = [0.0]
    j = Journal.open(path, clock=lambda: now[0])
    rows_per_day = 1370  # ~500k a year
    written = 0
    day = first_day
    sample: list[str] = []
    redeemed_codes: list[str] = []
    while written < rows:
        open_at = datetime(day.year, day.month, day.day, 9).timestamp()
        today = min(rows_per_day, rows - written)
        n = 0
        with j.batch():
            while n < today:
                now[0] = open_at + rng.uniform(0, 12 * 3600)
                ctx = rng.choice(CONTEXTS)
                card = rng.choices(CARDS, weights=(5, 3, 2, 1))[0]
                if redeemed_codes and rng.random() < 0.04:  # a customer tries a used coupon again
                    code = rng.choice(redeemed_codes[-500:])
                    j.record_lookup(result(Action.LOOKUP, code, card, Outcome.NOT_REDEEMABLE, CodeStatus.CONSUMED), ctx)
                    n += 1
                    continue
                code = f"{rng.randrange(10**12):012d}"
                j.record_lookup(result(Action.LOOKUP, code, card, Outcome.REDEEMABLE, CodeStatus.NORMAL), ctx)
                n += 1
                r = rng.random()
                if r < 0.80:
                    a = j.begin(Action.REDEEM, code, card.card_id, ctx)
                    now[0] += rng.uniform(0.2, 2)
                    if rng.random() < 0.0005:
                        j.release(a)  # crashed: stays pending
                        n += 1
                        continue
                    if rng.random() < 0.01:
                        j.complete(a, result(Action.REDEEM, code, card, Outcome.REFUSED, CodeStatus.EXPIRE, 40127))
                    else:
                        j.complete(a, result(Action.REDEEM, code, card, Outcome.REDEEMED, CodeStatus.CONSUMED))
                        redeemed_codes.append(code)
                    n += 2
                elif r < 0.82:
                    a = j.begin(Action.INVALIDATE, code, card.card_id, ctx, reason="顾客退款")
                    j.complete(a, result(Action.INVALIDATE, code, card, Outcome.INVALIDATED, CodeStatus.UNAVAILABLE))
                    n += 2
        written += n
        if rng.random() < 0.05 and redeemed_codes:
            sample.append(redeemed_codes[-1])
        day += timedelta(days=1)
        if day.day == 1:
            print(f"  filled {written:,} rows (up to {day})", flush=True)
    j.close()
    return written, sample + redeemed_codes[-5:], day - timedelta(days=1)


def timed(fn, repeat: int) -> tuple[float, float, float]:
    """(median wall, max wall, median CPU) in milliseconds.  CPU time shows the cost when other
    programs share the machine and stretch the wall-clock figures."""
    fn()  # warm-up: the page cache, as after the first History view of the day
    times = []
    cpu = []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(times), max(times), statistics.median(cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--keep", type=Path, help="write the journal here (reused if it exists)")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    tmp = None
    if args.keep:
        path = args.keep
    else:
        tmp = tempfile.TemporaryDirectory(prefix="journal-bench-")
        path = Path(tmp.name) / "journal.sqlite3"
    first_day = date.today() - timedelta(days=max(1, args.rows // 1370))
    if path.exists():
        print(f"reusing {path}")
        j = Journal.open(path)
        rows = j.head()[0]
        codes = [r.code for r in j.search(outcome=Outcome.REDEEMED, limit=40)]
        last_day = datetime.fromtimestamp(j.search(limit=1)[0].time).date()
        j.close()
    else:
        print(f"filling {path} with ~{args.rows:,} rows ...", flush=True)
        t0 = time.perf_counter()
        rows, codes, last_day = fill(path, args.rows, first_day)
        print(f"filled {rows:,} rows in {time.perf_counter() - t0:.1f} s", flush=True)
    size = path.stat().st_size / 1e6
    busy_day = last_day - timedelta(days=1)
    rng = random.Random(1)

    def cold_history() -> None:
        j = Journal.open(path)
        j.search(limit=200)
        j.close()

    j = Journal.open(path)
    results = {
        "open + History (latest 200)": timed(cold_history, args.repeat),
        "History page (latest 200, open file)": timed(lambda: j.search(limit=200), args.repeat),
        "code search, exact": timed(lambda: j.search(rng.choice(codes)), args.repeat),
        "code search, last 4 digits": timed(lambda: j.search(rng.choice(codes)[-4:]), args.repeat),
        "History filter: day + outcome": timed(lambda: j.search(day=busy_day, outcome=Outcome.REDEEMED), args.repeat),
        "History filter: cashier (latest 200)": timed(lambda: j.search(cashier="Wang"), args.repeat),
        "History filter: outcome redeemed": timed(lambda: j.search(outcome=Outcome.REDEEMED), args.repeat),
        "History filter: outcome invalidated (2%)": timed(lambda: j.search(outcome=Outcome.INVALIDATED), args.repeat),
        "History filter: outcome pending": timed(lambda: j.search(outcome=Outcome.PENDING), args.repeat),
        "History page mid-year (before_id)": timed(lambda: j.search(before_id=j.head()[0] - 250_000), args.repeat),
        "shift report, one day": timed(lambda: j.shift_report(busy_day, busy_day), args.repeat),
        "pending() (reconcile at start)": timed(j.pending, args.repeat),
        "last_redemption(code)": timed(lambda: j.last_redemption(rng.choice(codes)), args.repeat),
    }
    t0 = time.perf_counter()
    report = j.verify()
    verify_s = time.perf_counter() - t0
    j.close()

    print()
    versions = f"SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}"
    print(f"journal: {rows:,} rows, {size:.0f} MB, {versions}")
    print(f"{'operation':<40} {'median ms':>10} {'max ms':>10} {'CPU ms':>10}")
    for name, (med, worst, cpu) in results.items():
        print(f"{name:<40} {med:>10.1f} {worst:>10.1f} {cpu:>10.1f}")
    print(f"{'journal verify (whole chain)':<40} {verify_s * 1000:>10.0f}   ok={report.ok}")
    if hasattr(os, "getloadavg"):  # not on Windows
        print(f"load average during the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
