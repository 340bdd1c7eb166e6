"""The serial worker: off the GUI thread, results back on it, strictly in order, Esc-style cancel."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer

from pos_app.ui.worker import SerialWorker


@pytest.fixture
def release_all() -> Iterator[list[threading.Event]]:
    """Events a test's blocking calls wait on: all set at the end, even when the test fails."""
    events: list[threading.Event] = []
    yield events
    for event in events:
        event.set()


@pytest.fixture
def worker(qapp, release_all) -> Iterator[SerialWorker]:
    w = SerialWorker()
    yield w
    assert w.shutdown(timeout=10), "worker thread outlived the test"
    assert not w.thread.is_alive()


def test_runs_off_gui_thread_and_delivers_on_it(qtbot, worker):
    seen: dict[str, object] = {}

    def job():
        seen["job_thread"] = threading.current_thread()
        return 42

    def done(value):
        seen["value"] = value
        seen["callback_thread"] = threading.current_thread()

    worker.submit(job, done)
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen["value"] == 42
    assert seen["job_thread"] is worker.thread
    assert seen["callback_thread"] is threading.main_thread()


def test_exception_goes_to_failure_callback(qtbot, worker):
    failures: list[BaseException] = []
    successes: list[object] = []

    def boom():
        raise ValueError("no")

    worker.submit(boom, successes.append, failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert isinstance(failures[0], ValueError)
    assert successes == []
    # The worker survives the exception and runs the next task.
    worker.submit(lambda: "next", successes.append)
    qtbot.waitUntil(lambda: successes == ["next"], timeout=5000)


def test_tasks_run_one_at_a_time_in_order(qtbot, worker):
    running = 0
    max_running = 0
    lock = threading.Lock()
    order: list[int] = []

    def job(i: int):
        nonlocal running, max_running
        with lock:
            running += 1
            max_running = max(max_running, running)
        time.sleep(0.02)
        with lock:
            running -= 1
        return i

    for i in range(5):
        worker.submit(lambda i=i: job(i), order.append)
    qtbot.waitUntil(lambda: len(order) == 5, timeout=5000)
    assert order == [0, 1, 2, 3, 4]
    assert max_running == 1


def test_busy_state_and_event_loop_keeps_turning(qtbot, worker):
    release = threading.Event()
    ticks = 0

    def tick():
        nonlocal ticks
        ticks += 1

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(tick)
    timer.start()
    results: list[object] = []
    with qtbot.waitSignal(worker.busy_changed, timeout=1000) as became_busy:
        worker.submit(lambda: release.wait(5) and "slow", results.append)
    assert became_busy.args == [True]
    assert worker.busy
    qtbot.waitUntil(lambda: ticks >= 5, timeout=3000)  # the GUI thread is free while the call runs
    with qtbot.waitSignal(worker.busy_changed, timeout=5000) as became_idle:
        release.set()
    assert became_idle.args == [False]
    qtbot.waitUntil(lambda: results == ["slow"], timeout=5000)
    timer.stop()


def test_cancel_waiting_ignores_late_result(qtbot, worker):
    release = threading.Event()
    late: list[object] = []
    with qtbot.waitSignal(worker.busy_changed, timeout=1000):
        task = worker.submit(lambda: release.wait(5) and "late", late.append)
    with qtbot.waitSignal(worker.busy_changed, timeout=1000) as idle:
        assert worker.cancel_waiting()
    assert idle.args == [False]
    assert not worker.busy
    assert task.cancelled
    release.set()
    # The next task still runs, after the cancelled one finished; the late result never shows.
    after: list[object] = []
    worker.submit(lambda: "after", after.append)
    qtbot.waitUntil(lambda: after == ["after"], timeout=5000)
    assert late == []


def test_an_abandoned_running_task_does_not_hold_up_the_next(qtbot, worker):
    """Esc during a slow lookup: the next scan runs at once on a fresh thread, not after the old call."""
    started, release = threading.Event(), threading.Event()
    late: list[object] = []

    def slow_lookup():
        started.set()
        release.wait(10)
        return "late"

    worker.submit(slow_lookup, late.append)
    assert started.wait(5)
    old_thread = worker.thread
    assert worker.cancel_waiting()
    after: list[object] = []
    worker.submit(lambda: threading.current_thread(), after.append)
    qtbot.waitUntil(lambda: bool(after), timeout=2000)  # while the abandoned call still hangs
    assert not release.is_set() and after[0] is worker.thread and after[0] is not old_thread
    release.set()
    old_thread.join(5)
    assert not old_thread.is_alive()  # the abandoned thread ends after its call
    qtbot.wait(50)
    assert late == []
    # Still one lane: later tasks run in order, all on the current thread.
    order: list[tuple[int, threading.Thread]] = []
    for i in range(5):
        worker.submit(lambda i=i: order.append((i, threading.current_thread())))
    qtbot.waitUntil(lambda: len(order) == 5, timeout=5000)
    assert [i for i, _ in order] == [0, 1, 2, 3, 4]
    assert {t for _, t in order} == {worker.thread}


def _lanes() -> int:
    return sum(t.name == "pos-worker" and t.is_alive() for t in threading.enumerate())


def test_esc_twice_never_makes_two_threads_take_from_the_queue(qtbot, worker, release_all):
    """Esc on a hung lookup, then a scan cancelled before the new thread took it: still one consumer."""
    hang = threading.Event()
    release_all.append(hang)
    before = _lanes()  # the fixture's worker and its first thread
    worker.submit(lambda: hang.wait(10))
    qtbot.waitUntil(lambda: worker._running is not None, timeout=2000)
    worker.cancel_waiting()  # lane 2
    worker.submit(lambda: None)
    worker.cancel_waiting()  # whether or not lane 2 took it yet, no lane 3
    qtbot.wait(200)
    assert _lanes() == before + 1  # the hung thread and exactly one consumer
    barrier = threading.Barrier(2)
    ran: list[str] = []

    def redeem(name: str) -> None:
        try:
            barrier.wait(1)
            ran.append(f"{name} concurrently")
        except threading.BrokenBarrierError:
            ran.append(name)

    worker.submit(lambda: redeem("R1"), cancellable=False)
    worker.submit(lambda: redeem("R2"), cancellable=False)
    qtbot.waitUntil(lambda: len(ran) == 2, timeout=5000)
    assert ran == ["R1", "R2"]  # one after the other, never side by side
    hang.set()


def test_a_late_abandoned_call_does_not_hide_the_current_one(qtbot, worker, release_all):
    """Esc on A, B hangs on the new thread, A ends late, Esc on B: the next scan still runs at once."""
    a, b = threading.Event(), threading.Event()
    release_all += [a, b]
    worker.submit(lambda: a.wait(10))
    qtbot.waitUntil(lambda: worker._running is not None, timeout=2000)
    worker.cancel_waiting()
    b_started = threading.Event()
    worker.submit(lambda: b_started.set() or b.wait(10))
    assert b_started.wait(5)
    a.set()  # A's answer arrives late
    qtbot.wait(100)
    worker.cancel_waiting()  # Esc on B
    done: list[int] = []
    worker.submit(lambda: done.append(1))
    qtbot.waitUntil(lambda: done == [1], timeout=2000)  # B still hangs
    assert not b.is_set()
    b.set()


def test_a_running_redemption_keeps_the_queue_serial(qtbot, worker):
    """Cancelling while a non-cancellable call runs never starts a second thread: what follows waits."""
    started, release = threading.Event(), threading.Event()
    events: list[str] = []

    def redeem():
        started.set()
        release.wait(5)
        events.append("redeem done")

    worker.submit(redeem, cancellable=False)
    assert started.wait(5)
    thread = worker.thread
    worker.submit(lambda: events.append("lookup"))  # cancellable, queued behind the redemption
    assert worker.cancel_waiting()
    assert worker.thread is thread
    worker.submit(lambda: events.append("next"))
    qtbot.wait(200)
    assert events == []  # nothing overtook the redemption
    release.set()
    qtbot.waitUntil(lambda: events == ["redeem done", "next"], timeout=5000)


def test_non_cancellable_task_survives_cancel(qtbot, worker):
    release = threading.Event()
    got: list[object] = []
    worker.submit(lambda: release.wait(5) and "redeemed", got.append, cancellable=False)
    assert not worker.cancel_waiting()
    assert worker.busy
    release.set()
    qtbot.waitUntil(lambda: got == ["redeemed"], timeout=5000)
    assert not worker.busy


def test_background_task_does_not_make_busy(qtbot, worker):
    got: list[object] = []
    events: list[bool] = []
    worker.busy_changed.connect(events.append)
    worker.submit(lambda: "probe", got.append, busy=False)
    qtbot.waitUntil(lambda: got == ["probe"], timeout=5000)
    assert events == []


def test_to_main_runs_on_gui_thread(qtbot, worker):
    threads: list[threading.Thread] = []

    def job():
        worker.to_main(lambda: threads.append(threading.current_thread()))
        return None

    worker.submit(job)
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert threads == [threading.main_thread()]


def test_shutdown_joins_and_refuses_new_work(qapp):
    w = SerialWorker()
    w.submit(lambda: time.sleep(0.1))
    assert w.shutdown(timeout=5)
    assert not w.thread.is_alive()
    with pytest.raises(RuntimeError):
        w.submit(lambda: None)


def test_qt_calls_and_signals_keep_reference_counts(qapp):
    """PySide6 6.12.0 on CPython 3.11 dropped a reference to None on every void call and to True on
    every emit: the interpreter aborted after a few thousand (minutes of counter use).  pyproject pins
    PySide6 below 6.12; this fails if an upgrade brings the bug back."""
    import sys

    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QLabel

    class Source(QObject):
        changed = Signal(object)

    src = Source()
    got: list[object] = []
    src.changed.connect(got.append)
    label = QLabel()
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for i in range(2000):
        label.setText("x")
        src.changed.emit(i)
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    assert len(got) == 2000
    assert all(abs(a - b) <= 10 for a, b in zip(after, before, strict=True)), (before, after)
