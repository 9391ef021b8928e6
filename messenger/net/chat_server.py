"""The host's listening socket: hands on chat connections once they are ready.

With an identity, every connection is TLS (``TlsGate``; OpenSSL through pyOpenSSL,
``tls_session``) and is handed on only once encrypted with a peer certificate;
without one (``messenger host --plaintext-loopback``, benchmarks only) connections
are plain TCP, handed on at once.
"""

from __future__ import annotations

import logging
import socket as system_socket

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QTcpServer, QTcpSocket

from ..core.identity import DeviceIdentity
from ..core.occasional import OccasionalCount
from .chat_stream import ChatStream
from .connection_room import ConnectionRoom
from .socket_registry import configure_chat_socket, track
from .tls_gate import TlsGate
from .tls_session import server_context

log = logging.getLogger(__name__)

LISTEN_BACKLOG = 1024
"""Connections the kernel may queue before they are accepted: an office arriving at
nine connects by the hundred (Qt's default, 50, would drop and delay some by 1 s)."""
ACCEPT_RETRY_MS = 200
"""After an accept failed (no descriptor left, say), accepting resumes this much later."""


class ChatServer(QTcpServer):
    """Accepts chat connections; ``connection_ready`` gives each one that may talk.

    Signals:
        connection_ready(object): the connection's ``ChatStream`` (its
            ``fingerprint`` '' in plaintext mode). The receiver takes ownership of
            its socket (reparent it).
    """

    connection_ready = Signal(object)

    def __init__(self, identity: DeviceIdentity | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setListenBacklogSize(LISTEN_BACKLOG)
        self._context = server_context(identity) if identity is not None else None
        self.room = ConnectionRoom()
        """How many connections it holds (``room.max_connections`` at most)."""
        self._accept_errors = OccasionalCount()
        self.acceptError.connect(self._on_accept_error)

    def stop(self) -> None:
        """Stops listening and drops the connections not handed on yet."""
        self.close()
        for gate in list(self.room.waiting):
            gate.abort()

    def incomingConnection(self, descriptor: int) -> None:  # Qt's virtual
        socket = QTcpSocket(self)
        if not socket.setSocketDescriptor(descriptor):
            system_socket.socket(fileno=descriptor).close()  # (Qt did not take it)
            socket.deleteLater()
            return
        if self.room.full and not self.room.make_room():
            self.room.refuse(socket)
            return
        self.room.count(socket)
        configure_chat_socket(socket)
        track(socket)
        if self._context is None:
            self.connection_ready.emit(ChatStream(socket, None))
            return
        gate = TlsGate(socket, self._context, self)
        gate.passed.connect(lambda s, g=gate: self._on_passed(g, s))
        gate.refused.connect(lambda g=gate: self._on_refused(g))
        self.room.add_waiting(gate, socket.peerAddress().toString())

    def _on_accept_error(self, error: QAbstractSocket.SocketError) -> None:
        """Qt stops accepting after an accept fails (no descriptor left, say): the
        oldest connection still in its handshake makes room, and accepting resumes
        (shortly, when there is none), or the host would accept nobody again."""
        if self._accept_errors.add():
            log.warning(
                "cannot accept a connection (%s; %d time(s)): trying again",
                self.errorString() or error.name,
                self._accept_errors.count,
            )
        made_room = self.room.make_room()
        QTimer.singleShot(0 if made_room else ACCEPT_RETRY_MS, self, self._resume)

    def _resume(self) -> None:
        if self.isListening():
            self.resumeAccepting()

    def _on_passed(self, gate: TlsGate, stream: ChatStream) -> None:
        self._drop_gate(gate)
        self.connection_ready.emit(stream)

    def _on_refused(self, gate: TlsGate) -> None:
        self._drop_gate(gate)
        socket = gate.socket
        if socket.state() == QTcpSocket.SocketState.UnconnectedState:
            socket.deleteLater()
        else:
            socket.disconnected.connect(socket.deleteLater)

    def _drop_gate(self, gate: TlsGate) -> None:
        if self.room.remove_waiting(gate):
            gate.deleteLater()
