"""The user's conversations in a session: one ``Conversation`` per room, all through
the one connection to the host."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from PySide6.QtCore import QObject, Signal

from ..protocol import Ack, HistoryPage, Joined, Message, RoomReset, RoomState, RoomUpdate, Welcome
from ..protocol.limits import DEFAULT_ROOM
from ..store import ClientStore
from .cache_writer import CacheWriter
from .conversation import Conversation
from .host_connection import HostConnection

log = logging.getLogger(__name__)


class Conversations(QObject):
    """Opens and closes conversations; each room the connection joins has one.

    ``general`` is open from the start and is never closed (everyone is in it).

    Args:
        store: The user's outbox and cache, shared by every conversation.
        connection: The connection to the host, which joins their rooms.

    Signals:
        opened(object): a Conversation was opened (its room is joined).
        closed(str): the conversation of that room was closed (the room left).
    """

    opened = Signal(object)
    closed = Signal(str)

    def __init__(
        self, store: ClientStore, connection: HostConnection, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.connection = connection
        self._by_room: dict[str, Conversation] = {}
        self._cache_writer = CacheWriter(store, self)  # (one commit a turn for all)
        self._resumed_host = ""  # the host id taken up before any welcome (at start)
        connection.welcomed.connect(self._on_welcomed)  # (before the conversations')
        connection.room_updated.connect(self._on_room_update)
        # each event of a room to its conversation: one look-up, not a call to each
        connection.message_received.connect(self._route_message)
        connection.joined.connect(self._route_joined)
        connection.history_received.connect(self._route_history)
        connection.room_reset.connect(self._route_reset)
        connection.acked.connect(self._route_ack)
        for room in (DEFAULT_ROOM, *connection.rooms):
            self.open(room)

    def __iter__(self) -> Iterator[Conversation]:
        return iter(list(self._by_room.values()))

    def __len__(self) -> int:
        return len(self._by_room)

    def __contains__(self, room: object) -> bool:
        return room in self._by_room

    @property
    def general(self) -> Conversation:
        """The conversation everyone is in."""
        return self._by_room[DEFAULT_ROOM]

    def get(self, room: str) -> Conversation | None:
        """The open conversation of ``room`` (None when it is not open)."""
        return self._by_room.get(room)

    def open(self, room: str, state: RoomState | None = None) -> Conversation:
        """The conversation of ``room``, opened (and its room joined) if need be;
        ``state``: its last seq and read marker, as the host's welcome gave them."""
        conversation = self._by_room.get(room)
        if conversation is not None:
            return conversation
        conversation = Conversation(
            self.store,
            self.connection,
            self,
            room=room,
            routed=True,
            cache_writer=self._cache_writer,
        )
        self._by_room[room] = conversation
        if state is not None:
            conversation.set_state(state)
        welcome = self.connection.welcome
        if welcome is not None:  # (welcomed already: it takes the session up at once)
            conversation.welcomed(welcome)
        elif self._resumed_host:
            conversation.resume(self._resumed_host)
        self.connection.join_room(room)
        self.opened.emit(conversation)
        return conversation

    def _on_welcomed(self, welcome: Welcome) -> None:
        """The host says which rooms the user belongs to (direct conversations too,
        maybe new): each has its conversation, which knows its read marker."""
        for state in welcome.rooms:
            conversation = self._by_room.get(state.room)
            if conversation is not None:
                conversation.set_state(state)
            else:
                self.open(state.room, state)

    def _route_message(self, message: Message) -> None:
        if (conversation := self._by_room.get(message.room)) is not None:
            conversation.on_message(message)

    def _route_joined(self, joined: Joined) -> None:
        if (conversation := self._by_room.get(joined.room)) is not None:
            conversation.on_joined(joined)

    def _route_history(self, page: HistoryPage) -> None:
        if (conversation := self._by_room.get(page.room)) is not None:
            conversation.on_history(page)

    def _route_reset(self, reset: RoomReset) -> None:
        if (conversation := self._by_room.get(reset.room)) is not None:
            conversation.on_room_reset(reset)

    def _route_ack(self, ack: Ack) -> None:
        """An ack names its room (a host of an earlier version does not: then each
        conversation looks for the id in its outbox)."""
        if ack.room is None:
            for each in self:
                each.on_ack(ack)
        elif (conversation := self._by_room.get(ack.room)) is not None:
            conversation.on_ack(ack)

    def _on_room_update(self, update: RoomUpdate) -> None:
        """Someone wrote to the user in a direct conversation not open here: it
        opens (its messages follow the join)."""
        from ..core.room_names import direct_members

        pair = direct_members(update.room)
        if pair is not None and self.connection.user_id in pair and update.room not in self:
            self.open(update.room)

    def close(self, room: str) -> None:
        """Leaves ``room`` and closes its conversation (what it cached stays on disk;
        its outbox too, sent when it is opened again)."""
        if room == DEFAULT_ROOM:
            return
        conversation = self._by_room.pop(room, None)
        if conversation is None:
            return
        self.connection.leave_room(room)
        conversation.flush_cache()
        conversation.delivery.stop()
        conversation.deleteLater()
        self.closed.emit(room)

    def new_session(self) -> None:
        """The user chose a session: whatever host answers next is simply that one."""
        self._resumed_host = ""
        for conversation in self:
            conversation.new_session()

    def resume(self, host_id: str) -> None:
        """Takes up ``host_id``'s conversations before its host answers (at start)."""
        self._resumed_host = host_id
        for conversation in self:
            conversation.resume(host_id)

    def flush_cache(self) -> None:
        """Writes what every conversation received to the cache."""
        self._cache_writer.flush()

    def waiting(self) -> int:
        """The user's messages not acknowledged yet, over all conversations (held
        ones included)."""
        return sum(len(c.pending()) + len(c.held()) for c in self)

    def held(self) -> int:
        """The user's messages held for their choice after a reset, over all."""
        return sum(len(c.held()) for c in self)

    def failing(self) -> bool:
        """Whether the host refuses or holds back messages of some conversation."""
        return any(c.delivery.failing for c in self)
