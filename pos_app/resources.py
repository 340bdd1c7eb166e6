"""Where the shipped resources (icons, sounds, translations, styles, self-test images) live.

Unfrozen they are the repository's ``resources/`` beside the ``pos_app`` package; in a PyInstaller
bundle ``build.spec`` copies them to ``<bundle>/resources`` and ``sys._MEIPASS`` is the bundle root (the
``_internal`` folder of a one-folder build, the unpack directory of a one-file build).
``POS_APP_RESOURCES`` overrides both, for tests and unusual installs.  Qt-free on purpose: the core and
the CLI use it too.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["is_frozen", "resource_path", "resources_root"]


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def resources_root() -> Path:
    override = os.environ.get("POS_APP_RESOURCES")
    if override:
        return Path(override)
    if is_frozen():
        return Path(sys._MEIPASS) / "resources"  # type: ignore[attr-defined]
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource, e.g. ``resource_path("translations", "pos_app_zh_CN.qm")``.

    The path is not checked for existence: callers decide whether a missing file is an error.
    """
    return resources_root().joinpath(*parts)
