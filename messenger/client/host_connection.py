"""A client's connection to a host: handshake, room membership, sending,
reconnecting by itself after a drop, and noticing a host that went silent."""

from __future__ import annotations

import dataclasses
import enum
import itertools
import logging
import random
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket

from ..net.sockets import create_tls_socket
from ..net.tls import peer_fingerprint, tls_configuration
from ..protocol import (
    Ack,
    Bye,
    Connection,
    CreateRoom,
    Error,
    Event,
    Hello,
    History,
    HistoryPage,
    Join,
    Joined,
    Leave,
    Member,
    MemberList,
    Message,
    People,
    PeopleList,
    PeoplePart,
    Permissions,
    Ping,
    Pong,
    Presence,
    Read,
    RemoteProtocolError,
    Rename,
    Renamed,
    Role,
    RoomList,
    RoomReset,
    Rooms,
    RoomUpdate,
    Say,
    SetTopic,
    State,
    Welcome,
)
from ..protocol.events import (
    BYE_SESSION_ENDED,
    FEATURE_ANNOUNCEMENTS,
    FEATURE_APPROVAL,
    FEATURE_PASSWORD,
    FEATURE_PEOPLE,
    FEATURE_ROOMS,
    PERMISSION_ANNOUNCE,
    TOO_MANY_REQUESTS,
)
from ..protocol.limits import DEFAULT_ROOM, FATAL_ERROR_CODES
from ..store import StoreError
from .connection_texts import bye_text, socket_error_text
from .error_words import error_words
from .host_admission import HostAdmission
from .join_pacer import JoinPacer
from .room_joins import RoomJoins

if TYPE_CHECKING:
    from ..core.identity import DeviceIdentity
    from .host_trust import HostTrust, IdentityChange

log = logging.getLogger(__name__)

PING_INTERVAL_MS = 15_000
"""A ping goes out after this long without anything from the host."""
SILENCE_LIMIT_MS = 45_000
"""A host silent for this long (pings unanswered) is taken as gone."""
WELCOME_TIMEOUT_MS = 15_000
"""An attempt that has no welcome this long after it began is given up (and retried)."""
EVENTS_PER_TURN = 25
"""Events handled in one turn of the event loop at most: the rest wait for the next
turn, so that a burst from the host (a busy room, a long replay) never holds up the
window."""
EVENTS_BUDGET_S = 0.006
"""Time one turn spends handling events at most (then the rest wait for the next
turn, as beyond EVENTS_PER_TURN): the arrivals an event sets off (the cache, the
sidebar, its painting) come on top, within the window's 16 ms."""


REQUESTS = (Join, Say, Leave, Ping, History, Rooms, CreateRoom, SetTopic, Read, Rename)
"""The frames that carry a ``ref`` (each request gets the next one)."""
Request = Join | Say | Leave | Ping | History | Rooms | CreateRoom | SetTopic | Read | Rename


class ConnectionState(enum.Enum):
    """What the connection is doing now."""

    DISCONNECTED = "disconnected"
    """Not connected and not trying (never connected, left on purpose, session ended)."""
    CONNECTING = "connecting"
    """A first connection to this address is under way."""
    CONNECTED = "connected"
    """Welcomed by the host."""
    RECONNECTING = "reconnecting"
    """The connection broke; retrying with growing delays."""


class NotConnectedError(Exception):
    """A message was sent while not connected to a host."""


