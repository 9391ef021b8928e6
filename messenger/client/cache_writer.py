"""The messages received, written to the user's cache once a loop turn for all
conversations together: one commit, not one per conversation."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from ..store import ClientStore, StoredMessage, StoreError

log = logging.getLogger(__name__)


class CacheWriter(QObject):
    """Collects the messages the conversations received and writes them to the cache
    on the next loop turn, in one commit (per host: a turn seldom has two).

    Args:
        store: The user's cache.
    """

    def __init__(self, store: ClientStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._waiting: dict[str, list[StoredMessage]] = {}  # host id -> messages, in order
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.flush)

    def add(self, host: str, message: StoredMessage) -> None:
        """Keeps ``message`` of ``host`` for the next write (on the next loop turn)."""
        self._waiting.setdefault(host, []).append(message)
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        """Writes what was kept to the cache now."""
        self._timer.stop()
        waiting, self._waiting = self._waiting, {}
        for host, messages in waiting.items():
            try:
                self.store.cache(host, messages)
            except StoreError as error:
                log.error("cannot cache messages: %s", error)
