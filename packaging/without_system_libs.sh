#!/bin/sh
# Run a command as on a PC that lacks some system libraries: each library named with --lib (a soname,
# resolved through ldconfig) is hidden by bind-mounting /dev/null over it in a private mount namespace,
# so loading it fails with "file too short".  Nothing changes outside the command.  Needs util-linux's
# unshare and root or unprivileged user namespaces; exits 77 ("skip") when neither works.
#
#   packaging/without_system_libs.sh --lib libpulse.so.0 uv run pos-app --self-test     (no libpulse0)
#   packaging/without_system_libs.sh --no-python --lib libzbar.so.0 dist/pos-app/pos-app --self-test
#
# --no-python also hides every Python installation (the project's .venv, the interpreter it was made
# from, /usr/lib/python3*, /usr/local/lib/python3*) under empty tmpfs mounts: a frozen app must not
# need any of them.  packaging/without_system_zbar.sh is this with zbar's libraries.
set -eu
hide_python=""
sonames=""
while [ "$#" -gt 0 ]; do
    case "$1" in
        --no-python) hide_python=1; shift ;;
        --lib) [ "$#" -ge 2 ] || { echo "$0: --lib needs a soname" >&2; exit 2; }; sonames="$sonames $2"; shift 2 ;;
        *) break ;;
    esac
done
[ "$#" -gt 0 ] || { echo "usage: $0 [--no-python] [--lib SONAME]... COMMAND [ARG...]" >&2; exit 2; }

hidden=""
for soname in $sonames; do
    for path in $(ldconfig -p 2>/dev/null | awk -v n="$soname" '$1 == n { print $NF }'); do
        real=$(readlink -f "$path")
        case " $hidden " in *" $real "*) ;; *) hidden="$hidden $real" ;; esac
    done
done
python_dirs=""
if [ -n "$hide_python" ]; then
    here=$(cd "$(dirname "$0")/.." && pwd)
    for dir in "$here/.venv" /usr/lib/python3* /usr/local/lib/python3*; do
        [ -d "$dir" ] && python_dirs="$python_dirs $dir"
    done
    if [ -x "$here/.venv/bin/python" ]; then
        base=$("$here/.venv/bin/python" -c 'import sys; print(sys.base_prefix)')
        case "$base" in /usr | /usr/local) ;; *) python_dirs="$python_dirs $base" ;; esac
    fi
fi
if [ -z "$hidden$python_dirs" ]; then  # already a machine without them: nothing to hide
    exec "$@"
fi
# As root a plain mount namespace; otherwise one inside a user namespace (unprivileged, if the kernel
# allows it), where the command runs as a mapped "root" that can mount but owns nothing new.
ns="unshare -m --propagation private"
if ! command -v unshare >/dev/null 2>&1; then
    ns=""
elif ! $ns true 2>/dev/null; then
    ns="unshare -r -m --propagation private"
    $ns true 2>/dev/null || ns=""
fi
if [ -z "$ns" ]; then
    echo "without_system_libs: cannot create a mount namespace here (need unshare, and root or user namespaces)" >&2
    exit 77
fi
# shellcheck disable=SC2016  # the inner shell expands its own $1, $2 and "$@"
exec $ns sh -c '
    libs=$1 dirs=$2
    shift 2
    for lib in $libs; do mount --bind /dev/null "$lib"; done
    for dir in $dirs; do mount -t tmpfs -o size=1m,mode=0755 none "$dir"; done
    exec "$@"' sh "$hidden" "$python_dirs" "$@"
