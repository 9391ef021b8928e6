"""The list view of the chat log."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPersistentModelIndex, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from .message_delegate import MessageDelegate
from .message_log_model import MessageLogModel

_Index = QModelIndex | QPersistentModelIndex
_BOTTOM_SLACK = 24


class MessageLogView(QListView):
    """Shows a MessageLogModel through a MessageDelegate (``self.delegate``).

    Rows have their own heights (word wrap, no uniform sizes) and scroll by pixel.
    The view follows new messages while the user is at the bottom and stays put while
    the user reads older ones; older messages load when the top comes into sight.

    Row heights depend on the width, so on a width change (``resizeEvent``, which
    QAbstractScrollArea calls for the viewport) the view clears the delegate's
    cache and schedules a relayout of its items (``scheduleDelayedItemsLayout``,
    the deferred form of ``doItemsLayout``): every ``sizeHint`` is asked again for
    the new width on the next turn of the event loop. A font, style or language
    change does the same.
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
        self._scroll_timer = QTimer(self)
        self._scroll_timer.setSingleShot(True)
        self._scroll_timer.setInterval(0)
        self._scroll_timer.timeout.connect(self._scroll_to_bottom_if_following)
        self.verticalScrollBar().valueChanged.connect(self._remember_position)
        self.verticalScrollBar().rangeChanged.connect(self._keep_position)

    def at_bottom(self) -> bool:
        """True when the last message is in view."""
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - _BOTTOM_SLACK

    def following(self) -> bool:
        """True while the view keeps the newest message in sight."""
        return self._follow

    def _remember_position(self, _value: int) -> None:
        self._follow = self.at_bottom()

    def _scroll_to_bottom_if_following(self) -> None:
        if self._follow:
            self.scrollToBottom()

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
        old = self.model()
        if old is not None:
            old.rowsAboutToBeInserted.disconnect(self._before_insert)
        super().setModel(model)
        if model is not None:
            model.rowsAboutToBeInserted.connect(self._before_insert)

    def _before_insert(self, _parent: _Index, start: int, _end: int) -> None:
        if start == 0 and self.model().rowCount() > 0 and not self._follow:
            bar = self.verticalScrollBar()
            self._distance_from_bottom = bar.maximum() - bar.value()

    def rowsInserted(self, parent: _Index, start: int, end: int) -> None:
        super().rowsInserted(parent, start, end)
        if self._follow:
            self._scroll_timer.start()  # after the delayed layout has measured the rows

    def _keep_position(self, _minimum: int, maximum: int) -> None:
        """After older rows went in on top, the same messages stay in view."""
        if self._distance_from_bottom is not None:
            self.verticalScrollBar().setValue(maximum - self._distance_from_bottom)
            self._distance_from_bottom = None

    def _remeasure(self) -> None:
        """Sizes are stale: lay every row out again (on the next loop turn)."""
        self.delegate.clear_cache()
        self.scheduleDelayedItemsLayout()
        if self._follow:
            self._scroll_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        if event.size().width() != event.oldSize().width():
            self._remeasure()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
            QEvent.Type.LanguageChange,  # "sending…" is in the cached layouts
        ):
            self._remeasure()
        super().changeEvent(event)
