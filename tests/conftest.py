"""Test isolation: every test gets its own config dir, data dir and (file-backed) keyring.

The keyring backend is chosen by PYTHON_KEYRING_BACKEND, as the README tells developers; it must be set
before keyring is first used, hence at import time here.  Qt runs offscreen.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "tests.support.file_keyring.FileKeyring"
os.environ.pop("POS_APP_API_BASE", None)
os.environ.setdefault("LANG", "en_US.UTF-8")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    base = tmp_path_factory.mktemp("posapp")
    monkeypatch.setenv("POS_APP_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("POS_APP_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("POS_APP_TEST_KEYRING", str(base / "keyring.json"))
    return base


@pytest.fixture
def sim():
    """The simulator on an ephemeral loopback port, stopped after the test."""
    from pos_app.sandbox import Simulator

    with Simulator() as simulator:
        yield simulator


@pytest.fixture
def demo_credentials():
    from pos_app.credentials import Credentials
    from pos_app.sandbox import DEMO_APPID, DEMO_SECRET

    return Credentials(DEMO_APPID, DEMO_SECRET)


@pytest.fixture
def client(sim, demo_credentials):
    from pos_app.client import WeChatClient
    from pos_app.sandbox import DEMO_CUSTOM_CARD_IDS

    with WeChatClient(sim.base_url, demo_credentials, custom_card_ids=DEMO_CUSTOM_CARD_IDS, backoff=0.01) as c:
        yield c


def cli_env(base: Path, **extra: str) -> dict[str, str]:
    """Environment for running `python -m pos_app` in a subprocess with the test keyring and dirs."""
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(ROOT),
        POS_APP_CONFIG_DIR=os.environ["POS_APP_CONFIG_DIR"],
        POS_APP_DATA_DIR=os.environ["POS_APP_DATA_DIR"],
        POS_APP_TEST_KEYRING=os.environ["POS_APP_TEST_KEYRING"],
    )
    env.update(extra)
    return env


def configured_counter_env(api_base: str) -> dict[str, str]:
    """The environment of a configured counter for `python -m pos_app`: api_base set and the demo
    credentials stored through the CLI itself (`credentials set --secret-stdin`)."""
    import subprocess

    from pos_app.sandbox import DEMO_APPID, DEMO_SECRET

    env = cli_env(None, POS_APP_API_BASE=api_base)  # type: ignore[arg-type]
    proc = subprocess.run(
        [sys.executable, "-m", "pos_app", "credentials", "set", "--appid", DEMO_APPID, "--secret-stdin"],
        input=DEMO_SECRET + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return env
