"""Which arrivals notify, and showing them: the user's levels per conversation and
Do Not Disturb (kept in the settings), the desktop's notification service, and a
click that opens the conversation."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from .desktop_notifications import DesktopNotifications
from .log_entry import ANNOUNCEMENT
from .notification_policy import (
    NotifyLevel,
    default_level,
    levels_from_text,
    levels_to_text,
    notification_text,
    notifies,
)

if TYPE_CHECKING:
    from ..store import StoredMessage
    from .app_settings import AppSettings

log = logging.getLogger(__name__)


class NotificationCenter(QObject):
    """Decides and shows the desktop notifications of the user's conversations.

    Args:
        settings: Where the levels and Do Not Disturb are kept.
        bus: The D-Bus session bus's address ("SESSION": this login's).

    Signals:
        open_requested(str): the user clicked the notification of this room.
    """

    open_requested = Signal(str)

    def __init__(
        self, settings: AppSettings, bus: str = "SESSION", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.desktop = DesktopNotifications(bus, parent=self)
        self.desktop.clicked.connect(self.open_requested)
        self._levels = levels_from_text(settings.room_notifications)
        self._shown: dict[str, int] = {}  # room -> arrivals its notification counts
        self._starting: asyncio.Task[bool] | None = None

    def start_soon(self) -> None:
        """Connects to the desktop's service once the asyncio loop runs (there is none
        before the window's first paint, nor in tests without one)."""
        QTimer.singleShot(0, self, self._start)

    def _start(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # (no asyncio loop: no notifications)
            log.info("no asyncio loop: no desktop notifications")
            return
        self._starting = loop.create_task(self.desktop.start())

    async def stop(self) -> None:
        """Disconnects from the desktop's service (at quit)."""
        if self._starting is not None and not self._starting.done():
            self._starting.cancel()
        await self.desktop.stop()

    @property
    def do_not_disturb(self) -> bool:
        """Whether notifications are silenced."""
        return self.settings.do_not_disturb

    def set_do_not_disturb(self, silenced: bool) -> None:
        """Silences notifications (or lets them through again)."""
        self.settings.do_not_disturb = silenced

    def level(self, room: str, direct: bool) -> NotifyLevel:
        """What of ``room`` notifies."""
        return self._levels.get(room, self._default(direct))

    def _default(self, direct: bool) -> NotifyLevel:
        """A conversation without a level of its own: a direct one notifies of all,
        a room as the settings say (mentions until chosen)."""
        return default_level(True) if direct else self.settings.room_default_level

    def set_level(self, room: str, level: NotifyLevel, direct: bool) -> None:
        """``room`` notifies of ``level`` from now on."""
        if level is self._default(direct):
            self._levels.pop(room, None)
        else:
            self._levels[room] = level
        self.settings.room_notifications = levels_to_text(self._levels)

    def arrived(
        self, room: str, title: str, message: StoredMessage, *, mentioned: bool, direct: bool
    ) -> bool:
        """A message arrived unread in ``room`` (called ``title``): notified if the
        user's levels say so; True if it was."""
        if not self.settings.notifications_enabled:
            return False
        wanted = notifies(
            self.level(room, direct),
            direct=direct,
            mentioned=mentioned,
            do_not_disturb=self.do_not_disturb,
        )
        if not wanted:
            return False
        count = self._shown.get(room, 0) + 1
        self._shown[room] = count
        summary = message.sender if direct else f"{message.sender} · {title}"
        if message.kind == ANNOUNCEMENT:
            summary = self.tr("Announcement from {sender}").format(sender=message.sender)
        if count > 1:
            summary = self.tr("%n new message(s): {summary}", "", count).format(summary=summary)
        self.desktop.show(room, summary, notification_text(message.text))
        return True

    def read(self, room: str) -> None:
        """``room`` was read: its notification goes."""
        if self._shown.pop(room, None) is not None:
            self.desktop.withdraw(room)
