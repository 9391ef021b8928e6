"""The host service: accepts members, relays room messages, stores history.

Its parts: ``Members`` (connections, names, welcome), ``MemberRequests`` (each
frame to its handler), ``MessageRelay`` (say), ``RoomHistory`` (joins, pages),
``Admission`` (who may join); this module starts and stops them together.
"""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QHostAddress

from ..core.identity import DeviceIdentity
from ..net.chat_server import ChatServer
from ..net.chat_stream import ChatStream
from ..net.descriptor_limit import connection_limit, raise_descriptor_limit
from ..net.sockets import create_chat_server
from ..protocol import Beacon
from ..store import HistoryStore, StoreError
from .admission import Admission
from .announcements import AnnouncePolicy
from .announcer import BeaconAnnouncer
from .config import HostConfig
from .disk_space import DiskSpace
from .history_epoch import HistoryEpoch
from .listen_errors import describe_listen_error
from .loop_share import LoopShare
from .member_connection import MemberConnection
from .member_requests import MemberRequests
from .membership import Members
from .output_budget import OutputBudget
from .people_directory import PeopleDirectory
from .relay import MessageRelay
from .request_limits import RequestLimiter
from .room_access import RoomAccess
from .room_catalog import RoomCatalog
from .room_history import RoomHistory
from .rooms import Rooms
from .serving_identity import serving_identity
from .start_error import HostStartError
from .store_errors import describe_store_error

log = logging.getLogger(__name__)

HISTORY_FILE = "history.sqlite3"
STOP_GRACE_MS = 2_000


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
        self._rooms = Rooms(self.flush, lambda: self.member_count, self)
        self._relay = MessageRelay(self._rooms, config.say_limits, self.flush, self)
        self._members = Members(self._rooms, self._relay, self)
        self._members.changed.connect(self._on_members_changed)
        self._members.gone.connect(self._on_member_gone)
        self._members.emptied.connect(self._on_last_connection_closed)
        self._admission: Admission | None = None  # (with the store)
        self._history: RoomHistory | None = None  # (with the store)
        self._requests: MemberRequests | None = None  # (with the history)
        self._catalog: RoomCatalog | None = None  # (with the store)
        self._announcements = AnnouncePolicy(config.announcements, config.owners)
        self.disk = DiskSpace(config.data_dir, config.disk_low_bytes, self)
        """The free space of the history's disk (``low`` and ``recovered`` say when
        it runs short)."""
        self._request_limiter = RequestLimiter(config.request_limits)
        self._output_budget = OutputBudget(config.output_limit_bytes)
        self._loop_share = LoopShare(self)
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
        return self._members.count

    def members(self) -> list[tuple[str, str]]:
        """(name, user id) of each member let in, by name."""
        return self._members.listing()

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

    def set_announcements(self, mode: str) -> None:
        """Who may announce from now on (``HostConfig.announcements``); every member
        let in is told what it may do now (``permissions``).

        Raises:
            ValueError: an unknown mode.
        """
        changed = mode != self._announcements.mode
        self._announcements.set_mode(mode)
        self.config = dataclasses.replace(self.config, announcements=mode)
        if changed:
            self._members.tell_permissions()

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
        self._members.remove(user)

    def ban(self, user: str) -> None:
        """The owner bans device ``user``: removed now, refused from now on (not the
        owner's own device)."""
        if self._admission is not None and user != self.fingerprint:
            self._members.ban(user, self._admission)

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
        self._start_parts(self._store)
        address = (
            QHostAddress(self.config.bind_address)
            if self.config.bind_address
            else QHostAddress(QHostAddress.SpecialAddress.Any)
        )
        if not self._server.listen(address, self.config.port):
            self._relay.store = None
            self._members.close()
            if self._catalog is not None:
                self._catalog.deleteLater()
                self._catalog = None
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

    def _start_parts(self, store: HistoryStore) -> None:
        """The parts that serve ``store``: members' names, admission, history."""
        self._relay.store = store
        limiter = self._request_limiter
        catalog = RoomCatalog(store, self._rooms, self._relay.flush_messages, limiter, self)
        access = RoomAccess(store, catalog, self._members.connection_of)
        self._catalog = catalog
        self._rooms.topic_of = access.topic
        # names and rooms are held by identities (none on a plaintext host)
        keep_names = self.identity is not None
        self._announcements = AnnouncePolicy(
            self.config.announcements, {*self.config.owners, self.fingerprint}
        )
        self._members.open(
            store,
            self.config.session_name,
            keep_names=keep_names,
            room_states=access.welcome_rooms if keep_names else None,
            permissions=self._announcements.permissions,
        )
        self._admission = self._make_admission(store)
        epoch = HistoryEpoch(store)
        self._history = RoomHistory(
            store, epoch, self._rooms, self._relay.flush_messages, limiter, self
        )
        self._requests = MemberRequests(
            self._admission,
            self._history,
            self._relay,
            self._rooms,
            limiter,
            catalog,
            access,
            self._members,
            PeopleDirectory(store, limiter),
            self._announcements,
        )

    def _make_admission(self, store: HistoryStore) -> Admission:
        config = self.config
        records = store if self.identity is not None else None
        admission = Admission(
            config.admission,
            config.password,
            self.fingerprint,
            records,
            config.allowed,
            self._members.welcome,
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
        if self._requests is not None:
            self._requests.stop()
        if self._server is not None:
            self._server.stop()
        if self._announcer is not None:
            self._announcer.stop()
            self._announcer.deleteLater()
            self._announcer = None
        self.flush()
        text = message or QCoreApplication.translate("HostService", "The host ended the session.")
        self._members.close_all(text)
        if self._members.connections:
            self._stop_timer.start(STOP_GRACE_MS)
        else:
            self._finish_stop()

    def flush(self) -> None:
        """Commits what arrived since the last flush, then relays and acknowledges it
        (after the presence frames of the same turn)."""
        self._rooms.flush_presence()
        self._relay.flush_messages()

    # -- connections -----------------------------------------------------------

    def _on_connection_ready(self, stream: ChatStream) -> None:
        assert self._requests is not None
        member = MemberConnection(
            stream, self._requests.handle, self, self._output_budget, self._loop_share
        )
        member.drained.connect(lambda m=member: self._resume_history(m))
        self._members.add(member)
        if stream.socket.state() != QAbstractSocket.SocketState.ConnectedState:
            self._members.drop(member)

    def _resume_history(self, member: MemberConnection) -> None:
        if self._history is not None:
            self._history.resume(member)

    def _on_member_gone(self, member: MemberConnection) -> None:
        if self._requests is not None:
            self._requests.forget(member)

    def _on_members_changed(self, count: int) -> None:
        if self._announcer is not None:
            self._announcer.update(self._beacon())
        self.members_changed.emit(count)

    def _on_last_connection_closed(self) -> None:
        if self._stopping:
            self._finish_stop()

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

    def _abort_remaining(self) -> None:
        self._members.abort_all()

    def _finish_stop(self) -> None:
        self._stop_timer.stop()
        self._members.close()
        self.disk.stop()
        self._rooms.stop()
        self.flush()
        if self._catalog is not None:  # (its changes committed before the store closes)
            self._catalog.stop()
            self._catalog.deleteLater()
            self._catalog = None
        if self._history is not None:
            self._history.stop()
            self._history = None
            self._requests = None
        if self._store is not None:
            self._relay.store = None
            self._store.close()
            self._store = None
        self._running = False
        self._stopping = False
        log.info("host stopped")
        self.stopped.emit()
