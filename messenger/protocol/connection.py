"""Sans-IO protocol connection: bytes in, events out; events in, bytes out.

Modelled on h11: feed what the socket read to ``receive_data``, then take events
with ``next_event`` until it returns None (more bytes needed). ``send`` turns an
event into bytes to write. No sockets, no Qt, no asyncio.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterator

from . import events as ev
from .codec import CLIENT_TYPES, HOST_TYPES, decode_frame, encode_event
from .errors import LocalProtocolError, RemoteProtocolError
from .limits import MAX_FRAME_BYTES, PROTOCOL_VERSION


class Role(enum.Enum):
    """Which end of the connection we are."""

    HOST = "host"
    CLIENT = "client"


class State(enum.Enum):
    """Where the handshake stands."""

    AWAITING_HELLO = "awaiting_hello"
    """Host: no ``hello`` yet. Client: no ``welcome`` yet."""
    READY = "ready"
    CLOSED = "closed"
    """A fatal error was raised or sent; nothing more is accepted."""


_ALWAYS_ALLOWED_FROM_HOST = frozenset({ev.Error.TYPE, ev.Bye.TYPE})


class Connection:
    """One end of a Messenger connection, as a state machine.

    Args:
        role: ``Role.HOST`` parses client frames and sends host frames; ``Role.CLIENT``
            the other way round.
        max_frame_bytes: The largest frame accepted, newline not counted.
    """

    def __init__(self, role: Role, max_frame_bytes: int = MAX_FRAME_BYTES) -> None:
        self.role = role
        self.state = State.AWAITING_HELLO
        self._max = max_frame_bytes
        self._buffer = bytearray()
        self._scanned = 0  # bytes of _buffer known to hold no newline
        self._greeting_received = False  # host: hello; client: welcome
        self._greeting_sent = False  # host: welcome; client: hello
        self._their_types = CLIENT_TYPES if role is Role.HOST else HOST_TYPES
        self._our_types = HOST_TYPES if role is Role.HOST else CLIENT_TYPES

    @property
    def buffered(self) -> int:
        """Bytes received but not yet consumed as frames."""
        return len(self._buffer)

    def receive_data(self, data: bytes) -> None:
        """Appends bytes read from the peer."""
        if self.state is State.CLOSED:
            return
        self._buffer += data

    def next_event(self) -> ev.Event | None:
        """The next complete event, or None when more bytes are needed.

        Raises:
            RemoteProtocolError: the peer broke the protocol. When ``fatal`` is set the
                connection is closed (send the error, then close the socket); otherwise
                the offending frame was skipped and later frames can still be read.
        """
        if self.state is State.CLOSED:
            return None
        newline = self._buffer.find(b"\n", self._scanned)
        if newline < 0:
            self._scanned = len(self._buffer)
            if self._scanned > self._max:
                self._fail("frame_too_large", f"frame exceeds {self._max} bytes")
            return None
        if newline > self._max:
            self._fail("frame_too_large", f"frame exceeds {self._max} bytes")
        line = bytes(self._buffer[:newline])
        del self._buffer[: newline + 1]
        self._scanned = 0
        try:
            event = decode_frame(line)
        except RemoteProtocolError as error:
            if error.fatal:
                self.close()
            elif not self._greeting_received:
                # anything but a valid greeting first is fatal (PROTOCOL.md 1.2); a
                # greeting of another version may hold fields this version does not know
                version = _greeting_version(line, self._greeting_type())
                if version is not None and version != PROTOCOL_VERSION:
                    self._fail_version(version)
                self._fail(self._greeting_code(), error.message)
            raise
        self._check_received(event)
        return event

    def events(self) -> Iterator[ev.Event]:
        """Yields every complete event; stops when more bytes are needed."""
        while (event := self.next_event()) is not None:
            yield event

    def send(self, event: ev.Event) -> bytes:
        """The bytes to write for ``event``.

        A host may still send ``Error`` after a fatal error closed the connection, to
        tell the peer why before closing the socket.

        Raises:
            LocalProtocolError: this end may not send ``event`` now.
        """
        if self.state is State.CLOSED:
            if isinstance(event, ev.Error) and self.role is Role.HOST:
                return encode_event(event)  # the host explains why it closes
            raise LocalProtocolError("connection is closed")
        if event.TYPE not in self._our_types:
            raise LocalProtocolError(f"a {self.role.value} cannot send {event.TYPE!r}")
        greeting = ev.Welcome if self.role is Role.HOST else ev.Hello
        is_greeting = isinstance(event, greeting)
        if is_greeting:
            if self._greeting_sent:
                raise LocalProtocolError(f"{event.TYPE!r} was already sent")
            if self.role is Role.HOST and not self._greeting_received:
                raise LocalProtocolError("'welcome' answers 'hello': none was received")
        elif self.state is not State.READY and not self._may_send_early(event):
            raise LocalProtocolError(f"{greeting.TYPE!r} must be sent first, not {event.TYPE!r}")
        data = encode_event(event)  # may refuse: then nothing was sent, nothing changes
        if is_greeting:
            self._greeting_sent = True
            self._update_state()
        if isinstance(event, ev.Bye):
            self.state = State.CLOSED
        return data

    def _may_send_early(self, event: ev.Event) -> bool:
        """Whether ``event`` may go before the handshake is complete: a host's error
        or bye at any time; the admission frames between ``hello`` and ``welcome``."""
        if self.role is Role.HOST:
            if event.TYPE in _ALWAYS_ALLOWED_FROM_HOST:
                return True
            return self._greeting_received and event.TYPE in ev.ADMISSION_HOST_TYPES
        return self._greeting_sent and event.TYPE in ev.ADMISSION_CLIENT_TYPES

    def close(self) -> None:
        """Marks the connection closed; later input is ignored."""
        self.state = State.CLOSED
        self._buffer.clear()
        self._scanned = 0

    def _update_state(self) -> None:
        if self.state is State.AWAITING_HELLO and self._greeting_sent and self._greeting_received:
            self.state = State.READY

    # -- internals -------------------------------------------------------------

    def _greeting_code(self) -> str:
        return "hello_required" if self.role is Role.HOST else "welcome_required"

    def _greeting_type(self) -> str:
        return ev.Hello.TYPE if self.role is Role.HOST else ev.Welcome.TYPE

    def _fail_version(self, version: int) -> None:
        self._fail(
            "unsupported_version",
            f"protocol version {version} is not supported; this end speaks {PROTOCOL_VERSION}",
        )

    def _fail(self, code: str, message: str) -> None:
        self.close()
        raise RemoteProtocolError(code, message, fatal=True)

    def _check_received(self, event: ev.Event) -> None:
        if event.TYPE not in self._their_types:
            if not self._greeting_received:
                self._fail(self._greeting_code(), f"unexpected {event.TYPE!r} frame")
            message = f"a {self.role.value} does not accept {event.TYPE!r}"
            raise RemoteProtocolError("unexpected_type", message, fatal=False)
        greeting = ev.Hello if self.role is Role.HOST else ev.Welcome
        if isinstance(event, greeting):
            if self._greeting_received:
                message = f"{event.TYPE!r} was already sent"
                raise RemoteProtocolError("already_greeted", message, fatal=False)
            if event.version != PROTOCOL_VERSION:
                self._fail_version(event.version)
            self._greeting_received = True
            self._update_state()
        elif isinstance(event, ev.Bye):
            self.close()
        elif not self._greeting_received and not (
            self.role is Role.CLIENT
            and (isinstance(event, ev.Error) or event.TYPE in ev.ADMISSION_HOST_TYPES)
        ):
            self._fail(
                self._greeting_code(),
                f"{greeting.TYPE!r} must come first, not {event.TYPE!r}",
            )


def _greeting_version(line: bytes, greeting: str) -> int | None:
    """The ``version`` of a greeting frame that failed to decode, if it has one.

    Only called for a frame that already parsed as a JSON object.
    """
    obj = json.loads(line)
    version = obj.get("version") if obj.get("type") == greeting else None
    if isinstance(version, int) and not isinstance(version, bool):
        return version
    return None
