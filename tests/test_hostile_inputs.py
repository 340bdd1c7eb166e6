"""Hostile input: junk codes, settings, reasons and secrets are refused locally (exit 2) before any
request; faults whose cause is known (full disk, read-only folder, locked journal) are named, never
"Internal error".  The CLI runs in a subprocess; the service is a recording loopback server.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pos_app import codes
from pos_app.config import Config
from pos_app.errors import ConfigError, InputError
from tests.conftest import cli_env
from tests.hostile_server import HostileServer

APPID = "wx0000000000000000"
SECRET = "s" * 32

JUNK = [
    "' OR 1=1 --",
    "1;DROP TABLE entries",
    "$(reboot)",
    "`id`",
    "a|b",
    "<script>",
    "12345678901%",
    "../../etc/passwd",
    "123456789012\x00",  # a NUL is cleaned away: the rest is a code; see below
]


def run(*args: str, env: dict[str, str], stdin: bytes = b"", timeout: float = 90) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "pos_app", *args], input=stdin, capture_output=True, env=env, timeout=timeout
    )
    out = subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())
    assert "Traceback" not in out.stderr and "Internal error" not in out.stderr, out.stderr
    return out


@pytest.fixture
def service():
    """A recording service on loopback with stored credentials pointing at it."""
    with HostileServer("ok") as server:
        env = cli_env(None, POS_APP_API_BASE=server.base_url)
        proc = run("credentials", "set", "--appid", APPID, "--secret-stdin", env=env, stdin=f"{SECRET}\n".encode())
        assert proc.returncode == 0, proc.stderr
        yield server, env


# -- codes -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("junk", JUNK[:-1])
def test_junk_is_not_a_code(junk):
    with pytest.raises(InputError):
        codes.parse_scan(junk)


@pytest.mark.parametrize("good", ["076289988733", "VIP12AB34C", "abc_DEF-123", "１２３４５６７８９０１２"])
def test_real_codes_pass_the_grammar(good):
    assert codes.parse_scan(good).code == codes.clean(good)


def test_configured_custom_patterns_narrow_the_grammar():
    try:
        codes.use_custom_patterns([r"VIP[A-Z0-9]{7}"])
        assert codes.parse_scan("VIP12AB34C").code == "VIP12AB34C"
        assert codes.parse_scan("076289988733").code == "076289988733"  # WeChat-generated: 12 digits
        for other in ("VIP12AB34", "abc_DEF-123", "0762899887"):
            with pytest.raises(InputError):
                codes.parse_scan(other)
    finally:
        codes.use_custom_patterns(())


@pytest.mark.parametrize("link", ["encrypt_code=" + "A" * 600, "encrypt_code=abc$(id)", "encrypt_code=abc&card_id=x;y"])
def test_damaged_links_are_refused(link):
    with pytest.raises(InputError):
        codes.parse_scan(link)


@pytest.mark.parametrize("junk", ["' OR 1=1 --", "$(reboot)", "1;rm -rf /", "x" * 21])
@pytest.mark.parametrize("command", ["lookup", "redeem"])
def test_the_cli_refuses_junk_before_any_request(service, junk, command):
    server, env = service
    proc = run(command, junk, env=env)
    assert proc.returncode == 2, proc.stderr
    assert "not a coupon code" in proc.stderr
    assert server.paths == []  # not even a token request


def test_the_cli_refuses_a_code_outside_the_configured_patterns(service):
    server, env = service
    assert run("config", "set", "custom_code_patterns", r"VIP[A-Z0-9]{7}", env=env).returncode == 0
    proc = run("lookup", "ABC1234567", env=env)
    assert proc.returncode == 2 and "patterns" in proc.stderr and server.paths == []
    assert run("lookup", "VIP12AB34C", env=env).returncode == 0  # the server says NORMAL
    assert "/card/code/get" in server.paths


# -- settings --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key, value, words",
    [
        ("api_base", "http://203.0.113.5", "https://"),
        ("api_base", "http://api.weixin.qq.com", "https://"),
        ("api_base", "https://user@api.weixin.qq.com", "api_base"),
        ("api_base", "https://api.weixin.qq.com/?x=1", "api_base"),
        ("api_base", "javascript:alert(1)", "https://"),
        ("store_location_id", str(2**64), "store_location_id"),
        ("store_location_id", "²", "store_location_id"),
        ("store_location_id", "-1", "store_location_id"),
        ("store_location_id", "0", "store_location_id"),
        ("custom_card_ids", ",".join(f"c{i}" for i in range(5000)), "custom_card_ids"),
        ("custom_card_ids", "pAAAA;DROP", "custom_card_ids"),
        ("custom_code_patterns", "VIP[", "custom_code_patterns"),
        ("terminal_id", "T1\x1b[2J", "terminal_id"),
        ("terminal_id", "T" * 33, "terminal_id"),
    ],
)
def test_config_set_refuses_values_that_would_break_later(key, value, words):
    env = cli_env(None)
    proc = run("config", "set", key, value, env=env)
    assert proc.returncode == 2, proc.stdout
    assert words in proc.stderr, proc.stderr
    assert not (Path(os.environ["POS_APP_CONFIG_DIR"]) / "config.json").exists()  # nothing saved


@pytest.mark.parametrize(
    "key, value",
    [
        ("api_base", "http://127.0.0.1:8080"),
        ("api_base", "https://relay.example.com/wx"),
        ("store_location_id", "9223372036854775807"),
        ("custom_card_ids", ",".join(f"p{i:027d}" for i in range(20))),
        ("custom_code_patterns", r"VIP[A-Z0-9]{7} M\d{9}"),
    ],
)
def test_config_set_accepts_good_values(key, value):
    env = cli_env(None)
    proc = run("config", "set", key, value, env=env)
    assert proc.returncode == 0, proc.stderr
    assert run("config", "get", key, env=env).stdout.strip() == value


def test_a_hand_edited_settings_file_is_refused_by_name_and_sends_nothing(service):
    server, env = service
    path = Path(os.environ["POS_APP_CONFIG_DIR"]) / "config.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"custom_card_ids": [f"c{i}" for i in range(5000)]}))
    proc = run("lookup", "VIP12AB34C", env=env)
    assert proc.returncode == 3 and "custom_card_ids" in proc.stderr, proc.stderr
    assert server.paths == []  # not 5,002 requests: none
    path.write_text(json.dumps({"store_location_id": 2**64}))
    proc = run("lookup", "076289988733", env=env)
    assert proc.returncode == 3 and "store_location_id" in proc.stderr
    # `config set` repairs it
    assert run("config", "set", "store_location_id", "", env=env).returncode == 0
    assert run("lookup", "076289988733", env=env).returncode == 0


def test_config_load_checks_types():
    path = Path(os.environ["POS_APP_CONFIG_DIR"]) / "config.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    for bad in ({"store_location_id": True}, {"custom_card_ids": "pA"}, {"sound_muted": "yes"}, [1, 2]):
        path.write_text(json.dumps(bad))
        with pytest.raises(ConfigError):
            Config.load()


# -- reasons and secrets ---------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["\x01\x02\x07", "\u200b\u200b", "\t \n", "\x1b\x7f\u2028"])
def test_a_reason_without_visible_text_is_refused_before_any_request(service, reason):
    server, env = service
    proc = run("invalidate", "076289988733", "--reason", reason, env=env)
    assert proc.returncode == 2 and "visible" in proc.stderr, proc.stderr
    assert server.paths == []


def test_control_characters_are_taken_out_of_a_reason():
    assert codes.visible_reason("refund\x07\x1b ok") == "refund ok"
    assert codes.visible_reason("顾客退款") == "顾客退款"


@pytest.mark.parametrize(
    "secret", [b"\xff\xfe" + b"s" * 30, b"abc\x01def", b"s" * 257, b"two words", b"caf\xc3\xa9\x00"]
)
def test_credentials_set_refuses_a_secret_that_is_not_printable_utf8(secret):
    env = cli_env(None)
    proc = run("credentials", "set", "--appid", APPID, "--secret-stdin", env=env, stdin=secret + b"\n")
    assert proc.returncode == 2, proc.stderr
    assert "AppSecret" in proc.stderr
    assert run("credentials", "show", env=env).returncode == 1  # nothing stored


def test_credentials_set_accepts_a_utf8_secret_and_refuses_a_bad_appid():
    env = cli_env(None)
    assert run("credentials", "set", "--appid", "wx 1;x", "--secret-stdin", env=env, stdin=b"abc\n").returncode == 2
    proc = run("credentials", "set", "--appid", APPID, "--secret-stdin", env=env, stdin="密钥abc123\n".encode())
    assert proc.returncode == 0, proc.stderr


# -- faults with a known cause ---------------------------------------------------------------------------


def _can_mount() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0


@pytest.fixture
def small_disk(tmp_path):
    """A 256 KiB tmpfs (root only: CI runs as root; skipped elsewhere)."""
    if not _can_mount():
        pytest.skip("mounting a small file system needs root on Linux")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.parametrize("free_kib", [150, 100, 60, 40, 30, 20, 10, 0])
def test_a_full_disk_is_named(small_disk, free_kib):
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * ((256 - free_kib) * 1024)) if free_kib < 256 else None
    env = cli_env(None, POS_APP_DATA_DIR=str(small_disk))
    proc = run("--demo", "redeem", "076289988733", env=env)
    assert proc.returncode in (0, 3), proc.stderr
    if proc.returncode == 3:
        assert "disk is full" in proc.stderr, proc.stderr


def test_a_read_only_data_folder_is_named(small_disk):
    env = cli_env(None, POS_APP_DATA_DIR=str(small_disk / "data"))
    assert run("--demo", "lookup", "076289988733", env=env).returncode == 0
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    proc = run("--demo", "redeem", "076289988733", env=env)
    assert proc.returncode == 3
    assert "cannot be written" in proc.stderr or "read-only" in proc.stderr, proc.stderr


def test_a_locked_journal_is_named(tmp_path):
    """Another program holds the journal's write lock past the 30 s wait."""
    data = tmp_path / "data"
    env = cli_env(None, POS_APP_DATA_DIR=str(data))
    assert run("--demo", "lookup", "076289988733", env=env).returncode == 0
    holder = sqlite3.connect(data / "training" / "journal.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        proc = run("--demo", "lookup", "076289988733", env=env, timeout=120)
        elapsed = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert proc.returncode == 3 and "locked" in proc.stderr, proc.stderr
    assert elapsed < 60
