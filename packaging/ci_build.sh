#!/usr/bin/env bash
# CI: build the one-folder app with PyInstaller and prove the frozen binary works.
#
#   bash packaging/ci_build.sh            (from .ci/run, after the tests; Linux)
#
# 1. build dist/pos-app/ from build.spec with the lean OpenCV (packaging/release_build.sh; the OpenCV
#    compile takes ~10 min on 2 cores the first time) and report its size and the build time; the
#    scanner's tests run again on that OpenCV, so the lean build is shown to read what PyPI's does;
# 2. every shared library in the bundle resolves (nothing the trimming dropped is still needed);
# 3. as on a fresh PC: the folder copied elsewhere, run with an empty environment, the system's libzbar
#    and every Python installation hidden (packaging/without_system_zbar.sh --no-python): the frozen
#    --self-test (no display and no QT_QPA_PLATFORM: it must choose offscreen itself), the frozen `decode`
#    of the self-test images (pyzbar uses the bundled libzbar) and `scan --source VIDEO` (OpenCV's video
#    input and the scan pipeline); the --self-test again without the system's libpulse (sound is
#    optional: a WARN, never a FAIL);
# 3b. as on a desktop: --self-test on a real X display (Xvfb) with QT_QPA_PLATFORM unset, and the window
#    shown there (POS_APP_EXIT_AFTER_SHOWN);
# 4. training mode through the frozen binary, on the same "fresh PC": `pos-app --demo redeem CODE`;
# 5. the frozen CLI against `pos-app sandbox` in the background with credentials in a real Secret
#    Service (gnome-keyring in a private D-Bus session): packaging/frozen_cli_check.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

