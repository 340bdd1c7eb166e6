"""packaging/lean_opencv.sh keeps its compiled wheel outside the clone, so a fresh clone reuses it.

CI clones afresh for every run; a cache inside the clone (build/lean-opencv/) meant a ~10 minute OpenCV
compile every time.  Two copies of the checkout stand for two clones; a placeholder wheel stands for a
finished build (the script only looks for the file: nothing is compiled here).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the lean OpenCV build is Linux's")


def _clone(dest: Path) -> Path:
    (dest / "packaging").mkdir(parents=True)
    shutil.copy(ROOT / "packaging" / "lean_opencv.sh", dest / "packaging" / "lean_opencv.sh")
    shutil.copy(ROOT / "uv.lock", dest / "uv.lock")
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


def _script(clone: Path, *args: str, cache_home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("POS_APP_CACHE_DIR", "VIRTUAL_ENV")}
    env.update(XDG_CACHE_HOME=str(cache_home), UV_PROJECT_ENVIRONMENT=str(ROOT / ".venv"))
    return subprocess.run(
        ["bash", str(clone / "packaging" / "lean_opencv.sh"), *args],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_second_clone_reuses_the_wheel_the_first_one_built(tmp_path: Path) -> None:
    cache_home = tmp_path / "cache"
    first, second = _clone(tmp_path / "clone-1"), _clone(tmp_path / "clone-2")
    where = _script(first, "--where", cache_home=cache_home)
    assert where.returncode == 0, where.stderr
    folder = Path(where.stdout.strip())
    assert folder.parent == cache_home / "pos-app" / "lean-opencv"
    assert _script(second, "--where", cache_home=cache_home).stdout.strip() == str(folder)

    folder.mkdir(parents=True)
    wheel = folder / "opencv_python_headless-0-cp37-abi3-linux_x86_64.whl"
    wheel.write_bytes(b"placeholder")
    reused = _script(second, cache_home=cache_home)
    assert reused.returncode == 0, reused.stderr
    assert reused.stdout.strip() == str(wheel)
    assert "cached" in reused.stderr and "building" not in reused.stderr
    assert not (second / "build").exists()


def test_a_changed_recipe_does_not_reuse_the_old_wheel(tmp_path: Path) -> None:
    cache_home = tmp_path / "cache"
    clone = _clone(tmp_path / "clone")
    before = _script(clone, "--where", cache_home=cache_home).stdout.strip()
    script = clone / "packaging" / "lean_opencv.sh"
    script.write_text(script.read_text().replace("-DWITH_TIFF=OFF", "-DWITH_TIFF=ON"))
    changed = _script(clone, "--where", cache_home=cache_home).stdout.strip()
    assert changed != before
    script.write_text(script.read_text() + "\n# a comment only\n")  # comments do not change the build
    assert _script(clone, "--where", cache_home=cache_home).stdout.strip() == changed
