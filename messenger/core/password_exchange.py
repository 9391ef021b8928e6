"""The session password of "password" mode, checked with SPAKE2 and key confirmation.

A sans-IO password-authenticated key exchange: plain objects that take and return
``str`` values; the network layer carries them. Both sides already hold both
certificate fingerprints from the TLS handshake: the client's ("user id", ``user_fp``)
and the host's (``host_fp``), each 64-character lowercase hex SHA-256 of the
certificate DER. The password never crosses the wire, and what does cross it gives
nothing to test passwords against offline.

SPAKE2 comes from the ``spake2`` package (Ed25519 group, M/N blinding, key =
SHA-256(SHA-256(pw) || SHA-256(idA) || SHA-256(idB) || X* || Y* || K)); keys and MACs
from ``cryptography``. Nothing here is home-made crypto.

Variant: asymmetric SPAKE2 (``spake2.SPAKE2_A`` / ``SPAKE2_B``, the RFC 9382
construction), with the client as side A (``idA`` = ``user_fp``) and the host as side
B (``idB`` = ``host_fp``), each id the 64 ASCII hex characters. The roles are fixed by
the connection (the client initiates, the host answers), so nothing has to be sorted
or combined as ``SPAKE2_Symmetric``'s single ``idSymmetric`` would need; each
fingerprint is bound to its role in the key's transcript, and the distinct M/N
blinding points plus the side byte make a message reflected back to its sender fail.

Protocol. Every value on the wire is canonical base64url without padding ("=");
a SPAKE2 message is 33 bytes (44 characters): the side byte "A" or "B", then a
compressed Ed25519 point; a confirmation is 32 bytes (43 characters)::

    both:   pw = UTF-8(NFC(password)), not empty; idA = user_fp, idB = host_fp
    1. client -> host:   client_message = SPAKE2_A(pw, idA, idB).start()   ("A" + X*)
    host:   host_message = SPAKE2_B(pw, idA, idB).start()                  ("B" + Y*)
            key = SPAKE2_B.finish(client_message)                          (32 bytes)
    2. host -> client:   host_message
                         host_confirmation = HMAC-SHA256(host_key, HOST_LABEL)
    client: key = SPAKE2_A.finish(host_message)
    3. client -> host:   client_confirmation = HMAC-SHA256(client_key, CLIENT_LABEL)
    host:   checks client_confirmation; a mismatch: the client's password is wrong
    client: checks host_confirmation; a mismatch: a wrong password, or a peer that is
            not the host whose fingerprint the client sees

    client_key = HKDF-SHA256(key, salt=none, info=CLIENT_KEY_INFO, length=32)
    host_key   = HKDF-SHA256(key, salt=none, info=HOST_KEY_INFO, length=32)
    CLIENT_KEY_INFO = "messenger password-exchange v1 client confirmation key"
    HOST_KEY_INFO   = "messenger password-exchange v1 host confirmation key"
    CLIENT_LABEL    = "messenger password-exchange v1 client confirms"
    HOST_LABEL      = "messenger password-exchange v1 host confirms"     (ASCII)

A received SPAKE2 message must carry the other side's byte, and its point must be the
canonical encoding of an element of the prime-order group other than the identity,
and not our own point reflected. The confirmations need not MAC the transcript: the
SPAKE2 key already hashes pw, idA, idB, X* and Y*.

One and a half round trips. The client sends its confirmation whether or not the
host's matched, so the host always learns the outcome; the client then checks the
host's, which authenticates the host to the client on first contact. Neither
confirmation helps anyone test passwords offline: an active attacker who ran SPAKE2
with one guessed password can compute the other side's key only if that guess was
right, so each attempt is one online guess. The network layer should limit attempts
(any attempt that does not end in ``verify_client`` succeeding is a failed one).

A man in the middle terminates TLS with his own certificates, so each leg sees
different fingerprints: he cannot relay the SPAKE2 messages (the keys would differ)
and must run SPAKE2 himself on each leg, one online guess per leg per attempt.

Limitation: ``spake2`` is pure Python and not constant-time.

Each object runs one exchange: a malformed peer value or a failed check ends it, and
a new attempt needs new objects (hence new SPAKE2 secrets).
"""

