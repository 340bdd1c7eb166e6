#!/usr/bin/env bash
# The frozen CLI against the simulator, as a shop would use it: `pos-app sandbox` runs in the
# background, the credentials go into the OS keyring with `pos-app credentials set`, and lookup /
# redeem / invalidate reach the simulator through POS_APP_API_BASE.  Every step is the frozen binary.
#
#   packaging/frozen_cli_check.sh dist/pos-app/pos-app
#
# Needs a working keyring backend (in CI: gnome-keyring in a D-Bus session, see ci_build.sh) and the
# demo AppSecret in POS_APP_DEMO_SECRET (it is never printed; the check fails if any output shows it).
set -euo pipefail
EXE=$(realpath "$1")
: "${POS_APP_DEMO_SECRET:?set POS_APP_DEMO_SECRET to the simulator demo AppSecret}"
work=$(mktemp -d)
sandbox_pid=""
cleanup() {
    [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
export POS_APP_DATA_DIR="$work/data" POS_APP_CONFIG_DIR="$work/config"

fail() { echo "FAIL frozen-cli: $*" >&2; exit 1; }

"$EXE" sandbox --port 0 >"$work/sandbox.txt" 2>&1 &
sandbox_pid=$!
for _ in $(seq 100); do
    grep -q "^WeChat API simulator at http" "$work/sandbox.txt" && break
    kill -0 "$sandbox_pid" 2>/dev/null || fail "sandbox exited: $(cat "$work/sandbox.txt")"
    sleep 0.1
done
url=$(sed -n 's/^WeChat API simulator at \(http[^ ]*\).*/\1/p' "$work/sandbox.txt")
appid=$(sed -n 's/^Demo AppID: \([^ ]*\).*/\1/p' "$work/sandbox.txt")
code_of() { awk -v k="$1" '$1 == k { print $2; exit }' "$work/sandbox.txt"; }
cash=$(code_of cash)
discount=$(code_of discount)
[ -n "$url" ] && [ -n "$appid" ] && [ -n "$cash" ] && [ -n "$discount" ] || fail "unexpected sandbox output"
echo "sandbox (frozen, pid $sandbox_pid) at $url"

# run EXPECTED_STATUS EXPECTED_OUTCOME ARGS...: one frozen command, its exit status and JSON outcome
run() {
    local want_status=$1 want_outcome=$2 status=0
    shift 2
    POS_APP_API_BASE="$url" "$EXE" "$@" --json >"$work/out.json" 2>"$work/err.txt" || status=$?
    cat "$work/out.json" "$work/err.txt" >>"$work/all-output.txt"
    local outcome
    outcome=$(sed -n 's/.*"outcome": *"\([a-z_]*\)".*/\1/p' "$work/out.json")
    [ "$status" = "$want_status" ] && [ "$outcome" = "$want_outcome" ] ||
        fail "pos-app $*: exit $status outcome '$outcome', expected exit $want_status '$want_outcome': $(cat "$work/out.json" "$work/err.txt")"
    echo "ok   pos-app $* -> exit $status, $outcome"
}

printf '%s' "$POS_APP_DEMO_SECRET" | "$EXE" credentials set --appid "$appid" --secret-stdin \
    >>"$work/all-output.txt" 2>&1 || fail "credentials set: $(cat "$work/all-output.txt")"
"$EXE" credentials show >>"$work/all-output.txt" 2>&1 || fail "credentials show"
echo "ok   credentials stored in the OS keyring through the frozen app"
QT_QPA_PLATFORM=offscreen "$EXE" --self-test >"$work/selftest.txt" 2>/dev/null || fail "self-test: $(cat "$work/selftest.txt")"
grep "^PASS keyring: " "$work/selftest.txt" || fail "self-test: $(grep keyring "$work/selftest.txt")"

run 0 redeemable lookup "$cash"
run 0 redeemed redeem "$cash"
run 1 refused redeem "$cash"  # already redeemed: the service answered no
run 0 invalidated invalidate "$discount" --reason "frozen CLI check"

if grep -qF "$POS_APP_DEMO_SECRET" "$work/all-output.txt"; then
    fail "the AppSecret appeared in the output"
fi
"$EXE" credentials clear >/dev/null 2>&1 || true
echo "PASS frozen-cli: sandbox + credentials + lookup/redeem/invalidate through the frozen binary"
