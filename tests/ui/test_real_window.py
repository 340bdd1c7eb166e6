"""The scanner burst on a real X display: Xvfb, the real window in its own process, xdotool typing at
5 ms per key with no pause between codes (what a USB scanner does).  Skipped without Xvfb/xdotool
(a failure in CI, where .ci/run installs them)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.xvfb import desktop_env, xvfb_display

DRIVER = Path(__file__).with_name("real_window_driver.py")


def _xdotool() -> str:
    tool = shutil.which("xdotool")
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail("xdotool is missing (apt install xdotool)")
        pytest.skip("needs xdotool (apt install xdotool)")
    return tool


@pytest.mark.parametrize(("count", "delay", "gap"), [(10, 0.0, 0.0), (3, 1.5, 0.3)], ids=["burst", "slow"])
def test_scanner_codes_reach_the_service_whole_and_in_order(tmp_path: Path, count: int, delay: float, gap: float):
    xdotool = _xdotool()
    out = tmp_path / "result.json"
    with xvfb_display() as display:
        env = desktop_env(display, PYTHONUNBUFFERED="1")
        proc = subprocess.Popen(
            [sys.executable, str(DRIVER), str(out), str(count), str(delay)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        try:
            assert proc.stdout is not None
            codes = proc.stdout.readline().split()
            assert proc.stdout.readline().strip() == "ready"
            window = subprocess.run(
                [xdotool, "search", "--sync", "--name", "Coupon counter"],
                env=env, capture_output=True, text=True, timeout=20, check=True,
            ).stdout.split()[0]  # fmt: skip
            subprocess.run([xdotool, "windowfocus", "--sync", window], env=env, timeout=20, check=True)
            # Each code ends in a carriage return, as a scanner's suffix does ("\n" is not Return for
            # xdotool under every locale).  One `type` per burst: no pause between codes.
            bursts = [[code] for code in codes] if gap else [codes]
            for burst in bursts:
                text = "".join(code + "\r" for code in burst)
                subprocess.run([xdotool, "type", "--delay", "5", text], env=env, timeout=60, check=True)
                if gap:
                    time.sleep(gap)
            proc.wait(timeout=90)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    result = json.loads(out.read_text())
    assert result["looked_up"] == result["codes"] == codes  # whole, in order, none lost or merged
    assert result["shown"] == codes[-1]  # the final screen names the last scan
    assert result["code_label"].endswith(codes[-1][-4:])
    assert result["field"] == ""  # no partial code left behind
