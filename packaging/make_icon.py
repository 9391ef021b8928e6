"""Draws the application icon (resources/icons/messenger.png, and .ico where Qt can
write it). Run it again only to change the icon: python packaging/make_icon.py"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QImageWriter, QPainter, QPainterPath

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    unit = size / 256
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#1a73e8"))
    painter.drawRoundedRect(
        QRectF(8 * unit, 8 * unit, 240 * unit, 240 * unit), 56 * unit, 56 * unit
    )
    bubble = QPainterPath()
    bubble.addRoundedRect(
        QRectF(48 * unit, 60 * unit, 160 * unit, 110 * unit), 40 * unit, 40 * unit
    )
    tail = QPainterPath()
    tail.moveTo(QPointF(84 * unit, 150 * unit))
    tail.lineTo(QPointF(70 * unit, 200 * unit))
    tail.lineTo(QPointF(124 * unit, 162 * unit))
    tail.closeSubpath()
    painter.setBrush(QColor("#ffffff"))
    painter.drawPath(bubble.united(tail))
    painter.setBrush(QColor("#1a73e8"))
    for x in (92, 128, 164):
        painter.drawEllipse(QPointF(x * unit, 115 * unit), 12 * unit, 12 * unit)
    painter.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(ICONS / "messenger.png"))
    if b"ico" in [bytes(f) for f in QImageWriter.supportedImageFormats()]:
        draw(256).save(str(ICONS / "messenger.ico"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
