"""Paints log entries as chat bubbles: own on the right, others on the left; a day
line above each day's first message, a "New messages" line above the first unread,
a compact bubble for a message that follows one of its author's, links, mentions."""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QLocale,
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
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import QAbstractScrollArea, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from . import announcement_banner as banner
from .avatar import avatar_colour, paint_avatar
from .bubble_layout import BubbleLayout, HeaderFonts, lay_out_plain_text
from .log_colours import (
    DAY_LINE_RULE,
    DAY_LINE_TEXT,
    HELD_BUBBLE,
    HELD_TEXT,
    KEPT_BUBBLE,
    KEPT_TEXT,
    LINK_TEXT,
    MENTION_BACKGROUND,
    MENTION_MARK,
    NEW_LINE_COLOUR,
    OTHER_BUBBLE,
    OTHER_TEXT,
    OWN_BUBBLE,
    OWN_TEXT,
)
from .log_entry import EntryStatus, LogEntry
from .log_layout import ANNOUNCED, DAY_LINE, NEW_LINE, PLAIN, RowLook
from .message_log_model import MessageLogModel

_Index = QModelIndex | QPersistentModelIndex

ANNOUNCED_LOOK = RowLook(ANNOUNCED)
"""A banner's look, for where its text goes (no line above it counts there)."""
CACHE_LIMIT = 4_000
"""Most bubble layouts kept; the least recently used one goes first."""
HEIGHTS_LIMIT = 50_000
"""Most row heights kept per width and font (a few MB); then they are measured again."""


