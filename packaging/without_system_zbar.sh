#!/bin/sh
# Run a command as on a counter PC without Debian's libzbar0: the system's libzbar and the libraries
# only it brings in (libv4l2, libv4lconvert, libjpeg62) are hidden (packaging/without_system_libs.sh).
# Exits 77 ("skip") where no mount namespace can be made.
#
#   packaging/without_system_zbar.sh dist/pos-app/pos-app --self-test
#   packaging/without_system_zbar.sh --no-python dist/pos-app/pos-app --self-test
#
# --no-python also hides every Python installation: a frozen app must not need any of them.
set -eu
exec "$(dirname "$0")/without_system_libs.sh" --lib libzbar.so.0 --lib libv4l2.so.0 --lib libv4lconvert.so.0 \
    --lib libjpeg.so.62 "$@"
