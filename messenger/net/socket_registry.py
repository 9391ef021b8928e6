"""Every chat and discovery socket the application made, for leak checks, and the
options every chat socket gets."""

from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtNetwork import QAbstractSocket, QSslSocket, QTcpSocket

_live: weakref.WeakSet[QAbstractSocket] = weakref.WeakSet()


def track(socket: QAbstractSocket) -> None:
    """Counts ``socket`` in ``open_sockets`` while it is open."""
    _live.add(socket)


def configure_chat_socket(socket: QTcpSocket) -> None:
    """Options every chat socket gets: no Nagle delay, keep-alive probes."""
    socket.setSocketOption(QAbstractSocket.SocketOption.LowDelayOption, 1)
    socket.setSocketOption(QAbstractSocket.SocketOption.KeepAliveOption, 1)


def close_on_close_notify(socket: QSslSocket) -> None:
    """Makes ``socket`` close when its peer ends TLS (close_notify).

    Qt reports the peer's close_notify as RemoteHostClosedError but keeps the TCP
    connection open, while a peer such as Python's ``ssl`` waits (30 s) for it to
    close: without this, neither side would say ``disconnected`` until then."""

    def on_error(error: QAbstractSocket.SocketError) -> None:
        if (
            error == QAbstractSocket.SocketError.RemoteHostClosedError
            and socket.state() == QAbstractSocket.SocketState.ConnectedState
        ):
            socket.disconnectFromHost()

    socket.errorOccurred.connect(on_error)


def open_sockets() -> list[QAbstractSocket]:
    """Sockets made by messenger.net that still exist and are not closed."""
    result = []
    for socket in list(_live):
        if not shiboken6.isValid(socket):
            continue
        if socket.state() != QAbstractSocket.SocketState.UnconnectedState:
            result.append(socket)
    return result
