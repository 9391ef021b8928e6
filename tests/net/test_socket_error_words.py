"""Socket errors reach people in their language: Qt's errorString() is English only."""

from __future__ import annotations

import re

from PySide6.QtNetwork import QAbstractSocket, QHostAddress, QTcpServer, QTcpSocket

from messenger.client.connection_texts import socket_error_text
from messenger.net.socket_error_words import socket_error_words

ENGLISH_WORD = re.compile(r"\b(the|connection|remote|closed|refused|host)\b", re.I)


def test_every_kind_of_socket_error_has_words_of_ours():
    for error in QAbstractSocket.SocketError:
        words = socket_error_words(error, "QT'S OWN WORDS")
        assert words and words != "QT'S OWN WORDS", error.name


def test_a_connection_the_host_closed_is_told_in_vietnamese(qtbot, vietnamese):
    server = QTcpServer()
    assert server.listen(QHostAddress.SpecialAddress.LocalHost, 0)
    client = QTcpSocket()
    with qtbot.waitSignal(server.newConnection, timeout=5_000):
        client.connectToHost(QHostAddress.SpecialAddress.LocalHost, server.serverPort())
    accepted = server.nextPendingConnection()
    with qtbot.waitSignal(client.errorOccurred, timeout=5_000) as broke:
        accepted.close()
    error = broke.args[0]
    assert error == QAbstractSocket.SocketError.RemoteHostClosedError
    assert "closed" in client.errorString()  # Qt's own words are English
    text = socket_error_text(error, True, "127.0.0.1:5005", client.errorString())
    assert text == "Kết nối tới 127.0.0.1:5005 bị ngắt: máy bên kia đã đóng kết nối."
    assert not ENGLISH_WORD.search(text)
    client.abort()
    server.close()


def test_a_port_that_cannot_be_listened_on_is_told_in_vietnamese(qtbot, vietnamese):
    from messenger.host.listen_errors import describe_listen_error

    taken = QTcpServer()
    assert taken.listen(QHostAddress.SpecialAddress.LocalHost, 0)
    other = QTcpServer()
    # an address this machine does not have: not "in use", not "access": our fallback words
    assert not other.listen(QHostAddress("192.0.2.1"), taken.serverPort())
    text = describe_listen_error(other, taken.serverPort())
    assert "địa chỉ này không thuộc về máy này" in text
    assert not ENGLISH_WORD.search(text)
    taken.close()