from __future__ import annotations

import base64
import re
import secrets
import unicodedata
from dataclasses import dataclass
from enum import Enum, auto
from typing import Any

import spake2  # type: ignore[import-untyped, unused-ignore]
import spake2.ed25519_basic  # type: ignore[import-untyped, unused-ignore]
import spake2.spake2  # type: ignore[import-untyped, unused-ignore]
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MESSAGE_BYTES = 33
"""A SPAKE2 message: one side byte and a 32-byte Ed25519 point."""

CONFIRMATION_BYTES = 32
"""A key confirmation: an HMAC-SHA256."""

CLIENT_KEY_INFO = b"messenger password-exchange v1 client confirmation key"
"""HKDF info for the key of the client's confirmation."""

HOST_KEY_INFO = b"messenger password-exchange v1 host confirmation key"
"""HKDF info for the key of the host's confirmation."""

CLIENT_LABEL = b"messenger password-exchange v1 client confirms"
"""What the client's confirmation is a MAC of."""

HOST_LABEL = b"messenger password-exchange v1 host confirms"
"""What the host's confirmation is a MAC of."""

_HEX_64 = re.compile(r"[0-9a-f]{64}")
_BASE64URL = re.compile(r"[A-Za-z0-9_-]*")
_PARAMS: Any = spake2.spake2.DefaultParams
"""spake2's Ed25519 parameters (group, M, N), named so both uses are the same."""
_SPAKE2_ERRORS: tuple[type[Exception], ...] = (
    spake2.SPAKEError,  # wrong side byte, a reflected message
    spake2.ed25519_basic.NotOnCurve,  # bytes that are no curve point
    ValueError,  # the zero point, or a point outside the prime-order group
)


class PasswordExchangeError(Exception):
    """Base class of the errors this module raises."""


class MalformedPasswordValueError(PasswordExchangeError, ValueError):
    """A value received from the peer is not of the expected format."""


class WrongPasswordError(PasswordExchangeError):
    """The peer's key confirmation does not match: the two sides used different
    passwords (or, for the client, the peer is not the host it expects)."""


class PasswordOrderError(PasswordExchangeError, RuntimeError):
    """A step was called out of order, or twice (a local programming error)."""


@dataclass(frozen=True, slots=True)
class HostReply:
    """What the host sends the client in one frame after its SPAKE2 message.

    Attributes:
        message: The host's SPAKE2 message (base64url, 44 characters).
        confirmation: The host's key confirmation (base64url, 43 characters).
    """

    message: str
    confirmation: str


def password_bytes(password: str) -> bytes:
    """The bytes SPAKE2 takes for ``password``: NFC, UTF-8. ValueError if empty."""
    if not isinstance(password, str):
        raise ValueError(f"the password must be a string, got {type(password).__name__}")
    text = unicodedata.normalize("NFC", password)
    if not text:
        raise ValueError("the password must not be empty")
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError("the password has characters UTF-8 cannot encode") from error


def _fingerprint_id(fingerprint: str, what: str) -> bytes:
    """A local fingerprint as a SPAKE2 identity (its ASCII hex), or ValueError."""
    if not isinstance(fingerprint, str) or not _HEX_64.fullmatch(fingerprint):
        raise ValueError(f"{what} must be 64 lowercase hex characters, got {fingerprint!r}")
    return fingerprint.encode("ascii")


