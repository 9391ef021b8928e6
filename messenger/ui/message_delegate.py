"""Paints log entries as chat bubbles: own on the right, others on the left."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QDateTime, QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .log_entry import EntryStatus, LogEntry
from .message_log_model import MessageLogModel

_Index = QModelIndex | QPersistentModelIndex

OWN_BUBBLE = QColor("#1a73e8")
OWN_TEXT = QColor("#ffffff")
OTHER_BUBBLE = QColor("#e9ecef")
OTHER_TEXT = QColor("#1f2328")
_CACHE_LIMIT = 4_000


class MessageDelegate(QStyledItemDelegate):
    """Lays out each message's plain text in a QTextDocument (``setPlainText``: markup
    is never interpreted) wrapped to at most 75 % of the view's width, and caches the
    layout per (key, text, width)."""

    PADDING = 8
    MARGIN = 6
    MAX_FRACTION = 0.75

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache: OrderedDict[tuple[str, str, int, str], tuple[QTextDocument, float]] = (
            OrderedDict()
        )

    def clear_cache(self) -> None:
        """Forgets every layout (after a resize or a font change)."""
        self._cache.clear()

    # -- geometry --------------------------------------------------------------

    def _text_width(self, view_width: int) -> int:
        return max(40, int(view_width * self.MAX_FRACTION) - 2 * self.PADDING)

    def document(self, entry: LogEntry, view_width: int, font: QFont) -> QTextDocument:
        """The laid-out text of ``entry`` for a view ``view_width`` pixels wide."""
        return self._layout(entry, view_width, font)[0]

    def _layout(self, entry: LogEntry, view_width: int, font: QFont) -> tuple[QTextDocument, float]:
        key = (entry.key, entry.text, view_width, font.key())
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        document = QTextDocument()
        document.setDefaultFont(font)
        document.setDocumentMargin(0)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(option)
        document.setPlainText(entry.text)
        document.setTextWidth(self._text_width(view_width))
        ideal = min(document.idealWidth(), float(self._text_width(view_width)))
        document.setTextWidth(ideal + 1)
        result = (document, ideal + 1)
        self._cache[key] = result
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.popitem(last=False)
        return result

    def _header(self, entry: LogEntry) -> tuple[str, str]:
        moment = QDateTime.fromMSecsSinceEpoch(entry.ts).toString("HH:mm")
        suffix = f" · {moment}"
        if entry.status is EntryStatus.SENDING:
            suffix += " · " + self.tr("sending…")
        return entry.sender, suffix

    def _bubble(
        self, entry: LogEntry, option: QStyleOptionViewItem
    ) -> tuple[QRectF, QTextDocument, QFont]:
        view_width = option.rect.width()
        document, text_width = self._layout(entry, view_width, option.font)
        bold = QFont(option.font)
        bold.setBold(True)
        name, suffix = self._header(entry)
        header_width = QFontMetrics(bold).horizontalAdvance(name) + QFontMetrics(
            option.font
        ).horizontalAdvance(suffix)
        content_width = min(max(text_width, header_width), self._text_width(view_width))
        header_height = QFontMetrics(bold).height()
        width = content_width + 2 * self.PADDING
        height = header_height + 2 + document.size().height() + 2 * self.PADDING
        if entry.own:
            left = option.rect.right() - self.MARGIN - width
        else:
            left = option.rect.left() + self.MARGIN
        return QRectF(left, option.rect.top() + self.MARGIN / 2, width, height), document, bold

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        entry = index.data(MessageLogModel.Role.Entry)
        if not isinstance(entry, LogEntry):
            return super().sizeHint(option, index)
        rect, _document, _bold = self._bubble(entry, option)
        return QSize(option.rect.width(), int(rect.height() + self.MARGIN + 0.999))

    # -- painting --------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        entry = index.data(MessageLogModel.Role.Entry)
        if not isinstance(entry, LogEntry):
            super().paint(painter, option, index)
            return
        rect, document, bold = self._bubble(entry, option)
        background, foreground = (OWN_BUBBLE, OWN_TEXT) if entry.own else (OTHER_BUBBLE, OTHER_TEXT)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(rect, 10, 10)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(option.palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(rect, 10, 10)
        name, suffix = self._header(entry)
        x = rect.left() + self.PADDING
        baseline = rect.top() + self.PADDING + QFontMetrics(bold).ascent()
        painter.setPen(foreground)
        painter.setFont(bold)
        painter.drawText(int(x), int(baseline), name)
        painter.setFont(option.font)
        muted = QColor(foreground)
        muted.setAlphaF(0.7)
        painter.setPen(muted)
        painter.drawText(int(x + QFontMetrics(bold).horizontalAdvance(name)), int(baseline), suffix)
        painter.translate(x, rect.top() + self.PADDING + QFontMetrics(bold).height() + 2)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, foreground)
        document.documentLayout().draw(painter, context)
        painter.restore()
