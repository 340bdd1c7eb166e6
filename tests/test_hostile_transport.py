"""Hostile servers against the client's transport: every call ends by its deadline, every answer is
bounded in size (and in the process's memory), and the AppSecret never travels over plain http to
another machine.  Real sockets on loopback (tests/hostile_server.py); nothing of ours is mocked.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import textwrap
import time

import httpx
import pytest

from pos_app import limits
from pos_app.client import WeChatClient
from pos_app.errors import AmbiguousError, ConfigError, MalformedAnswerError, NoAnswerError
from tests.conftest import ROOT, cli_env
from tests.hostile_server import HostileServer

TIMEOUT = httpx.Timeout(connect=2.0, read=10.0, write=2.0, pool=2.0)  # read > drip: per-read never trips


def _client(server: HostileServer, creds, deadline: float = 2.0) -> WeChatClient:
    return WeChatClient(server.base_url, creds, timeout=TIMEOUT, backoff=0.01, deadline=deadline)


# -- deadline --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["drip", "drip_head"])
def test_a_dripping_answer_ends_at_the_call_deadline(demo_credentials, mode):
    """One byte every 0.5 s never trips a 10 s read timeout: only the overall deadline ends it."""
    with HostileServer(mode, drip_every=0.5) as server, _client(server, demo_credentials) as c:
        started = time.monotonic()
        with pytest.raises(NoAnswerError):
            c.get_code("123456789012")
        elapsed = time.monotonic() - started
        assert server.bytes_sent > 0  # it really was dripping
    assert 1.5 < elapsed < 3.0, elapsed


def test_a_dripping_consume_is_ambiguous_by_the_deadline_and_never_repeated(demo_credentials):
    with HostileServer("drip", drip_every=0.5) as server, _client(server, demo_credentials) as c:
        started = time.monotonic()
        with pytest.raises(AmbiguousError):
            c.consume("123456789012")
        elapsed = time.monotonic() - started
        assert server.paths.count("/card/code/consume") == 1
    assert elapsed < 3.0, elapsed


def test_the_default_deadline_is_the_shared_constant_and_holds(demo_credentials):
    """What settlement relies on: a consume's request cannot be open after CALL_DEADLINE_SECONDS."""
    with HostileServer("drip", drip_every=1.0) as server:
        with WeChatClient(server.base_url, demo_credentials, timeout=httpx.Timeout(10.0 * 3)) as c:
            assert c.deadline == limits.CALL_DEADLINE_SECONDS
            started = time.monotonic()
            with pytest.raises(AmbiguousError):
                c.consume("123456789012")
            elapsed = time.monotonic() - started
    assert limits.CALL_DEADLINE_SECONDS - 1 < elapsed < limits.CALL_DEADLINE_SECONDS + 1.5, elapsed


def test_retries_share_the_deadline(demo_credentials):
    """A read is retried on a malformed answer, but all tries together stay within one deadline."""
    with HostileServer("drip_head", drip_every=1.0) as server:  # each try times out (0.8 s)
        with WeChatClient(
            server.base_url,
            demo_credentials,
            timeout=httpx.Timeout(0.8),
            backoff=0.01,
            read_attempts=10,
            retry_window=60,
            deadline=2.5,
        ) as c:
            started = time.monotonic()
            with pytest.raises(NoAnswerError):
                c.get_card("p" + "A" * 27)
            elapsed = time.monotonic() - started
            assert server.paths.count("/card/get") >= 2  # it did retry
    assert elapsed < 3.3, elapsed


# -- size ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["huge", "endless", "undeclared", "gzip_bomb"])
def test_an_oversized_answer_is_cut_and_malformed(demo_credentials, mode):
    with HostileServer(mode, size=64 * 1024**2) as server, _client(server, demo_credentials, deadline=15) as c:
        started = time.monotonic()
        with pytest.raises(MalformedAnswerError):
            c.get_card("p" + "A" * 27)
        with pytest.raises(AmbiguousError):  # a write with an unusable answer: fate unknown, re-read
            c.consume("123456789012")
        elapsed = time.monotonic() - started
        assert server.paths.count("/card/code/consume") == 1
    assert elapsed < 10, elapsed


def test_an_answer_at_the_limit_is_read(demo_credentials):
    with HostileServer("ok") as server:
        with WeChatClient(server.base_url, demo_credentials, max_answer_bytes=400) as c:
            assert c.get_code("123456789012").can_consume is True
        with WeChatClient(server.base_url, demo_credentials, max_answer_bytes=100) as c:
            with pytest.raises(MalformedAnswerError):
                c.get_code("123456789012")


