"""The host service: accepts members, relays room messages, stores history."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QHostAddress, QTcpSocket

from ..core.identity import DeviceIdentity
from ..core.names import clean_name
from ..net.chat_server import ChatServer
from ..net.sockets import create_chat_server
from ..net.tls import tls_available
from ..protocol import (
    Error,
    Event,
    Hello,
    History,
    HistoryPage,
    Join,
    Joined,
    Leave,
    Member,
    Message,
    Ping,
    Pong,
    Presence,
    RoomReset,
    Say,
    Welcome,
    encode_event,
)
from ..protocol.beacon import Beacon
from ..protocol.codec import encode_ack, encode_message
from ..protocol.events import BYE_REPLACED, PRESENCE_JOINED, PRESENCE_LEFT
from ..protocol.limits import HISTORY_PAGE_LIMIT, MAX_FRAME_BYTES, REPLAY_LIMIT
from ..store import HistoryStore, StoredMessage, StoreError
from ..store.identity_file import load_or_create_identity
from .announcer import BeaconAnnouncer
from .config import HostConfig
from .history_epoch import HistoryEpoch
from .listen_errors import describe_listen_error
from .member_connection import REPLAY_HIGH_WATER_BYTES, MemberConnection, ReplayCursor
from .member_names import MemberNames
from .room_presence import RoomPresence
from .storage_watch import StorageWatch
from .store_errors import describe_identity_error, describe_store_error

log = logging.getLogger(__name__)

HISTORY_FILE = "history.sqlite3"
REPLAY_PAGE = 256
STOP_GRACE_MS = 2_000
PRESENCE_COALESCE_MS = 20
"""Joins and leaves are sent together, this long after the first of them (plus 1 ms
per 10 members, up to PRESENCE_COALESCE_MAX_MS): an office arriving at once costs
each member one write per interval, not one per arrival (with TLS each write costs).
A message flushes them first, so nobody sees a message before its sender's join."""
PRESENCE_COALESCE_MAX_MS = 250


