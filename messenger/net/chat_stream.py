"""An accepted chat connection as plaintext both ways, whether it is TLS or not."""

from __future__ import annotations

import socket as system_socket
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtNetwork import QAbstractSocket, QTcpSocket

from .stream_writer import StreamWriter
from .tls_session import TlsError, TlsSession

__all__ = ["ChatStream", "TlsError"]

LINGER_MS = 2_000
"""How long a closing connection waits for its peer to close after the last byte."""


def _nothing() -> None:
    pass


class ChatStream:
    """A member's connection: ``read`` gives what it sent, ``write`` sends to it.

    With TLS, records are made and read in memory (``TlsSession``) and written to the
    socket as plain TCP's bytes are (``StreamWriter``); without (``messenger host
    --plaintext-loopback``), bytes go as they are.

    Args:
        socket: The accepted socket (plain TCP; the TLS, if any, is ``tls``'s).
        tls: The connection's TLS, its handshake complete; None in plaintext mode.
        received: Application bytes that came with the end of the handshake.
    """

    def __init__(self, socket: QTcpSocket, tls: TlsSession | None, received: bytes = b"") -> None:
        self.socket = socket
        self._tls = tls
        self._received = received
        self._closing = False
        self._ended = False  # (closing: the end of the stream was sent)
        self._writer = StreamWriter(socket, self._on_progress)
        self.on_progress: Callable[[], None] = _nothing
        """Called when output Qt held reached the kernel."""
        self.fingerprint = tls.peer_fingerprint if tls is not None else ""
        """The SHA-256 of the peer's certificate: its user id ('' in plaintext mode)."""

    @property
    def peer(self) -> str:
        """The peer's address and port, for the log."""
        return f"{self.socket.peerAddress().toString()}:{self.socket.peerPort()}"

    @property
    def pending(self) -> int:
        """Bytes written and not yet sent to the peer."""
        return self._writer.pending

    @property
    def has_input(self) -> bool:
        """Something arrived that ``read`` has not given yet."""
        return bool(self._received) or self.socket.bytesAvailable() > 0

    @property
    def peer_closed(self) -> bool:
        """The peer ended TLS (close_notify): it sends nothing more."""
        return self._tls is not None and self._tls.peer_closed

    def read(self) -> bytes:
        """What arrived since the last call, decrypted (nothing once closing).

        Raises:
            TlsError: a record is bad (the connection cannot go on).
        """
        data = self.socket.readAll().data()
        if self._closing:
            return b""
        tls = self._tls
        if tls is not None:
            plain = tls.receive(bytes(data)) if data else b""
            answer = tls.outgoing()  # (a key update's, for example)
            if answer:
                self._writer.write(answer)
        else:
            plain = bytes(data)
        if self._received:
            plain, self._received = self._received + plain, b""
        return plain

    def write(self, data: bytes) -> bool:
        """Sends ``data`` after everything before; True when some of it waits in
        Qt's buffer (``pending`` is then worth a look)."""
        if self._tls is None:
            return self._writer.write(data)
        return self._writer.write(self._tls.encrypt(data))

    def write_through_qt(self, data: bytes) -> None:
        """Sends ``data`` through Qt's buffer (for frames written just before a close)."""
        if self._tls is None:
            self._writer.write_through_qt(data)
        else:
            self._writer.write_through_qt(self._tls.encrypt(data))

    def close(self) -> None:
        """Ends TLS politely and closes: once everything is written, the host stops
        sending and waits (``LINGER_MS`` at most) for the peer to close.

        Closing at once could lose the last words: what the peer sent meanwhile
        (a message on its way, a hello) would reach a closed socket, whose kernel
        answers with a reset, and a reset makes the peer's kernel throw away what
        it had received and not yet read (the ``bye``, the ``error``)."""
        if self._closing:
            return
        self._closing = True
        if self.socket.state() != QAbstractSocket.SocketState.ConnectedState:
            self.socket.abort()
            return
        if self._tls is not None:
            self._writer.write(self._tls.close_notify())
        self.socket.readyRead.connect(self.socket.readAll)  # (whoever else reads or not)
        QTimer.singleShot(LINGER_MS, self.socket, self.socket.abort)
        if self.pending == 0:
            self._stop_sending()

    def abort(self) -> None:
        """Closes at once, dropping what is unsent."""
        self.socket.abort()

    def _on_progress(self) -> None:
        if self._closing:
            if self.pending == 0:
                self._stop_sending()
            return
        self.on_progress()

    def _stop_sending(self) -> None:
        """Sends the peer end-of-stream (TCP FIN), still reading what it sends."""
        descriptor = int(self.socket.socketDescriptor())
        if self._ended or descriptor < 0:
            return
        self._ended = True
        duplicate = system_socket.fromfd(
            descriptor, system_socket.AF_INET, system_socket.SOCK_STREAM
        )
        try:
            duplicate.shutdown(system_socket.SHUT_WR)
        except OSError:
            self.socket.abort()  # (the connection is gone already)
        finally:
            duplicate.close()
