"""Writing to one accepted chat connection, plain TCP or TLS, as cheaply as each allows.

The host's fan-out joins everything due to one socket in a loop turn into one write,
so a TLS connection gets one write (one TLS record, or a few of 16 KiB) per turn.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtNetwork import QSslSocket, QTcpSocket

TLS_PIECE_BYTES = 16_384
"""Most bytes given to OpenSSL at once (one TLS record)."""


class StreamWriter:
    """Writes to ``socket`` and tells how much is still unsent.

    Plain TCP: when Qt holds nothing for the socket (so the order is kept) bytes go to
    the kernel at once, sparing a write notification per socket per loop turn; what
    the kernel does not take (all of it on any error, which Qt then reports) is left
    to Qt. Only while the connection is open: its descriptor is then still ours (a
    closed one could already belong to another connection).

    TLS: Qt encrypts what was written in one turn together (its flush is queued), so
    the written bytes go to Qt directly. Qt reports each encrypted write and each
    write to the kernel: a Python call per socket per turn that matters only while
    someone waits for the output to drain, so it is listened to only then (``watch``).

    Args:
        socket: The connection (a QSslSocket in encrypted mode means TLS).
        on_progress: Called when some output reached the kernel (plain TCP: always
            when Qt held some; TLS: while ``watch`` is on).
    """

    def __init__(self, socket: QTcpSocket, on_progress: Callable[[], None]) -> None:
        self._socket = socket
        self._on_progress = on_progress
        self.tls = isinstance(socket, QSslSocket) and socket.isEncrypted()
        self._qt_holds_output = False  # (plain) bytes wait in Qt: later ones must too
        self._descriptor = int(socket.socketDescriptor())
        self._watching = False
        if not self.tls:  # (needed for _qt_holds_output; rare: most writes skip Qt)
            socket.bytesWritten.connect(self._on_bytes_written)

    def watch(self, on: bool) -> None:
        """TLS: calls ``on_progress`` on every write to the kernel while ``on`` (a
        replay waits for the output to drain). Plain TCP: it always does."""
        if not self.tls or on == self._watching:
            return
        self._watching = on
        socket = self._socket
        assert isinstance(socket, QSslSocket)
        if on:
            socket.encryptedBytesWritten.connect(self._on_bytes_written)
        else:
            socket.encryptedBytesWritten.disconnect(self._on_bytes_written)

    @property
    def pending(self) -> int:
        """Bytes written and not yet sent to the peer (as Qt holds them)."""
        socket = self._socket
        if self.tls:
            assert isinstance(socket, QSslSocket)
            return socket.bytesToWrite() + socket.encryptedBytesToWrite()
        return socket.bytesToWrite()

    def write(self, data: bytes) -> bool:
        """Writes ``data`` after everything written before (only while the connection
        is open: the caller knows). False when it all went to the kernel at once,
        True when some waits in Qt's buffer (``pending`` is then worth a look)."""
        if not self.tls and not self._qt_holds_output:
            try:
                sent = os.write(self._descriptor, data)
            except OSError:  # BlockingIOError included: the kernel buffer is full
                sent = 0
            if sent == len(data):
                return False
            data = data[sent:]
        self.write_through_qt(data)
        return True

    def write_through_qt(self, data: bytes) -> None:
        """Writes ``data`` through Qt's buffer (for frames written just before a close)."""
        self._qt_holds_output = True
        if self.tls and len(data) > TLS_PIECE_BYTES:
            self._write_pieces(data)
        else:
            self._socket.write(data)

    def _write_pieces(self, data: bytes) -> None:
        """A large TLS write, encrypted a piece at a time: OpenSSL's output buffer
        (Qt's memory BIO) grows to the largest amount encrypted at once and keeps
        that size as long as the connection lives."""
        socket = self._socket
        view = memoryview(data)
        for start in range(0, len(data), TLS_PIECE_BYTES):
            socket.write(view[start : start + TLS_PIECE_BYTES].tobytes())
            socket.flush()

    def _on_bytes_written(self, _count: int) -> None:
        if self._socket.bytesToWrite() == 0:
            self._qt_holds_output = False
        self._on_progress()
