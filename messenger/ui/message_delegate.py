"""Paints log entries as chat bubbles: own on the right, others on the left."""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import (
    QDateTime,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QAbstractScrollArea, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .avatar import avatar_colour, paint_avatar
from .log_entry import EntryStatus, LogEntry
from .message_log_model import MessageLogModel

_Index = QModelIndex | QPersistentModelIndex

OWN_BUBBLE = QColor("#1a73e8")
"""Own messages: an accent blue (white text on it has a contrast ratio of 4.5)."""
OWN_TEXT = QColor("#ffffff")
OTHER_BUBBLE = QColor("#e9ecef")
"""Everyone else's messages: a neutral grey."""
OTHER_TEXT = QColor("#1f2328")
HELD_BUBBLE = QColor("#fff4e5")
"""The user's messages held after a reset (not sent, waiting for a choice): amber."""
HELD_TEXT = QColor("#663c00")
KEPT_BUBBLE = QColor("#eceff2")
"""Messages kept from before a reset (the session no longer has them): faded."""
KEPT_TEXT = QColor("#57606a")
CACHE_LIMIT = 4_000
"""Most bubble layouts kept; the least recently used one goes first."""
HEIGHTS_LIMIT = 50_000
"""Most row heights kept per width and font (a few MB); then they are measured again."""


class HeaderFonts:
    """The fonts of a bubble's header, and their metrics, for one text font."""

    __slots__ = ("name", "name_metrics", "status", "status_metrics", "text", "text_metrics")

    def __init__(self, text: QFont) -> None:
        self.text = QFont(text)
        self.name = QFont(text)
        self.name.setBold(True)
        self.status = QFont(text)
        if text.pointSizeF() > 0:
            self.status.setPointSizeF(text.pointSizeF() * 0.85)
        else:
            self.status.setPixelSize(max(1, round(text.pixelSize() * 0.85)))
        self.text_metrics = QFontMetricsF(self.text)
        self.name_metrics = QFontMetricsF(self.name)
        self.status_metrics = QFontMetricsF(self.status)


@dataclass(slots=True)
class BubbleLayout:
    """One entry laid out for one view width. Sizes are in pixels; positions are
    relative to the bubble's top-left corner.

    Attributes:
        paragraphs: The message text, one QTextLayout per line break in it, each
            wrapped into lines and positioned below the previous one from y = 0.
        size: The bubble, padding included.
        fonts: The header's fonts.
        name: The sender (bold), elided to fit the bubble.
        time: " · HH:MM" (local time), after the name.
        status: " · sending…" (small) while the host has not got the message, else "".
        name_width: Advance of ``name``.
        time_width: Advance of ``time``.
        header_height: Height of the header line.
    """

    paragraphs: list[QTextLayout]
    size: QSize
    fonts: HeaderFonts
    name: str
    time: str
    status: str
    name_width: float
    time_width: float
    header_height: float

    @property
    def text(self) -> str:
        """The text as laid out: the message's, line breaks as newlines."""
        return "\n".join(paragraph.text() for paragraph in self.paragraphs)


_WRAP = QTextOption()
_WRAP.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)


def _lay_out_plain_text(
    text: str, font: QFont, max_width: int
) -> tuple[list[QTextLayout], float, float]:
    """Wraps ``text`` (plain: nothing in it is markup) at ``max_width``; returns the
    paragraphs and the (widest line, total height)."""
    paragraphs: list[QTextLayout] = []
    width = 0.0
    y = 0.0
    for line_text in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        paragraph = QTextLayout(line_text, font)
        paragraph.setTextOption(_WRAP)
        paragraph.setCacheEnabled(True)
        paragraph.beginLayout()
        while True:
            line = paragraph.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max_width)
            line.setPosition(QPointF(0, y))
            y += line.height()
            width = max(width, line.naturalTextWidth())
        paragraph.endLayout()
        paragraphs.append(paragraph)
    return paragraphs, width, y


