"""One conversation (a room) of the user: its outbox and its message cache, through
the connection to the host.

Nothing typed is lost: a message goes to the outbox on disk before it is sent, is
shown as "sending…", and leaves the outbox only when the host acknowledges it. After
any reconnect, or a restart of the app, the outbox is sent again with the same ids
(the host deduplicates them). Received messages are cached per host, so the room
resumes after its last seq and the log never shows a gap or a message twice.

When the session answering is not the one the user had (a new host id where the old
host was, or a history reset or restored from an older copy), nothing is dropped or
rewritten silently: the unacknowledged messages are held for the user's choice (send
them into the session as it is now, or discard them), and what the cache held of the
room is kept aside and shown marked.
"""

from __future__ import annotations

import enum
import logging
import time
import uuid
from collections.abc import Callable, Iterable
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal

from ..protocol import Ack, Error, HistoryPage, Joined, Message, RoomReset, RoomState, Welcome
from ..protocol.events import FORBIDDEN, SLOW_DOWN, STORAGE_ERROR, TOO_MANY_REQUESTS
from ..protocol.limits import DEFAULT_ROOM, REPLAY_LIMIT
from ..store import ClientStore, OutgoingMessage, StoredMessage, StoreError
from .cache_writer import CacheWriter
from .delivery import Delivery
from .host_connection import ConnectionState, HostConnection, NotConnectedError

log = logging.getLogger(__name__)

__all__ = ["Conversation", "SessionReset"]

HISTORY_PAGE = 40
KEPT_SHOWN = 60
"""Messages kept from before a reset that the log shows, at most (the newest)."""
HISTORY_REFUSALS = frozenset({"not_in_room", TOO_MANY_REQUESTS})
"""Errors that answer a ``history`` request the host will answer later (asked before
the join was through, or beyond its budget): it is asked again. The error carries
the request's ``ref``; from a host of an earlier version (no ``ref``), any such
error is taken for it."""
HISTORY_RETRY_MS = 1_000
READ_MARK_MS = 1_000
"""The host hears of what the user read at most this often, per conversation."""
CATCH_UP_LIMIT = 500
"""A room never seen here is joined after the user's read marker, but replays at most
this many messages (older unread ones are in its history, shown on scrolling up)."""


def catch_up_since(state: RoomState) -> int:
    """The ``since`` of the first join of a room never seen here: after the user's
    read marker (at most CATCH_UP_LIMIT messages: older unread ones are in its
    history, shown on scrolling up), and at least the latest REPLAY_LIMIT messages
    even when all is read (something to show)."""
    since = min(state.read, state.last_seq - REPLAY_LIMIT)
    return max(0, since, state.last_seq - CATCH_UP_LIMIT)


class SessionReset(enum.Enum):
    """How the session answering differs from the one the user had."""

    NEW_HOST = "new_host"
    """Another host (a new host id) answers where the session was: its history is new."""
    RESTORED = "restored"
    """The same host, but its history is not the one we saw (reset or restored)."""


def _stored(message: Message) -> StoredMessage:
    return StoredMessage(
        message.room,
        message.seq,
        message.id,
        message.sender,
        message.ts,
        message.text,
        message.user or "",
        message.kind or "",
    )


