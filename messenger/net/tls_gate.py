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

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QSslSocket

from ..protocol import Error, encode_event
from .tls import peer_fingerprint

log = logging.getLogger(__name__)

TLS_RECORD_HANDSHAKE = b"\x16"
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
    """Holds an accepted socket (in unencrypted mode, with its TLS configuration set)
    until it is encrypted with a peer certificate, then hands it on.

    Signals:
        passed(object): the socket, encrypted; ``fingerprint`` is its peer's.
        refused(): the socket was turned away, or is gone; it is being closed.
    """

    passed = Signal(object)
    refused = Signal()

    def __init__(self, socket: QSslSocket, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.socket = socket
        self.fingerprint = ""
        self.peer = f"{socket.peerAddress().toString()}:{socket.peerPort()}"
        self._done = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self._timer.start(HANDSHAKE_TIMEOUT_MS)
        socket.readyRead.connect(self._on_first_bytes)
        socket.encrypted.connect(self._on_encrypted)
        socket.errorOccurred.connect(self._on_error)
        socket.disconnected.connect(self._on_gone)

    def abort(self) -> None:
        """Drops the connection at once (the host stops)."""
        if not self._done:
            self._finish()
            self.socket.abort()
            self.refused.emit()

    def _on_first_bytes(self) -> None:
        socket = self.socket
        if self._done or socket.mode() is not QSslSocket.SslMode.UnencryptedMode:
            return
        if socket.isEncrypted() or socket.bytesAvailable() == 0:
            return
        # peek() of a socket in unencrypted mode leaves the bytes for the handshake
        if socket.peek(1).data() == TLS_RECORD_HANDSHAKE:
            socket.readyRead.disconnect(self._on_first_bytes)
            socket.startServerEncryption()
            return
        log.info("%s spoke plain TCP: told that TLS is required", self.peer)
        self._turn_away(Error(code="tls_required", message=TLS_REQUIRED))

    def _on_encrypted(self) -> None:
        if self._done:
            return
        self.fingerprint = peer_fingerprint(self.socket)
        if not self.fingerprint:
            log.info("%s sent no certificate", self.peer)
            self._turn_away(Error(code="certificate_required", message=CERTIFICATE_REQUIRED))
            return
        self._finish()
        self.passed.emit(self.socket)

    def _on_error(self, error: QSslSocket.SocketError) -> None:
        if self._done:
            return
        if error != QSslSocket.SocketError.RemoteHostClosedError:
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

    def _turn_away(self, error: Error) -> None:
        self._finish()
        self.socket.write(encode_event(error))
        self.socket.disconnectFromHost()
        self.refused.emit()

    def _finish(self) -> None:
        self._done = True
        self._timer.stop()