DIST=dist/pos-app
EXE=$DIST/pos-app
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
step() { echo "== frozen: $*"; }
fail() { echo "FAIL frozen: $*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# System packages the checks need (the build itself needs only binutils, installed by .ci/run).
need=()
command -v dbus-run-session >/dev/null || need+=(dbus)
command -v gnome-keyring-daemon >/dev/null || need+=(gnome-keyring)
if ((${#need[@]})); then
    sudo_cmd=""
    [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

step "lean OpenCV"
t0=$(now)
bash packaging/lean_opencv.sh >/dev/null
echo "lean OpenCV: $(elapsed "$t0") s"

step "build (one folder, release environment)"
t0=$(now)
bash packaging/release_build.sh --log-level WARN
echo "build: $(elapsed "$t0") s; bundle: $(du -sm "$DIST" | cut -f1) MB in $(find "$DIST" -type f | wc -l) files"

step "the scanner's tests on the lean OpenCV"
build/release-venv/bin/python -m pytest -q -p no:cacheprovider tests/test_scanner_*.py tests/test_selftest.py

step "every bundled library resolves"
unresolved=$(
    find "$DIST" -type f \( -name '*.so' -o -name '*.so.*' \) -print0 |
        xargs -0 -n 20 env LD_LIBRARY_PATH="$PWD/$DIST/_internal" ldd 2>/dev/null |
        awk '/^\// { file = $0 } /not found/ { print file " " $1 }' | sort -u
)
[ -z "$unresolved" ] || fail "libraries not found: $unresolved"
echo "ok"

step "no development tools or tests in the bundle"
leaked=$(uv run pyi-archive_viewer --list --recursive "$EXE" |
    grep -oE "\b(pytest|_pytest|mypy|segno|barcode|PyInstaller|importlinter|tests)(\.[A-Za-z_.]+)?\b" | sort -u || true)
[ -z "$leaked" ] || fail "bundled but only for development: $leaked"
echo "ok"

# The frozen app must not see the developer's environment: its own data/config, Qt offscreen, no
# test keyring module (it does not exist in the bundle).
export POS_APP_DATA_DIR="$work/data" POS_APP_CONFIG_DIR="$work/config" QT_QPA_PLATFORM=offscreen
unset PYTHON_KEYRING_BACKEND POS_APP_API_BASE POS_APP_RESOURCES

step "--version"
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' pos_app/__init__.py)
[ "$("$EXE" --version)" = "pos-app $version" ] || fail "--version does not say $version"
echo "pos-app $version"

# "Unpacked on a fresh PC": a copy of the folder, an empty environment (no DISPLAY, no QT_QPA_PLATFORM:
# a headless machine), no system zbar, no Python.
fresh() {
    env -i PATH=/usr/bin:/bin HOME="$work/fresh-home" LANG=C.UTF-8 \
        POS_APP_DATA_DIR="$work/fresh-data" POS_APP_CONFIG_DIR="$work/fresh-config" $hide "$@"
}
hide="packaging/without_system_zbar.sh --no-python"
if ! packaging/without_system_zbar.sh --no-python true; then
    echo "WARNING: cannot hide libzbar and Python here; the fresh-PC checks run with them visible" >&2
    hide=""
fi
cp -a "$DIST" "$work/unpacked"
FRESH_EXE="$work/unpacked/pos-app"

step "--self-test as on a fresh PC (moved folder, empty env, no system libzbar, no Python)"
t0=$(now)
fresh "$FRESH_EXE" --self-test | tee "$work/selftest.txt" || fail "--self-test failed"
echo "self-test: $(elapsed "$t0") s"
grep -q "^PASS zbar: $work/unpacked/_internal/libzbar" "$work/selftest.txt" ||
    fail "pyzbar did not load the bundled libzbar"
grep -q "^PASS qt: offscreen platform" "$work/selftest.txt" || fail "headless, the self-test did not choose offscreen"

step "--self-test without the system's libpulse (sound is optional)"
hide_pulse="packaging/without_system_libs.sh --no-python --lib libpulse.so.0"
if packaging/without_system_libs.sh --lib libpulse.so.0 true; then
    env -i PATH=/usr/bin:/bin HOME="$work/fresh-home" LANG=C.UTF-8 POS_APP_DATA_DIR="$work/fresh-data" \
        POS_APP_CONFIG_DIR="$work/fresh-config" $hide_pulse "$FRESH_EXE" --self-test | tee "$work/nopulse.txt" ||
        fail "--self-test failed without libpulse"
    grep -qE "^(WARN|PASS) sounds: " "$work/nopulse.txt" || fail "no sounds line without libpulse"
else
    echo "WARNING: cannot hide libpulse here; skipped" >&2
fi

step "--self-test and the window on a real X display (Xvfb, QT_QPA_PLATFORM unset), as on a desktop"
xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" env -u QT_QPA_PLATFORM "$FRESH_EXE" --self-test |
    tee "$work/display.txt" >/dev/null || { cat "$work/display.txt"; fail "--self-test failed on a real display"; }
cat "$work/display.txt"
grep -q "^PASS qt: xcb platform" "$work/display.txt" || fail "the self-test did not run on xcb"
shown=$(POS_APP_EXIT_AFTER_SHOWN=1 xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" \
    env -u QT_QPA_PLATFORM "$FRESH_EXE" --demo 2>"$work/window-err.txt") || {
    cat "$work/window-err.txt"
    fail "the window did not start on a real display"
}
echo "$shown"
case "$shown" in window-shown*) ;; *) fail "the window was not shown: $shown" ;; esac

step "decode as on a fresh PC"
fresh "$FRESH_EXE" decode resources/selftest/qr.png resources/selftest/code128.png --json | tee "$work/decode.txt"
grep -q '801234567890' "$work/decode.txt" || fail "QR not decoded"
grep -q 'POS-SELFTEST-128' "$work/decode.txt" || fail "Code 128 not decoded"

step "scan a video (OpenCV video input + pipeline) as on a fresh PC"
# The video is drawn by the test suite's generator in the dev environment; the frozen app only reads it.
uv run python -c "
from pathlib import Path
from tests.scanner_fixtures import scene_video
scene_video(Path('$work/scan.avi'), [(1.0, None), (1.5, '801234567890'), (1.0, None), (1.5, 'POS-SCAN-128')])"
fresh "$FRESH_EXE" scan --source "$work/scan.avi" --json | tee "$work/scan.txt"
[ "$(grep -c '"code"' "$work/scan.txt")" = 2 ] && grep -q '"801234567890"' "$work/scan.txt" &&
    grep -q '"POS-SCAN-128"' "$work/scan.txt" || fail "expected exactly the two codes of the video"

step "training mode on a fresh PC: --demo lookup/redeem"
# The embedded simulator's demo codes are the ones `pos-app sandbox` lists (same seed).
"$EXE" sandbox --port 0 >"$work/sandbox.txt" 2>&1 &
sandbox_pid=$!
for _ in $(seq 100); do grep -q "^cash " "$work/sandbox.txt" && break; sleep 0.1; done
kill "$sandbox_pid"
wait "$sandbox_pid" || true
# The first row of a kind is its plain code; rows after it may carry the same coupon as a card link.
code=$(awk '$1 == "cash" { print $2; exit }' "$work/sandbox.txt")
[ -n "$code" ] || fail "no demo code from pos-app sandbox: $(cat "$work/sandbox.txt")"
fresh "$FRESH_EXE" --demo lookup "$code" || fail "--demo lookup $code"
fresh "$FRESH_EXE" --demo redeem "$code" || fail "--demo redeem $code"

step "CLI against the simulator in the background (credentials in gnome-keyring)"
POS_APP_DEMO_SECRET=$(uv run python -c "from pos_app.sandbox import DEMO_SECRET; print(DEMO_SECRET)")
export POS_APP_DEMO_SECRET
# A throw-away home for the keyring files; the password only unlocks this CI keyring.
mkdir -p "$work/home/.cache" "$work/home/.local/share"
HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" dbus-run-session -- bash -c '
    echo ci-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    packaging/frozen_cli_check.sh "$0"' "$EXE" 2> >(grep -v "Failed to set fd limit" >&2)

echo "== frozen: all checks passed"
