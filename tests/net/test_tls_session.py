"""The host's TLS in memory (``TlsSession``, OpenSSL through pyOpenSSL) against a
client in Python's ``ssl``, as another implementation: real handshakes, real
certificates, real records."""

from __future__ import annotations

import contextlib
import ssl

import pytest

from messenger.net.tls_session import GROUP_BYTES, PIECE_BYTES, TlsError, TlsSession, server_context
from tests.identities import client_tls_context, device_identity, fresh_identity


class Peer:
    """A client's TLS in memory, each record handed over by hand."""

    def __init__(self, certificate: bool = True, maximum: ssl.TLSVersion | None = None) -> None:
        self.identity = fresh_identity() if certificate else None
        context = client_tls_context(self.identity)
        if maximum is not None:
            context.maximum_version = maximum
        self.incoming, self.outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        self.tls = context.wrap_bio(self.incoming, self.outgoing)

    def step(self) -> bytes:
        """Goes on with the handshake; what it sends."""
        with contextlib.suppress(ssl.SSLWantReadError):
            self.tls.do_handshake()
        return self.outgoing.read()

    def read_all(self) -> bytes:
        data = b""
        while True:
            try:
                data += self.tls.read(1 << 20)
            except ssl.SSLWantReadError:
                return data


def connected(peer: Peer) -> TlsSession:
    """A host session that finished its handshake with ``peer``."""
    session = TlsSession(server_context(device_identity(100)))
    for _ in range(4):
        sent = peer.step()
        if sent:
            session.receive(sent)
        peer.incoming.write(session.outgoing())
    peer.step()
    assert session.established
    return session


def test_the_member_is_known_by_its_certificate():
    peer = Peer()
    session = connected(peer)
    assert peer.identity is not None
    assert session.peer_fingerprint == peer.identity.user_id
    assert session.version == "TLSv1.3"
    assert peer.tls.cipher()[0] == "TLS_AES_128_GCM_SHA256"  # (the host's first choice)


def test_a_peer_without_a_certificate_is_connected_and_has_no_fingerprint():
    session = connected(Peer(certificate=False))
    assert session.peer_fingerprint == ""


def test_tls_1_2_is_still_served():
    peer = Peer(maximum=ssl.TLSVersion.TLSv1_2)
    session = connected(peer)
    assert session.version == "TLSv1.2"
    assert peer.identity is not None and session.peer_fingerprint == peer.identity.user_id


@pytest.mark.parametrize(
    "size",
    [1, PIECE_BYTES, PIECE_BYTES + 1, 5 * PIECE_BYTES + 7, GROUP_BYTES, 2 * GROUP_BYTES + 3],
)
def test_what_the_host_encrypts_the_peer_reads_whole(size: int):
    peer = Peer()
    session = connected(peer)
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    peer.incoming.write(session.encrypt(data))
    assert peer.read_all() == data


def test_encrypting_after_the_end_of_tls_is_an_error_not_a_crash():
    session = connected(Peer())
    assert session.close_notify()
    with pytest.raises(TlsError):
        session.encrypt(b"too late\n")


def test_writing_nothing_sends_nothing():
    session = connected(Peer())
    assert session.encrypt(b"") == b""


def test_what_the_peer_sends_arrives_in_any_pieces():
    peer = Peer()
    session = connected(peer)
    text = "Xin chào, hẹn gặp lúc 3 giờ\n".encode() * 2_000  # several records
    peer.tls.write(text)
    sent = peer.outgoing.read()
    received = b"".join(session.receive(sent[i : i + 1000]) for i in range(0, len(sent), 1000))
    assert received == text


def test_what_follows_the_handshake_at_once_arrives_whatever_the_pieces():
    """A client's first frame comes right behind its Finished, cut anywhere; what the
    host answers in between (``outgoing``) loses none of it."""
    text = b'{"type":"hello","version":2,"name":"An","client":"c"}\n' * 300
    for cut in (1, 100, 5_000):
        peer = Peer()
        session = TlsSession(server_context(device_identity(100)))
        session.receive(peer.step())
        peer.incoming.write(session.outgoing())
        finished = peer.step()  # (the client's certificate and Finished)
        peer.tls.write(text)
        sent = finished + peer.outgoing.read()
        received = b""
        for start in range(0, len(sent), cut):
            received += session.receive(sent[start : start + cut])
            peer.incoming.write(session.outgoing())
        assert session.established and received == text
        peer.incoming.write(session.encrypt(b"welcome\n"))
        assert peer.read_all() == b"welcome\n"


def test_a_changed_record_is_refused():
    peer = Peer()
    session = connected(peer)
    peer.tls.write(b'{"type":"say"}\n')
    record = bytearray(peer.outgoing.read())
    record[-3] ^= 0x01  # inside the authentication tag
    with pytest.raises(TlsError):
        session.receive(bytes(record))


def test_a_peer_that_does_not_speak_tls_fails_the_handshake():
    session = TlsSession(server_context(device_identity(100)))
    with pytest.raises(TlsError):
        session.receive(b"\x16\x03\x01\x00\x05hello" + b"\x00" * 32)


def test_close_notify_both_ways():
    peer = Peer()
    session = connected(peer)
    with pytest.raises(ssl.SSLWantReadError):
        peer.tls.read(10)  # (nothing yet)
    peer.incoming.write(session.close_notify())
    assert peer.tls.read(10) == b""  # the end of TLS
    other = Peer()
    session = connected(other)
    with contextlib.suppress(ssl.SSLWantReadError):
        other.tls.unwrap()  # (it sends its close_notify, and waits for the host's)
    assert session.receive(other.outgoing.read()) == b""
    assert session.peer_closed
