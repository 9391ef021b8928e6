"""A client's connection to a host: handshake, room membership, sending."""

from __future__ import annotations

import enum
import logging
import uuid

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtNetwork import QAbstractSocket

from ..net.sockets import create_tcp_socket
from ..protocol import (
    Ack,
    Bye,
    Connection,
    Error,
    Event,
    Hello,
    Join,
    Joined,
    Message,
    Pong,
    Presence,
    RemoteProtocolError,
    Role,
    Say,
    Welcome,
)
from ..protocol.limits import DEFAULT_ROOM

log = logging.getLogger(__name__)


class ConnectionState(enum.Enum):
    """What the connection is doing now."""

    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    """Welcomed by the host."""


class NotConnectedError(Exception):
    """A message was sent while not connected to a host."""


class HostConnection(QObject):
    """Connects to one host at a time and joins one room.

    Args:
        name: The display name asked for (the host may make it unique).
        client_id: A stable id of this installation.
        room: The room joined after the handshake.

    Signals:
        state_changed(object): the new ConnectionState.
        welcomed(object): the host's Welcome.
        joined(object): Joined, after the replay of missed messages.
        message_received(object): a Message of the room (own ones included).
        acked(object): an Ack of one of our messages.
        presence_changed(object): a Presence (someone joined or left).
        error_received(object): an Error frame from the host.
        session_ended(str): the host ended the session (its words).
        connection_lost(str): could not connect, or the connection broke; why, for people.
    """

    state_changed = Signal(object)
    welcomed = Signal(object)
    joined = Signal(object)
    message_received = Signal(object)
    acked = Signal(object)
    presence_changed = Signal(object)
    error_received = Signal(object)
    session_ended = Signal(str)
    connection_lost = Signal(str)

    def __init__(
        self, name: str, client_id: str, room: str = DEFAULT_ROOM, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.name = name
        self.client_id = client_id
        self.room = room
        self.state = ConnectionState.DISCONNECTED
        self.welcome: Welcome | None = None
        self.address = ""
        self.port = 0
        self._last_seq: dict[tuple[str, str], int] = {}
        self._protocol = Connection(Role.CLIENT)
        self._last_error = ""
        self._ended = False
        self._socket = create_tcp_socket(self)
        self._socket.connected.connect(self._on_connected)
        self._socket.readyRead.connect(self._on_ready_read)
        self._socket.disconnected.connect(self._on_disconnected)
        self._socket.errorOccurred.connect(self._on_error)

    @property
    def you(self) -> str:
        """Our name as the host made it unique ('' before the welcome)."""
        return self.welcome.you if self.welcome else ""

    def connect_to(self, address: str, port: int) -> None:
        """Connects to the host at ``address``:``port`` (closing any current connection)."""
        self.disconnect_from_host()
        self.address, self.port = address, port
        self._protocol = Connection(Role.CLIENT)
        self._last_error = ""
        self._ended = False
        self._set_state(ConnectionState.CONNECTING)
        self._socket.connectToHost(address, port)

    def disconnect_from_host(self) -> None:
        """Closes the connection; no ``connection_lost`` follows."""
        if self.state is ConnectionState.DISCONNECTED:
            return
        self._ended = True
        self._socket.abort()
        self._set_state(ConnectionState.DISCONNECTED)

    def say(self, text: str) -> str:
        """Sends ``text`` to the room and returns its message id.

        Raises:
            NotConnectedError: not connected to a host.
        """
        if self.state is not ConnectionState.CONNECTED:
            raise NotConnectedError(
                QCoreApplication.translate("HostConnection", "Not connected to a host.")
            )
        message_id = uuid.uuid4().hex
        self._send(Say(room=self.room, id=message_id, text=text))
        return message_id

    def last_seq(self) -> int:
        """The last seq seen in the room of the current host (0 if none)."""
        host = self.welcome.host if self.welcome else ""
        return self._last_seq.get((host, self.room), 0)

    # -- socket slots ------------------------------------------------------------

    def _on_connected(self) -> None:
        self._send(Hello(name=self.name, client=self.client_id))

    def _on_ready_read(self) -> None:
        self._protocol.receive_data(bytes(self._socket.readAll().data()))
        while self.state is not ConnectionState.DISCONNECTED:
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

    def _dispatch(self, event: Event) -> None:
        if isinstance(event, Message):
            key = (self.welcome.host if self.welcome else "", event.room)
            self._last_seq[key] = max(self._last_seq.get(key, 0), event.seq)
            self.message_received.emit(event)
        elif isinstance(event, Ack):
            self.acked.emit(event)
        elif isinstance(event, Presence):
            self.presence_changed.emit(event)
        elif isinstance(event, Welcome):
            self.welcome = event
            self._set_state(ConnectionState.CONNECTED)
            self.welcomed.emit(event)
            since = self._last_seq.get((event.host, self.room))
            self._send(Join(room=self.room, since=since))
        elif isinstance(event, Joined):
            self.joined.emit(event)
        elif isinstance(event, Error):
            self._last_error = _describe_error(event)
            self.error_received.emit(event)
        elif isinstance(event, Bye):
            self._ended = True
            self._socket.abort()
            self._set_state(ConnectionState.DISCONNECTED)
            self.session_ended.emit(
                QCoreApplication.translate("HostConnection", "The host ended the session.")
            )
        elif not isinstance(event, Pong):
            log.debug("ignoring %s", event)

    def _on_disconnected(self) -> None:
        if self.state is not ConnectionState.DISCONNECTED and not self._ended:
            reason = self._last_error or QCoreApplication.translate(
                "HostConnection", "The connection to the host was lost."
            )
            self._lose(reason)

    def _on_error(self, error: QAbstractSocket.SocketError) -> None:
        if self.state is ConnectionState.DISCONNECTED or self._ended:
            return
        errors = QAbstractSocket.SocketError
        where = f"{self.address}:{self.port}"
        if error == errors.RemoteHostClosedError:
            return  # _on_disconnected follows
        if self.state is ConnectionState.CONNECTING:
            if error == errors.ConnectionRefusedError:
                text = QCoreApplication.translate(
                    "HostConnection",
                    "No Messenger host answers at {where}. Check the address and port.",
                )
            elif error == errors.HostNotFoundError:
                text = QCoreApplication.translate(
                    "HostConnection", "The computer {where} was not found. Check the address."
                )
            else:
                text = QCoreApplication.translate(
                    "HostConnection", "Cannot connect to {where}: {reason}."
                )
        else:
            text = QCoreApplication.translate(
                "HostConnection", "The connection to {where} broke: {reason}."
            )
        self._lose(text.format(where=where, reason=self._socket.errorString()))

    # -- helpers -----------------------------------------------------------------

    def _send(self, event: Event) -> None:
        self._socket.write(self._protocol.send(event))

    def _lose(self, reason: str) -> None:
        self._ended = True
        self._socket.abort()
        self._set_state(ConnectionState.DISCONNECTED)
        self.connection_lost.emit(reason)

    def _set_state(self, state: ConnectionState) -> None:
        if state is not self.state:
            self.state = state
            self.state_changed.emit(state)


def _describe_error(error: Error) -> str:
    """What a host's error frame means for the user, in their language."""
    if error.code == "overloaded":
        return QCoreApplication.translate(
            "HostConnection",
            "The host dropped the connection because this computer did not keep up.",
        )
    if error.code == "storage_error":
        return QCoreApplication.translate(
            "HostConnection", "The host could not save the message: {reason}"
        ).format(reason=error.message)
    return QCoreApplication.translate(
        "HostConnection", "The host reported a problem ({code}): {reason}"
    ).format(code=error.code, reason=error.message)
