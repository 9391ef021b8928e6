"""The application's life, above its windows: the user's cache and outbox, the models
the window shows, the chat controller (connection, conversations, hosting,
discovery), the tray icon and the taskbar's badge, which stay while the window is
closed to the tray and opened again.

It is made before the window's first paint, from Qt and the cache alone; ``start``
loads the network layer after that paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtGui import QGuiApplication

from ..protocol.limits import DEFAULT_PORT, DEFAULT_ROOM
from .app_settings import AppSettings, default_display_name
from .client_cache import open_client_store, show_cached_room
from .conversation_list_model import ConversationListModel
from .message_log_model import MessageLogModel
from .unread_summary import UnreadSummary
from .window_config import WindowConfig

if TYPE_CHECKING:
    from ..store import StoredMessage
    from .chat_controller import ChatController
    from .notification_center import NotificationCenter
    from .tray_icon import TrayIcon


class AppController(QObject):
    """Owns what lasts while the app runs, whatever window shows it.

    Args:
        config: Where the data is and which ports are used.
        settings: The user's settings.

    Signals:
        finished(): shut down (left the session, stopped hosting, closed the cache).
        window_wanted(): the user wants the window (from the tray).
        quit_requested(): the user chose Quit (from the tray): windows close for good.
        message_for_user(str, object): a message for the user in particular (one
            mentioning them, or of a direct conversation) arrived unread: the
            window asks for attention.
        conversation_wanted(str): the user wants this room's conversation (clicked
            its notification).
    """

    finished = Signal()
    window_wanted = Signal()
    quit_requested = Signal()
    message_for_user = Signal(str, object)
    conversation_wanted = Signal(str)

    def __init__(
        self, config: WindowConfig, settings: AppSettings, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.settings = settings
        self.store, self._store_problem = open_client_store(config.data_dir)
        self.log_model = MessageLogModel(self)
        """The log of ``general``, shown at the first paint."""
        self.conversation_model = ConversationListModel(self)
        """The open conversations, with their unread counts."""
        self.conversation_model.add(DEFAULT_ROOM, DEFAULT_ROOM)
        self._controller: ChatController | None = None
        self.tray: TrayIcon | None = None
        """The tray icon (None where the desktop shows none, or before ``start``)."""
        self.notifications: NotificationCenter | None = None
        """The desktop notifications (made by ``start``)."""
        self._finished = False
        self._quitting = False
        self._show_last_room()
        self.unread = UnreadSummary(self.conversation_model, self)
        """The unread total, told once a turn (the title, the badge and the tray)."""
        self.unread.changed.connect(self._show_unread)
        self.conversation_model.dataChanged.connect(self._withdraw_read)

    def _show_last_room(self) -> None:
        """Where the user was, before any connection: its cached room in the log."""
        last = self.settings.last_session
        if last is not None and last.host_id:
            problem = show_cached_room(
                self.log_model,
                self.store,
                last.host_id,
                DEFAULT_ROOM,
                last.you,
                self.settings.user_id,
            )
            self._store_problem = self._store_problem or problem  # (shown once started)

    @property
    def controller(self) -> ChatController | None:
        """Hosting, joining and chatting (None before ``start``)."""
        return self._controller

    @property
    def is_finished(self) -> bool:
        """Whether ``shutdown`` ran."""
        return self._finished

    def start(self, fallback_name: str) -> ChatController:
        """Makes the chat controller (the network layer is loaded now) once; the name
        asked for is the user's, else ``fallback_name``."""
        if self._controller is not None:
            return self._controller
        from .chat_controller import ChatController

        name = self.settings.display_name or default_display_name() or fallback_name
        controller = ChatController(
            self.config,
            name,
            self.settings.client_id,
            self.log_model,
            self.store,
            self._store_problem,
            self,
            conversation_list=self.conversation_model,
        )
        controller.host_admission = self.settings.host_admission
        controller.host_announcements = self.settings.host_announcements
        controller.session_name = self.settings.session_name
        if self.config.host_port == DEFAULT_PORT:  # (a port on the command line wins)
            controller.host_port = self.settings.host_port
        controller.message_unread.connect(self._on_message_unread)
        self._controller = controller
        self._start_tray(controller)
        self._start_notifications()
        return controller

    def _start_notifications(self) -> None:
        from .notification_center import NotificationCenter

        center = NotificationCenter(self.settings, parent=self)
        center.open_requested.connect(self.window_wanted)
        center.open_requested.connect(self.conversation_wanted)
        center.start_soon()
        self.notifications = center

    def _on_message_unread(
        self, room: str, message: StoredMessage, mentioned: bool, direct: bool
    ) -> None:
        if self.notifications is not None:
            row = self.conversation_model.row_of(room)
            title = self.conversation_model.index(row or 0, 0).data() if row is not None else room
            self.notifications.arrived(
                room, str(title), message, mentioned=mentioned, direct=direct
            )
        if mentioned or direct:
            self.message_for_user.emit(room, message)

    def _start_tray(self, controller: ChatController) -> None:
        from .tray_icon import TrayIcon

        if TrayIcon.available():
            tray = TrayIcon(QGuiApplication.windowIcon(), self)
            self.attach_tray(tray, controller)
            tray.show()

    def attach_tray(self, tray: TrayIcon, controller: ChatController) -> None:
        """The app shows in the tray through ``tray`` from now on."""
        tray.open_requested.connect(self.window_wanted)
        tray.quit_requested.connect(self.quit)
        controller.status_changed.connect(lambda: tray.set_status(controller.status_text()))
        tray.set_status(controller.status_text())
        model = self.conversation_model
        tray.set_unread(model.total_unread(), model.wants_the_user())
        self.tray = tray

    @property
    def keeps_running_hidden(self) -> bool:
        """Whether closing the window leaves the app running in the tray."""
        return (
            self.tray is not None
            and self.settings.close_to_tray
            and not self._quitting
            and not self._finished
        )

    def window_hidden(self) -> None:
        """The window closed to the tray: the first time, the user is told so."""
        if self.tray is not None and not self.settings.told_about_tray:
            self.settings.told_about_tray = True
            self.tray.tell(
                self.tr(
                    "Messenger keeps running here, so you still get messages: quit from "
                    "this icon's menu."
                )
            )

    def quit(self) -> None:
        """The user quits (from the tray): windows close for good, then shutdown."""
        self._quitting = True
        self.quit_requested.emit()
        self.shutdown()

    def _withdraw_read(self, first: QModelIndex, last: QModelIndex, *_roles: object) -> None:
        """The notifications of the conversations read (those of the rows changed) go."""
        if self.notifications is None:
            return
        for row in range(first.row(), last.row() + 1):
            entry = self.conversation_model.conversation(row)
            if not entry.unread:
                self.notifications.read(entry.room)

    def _show_unread(self, total: int, for_user: bool) -> None:
        """The taskbar's badge and the tray icon show the unread messages."""
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.setBadgeNumber(total)
        if self.tray is not None:
            self.tray.set_unread(total, for_user)

    async def finish(self) -> None:
        """After ``shutdown``: lets go of the desktop's notification service."""
        if self.notifications is not None:
            await self.notifications.stop()

    def shutdown(self) -> None:
        """Leaves the session, stops hosting and discovery, closes the cache (once)."""
        if self._finished:
            return
        self._finished = True
        if self._controller is not None:
            self._controller.shutdown()  # (closes the store too)
        else:
            self.store.close()
        if self.tray is not None:
            self.tray.dispose()
        self.finished.emit()