def presence_delay_ms(members: int) -> int:
    """How long joins and leaves wait for more, with ``members`` connected."""
    return min(PRESENCE_COALESCE_MAX_MS, PRESENCE_COALESCE_MS + members // 10)


class HostStartError(Exception):
    """The host could not start; ``str(error)`` says why and what to do."""


class HostService(QObject):
    """A Messenger host: the same service in the window and in ``messenger host``.

    Messages are stored (committed) before they are acknowledged or relayed; all
    messages that arrive in one turn of the event loop share one commit.

    Signals:
        started(int): listening, on this TCP port.
        stopped(): every member was told and disconnected; the store is closed.
        members_changed(int): the number of connected members changed.
    """

    started = Signal(int)
    stopped = Signal()
    members_changed = Signal(int)

    def __init__(self, config: HostConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self._store: HistoryStore | None = None
        self._server: ChatServer | None = None  # (made at start, with the identity)
        self.identity: DeviceIdentity | None = None
        """The key and certificate the host serves with (None before ``start``, and
        on a plaintext benchmark host)."""
        self._members: dict[MemberConnection, None] = {}
        self._rooms: dict[str, dict[MemberConnection, None]] = {}
        self._pending: list[tuple[StoredMessage, bool, MemberConnection]] = []
        self._presence: dict[str, RoomPresence] = {}  # frames for the next flush, by room
        self._member_names = MemberNames(None)  # (with the store, at start)
        self._by_user: dict[str, MemberConnection] = {}  # welcomed members, by user id
        self._storage = StorageWatch()
        self._epoch: HistoryEpoch | None = None  # (with the store)
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self.flush)
        self._presence_timer = QTimer(self)  # joins and leaves wait a little for more
        self._presence_timer.setSingleShot(True)
        self._presence_timer.timeout.connect(self.flush)
        self._announcer: BeaconAnnouncer | None = None
        self._stopping = False
        self._running = False
        self._stop_timer = QTimer(self)
        self._stop_timer.setSingleShot(True)
        self._stop_timer.timeout.connect(self._abort_remaining)

    # -- public ----------------------------------------------------------------

    @property
    def running(self) -> bool:
        """True between a successful ``start`` and ``stop``."""
        return self._running

    @property
    def port(self) -> int:
        """The TCP port listened on (0 when not listening)."""
        server = self._server
        return server.serverPort() if server is not None and server.isListening() else 0

    @property
    def fingerprint(self) -> str:
        """The SHA-256 of the host's certificate ('' without TLS or before start)."""
        return self.identity.user_id if self.identity is not None else ""

    @property
    def host_id(self) -> str:
        """This host's stable id (kept in its data folder)."""
        return self._store.host_id if self._store is not None else ""

    @property
    def epoch(self) -> str:
        """The epoch of the history served ('' when not running)."""
        return self._store.epoch if self._store is not None else ""

    @property
    def member_count(self) -> int:
        """Connected members that said hello."""
        return self._member_names.count

    def start(self) -> None:
        """Opens the history and starts listening and announcing.

        Raises:
            HostStartError: the history cannot be opened or the port is unavailable.
        """
        if self._running:
            return
        self._server = self._make_server()
        try:
            self._store = HistoryStore.open(self.config.data_dir / HISTORY_FILE)
        except StoreError as error:
            raise HostStartError(describe_store_error(error, starting=True)) from error
        self._epoch = HistoryEpoch(self._store)
        # names are held by identities (none on a plaintext host: nobody has one)
        self._member_names = MemberNames(self._store if self.identity is not None else None)
        address = (
            QHostAddress(self.config.bind_address)
            if self.config.bind_address
            else QHostAddress(QHostAddress.SpecialAddress.Any)
        )
        if not self._server.listen(address, self.config.port):
            self._store.close()
            self._store = None
            raise HostStartError(describe_listen_error(self._server, self.config.port))
        self._running = True
        self._stopping = False
        log.info("hosting %r on %s:%d", self.config.session_name, address.toString(), self.port)
        if self.config.announce:
            self._announcer = BeaconAnnouncer(
                self._beacon(), self.config.discovery_port, parent=self
            )
            self._announcer.start()
        self.started.emit(self.port)

    def _make_server(self) -> ChatServer:
        """The chat server: TLS with the host's identity, or the plaintext benchmark
        server."""
        self.identity = self._serving_identity()
        if self._server is not None:
            self._server.deleteLater()
        server = create_chat_server(self.identity, self)
        server.connection_ready.connect(self._on_connection_ready)
        return server

    def _serving_identity(self) -> DeviceIdentity | None:
        """The identity to serve with (None: plaintext, on loopback only).

        Raises:
            HostStartError: plaintext asked for elsewhere than on loopback, no TLS
                library, or the identity cannot be loaded or made.
        """
        config = self.config
        if config.plaintext_loopback:
            if _is_loopback(config.bind_address):
                return None
            raise HostStartError(
                QCoreApplication.translate(
                    "HostService",
                    "Without TLS the host listens on a loopback address only "
                    "(127.0.0.1 or ::1): it is for benchmarks, not for people.",
                )
            )
        if not tls_available():
            raise HostStartError(
                QCoreApplication.translate(
                    "HostService",
                    "This computer has no TLS library Messenger can use (OpenSSL 3): "
                    "the host cannot keep the session private. Install OpenSSL, then "
                    "start it again.",
                )
            )
        if config.identity is not None:
            return config.identity
        try:
            identity, _made = load_or_create_identity(
                self.config.data_dir, self.config.session_name
            )
        except StoreError as error:
            raise HostStartError(describe_identity_error(error)) from error
        return identity

    def stop(self, message: str = "") -> None:
        """Tells every member the session ended, disconnects them, closes the store.

        ``stopped`` is emitted when done (at once when nobody is connected; at most
        STOP_GRACE_MS later otherwise).
        """
        if not self._running or self._stopping:
            return
        self._stopping = True
        if self._server is not None:
            self._server.stop()
        if self._announcer is not None:
            self._announcer.stop()
            self._announcer.deleteLater()
            self._announcer = None
        self.flush()
        text = message or QCoreApplication.translate("HostService", "The host ended the session.")
        for member in list(self._members):
            member.close_with_bye(text)
        if self._members:
            self._stop_timer.start(STOP_GRACE_MS)
        else:
            self._finish_stop()

    def flush(self) -> None:
        """Commits what arrived since the last flush, then relays and acknowledges it
        (after the presence frames of the same turn)."""
        if self._presence:
            self._flush_presence()
        self._flush_messages()

    def _flush_messages(self) -> None:
        if not self._pending or self._store is None:
            return
        pending, self._pending = self._pending, []
        try:
            self._store.commit()
        except StoreError as error:
            self._refuse_uncommitted(pending, error)
            return
        self._storage.worked()
        # Encode each message once, join everything due to one socket, write it once.
        frames_by_room: dict[str, list[bytes]] = {}
        acks: dict[MemberConnection, list[bytes]] = {}
        for message, is_new, sender in pending:
            if is_new:
                frames_by_room.setdefault(message.room, []).append(
                    encode_message(_to_event(message))
                )
            acks.setdefault(sender, []).append(encode_ack(message.id, message.seq))
        blocks = {room: b"".join(frames) for room, frames in frames_by_room.items()}
        # Senders first, so they can send more while the others are written to; each
        # gets its rooms' messages, then its acks (PROTOCOL.md: message before ack).
        for sender, sender_acks in acks.items():
            own = [block for room, block in blocks.items() if room in sender.rooms]
            sender.send_bytes(b"".join(own + sender_acks))
        for room, block in blocks.items():
            for member in list(self._rooms.get(room, {})):  # a send may drop one
                if member not in acks:
                    member.send_bytes(block)

    def _refuse_uncommitted(
        self, pending: list[tuple[StoredMessage, bool, MemberConnection]], error: StoreError
    ) -> None:
        """None of ``pending`` was stored: each sender is told, and refused what it
        sends next until it sends its first failed message again."""
        self._storage.failed(error, len(pending))
        first_failed: dict[MemberConnection, str] = {}
        for message, _is_new, sender in pending:
            first_failed.setdefault(sender, message.id)
            sender.send_bytes(self._storage.error_frame(message.id))
        for sender, message_id in first_failed.items():
            sender.failed_say = message_id

    def _flush_presence(self) -> None:
        """One write per member for all the joins and leaves of its rooms since the
        last flush (one per event would be O(n²) writes when an office arrives)."""
        presence, self._presence = self._presence, {}
        for room, queued in presence.items():
            shared = b"".join(queued.frames)
            for member in list(self._rooms.get(room, {})):  # a send may drop one
                if member in queued.concerned:
                    member.send_bytes(queued.block_for(member))
                else:
                    member.send_bytes(shared)

    def _queue_presence(self, room: str, member: MemberConnection, status: str) -> None:
        user = member.user_id or None
        frame = encode_event(Presence(room=room, name=member.name, status=status, user=user))
        self._presence.setdefault(room, RoomPresence()).add(frame, member)
        if not self._presence_timer.isActive():
            self._presence_timer.start(presence_delay_ms(self.member_count))

    # -- connections -----------------------------------------------------------

    def _on_connection_ready(self, socket: QTcpSocket, fingerprint: str) -> None:
        member = MemberConnection(socket, fingerprint, self._on_event, self)
        self._members[member] = None
        member.drained.connect(lambda m=member: self._pump_replay(m))
        member.closed.connect(lambda m=member: self._on_member_closed(m))
        if socket.state() != QAbstractSocket.SocketState.ConnectedState:
            self._on_member_closed(member)

    def _on_member_closed(self, member: MemberConnection) -> None:
        if member not in self._members:
            return
        was_welcomed = member.welcomed and not member.replaced
        del self._members[member]
        self._forget(member)
        member.deleteLater()
        if was_welcomed:
            self._members_changed()
        if self._stopping and not self._members:
            self._finish_stop()

    def _on_event(self, member: MemberConnection, event: Event) -> None:
        if self._stopping:
            return
        if isinstance(event, Say):  # the common case first
            self._on_say(member, event)
        elif isinstance(event, Hello):
            self._on_hello(member, event)
        elif isinstance(event, Join):
            self._on_join(member, event)
        elif isinstance(event, Leave):
            if event.room in member.rooms:
                self._remove_from_room(member, event.room)
        elif isinstance(event, Ping):
            member.send(Pong())
        elif isinstance(event, History):
            self._on_history(member, event)

    def _forget(self, member: MemberConnection) -> None:
        """``member`` no longer counts: out of its rooms, its name free for its
        identity (only: the identity holds it)."""
        self._member_names.release(member, member.name)
        if self._by_user.get(member.user_id) is member:
            del self._by_user[member.user_id]
        for room in list(member.rooms):
            self._remove_from_room(member, room)

    def _replace(self, stale: MemberConnection) -> None:
        """The same identity said hello on another connection: the old one (a dropped
        network the host has not noticed yet, or the same device twice) goes."""
        log.info("%s connected again from another connection: closing %s", stale.name, stale.peer)
        stale.replaced = True
        self._forget(stale)
        stale.close_with_bye(
            QCoreApplication.translate(
                "HostService", "This device connected to the session again elsewhere."
            ),
            reason=BYE_REPLACED,
        )

    def _on_hello(self, member: MemberConnection, hello: Hello) -> None:
        stale = self._by_user.get(member.user_id) if member.user_id else None
        if stale is not None:
            self._replace(stale)
        name = self._member_names.assign(member, member.user_id, clean_name(hello.name))
        if member.user_id:
            self._by_user[member.user_id] = member
        assert self._store is not None
        welcome = Welcome(
            host=self.host_id,
            session=self.config.session_name,
            you=name,
            epoch=self._store.epoch,
            user=member.user_id or None,
        )
        member.send(welcome)
        member.mark_welcomed(name, hello.client)
        self._members_changed()

    def _on_join(self, member: MemberConnection, join: Join) -> None:
        if member.replay is not None:
            member.send(Error(code="bad_frame", message="a join is already being answered"))
            return
        assert self._store is not None
        self._flush_messages()  # the store and the live relay agree
        latest = max(0, self._store.last_seq(join.room) - REPLAY_LIMIT)
        if join.since is None:
            after = latest
        elif self._epoch is not None and self._epoch.diverges(join):
            member.send(RoomReset(room=join.room, epoch=self._epoch.renew(join)))
            after = latest
        else:
            after = join.since
        rejoin = join.room in member.rooms
        if rejoin:
            self._rooms[join.room].pop(member, None)
            member.rooms.discard(join.room)
        member.replay = ReplayCursor(room=join.room, after=after, announce=not rejoin)
        self._pump_replay(member)

    def _pump_replay(self, member: MemberConnection) -> None:
        cursor = member.replay
        if cursor is None or self._store is None or cursor.pumping:
            return  # (a write can report progress synchronously: no re-entry)
        cursor.pumping = True
        try:
            self._pump_pages(member, cursor)
        finally:
            cursor.pumping = False

    def _pump_pages(self, member: MemberConnection, cursor: ReplayCursor) -> None:
        assert self._store is not None
        self._flush_messages()  # the store and the live relay agree
        while member.pending_output <= REPLAY_HIGH_WATER_BYTES:
            page = self._store.messages_after(cursor.room, cursor.after, REPLAY_PAGE)
            if not page:
                member.replay = None
                self._add_to_room(member, cursor.room, announce=cursor.announce)
                return
            member.send_bytes(b"".join(encode_message(_to_event(m)) for m in page))
            cursor.after = page[-1].seq
        member.wait_for_drain()  # (paused: it goes on when drained)

    def _on_history(self, member: MemberConnection, request: History) -> None:
        if request.room not in member.rooms:
            message = f"join {request.room!r} before asking for its history"
            member.send(Error(code="not_in_room", message=message))
            return
        assert self._store is not None
        self._flush_messages()  # the store and the live relay agree
        limit = max(1, min(request.limit, HISTORY_PAGE_LIMIT))
        page = self._store.messages_before(request.room, request.before, limit)
        budget = MAX_FRAME_BYTES - 512  # room for the page's own fields
        kept: list[Message] = []
        for stored in reversed(page):  # keep the newest that fit
            event = _to_event(stored)
            budget -= len(encode_event(event))
            if budget < 0:
                break
            kept.append(event)
        kept.reverse()
        member.send(HistoryPage(room=request.room, before=request.before, messages=tuple(kept)))

    def _on_say(self, member: MemberConnection, say: Say) -> None:
        if say.room not in member.rooms:
            member.send(Error(code="not_in_room", message=f"join {say.room!r} before saying"))
            return
        assert self._store is not None
        if member.failed_say is not None:
            if say.id != member.failed_say:  # stored, it would overtake the failed one
                self._storage.refused_one()
                member.send_bytes(self._storage.error_frame(say.id))
                return
            member.failed_say = None
        try:
            stored, is_new = self._store.append(
                say.room, member.name, member.client_id, say.id, say.text, _now_ms(), member.user_id
            )
        except StoreError as error:
            self._storage.failed(error)
            member.failed_say = say.id
            member.send_bytes(self._storage.error_frame(say.id))
            return
        self._pending.append((stored, is_new, member))
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    # -- rooms -----------------------------------------------------------------

    def _add_to_room(self, member: MemberConnection, room: str, *, announce: bool) -> None:
        assert self._store is not None
        members = self._rooms.setdefault(room, {})
        members[member] = None
        member.rooms.add(room)
        listed = self._listed(members)
        member.send(Joined(room=room, members=listed, last_seq=self._store.last_seq(room)))
        if announce:
            self._queue_presence(room, member, PRESENCE_JOINED)
        else:
            self._presence.get(room, RoomPresence()).joined_now(member)

    def _remove_from_room(self, member: MemberConnection, room: str) -> None:
        members = self._rooms.get(room, {})
        members.pop(member, None)
        member.rooms.discard(room)
        if not members:
            self._rooms.pop(room, None)
            self._presence.pop(room, None)
            return
        self._queue_presence(room, member, PRESENCE_LEFT)

    # -- helpers ---------------------------------------------------------------

    @staticmethod
    def _listed(members: Iterable[MemberConnection]) -> tuple[Member, ...]:
        ordered = sorted(members, key=lambda m: m.name.casefold())
        return tuple(Member(m.name, m.user_id or None) for m in ordered)

    def _beacon(self) -> Beacon:
        return Beacon(
            host=self.host_id,
            session=self.config.session_name,
            port=self.port,
            members=self.member_count,
            fingerprint=self.fingerprint,
            auth="open",
        )

    def _members_changed(self) -> None:
        if self._announcer is not None:
            self._announcer.update(self._beacon())
        self.members_changed.emit(self.member_count)

    def _abort_remaining(self) -> None:
        for member in list(self._members):
            member.abort()

    def _finish_stop(self) -> None:
        self._stop_timer.stop()
        self._presence_timer.stop()
        self.flush()
        if self._store is not None:
            self._store.close()
            self._store = None
            self._epoch = None
        self._running = False
        self._stopping = False
        log.info("host stopped")
        self.stopped.emit()


def _to_event(message: StoredMessage) -> Message:
    return Message(
        room=message.room,
        seq=message.seq,
        id=message.id,
        sender=message.sender,
        ts=message.ts,
        text=message.text,
        user=message.user or None,
    )


def _is_loopback(address: str | None) -> bool:
    return address is not None and QHostAddress(address).isLoopback()


def _now_ms() -> int:
    return time.time_ns() // 1_000_000
