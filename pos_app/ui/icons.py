"""The shipped SVG icons (resources/icons): the app icon and the verdict icons.

SVGs are rendered with QSvgRenderer into pixmaps at the size asked for, so they stay sharp on any
screen and do not depend on Qt's image-format plugins being bundled.  A missing or broken file gives
an empty icon and one log line, never an exception.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from pos_app.models import Verdict
from pos_app.resources import resource_path

log = logging.getLogger("ui")


class IconName(StrEnum):
    APP = "app"
    OK = "ok"  # check mark
    STOP = "stop"  # cross
    WAIT = "wait"  # clock
    GIFT = "gift"
    WARN = "warn"  # exclamation in a triangle


VERDICT_ICONS = {
    Verdict.REDEEMABLE: IconName.OK,
    Verdict.ALREADY_REDEEMED: IconName.STOP,
    Verdict.EXPIRED: IconName.STOP,
    Verdict.NOT_YET_VALID: IconName.WAIT,
    Verdict.GIFTED: IconName.GIFT,
    Verdict.DELETED: IconName.STOP,
    Verdict.UNAVAILABLE: IconName.STOP,
    Verdict.INVALID_CODE: IconName.STOP,
    Verdict.MEMBER_CARD: IconName.OK,
    Verdict.UNKNOWN_CARD_TYPE: IconName.STOP,
    Verdict.STORE_NOT_ALLOWED: IconName.STOP,
    Verdict.ERROR: IconName.WARN,
}
SIZES = (16, 24, 32, 48, 64, 128, 256)


@cache
def _renderer(name: str) -> QSvgRenderer | None:
    path = resource_path("icons", f"{name}.svg")
    renderer = QSvgRenderer(str(path))
    if not renderer.isValid():
        log.warning("icon missing or unreadable: %s", path.name)
        return None
    return renderer


def pixmap(name: IconName | str, size: int = 64) -> QPixmap:
    """``name`` drawn at ``size`` x ``size`` px on a transparent background."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    renderer = _renderer(IconName(name).value)
    if renderer is not None:
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
    return pix


def icon(name: IconName | str) -> QIcon:
    """A QIcon with pixmaps at the usual sizes (window icon, buttons, list items)."""
    result = QIcon()
    if _renderer(IconName(name).value) is None:
        return result
    for size in SIZES:
        result.addPixmap(pixmap(name, size))
    return result


def verdict_pixmap(verdict: Verdict, size: int = 64) -> QPixmap:
    return pixmap(VERDICT_ICONS[verdict], size)


def app_icon() -> QIcon:
    return icon(IconName.APP)
