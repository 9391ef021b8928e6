"""The host's side of TLS, records in memory: OpenSSL through pyOpenSSL.

The host does not let Qt do its TLS. Qt's QSslSocket costs ~44 µs per write per
socket (a queued flush, an OpenSSL write, a write notification; 2026-12-02, 100
sockets), where the host's fan-out writes to each member's descriptor directly
(~3 µs). Here OpenSSL encrypts into a memory buffer, and the records go to the
descriptor as plain TCP's bytes do: ~6 µs in all for a small record (the
encryption itself ~1.1 ns per byte: docs/PERFORMANCE.md). Python's ``ssl`` would do the same,
but cannot ask a client for a certificate that no CA signed without refusing it;
pyOpenSSL can (a verification callback that accepts any: the host reads the
certificate's fingerprint, a member's user id, and decides itself).
"""

from __future__ import annotations

from typing import NoReturn

from cryptography import x509
from cryptography.hazmat.bindings.openssl.binding import Binding
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from OpenSSL import SSL

from ..core.identity import DeviceIdentity, fingerprint

PIECE_BYTES = 16_384
"""Most bytes encrypted at once: one TLS record. OpenSSL's output buffer grows to the
most encrypted at once and keeps that size for the connection's life."""
RECORD_ROOM = 256
"""More than a record's header, type, padding and tag take (TLS 1.3: 22 bytes)."""
TLS13_SUITES = b"TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384"
GROUP_BYTES = 15 * PIECE_BYTES
"""Most bytes encrypted into ``_records`` at once (more than a host's loop turn
usually writes to one member); longer input is encrypted in groups."""
RECORDS_BYTES = 16 * (PIECE_BYTES + RECORD_ROOM)
"""A group's records, and room for a record OpenSSL had waiting before (none
normally: ``outgoing`` takes them as they come)."""
HANDSHAKE_READ_BYTES = 16_384
PLAIN_READ_BYTES = 65_536


# Encryption calls OpenSSL directly (pyOpenSSL's ``send`` and ``bio_read`` are the
# same calls, with ~5 µs of checks and copies around them, and every member's copy
# of every message goes through them): the records go into one buffer, written to
# the socket from there (the host has one thread: one buffer does).
_lib = Binding.lib
_ffi = Binding.ffi
_ssl_write = _lib.SSL_write
_bio_read = _lib.BIO_read
_records = _ffi.new("char[]", RECORDS_BYTES)
_records_view = memoryview(_ffi.buffer(_records))


class TlsError(Exception):
    """The peer broke TLS (a bad record, a failed handshake): the connection ends."""


def server_context(identity: DeviceIdentity) -> SSL.Context:
    """TLS 1.2 or later (1.3 when the peer has it) serving ``identity``'s certificate.

    Every client is asked for its certificate, and any is taken (self-signed, as every
    device's is): the host knows members by its fingerprint. A client that sends none
    still completes the handshake (``peer_fingerprint`` is then '') and is told why
    it is turned away."""
    context = SSL.Context(SSL.TLS_SERVER_METHOD)
    context.set_min_proto_version(SSL.TLS1_2_VERSION)
    context.use_certificate(x509.load_pem_x509_certificate(identity.certificate_pem))
    key = serialization.load_pem_private_key(identity.key_pem, password=None)
    assert isinstance(key, rsa.RSAPrivateKey)  # (every identity's key is)
    context.use_privatekey(key)
    context.check_privatekey()
    context.set_verify(SSL.VERIFY_PEER | SSL.VERIFY_CLIENT_ONCE, _take_any_certificate)
    context.set_mode(SSL.MODE_RELEASE_BUFFERS)  # idle members hold no record buffers
    context.set_options(SSL.OP_NO_TICKET)  # members do not resume sessions
    # AES-128-GCM first: a third faster than AES-256 here, and every member's copy of
    # every message is encrypted apart (all three are TLS 1.3's standard suites)
    context.set_tls13_ciphersuites(TLS13_SUITES)
    context.set_options(SSL.OP_CIPHER_SERVER_PREFERENCE)
    context.set_session_cache_mode(SSL.SESS_CACHE_OFF)
    return context


def _take_any_certificate(
    _connection: SSL.Connection, _certificate: object, _error: int, _depth: int, _ok: int
) -> bool:
    return True


