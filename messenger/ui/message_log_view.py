"""The list view of the chat log."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from .message_delegate import MessageDelegate

_Index = QModelIndex | QPersistentModelIndex
_BOTTOM_SLACK = 24


class MessageLogView(QListView):
    """Shows a MessageLogModel through a MessageDelegate.

    Follows new messages while the user is at the bottom; stays put while the user
    reads older ones. Re-measures rows when its width changes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageLog")
        self.delegate = MessageDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(self.horizontalScrollBarPolicy().ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self._follow = True
        self.verticalScrollBar().valueChanged.connect(self._remember_position)

    def at_bottom(self) -> bool:
        """True when the last message is in view."""
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - _BOTTOM_SLACK

    def _remember_position(self, _value: int) -> None:
        self._follow = self.at_bottom()

    def rowsInserted(self, parent: _Index, start: int, end: int) -> None:
        follow = self._follow
        super().rowsInserted(parent, start, end)
        if follow:
            QTimer.singleShot(0, self.scrollToBottom)

    def resizeEvent(self, event: QResizeEvent) -> None:
        if event.size().width() != event.oldSize().width():
            self.delegate.clear_cache()
            self.scheduleDelayedItemsLayout()
        super().resizeEvent(event)
