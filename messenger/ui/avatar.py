"""A person's avatar: a disc in a colour drawn from their user id, with the initials of
their name, so that two people called "An" are told apart at a glance (the colour
follows the identity, not the name)."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

UNKNOWN_COLOUR = QColor("#8c959f")
"""The avatar of someone whose identity is not known (a message stored before hosts
knew identities)."""
_SATURATION = 0.55
_LIGHTNESS = 0.36
"""Dark enough for white initials on every hue (contrast ratio over 3:1, as for large
text)."""


def avatar_colour(user: str) -> QColor:
    """The colour of user id ``user`` (lowercase hex): a hue taken from its first 32
    bits, so the same identity has the same colour everywhere ('' or not hex: grey)."""
    try:
        value = int(user[:8], 16)
    except ValueError:
        return QColor(UNKNOWN_COLOUR)
    hue = QColor.fromHslF((value % 3600) / 3600, _SATURATION, _LIGHTNESS)
    return QColor.fromRgb(hue.rgb())  # (8 bits a channel, as it is painted)


def _first_letter(word: str) -> str:
    """The first character of ``word`` with the marks that go on it (NFC: "Đ", "Ư")."""
    letter = word[0]
    for char in word[1:]:
        if not unicodedata.combining(char):
            break
        letter += char
    return letter


def initials(name: str) -> str:
    """Up to two initials of ``name``: of its first and last words that begin with a
    letter or digit ("Nguyễn Văn An" → "NA", "Chi (2)" → "C"), upper case; "?" when
    it has none."""
    words = [w for w in unicodedata.normalize("NFC", name).split() if w[0].isalnum()]
    if not words:
        return "?"
    letters = _first_letter(words[0])
    if len(words) > 1:
        letters += _first_letter(words[-1])
    return letters.upper()


def paint_avatar(painter: QPainter, rect: QRectF, name: str, user: str) -> None:
    """Paints the avatar of ``name`` (identity ``user``) into ``rect`` (a square)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(avatar_colour(user))
    painter.drawEllipse(rect)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(max(1, round(rect.height() * 0.4)))
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.restore()


def avatar_icon(name: str, user: str, size: int, pixel_ratio: float = 1.0) -> QIcon:
    """The avatar as an icon ``size`` pixels square (for lists)."""
    pixmap = QPixmap(round(size * pixel_ratio), round(size * pixel_ratio))
    pixmap.setDevicePixelRatio(pixel_ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        paint_avatar(painter, QRectF(0, 0, size, size), name, user)
    finally:
        painter.end()
    return QIcon(pixmap)
