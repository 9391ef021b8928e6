"""One app per data folder: a second start for the same folder brings the running
window to the front instead of joining the session a second time ("Name (2)").

The first start holds a lock file in the data folder (QLockFile: a lock left by a
process that died is taken over) and, once its window is up, listens on a local
socket named after the folder; a second start finds the lock held, says "show" on
that socket and ends.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal

log = logging.getLogger(__name__)

LOCK_FILE = "messenger.lock"
WAKE = b"show\n"
CONNECT_TIMEOUT_MS = 2_000


def server_name(data_dir: Path) -> str:
    """The local socket's name for ``data_dir`` (the same for every start)."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:24]
    return f"messenger-{digest}"


class SingleInstance(QObject):
    """This start's claim on its data folder.

    Args:
        data_dir: The data folder.

    Signals:
        wake_requested(): another start for this folder wants the window.
    """

    wake_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self._lock = QLockFile(str(data_dir / LOCK_FILE))
        self._lock.setStaleLockTime(0)  # (only a dead process's lock is stale)
        self._server: object | None = None

    def acquire(self) -> bool:
        """Takes the folder; False when another running start holds it."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self._lock.tryLock(0):
            return True
        log.info("the data folder is in use by process %s", self._lock.getLockInfo()[0])
        return False

    def listen(self) -> None:
        """Answers later starts (after the first paint: QtNetwork loads now)."""
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        name = server_name(self.data_dir)
        QLocalServer.removeServer(name)  # (a socket file left by a process that died)
        if not server.listen(name):
            log.warning("cannot listen for later starts: %s", server.errorString())
            return
        server.newConnection.connect(lambda: self._take(server))
        self._server = server

    def _take(self, server: object) -> None:
        from PySide6.QtNetwork import QLocalServer

        assert isinstance(server, QLocalServer)
        while (connection := server.nextPendingConnection()) is not None:
            connection.readyRead.connect(lambda c=connection: self._read(c))
            connection.disconnected.connect(connection.deleteLater)

    def _read(self, connection: object) -> None:
        from PySide6.QtNetwork import QLocalSocket

        assert isinstance(connection, QLocalSocket)
        if bytes(connection.readAll().data()).startswith(WAKE.strip()):
            self.wake_requested.emit()
        connection.disconnectFromServer()

    def wake_running(self) -> bool:
        """Asks the start that holds the folder to show its window; False when it
        did not answer."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(server_name(self.data_dir))
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.write(WAKE)
        sent = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        return sent

    def release(self) -> None:
        """Lets the folder go (at quit)."""
        self._lock.unlock()