class MessageDelegate(QStyledItemDelegate):
    """Draws each message as a bubble: a header "sender · HH:MM" (sender in bold;
    "sending…" in small type for a message the host has not stored yet) over the
    text. Own messages sit on the right in OWN_BUBBLE, others on the left in
    OTHER_BUBBLE, after their author's avatar (``avatar.py``: its colour follows the
    author's user id, and so does the colour of the name).

    The text is plain: it goes into QTextLayouts as it is (never through HTML), so
    markup in a message shows as typed. It wraps at MAX_FRACTION of the view's width
    (anywhere inside a word too long for a line). ``paint`` uses layouts cached per
    (key, text, width, font) in a bounded LRU dict of at most CACHE_LIMIT entries.
    A view asks the size of every row each time rows change, so heights are kept on
    their own (per width and font, by text: only the text decides the height) and a
    row that is measured but not painted costs no more than wrapping its text once.
    The delegate has no Python ``sizeHint``: Qt's own takes the size from the model
    (Qt.SizeHintRole), which MessageLogView fills through ``row_size``.

    The sizes depend on the view's width; the view must call ``clear_cache`` and
    relayout its items when its width changes (MessageLogView does).
    """

    PADDING = 8
    """Inside the bubble, around header and text."""
    MARGIN = 6
    """Between a bubble and the view's edge, and between two bubbles."""
    HEADER_GAP = 2
    MAX_FRACTION = 0.75
    RADIUS = 10
    AVATAR = 28
    """The avatar's diameter, left of others' bubbles."""
    AVATAR_GAP = 6

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache: OrderedDict[tuple[object, ...], BubbleLayout] = OrderedDict()
        self._font_cache: dict[str, HeaderFonts] = {}
        self._heights: dict[tuple[int, str], dict[str, int]] = {}
        self._last_font = QFont()
        self._last_font_key = self._last_font.key()

    def clear_cache(self) -> None:
        """Forgets every layout (after a resize or a font change)."""
        self._cache.clear()
        self._font_cache.clear()
        self._heights.clear()

    def cache_size(self) -> int:
        """How many layouts are cached."""
        return len(self._cache)

    # -- geometry --------------------------------------------------------------

    def _text_width(self, view_width: int) -> int:
        return max(40, int(view_width * self.MAX_FRACTION) - 2 * self.PADDING)

    @staticmethod
    def _view_width(option: QStyleOptionViewItem) -> int:
        """The width to lay out for: the item's, or the viewport's when a view asks
        for a size without giving one."""
        width = option.rect.width()
        if width <= 0 and isinstance(option.widget, QAbstractScrollArea):
            width = option.widget.viewport().width()
        return width

    def layout(self, entry: LogEntry, view_width: int, font: QFont) -> BubbleLayout:
        """The bubble of ``entry`` for a view ``view_width`` pixels wide (cached)."""
        key = (
            entry.key,
            entry.text,
            entry.sender,
            entry.ts,
            entry.status,
            view_width,
            self._font_key(font),
        )
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        result = self._make_layout(entry, view_width, font)
        self._cache[key] = result
        while len(self._cache) > CACHE_LIMIT:
            self._cache.popitem(last=False)
        return result

    def _font_key(self, font: QFont) -> str:
        """``font.key()``, remembered for the last font asked (views pass equal fonts)."""
        if font != self._last_font:
            self._last_font = QFont(font)
            self._last_font_key = font.key()
        return self._last_font_key

    def row_height(self, entry: LogEntry, view_width: int, font: QFont) -> int:
        """The height of ``entry``'s row (its bubble and the margin below it)."""
        heights = self._heights.get((view_width, self._font_key(font)))
        if heights is None or len(heights) >= HEIGHTS_LIMIT:
            heights = self._heights[(view_width, self._font_key(font))] = {}
        height = heights.get(entry.text)
        if height is None:
            fonts = self._fonts(font)
            _, _, text_height = _lay_out_plain_text(entry.text, font, self._text_width(view_width))
            height = self._bubble_height(fonts, text_height) + self.MARGIN
            heights[entry.text] = height
        return height

    def _bubble_height(self, fonts: HeaderFonts, text_height: float) -> int:
        header_height = max(fonts.name_metrics.height(), fonts.text_metrics.height())
        return math.ceil(header_height + self.HEADER_GAP + text_height) + 2 * self.PADDING

    def _fonts(self, font: QFont) -> HeaderFonts:
        key = self._font_key(font)
        fonts = self._font_cache.get(key)
        if fonts is None:
            fonts = self._font_cache[key] = HeaderFonts(font)
        return fonts

    def _make_layout(self, entry: LogEntry, view_width: int, font: QFont) -> BubbleLayout:
        max_width = self._text_width(view_width)
        paragraphs, text_width, text_height = _lay_out_plain_text(entry.text, font, max_width)
        fonts = self._fonts(font)
        time = " · " + QDateTime.fromMSecsSinceEpoch(entry.ts).toString("HH:mm")
        status = self._status_text(entry.status)
        time_width = fonts.text_metrics.horizontalAdvance(time)
        tail = time_width + (fonts.status_metrics.horizontalAdvance(status) if status else 0.0)
        name = fonts.name_metrics.elidedText(
            entry.sender, Qt.TextElideMode.ElideRight, max(max_width - tail, 20.0)
        )
        name_width = fonts.name_metrics.horizontalAdvance(name)
        header_height = max(fonts.name_metrics.height(), fonts.text_metrics.height())
        content_width = min(max(math.ceil(text_width), math.ceil(name_width + tail)), max_width)
        size = QSize(content_width + 2 * self.PADDING, self._bubble_height(fonts, text_height))
        return BubbleLayout(
            paragraphs, size, fonts, name, time, status, name_width, time_width, header_height
        )

    def _status_text(self, status: EntryStatus) -> str:
        """What the header says after the time: '' once the host has the message."""
        if status is EntryStatus.SENDING:
            return " · " + self.tr("sending…")
        if status is EntryStatus.HELD:
            return " · " + self.tr("not sent: waiting for your choice")
        if status is EntryStatus.KEPT:
            return " · " + self.tr("kept on this computer only")
        return ""

    def bubble_rect(self, entry: LogEntry, option: QStyleOptionViewItem) -> QRectF:
        """Where the bubble of ``entry`` goes inside ``option.rect``."""
        size = self.layout(entry, self._view_width(option), option.font).size
        return self._place(size, entry.own, option)

    def _place(self, size: QSize, own: bool, option: QStyleOptionViewItem) -> QRectF:
        rect = option.rect
        if own:
            left = rect.left() + rect.width() - self.MARGIN - size.width()
        else:
            left = rect.left() + self.MARGIN + self.AVATAR + self.AVATAR_GAP
        return QRectF(left, rect.top() + self.MARGIN / 2, size.width(), size.height())

    def avatar_rect(self, option: QStyleOptionViewItem) -> QRectF:
        """Where the author's avatar goes, for a message not the user's."""
        rect = option.rect
        return QRectF(
            rect.left() + self.MARGIN, rect.top() + self.MARGIN / 2, self.AVATAR, self.AVATAR
        )

    def size_for(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        """The size of ``index``'s row for ``option``'s width and font. (Views do not call
        this: Qt's own ``sizeHint`` takes the size from the model, Qt.SizeHintRole, which
        MessageLogView has measured by ``row_size``: no Python call per row and layout.)"""
        entry = index.data(MessageLogModel.Role.Entry)
        if not isinstance(entry, LogEntry):
            return super().sizeHint(option, index)
        width = self._view_width(option)
        return QSize(width, self.row_height(entry, width, option.font))

    def row_size(self, entry: LogEntry, view_width: int, font: QFont) -> QSize:
        """The size of ``entry``'s row in a view ``view_width`` pixels wide."""
        return QSize(view_width, self.row_height(entry, view_width, font))

    # -- painting --------------------------------------------------------------

    @staticmethod
    def colours(entry: LogEntry) -> tuple[QColor, QColor]:
        """(bubble, text) colours of ``entry``."""
        if entry.status is EntryStatus.HELD:
            return HELD_BUBBLE, HELD_TEXT
        if entry.status is EntryStatus.KEPT:
            return KEPT_BUBBLE, KEPT_TEXT
        return (OWN_BUBBLE, OWN_TEXT) if entry.own else (OTHER_BUBBLE, OTHER_TEXT)

    @staticmethod
    def _name_colour(entry: LogEntry, foreground: QColor) -> QColor:
        """The author's name: in their avatar's colour on others' plain bubbles."""
        if entry.own or entry.status is not EntryStatus.SENT or not entry.user:
            return foreground
        return avatar_colour(entry.user)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        entry = index.data(MessageLogModel.Role.Entry)
        if not isinstance(entry, LogEntry):
            super().paint(painter, option, index)
            return
        bubble = self.layout(entry, self._view_width(option), option.font)
        rect = self._place(bubble.size, entry.own, option)
        background, foreground = self.colours(entry)
        if not entry.own:
            paint_avatar(painter, self.avatar_rect(option), entry.sender, entry.user)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(rect, self.RADIUS, self.RADIUS)
        if option.state & QStyle.StateFlag.State_Selected:
            outline = (
                OWN_BUBBLE.darker(160)
                if entry.own
                else option.palette.color(QPalette.ColorRole.Highlight)
            )
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(outline)
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), self.RADIUS, self.RADIUS)

        fonts = bubble.fonts
        x = rect.left() + self.PADDING
        baseline = rect.top() + self.PADDING + fonts.name_metrics.ascent()
        painter.setPen(self._name_colour(entry, foreground))
        painter.setFont(fonts.name)
        painter.drawText(QPointF(x, baseline), bubble.name)
        x += bubble.name_width
        muted = QColor(foreground)
        muted.setAlphaF(0.75)
        painter.setPen(muted)
        painter.setFont(fonts.text)
        painter.drawText(QPointF(x, baseline), bubble.time)
        if bubble.status:
            painter.setFont(fonts.status)
            painter.drawText(QPointF(x + bubble.time_width, baseline), bubble.status)

        painter.setPen(foreground)
        text_top = rect.top() + self.PADDING + bubble.header_height + self.HEADER_GAP
        origin = QPointF(rect.left() + self.PADDING, text_top)
        for paragraph in bubble.paragraphs:
            paragraph.draw(painter, origin)
        painter.restore()