_RSS_SCRIPT = textwrap.dedent(
    """
    import json, resource, sys, time
    sys.path.insert(0, {root!r})
    from pos_app.client import WeChatClient
    from pos_app.credentials import Credentials
    from pos_app.errors import NoAnswerError
    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))  # a runaway read dies, not the box
    def rss_kib():
        with open("/proc/self/status") as fh:
            return max(int(line.split()[1]) for line in fh if line.startswith(("VmHWM", "VmRSS")))
    c = WeChatClient({url!r}, Credentials("wx0000000000000000", "s" * 32), deadline=30)
    before = rss_kib()
    started = time.monotonic()
    try:
        c.get_card("p" + "A" * 27)
        outcome = "answered"
    except NoAnswerError as exc:
        outcome = type(exc).__name__
    except MemoryError:
        outcome = "MemoryError"
    print(json.dumps({{"before": before, "after": rss_kib(), "outcome": outcome,
                      "seconds": time.monotonic() - started}}))
    """
)


@pytest.mark.parametrize("mode", ["huge", "endless"])
def test_memory_stays_bounded_whatever_the_answer_weighs(mode):
    """Measured in a fresh process (peak RSS from /proc): a 2 GiB or endless body costs < 30 MiB."""
    with HostileServer(mode) as server:
        script = _RSS_SCRIPT.format(root=str(ROOT), url=server.base_url)
        proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout)
    grown_mib = (figures["after"] - figures["before"]) / 1024
    print(f"{mode}: peak RSS grew {grown_mib:.1f} MiB in {figures['seconds']:.2f} s ({figures['outcome']})")
    assert figures["outcome"] == "MalformedAnswerError", figures
    assert grown_mib < 30, figures
    assert figures["seconds"] < 10, figures


# -- https only ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://203.0.113.5",
        "http://api.weixin.qq.com",
        "http://127.0.0.1.nip.io",
        "http://localhost.example.com:8080",
        "http://localhost@203.0.113.5/",
        "ftp://127.0.0.1",
        "api.weixin.qq.com",
        "http://",
    ],
)
def test_the_secret_never_goes_over_plain_http_to_another_host(demo_credentials, url):
    with pytest.raises(ConfigError) as caught:
        WeChatClient(url, demo_credentials)
    assert "https" in caught.value.message


@pytest.mark.parametrize(
    "url",
    ["https://api.weixin.qq.com", "http://127.0.0.1:9", "http://127.8.9.10", "http://[::1]:9", "http://localhost:9"],
)
def test_https_and_loopback_http_are_allowed(demo_credentials, url):
    WeChatClient(url, demo_credentials).close()


def _non_loopback_address() -> str | None:
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("203.0.113.5", 9))  # UDP connect: picks the outgoing address, sends nothing
        address = str(probe.getsockname()[0])
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") else address


def test_a_plain_http_address_of_this_machine_that_is_not_loopback_gets_nothing(sim):
    """POS_APP_API_BASE pointing at a real interface over http: refused before any byte is sent."""
    address = _non_loopback_address()
    if address is None:
        pytest.skip("this machine has no non-loopback IPv4 address")
    with HostileServer("ok", host=address) as server:
        env = cli_env(None, POS_APP_API_BASE=server.base_url)
        creds = subprocess.run(
            [sys.executable, "-m", "pos_app", "credentials", "set", "--appid", "wx0000000000000000", "--secret-stdin"],
            input="s" * 32 + "\n",
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert creds.returncode == 0, creds.stderr
        proc = subprocess.run(
            [sys.executable, "-m", "pos_app", "lookup", "123456789012"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert proc.returncode == 3, proc.stderr
        assert "https://" in proc.stderr and "Traceback" not in proc.stderr
        assert server.paths == [] and server.bytes_sent == 0


def test_environment_base_url_over_plain_http_is_refused_by_the_cli():
    env = cli_env(None, POS_APP_API_BASE="http://203.0.113.5")
    subprocess.run(
        [sys.executable, "-m", "pos_app", "credentials", "set", "--appid", "wx0000000000000000", "--secret-stdin"],
        input="s" * 32 + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "pos_app", "redeem", "123456789012"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 3 and "https://" in proc.stderr and "POS_APP_API_BASE" in proc.stderr, proc.stderr
    assert time.monotonic() - started < 20  # refused locally, not after a connect timeout


def test_a_host_name_is_resolved_within_the_deadline_and_every_address_is_tried(demo_credentials):
    """``localhost`` may resolve to ::1 first while the server listens on 127.0.0.1 only."""
    with HostileServer("ok") as server:
        port = server.base_url.rsplit(":", 1)[1]
        with WeChatClient(f"http://localhost:{port}", demo_credentials, deadline=5) as c:
            assert c.get_code("123456789012").can_consume is True
