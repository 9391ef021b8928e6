"""The host service: accepts members, relays room messages, stores history."""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QHostAddress

from ..core.identity import DeviceIdentity
from ..core.names import clean_name
from ..net.chat_server import ChatServer
from ..net.chat_stream import ChatStream
from ..net.descriptor_limit import connection_limit, raise_descriptor_limit
from ..net.sockets import create_chat_server
from ..protocol import (
    Error,
    Event,
    Hello,
    History,
    Join,
    Leave,
    Ping,
    Pong,
    Say,
    Welcome,
)
from ..protocol.beacon import Beacon
from ..protocol.events import (
    ADMISSION_CLIENT_TYPES,
    BYE_REMOVED,
    BYE_REPLACED,
)
from ..store import HistoryStore, StoreError
from .admission import Admission
from .announcer import BeaconAnnouncer
from .config import HostConfig
from .disk_space import DiskSpace
from .history_epoch import HistoryEpoch
from .listen_errors import describe_listen_error
from .loop_share import LoopShare
from .member_connection import MemberConnection
from .member_names import MemberNames
from .output_budget import OutputBudget
from .relay import MessageRelay
from .request_limits import RequestLimiter
from .room_history import RoomHistory
from .rooms import Rooms
from .serving_identity import serving_identity
from .start_error import HostStartError
from .store_errors import describe_store_error

log = logging.getLogger(__name__)

HISTORY_FILE = "history.sqlite3"
REPLAY_PAGE = 256
STOP_GRACE_MS = 2_000
NAMES_COMMIT_MS = 50
"""The names members took are committed this long after the first (one fsync for an
office arriving, not one per member)."""


