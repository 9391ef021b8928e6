"""One user's place in a room: the connection, the outbox and the message cache.

Nothing typed is lost: a message goes to the outbox on disk before it is sent, is
shown as "sending…", and leaves the outbox only when the host acknowledges it. After
any reconnect, or a restart of the app, the outbox is sent again with the same ids
(the host deduplicates them). Received messages are cached per host, so the room
resumes after its last seq and the log never shows a gap or a message twice.
"""

from __future__ import annotations

import itertools
import logging
import time
import uuid

from PySide6.QtCore import QObject, QTimer, Signal

from ..protocol import Ack, HistoryPage, Joined, Message, Welcome
from ..store import ClientStore, OutgoingMessage, StoredMessage, StoreError
from .host_connection import ConnectionState, HostConnection, NotConnectedError

log = logging.getLogger(__name__)

HISTORY_PAGE = 40
MAX_IN_FLIGHT = 100
"""Messages sent but not yet acknowledged, at most (more wait in the outbox)."""


def _stored(message: Message) -> StoredMessage:
    return StoredMessage(
        message.room, message.seq, message.id, message.sender, message.ts, message.text
    )


class ChatSession(QObject):
    """Sends and receives the messages of one room, reliably.

    Args:
        store: The user's outbox and cache.
        connection: The connection to use (this session drives it).

    Signals:
        host_changed(str): now talking to this host id (the log should show its
            cached messages: ``cached_latest``).
        message_received(object): a new StoredMessage from the host, in seq order.
        message_queued(object): an OutgoingMessage typed and kept in the outbox.
        message_acked(str, int): the message id was stored by the host as seq.
        older_loaded(object): a list of older StoredMessages (empty: nothing older).
        newer_loaded(object, bool): a list of newer StoredMessages (answering
            ``load_newer``), and whether they reach the newest one received.
        problem(str): something failed that the user should know about.
    """

    host_changed = Signal(str)
    message_received = Signal(object)
    message_queued = Signal(object)
    message_acked = Signal(str, int)
    older_loaded = Signal(object)
    newer_loaded = Signal(object, bool)
    problem = Signal(str)

    def __init__(
        self, store: ClientStore, connection: HostConnection, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.connection = connection
        self.host_id = ""
        self._joined = False
        self._outbox: dict[str, OutgoingMessage] = {}  # the host's room's outbox, in order
        self._in_flight: set[str] = set()
        self._to_cache: list[StoredMessage] = []
        self._cache_timer = QTimer(self)
        self._cache_timer.setSingleShot(True)
        self._cache_timer.setInterval(0)
        self._cache_timer.timeout.connect(self.flush_cache)
        connection.welcomed.connect(self._on_welcomed)
        connection.joined.connect(self._on_joined)
        connection.message_received.connect(self._on_message)
        connection.acked.connect(self._on_ack)
        connection.history_received.connect(self._on_history)
        connection.state_changed.connect(self._on_state)

    @property
    def room(self) -> str:
        """The room of this session."""
        return self.connection.room

    def send(self, text: str) -> OutgoingMessage:
        """Keeps ``text`` in the outbox, then sends it now or after the next reconnect.

        Raises:
            NotConnectedError: no host was ever joined, so there is nowhere to queue it.
            StoreError: the outbox cannot be written (nothing was sent).
        """
        if not self.host_id:
            raise NotConnectedError("no host joined yet")
        message = OutgoingMessage(
            self.host_id, self.room, uuid.uuid4().hex, text, time.time_ns() // 1_000_000
        )
        self.store.add_outgoing(message)
        self._outbox[message.id] = message
        self.message_queued.emit(message)
        self._send_more()
        return message

    def pending(self) -> list[OutgoingMessage]:
        """Messages of this host's room still waiting for an ack, in the order typed."""
        return list(self._outbox.values())

    def _send_more(self) -> None:
        """Sends the next outbox messages, keeping at most MAX_IN_FLIGHT unacknowledged."""
        if not self._joined or len(self._in_flight) >= MAX_IN_FLIGHT:
            return
        waiting = itertools.islice(self._outbox.values(), len(self._in_flight), None)
        for message in waiting:
            if len(self._in_flight) >= MAX_IN_FLIGHT:
                return
            if message.id not in self._in_flight:
                self._in_flight.add(message.id)
                self.connection.say(message.text, message.id)

    def resume(self, host_id: str) -> None:
        """Takes up ``host_id``'s room before its host answers (the last session, at
        start): its outbox is loaded, so what the user writes is kept for that room and
        sent once joined. A welcome from another host replaces it (``host_changed``)."""
        if host_id == self.host_id:
            return
        self.flush_cache()
        self.host_id = host_id
        try:
            outbox = self.store.outgoing(host_id, self.room)
        except StoreError as error:  # (the window has shown the problem)
            log.error("cannot read the outbox: %s", error)
            outbox = []
        self._outbox = {m.id: m for m in outbox}
        self._in_flight.clear()

    def cached_latest(self, limit: int) -> list[StoredMessage]:
        """The newest cached messages of the current host's room, oldest first."""
        if not self.host_id:
            return []
        self.flush_cache()
        return self.store.cached_before(self.host_id, self.room, 2**62, limit)

    def load_older(self, before: int) -> None:
        """Finds messages older than seq ``before``: from the cache when it has the ones
        right before, else from the host. ``older_loaded`` follows (maybe later)."""
        self.flush_cache()
        cached = self.store.cached_before(self.host_id, self.room, before, HISTORY_PAGE)
        run: list[StoredMessage] = []
        expected = before - 1
        for message in reversed(cached):  # the contiguous run ending at before - 1
            if message.seq != expected:
                break
            run.append(message)
            expected -= 1
        if run or before <= 1:
            self.older_loaded.emit(list(reversed(run)))
        elif not self.connection.request_history(before, HISTORY_PAGE):
            self.older_loaded.emit([])

    def load_newer(self, after: int) -> None:
        """Finds the messages after seq ``after`` in the cache (which holds every message
        received); ``newer_loaded`` follows at once."""
        self.flush_cache()
        try:
            newer = self.store.cached_after(self.host_id, self.room, after, HISTORY_PAGE)
        except StoreError as error:
            log.error("cannot read the cache: %s", error)
            newer = []
        self.newer_loaded.emit(newer, len(newer) < HISTORY_PAGE)

    def flush_cache(self) -> None:
        """Writes the messages received since the last flush to the cache."""
        self._cache_timer.stop()
        if not self._to_cache:
            return
        batch, self._to_cache = self._to_cache, []
        try:
            self.store.cache(self.host_id, batch)
        except StoreError as error:
            log.error("cannot cache messages: %s", error)

    # -- connection events -------------------------------------------------------

    def _on_welcomed(self, welcome: Welcome) -> None:
        if welcome.host != self.host_id:
            self.flush_cache()
            self.host_id = welcome.host
            self._outbox = {m.id: m for m in self.store.outgoing(welcome.host, self.room)}
            self.host_changed.emit(welcome.host)
        cached = self.store.last_seq(welcome.host, self.room)
        if cached:
            self.connection.remember_seq(welcome.host, self.room, cached)

    def _on_joined(self, joined: Joined) -> None:
        if joined.room != self.room:
            return
        self._joined = True
        self._in_flight.clear()
        self._send_more()

    def _on_state(self, state: ConnectionState) -> None:
        if state is not ConnectionState.CONNECTED:
            self._joined = False
            self._in_flight.clear()

    def _on_message(self, message: Message) -> None:
        if message.room != self.room:
            return
        stored = _stored(message)
        self._to_cache.append(stored)
        if not self._cache_timer.isActive():
            self._cache_timer.start()
        self.message_received.emit(stored)

    def _on_ack(self, ack: Ack) -> None:
        if self._outbox.pop(ack.id, None) is None:
            return
        self._in_flight.discard(ack.id)
        try:
            self.store.remove_outgoing(self.host_id, ack.id)
        except StoreError as error:
            log.error("cannot update the outbox: %s", error)
        self.message_acked.emit(ack.id, ack.seq)
        self._send_more()

    def _on_history(self, page: HistoryPage) -> None:
        if page.room != self.room:
            return
        older = [_stored(m) for m in page.messages]
        try:
            self.store.cache(self.host_id, older)
        except StoreError as error:
            log.error("cannot cache history: %s", error)
        self.older_loaded.emit(older)
