"""Why the host cannot listen on its port, in words for people."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtNetwork import QAbstractSocket, QTcpServer

from ..net.socket_error_words import socket_error_words


def describe_listen_error(server: QTcpServer, port: int) -> str:
    """What went wrong when ``server`` could not listen on ``port``, and what to do."""
    if server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
        return QCoreApplication.translate(
            "HostService",
            "Port {port} is already in use: another Messenger host, or another "
            "program, is using it on this computer. Stop it, or choose another port.",
        ).format(port=port)
    if server.serverError() == QAbstractSocket.SocketError.SocketAccessError:
        return QCoreApplication.translate(
            "HostService",
            "This computer does not allow listening on port {port}. Choose a port above 1024.",
        ).format(port=port)
    return QCoreApplication.translate(
        "HostService", "Cannot listen on port {port}: {reason}."
    ).format(port=port, reason=socket_error_words(server.serverError(), server.errorString()))