def _encode(data: bytes) -> str:
    """``data`` as base64url without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _decode(value: object, size: int, what: str) -> bytes:
    """The ``size`` bytes of a base64url (unpadded, canonical) value from the peer, or
    MalformedPasswordValueError."""
    if not isinstance(value, str):
        raise MalformedPasswordValueError(f"{what} must be a string, got {type(value).__name__}")
    length = len(_encode(bytes(size)))
    if len(value) != length or not _BASE64URL.fullmatch(value):
        raise MalformedPasswordValueError(
            f"{what} must be {length} base64url characters ({size} bytes), got {value[:80]!r}"
        )
    data = base64.urlsafe_b64decode(value + "=" * (-length % 4))
    if _encode(data) != value:
        raise MalformedPasswordValueError(f"{what} is not canonical base64url: {value!r}")
    return data


def _confirmation_key(key: bytes, info: bytes) -> bytes:
    """A 32-byte key derived from the SPAKE2 key with HKDF-SHA256."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(key)


def _mac(key: bytes, info: bytes, label: bytes) -> hmac.HMAC:
    """An HMAC-SHA256 of ``label`` under the confirmation key for ``info``."""
    mac = hmac.HMAC(_confirmation_key(key, info), hashes.SHA256())
    mac.update(label)
    return mac


def _confirmation(key: bytes, info: bytes, label: bytes) -> bytes:
    """The confirmation for ``info``/``label``: the HMAC's 32 bytes."""
    return _mac(key, info, label).finalize()


def _confirmation_matches(key: bytes, info: bytes, label: bytes, received: bytes) -> bool:
    """Whether ``received`` is the confirmation for ``info``/``label`` (constant time)."""
    try:
        _mac(key, info, label).verify(received)
    except InvalidSignature:
        return False
    return True


def _check_canonical(point: bytes) -> None:
    """Raises unless ``point`` is the canonical encoding of an element of spake2's
    group: spake2 0.9 checks for the identity by comparing bytes, so it takes an
    identity (or any element) under another encoding (y >= p, or x = 0 with the sign
    bit set). Raises spake2's errors for a non-element, else ValueError."""
    element = _PARAMS.group.bytes_to_element(point)
    if element.to_bytes() != point:
        raise ValueError("not the canonical encoding of a group element")


class _Spake2:
    """A typed wrapper round one side of ``spake2``'s asymmetric SPAKE2."""

    def __init__(self, side: Any, password: bytes, id_a: bytes, id_b: bytes) -> None:
        self._side = side(
            password, idA=id_a, idB=id_b, params=_PARAMS, entropy_f=secrets.token_bytes
        )

    def start(self) -> bytes:
        """This side's SPAKE2 message (33 bytes)."""
        message = self._side.start()
        if not isinstance(message, bytes) or len(message) != MESSAGE_BYTES:
            raise TypeError(f"spake2 gave an unexpected message: {message!r}")
        return message

    def finish(self, peer_message: bytes, what: str) -> bytes:
        """The 32-byte shared key from the peer's SPAKE2 message, or
        MalformedPasswordValueError if spake2 rejects that message."""
        try:
            _check_canonical(peer_message[1:])
            key = self._side.finish(peer_message)
        except _SPAKE2_ERRORS as error:
            reason = str(error) or type(error).__name__
            raise MalformedPasswordValueError(
                f"{what} is not a valid SPAKE2 message: {reason}"
            ) from error
        if not isinstance(key, bytes) or len(key) != 32:
            raise TypeError("spake2 gave an unexpected key")
        return key


class _Step(Enum):
    """Where one side of the exchange is."""

    START = auto()
    STARTED = auto()
    KEYED = auto()
    VERIFIED = auto()
    FAILED = auto()