class TlsSession:
    """One connection's TLS state: ciphertext in, plaintext out, and back.

    Nothing here touches a socket: the caller writes what ``outgoing`` and
    ``encrypt`` return, and gives ``receive`` what arrived.
    """

    def __init__(self, context: SSL.Context) -> None:
        self._ssl = SSL.Connection(context, None)
        self._ssl.set_accept_state()
        self.established = False
        """The handshake is complete: ``encrypt`` may be used."""
        self.peer_closed = False
        """The peer ended TLS (close_notify): nothing more will come."""
        self._handshake_buffers = True  # (the memory BIOs still have the handshake's size)

    @property
    def peer_fingerprint(self) -> str:
        """The SHA-256 of the peer's certificate ('' when it sent none)."""
        certificate = self._ssl.get_peer_certificate(as_cryptography=True)
        if certificate is None:
            return ""
        return fingerprint(certificate.public_bytes(serialization.Encoding.DER))

    @property
    def version(self) -> str:
        """The TLS version in use ('TLSv1.3')."""
        return self._ssl.get_protocol_version_name()

    def receive(self, data: bytes) -> bytes:
        """Takes ``data`` from the peer; returns the application bytes it completed
        (b'' while the handshake goes on). What to answer is in ``outgoing``.

        Raises:
            TlsError: the handshake failed or a record is bad.
        """
        ssl = self._ssl
        ssl.bio_write(data)
        try:
            if not self.established:
                ssl.do_handshake()
                self.established = True
        except SSL.WantReadError:
            return b""
        except SSL.Error as error:
            raise TlsError(describe(error)) from error
        return self._read_plain()

    def _read_plain(self) -> bytes:
        ssl = self._ssl
        chunks = []
        while True:
            try:
                chunks.append(ssl.recv(PLAIN_READ_BYTES))
            except SSL.WantReadError:
                break
            except SSL.ZeroReturnError:
                self.peer_closed = True
                break
            except SSL.Error as error:
                raise TlsError(describe(error)) from error
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)

    def outgoing(self) -> bytes:
        """The records waiting to go to the peer (handshake, alerts, tickets)."""
        records = self._drain(HANDSHAKE_READ_BYTES)
        if self.established and self._handshake_buffers:
            self._release_handshake_buffers()
        return records

    def _release_handshake_buffers(self) -> None:
        """Gives the connection new, empty memory BIOs once the handshake's are
        empty: a memory BIO keeps the size of the most it ever held (the peer's
        certificate flight, ~4 KB per member here), and an idle member needs none.
        (pyOpenSSL's Connection keeps the BIOs it reads and writes: told here.)"""
        connection = self._ssl
        if _pending_bytes(connection._into_ssl) or _pending_bytes(connection._from_ssl):
            return  # (a record cut in two is coming: next time)
        into_ssl = _lib.BIO_new(_lib.BIO_s_mem())
        from_ssl = _lib.BIO_new(_lib.BIO_s_mem())
        if into_ssl == _ffi.NULL or from_ssl == _ffi.NULL:
            for bio in (into_ssl, from_ssl):
                if bio != _ffi.NULL:
                    _lib.BIO_free(bio)
            return  # (out of memory: keep the old ones)
        _lib.SSL_set_bio(connection._ssl, into_ssl, from_ssl)  # (frees the old ones)
        connection._into_ssl, connection._from_ssl = into_ssl, from_ssl
        self._handshake_buffers = False

    def encrypt(self, data: bytes) -> memoryview | bytes:
        """``data`` as TLS records, a record per 16 KiB.

        The records are valid until the next ``encrypt`` of any session: write them
        (or copy them) at once.

        Raises:
            TlsError: OpenSSL could not encrypt (the session failed before).
        """
        if not data:
            return b""  # (OpenSSL takes writing nothing for a failure)
        if len(data) <= GROUP_BYTES:
            return _records_view[: self._encrypt_into_records(data)]
        view = memoryview(data)
        groups = []
        for start in range(0, len(data), GROUP_BYTES):
            size = self._encrypt_into_records(view[start : start + GROUP_BYTES])
            groups.append(bytes(_records_view[:size]))  # (the next group reuses it)
        return b"".join(groups)

    def _encrypt_into_records(self, data: bytes | memoryview) -> int:
        """Encrypts ``data`` (``GROUP_BYTES`` at most) into ``_records``; returns
        the records' size. (Every member's copy of every message comes here: each
        piece is one call to make its record and one to take it.)"""
        connection = self._ssl
        ssl = connection._ssl  # (pyOpenSSL's handles: see _lib)
        output = connection._from_ssl
        length = len(data)
        size = start = 0
        with _ffi.from_buffer(data) as plain:
            while start < length:
                piece = min(length - start, PIECE_BYTES)
                written = _ssl_write(ssl, plain + start, piece)
                if written <= 0:
                    self._raise_write_error(written)
                # The record whole, and what OpenSSL had waiting before it (what does
                # not fit stays in ``output`` for the next call: the order is kept).
                taken = _bio_read(output, _records + size, RECORDS_BYTES - size)
                size += max(taken, 0)
                start += piece
        return size

    def _raise_write_error(self, result: int) -> NoReturn:
        try:
            self._ssl._raise_ssl_error(self._ssl._ssl, result)
        except SSL.Error as error:
            raise TlsError(describe(error)) from error
        raise TlsError("the record could not be written")

    def close_notify(self) -> bytes:
        """The record that ends TLS politely (nothing once the session failed)."""
        try:
            self._ssl.shutdown()
        except SSL.Error:
            return b""
        return self.outgoing()

    def _drain(self, size: int) -> bytes:
        ssl = self._ssl
        try:
            first = ssl.bio_read(size)
        except SSL.WantReadError:
            return b""
        if len(first) < size:
            return first
        chunks = [first]
        while True:
            try:
                chunks.append(ssl.bio_read(size))
            except SSL.WantReadError:
                return b"".join(chunks)


def _pending_bytes(bio: object) -> int:
    """Bytes a memory BIO holds."""
    return int(_lib.BIO_get_mem_data(bio, _ffi.NULL))


def describe(error: SSL.Error) -> str:
    """OpenSSL's reasons for ``error``, for the log ('' parts left out)."""
    parts = error.args[0] if error.args and isinstance(error.args[0], list) else []
    reasons = [str(part[-1]) for part in parts if isinstance(part, tuple) and part]
    return "; ".join(reasons) or type(error).__name__
