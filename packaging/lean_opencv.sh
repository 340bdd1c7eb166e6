#!/usr/bin/env bash
# Build the lean OpenCV wheel the release bundle ships, and print its path on stdout.
#
#   bash packaging/lean_opencv.sh        (Linux; needs g++ and cmake; ~10 min on 2 cores, then cached)
#   bash packaging/lean_opencv.sh --where   (print the cache folder this checkout's wheel belongs in)
#
# The cache lives outside the clone, in ${POS_APP_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/pos-app}/lean-opencv/,
# so a fresh clone on the same machine (CI clones afresh for every run) reuses the compiled wheel.
#
# PyPI's opencv-python-headless carries every OpenCV module plus FFmpeg, AV1/VP9 codecs and OpenBLAS:
# 159 MB of a 369 MB bundle.  pos-app uses core, imgproc, imgcodecs (JPEG/PNG), videoio (V4L2 webcams
# and OpenCV's own MJPEG .avi reader/writer) and objdetect (the barcode locator).  This builds the same
# release (the version and sdist pinned in uv.lock, hash checked) from its official sdist with only
# those modules and no FFmpeg/LAPACK/OpenCL; the Python API the app calls is the same build of the same
# code.  The result is cached (see above) under a key of version, interpreter, options and this script;
# a build runs under a lock and moves its wheel into place only when complete.
set -euo pipefail
cd "$(dirname "$0")/.."

# Only these modules (their own dependencies, e.g. features/geometry for objdetect, follow).
MODULES="core,imgproc,imgcodecs,videoio,objdetect,python3"
OPTIONS=(
    -DBUILD_LIST="$MODULES"
    -DCMAKE_BUILD_TYPE=Release
    -DENABLE_PRECOMPILED_HEADERS=OFF
    # No external video/BLAS/GPU stacks: webcams go through V4L2, files through OpenCV's MJPEG backend.
    -DWITH_FFMPEG=OFF -DWITH_GSTREAMER=OFF -DWITH_V4L=ON -DWITH_1394=OFF -DWITH_VA=OFF -DWITH_VA_INTEL=OFF
    -DWITH_LAPACK=OFF -DWITH_EIGEN=OFF -DWITH_OPENCL=OFF -DWITH_IPP=OFF -DWITH_ITT=OFF -DWITH_PROTOBUF=OFF
    # Image files: JPEG and PNG only, built from OpenCV's 3rdparty sources (no system libraries).
    -DBUILD_JPEG=ON -DBUILD_PNG=ON -DBUILD_ZLIB=ON
    -DWITH_TIFF=OFF -DWITH_WEBP=OFF -DWITH_OPENJPEG=OFF -DWITH_JASPER=OFF -DWITH_OPENEXR=OFF
    -DBUILD_OPENEXR=OFF -DWITH_AVIF=OFF -DWITH_JPEGXL=OFF -DWITH_GDCM=OFF
    -DWITH_IMGCODEC_HDR=OFF -DWITH_IMGCODEC_SUNRASTER=OFF -DWITH_IMGCODEC_PXM=OFF -DWITH_IMGCODEC_PFM=OFF
)

log() { echo "lean-opencv: $*" >&2; }

# The sdist of the locked version, from uv.lock (so the lean build is the same OpenCV the tests ran).
read -r version url sha256 < <(uv run --no-sync python - <<'EOF'
import tomllib
lock = tomllib.load(open("uv.lock", "rb"))
pkg = next(p for p in lock["package"] if p["name"] == "opencv-python-headless")
print(pkg["version"], pkg["sdist"]["url"], pkg["sdist"]["hash"].removeprefix("sha256:"))
EOF
)
# The wheel is built for this interpreter (cp311-cp311...): the key covers it, the version, the options
# and this script's commands (its patch and environment; not its comments), so a change never reuses an
# old wheel.
pytag=$(uv run --no-sync python -c 'import sys; print(sys.implementation.cache_tag)')
recipe=$(grep -vE '^[[:space:]]*(#|$)' packaging/lean_opencv.sh)
key=$( (printf '%s\n' "$version" "$pytag" "${OPTIONS[@]}" "$recipe") | sha256sum | cut -c1-12)
cache=${POS_APP_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pos-app}/lean-opencv
out=$cache/$version-$key
if [ "${1:-}" = "--where" ]; then
    echo "$out"
    exit 0
fi
cached() { find "$out" -maxdepth 1 -name 'opencv_python_headless-*.whl' 2>/dev/null | head -n1 || true; }
wheel=$(cached)
if [ -n "$wheel" ]; then
    log "cached: $wheel"
    echo "$wheel"
    exit 0
fi
mkdir -p "$cache"
# One build at a time per cache (two clones building at once would compile twice and race on $out).
exec 9>"$cache/.lock"
flock 9
wheel=$(cached)
if [ -n "$wheel" ]; then
    log "cached (built meanwhile): $wheel"
    echo "$wheel"
    exit 0
fi

for tool in g++ cmake; do
    command -v "$tool" >/dev/null || { log "needs $tool (Debian: apt install g++ cmake)"; exit 1; }
done
src=$cache/src
staging=$cache/.staging-$key
rm -rf "$staging"
mkdir -p "$src" "$staging"
sdist=$src/$(basename "$url")
if ! echo "$sha256  $sdist" | sha256sum --check --status 2>/dev/null; then
    log "downloading $url"
    curl -fsSL -o "$sdist" "$url"
    echo "$sha256  $sdist" | sha256sum --check --status || { log "sha256 mismatch for $sdist"; exit 1; }
fi
tree=$src/opencv_python_headless-$version
rm -rf "$tree"
tar xzf "$sdist" -C "$src"
# Without the calib module OpenCV's typing-stub generator fails (it refines calibrateCamera's
# signature), so neither py.typed nor the cv2.typing aliases are produced and setup.py refuses to
# package.  Both only serve type checkers (cv2/__init__ never imports them), which run on the
# development environment's PyPI OpenCV: let setup.py skip them as it already skips a missing gapi.
patched='if not found and not any(part in relpath_re for part in ("gapi", "py.typed", "typing")):'
sed -i "s/if not found and \"gapi\" not in relpath_re:/$patched/" "$tree/setup.py"
grep -qF "$patched" "$tree/setup.py" || { log "setup.py changed upstream; adapt the stubs patch"; exit 1; }

log "building OpenCV $version ($MODULES) - this takes several minutes"
start=$(date +%s)
# setup.py reads ENABLE_HEADLESS/ENABLE_CONTRIB and appends CMAKE_ARGS to its own cmake options.
python=$(uv run --no-sync python -c 'import sys; print(sys.executable)')
ENABLE_HEADLESS=1 ENABLE_CONTRIB=0 CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)} \
    CMAKE_ARGS="${OPTIONS[*]}" \
    uv build --wheel --python "$python" --out-dir "$staging" "$tree" >"$staging/build.log" 2>&1 || {
    tail -n 40 "$staging/build.log" >&2
    log "build failed; full log: $staging/build.log"
    exit 1
}
rm -rf "$tree" "$out"
mv "$staging" "$out"  # the wheel appears in $out only once it is complete
wheel=$(cached)
log "built in $(($(date +%s) - start)) s: $wheel ($(du -m "$wheel" | cut -f1) MB)"
echo "$wheel"
