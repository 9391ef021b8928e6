"""The host's side of a new chat connection, until it is encrypted and its peer known.

A member's first byte says what it speaks: 0x16 opens a TLS handshake; anything
else is plain TCP (an older Messenger, a script), which gets one plaintext line
``{"type":"error","code":"tls_required",…}`` and is closed, rather than a TLS alert
it cannot read. A TLS peer that sends no certificate gets ``certificate_required``
(encrypted: in TLS 1.3 the client believes it is connected before the host sees its
certificate) and is closed.
"""

from __future__ import annotations

import logging
import time

from OpenSSL import SSL
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QTcpSocket

from ..protocol import Error, encode_event
from .chat_stream import ChatStream
from .stream_writer import write_to_kernel
from .tls_session import TlsError, TlsSession

log = logging.getLogger(__name__)

TLS_RECORD_HANDSHAKE = 0x16
"""The first byte of every TLS connection (a handshake record)."""
HANDSHAKE_TIMEOUT_MS = 10_000
"""A connection that is not encrypted this long after it was accepted is dropped."""

TLS_REQUIRED = (
    "this host speaks TLS only: connect with TLS 1.2 or later and a client certificate "
    "(docs/PROTOCOL.md, section 1.1)"
)
CERTIFICATE_REQUIRED = (
    "present a certificate (your device identity): the host knows members by it "
    "(docs/PROTOCOL.md, section 1.1)"
)


class TlsGate(QObject):
    """Holds an accepted socket until its TLS handshake is complete and its peer has
    shown a certificate, then hands it on as a ``ChatStream``.

    Signals:
        passed(object): the connection's ``ChatStream`` (its ``fingerprint`` the
            peer's); the receiver takes ownership of its socket (reparent it).
        refused(): the socket was turned away, or is gone; it is being closed.
    """

    passed = Signal(object)
    refused = Signal()

    def __init__(self, socket: QTcpSocket, context: SSL.Context, parent: QObject | None = None):
        super().__init__(parent)
        self.socket = socket
        self._context = context
        self._tls: TlsSession | None = None
        self.peer = f"{socket.peerAddress().toString()}:{socket.peerPort()}"
        self._done = False
        self.since = time.monotonic()
        """When the connection was accepted (``time.monotonic``)."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self._timer.start(HANDSHAKE_TIMEOUT_MS)
        socket.readyRead.connect(self._on_ready_read)
        socket.errorOccurred.connect(self._on_error)
        socket.disconnected.connect(self._on_gone)

    @property
    def heard(self) -> bool:
        """The peer has sent something (its handshake is under way)."""
        return self._tls is not None

    def abort(self) -> None:
        """Drops the connection at once (the host stops, or needs the room)."""
        if not self._done:
            self._finish()
            self.socket.abort()
            self.refused.emit()

    def _on_ready_read(self) -> None:
        if self._done:
            return
        data = bytes(self.socket.readAll().data())
        if not data:
            return
        if self._tls is None:
            if data[0] != TLS_RECORD_HANDSHAKE:
                log.info("%s spoke plain TCP: told that TLS is required", self.peer)
                self._turn_away(None, Error(code="tls_required", message=TLS_REQUIRED))
                return
            self._tls = TlsSession(self._context)
        self._handshake(self._tls, data)

    def _handshake(self, tls: TlsSession, data: bytes) -> None:
        try:
            received = tls.receive(data)
        except TlsError as failure:
            log.info("%s: no secure connection: %s", self.peer, failure)
            self._close_with(tls.outgoing())  # (the alert that says why)
            return
        self._send(tls.outgoing())
        if not tls.established:
            return
        if not tls.peer_fingerprint:
            log.info("%s sent no certificate", self.peer)
            error = Error(code="certificate_required", message=CERTIFICATE_REQUIRED)
            self._turn_away(tls, error)
            return
        self._finish()
        self.passed.emit(ChatStream(self.socket, tls, received))

    def _send(self, data: bytes) -> None:
        if data and self.socket.state() == QAbstractSocket.SocketState.ConnectedState:
            write_to_kernel(self.socket, data)

    def _on_error(self, error: QAbstractSocket.SocketError) -> None:
        if self._done:
            return
        if error != QAbstractSocket.SocketError.RemoteHostClosedError:
            log.info("%s: no secure connection: %s", self.peer, self.socket.errorString())
        self._finish()
        self.socket.abort()
        self.refused.emit()

    def _on_gone(self) -> None:
        if not self._done:
            self._finish()
            self.refused.emit()

    def _on_timeout(self) -> None:
        log.info("%s did not complete a secure connection in time", self.peer)
        self.abort()

    def _turn_away(self, tls: TlsSession | None, error: Error) -> None:
        """Tells the peer why (encrypted when ``tls`` is given), then closes."""
        frame = encode_event(error)
        self._close_with(
            bytes(tls.encrypt(frame)) + tls.close_notify() if tls is not None else frame
        )

    def _close_with(self, last_bytes: bytes) -> None:
        """Sends ``last_bytes`` as they are, then closes (gently: ``ChatStream.close``)."""
        self._finish()
        stream = ChatStream(self.socket, None)
        stream.write(last_bytes)
        stream.close()
        self.refused.emit()

    def _finish(self) -> None:
        self._done = True
        self._timer.stop()
        self.socket.readyRead.disconnect(self._on_ready_read)
        self.socket.errorOccurred.disconnect(self._on_error)
        self.socket.disconnected.disconnect(self._on_gone)
