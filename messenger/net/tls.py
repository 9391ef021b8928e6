"""A client's TLS settings, from its device identity (Qt's TLS backend does the
TLS; the key and certificate come from ``core.identity``; the host's TLS is
``tls_session``'s).

Both ends present their self-signed certificate. No CA is trusted and Qt verifies
nothing: the client reads the host's certificate and compares its fingerprint
(SHA-256 of the DER bytes) with the one it pinned.
"""

from __future__ import annotations

from PySide6.QtNetwork import (
    QSsl,
    QSslCertificate,
    QSslConfiguration,
    QSslKey,
    QSslSocket,
)

from ..core.identity import DeviceIdentity, fingerprint


def tls_configuration(identity: DeviceIdentity) -> QSslConfiguration:
    """TLS 1.2 or later (1.3 where the backend has it) with ``identity``'s certificate.

    The client verifies nothing in Qt (it checks the host's fingerprint itself before
    sending a frame), so a self-signed certificate does not stop the handshake:
    ``sslErrors`` needs no answer."""
    configuration = QSslConfiguration.defaultConfiguration()
    configuration.setLocalCertificate(
        QSslCertificate(identity.certificate_pem, QSsl.EncodingFormat.Pem)
    )
    configuration.setPrivateKey(
        QSslKey(identity.key_pem, QSsl.KeyAlgorithm.Rsa, QSsl.EncodingFormat.Pem)
    )
    configuration.setProtocol(QSsl.SslProtocol.TlsV1_2OrLater)
    configuration.setCaCertificates([])
    configuration.setPeerVerifyMode(QSslSocket.PeerVerifyMode.VerifyNone)
    return configuration


def peer_fingerprint(socket: QSslSocket) -> str:
    """The lowercase hex SHA-256 of the peer's certificate ('' when it sent none)."""
    certificate = socket.peerCertificate()
    if certificate.isNull():
        return ""
    return fingerprint(bytes(certificate.toDer().data()))


def tls_available() -> bool:
    """True when Qt has a TLS backend that can serve with our certificates."""
    return QSslSocket.supportsSsl()
