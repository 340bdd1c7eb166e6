"""The README's quick start, followed as a newcomer would, on a clean clone and a real display.

- The Debian packages the README lists (with what each is for) are exactly those CI installs on a fresh
  machine (.ci/run): CI passing on that machine is what shows the list is enough.
- On a clean `git clone` of this repository, the quick start's first command, run as written
  (`uv run pos-app --demo`), builds the environment and opens the window on an X display (Xvfb, with
  QT_QPA_PLATFORM unset, as on a desktop); Ctrl+C closes it.  Then `uv run pos-app --self-test` passes
  there too.  Bounded: a few minutes at most, most of it `uv run` creating the clone's environment from
  uv's cache.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def _section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^#+ {re.escape(title)}\n(.*?)(?=^#+ |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, f"README.md has no section {title!r}"
    return match.group(1)


def readme_packages() -> dict[str, str]:
    """package -> what it is for, from the README's "Debian packages" table."""
    packages = {}
    for line in _section("Debian packages").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not cells[0].startswith("`"):
            continue
        for name in re.findall(r"`([^`]+)`", cells[0]):
            packages[name] = cells[1]
    return packages


def ci_packages() -> list[str]:
    script = ROOT / ".ci" / "run"
    array = re.search(r"^apt_packages=\((.*?)^\)", script.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
    assert array, ".ci/run has no apt_packages=( ... ) list"
    words = []
    for line in array.group(1).splitlines():
        words += line.split("#", 1)[0].split()
    return words


def quick_start_commands() -> list[str]:
    """The commands of the quick start's last code block (the one that runs the app and the tests)."""
    blocks = re.findall(r"```sh\n(.*?)```", _section("Quick start"), re.DOTALL)
    assert blocks, "the quick start has no sh code block"
    lines = [line.split("#", 1)[0].strip() for line in blocks[-1].splitlines()]
    return [line for line in lines if line]


def test_readme_lists_what_ci_installs_and_says_what_each_is_for() -> None:
    documented = readme_packages()
    installed = ci_packages()
    assert sorted(documented) == sorted(installed), (
        f"only in README: {sorted(set(documented) - set(installed))}; "
        f"only in .ci/run: {sorted(set(installed) - set(documented))}"
    )
    assert all(reason for reason in documented.values())


def test_the_quick_start_install_line_names_only_documented_packages() -> None:
    documented = readme_packages()
    text = _section("Quick start").replace("\\\n", " ")  # join shell line continuations
    install = re.search(r"apt-get install ([^`\n]+)", text)
    assert install, "the quick start says which Debian packages to install"
    named = [word for word in install.group(1).split() if not word.startswith("-")]
    assert named and set(named) <= set(documented), set(named) - set(documented)
    for needed in ("libzbar0", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "fonts-wqy-microhei", "libpulse0"):
        assert needed in named, needed


def test_the_quick_start_runs_from_a_source_checkout() -> None:
    commands = quick_start_commands()
    assert commands[0] == "uv run pos-app --demo"
    assert all(cmd.startswith("uv run ") for cmd in commands), commands


@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Xvfb: Linux")
def test_quick_start_on_a_clean_clone_and_a_real_display(tmp_path: Path) -> None:
    from tests.support.xvfb import desktop_env, xvfb_display
    from tests.test_gui_start import wait_for_window

    uv = shutil.which("uv")
    git = shutil.which("git")
    if uv is None or git is None or not (ROOT / ".git").exists():
        if os.environ.get("CI"):
            pytest.fail("the quick-start test needs uv, git and a git checkout")
        pytest.skip("needs uv, git and a git checkout")
    clone = tmp_path / "pos-app"
    subprocess.run([git, "clone", "--quiet", str(ROOT), str(clone)], check=True, timeout=300)
    assert not (clone / ".venv").exists()

    first = shlex.split(quick_start_commands()[0])
    with xvfb_display() as display:
        env = desktop_env(
            display,
            POS_APP_DATA_DIR=str(tmp_path / "data"),  # not the user's own training journal and settings
            POS_APP_CONFIG_DIR=str(tmp_path / "config"),
        )
        for var in ("VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "PYTHONPATH", "PYTHON_KEYRING_BACKEND"):
            env.pop(var, None)  # what pytest's own environment adds: a newcomer's shell has none of it
        log = tmp_path / "window.txt"
        with log.open("w") as sink:
            proc = subprocess.Popen(
                first, cwd=clone, env=env, stdout=sink, stderr=subprocess.STDOUT, text=True, start_new_session=True
            )
        try:
            wait_for_window(display, proc, timeout=600)  # the first `uv run` creates .venv first
            os.killpg(proc.pid, signal.SIGINT)  # Ctrl+C in a terminal: to the whole foreground group
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        output = log.read_text()
        assert proc.returncode == 0, output
        assert "Traceback" not in output
        assert not re.search(r"^qt\.", output, re.MULTILINE), output  # Qt's chatter goes to the log file

        selftest = subprocess.run(
            ["uv", "run", "pos-app", "--self-test"], cwd=clone, env=env, capture_output=True, text=True, timeout=300
        )
    assert selftest.returncode == 0, selftest.stdout + selftest.stderr
    assert "PASS qt: xcb platform" in selftest.stdout
