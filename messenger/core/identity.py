"""A device's identity: an RSA-2048 key and a self-signed certificate, made with the
``cryptography`` package (no home-made crypto). The user id is the lowercase hex
SHA-256 of the certificate's DER bytes, as Syncthing's device ids are; people see
it as short base32 groups.

RSA, not Ed25519 or ECDSA: Qt's Schannel (Windows) and SecureTransport (macOS) TLS
backends take only RSA keys for a local certificate.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
from dataclasses import dataclass
from typing import Any

KEY_BITS = 2048
VALID_YEARS = 20
SHORT_ID_CHARS = 16
"""Base32 characters of the short form (80 bits), shown in groups of four."""


@dataclass(frozen=True, slots=True)
class DeviceIdentity:
    """One installation's key and certificate.

    Attributes:
        key_pem: The private key, PKCS#8 PEM, unencrypted (the file is owner-only).
        certificate_pem: The self-signed X.509 certificate, PEM.
        certificate_der: The same certificate, DER (what the user id is made of).
    """

    key_pem: bytes
    certificate_pem: bytes
    certificate_der: bytes

    @property
    def user_id(self) -> str:
        """The lowercase hex SHA-256 of the certificate's DER bytes."""
        return fingerprint(self.certificate_der)

    @property
    def short_id(self) -> str:
        """The user id as people read it (``short_form``)."""
        return short_form(self.user_id)


class IdentityDataError(ValueError):
    """Bytes that are not a usable key and certificate (damaged, or not ours)."""


def fingerprint(certificate_der: bytes) -> str:
    """The lowercase hex SHA-256 of a certificate's DER bytes."""
    return hashlib.sha256(certificate_der).hexdigest()


def short_form(user_id: str) -> str:
    """A user id (hex SHA-256) as people read and compare it: the first 80 bits in
    base32, four groups of four (``MFRG-GZDF-MZTW-Q2LK``)."""
    raw = bytes.fromhex(user_id)[: SHORT_ID_CHARS * 5 // 8]
    text = base64.b32encode(raw).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, SHORT_ID_CHARS, 4))


def make_identity(common_name: str) -> DeviceIdentity:
    """Makes a new key and a self-signed certificate naming ``common_name`` (about
    0.1 s: RSA key generation)."""
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    return self_signed(key, common_name, days=365 * VALID_YEARS)


def self_signed(key: Any, common_name: str, days: int) -> DeviceIdentity:
    """``key`` (a ``cryptography`` private key) with a self-signed certificate naming
    ``common_name``, valid for ``days`` from yesterday."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID

    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64] or "Messenger")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return DeviceIdentity(
        key_pem=key_pem,
        certificate_pem=certificate.public_bytes(serialization.Encoding.PEM),
        certificate_der=certificate.public_bytes(serialization.Encoding.DER),
    )


def identity_from_pem(key_pem: bytes, certificate_pem: bytes) -> DeviceIdentity:
    """The identity in ``key_pem`` and ``certificate_pem``, checked to belong together.

    Raises:
        IdentityDataError: either is damaged, or the key is not the certificate's.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    try:
        key = serialization.load_pem_private_key(key_pem, password=None)
        certificate = x509.load_pem_x509_certificate(certificate_pem)
    except (ValueError, TypeError) as error:
        raise IdentityDataError(str(error)) from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise IdentityDataError("the key is not an RSA key")
    public = serialization.PublicFormat.SubjectPublicKeyInfo
    encoding = serialization.Encoding.DER
    if key.public_key().public_bytes(encoding, public) != certificate.public_key().public_bytes(
        encoding, public
    ):
        raise IdentityDataError("the key does not belong to the certificate")
    return DeviceIdentity(
        key_pem=key_pem,
        certificate_pem=certificate_pem,
        certificate_der=certificate.public_bytes(serialization.Encoding.DER),
    )
