"""TLS for the load generator's members: Python's ``ssl``, each member with a
certificate of its own (the host knows members by their certificate). P-256 keys:
made in well under a millisecond, where RSA-2048 takes ~0.1 s; the host takes any
key its TLS library takes (the app itself uses RSA, for Qt's Windows and macOS
backends)."""

from __future__ import annotations

import itertools
import ssl
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec

from messenger.core.identity import self_signed

_folder = tempfile.TemporaryDirectory(prefix="loadgen-tls-")
_numbers = itertools.count()


def member_context() -> ssl.SSLContext:
    """A client context with a new certificate: no CA and no host name checks (a
    Messenger client checks the host's fingerprint instead)."""
    number = next(_numbers)
    identity = self_signed(ec.generate_private_key(ec.SECP256R1()), f"bench {number}", days=30)
    certificate = Path(_folder.name) / f"{number}.crt"
    key = Path(_folder.name) / f"{number}.key"
    key.write_bytes(identity.key_pem)
    certificate.write_bytes(identity.certificate_pem)
    return _client_context(certificate, key)


def kept_member_context(folder: Path, number: int) -> ssl.SSLContext:
    """Member ``number``'s client context, its certificate kept in ``folder`` (made
    there the first time): a benchmark of several rounds makes its 2,000 identities
    once, not at every round."""
    certificate = folder / f"member-{number}.crt"
    key = folder / f"member-{number}.key"
    if not certificate.exists():
        private = ec.generate_private_key(ec.SECP256R1())
        identity = self_signed(private, f"bench member {number}", days=30)
        key.write_bytes(identity.key_pem)
        certificate.write_bytes(identity.certificate_pem)
    return _client_context(certificate, key)


def _client_context(certificate: Path, key: Path) -> ssl.SSLContext:
    """A TLS client context presenting ``certificate`` (the host's is not checked: a
    benchmark on loopback)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(certificate, key)
    return context


def handshake_step(sock: ssl.SSLSocket) -> str:
    """Takes a non-blocking TLS handshake as far as it goes: "" once done, else what
    it waits for ("read" or "write")."""
    try:
        sock.do_handshake()
    except ssl.SSLWantReadError:
        return "read"
    except ssl.SSLWantWriteError:
        return "write"
    return ""
