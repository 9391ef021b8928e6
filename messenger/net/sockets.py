"""Creation of every Qt socket the application uses.

All sockets come from here (and from ``ChatServer``, which accepts them), so that
transport security is decided in one place and tests can check that no socket
outlives its test (``open_sockets``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QSslSocket, QUdpSocket

from ..core.identity import DeviceIdentity
from .chat_server import ChatServer
from .socket_registry import close_on_close_notify, configure_chat_socket, open_sockets, track

__all__ = ["create_chat_server", "create_tls_socket", "create_udp_socket", "open_sockets"]


def create_chat_server(identity: DeviceIdentity | None, parent: QObject) -> ChatServer:
    """The host's chat server: TLS with ``identity``; plain TCP when it is None
    (``--plaintext-loopback`` only)."""
    return ChatServer(identity, parent)


def create_tls_socket(parent: QObject) -> QSslSocket:
    """An outgoing chat connection (TLS; its configuration is set before each
    connection, from the identity then in use) with low delay (TCP_NODELAY) set."""
    socket = QSslSocket(parent)
    socket.connected.connect(lambda: configure_chat_socket(socket))
    close_on_close_notify(socket)
    track(socket)
    return socket


def create_udp_socket(parent: QObject) -> QUdpSocket:
    """A UDP socket owned by ``parent``."""
    socket = QUdpSocket(parent)
    track(socket)
    return socket