class HostConnection(QObject):
    """Connects to one host at a time and joins its rooms.

    Once a host has welcomed us, a broken connection (drop, host restart, network
    change, silent host) is retried by itself with exponential backoff and jitter,
    capped at ``backoff_cap`` seconds; each retry joins with ``since`` = the last seq
    seen in each room, so nothing is missed and nothing repeats.

    Every connection is TLS, with ``identity``'s certificate: the host knows us by
    it. ``hello`` goes out once the connection is encrypted and, with a ``trust``, the
    host's certificate is the one pinned for the host expected there; the host id
    that welcomes us is checked (and pinned on first use) before we join. A changed
    certificate stops the connection, with no retry: ``identity_changed``.

    Args:
        name: The display name asked for (the host may make it unique).
        client_id: A stable id of this installation.
        rooms: The rooms joined after every handshake (``join_room`` and
            ``leave_room`` change them).
        identity: This installation's key and certificate (``set_identity`` when it
            is loaded later; connecting needs one).

    Signals:
        state_changed(object): the new ConnectionState.
        welcomed(object): the host's Welcome (handlers may call ``remember_seq``).
        joined(object): Joined, after the replay of a room's missed messages.
        message_received(object): a Message of a room (own ones included).
        history_received(object): a HistoryPage answering ``request_history``.
        acked(object): an Ack of one of our messages.
        presence_changed(object): a Presence (someone joined or left).
        error_received(object): an Error frame from the host.
        room_list_received(object): the session's rooms (a RoomList; asked after
            every welcome from a host that keeps a room directory).
        room_updated(object): a RoomUpdate: a room was made, or its topic or member
            count changed.
        people_listed(object): everyone the session knows, connected or not (a
            tuple of Member; asked after every welcome from a host that can tell).
        member_renamed(object): a Renamed: a member (perhaps us: then ``you`` and
            ``name`` are the new name already) changed its display name.
        permissions_changed(): what the host lets us do changed (``may_announce``).
        room_reset(object): a RoomReset: the host's history of the room is not the
            one we saw (reset, or restored from an older copy); its latest messages
            and ``joined`` follow.
        identity_changed(object): an IdentityChange: the host showed another
            certificate than the one pinned; disconnected, not retrying (the user may
            ``HostTrust.accept`` it and connect again).
        first_contact(str): a host id met for the first time welcomed us; its
            fingerprint, now pinned (the user may compare it with the host's owner).
        session_ended(str): the host closed the connection on purpose (why, for
            people): it ended the session (we rejoin when it comes back:
            ``waiting_for_host``), removed us, or another connection of ours replaced
            this one (then we stay away).
        connection_lost(str): could not connect, or the connection broke; why, for
            people (``retry_in`` tells when the next try is, if there is one).
    """

    state_changed = Signal(object)
    welcomed = Signal(object)
    joined = Signal(object)
    message_received = Signal(object)
    history_received = Signal(object)
    acked = Signal(object)
    presence_changed = Signal(object)
    error_received = Signal(object)
    room_reset = Signal(object)
    room_list_received = Signal(object)
    room_updated = Signal(object)
    people_listed = Signal(object)
    member_renamed = Signal(object)
    permissions_changed = Signal()
    identity_changed = Signal(object)
    first_contact = Signal(str)
    session_ended = Signal(str)
    connection_lost = Signal(str)

    def __init__(
        self,
        name: str,
        client_id: str,
        rooms: tuple[str, ...] = (DEFAULT_ROOM,),
        parent: QObject | None = None,
        *,
        identity: DeviceIdentity | None = None,
    ) -> None:
        super().__init__(parent)
        self.identity = identity
        self.trust: HostTrust | None = None
        """Checks the host's certificate against the pins (None: any is taken)."""
        self.expected_host = ""
        """The host id expected at the address ('' when unknown)."""
        self.host_fingerprint = ""
        """The SHA-256 of the certificate of the host we are (or were last) connected
        to ('' before the first encrypted connection)."""
        self.name = name
        self.client_id = client_id
        self.state = ConnectionState.DISCONNECTED
        self.welcome: Welcome | None = None
        self.address = ""
        self.port = 0
        self.backoff_base = 0.5
        self.backoff_cap = 10.0
        self._attempt = 0
        self._keep_trying = False
        self._joins = RoomJoins(rooms)
        self._pacer = JoinPacer(self._send_join, self)
        self.retry_in = 0.0
        """Seconds from the last ``connection_lost`` to the next try (0: none)."""
        self.waiting_for_host = False
        """Whether the host ended the session and we wait for it to come back (until a
        welcome, or another connection)."""
        self._protocol = Connection(Role.CLIENT)
        self._last_error = ""
        self.admission = HostAdmission(self._send, self)
        """Our side of the host's admission (approval code, session password)."""
        self.admission.refused.connect(self._on_refused)
        self._socket = create_tls_socket(self)
        self._socket.connected.connect(self._on_connected)
        self._socket.encrypted.connect(self._on_encrypted)
        self._socket.readyRead.connect(self._on_ready_read)
        self._socket.disconnected.connect(self._on_disconnected)
        self._socket.errorOccurred.connect(self._on_error)
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self._retry)
        self._ping_timer = QTimer(self)
        self._ping_timer.setInterval(PING_INTERVAL_MS)
        self._ping_timer.timeout.connect(self._on_quiet)
        self._quiet_since_ms = 0
        self._welcome_timer = QTimer(self)
        self._welcome_timer.setSingleShot(True)
        self.welcome_timeout_ms = WELCOME_TIMEOUT_MS
        self._welcome_timer.timeout.connect(self._on_no_welcome)
        self._aborting = False
        self._reached = False  # this attempt's TCP connection was accepted
        self._draining = False  # handling what a closed connection left: write nothing
        self._more_events = QTimer(self)
        self._more_events.setSingleShot(True)
        self._more_events.setInterval(0)
        self._more_events.timeout.connect(self._handle_events)
        self._refs = itertools.count(1)
        self._handlers: dict[type[Event], Callable[[Any], None]] = {
            Message: self._on_message,
            Ack: self.acked.emit,
            HistoryPage: self.history_received.emit,
            Presence: self.presence_changed.emit,
            Welcome: self._on_welcome,
            RoomReset: self._on_room_reset,
            MemberList: self._on_member_list,
            Joined: self._on_joined,
            Error: self._on_error_frame,
            Bye: self._on_bye,
            Pong: lambda _pong: None,
            RoomList: self.room_list_received.emit,
            RoomUpdate: self.room_updated.emit,
            Renamed: self._on_renamed,
            PeoplePart: lambda part: self._people.extend(part.people),
            PeopleList: self._on_people_list,
            Permissions: self._on_permissions,
        }
        self._people: list[Member] = []  # (the people_part frames of a people_list)

    @property
    def you(self) -> str:
        """Our name as the host made it unique ('' before the welcome)."""
        return self.welcome.you if self.welcome else ""

    @property
    def user_id(self) -> str:
        """Our user id: the SHA-256 of our certificate, which the host knows us by
        ('' until the identity is loaded)."""
        return self.identity.user_id if self.identity is not None else ""

    @property
    def host_id(self) -> str:
        """The id of the host we are (or were last) connected to."""
        return self.welcome.host if self.welcome else ""

    def connect_to(
        self, address: str, port: int, *, keep_trying: bool = False, host_id: str = ""
    ) -> None:
        """Connects to the host at ``address``:``port`` (closing any current connection).

        A failed connection is retried once a host there welcomed us; with
        ``keep_trying``, also before (a host known from an earlier run, e.g. at start).
        ``host_id``: the host expected there (its certificate must be its pinned one).
        """
        self.disconnect_from_host()
        self.waiting_for_host = False
        self.address, self.port = address, port
        self.expected_host = host_id
        self._keep_trying = keep_trying
        self.welcome = None
        self._attempt = 0
        self._open(ConnectionState.CONNECTING)

    def disconnect_from_host(self) -> None:
        """Closes the connection and stops retrying; no ``connection_lost`` follows."""
        self.waiting_for_host = False
        self._retry_timer.stop()
        self._stop_socket()
        self._set_state(ConnectionState.DISCONNECTED)

    @property
    def rooms(self) -> tuple[str, ...]:
        """The rooms joined after every handshake, in the order added."""
        return self._joins.rooms

    def join_room(self, room: str) -> None:
        """Joins ``room`` now if connected, and after every handshake from now on."""
        if self._joins.add(room) and self.state is ConnectionState.CONNECTED:
            self._pacer.add(room)

    def leave_room(self, room: str) -> None:
        """Leaves ``room``: it is no longer joined after a handshake."""
        self._pacer.remove(room)
        if self._joins.remove(room) and self.state is ConnectionState.CONNECTED:
            self._send(Leave(room=room))

    @property
    def keeps_rooms(self) -> bool:
        """Whether the host keeps a room directory, memberships and read markers."""
        return self.welcome is not None and FEATURE_ROOMS in self.welcome.features

    @property
    def may_announce(self) -> bool:
        """Whether the host keeps announcements and its welcome lets us post them."""
        welcome = self.welcome
        return (
            welcome is not None
            and FEATURE_ANNOUNCEMENTS in welcome.features
            and PERMISSION_ANNOUNCE in welcome.permissions
        )

    def create_room(self, room: str, topic: str = "") -> bool:
        """Asks the host to make ``room`` with ``topic`` (join it to be in it); False
        when not connected, or the host keeps no room directory (joining makes it)."""
        if self.state is not ConnectionState.CONNECTED or not self.keeps_rooms:
            return False
        self._send(CreateRoom(room=room, topic=topic))
        return True

    def set_topic(self, room: str, topic: str) -> bool:
        """Changes ``room``'s topic; False when not connected (or the host cannot)."""
        if self.state is not ConnectionState.CONNECTED or not self.keeps_rooms:
            return False
        self._send(SetTopic(room=room, topic=topic))
        return True

    def mark_read(self, room: str, seq: int) -> None:
        """Tells the host the user has read ``room`` up to ``seq`` (when it keeps it)."""
        if self.state is ConnectionState.CONNECTED and self.keeps_rooms:
            self._send(Read(room=room, seq=seq))

    def say(
        self,
        text: str,
        message_id: str | None = None,
        room: str = DEFAULT_ROOM,
        kind: str | None = None,
    ) -> str:
        """Sends ``text`` to ``room`` (``kind``: "announcement" for an announcement)
        and returns its message id (new unless given).

        Raises:
            NotConnectedError: not connected to a host.
        """
        if self.state is not ConnectionState.CONNECTED:
            raise NotConnectedError(
                QCoreApplication.translate("HostConnection", "Not connected to a host.")
            )
        message_id = message_id or uuid.uuid4().hex
        self._send(Say(room=room, id=message_id, text=text, kind=kind))
        return message_id

    def request_history(self, before: int, limit: int = 100, room: str = DEFAULT_ROOM) -> str:
        """Asks for older messages of ``room``; returns the request's ``ref`` (its
        ``history_page`` or ``error`` carries it), '' when not connected (nothing was
        sent)."""
        if self.state is not ConnectionState.CONNECTED:
            return ""
        return self._request(History(room=room, before=before, limit=limit))

    def rename(self, name: str) -> str:
        """Asks the host to call us ``name`` from now on; returns the request's
        ``ref`` ('' when not connected: nothing was sent). ``member_renamed`` follows
        (``you`` and ``name`` change), or an ``error`` with that ``ref``
        (``name_taken``: someone else holds the name; ``too_many_requests``)."""
        if self.state is not ConnectionState.CONNECTED:
            return ""
        return self._request(Rename(name=name))

    def remember_seq(self, host: str, room: str, seq: int, message_id: str | None = None) -> None:
        """Makes the next join of ``host``'s ``room`` resume after ``seq`` (at least);
        ``message_id``: the id of the message at ``seq`` (the host checks it).

        Until something is remembered for a room, joining it asks for its latest
        messages only; ``remember_seq(host, room, 0)`` then means "everything"."""
        self._joins.positions.remember(host, room, seq, message_id)

    def forget_seq(self, host: str, room: str) -> None:
        """The next join of ``host``'s ``room`` asks for its latest messages only."""
        self._joins.positions.forget(host, room)

    def last_seq(self, room: str = DEFAULT_ROOM) -> int:
        """The last seq seen in ``room`` of the current host (0 if none)."""
        return self._joins.positions.seq(self.host_id, room) or 0

    # -- socket slots ------------------------------------------------------------

    def _on_connected(self) -> None:
        self._reached = True  # (TCP: the TLS handshake follows)

    def _on_encrypted(self) -> None:
        self.host_fingerprint = peer_fingerprint(self._socket)
        if self.trust is not None:
            fingerprint, where = self.host_fingerprint, (self.address, self.port)
            if not self._trusted(lambda t: t.check(self.expected_host, *where, fingerprint)):
                return
        self.admission.start(self.user_id, self.host_fingerprint)
        features = (FEATURE_APPROVAL, FEATURE_PASSWORD)
        self._send(Hello(name=self.name, client=self.client_id, features=features))

    def _trusted(self, check: Callable[[HostTrust], IdentityChange | None]) -> bool:
        """Runs a trust check; False (disconnected) when the host is not trusted."""
        assert self.trust is not None
        try:
            change = check(self.trust)
        except StoreError as error:
            log.error("cannot read the trusted hosts: %s", error)
            self._lose(
                QCoreApplication.translate(
                    "HostConnection",
                    "This app cannot read the list of hosts it trusts ({reason}): it does "
                    "not connect without it.",
                ).format(reason=error)
            )
            return False
        if change is None:
            return True
        log.warning("host %s shows another certificate than pinned", change.host)
        self._retry_timer.stop()
        self._stop_socket()
        self._set_state(ConnectionState.DISCONNECTED)
        self.identity_changed.emit(change)
        return False

    def _on_ready_read(self) -> None:
        self._quiet_since_ms = 0
        self._protocol.receive_data(bytes(self._socket.readAll().data()))
        if not self._more_events.isActive():
            self._handle_events()
            # TLS reports each 4 KiB it decrypts, several times in one loop turn: what
            # else arrives in this turn waits for the next (EVENTS_PER_TURN a turn)
            self._more_events.start()

    def _handle_events(self, limit: int | None = EVENTS_PER_TURN) -> None:
        """Handles the events received, at most ``limit`` and, when limited, for
        EVENTS_BUDGET_S at most (one event at least); then again next turn.

        Stops when the connection is dropped (``_stop_socket`` replaces the protocol:
        a Bye, a fatal error, a slot that disconnected or reconnected)."""
        protocol = self._protocol
        handled = 0
        until = time.perf_counter() + EVENTS_BUDGET_S
        while limit is None or handled < limit:
            if protocol is not self._protocol:
                return
            if limit is not None and handled and time.perf_counter() >= until:
                break  # (the budget spent: the rest next turn)
            handled += 1
            try:
                event = self._protocol.next_event()
            except RemoteProtocolError as error:
                log.warning("host sent bad input: %s (%s)", error.code, error.message)
                if error.fatal:
                    self._lose(
                        QCoreApplication.translate(
                            "HostConnection", "The host sent data this app does not understand."
                        )
                    )
                    return
                continue
            if event is None:
                return
            self._dispatch(event)
        self._more_events.start()

    def _dispatch(self, event: Event) -> None:
        if self._protocol.state is State.AWAITING_HELLO and self.admission.handle(event):
            self._welcome_timer.stop()  # (waiting for people: the owner, or the user)
            return
        handler = self._handlers.get(type(event))
        if handler is None:
            log.debug("ignoring %s", event)
        else:
            handler(event)

    def _on_message(self, message: Message) -> None:
        self.remember_seq(self.host_id, message.room, message.seq, message.id)
        self.message_received.emit(message)

    def _on_room_reset(self, reset: RoomReset) -> None:
        self._joins.reset(self.host_id, reset.room)  # (the host answered what we asked)
        self.room_reset.emit(reset)

    def _on_people_list(self, listed: PeopleList) -> None:
        people = (*self._people, *listed.people)
        self._people.clear()
        self.people_listed.emit(people)

    def _on_member_list(self, part: MemberList) -> None:
        self._joins.listed(part.room, part.members)

    def _on_renamed(self, renamed: Renamed) -> None:
        welcome = self.welcome
        if welcome is not None and _is_us(renamed, welcome):
            self.welcome = dataclasses.replace(welcome, you=renamed.name)
            self.name = renamed.name  # (asked for in the next hello)
        self.member_renamed.emit(renamed)

    def _on_permissions(self, permissions: Permissions) -> None:
        if self.welcome is not None:
            self.welcome = dataclasses.replace(self.welcome, permissions=permissions.permissions)
            self.permissions_changed.emit()

    def _on_error_frame(self, error: Error) -> None:
        if error.code in FATAL_ERROR_CODES:  # the reason for the close that follows
            self._last_error = error_words(error)
        if error.code == TOO_MANY_REQUESTS and self._pacer.refused(error.ref, error.retry_ms):
            return  # (a join: sent again in a moment)
        self._pacer.answered(error.ref)
        self.error_received.emit(error)

    def _on_bye(self, bye: Bye) -> None:
        """The host closes on purpose. A session that ended is waited for (its host
        may be switched on again: we rejoin by ourselves); removed or replaced, we
        stay away."""
        self._retry_timer.stop()
        self._stop_socket()
        if bye.reason == BYE_SESSION_ENDED:
            self.waiting_for_host = True
            self._schedule_retry()
        else:
            self._set_state(ConnectionState.DISCONNECTED)
        self.session_ended.emit(bye_text(bye))

    def _on_welcome(self, welcome: Welcome) -> None:
        if self.admission.host_unproved:
            self._on_refused(
                QCoreApplication.translate(
                    "HostConnection",
                    "This host let us in without proving it knows the session's password: "
                    "it may not be the host it claims to be. Not joining.",
                )
            )
            return
        first = False
        if self.trust is not None:
            where, fingerprint = (self.address, self.port), self.host_fingerprint
            first = self.trust.pinned(welcome.host) is None
            if not self._trusted(lambda t: t.welcomed(welcome.host, *where, fingerprint)):
                return
        self.expected_host = welcome.host
        self.welcome = welcome
        self.waiting_for_host = False
        self._attempt = 0
        self._welcome_timer.stop()
        self._ping_timer.start()
        self._set_state(ConnectionState.CONNECTED)
        rooms = self._joins.rooms  # (those opened on welcomed join at once)
        self.welcomed.emit(welcome)
        if first:
            self.first_contact.emit(self.host_fingerprint)
        self._pacer.start(tuple(room for room in rooms if room in self._joins))  # (not left)
        if self.keeps_rooms:
            self._send(Rooms())
        if FEATURE_PEOPLE in welcome.features:
            self._people.clear()
            self._send(People())

    def _on_joined(self, joined: Joined) -> None:
        self._pacer.answered(joined.ref)
        if joined.room not in self._joins:
            return  # (left meanwhile)
        joined, behind = self._joins.joined(self.host_id, joined)
        if behind:  # the same as a room_reset, then its latest messages
            epoch = (self.welcome.epoch if self.welcome else None) or "?"
            self.room_reset.emit(RoomReset(room=joined.room, epoch=epoch))
            self._send(self._joins.join_frame(self.host_id, joined.room))
            return
        self.joined.emit(joined)

    def _drain(self) -> None:
        """The host closed the connection: first handle all it sent before (messages,
        a Bye), which may still wait for their turn."""
        if not self._aborting and not self._draining:
            self._more_events.stop()
            self._draining = True
            try:
                self._handle_events(limit=None)
            finally:
                self._draining = False

    def _on_disconnected(self) -> None:
        self._drain()
        if self._aborting or self.state is ConnectionState.DISCONNECTED:
            return
        if self.state is ConnectionState.CONNECTED:
            reason = self._last_error or QCoreApplication.translate(
                "HostConnection", "The connection to the host was lost."
            )
        else:  # the host closed the connection before its welcome (busy, or too slow a link)
            reason = self._last_error or QCoreApplication.translate(
                "HostConnection", "The host at {where} closed the connection before welcoming us."
            ).format(where=f"{self.address}:{self.port}")
        self._lose(reason)

    def _on_error(self, error: QAbstractSocket.SocketError) -> None:
        self._drain()
        if self._aborting or self.state is ConnectionState.DISCONNECTED:
            return
        errors = QAbstractSocket.SocketError
        if error == errors.RemoteHostClosedError:
            return  # _on_disconnected follows
        where = f"{self.address}:{self.port}"
        connected = self.state is ConnectionState.CONNECTED
        self._lose(socket_error_text(error, connected, where, self._socket.errorString()))

    def _on_no_welcome(self) -> None:
        log.warning("no welcome from %s:%d in time", self.address, self.port)
        self._lose(
            QCoreApplication.translate(
                "HostConnection", "The host at {where} did not answer in time."
            ).format(where=f"{self.address}:{self.port}")
        )

    def _on_quiet(self) -> None:
        self._quiet_since_ms += PING_INTERVAL_MS
        if self._quiet_since_ms >= SILENCE_LIMIT_MS:
            log.warning("the host has been silent for %d s", self._quiet_since_ms // 1000)
            self._lose(QCoreApplication.translate("HostConnection", "The host stopped answering."))
        else:
            self._send(Ping())

    # -- helpers -----------------------------------------------------------------

    def _open(self, state: ConnectionState) -> None:
        self._protocol = Connection(Role.CLIENT)
        self._joins.new_link()
        self._last_error = ""
        self._quiet_since_ms = 0
        self._reached = False
        self._set_state(state)
        self._welcome_timer.start(self.welcome_timeout_ms)
        if self.identity is None:  # (the app connects once its identity is loaded)
            QTimer.singleShot(0, self, self._no_identity)
            return
        self._socket.setSslConfiguration(tls_configuration(self.identity))
        self._socket.connectToHostEncrypted(self.address, self.port)

    def set_identity(self, identity: DeviceIdentity) -> None:
        """The certificate presented from the next connection on."""
        self.identity = identity

    def _no_identity(self) -> None:
        if self.identity is None and self.state is not ConnectionState.DISCONNECTED:
            self._lose(
                QCoreApplication.translate(
                    "HostConnection", "This computer's identity is not ready: cannot connect."
                )
            )

    def _retry(self) -> None:
        log.info("reconnecting to %s:%d (attempt %d)", self.address, self.port, self._attempt)
        self._open(ConnectionState.RECONNECTING)

    def _request(self, request: Request) -> str:
        """Sends ``request`` with the next ``ref``, and returns it."""
        ref = str(next(self._refs))
        self._send(dataclasses.replace(request, ref=ref))
        return ref

    def _send(self, event: Event) -> None:
        """Writes ``event`` (a request without a ``ref`` gets the next one)."""
        if isinstance(event, REQUESTS) and event.ref is None:
            event = dataclasses.replace(event, ref=str(next(self._refs)))
        # Not while draining a closed connection: Qt may still call it connected while it
        # reports the error, and a write then warns (unsent says go again on reconnect).
        if (
            not self._draining
            and self._socket.state() == QAbstractSocket.SocketState.ConnectedState
        ):
            self._socket.write(self._protocol.send(event))

    def _send_join(self, room: str) -> str:
        """Sends the join of ``room`` (the pacer's turn came); its ref ('' if not)."""
        if room not in self._joins or self.state is not ConnectionState.CONNECTED:
            return ""
        return self._request(self._joins.join_frame(self.host_id, room))

    def _stop_socket(self) -> None:
        self._pacer.stop()
        self._ping_timer.stop()
        self._welcome_timer.stop()
        self._more_events.stop()
        self._protocol = Connection(Role.CLIENT)  # what the old one still holds is dropped
        self._aborting = True  # abort() emits disconnected/errorOccurred synchronously
        try:
            self._socket.abort()
        finally:
            self._aborting = False

    def _lose(self, reason: str) -> None:
        """The connection failed or broke: retry if a host ever welcomed us here, or
        answered this attempt (it closed before its welcome: busy, or a slow link)."""
        self._stop_socket()
        if self.welcome is None and not self._keep_trying and not self._reached:
            self.retry_in = 0.0
            self._set_state(ConnectionState.DISCONNECTED)
        else:
            self._schedule_retry()
        self.connection_lost.emit(reason)

    def _schedule_retry(self) -> None:
        """Tries again after a growing, jittered delay (``retry_in``)."""
        delay = random.uniform(0.5, 1.0) * min(
            self.backoff_cap, self.backoff_base * 2**self._attempt
        )
        self._attempt += 1
        self.retry_in = delay
        self._set_state(ConnectionState.RECONNECTING)
        self._retry_timer.start(int(delay * 1000))

    def _on_refused(self, reason: str) -> None:
        """The host will not let us in: disconnected, with no retry (the user may
        join again later)."""
        log.info("not let in: %s", reason)
        self._retry_timer.stop()
        self._stop_socket()
        self.retry_in = 0.0
        self._set_state(ConnectionState.DISCONNECTED)
        self.connection_lost.emit(reason)

    def _set_state(self, state: ConnectionState) -> None:
        if state is not self.state:
            self.state = state
            self.state_changed.emit(state)


def _is_us(renamed: Renamed, welcome: Welcome) -> bool:
    """Whether ``renamed`` is about the user ``welcome`` welcomed: by user id, or by
    name on a host without identities (names are unique among the connected)."""
    if renamed.user is not None and welcome.user is not None:
        return renamed.user == welcome.user
    return renamed.was == welcome.you
