"""A socket's error in the user's language.

Qt's own ``errorString()`` is English, and Qt ships no Vietnamese catalogue for its
network module, so the reasons people read ("the connection broke: …") are worded here,
one per kind of :class:`QAbstractSocket.SocketError`. Only a kind Qt adds later falls
back to Qt's English words.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtNetwork import QAbstractSocket

_Error = QAbstractSocket.SocketError
CONTEXT = "SocketError"

_WORDS: dict[_Error, object] = {  # (QT_TRANSLATE_NOOP is typed as giving an object)
    _Error.ConnectionRefusedError: QT_TRANSLATE_NOOP(
        "SocketError", "the other computer refused the connection"
    ),
    _Error.RemoteHostClosedError: QT_TRANSLATE_NOOP(
        "SocketError", "the other computer closed the connection"
    ),
    _Error.HostNotFoundError: QT_TRANSLATE_NOOP("SocketError", "the computer was not found"),
    _Error.SocketAccessError: QT_TRANSLATE_NOOP(
        "SocketError", "this computer does not allow it (permission denied)"
    ),
    _Error.SocketResourceError: QT_TRANSLATE_NOOP(
        "SocketError", "this computer has run out of network resources (too many connections open)"
    ),
    _Error.SocketTimeoutError: QT_TRANSLATE_NOOP("SocketError", "no answer in time"),
    _Error.DatagramTooLargeError: QT_TRANSLATE_NOOP(
        "SocketError", "the data was too large to send in one piece"
    ),
    _Error.NetworkError: QT_TRANSLATE_NOOP(
        "SocketError", "the network failed (a cable unplugged or Wi-Fi lost?)"
    ),
    _Error.AddressInUseError: QT_TRANSLATE_NOOP(
        "SocketError", "the address is already in use by another program"
    ),
    _Error.SocketAddressNotAvailableError: QT_TRANSLATE_NOOP(
        "SocketError", "the address does not belong to this computer"
    ),
    _Error.UnsupportedSocketOperationError: QT_TRANSLATE_NOOP(
        "SocketError", "this computer's network does not support it (IPv6 turned off?)"
    ),
    _Error.UnfinishedSocketOperationError: QT_TRANSLATE_NOOP(
        "SocketError", "an earlier step has not finished yet"
    ),
    _Error.ProxyAuthenticationRequiredError: QT_TRANSLATE_NOOP(
        "SocketError", "the proxy asks for a password"
    ),
    _Error.SslHandshakeFailedError: QT_TRANSLATE_NOOP(
        "SocketError", "no secure connection could be agreed"
    ),
    _Error.ProxyConnectionRefusedError: QT_TRANSLATE_NOOP(
        "SocketError", "the proxy refused the connection"
    ),
    _Error.ProxyConnectionClosedError: QT_TRANSLATE_NOOP(
        "SocketError", "the proxy closed the connection"
    ),
    _Error.ProxyConnectionTimeoutError: QT_TRANSLATE_NOOP(
        "SocketError", "the proxy did not answer in time"
    ),
    _Error.ProxyNotFoundError: QT_TRANSLATE_NOOP("SocketError", "the proxy was not found"),
    _Error.ProxyProtocolError: QT_TRANSLATE_NOOP(
        "SocketError", "the proxy answered something not understood"
    ),
    _Error.OperationError: QT_TRANSLATE_NOOP(
        "SocketError", "the connection was not in a state to do that"
    ),
    _Error.SslInternalError: QT_TRANSLATE_NOOP(
        "SocketError", "the encryption library failed (is OpenSSL installed?)"
    ),
    _Error.SslInvalidUserDataError: QT_TRANSLATE_NOOP(
        "SocketError", "the certificate or key is not valid"
    ),
    _Error.TemporaryError: QT_TRANSLATE_NOOP(
        "SocketError", "a temporary problem: it may work if tried again"
    ),
    _Error.UnknownSocketError: QT_TRANSLATE_NOOP("SocketError", "an unknown network error"),
}


def socket_error_words(error: QAbstractSocket.SocketError, qt_words: str) -> str:
    """Why a socket failed, in the user's language; ``qt_words`` (the socket's English
    ``errorString()``) only for a kind of error not worded here."""
    words = _WORDS.get(error)
    if words is None:
        return qt_words
    return QCoreApplication.translate(CONTEXT, str(words))
