"""Offscreen Qt for the whole UI test session, private config/data dirs, and a running simulator.

The environment is set at import time, before anything imports Qt: pytest-qt creates the one
QApplication of the session from it.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # xvfb-run may choose xcb
_SESSION_DIR = Path(tempfile.mkdtemp(prefix="pos-app-ui-tests-"))
os.environ["POS_APP_CONFIG_DIR"] = str(_SESSION_DIR / "config")
os.environ["POS_APP_DATA_DIR"] = str(_SESSION_DIR / "data")
os.environ.setdefault("POS_APP_TEST_KEYRING", str(_SESSION_DIR / "keyring.json"))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "tests.support.file_keyring.FileKeyring")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _fail_on_ui_errors(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """A callback that raised is logged by the worker instead of killing the event loop: fail on it."""
    caplog.set_level(logging.WARNING, logger="ui")
    yield
    errors = [r for r in caplog.get_records("call") if r.name == "ui" and r.levelno >= logging.ERROR]
    assert not errors, "errors logged by the UI: " + "; ".join(r.getMessage() for r in errors)


@pytest.fixture
def simulator() -> Iterator[object]:
    """The real simulator on a loopback port, stopped after the test."""
    sandbox = pytest.importorskip("pos_app.sandbox")
    sim = sandbox.Simulator()
    sim.start()
    try:
        yield sim
    finally:
        sim.stop()


@pytest.fixture
def services() -> Iterator[object]:
    """Training-mode services (the simulator in-process), as the window gets them; no retry backoff:
    the tests' injected faults are immediate."""
    from pos_app.services import build_services

    s = build_services(demo=True)
    s.client._sleep = lambda _s: None
    yield s
    s.close()


WATCHED_THREADS = ("pos-worker", "camera-", "sandbox")


@pytest.fixture(autouse=True)
def _no_leaked_threads() -> Iterator[None]:
    """napari-style leak check: a worker, camera or simulator thread started by a test ends with it."""
    import threading
    import time

    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 5.0
    while True:
        leaked = [
            t for t in threading.enumerate() if t not in before and t.is_alive() and t.name.startswith(WATCHED_THREADS)
        ]
        if not leaked or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert not leaked, f"threads outlived the test: {[t.name for t in leaked]}"
