"""A real X display for tests: Xvfb on a free display number, stopped afterwards.

``with xvfb_display() as display:`` yields ":N".  Where Xvfb is missing the test is skipped, except in
CI (``CI`` set), where a missing Xvfb is a failure: .ci/run installs it, and a silently skipped
real-display test would prove nothing.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


def desktop_env(display: str, **extra: str) -> dict[str, str]:
    """The environment of a program started from a desktop: DISPLAY set, no QT_QPA_PLATFORM."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=display, **extra)
    return env


def headless_env(**extra: str) -> dict[str, str]:
    """The environment of an SSH session or a container: no display, no QT_QPA_PLATFORM."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env.update(extra)
    return env


@contextmanager
def xvfb_display(size: str = "1280x1024x24") -> Iterator[str]:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        if os.environ.get("CI"):
            pytest.fail("Xvfb is missing (apt install xvfb): the real-display tests cannot run")
        pytest.skip("needs Xvfb (apt install xvfb)")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [xvfb, "-displayfd", str(write_fd), "-screen", "0", size, "-nolisten", "tcp", "-noreset"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write_fd)
    try:
        ready, _, _ = select.select([read_fd], [], [], 30)
        number = os.read(read_fd, 64).decode().strip() if ready else ""
        if not number:
            proc.kill()
            _, err = proc.communicate(timeout=10)
            raise RuntimeError(f"Xvfb did not start: {err.decode(errors='replace')[-500:]}")
        yield f":{number}"
    finally:
        os.close(read_fd)
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()