class HostService(QObject):
    """A Messenger host: the same service in the window and in ``messenger host``.

    Messages are stored (committed) before they are acknowledged or relayed; all
    messages that arrive in one turn of the event loop share one commit.

    Signals:
        started(int): listening, on this TCP port.
        stopped(): every member was told and disconnected; the store is closed.
        members_changed(int): the number of connected members changed.
        approval_requested(object): a device waits for the owner (an ApprovalRequest;
            answer with ``approve`` or ``refuse``).
        approval_ended(str): that user id no longer waits.
    """

    started = Signal(int)
    stopped = Signal()
    members_changed = Signal(int)
    approval_requested = Signal(object)
    approval_ended = Signal(str)

    def __init__(self, config: HostConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self._store: HistoryStore | None = None
        self._server: ChatServer | None = None  # (made at start, with the identity)
        self.identity: DeviceIdentity | None = None
        """The key and certificate the host serves with (None before ``start``, and
        on a plaintext benchmark host)."""
        self._members: dict[MemberConnection, None] = {}
        self._rooms = Rooms(self.flush, lambda: self.member_count, self)
        self._member_names = MemberNames(None)  # (with the store, at start)
        self._admission: Admission | None = None  # (with the store)
        self._history: RoomHistory | None = None  # (with the store)
        self._by_user: dict[str, MemberConnection] = {}  # welcomed members, by user id
        self.disk = DiskSpace(config.data_dir, config.disk_low_bytes, self)
        """The free space of the history's disk (``low`` and ``recovered`` say when
        it runs short)."""
        self._relay = MessageRelay(self._rooms, config.say_limits, self.flush, self)
        self._request_limiter = RequestLimiter(config.request_limits)
        self._output_budget = OutputBudget(config.output_limit_bytes)
        self._loop_share = LoopShare(self)
        self._epoch: HistoryEpoch | None = None  # (with the store)
        self._names_timer = QTimer(self)  # names taken are committed together
        self._names_timer.setSingleShot(True)
        self._names_timer.setInterval(NAMES_COMMIT_MS)
        self._names_timer.timeout.connect(self._commit_names)
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
    def unsent_bytes(self) -> int:
        """What the host holds for its connections that the network has not taken
        yet (beyond the kernels' buffers), all together."""
        return self._output_budget.total

    @property
    def member_count(self) -> int:
        """Connected members that said hello."""
        return self._member_names.count

    def members(self) -> list[tuple[str, str]]:
        """(name, user id) of each member let in, by name."""
        return sorted(((m.name, m.user_id) for m in self._by_user.values()), key=lambda n: n[0])

    def set_admission(self, mode: str, password: str = "") -> None:
        """Who may join from now on (``HostConfig.admission``; the beacon says it).

        Raises:
            ValueError: an unknown mode, or "password" without a password.
        """
        if mode == "password" and not password:
            raise ValueError("a password session needs a password")
        self.config = dataclasses.replace(self.config, admission=mode, password=password)
        if self._admission is not None:
            self._admission.set_mode(mode, password)
        if self._announcer is not None:
            self._announcer.update(self._beacon())

    def approve(self, user: str) -> None:
        """The owner lets waiting device ``user`` in (and at its later joins)."""
        if self._admission is not None:
            self._admission.approve(user)

    def refuse(self, user: str) -> None:
        """The owner sends waiting device ``user`` away."""
        if self._admission is not None:
            self._admission.refuse(user)

    def remove_member(self, user: str) -> None:
        """The owner removes member ``user`` from the session (it may join again)."""
        member = self._by_user.get(user)
        if member is None:
            return
        log.info("the owner removes %s (%s)", member.name, member.peer)
        self._forget(member)
        text = QCoreApplication.translate(
            "HostService", "The host's owner removed you from the session."
        )
        member.close_with_bye(text, reason=BYE_REMOVED)

    def ban(self, user: str) -> None:
        """The owner bans device ``user``: removed now, refused from now on (not the
        owner's own device)."""
        if self._admission is None or user == self.fingerprint:
            return
        member = self._by_user.get(user)
        self._admission.ban(user, member.name if member is not None else "")
        self.remove_member(user)

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
        self._relay.store = self._store
        # names are held by identities (none on a plaintext host: nobody has one)
        self._member_names = MemberNames(self._store if self.identity is not None else None)
        self._admission = self._make_admission(self._store)
        self._history = RoomHistory(
            self._store,
            self._epoch,
            self._rooms,
            self._relay.flush_messages,
            self._request_limiter,
            self,
        )
        address = (
            QHostAddress(self.config.bind_address)
            if self.config.bind_address
            else QHostAddress(QHostAddress.SpecialAddress.Any)
        )
        if not self._server.listen(address, self.config.port):
            self._relay.store = None
            self._store.close()
            self._store = None
            raise HostStartError(describe_listen_error(self._server, self.config.port))
        self._running = True
        self._stopping = False
        self.disk.start()
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
        self.identity = serving_identity(self.config)
        if self._server is not None:
            self._server.deleteLater()
        server = create_chat_server(self.identity, self)
        server.room.max_connections = connection_limit(raise_descriptor_limit())
        log.info("holding up to %d connections", server.room.max_connections)
        server.connection_ready.connect(self._on_connection_ready)
        return server

    def _make_admission(self, store: HistoryStore) -> Admission:
        config = self.config
        records = store if self.identity is not None else None
        admission = Admission(
            config.admission,
            config.password,
            self.fingerprint,
            records,
            config.allowed,
            self._welcome,
            self,
        )
        admission.approval_requested.connect(self.approval_requested)
        admission.approval_ended.connect(self.approval_ended)
        return admission

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
        self._rooms.flush_presence()
        self._relay.flush_messages()

    def _commit_names(self) -> None:
        """Commits the names taken since the last commit (messages waiting for a
        flush take them along: their commit is the flush's)."""
        if self._store is None or self._relay.pending or not self._store.uncommitted:
            return
        try:
            self._store.commit()
        except StoreError as error:  # (held while connected; asked again next time)
            log.warning("cannot keep the names members took: %s", error)

    # -- connections -----------------------------------------------------------

    def _on_connection_ready(self, stream: ChatStream) -> None:
        socket = stream.socket
        member = MemberConnection(
            stream, self._on_event, self, self._output_budget, self._loop_share
        )
        self._members[member] = None
        member.drained.connect(lambda m=member: self._resume_history(m))
        member.closed.connect(lambda m=member: self._on_member_closed(m))
        if socket.state() != QAbstractSocket.SocketState.ConnectedState:
            self._on_member_closed(member)

    def _on_member_closed(self, member: MemberConnection) -> None:
        if member not in self._members:
            return
        was_welcomed = member.welcomed and not member.replaced
        del self._members[member]
        if self._admission is not None:
            self._admission.forget(member)
        self._forget(member)
        self._relay.forget(member)
        self._request_limiter.forget(member)
        if self._history is not None:
            self._history.forget(member)
        member.deleteLater()
        if was_welcomed:
            self._members_changed()
        if self._stopping and not self._members:
            self._finish_stop()

    def _on_event(self, member: MemberConnection, event: Event) -> None:
        if self._stopping:
            return
        if not member.welcomed:
            self._before_welcome(member, event)
        elif isinstance(event, Say):  # the common case first
            self._relay.say(member, event)
        elif isinstance(event, Join):
            self._on_join(member, event)
        elif isinstance(event, Leave):
            self._on_leave(member, event)
        elif isinstance(event, Ping):
            self._on_ping(member)
        elif isinstance(event, History):
            self._on_history(member, event)

    def _forget(self, member: MemberConnection) -> None:
        """``member`` no longer counts: out of its rooms, its name free for its
        identity (only: the identity holds it)."""
        self._member_names.release(member, member.name)
        if self._by_user.get(member.user_id) is member:
            del self._by_user[member.user_id]
        for room in list(member.rooms):
            self._rooms.remove(member, room)
        if member.replay is not None:  # (listed already, while its join is answered)
            self._rooms.remove(member, member.replay.room)
            member.replay = None
        member.joins_waiting.clear()
        member.pages_asked.clear()

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

    def _before_welcome(self, member: MemberConnection, event: Event) -> None:
        """A frame of a member not let in yet: only its hello, admission frames and
        pings are answered; it gets nothing of the session."""
        assert self._admission is not None
        if isinstance(event, Hello):
            member.hello_received()
            self._admission.begin(member, event)
        elif event.TYPE in ADMISSION_CLIENT_TYPES:
            self._admission.on_event(member, event)
        elif isinstance(event, Ping):
            self._on_ping(member)
        else:
            text = "wait until the host lets you in"
            member.send(Error(code="not_admitted", message=text))

    def _welcome(self, member: MemberConnection, hello: Hello) -> None:
        """``member`` is let in: it gets its name and the welcome."""
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
        # Repeats are found by (room, sender, id): the sender is its identity, which
        # nobody else can present; ``hello.client`` anyone may claim (plaintext only).
        member.mark_welcomed(name, member.user_id or hello.client)
        if not self._names_timer.isActive():  # (the name it now holds, with others)
            self._names_timer.start()
        self._members_changed()

    def _on_join(self, member: MemberConnection, join: Join) -> None:
        assert self._history is not None
        refusal = self._request_limiter.join_refusal(member)
        if refusal is not None:
            member.refuse(refusal)
        else:
            self._history.join(member, join)

    def _on_leave(self, member: MemberConnection, leave: Leave) -> None:
        assert self._history is not None
        if self._history.cancel(member, leave.room):
            return
        if leave.room in member.rooms:
            self._rooms.remove(member, leave.room)

    def _on_ping(self, member: MemberConnection) -> None:
        refusal = self._request_limiter.ping_refusal(member)
        if refusal is not None:
            member.refuse(refusal)
        else:
            member.send(Pong())

    def _resume_history(self, member: MemberConnection) -> None:
        if self._history is not None:
            self._history.resume(member)

    def _on_history(self, member: MemberConnection, request: History) -> None:
        assert self._history is not None
        self._history.page(member, request)

    # -- helpers ---------------------------------------------------------------

    def _beacon(self) -> Beacon:
        return Beacon(
            host=self.host_id,
            session=self.config.session_name,
            port=self.port,
            members=self.member_count,
            fingerprint=self.fingerprint,
            auth=self.config.admission,
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
        self._names_timer.stop()
        self.disk.stop()
        self._rooms.stop()
        self.flush()
        if self._history is not None:
            self._history.stop()
            self._history = None
        if self._store is not None:
            self._relay.store = None
            self._store.close()
            self._store = None
            self._epoch = None
        self._running = False
        self._stopping = False
        log.info("host stopped")
        self.stopped.emit()
