#!/usr/bin/env bash
# The release build (Linux): dist/pos-app/ from build.spec, with the lean OpenCV instead of PyPI's.
#
#   bash packaging/release_build.sh [pyinstaller options]
#
# The project's .venv is not touched: the build runs in build/release-venv, the locked environment
# with opencv-python-headless replaced by packaging/lean_opencv.sh's wheel (same version, fewer
# modules).  `uv run pyinstaller build.spec` still works and bundles PyPI's full OpenCV (~70 MB more).
set -euo pipefail
cd "$(dirname "$0")/.."

wheel=$(bash packaging/lean_opencv.sh)
venv=build/release-venv
UV_PROJECT_ENVIRONMENT=$venv uv sync --locked --quiet
uv pip install --quiet --python "$venv/bin/python" --reinstall --no-deps "$wheel"
"$venv/bin/python" - <<'EOF'
import cv2
assert not cv2.videoio_registry.hasBackend(cv2.CAP_FFMPEG), "the release venv still has PyPI's OpenCV"
print("release-venv: OpenCV", cv2.__version__, "(lean build)")
EOF
"$venv/bin/pyinstaller" build.spec --noconfirm "$@"
