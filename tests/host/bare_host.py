"""The host's parts without ``HostService``, for tests of one part: a TLS chat server
on loopback whose connections go to ``Members`` and whose frames go to
``MemberRequests``, with a real history store; every signal of ``Members`` is
recorded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtNetwork import QHostAddress

from messenger.host.admission import Admission
from messenger.host.announcements import AnnouncePolicy
from messenger.host.history_epoch import HistoryEpoch
from messenger.host.member_connection import MemberConnection
from messenger.host.member_requests import MemberRequests
from messenger.host.membership import Members
from messenger.host.people_directory import PeopleDirectory
from messenger.host.relay import MessageRelay
from messenger.host.request_limits import RequestLimiter, RequestLimits
from messenger.host.room_access import RoomAccess
from messenger.host.room_catalog import RoomCatalog
from messenger.host.room_history import RoomHistory
from messenger.host.rooms import Rooms
from messenger.net.chat_stream import ChatStream
from messenger.net.sockets import create_chat_server
from messenger.store import HistoryStore
from tests.identities import device_identity

SESSION = "Phòng thử"


class BareHost:
    """Members and MemberRequests wired as the host wires them, on a free port.

    Args:
        data_dir: Where its history is kept.
        admission: The admission mode ("open", "approval", "password").
        request_limits: What one connection may ask.
    """

    def __init__(
        self,
        data_dir: Path,
        admission: str = "open",
        request_limits: RequestLimits | None = None,
    ) -> None:
        self.parent = QObject()
        data_dir.mkdir(parents=True, exist_ok=True)
        self.store = HistoryStore.open(data_dir / "history.sqlite3")
        self.rooms = Rooms(self.flush, lambda: self.members.count, self.parent)
        self.relay = MessageRelay(self.rooms, None, self.flush, self.parent)
        self.relay.store = self.store
        self.members = Members(self.rooms, self.relay, self.parent)
        limiter = RequestLimiter(request_limits or RequestLimits())
        self.catalog = RoomCatalog(
            self.store, self.rooms, self.relay.flush_messages, limiter, self.parent
        )
        self.access = RoomAccess(self.store, self.catalog)
        self.rooms.topic_of = self.access.topic
        self.members.open(
            self.store, SESSION, keep_names=True, room_states=self.access.welcome_rooms
        )
        self.changed: list[int] = []
        self.gone: list[Any] = []
        self.emptied = 0
        self.members.changed.connect(self.changed.append)
        self.members.gone.connect(self.gone.append)
        self.members.emptied.connect(self._on_emptied)
        identity = device_identity(100)
        self.admission = Admission(
            admission, "", identity.user_id, self.store, frozenset(), self.members.welcome
        )
        self.history = RoomHistory(
            self.store,
            HistoryEpoch(self.store),
            self.rooms,
            self.relay.flush_messages,
            limiter,
            self.parent,
        )
        self.requests = MemberRequests(
            self.admission,
            self.history,
            self.relay,
            self.rooms,
            limiter,
            self.catalog,
            self.access,
            self.members,
            PeopleDirectory(self.store, limiter),
            AnnouncePolicy("owner", {identity.user_id}),
        )
        self.members.gone.connect(self.requests.forget)
        self.server = create_chat_server(identity, self.parent)
        self.server.connection_ready.connect(self._on_connection_ready)
        assert self.server.listen(QHostAddress("127.0.0.1"), 0)
        self.port = self.server.serverPort()

    def flush(self) -> None:
        self.rooms.flush_presence()
        self.relay.flush_messages()

    def member(self, name: str) -> MemberConnection:
        """The connection of the member let in as ``name``."""
        return next(m for m in self.members.connections if m.name == name)

    def close(self) -> None:
        """Drops every connection and closes the history."""
        self.server.stop()
        self.members.abort_all()
        self.members.close()
        self.rooms.stop()
        self.catalog.stop()
        self.history.stop()
        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            QCoreApplication.processEvents()
        self.store.close()
        self.admission.deleteLater()
        self.parent.deleteLater()

    def _on_connection_ready(self, stream: ChatStream) -> None:
        member = MemberConnection(stream, self.requests.handle, self.parent)
        member.drained.connect(lambda m=member: self.history.resume(m))
        self.members.add(member)

    def _on_emptied(self) -> None:
        self.emptied += 1
