"""PyInstaller runtime hook: make pyzbar load the libzbar copied into the bundle.

On Linux and macOS ``pyzbar.zbar_library.load()`` asks ``ctypes.util.find_library("zbar")``, which
searches only the system's library paths, so a frozen app on a counter PC without libzbar would have
no decoder although ``build.spec`` bundled one.  This hook wraps ``load()`` to try the bundled copy
first and fall back to pyzbar's own search (so a system zbar still works if the bundle lacks one).
Windows needs nothing: pyzbar already looks next to its own module, where the spec puts its DLLs.
Only pyzbar's tiny loader module is imported here; the decoder loads when first used, as before.
"""

import ctypes
import os
import sys
from pathlib import Path


def _bundled_zbar_candidates():
    root = Path(getattr(sys, "_MEIPASS", ""))
    if not root.is_dir():
        return []
    # libzbar.so.0 (Linux), libzbar.0.dylib / libzbar.dylib (macOS); the spec copies it to the root.
    return sorted(root.glob("libzbar.so*")) + sorted(root.glob("libzbar*.dylib"))


def _install():
    if sys.platform == "win32":
        return
    try:
        import pyzbar.zbar_library as zbar_library
    except ImportError:  # pyzbar not in this bundle: nothing to patch
        return

    system_load = zbar_library.load

    def load():
        for candidate in _bundled_zbar_candidates():
            try:
                return ctypes.CDLL(os.fspath(candidate)), []
            except OSError:
                continue  # e.g. wrong architecture; try the next one, then the system's
        return system_load()

    load.__doc__ = system_load.__doc__
    zbar_library.load = load


_install()
