"""Creation of every Qt socket the application uses.

All sockets come from here so that transport security can later be added in one
place, and so that tests can check that no socket outlives its test.
"""

from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtNetwork import QAbstractSocket, QTcpServer, QTcpSocket, QUdpSocket

_live: weakref.WeakSet[QAbstractSocket] = weakref.WeakSet()


def _track(socket: QAbstractSocket) -> None:
    _live.add(socket)


LISTEN_BACKLOG = 1024
"""Connections the kernel may queue before they are accepted: an office arriving at
nine connects by the hundred (Qt's default, 50, would drop and delay some by 1 s)."""


def create_tcp_server(parent: QObject) -> QTcpServer:
    """A TCP server owned by ``parent``."""
    server = QTcpServer(parent)
    server.setListenBacklogSize(LISTEN_BACKLOG)
    return server


def create_tcp_socket(parent: QObject) -> QTcpSocket:
    """An outgoing chat connection with low-delay (TCP_NODELAY) set."""
    socket = QTcpSocket(parent)
    socket.connected.connect(lambda: configure_chat_socket(socket))
    _track(socket)
    return socket


def accept_pending(server: QTcpServer, parent: QObject) -> QTcpSocket | None:
    """The next accepted connection of ``server``, reparented to ``parent``."""
    socket = server.nextPendingConnection()
    if socket is None:
        return None
    socket.setParent(parent)
    configure_chat_socket(socket)
    _track(socket)
    return socket


def configure_chat_socket(socket: QTcpSocket) -> None:
    """Options every chat socket gets: no Nagle delay, keep-alive probes."""
    socket.setSocketOption(QAbstractSocket.SocketOption.LowDelayOption, 1)
    socket.setSocketOption(QAbstractSocket.SocketOption.KeepAliveOption, 1)


def create_udp_socket(parent: QObject) -> QUdpSocket:
    """A UDP socket owned by ``parent``."""
    socket = QUdpSocket(parent)
    _track(socket)
    return socket


def open_sockets() -> list[QAbstractSocket]:
    """Sockets created here that still exist and are not closed (for leak checks)."""
    result = []
    for socket in list(_live):
        if not shiboken6.isValid(socket):
            continue
        if socket.state() != QAbstractSocket.SocketState.UnconnectedState:
            result.append(socket)
    return result
