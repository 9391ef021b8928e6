"""Exceptions raised by the sans-IO protocol layer."""

from __future__ import annotations


class ProtocolError(Exception):
    """Base class of every protocol error.

    Attributes:
        code: The machine-readable error code sent in an ``error`` frame.
        fatal: True when the stream can no longer be trusted and must be closed.
    """

    def __init__(self, code: str, message: str, *, fatal: bool) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.fatal = fatal


class RemoteProtocolError(ProtocolError):
    """The peer sent something the protocol does not allow.

    Attributes:
        ref: The ``ref`` of the frame refused, when it had a valid one (its error
            carries it back).
    """

    def __init__(self, code: str, message: str, *, fatal: bool) -> None:
        super().__init__(code, message, fatal=fatal)
        self.ref: str | None = None


class LocalProtocolError(ProtocolError):
    """We tried to send something the protocol does not allow (a bug on our side)."""

    def __init__(self, message: str) -> None:
        super().__init__("local_error", message, fatal=True)
