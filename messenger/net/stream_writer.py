"""Writing to one accepted chat connection's socket as cheaply as it allows.

The host's fan-out joins everything due to one socket in a loop turn into one write
(TLS records included: ``ChatStream`` encrypts before it writes here).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtNetwork import QTcpSocket


def write_to_kernel(socket: QTcpSocket, data: bytes) -> None:
    """Writes ``data`` to the kernel at once when Qt holds nothing for ``socket``
    (what the kernel does not take goes through Qt). A socket that never writes
    through Qt has no Qt write buffer: Qt keeps one for the socket's life once made
    (~8 KB per member: docs/PERFORMANCE.md)."""
    if socket.bytesToWrite() == 0:
        data = data[_write_descriptor(int(socket.socketDescriptor()), data) :]
    if data:
        socket.write(data)


def _write_descriptor(descriptor: int, data: bytes | memoryview) -> int:
    """What the kernel took of ``data`` at once (0 on any error: Qt then reports it)."""
    try:
        return os.write(descriptor, data)
    except OSError:  # BlockingIOError included: the kernel buffer is full
        return 0


class StreamWriter:
    """Writes to ``socket`` and tells how much is still unsent.

    When Qt holds nothing for the socket (so the order is kept) bytes go to the kernel
    at once, sparing a write notification per socket per loop turn; what the kernel
    does not take (all of it on any error, which Qt then reports) is left to Qt. Only
    while the connection is open: its descriptor is then still ours (a closed one
    could already belong to another connection).

    Args:
        socket: The connection (a plain TCP socket: TLS records are bytes here).
        on_progress: Called when some output Qt held reached the kernel.
    """

    def __init__(self, socket: QTcpSocket, on_progress: Callable[[], None]) -> None:
        self._socket = socket
        self._on_progress = on_progress
        self._qt_holds_output = socket.bytesToWrite() > 0  # later bytes must wait too
        self._descriptor = int(socket.socketDescriptor())
        socket.bytesWritten.connect(self._on_bytes_written)

    @property
    def pending(self) -> int:
        """Bytes written and not yet sent to the peer (as Qt holds them)."""
        return self._socket.bytesToWrite()

    def write(self, data: bytes | memoryview) -> bool:
        """Writes ``data`` after everything written before (only while the connection
        is open: the caller knows). False when it all went to the kernel at once,
        True when some waits in Qt's buffer (``pending`` is then worth a look).
        What Qt keeps is a copy: ``data`` may be reused once this returns."""
        if not self._qt_holds_output:
            sent = _write_descriptor(self._descriptor, data)
            if sent == len(data):
                return False
            data = data[sent:]
        self.write_through_qt(data)
        return True

    def write_through_qt(self, data: bytes | memoryview) -> None:
        """Writes ``data`` through Qt's buffer (for frames written just before a close)."""
        self._qt_holds_output = True
        self._socket.write(bytes(data))

    def _on_bytes_written(self, _count: int) -> None:
        if self._socket.bytesToWrite() == 0:
            self._qt_holds_output = False
        self._on_progress()
