"""The host's listening socket: hands on chat connections once they are ready.

With an identity, every connection is TLS (``TlsGate``) and is handed on only once
encrypted with a peer certificate; without one (``messenger host
--plaintext-loopback``, benchmarks only) connections are plain TCP, handed on at once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QSslSocket, QTcpServer, QTcpSocket

from ..core.identity import DeviceIdentity
from .socket_registry import close_on_close_notify, configure_chat_socket, track
from .tls import tls_configuration
from .tls_gate import TlsGate

LISTEN_BACKLOG = 1024
"""Connections the kernel may queue before they are accepted: an office arriving at
nine connects by the hundred (Qt's default, 50, would drop and delay some by 1 s)."""


class ChatServer(QTcpServer):
    """Accepts chat connections; ``connection_ready`` gives each one that may talk.

    Signals:
        connection_ready(object, str): the socket (a QSslSocket, encrypted; a
            QTcpSocket in plaintext mode) and its peer's fingerprint ('' in
            plaintext mode). The receiver takes ownership (reparent it).
    """

    connection_ready = Signal(object, str)

    def __init__(self, identity: DeviceIdentity | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setListenBacklogSize(LISTEN_BACKLOG)
        self._configuration = (
            tls_configuration(identity, server=True) if identity is not None else None
        )
        self._gates: dict[TlsGate, None] = {}

    def stop(self) -> None:
        """Stops listening and drops the connections not handed on yet."""
        self.close()
        for gate in list(self._gates):
            gate.abort()

    def incomingConnection(self, descriptor: int) -> None:  # Qt's virtual
        if self._configuration is None:
            plain = QTcpSocket(self)
            if plain.setSocketDescriptor(descriptor):
                self._accepted(plain)
                self.connection_ready.emit(plain, "")
            return
        socket = QSslSocket(self)
        if not socket.setSocketDescriptor(descriptor):
            return
        socket.setSslConfiguration(self._configuration)
        close_on_close_notify(socket)
        self._accepted(socket)
        gate = TlsGate(socket, self)
        self._gates[gate] = None
        gate.passed.connect(lambda s, g=gate: self._on_passed(g, s))
        gate.refused.connect(lambda g=gate: self._on_refused(g))

    @staticmethod
    def _accepted(socket: QTcpSocket) -> None:
        configure_chat_socket(socket)
        track(socket)

    def _on_passed(self, gate: TlsGate, socket: QSslSocket) -> None:
        self._drop_gate(gate)
        self.connection_ready.emit(socket, gate.fingerprint)

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
