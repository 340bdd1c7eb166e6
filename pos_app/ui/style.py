"""Colours, font sizes and the painted state icons of the counter window, in one place.

Every verdict has a colour, a distinct icon *shape* and a word, so nothing depends on colour alone
(red/green colour blindness is common).  Icons are painted rather than loaded so they render the same
offscreen, under Xvfb and in a frozen build.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QListView

# Point sizes: the verdict and the value must be readable from a metre away (issue: >= 28 pt).
VERDICT_PT = 40
VALUE_PT = 28
BAND_PT = 32
DETAIL_PT = 16
SCAN_PT = 22
BUTTON_PT = 15
# The top row (cashier, history, close shift, settings) is secondary: smaller, so the window fits a
# 1024x768 screen at 125% scaling (819 logical pixels wide) in English and Chinese.
TOP_BUTTON_QSS = "font-size: 13pt; padding: 4px 8px;"
SMALL_PT = 12
# Touch-sized: at least ~ 9 mm high on a typical counter screen.
BUTTON_MIN_HEIGHT = 56

GREEN = "#1b7f3b"
RED = "#b3261e"
AMBER = "#b86e00"
BLUE = "#1f5fa8"
GREY = "#55595f"
LIGHT_BG = "#f6f7f9"
TRAINING_BG = "#fff4d6"
TRAINING_INK = "#8a5a00"
OFFLINE_BG = "#7a1f1f"


class Icon(Enum):
    OK = "ok"  # check mark in a circle
    STOP = "stop"  # cross in a circle
    WARN = "warn"  # exclamation mark in a triangle
    WAIT = "wait"  # clock face
    INFO = "info"  # "i" in a circle
    READY = "ready"  # an empty ring: waiting for a scan


@dataclass(frozen=True)
class Look:
    colour: str
    icon: Icon


def font(point_size: int, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSize(point_size)
    f.setBold(bold)
    return f


def paint_icon(icon: Icon, colour: str, size: int = 64) -> QPixmap:
    """A white-on-colour state icon, drawn at ``size`` px (device pixel ratio 1)."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    c = QColor(colour)
    s = float(size)
    pen = QPen(QColor("white"), s * 0.11, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if icon is Icon.WARN:
        tri = QPainterPath()
        tri.moveTo(s * 0.5, s * 0.04)
        tri.lineTo(s * 0.97, s * 0.92)
        tri.lineTo(s * 0.03, s * 0.92)
        tri.closeSubpath()
        p.fillPath(tri, c)
        p.setPen(pen)
        p.drawLine(QPointF(s * 0.5, s * 0.34), QPointF(s * 0.5, s * 0.6))
        p.drawPoint(QPointF(s * 0.5, s * 0.77))
        p.end()
        return pix
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(c)
    p.drawEllipse(QRectF(s * 0.03, s * 0.03, s * 0.94, s * 0.94))
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    if icon is Icon.OK:
        path = QPainterPath()
        path.moveTo(s * 0.27, s * 0.52)
        path.lineTo(s * 0.44, s * 0.69)
        path.lineTo(s * 0.74, s * 0.34)
        p.drawPath(path)
    elif icon is Icon.STOP:
        p.drawLine(QPointF(s * 0.32, s * 0.32), QPointF(s * 0.68, s * 0.68))
        p.drawLine(QPointF(s * 0.68, s * 0.32), QPointF(s * 0.32, s * 0.68))
    elif icon is Icon.WAIT:
        p.drawLine(QPointF(s * 0.5, s * 0.5), QPointF(s * 0.5, s * 0.25))
        p.drawLine(QPointF(s * 0.5, s * 0.5), QPointF(s * 0.68, s * 0.6))
    elif icon is Icon.INFO:
        p.drawPoint(QPointF(s * 0.5, s * 0.28))
        p.drawLine(QPointF(s * 0.5, s * 0.45), QPointF(s * 0.5, s * 0.72))
    elif icon is Icon.READY:
        p.setPen(QPen(QColor("white"), s * 0.07))
        p.drawEllipse(QRectF(s * 0.3, s * 0.3, s * 0.4, s * 0.4))
    p.end()
    return pix


def wrap_list(view: QListView) -> None:
    """Side lists wrap long lines instead of scrolling sideways (narrow column at 1024x768)."""
    view.setWordWrap(True)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setUniformItemSizes(False)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)


def money(fen: int) -> str:
    """¥ with two decimals, from integer fen (never through float)."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}¥{fen // 100}.{fen % 100:02d}"


APP_QSS = f"""
QPushButton {{ min-height: {BUTTON_MIN_HEIGHT}px; font-size: {BUTTON_PT}pt; padding: 4px 14px; }}
QLineEdit {{ min-height: 44px; }}
QCheckBox {{ min-height: 44px; }}
QCheckBox::indicator {{ width: 28px; height: 28px; }}
QListWidget {{ font-size: {SMALL_PT}pt; }}
"""
