#!/bin/sh
# Run a command as on a counter PC without Debian's libzbar0: the system's libzbar and the libraries
# only it brings in (libv4l2, libv4lconvert, libjpeg62) are hidden by bind-mounting /dev/null over them
# in a private mount namespace, so loading them fails with "file too short".  Nothing changes outside
# the command.  Needs root (or CAP_SYS_ADMIN) and util-linux's unshare; exits 77 ("skip") without them.
#
#   packaging/without_system_zbar.sh dist/pos-app/pos-app --self-test
set -eu
[ "$#" -gt 0 ] || { echo "usage: $0 COMMAND [ARG...]" >&2; exit 2; }

hidden=""
for soname in libzbar.so.0 libv4l2.so.0 libv4lconvert.so.0 libjpeg.so.62; do
    for path in $(ldconfig -p 2>/dev/null | awk -v n="$soname" '$1 == n { print $NF }'); do
        real=$(readlink -f "$path")
        case " $hidden " in *" $real "*) ;; *) hidden="$hidden $real" ;; esac
    done
done
if [ -z "$hidden" ]; then  # already a machine without zbar: nothing to hide
    exec "$@"
fi
if ! command -v unshare >/dev/null 2>&1 || ! unshare -m --propagation private true 2>/dev/null; then
    echo "without_system_zbar: cannot create a mount namespace here (need root and unshare)" >&2
    exit 77
fi
# shellcheck disable=SC2016  # $hidden and "$@" expand in the inner shell on purpose
exec unshare -m --propagation private sh -c '
    for lib in $0; do mount --bind /dev/null "$lib"; done
    exec "$@"' "$hidden" "$@"
