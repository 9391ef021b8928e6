"""Device identities for tests: made once per test process (RSA key generation takes
about 0.1 s), with their PEM files for Python's ``ssl`` module."""

from __future__ import annotations

import atexit
import functools
import shutil
import ssl
import tempfile
from pathlib import Path

from messenger.core.identity import DeviceIdentity, make_identity, self_signed

_files = Path(tempfile.mkdtemp(prefix="messenger-test-identities-"))
atexit.register(shutil.rmtree, _files, True)


@functools.cache
def device_identity(number: int = 0) -> DeviceIdentity:
    """Identity ``number`` of this test process (the same object every time): RSA,
    as the app makes them (Qt's TLS takes RSA keys for a local certificate)."""
    return make_identity(f"test device {number}")


def fresh_identity() -> DeviceIdentity:
    """A new identity of its own, quick to make (P-256: the host takes any key its
    TLS library takes), for a raw protocol client in Python's ``ssl``."""
    from cryptography.hazmat.primitives.asymmetric import ec

    return self_signed(ec.generate_private_key(ec.SECP256R1()), "test client", days=2)


def identity_files(identity: DeviceIdentity) -> tuple[Path, Path]:
    """The certificate and key of ``identity`` as PEM files (certificate, key)."""
    certificate = _files / f"{identity.user_id}.crt"
    key = _files / f"{identity.user_id}.key"
    if not certificate.exists():
        key.write_bytes(identity.key_pem)
        certificate.write_bytes(identity.certificate_pem)
    return certificate, key


def client_tls_context(identity: DeviceIdentity | None) -> ssl.SSLContext:
    """A TLS client context as a Messenger client has it: no CA, no host name check
    (the host's fingerprint is checked instead), ``identity``'s certificate (none:
    a client that presents no certificate)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if identity is not None:
        context.load_cert_chain(*identity_files(identity))
    return context


def server_tls_context(identity: DeviceIdentity) -> ssl.SSLContext:
    """A TLS server context serving ``identity``'s certificate, asking for none."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*identity_files(identity))
    return context
