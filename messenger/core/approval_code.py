"""The 6-digit code that the host owner and a new device compare in "approval" mode.

A sans-IO commit-then-reveal exchange, like Bluetooth numeric comparison or the ZRTP
short authentication string: plain objects that take and return ``str`` values; the
network layer carries them. Both sides already hold both certificate fingerprints
(the host's, and the client's "user id": 64-character lowercase hex SHA-256 of the
certificate DER) from the TLS handshake.

Protocol (every value on the wire is 64-character lowercase hex, 32 bytes)::

    host:   nonce_h = 32 random bytes
            commitment = SHA-256(COMMIT_TAG || host_fp || user_fp || nonce_h)
    1. host   -> client: commitment   (hex, 64 chars)
    client: nonce_c = 32 random bytes
    2. client -> host:   nonce_c      (hex, 64 chars)
    3. host   -> client: nonce_h      (hex, 64 chars; the reveal)
    client: checks SHA-256(COMMIT_TAG || host_fp || user_fp || nonce_h) == commitment
    both:   digest = SHA-256(CODE_TAG || host_fp || user_fp || nonce_h || nonce_c)
            code = int.from_bytes(digest[:8], "big") mod 10**6, as 6 digits

    COMMIT_TAG = "messenger approval-code v1 commitment" + one zero byte  (ASCII)
    CODE_TAG   = "messenger approval-code v1 code" + one zero byte        (ASCII)

``host_fp`` and ``user_fp`` enter the hashes as their 32 raw bytes; every field has a
fixed length, so the concatenation is unambiguous. Reducing a 64-bit integer mod 10**6
biases the code by less than 10**6 / 2**64 (about 5e-14): negligible.

Why a man in the middle fails: he terminates TLS on both legs with his own
certificates, so the host's leg and the client's leg hash different fingerprints. To
make the two codes match he would have to choose a nonce after seeing the other side's,
but the host is bound to ``nonce_h`` before it sees the client's nonce, and the client
sends ``nonce_c`` before it sees ``nonce_h``. On whichever leg he completes second, his
own nonce is fixed before the honest side's random one, so the codes match with
probability 10**-6 per attempt.

Each object runs one exchange: a malformed peer value or a failed check ends it, and
a new attempt needs new objects (hence new nonces).
"""

from __future__ import annotations

import hmac
import re
import secrets
from enum import Enum, auto

from cryptography.hazmat.primitives import hashes

NONCE_BYTES = 32
"""Length of each side's random nonce."""

CODE_DIGITS = 6
"""Digits in the code people compare."""

COMMIT_TAG = b"messenger approval-code v1 commitment\x00"
"""Domain separation for the host's commitment hash."""

CODE_TAG = b"messenger approval-code v1 code\x00"
"""Domain separation for the hash the code is taken from."""

_HEX_64 = re.compile(r"[0-9a-f]{64}")


class ApprovalCodeError(Exception):
    """Base class of the errors this module raises."""


class MalformedApprovalValueError(ApprovalCodeError, ValueError):
    """A value received from the peer is not of the expected format."""


class CommitmentMismatchError(ApprovalCodeError):
    """The host's revealed nonce does not match the commitment it sent first: the
    host (or someone between) changed its nonce, so the exchange must be abandoned."""


class ApprovalOrderError(ApprovalCodeError, RuntimeError):
    """A step was called out of order, or twice (a local programming error)."""


def format_code(code: str) -> str:
    """A 6-digit code as people read it: two groups of three ("123 456")."""
    if not (len(code) == CODE_DIGITS and code.isascii() and code.isdigit()):
        raise ValueError(f"an approval code is {CODE_DIGITS} ASCII digits, got {code!r}")
    return f"{code[:3]} {code[3:]}"


def _fingerprint_bytes(fingerprint: str, what: str) -> bytes:
    """The 32 raw bytes of a local fingerprint, or ValueError if it is not one."""
    if not isinstance(fingerprint, str) or not _HEX_64.fullmatch(fingerprint):
        raise ValueError(f"{what} must be 64 lowercase hex characters, got {fingerprint!r}")
    return bytes.fromhex(fingerprint)


def _peer_hex32(value: object, what: str) -> bytes:
    """The 32 bytes of a hex value received from the peer, or MalformedApprovalValueError."""
    if not isinstance(value, str):
        raise MalformedApprovalValueError(f"{what} must be a string, got {type(value).__name__}")
    if not _HEX_64.fullmatch(value):
        raise MalformedApprovalValueError(
            f"{what} must be 64 lowercase hex characters (32 bytes), got {value[:80]!r}"
        )
    return bytes.fromhex(value)


def _sha256(*parts: bytes) -> bytes:
    """SHA-256 of the concatenation of ``parts``."""
    digest = hashes.Hash(hashes.SHA256())
    for part in parts:
        digest.update(part)
    return digest.finalize()


