"""What a broken or refused connection to a host means for the user, in their
language (context "HostConnection": where these words were first translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtNetwork import QAbstractSocket

from ..net.socket_error_words import socket_error_words
from ..protocol import Bye
from ..protocol.events import BYE_REMOVED, BYE_REPLACED


def socket_error_text(
    error: QAbstractSocket.SocketError, connected: bool, where: str, reason: str
) -> str:
    """Why connecting to (or talking with, when ``connected``) the host at ``where``
    failed; ``reason``: the socket's own (English) words, shown only for an error
    without words of ours."""
    errors = QAbstractSocket.SocketError
    reason = socket_error_words(error, reason)
    if connected:
        text = QCoreApplication.translate(
            "HostConnection", "The connection to {where} broke: {reason}."
        )
    elif error == errors.ConnectionRefusedError:
        text = QCoreApplication.translate(
            "HostConnection",
            "No Messenger host answers at {where}. Check the address and port.",
        )
    elif error == errors.SslHandshakeFailedError:
        text = QCoreApplication.translate(
            "HostConnection",
            "No secure connection could be made with {where} ({reason}). It may be "
            "a host of an older Messenger version: ask for it to be updated.",
        )
    elif error == errors.HostNotFoundError:
        text = QCoreApplication.translate(
            "HostConnection", "The computer {where} was not found. Check the address."
        )
    else:
        text = QCoreApplication.translate("HostConnection", "Cannot connect to {where}: {reason}.")
    return text.format(where=where, reason=reason)


def bye_text(bye: Bye) -> str:
    """Why the host closed the connection on purpose."""
    if bye.reason == BYE_REPLACED:
        return QCoreApplication.translate(
            "HostConnection",
            "This computer connected to the session again from another window or "
            "connection: this one was closed.",
        )
    if bye.reason == BYE_REMOVED:
        return QCoreApplication.translate(
            "HostConnection", "The host's owner removed you from the session."
        )
    return QCoreApplication.translate("HostConnection", "The host ended the session.")
