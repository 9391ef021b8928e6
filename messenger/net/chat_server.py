"""The host's listening socket: hands on chat connections once they are ready.

With an identity, every connection is TLS (``TlsGate``; OpenSSL through pyOpenSSL,
``tls_session``) and is handed on only once encrypted with a peer certificate;
without one (``messenger host --plaintext-loopback``, benchmarks only) connections
are plain TCP, handed on at once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QTcpServer, QTcpSocket

from ..core.identity import DeviceIdentity
from .chat_stream import ChatStream
from .socket_registry import configure_chat_socket, track
from .tls_gate import TlsGate
from .tls_session import server_context

LISTEN_BACKLOG = 1024
"""Connections the kernel may queue before they are accepted: an office arriving at
nine connects by the hundred (Qt's default, 50, would drop and delay some by 1 s)."""


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
        self._gates: dict[TlsGate, None] = {}

    def stop(self) -> None:
        """Stops listening and drops the connections not handed on yet."""
        self.close()
        for gate in list(self._gates):
            gate.abort()

    def incomingConnection(self, descriptor: int) -> None:  # Qt's virtual
        socket = QTcpSocket(self)
        if not socket.setSocketDescriptor(descriptor):
            return
        configure_chat_socket(socket)
        track(socket)
        if self._context is None:
            self.connection_ready.emit(ChatStream(socket, None))
            return
        gate = TlsGate(socket, self._context, self)
        self._gates[gate] = None
        gate.passed.connect(lambda s, g=gate: self._on_passed(g, s))
        gate.refused.connect(lambda g=gate: self._on_refused(g))

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
        if self._gates.pop(gate, 0) is None:
            gate.deleteLater()