def _commitment(host_fp: bytes, user_fp: bytes, nonce_h: bytes) -> bytes:
    """The host's commitment to ``nonce_h`` for this pair of fingerprints."""
    return _sha256(COMMIT_TAG, host_fp, user_fp, nonce_h)


def _code(host_fp: bytes, user_fp: bytes, nonce_h: bytes, nonce_c: bytes) -> str:
    """The 6-digit code both sides derive from the fingerprints and both nonces."""
    digest = _sha256(CODE_TAG, host_fp, user_fp, nonce_h, nonce_c)
    number = int.from_bytes(digest[:8], "big") % 10**CODE_DIGITS
    return f"{number:0{CODE_DIGITS}d}"


class _Step(Enum):
    """Where one side of the exchange is."""

    START = auto()
    COMMITTED = auto()
    DONE = auto()
    FAILED = auto()


class _Exchange:
    """State shared by both sides: the fingerprints, the step, and the code."""

    def __init__(self, host_fp: str, user_fp: str) -> None:
        self._host_fp = _fingerprint_bytes(host_fp, "host_fp")
        self._user_fp = _fingerprint_bytes(user_fp, "user_fp")
        self._step = _Step.START
        self._code: str | None = None

    def _peer_value(self, value: object, what: str) -> bytes:
        """The 32 bytes of a hex value from the peer; a malformed one ends the exchange
        (MalformedApprovalValueError)."""
        try:
            return _peer_hex32(value, what)
        except MalformedApprovalValueError:
            self._step = _Step.FAILED
            raise

    def _expect(self, step: _Step, call: str) -> None:
        """Raises ApprovalOrderError unless the exchange is at ``step``."""
        if self._step is not step:
            raise ApprovalOrderError(
                f"{call} called out of order (the exchange is at {self._step.name})"
            )

    @property
    def code(self) -> str:
        """The 6-digit code (e.g. "042917"); ApprovalOrderError before it is known."""
        if self._code is None:
            raise ApprovalOrderError("the code is not known yet (the exchange is unfinished)")
        return self._code


class HostCodeExchange(_Exchange):
    """The host's side: commits to its nonce, takes the client's, then reveals its own.

    Steps: ``commitment()`` -> send; on the client's nonce, ``receive_client_nonce()``
    -> send the returned reveal; then ``code`` is what the host owner sees.
    """

    def __init__(self, host_fp: str, user_fp: str) -> None:
        super().__init__(host_fp, user_fp)
        self._nonce_h = secrets.token_bytes(NONCE_BYTES)

    def commitment(self) -> str:
        """The commitment to send the client first (hex, 64 chars)."""
        self._expect(_Step.START, "commitment()")
        self._step = _Step.COMMITTED
        return _commitment(self._host_fp, self._user_fp, self._nonce_h).hex()

    def receive_client_nonce(self, client_nonce: str) -> str:
        """Takes the client's nonce (hex, 64 chars) and returns the reveal to send it:
        the host's nonce (hex, 64 chars). ``code`` is known from now on."""
        self._expect(_Step.COMMITTED, "receive_client_nonce()")
        nonce_c = self._peer_value(client_nonce, "the client's nonce")
        self._step = _Step.DONE
        self._code = _code(self._host_fp, self._user_fp, self._nonce_h, nonce_c)
        return self._nonce_h.hex()


class ClientCodeExchange(_Exchange):
    """The new device's side: takes the host's commitment, answers with its nonce, then
    checks the host's reveal against the commitment.

    Steps: on the commitment, ``receive_commitment()`` -> send the returned nonce; on
    the reveal, ``receive_reveal()`` -> the code to show (CommitmentMismatchError if the
    reveal does not match).
    """

    def __init__(self, host_fp: str, user_fp: str) -> None:
        super().__init__(host_fp, user_fp)
        self._nonce_c = secrets.token_bytes(NONCE_BYTES)
        self._commitment = b""

    def receive_commitment(self, commitment: str) -> str:
        """Takes the host's commitment (hex, 64 chars) and returns this side's nonce to
        send it (hex, 64 chars)."""
        self._expect(_Step.START, "receive_commitment()")
        self._commitment = self._peer_value(commitment, "the host's commitment")
        self._step = _Step.COMMITTED
        return self._nonce_c.hex()

    def receive_reveal(self, host_nonce: str) -> str:
        """Takes the host's revealed nonce (hex, 64 chars), checks it against the
        commitment and returns the code. Raises CommitmentMismatchError (and the exchange
        is over) if it does not match."""
        self._expect(_Step.COMMITTED, "receive_reveal()")
        nonce_h = self._peer_value(host_nonce, "the host's revealed nonce")
        expected = _commitment(self._host_fp, self._user_fp, nonce_h)
        if not hmac.compare_digest(expected, self._commitment):
            self._step = _Step.FAILED
            raise CommitmentMismatchError(
                "the host's revealed nonce does not match its commitment "
                "(for these fingerprints): abandon this exchange"
            )
        self._step = _Step.DONE
        self._code = _code(self._host_fp, self._user_fp, nonce_h, self._nonce_c)
        return self._code
