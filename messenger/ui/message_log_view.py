"""The list view of the chat log."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from .message_delegate import MessageDelegate
from .message_log_model import MessageLogModel

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
        self._distance_from_bottom: int | None = None
        self.verticalScrollBar().valueChanged.connect(self._remember_position)
        self.verticalScrollBar().rangeChanged.connect(self._keep_position)

    def at_bottom(self) -> bool:
        """True when the last message is in view."""
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - _BOTTOM_SLACK

    def _remember_position(self, _value: int) -> None:
        self._follow = self.at_bottom()

    def verticalScrollbarValueChanged(self, value: int) -> None:
        """Older messages load when the top of the log comes into sight (Qt's default
        fetches when the *last* row shows, which for a chat log is the wrong end)."""
        self._fetch_older_if_at_top()

    def _fetch_older_if_at_top(self) -> None:
        """The user scrolled to the top: ask the model for older messages."""
        model = self.model()
        if not isinstance(model, MessageLogModel):
            return
        bar = self.verticalScrollBar()
        model.older_wanted = bar.maximum() > bar.minimum() and bar.value() == bar.minimum()
        if model.canFetchMore(self.rootIndex()):
            model.fetchMore(self.rootIndex())

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            model.rowsAboutToBeInserted.connect(self._before_insert)

    def _before_insert(self, _parent: _Index, start: int, _end: int) -> None:
        if start == 0 and self.model().rowCount() > 0 and not self._follow:
            bar = self.verticalScrollBar()
            self._distance_from_bottom = bar.maximum() - bar.value()

    def rowsInserted(self, parent: _Index, start: int, end: int) -> None:
        follow = self._follow
        super().rowsInserted(parent, start, end)
        if follow:
            QTimer.singleShot(0, self.scrollToBottom)

    def _keep_position(self, _minimum: int, maximum: int) -> None:
        """After older rows went in on top, the same messages stay in view."""
        if self._distance_from_bottom is not None:
            self.verticalScrollBar().setValue(maximum - self._distance_from_bottom)
            self._distance_from_bottom = None

    def resizeEvent(self, event: QResizeEvent) -> None:
        if event.size().width() != event.oldSize().width():
            self.delegate.clear_cache()
            self.scheduleDelayedItemsLayout()
        super().resizeEvent(event)
