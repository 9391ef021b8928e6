"""The host's listening socket: hands on chat connections once they are ready.

With an identity, every connection is TLS (``TlsGate``; OpenSSL through pyOpenSSL,
``tls_session``) and is handed on only once encrypted with a peer certificate;
without one (``messenger host --plaintext-loopback``, benchmarks only) connections
are plain TCP, handed on at once.
"""

from __future__ import annotations

import logging
import socket as system_socket
import time
from collections import Counter

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QTcpServer, QTcpSocket

from ..core.identity import DeviceIdentity
from .chat_stream import ChatStream
from .descriptor_limit import UNKNOWN_LIMIT_CONNECTIONS
from .socket_registry import configure_chat_socket, track
from .tls_gate import TlsGate
from .tls_session import server_context

log = logging.getLogger(__name__)

LISTEN_BACKLOG = 1024
"""Connections the kernel may queue before they are accepted: an office arriving at
nine connects by the hundred (Qt's default, 50, would drop and delay some by 1 s)."""
WAITING_PER_ADDRESS = 16
"""Connections from one address that may be in their TLS handshake at once before
its silent ones make room (a machine has one or two; more, silent, is a flood)."""
ACCEPT_RETRY_MS = 200
"""After an accept failed (no descriptor left, say), accepting resumes this much later."""
SILENT_S = 1.0
"""A connection silent this long after it was accepted may make room for others."""
REPORT_EVERY = 100
"""Refusals and accept errors are logged the first time, then once per this many."""


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
        self._gates: dict[TlsGate, str] = {}  # in their handshake, oldest first: address
        self._waiting = Counter[str]()  # gates by address
        self.max_connections = UNKNOWN_LIMIT_CONNECTIONS
        """Connections held at most (``descriptor_limit.connection_limit``): when
        full, the oldest still in its handshake is dropped, or the newcomer."""
        self.open_connections = 0
        self._refused = 0
        self._dropped = 0
        self._accept_errors = 0
        self.acceptError.connect(self._on_accept_error)

    def stop(self) -> None:
        """Stops listening and drops the connections not handed on yet."""
        self.close()
        for gate in list(self._gates):
            gate.abort()

    def incomingConnection(self, descriptor: int) -> None:  # Qt's virtual
        socket = QTcpSocket(self)
        if not socket.setSocketDescriptor(descriptor):
            system_socket.socket(fileno=descriptor).close()  # (Qt did not take it)
            socket.deleteLater()
            return
        if self.open_connections >= self.max_connections and not self._drop_oldest_waiting():
            self._refuse(socket)
            return
        self._count(socket)
        configure_chat_socket(socket)
        track(socket)
        if self._context is None:
            self.connection_ready.emit(ChatStream(socket, None))
            return
        address = socket.peerAddress().toString()
        gate = TlsGate(socket, self._context, self)
        self._gates[gate] = address
        self._waiting[address] += 1
        gate.passed.connect(lambda s, g=gate: self._on_passed(g, s))
        gate.refused.connect(lambda g=gate: self._on_refused(g))
        if self._waiting[address] > WAITING_PER_ADDRESS:
            self._drop_oldest_waiting(address)

    def _count(self, socket: QTcpSocket) -> None:
        """Counts ``socket`` in ``open_connections`` until it is deleted (a closed
        socket may keep its descriptor until then)."""
        self.open_connections += 1
        socket.destroyed.connect(self._uncount)

    def _uncount(self) -> None:
        self.open_connections -= 1

    def _drop_oldest_waiting(self, address: str | None = None) -> bool:
        """Drops the oldest connection (from ``address``, if given) that has sent
        nothing in the ``SILENT_S`` since it was accepted (a newcomer had no time to
        speak yet); False when there is none."""
        now = time.monotonic()
        silent = (
            gate
            for gate, gate_address in self._gates.items()
            if not gate.heard and now - gate.since >= SILENT_S and address in (None, gate_address)
        )
        oldest = next(silent, None)
        if oldest is None:
            return False
        self._dropped += 1
        if self._dropped % REPORT_EVERY == 1:
            log.info(
                "too many connections in their handshake (%s): dropped the oldest (%d so far)",
                f"from {address}" if address else "in all",
                self._dropped,
            )
        oldest.abort()
        return True

    def _refuse(self, socket: QTcpSocket) -> None:
        """Closes a newcomer at once: the host holds all the connections it may."""
        self._refused += 1
        if self._refused % REPORT_EVERY == 1:
            log.warning(
                "%d connections open, the most this host may hold: refused %d newcomer(s)",
                self.open_connections,
                self._refused,
            )
        socket.abort()
        socket.deleteLater()

    def _on_accept_error(self, error: QAbstractSocket.SocketError) -> None:
        """Qt stops accepting after an accept fails (no descriptor left, say): the
        oldest connection still in its handshake makes room, and accepting resumes
        (shortly, when there is none), or the host would accept nobody again."""
        self._accept_errors += 1
        if self._accept_errors % REPORT_EVERY == 1:
            log.warning(
                "cannot accept a connection (%s; %d time(s)): trying again",
                self.errorString() or error.name,
                self._accept_errors,
            )
        made_room = self._drop_oldest_waiting()
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
        address = self._gates.pop(gate, None)
        if address is not None:
            self._waiting[address] -= 1
            if not self._waiting[address]:
                del self._waiting[address]
            gate.deleteLater()
