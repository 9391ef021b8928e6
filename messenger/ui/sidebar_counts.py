"""The sidebar's unread counts, brought up to date on the next turn of the event loop
and at most every COUNTS_EVERY_MS: a burst of messages changes a conversation's count
at each one, the sidebar repaints its rows a few times a second, not at every turn.
A count read (back to 0) is shown at once."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer

if TYPE_CHECKING:
    from .conversation_feed import ConversationFeed
    from .conversation_list_model import ConversationListModel

COUNTS_EVERY_MS = 100
"""Least time between two updates of the sidebar's counts (each repaints its rows:
~4 ms a burst's turn, which came on top of the turn's messages at every turn)."""


class SidebarCounts(QObject):
    """Copies the feeds' unread counts to the sidebar's model on the next turn, at
    most every ``every_ms``.

    Args:
        model: The sidebar's conversations.
    """

    def __init__(
        self,
        model: ConversationListModel,
        parent: QObject | None = None,
        every_ms: int = COUNTS_EVERY_MS,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._every_s = every_ms / 1000
        self._flushed_at = -self._every_s  # (monotonic: the first change shows next turn)
        self._changed: dict[str, ConversationFeed] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # (a coarse timer may fire up to 5% early: the interval is a floor)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.flush)

    def changed(self, feed: ConversationFeed) -> None:
        """``feed``'s count changed: the sidebar shows it on the next turn, or
        ``every_ms`` after its last update if that is later (at once when it was read:
        the user looks at it)."""
        if not feed.unread:
            self._changed.pop(feed.room, None)
            self.model.set_unread(feed.room, 0, feed.mentioned)
            return
        self._changed[feed.room] = feed
        if not self._timer.isActive():
            since = time.monotonic() - self._flushed_at
            self._timer.start(max(0, round((self._every_s - since) * 1000)))

    def flush(self) -> None:
        """Shows the counts changed since the last flush now."""
        self._timer.stop()
        self._flushed_at = time.monotonic()
        changed, self._changed = self._changed, {}
        for feed in changed.values():
            self.model.set_unread(feed.room, feed.unread, feed.mentioned)

    def forget(self, room: str) -> None:
        """``room``'s conversation was closed."""
        self._changed.pop(room, None)
