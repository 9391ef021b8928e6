"""How an announcement is drawn in the log: a banner across the row (a tinted
background, an accent bar at its left edge), a label line with a megaphone and
"Announcement" above the usual header and text."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPolygonF

BANNER_BACKGROUND = QColor("#f3e8ff")
"""Behind an announcement: a light violet no other row uses."""
BANNER_TEXT = QColor("#1f2328")
BANNER_ACCENT = QColor("#8250df")
"""The bar at its left edge, the megaphone and the label (5.9:1 on the background)."""
ACCENT_WIDTH = 4
ICON_GAP = 4


def megaphone(square: QRectF) -> QPainterPath:
    """A megaphone pointing right, inside ``square``: a handle and a widening horn."""
    x, y, side = square.left(), square.top(), square.height()
    path = QPainterPath()
    path.addRect(QRectF(x, y + side * 0.35, side * 0.25, side * 0.3))
    path.addPolygon(
        QPolygonF(
            [
                QPointF(x + side * 0.25, y + side * 0.35),
                QPointF(x + side * 0.9, y + side * 0.05),
                QPointF(x + side * 0.9, y + side * 0.95),
                QPointF(x + side * 0.25, y + side * 0.65),
            ]
        )
    )
    return path


def paint_banner(
    painter: QPainter, rect: QRectF, radius: float, selected: QColor | None = None
) -> None:
    """The banner's background at ``rect``, its accent bar, and an outline in
    ``selected`` when the row is selected."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BANNER_BACKGROUND)
    painter.drawRoundedRect(rect, radius, radius)
    painter.setBrush(BANNER_ACCENT)
    bar = QRectF(rect.left(), rect.top(), ACCENT_WIDTH, rect.height())
    clip = QPainterPath()
    clip.addRoundedRect(rect, radius, radius)
    painter.save()
    painter.setClipPath(clip)
    painter.drawRect(bar)
    painter.restore()
    if selected is not None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(selected)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)


def paint_label(
    painter: QPainter, origin: QPointF, height: float, font: QFont, ascent: float, label: str
) -> None:
    """The megaphone and ``label`` (bold, in the accent colour) on the line of
    ``height`` pixels whose top-left corner is ``origin``."""
    side = max(8.0, height * 0.8)
    square = QRectF(origin.x(), origin.y() + (height - side) / 2, side, side)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BANNER_ACCENT)
    painter.drawPath(megaphone(square))
    painter.setPen(BANNER_ACCENT)
    painter.setFont(font)
    painter.drawText(QPointF(square.right() + ICON_GAP, origin.y() + ascent), label)