class MessageDelegate(QStyledItemDelegate):
    """Draws each message as a bubble: a header "sender · HH:MM" (sender in bold;
    "sending…" in small type for a message the host has not stored yet) over the
    text. Own messages sit on the right in OWN_BUBBLE, others on the left in
    OTHER_BUBBLE, after their author's avatar (``avatar.py``: its colour follows the
    author's user id, and so does the colour of the name).

    What the row looks like beside the row above comes from the model
    (``MessageLogModel.Role.Look``, a ``log_layout.RowLook``): a day line ("Today",
    "Yesterday" or the date in the locale's long format; worked out when painted, so
    it is right after midnight) above the first message of a day, a "New messages"
    line above the first unread one, and a compact bubble (no header nor avatar) for
    a message that follows its author's within a few minutes. A message of someone
    else's that mentions the user is drawn on MENTION_BACKGROUND. An announcement is
    a banner across the row (``announcement_banner``): a label line ("Announcement")
    above its header, never compact.

    The text is plain: it goes into QTextLayouts as it is (never through HTML), so
    markup in a message shows as typed; only http, https and mailto links
    (``core.links``) are drawn as links (underlined, ``link_at`` finds them). It
    wraps at MAX_FRACTION of the view's width (anywhere inside a word too long for a
    line). ``paint`` uses layouts cached per (key, text, width, font) in a bounded
    LRU dict of at most CACHE_LIMIT entries. A view asks the size of every row each
    time rows change, so heights are kept on their own (per width and font, by
    text: only the text decides the height of a plain row, and ``reshape`` gives
    that of any other look by arithmetic) and a row that is measured but not painted
    costs no more than wrapping its text once. The delegate has no Python
    ``sizeHint``: Qt's own takes the size from the model (Qt.SizeHintRole), which
    MessageLogView fills through ``row_size`` and ``reshape``.

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
    LINE_PADDING = 6
    """Above and below the label of a day line or a "New messages" line."""
    MENTION_MARK_WIDTH = 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache: OrderedDict[tuple[object, ...], BubbleLayout] = OrderedDict()
        self._font_cache: dict[str, HeaderFonts] = {}
        self._heights: dict[tuple[int, str], dict[str, int]] = {}
        self._day_labels: dict[tuple[int, int], str] = {}
        self.today: Callable[[], int] = _today
        """Today's local date as a Julian day number (asked at each day line painted)."""
        self._last_font = QFont()
        self._last_font_key = self._last_font.key()

    def clear_cache(self) -> None:
        """Forgets every layout (after a resize, a font or a language change)."""
        self._cache.clear()
        self._font_cache.clear()
        self._heights.clear()
        self._day_labels.clear()

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
            entry.own,
            entry.announcement,
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
        """The height of ``entry``'s row with the PLAIN look (its header, no line above
        it): its bubble and the margin below it."""
        heights = self._heights.get((view_width, self._font_key(font)))
        if heights is None or len(heights) >= HEIGHTS_LIMIT:
            heights = self._heights[(view_width, self._font_key(font))] = {}
        height = heights.get(entry.text)
        if height is None:
            fonts = self._fonts(font)
            _, _, text_height = lay_out_plain_text(entry.text, font, self._text_width(view_width))
            height = self._bubble_height(fonts, text_height) + self.MARGIN
            heights[entry.text] = height
        return height

    def _bubble_height(self, fonts: HeaderFonts, text_height: float) -> int:
        return fonts.header_block + math.ceil(text_height) + 2 * self.PADDING

    def line_height(self, font: QFont) -> int:
        """The height of a day line or a "New messages" line."""
        return self._fonts(font).line_height

    @staticmethod
    def _lines_height(look: RowLook, fonts: HeaderFonts) -> int:
        """The height of the lines above a row of ``look``."""
        if not look.kind & (DAY_LINE | NEW_LINE):
            return 0
        return fonts.line_height * (int(look.day_line) + int(look.new_line))

    def reshape(self, size: QSize, look: RowLook, font: QFont) -> QSize:
        """The size of a row of ``look`` whose PLAIN size is ``size`` (``row_size``):
        the lines above it added, the header taken off when it is grouped."""
        fonts = self._fonts(font)
        height = size.height() + self._lines_height(look, fonts)
        if look.grouped:
            height -= fonts.header_block
        if look.announced:
            height += fonts.header_block  # (the banner's label line)
        return QSize(size.width(), height)

    def _fonts(self, font: QFont) -> HeaderFonts:
        key = self._font_key(font)
        fonts = self._font_cache.get(key)
        if fonts is None:
            fonts = HeaderFonts(font, self.HEADER_GAP, self.LINE_PADDING)
            self._font_cache[key] = fonts
        return fonts

    def _make_layout(self, entry: LogEntry, view_width: int, font: QFont) -> BubbleLayout:
        max_width = self._text_width(view_width)
        links: list[tuple[QRectF, str]] = []
        link_colour = self.colours(entry)[1] if entry.own and not entry.announcement else LINK_TEXT
        paragraphs, text_width, text_height = lay_out_plain_text(
            entry.text, font, max_width, links, link_colour
        )
        fonts = self._fonts(font)
        time = " · " + QDateTime.fromMSecsSinceEpoch(entry.ts).toString("HH:mm")
        status = self._status_text(entry.status)
        time_width = fonts.text_metrics.horizontalAdvance(time)
        tail = time_width + (fonts.status_metrics.horizontalAdvance(status) if status else 0.0)
        name = fonts.name_metrics.elidedText(
            entry.sender, Qt.TextElideMode.ElideRight, max(max_width - tail, 20.0)
        )
        name_width = fonts.name_metrics.horizontalAdvance(name)
        content_width = min(max(math.ceil(text_width), math.ceil(name_width + tail)), max_width)
        size = QSize(content_width + 2 * self.PADDING, self._bubble_height(fonts, text_height))
        compact_width = min(max(math.ceil(text_width), 1), max_width) + 2 * self.PADDING
        compact = QSize(compact_width, math.ceil(text_height) + 2 * self.PADDING)
        return BubbleLayout(
            paragraphs,
            size,
            compact,
            fonts,
            name,
            time,
            status,
            name_width,
            time_width,
            fonts.header_height,
            links,
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

    def bubble_rect(
        self, entry: LogEntry, option: QStyleOptionViewItem, look: RowLook = PLAIN
    ) -> QRectF:
        """Where the bubble of ``entry`` goes inside ``option.rect`` (for ``look``)."""
        bubble = self.layout(entry, self._view_width(option), option.font)
        return self._bubble_rect(bubble, entry, look, option)

    def _bubble_rect(
        self, bubble: BubbleLayout, entry: LogEntry, look: RowLook, option: QStyleOptionViewItem
    ) -> QRectF:
        below = self._lines_height(look, bubble.fonts)
        if look.announced:  # a banner across the row, its label line above the header
            rect = option.rect
            height = bubble.size.height() + bubble.fonts.header_block
            top = rect.top() + below + self.MARGIN / 2
            return QRectF(rect.left() + self.MARGIN, top, rect.width() - 2 * self.MARGIN, height)
        size = bubble.compact_size if look.grouped else bubble.size
        return self._place(size, entry.own, option, below)

    def _place(
        self, size: QSize, own: bool, option: QStyleOptionViewItem, below: float = 0.0
    ) -> QRectF:
        rect = option.rect
        if own:
            left = rect.left() + rect.width() - self.MARGIN - size.width()
        else:
            left = rect.left() + self.MARGIN + self.AVATAR + self.AVATAR_GAP
        return QRectF(left, rect.top() + below + self.MARGIN / 2, size.width(), size.height())

    def avatar_rect(self, option: QStyleOptionViewItem, below: float = 0.0) -> QRectF:
        """Where the author's avatar goes, for a message not the user's (``below`` the
        lines above the row)."""
        rect = option.rect
        return QRectF(
            rect.left() + self.MARGIN,
            rect.top() + below + self.MARGIN / 2,
            self.AVATAR,
            self.AVATAR,
        )

    def _text_origin(self, bubble: BubbleLayout, look: RowLook, rect: QRectF) -> QPointF:
        """The top-left corner of the text in the bubble at ``rect``."""
        if look.announced:
            top = rect.top() + self.PADDING + 2 * bubble.fonts.header_block
            return QPointF(rect.left() + banner.ACCENT_WIDTH + self.PADDING, top)
        header = 0 if look.grouped else bubble.fonts.header_block
        return QPointF(rect.left() + self.PADDING, rect.top() + self.PADDING + header)

    def size_for(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        """The size of ``index``'s row for ``option``'s width and font. (Views do not call
        this: Qt's own ``sizeHint`` takes the size from the model, Qt.SizeHintRole, which
        MessageLogView has measured by ``row_size`` and ``reshape``: no Python call per
        row and layout.)"""
        entry = index.data(MessageLogModel.Role.Entry)
        if not isinstance(entry, LogEntry):
            return super().sizeHint(option, index)
        width = self._view_width(option)
        plain = QSize(width, self.row_height(entry, width, option.font))
        return self.reshape(plain, _look_of(index), option.font)

    def row_size(self, entry: LogEntry, view_width: int, font: QFont) -> QSize:
        """The size of ``entry``'s row with the PLAIN look in a view ``view_width``
        pixels wide (``reshape`` gives it for another look)."""
        return QSize(view_width, self.row_height(entry, view_width, font))

    # -- links -----------------------------------------------------------------

    def link_rects(self, option: QStyleOptionViewItem, index: _Index) -> list[tuple[QRectF, str]]:
        """Where the links of ``index``'s row are, in the coordinates of ``option.rect``
        (the row's rectangle in the view), and their URLs."""
        entry = index.data(MessageLogModel.Role.Entry)
        if not isinstance(entry, LogEntry):
            return []
        bubble = self.layout(entry, self._view_width(option), option.font)
        if not bubble.links:
            return []
        look = _look_of(index)
        origin = self._text_origin(bubble, look, self._bubble_rect(bubble, entry, look, option))
        return [(rect.translated(origin), url) for rect, url in bubble.links]

    def link_at(self, option: QStyleOptionViewItem, index: _Index, point: QPointF) -> str | None:
        """The URL of the link at ``point`` (view coordinates) in ``index``'s row."""
        for rect, url in self.link_rects(option, index):
            if rect.contains(point):
                return url
        return None

    # -- painting --------------------------------------------------------------

    @staticmethod
    def colours(entry: LogEntry) -> tuple[QColor, QColor]:
        """(bubble, text) colours of ``entry``."""
        if entry.status is EntryStatus.HELD:
            return HELD_BUBBLE, HELD_TEXT
        if entry.status is EntryStatus.KEPT:
            return KEPT_BUBBLE, KEPT_TEXT
        if entry.announcement:
            return banner.BANNER_BACKGROUND, banner.BANNER_TEXT
        return (OWN_BUBBLE, OWN_TEXT) if entry.own else (OTHER_BUBBLE, OTHER_TEXT)

    @staticmethod
    def _name_colour(entry: LogEntry, foreground: QColor) -> QColor:
        """The author's name: in their avatar's colour on others' plain bubbles."""
        if entry.own or entry.status is not EntryStatus.SENT or not entry.user:
            return foreground
        return avatar_colour(entry.user)

    def day_label(self, day: int) -> str:
        """What the day line of ``day`` (a Julian day number) says today: "Today",
        "Yesterday", or the date in the locale's long format."""
        today = self.today()
        label = self._day_labels.get((day, today))
        if label is None:
            if day == today:
                label = self.tr("Today")
            elif day == today - 1:
                label = self.tr("Yesterday")
            else:
                date = QDate.fromJulianDay(day)
                label = QLocale().toString(date, QLocale.FormatType.LongFormat)
            if len(self._day_labels) >= CACHE_LIMIT:
                self._day_labels.clear()
            self._day_labels[(day, today)] = label
        return label

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        entry = index.data(MessageLogModel.Role.Entry)
        if not isinstance(entry, LogEntry):
            super().paint(painter, option, index)
            return
        look = _look_of(index)
        bubble = self.layout(entry, self._view_width(option), option.font)
        below = self._paint_lines(painter, option, look, bubble.fonts)
        if look.mentioned:
            self._paint_mention(painter, option, below)
        rect = self._bubble_rect(bubble, entry, look, option)
        if look.announced:
            self._paint_announcement(painter, option, entry, bubble, rect)
            return
        background, foreground = self.colours(entry)
        if not entry.own and not look.grouped:
            paint_avatar(painter, self.avatar_rect(option, below), entry.sender, entry.user)
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
        if not look.grouped:
            self._paint_header(painter, entry, bubble, rect, foreground)
        painter.setPen(foreground)
        origin = self._text_origin(bubble, look, rect)
        for paragraph in bubble.paragraphs:
            paragraph.draw(painter, origin)
        painter.restore()

    def _paint_announcement(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        entry: LogEntry,
        bubble: BubbleLayout,
        rect: QRectF,
    ) -> None:
        """An announcement's banner at ``rect``: its label line, header and text."""
        fonts = bubble.fonts
        selected = option.state & QStyle.StateFlag.State_Selected
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outline = option.palette.color(QPalette.ColorRole.Highlight) if selected else None
        banner.paint_banner(painter, rect, self.RADIUS, outline)
        inner = rect.adjusted(banner.ACCENT_WIDTH, 0, 0, 0)
        label_origin = QPointF(inner.left() + self.PADDING, inner.top() + self.PADDING)
        ascent = fonts.name_metrics.ascent()
        label = self.tr("Announcement")
        banner.paint_label(painter, label_origin, fonts.header_height, fonts.name, ascent, label)
        header = inner.translated(0, fonts.header_block)
        self._paint_header(painter, entry, bubble, header, banner.BANNER_TEXT)
        painter.setPen(banner.BANNER_TEXT)
        origin = self._text_origin(bubble, ANNOUNCED_LOOK, rect)
        for paragraph in bubble.paragraphs:
            paragraph.draw(painter, origin)
        painter.restore()

    def _paint_header(
        self,
        painter: QPainter,
        entry: LogEntry,
        bubble: BubbleLayout,
        rect: QRectF,
        foreground: QColor,
    ) -> None:
        """ "sender · HH:MM" (and the status) at the top of the bubble at ``rect``."""
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

    def _paint_lines(
        self, painter: QPainter, option: QStyleOptionViewItem, look: RowLook, fonts: HeaderFonts
    ) -> int:
        """Paints the day line and the "New messages" line of ``look`` at the top of
        the row; returns their height."""
        if not look.kind & (DAY_LINE | NEW_LINE):
            return 0
        height = fonts.line_height
        below = 0
        if look.day_line:
            label = self.day_label(look.day)
            self._paint_line(painter, option, below, label, DAY_LINE_TEXT, DAY_LINE_RULE, fonts)
            below += height
        if look.new_line:
            label = self.tr("New messages")
            self._paint_line(painter, option, below, label, NEW_LINE_COLOUR, NEW_LINE_COLOUR, fonts)
            below += height
        return below

    def _paint_line(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        below: int,
        label: str,
        text: QColor,
        rule: QColor,
        fonts: HeaderFonts,
    ) -> None:
        """A rule across the row with ``label`` in its middle, ``below`` pixels down."""
        rect = option.rect
        label_width = fonts.status_metrics.horizontalAdvance(label)
        left = rect.left() + (rect.width() - label_width) / 2
        top = rect.top() + below
        middle = top + fonts.line_height / 2
        gap = 8
        painter.save()
        painter.setPen(rule)
        painter.drawLine(QPointF(rect.left() + self.MARGIN, middle), QPointF(left - gap, middle))
        end = rect.left() + rect.width() - self.MARGIN
        painter.drawLine(QPointF(left + label_width + gap, middle), QPointF(end, middle))
        painter.setPen(text)
        painter.setFont(fonts.status)
        baseline = top + self.LINE_PADDING + fonts.status_metrics.ascent()
        painter.drawText(QPointF(left, baseline), label)
        painter.restore()

    def _paint_mention(self, painter: QPainter, option: QStyleOptionViewItem, below: int) -> None:
        """The highlight of a row that mentions the user, below its lines."""
        rect = option.rect
        area = QRectF(rect.left(), rect.top() + below, rect.width(), rect.height() - below)
        painter.fillRect(area, MENTION_BACKGROUND)
        mark = QRectF(area.left(), area.top(), self.MENTION_MARK_WIDTH, area.height())
        painter.fillRect(mark, MENTION_MARK)


def _today() -> int:
    return QDate.currentDate().toJulianDay()


def _look_of(index: _Index) -> RowLook:
    """The look the model gives ``index``'s row (PLAIN from a model without looks)."""
    look = index.data(MessageLogModel.Role.Look)
    return look if isinstance(look, RowLook) else PLAIN