class Conversation(QObject):
    """Sends and receives the messages of one room, reliably.

    Args:
        store: The user's outbox and cache.
        connection: The connection to the host (shared by all conversations).
        room: The room of this conversation (the connection must join it: see
            ``Conversations``).
        routed: Whether the connection's messages, acks, pages, joins and resets of
            the room are handed to it (``Conversations`` does, by room: one look-up
            per event, not one call per conversation); else it listens to them.
        cache_writer: Writes the messages received to the cache (``Conversations``
            shares one: one commit a turn for all); else the conversation has its own.

    Signals:
        host_changed(str): now talking to this host id (the log should show its
            cached messages: ``cached_latest``, then ``pending`` and ``held``).
        message_received(object): a new StoredMessage from the host, in seq order.
        message_queued(object): an OutgoingMessage typed and kept in the outbox.
        message_acked(str, int): the message id was stored by the host as seq.
        message_refused(object): the host will never take this OutgoingMessage of
            ours (an announcement it does not let us post); it left the outbox.
        older_loaded(object): a list of older StoredMessages (empty: nothing older).
        newer_loaded(object, bool): a list of newer StoredMessages (answering
            ``load_newer``), and whether they reach the newest one received.
        session_reset(object, object, object): the session is not the one the user
            had (a SessionReset); the messages kept from before (StoredMessages, the
            newest KEPT_SHOWN) and those now held for the user's choice
            (OutgoingMessages: ``send_held`` or ``discard_held``).
        held_released(object): the held messages (a list) go out now, in order.
        held_discarded(object): the ids of the held messages the user discarded.
        storage_failing(str): the host cannot store messages now (its problem code).
        storage_recovered(): it stores them again.
        state_changed(): ``state`` (the room's last seq and the user's read marker)
            came with a welcome.
    """

    host_changed = Signal(str)
    message_received = Signal(object)
    message_queued = Signal(object)
    message_acked = Signal(str, int)
    message_refused = Signal(object)
    older_loaded = Signal(object)
    newer_loaded = Signal(object, bool)
    session_reset = Signal(object, object, object)
    held_released = Signal(object)
    held_discarded = Signal(object)
    storage_failing = Signal(str)
    storage_recovered = Signal()
    state_changed = Signal()

    def __init__(
        self,
        store: ClientStore,
        connection: HostConnection,
        parent: QObject | None = None,
        *,
        room: str = DEFAULT_ROOM,
        routed: bool = False,
        cache_writer: CacheWriter | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.connection = connection
        self.room = room
        self.state: RoomState | None = None
        """The room's last seq and the user's read marker, as the host's last welcome
        gave them (None from hosts that do not keep them)."""
        self._read_due = 0  # the read marker to tell the host (0: nothing new)
        self._read_timer = QTimer(self)
        self._read_timer.setSingleShot(True)
        self._read_timer.setInterval(READ_MARK_MS)
        self._read_timer.timeout.connect(self._tell_read)
        self.host_id = ""
        self._continuing = False  # a welcome from another host id means a reset
        self._held: list[OutgoingMessage] = []
        self._kept_from: Callable[[int, int], list[StoredMessage]] | None = None
        self.delivery = Delivery(connection, room, self)
        self.delivery.storage_failing.connect(self.storage_failing)
        self.delivery.storage_recovered.connect(self.storage_recovered)
        self._cache_writer = cache_writer or CacheWriter(store, self)
        self._asked_before: int | None = None  # the history page asked for, unanswered
        self._asked_ref = ""  # (the ref of that request)
        self._ask_again = QTimer(self)
        self._ask_again.setSingleShot(True)
        self._ask_again.timeout.connect(self._ask_history_again)
        connection.welcomed.connect(self.welcomed)
        connection.state_changed.connect(self._on_state)
        connection.error_received.connect(self._on_error)
        if not routed:
            connection.joined.connect(self.on_joined)
            connection.message_received.connect(self.on_message)
            connection.acked.connect(self.on_ack)
            connection.history_received.connect(self.on_history)
            connection.room_reset.connect(self.on_room_reset)

    def send(self, text: str, kind: str = "") -> OutgoingMessage:
        """Keeps ``text`` in the outbox, then sends it now or after the next reconnect
        (after the held messages, if the user sends those); ``kind``
        "announcement": an announcement (to ``general``).

        Raises:
            NotConnectedError: no host was ever joined, so there is nowhere to queue it.
            StoreError: the outbox cannot be written (nothing was sent).
        """
        if not self.host_id:
            raise NotConnectedError("no host joined yet")
        message = OutgoingMessage(
            self.host_id, self.room, uuid.uuid4().hex, text, time.time_ns() // 1_000_000, kind
        )
        self.store.add_outgoing(message)
        self.message_queued.emit(message)
        self.delivery.add(message)
        return message

    def pending(self) -> list[OutgoingMessage]:
        """Messages of this host's room still waiting for an ack, in the order typed."""
        return list(self.delivery.messages.values())

    @property
    def asking_again(self) -> bool:
        """Whether a ``history`` request the host refused for now waits to be asked
        again."""
        return self._ask_again.isActive()

    def held(self) -> list[OutgoingMessage]:
        """Messages held for the user's choice after a reset, in the order typed."""
        return list(self._held)

    def new_session(self) -> None:
        """The user chose a session: whatever host answers next is simply that one."""
        self._continuing = False

    def resume(self, host_id: str) -> None:
        """Takes up ``host_id``'s room before its host answers (the last session, at
        start): its outbox is loaded, so what the user writes is kept for that room and
        sent once joined. Another host id answering is a reset (``session_reset``)."""
        self._continuing = True
        if host_id == self.host_id:
            return
        self.flush_cache()
        self.host_id = host_id
        try:
            outbox = self.store.outgoing(host_id, self.room)
            self._set_held(self.store.held(self.room))
        except StoreError as error:  # (the window has shown the problem)
            log.error("cannot read the outbox: %s", error)
            outbox = []
        self.delivery.load(outbox)

    def send_held(self) -> None:
        """The held messages go to the session as it is now, before anything typed
        after them."""
        held = self._held
        if not held or not self.host_id:
            return
        self.store.release_held(self.room, self.host_id)
        self._set_held([])
        self.delivery.load(self.store.outgoing(self.host_id, self.room))
        self.held_released.emit(held)
        self.delivery.send_more()

    def discard_held(self, ids: Iterable[str] | None = None) -> None:
        """Forgets the held messages, all or those of ``ids`` (the user chose so)."""
        chosen = None if ids is None else set(ids)
        gone = [m for m in self._held if chosen is None or m.id in chosen]
        if not gone:
            return
        gone_ids = [m.id for m in gone]
        self.store.discard_held(self.room, None if chosen is None else gone_ids)
        self._set_held([] if chosen is None else [m for m in self._held if m.id not in chosen])
        self.held_discarded.emit(gone_ids)
        self.delivery.send_more()

    def kept_before(self, before: int, limit: int = HISTORY_PAGE) -> list[StoredMessage]:
        """Older messages kept from before the last reset (seq < ``before``, oldest
        first; empty when there are none)."""
        if self._kept_from is None:
            return []
        try:
            return self._kept_from(before, limit)
        except StoreError as error:
            log.error("cannot read the messages kept aside: %s", error)
            return []

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
        elif ref := self.connection.request_history(before, HISTORY_PAGE, self.room):
            self._asked_before, self._asked_ref = before, ref
        else:
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
        """Writes the messages received since the last flush to the cache (those of
        every conversation sharing its cache writer)."""
        self._cache_writer.flush()

    # -- connection events -------------------------------------------------------

    def welcomed(self, welcome: Welcome) -> None:
        """The host welcomed us (also called for a conversation opened after the
        welcome): its history of the room is taken up where the cache ends."""
        if welcome.host != self.host_id:
            self._switch_host(welcome.host, reset=bool(self.host_id) and self._continuing)
        self._continuing = True
        try:
            seq, message_id = self.store.last_cached(welcome.host, self.room)
        except StoreError as error:
            log.error("cannot read the cache: %s", error)
            return
        if seq:
            self.connection.remember_seq(welcome.host, self.room, seq, message_id)
        elif self.state is not None:  # (never seen here: from the user's read marker)
            self.connection.remember_seq(welcome.host, self.room, catch_up_since(self.state))

    def set_state(self, state: RoomState) -> None:
        """The host's welcome gave the room's last seq and the user's read marker."""
        self.state = state
        self.state_changed.emit()

    def mark_read(self, seq: int) -> None:
        """The user has read the room up to ``seq``: the host hears of it (if it keeps
        read markers) within READ_MARK_MS."""
        if self.state is not None:
            if seq <= self.state.read:
                return
            self.state = RoomState(self.room, max(self.state.last_seq, seq), seq)
        if seq > self._read_due:
            self._read_due = seq
            if not self._read_timer.isActive():
                self._read_timer.start()

    def _tell_read(self) -> None:
        due, self._read_due = self._read_due, 0
        if due:
            self.connection.mark_read(self.room, due)

    def _switch_host(self, host: str, *, reset: bool) -> None:
        """Now talking to ``host``; ``reset``: it answers where the session's host was,
        so what was not acknowledged there is held, and what the cache had is shown."""
        previous = self.host_id
        self.flush_cache()
        kept: list[StoredMessage] = []
        try:
            if reset:
                self.store.hold(previous, self.room)  # before the new host's outbox shows
                self._kept_from = partial(self.store.cached_before, previous, self.room)
                kept = self._kept_from(2**62, KEPT_SHOWN)
            held = self.store.held(self.room)
            outbox = self.store.outgoing(host, self.room)
        except StoreError as error:  # (what is on disk stays there)
            log.error("cannot read the outbox: %s", error)
            held, outbox = [], []
        self._set_held(held)
        self.host_id = host
        self.delivery.load(outbox)
        self.host_changed.emit(host)
        if reset:
            log.warning("host %s answers where %s was: a new history", host, previous)
            self.session_reset.emit(SessionReset.NEW_HOST, kept, self.held())

    def on_room_reset(self, reset: RoomReset) -> None:
        if reset.room != self.room:
            return
        log.warning("host %s: the history of %r is not the one we saw", self.host_id, reset.room)
        self.flush_cache()
        kept: list[StoredMessage] = []
        try:
            self.store.archive_room(self.host_id, self.room, time.time_ns() // 1_000_000)
            self._kept_from = partial(self.store.archived_before, self.host_id, self.room)
            kept = self._kept_from(2**62, KEPT_SHOWN)
            self._hold(self.host_id)
        except StoreError as error:  # (then what is typed stays in the outbox, sent as is)
            log.error("cannot keep the room's messages aside: %s", error)
        self.delivery.load([] if self._held else self.delivery.messages.values())
        self.host_changed.emit(self.host_id)  # (the log starts again from the new cache)
        self.session_reset.emit(SessionReset.RESTORED, kept, self.held())

    def _hold(self, host: str) -> None:
        """``host``'s unacknowledged messages of the room wait for the user's choice."""
        self.store.hold(host, self.room)
        self._set_held(self.store.held(self.room))

    def _set_held(self, held: list[OutgoingMessage]) -> None:
        self._held = held
        self.delivery.paused = bool(held)  # (what is typed meanwhile goes after them)

    def on_joined(self, joined: Joined) -> None:
        if joined.room == self.room:
            self.delivery.start()
            self._ask_history_again()  # (refused before the join, or lost with a link)

    def _ask_history_again(self) -> None:
        """The page asked for was refused (asked before the join was through, or
        beyond the host's budget): asked again, now that it may be answered."""
        self._ask_again.stop()
        if self._asked_before is not None:
            ref = self.connection.request_history(self._asked_before, HISTORY_PAGE, self.room)
            self._asked_ref = ref or self._asked_ref

    def _on_state(self, state: ConnectionState) -> None:
        if state is not ConnectionState.CONNECTED:
            self.delivery.stop()

    def _on_error(self, error: Error) -> None:
        if error.code == STORAGE_ERROR:
            self.delivery.storage_error(error)
        elif error.code == SLOW_DOWN:
            self.delivery.held_back(error)
        elif error.code in HISTORY_REFUSALS and self._refuses_history(error):
            self._ask_again.start(error.retry_ms or HISTORY_RETRY_MS)
        elif error.code == FORBIDDEN and error.id is not None and error.room == self.room:
            self._refused(error.id)

    def _refused(self, message_id: str) -> None:
        """The host refuses our message ``message_id`` for good: it leaves the outbox."""
        message = self.delivery.refused(message_id)
        if message is None:
            return
        try:
            self.store.remove_outgoing(self.host_id, message_id)
        except StoreError as error:
            log.error("cannot update the outbox: %s", error)
        self.message_refused.emit(message)

    def _refuses_history(self, error: Error) -> bool:
        """Whether ``error`` refuses this conversation's ``history`` request."""
        if self._asked_before is None:
            return False
        return error.ref is None or error.ref == self._asked_ref

    def on_message(self, message: Message) -> None:
        if message.room != self.room:
            return
        stored = _stored(message)
        self._cache_writer.add(self.host_id, stored)
        self.message_received.emit(stored)

    def on_ack(self, ack: Ack) -> None:
        if ack.room not in (None, self.room) or self.delivery.acked(ack.id) is None:
            return
        try:
            self.store.remove_outgoing(self.host_id, ack.id)
        except StoreError as error:
            log.error("cannot update the outbox: %s", error)
        self.message_acked.emit(ack.id, ack.seq)

    def on_history(self, page: HistoryPage) -> None:
        if page.room != self.room:
            return
        self._asked_before = None
        older = [_stored(m) for m in page.messages]
        try:
            self.store.cache(self.host_id, older)
        except StoreError as error:
            log.error("cannot cache history: %s", error)
        self.older_loaded.emit(older)