class _Exchange:
    """State shared by both sides: the SPAKE2 side, the step and the key."""

    def __init__(self, side: Any, password: str, user_fp: str, host_fp: str) -> None:
        id_a = _fingerprint_id(user_fp, "user_fp")
        id_b = _fingerprint_id(host_fp, "host_fp")
        self._spake2 = _Spake2(side, password_bytes(password), id_a, id_b)
        self._step = _Step.START
        self._key = b""

    @property
    def verified(self) -> bool:
        """Whether the peer's confirmation has been checked and matched."""
        return self._step is _Step.VERIFIED

    def _expect(self, step: _Step, call: str) -> None:
        """Raises PasswordOrderError unless the exchange is at ``step``."""
        if self._step is not step:
            raise PasswordOrderError(
                f"{call} called out of order (the exchange is at {self._step.name})"
            )

    def _take_key(self, peer_message: object, what: str) -> None:
        """Decodes the peer's SPAKE2 message and derives the key; a malformed one ends
        the exchange (MalformedPasswordValueError)."""
        try:
            self._key = self._spake2.finish(_decode(peer_message, MESSAGE_BYTES, what), what)
        except MalformedPasswordValueError:
            self._step = _Step.FAILED
            raise
        self._step = _Step.KEYED

    def _check(self, received: object, info: bytes, label: bytes, what: str, why: str) -> None:
        """Checks the peer's confirmation: VERIFIED if it matches, else the exchange is
        over (MalformedPasswordValueError, or WrongPasswordError saying ``why``)."""
        self._step = _Step.FAILED
        confirmation = _decode(received, CONFIRMATION_BYTES, what)
        if not _confirmation_matches(self._key, info, label, confirmation):
            raise WrongPasswordError(f"{what} does not match: {why}")
        self._step = _Step.VERIFIED


class ClientPasswordExchange(_Exchange):
    """The client's side (SPAKE2 side A).

    Steps: ``start()`` -> send (1); on the host's reply (2), ``finish(message)`` ->
    send the returned confirmation (3), then ``verify_host(confirmation)``; trust the
    host only if that returns (``verified``).
    """

    def __init__(self, password: str, user_fp: str, host_fp: str) -> None:
        super().__init__(spake2.SPAKE2_A, password, user_fp, host_fp)

    def start(self) -> str:
        """The client's SPAKE2 message to send first (base64url, 44 characters)."""
        self._expect(_Step.START, "start()")
        self._step = _Step.STARTED
        return _encode(self._spake2.start())

    def finish(self, host_message: str) -> str:
        """Takes the host's SPAKE2 message (base64url, 44 characters) and returns the
        client's confirmation to send it (base64url, 43 characters)."""
        self._expect(_Step.STARTED, "finish()")
        self._take_key(host_message, "the host's SPAKE2 message")
        return _encode(_confirmation(self._key, CLIENT_KEY_INFO, CLIENT_LABEL))

    def verify_host(self, host_confirmation: str) -> None:
        """Checks the host's confirmation (base64url, 43 characters); WrongPasswordError
        if it does not match: a wrong password, or not the host the client expects."""
        self._expect(_Step.KEYED, "verify_host()")
        self._check(
            host_confirmation,
            HOST_KEY_INFO,
            HOST_LABEL,
            "the host's confirmation",
            "wrong password, or not the host with the expected fingerprint",
        )


class HostPasswordExchange(_Exchange):
    """The host's side (SPAKE2 side B).

    Steps: on the client's message (1), ``respond(message)`` -> send the returned
    HostReply (2); on the client's confirmation (3), ``verify_client(confirmation)``;
    admit the client only if that returns (``verified``).
    """

    def __init__(self, password: str, user_fp: str, host_fp: str) -> None:
        super().__init__(spake2.SPAKE2_B, password, user_fp, host_fp)

    def respond(self, client_message: str) -> HostReply:
        """Takes the client's SPAKE2 message (base64url, 44 characters) and returns the
        host's message and confirmation to send it."""
        self._expect(_Step.START, "respond()")
        message = _encode(self._spake2.start())
        self._take_key(client_message, "the client's SPAKE2 message")
        confirmation = _encode(_confirmation(self._key, HOST_KEY_INFO, HOST_LABEL))
        return HostReply(message=message, confirmation=confirmation)

    def verify_client(self, client_confirmation: str) -> None:
        """Checks the client's confirmation (base64url, 43 characters); WrongPasswordError
        if it does not match: the client used another password."""
        self._expect(_Step.KEYED, "verify_client()")
        self._check(
            client_confirmation,
            CLIENT_KEY_INFO,
            CLIENT_LABEL,
            "the client's confirmation",
            "the client used a wrong password",
        )
