"""The PySide6 counter window: the only package that imports Qt (see the import-linter contract).

Widgets stay thin: every network or disk call goes through ``pos_app.ui.worker.SerialWorker`` to the
Qt-free core (``pos_app.workflow``), and results come back by signal on the GUI thread.

Importing this package first protects the interpreter from a PySide6 6.12.0 reference-count bug (below).
"""

from __future__ import annotations

import ctypes
import sys

# PySide6 6.12.0 returns None from every void method (setText, setEnabled, processEvents ...) and
# True/False from SignalInstance.emit without taking a reference.  On Python 3.12+ these objects are
# immortal and nothing happens; on 3.11 each call steals one reference and, after some tens of
# thousands of calls - well within a shift - the interpreter aborts ("none_dealloc: deallocating
# None").  Measured at import, not assumed; the cure is to give the three singletons so many
# references that no session can use them up, which is what 3.12 does for every process.
_SINGLETON_RESERVE = 1 << 40


def _void_call_steals_none() -> bool:
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.setObjectName("probe")
    return sys.getrefcount(None) <= before - 64


def _reserve_singleton_references() -> bool:
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):  # immortal, or a debug build
        return False
    if not _void_call_steals_none():
        return False
    for obj in (None, True, False):
        # ob_refcnt is the first field of every object; written under the GIL.
        ctypes.c_ssize_t.from_address(id(obj)).value += _SINGLETON_RESERVE
    return True


SINGLETONS_RESERVED = _reserve_singleton_references()
