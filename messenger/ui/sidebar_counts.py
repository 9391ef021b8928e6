"""The sidebar's unread counts, brought up to date once per turn of the event loop: a
burst of messages changes a conversation's count at each one, the sidebar repaints
its row once. A count read (back to 0) is shown at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from .conversation_feed import ConversationFeed
    from .conversation_list_model import ConversationListModel


class SidebarCounts(QObject):
    """Copies the feeds' unread counts to the sidebar's model, at most once a turn.

    Args:
        model: The sidebar's conversations.
    """

    def __init__(self, model: ConversationListModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._changed: dict[str, ConversationFeed] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.flush)

    def changed(self, feed: ConversationFeed) -> None:
        """``feed``'s count changed: the sidebar shows it at the end of this turn (at
        once when it was read: the user looks at it)."""
        if not feed.unread:
            self._changed.pop(feed.room, None)
            self.model.set_unread(feed.room, 0, feed.mentioned)
            return
        self._changed[feed.room] = feed
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        """Shows the counts changed since the last flush now."""
        self._timer.stop()
        changed, self._changed = self._changed, {}
        for feed in changed.values():
            self.model.set_unread(feed.room, feed.unread, feed.mentioned)

    def forget(self, room: str) -> None:
        """``room``'s conversation was closed."""
        self._changed.pop(room, None)
