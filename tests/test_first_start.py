"""What a newcomer meets on the command line first: --help, `pos-app sandbox`, a scanned card link."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pos_app.app import build_launcher_parser, main
from pos_app.config import Config

ROOT = Path(__file__).resolve().parent.parent


def test_help_names_every_config_key() -> None:
    text = " ".join(build_launcher_parser().format_help().split())  # argparse wraps lines
    for key in Config.SETTABLE:
        assert key in text, key
    assert "--verbose" in text


def test_an_undecryptable_card_link_prints_no_empty_code_line(capsys: pytest.CaptureFixture[str]) -> None:
    link = "https://mp.weixin.qq.com/bizmall/cardshelf?card_id=pDEMO&encrypt_code=not%2Bdecryptable"
    status = main(["--demo", "lookup", link])
    out = capsys.readouterr().out
    assert status in (1, 2, 3), out
    assert out.strip(), "a sentence says why"
    assert not re.search(r"^\s*Code:\s*$", out, re.MULTILINE), out


@pytest.mark.slow
def test_sandbox_says_how_to_stop_it_and_ctrl_c_stops_it() -> None:
    from tests.conftest import cli_env

    proc = subprocess.Popen(
        [sys.executable, "-m", "pos_app", "sandbox", "--port", "0"],
        env=cli_env(Path(os.environ["POS_APP_DATA_DIR"])),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        lines: list[str] = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "Ctrl+C" in line:
                break
        assert lines and "Stop it with Ctrl+C." in lines[-1], "".join(lines)
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0
