"""The sidebar's list of conversations: each title, bold while it has unread messages,
with a badge of their count (red when one mentions the user)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from .conversation_list_model import ConversationListModel

_Index = QModelIndex | QPersistentModelIndex
_BADGE_PADDING = 6
UNREAD_BADGE = QColor("#1a73e8")
MENTION_BADGE = QColor("#d93025")


class _BadgeDelegate(QStyledItemDelegate):
    """Paints a row as usual, then its unread badge at the right."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        unread = index.data(ConversationListModel.Role.Unread) or 0
        if not unread:
            super().paint(painter, option, index)
            return
        text = str(unread) if unread < 1000 else "999+"
        metrics = option.fontMetrics
        height = metrics.height() + 2
        width = max(height, metrics.horizontalAdvance(text) + 2 * _BADGE_PADDING)
        rect: QRect = option.rect
        badge = QRect(rect.right() - width - 4, rect.center().y() - height // 2, width, height)
        # (the row's own option narrowed for the title, then given back: a copy of
        # the option costs more than the rest of the row)
        option.rect = QRect(rect.left(), rect.top(), rect.width() - width - 8, rect.height())
        super().paint(painter, option, index)
        option.rect = rect
        mentioned = bool(index.data(ConversationListModel.Role.Mentioned))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(MENTION_BADGE if mentioned else UNREAD_BADGE)
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class ConversationListView(QListView):
    """The open conversations; choosing one shows it.

    Signals:
        chosen(str): the user chose this room's conversation.
    """

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationList")
        self.setItemDelegate(_BadgeDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)  # (every row is one line: none is measured)
        self.activated.connect(self._choose)
        self.clicked.connect(self._choose)

    def room_at(self, row: int) -> str | None:
        """The room listed at ``row`` (None: no such row)."""
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return None
        room = model.index(row, 0).data(ConversationListModel.Role.Room)
        return str(room) if room is not None else None

    def select_room(self, room: str) -> None:
        """Marks ``room`` as the one shown."""
        model = self.model()
        if not isinstance(model, ConversationListModel):
            return
        row = model.row_of(room)
        if row is not None:
            self.setCurrentIndex(model.index(row, 0))

    def _choose(self, index: QModelIndex) -> None:
        room = self.room_at(index.row())
        if room is not None:
            self.chosen.emit(room)
