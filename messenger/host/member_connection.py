"""One client's connection to the host: socket, protocol state, output bound."""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QTcpSocket

from ..net.chat_stream import ChatStream, TlsError
from ..protocol import (
    Bye,
    Connection,
    Error,
    Event,
    History,
    Join,
    LocalProtocolError,
    RemoteProtocolError,
    Role,
    State,
)
from ..protocol.events import BYE_SESSION_ENDED
from .loop_share import LoopShare
from .output_budget import OutputBudget

log = logging.getLogger(__name__)

HELLO_TIMEOUT_MS = 5_000
IDLE_TIMEOUT_MS = 60_000
"""A member heard nothing from this long is gone (its network died, its computer
slept): closed, so that the others see it leave. Clients ping every 15 s."""
IDLE_TIMEOUT = (
    f"nothing received for {IDLE_TIMEOUT_MS // 1000} seconds: closing "
    "(ping at least every 15 seconds: docs/PROTOCOL.md, ping)"
)
OUTPUT_LIMIT_BYTES = 8 * 1024 * 1024
"""Unsent bytes beyond which a connection that stopped reading is dropped."""
REPLAY_HIGH_WATER_BYTES = 256 * 1024
"""A replay pauses while more than this waits to be sent (beyond what the kernel
holds: a member that reads nothing pins this much, and its page, not more)."""
BAD_FRAMES_LOGGED = 3
"""Bad frames of one connection logged one by one (the rest: a count, at the end)."""
BAD_FRAMES_ALLOWED = 100
"""Bad frames one connection may send; the next closes it (``too_many_errors``)."""
FRAMES_PER_TURN = 64
TURN_BUDGET_S = 0.002
"""A connection's frames are handled for at most this many, or this long, per turn
of the event loop; the rest wait for its next turn, after the other connections'."""
INPUT_HELD_BYTES = 2 * 65_536
"""Received bytes waiting to be handled beyond which no more are read from the
socket (its kernel buffer fills: the peer's TCP waits)."""
SOCKET_READ_BUFFER_BYTES = 256 * 1024
"""What Qt reads ahead from the kernel for one connection, at most."""
TOO_MANY_ERRORS = (
    f"more than {BAD_FRAMES_ALLOWED} frames this host could not take: "
    "closing (docs/PROTOCOL.md, section 1.5)"
)


@dataclass
class ReplayCursor:
    """Where a member's streamed ``join`` replay stands."""

    room: str
    after: int
    ref: str | None = None
    """The join's ``ref``, for its ``joined``."""


class MemberConnection(QObject):
    """Frames a client's socket through a host-side protocol ``Connection``.

    Each valid client event is passed to ``on_event`` (a plain call: this is the hot
    path, a Qt signal per event would cost more than decoding it).

    Args:
        stream: The connection, ready (encrypted, in TLS mode). Its fingerprint, the
            SHA-256 of the member's certificate, is the member's user id ('' on a
            plaintext benchmark host, where nobody has one).
        output_budget: Counts its unsent output with all the others' (None: only its
            own bound).
        loop_share: Counts the time its frames take with the others' (None: only its
            own share per turn).

    Signals:
        drained(): a paused replay or history page may go on (output fell below the
            high-water mark).
        closed(): the connection is gone (either side closed it).
    """

    drained = Signal()
    closed = Signal()

    def __init__(
        self,
        stream: ChatStream,
        on_event: Callable[[MemberConnection, Event], None],
        parent: QObject | None = None,
        output_budget: OutputBudget | None = None,
        loop_share: LoopShare | None = None,
    ) -> None:
        super().__init__(parent)
        self._stream = stream
        self._output_budget = output_budget
        self._loop_share = loop_share
        socket = stream.socket
        socket.setParent(self)
        stream.on_progress = self._on_progress
        self._on_event = on_event
        self._protocol = Connection(Role.HOST)
        self.user_id = stream.fingerprint
        self.name = ""
        self.client_id = ""
        self.rooms: set[str] = set()
        self.replay: ReplayCursor | None = None
        self.joins_waiting: deque[Join] = deque()
        """Joins asked while another was being answered, in order."""
        self.pages_asked: deque[History] = deque()
        """``history`` requests waiting for this connection's turn."""
        self.replaced = False
        """The same identity connected again: this connection is on its way out and
        no longer counts as the member (its name and rooms went to the new one)."""
        self.failed_say: str | None = None
        """The id of this member's first ``say`` the history could not store: later
        ones are refused unstored until it is sent again (typing order is kept)."""
        self._closed = False
        self._gone = False
        self._held: list[bytes] | None = None  # (``hold_output``: written together)
        self._bad_frames = 0
        self._heard_at = time.perf_counter()
        """When its last whole frame came (``perf_counter``)."""
        self.peer = stream.peer
        self._hello_timer = QTimer(self)
        self._hello_timer.setSingleShot(True)
        self._hello_timer.timeout.connect(self._on_hello_timeout)
        self._hello_timer.start(HELLO_TIMEOUT_MS)
        self._idle_timer = QTimer(self)  # (from the welcome on)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self._on_idle)
        self._turn_timer = QTimer(self)  # (frames left for the next turn)
        self._turn_timer.setSingleShot(True)
        self._turn_timer.setInterval(0)
        self._turn_timer.timeout.connect(self.take_turn)
        socket.setReadBufferSize(SOCKET_READ_BUFFER_BYTES)
        socket.readyRead.connect(self._on_ready_read)
        socket.disconnected.connect(self._on_disconnected)
        if stream.has_input:  # (it came with the end of the handshake)
            self._turn_timer.start()

    @property
    def welcomed(self) -> bool:
        """True once the host has answered this client's ``hello``."""
        return bool(self.name)

    @property
    def pending_output(self) -> int:
        """Bytes written but not yet sent to the client."""
        return 0 if self._closed else self._stream.pending

    def send(self, event: Event) -> None:
        """Encodes ``event`` for this connection and writes it."""
        if self._closed:
            return
        try:
            data = self._protocol.send(event)
        except LocalProtocolError as error:  # (a reply is never worth the connection)
            log.error("cannot send %s to %s: %s", event.TYPE, self.peer, error)
            return
        self.send_bytes(data)

    def send_bytes(self, data: bytes) -> None:
        """Writes frames already encoded (fan-out encodes once for every member)."""
        if self._closed:
            return
        if self._held is not None:
            self._held.append(data)
            return
        try:
            held = self._stream.write(data)
        except TlsError as failure:  # (its TLS failed before: it cannot be written to)
            log.info("%s: cannot encrypt for it: %s", self.peer, failure)
            self.abort()
            return
        if held:
            self._check_backlog()

    def hold_output(self) -> None:
        """What is sent from now on waits, in order, for ``release_output``: several
        answers in one write (with TLS, each write costs a record and a system call)."""
        if self._held is None:
            self._held = []

    def release_output(self) -> None:
        """Writes what waited since ``hold_output``, in one write."""
        held, self._held = self._held, None
        if held:
            self.send_bytes(held[0] if len(held) == 1 else b"".join(held))

    def _write_through_qt(self, data: bytes) -> None:
        self.release_output()  # (what waited goes first)
        self._stream.write_through_qt(data)
        self._check_backlog()

    def _check_backlog(self) -> None:
        if self._stream.pending > OUTPUT_LIMIT_BYTES:
            # An error frame would queue behind megabytes the peer does not read: reset
            # the connection at once, freeing its buffer. It catches up with ``since``.
            log.warning("dropping %s (%s): it stopped reading", self.name or "?", self.peer)
            self.abort()
        elif self._output_budget is not None:
            self._output_budget.holds(self, self._stream.pending)

    def refuse(self, error: Error) -> None:
        """Answers a frame the host will not take with ``error``; it counts among
        the connection's bad frames (one too many closes it: ``too_many_errors``)."""
        self._bad_frames += 1
        if self._bad_frames <= BAD_FRAMES_LOGGED:
            log.info("%s sent bad input: %s (%s)", self.peer, error.code, error.message)
        if self._bad_frames > BAD_FRAMES_ALLOWED:
            log.info("%s sent %d bad frames: closed", self.peer, self._bad_frames)
            self.close_with_error("too_many_errors", TOO_MANY_ERRORS)
        else:
            self.send(error)

    def hello_received(self) -> None:
        """The client said hello in time (its admission may take longer)."""
        self._hello_timer.stop()

    def mark_welcomed(self, name: str, client_id: str) -> None:
        """Records who this is, after ``welcome`` was sent."""
        self._hello_timer.stop()
        self._idle_timer.start(IDLE_TIMEOUT_MS)
        self.name = name
        self.client_id = client_id

    def close_with_error(self, code: str, message: str, retry_ms: int | None = None) -> None:
        """Sends an ``error`` frame, then closes once it is written."""
        if self._closed:
            return
        error = Error(code=code, message=message, retry_ms=retry_ms)
        self._write_through_qt(self._protocol.send(error))
        self.close()

    def close_with_bye(self, message: str, reason: str = BYE_SESSION_ENDED) -> None:
        """Tells the client why this connection ends (by default: the session
        ended), then closes once it is written."""
        if self._closed:
            return
        if self._protocol.state is not State.CLOSED:
            self._write_through_qt(self._protocol.send(Bye(reason=reason, message=message)))
        self.close()

    def close(self) -> None:
        """Closes after pending output is written (``closed`` follows)."""
        if self._closed:
            return
        self._closed = True
        self._stop_timers()
        self._protocol.close()
        self._stream.close()
        if self._stream.socket.state() == QTcpSocket.SocketState.UnconnectedState:
            self._on_disconnected()

    def abort(self) -> None:
        """Closes at once, dropping pending output."""
        self._closed = True
        self._stop_timers()
        self._stream.abort()
        self._on_disconnected()

    def _stop_timers(self) -> None:
        self._hello_timer.stop()
        self._idle_timer.stop()
        self._turn_timer.stop()

    # -- slots -----------------------------------------------------------------

    def _on_idle(self) -> None:
        silent_ms = (time.perf_counter() - self._heard_at) * 1000
        if silent_ms < IDLE_TIMEOUT_MS:  # (heard from since the timer started)
            self._idle_timer.start(max(1, int(IDLE_TIMEOUT_MS - silent_ms)))
            return
        log.info(
            "%s (%s) sent nothing for %d s: closed", self.name, self.peer, IDLE_TIMEOUT_MS // 1000
        )
        self.close_with_error("idle_timeout", IDLE_TIMEOUT)

    def _on_ready_read(self) -> None:
        if not self._turn_timer.isActive():  # (else its turn comes: it reads then)
            self.take_turn()

    def take_turn(self) -> None:
        """Reads what arrived (unless enough waits already) and handles this turn's
        share of it; what is left waits for the next turn (or, when this pass of
        the loop is spent and much waits, in the loop share's line)."""
        if self._protocol.buffered <= INPUT_HELD_BYTES and not self._receive():
            return
        if self._closed:
            return
        share = self._loop_share
        if share is not None and share.holds_back(self, self._protocol.buffered):
            return
        started = time.perf_counter()
        more = self._read_events()
        if share is not None:
            share.spend(time.perf_counter() - started)
        if more or self._stream.has_input:
            self._turn_timer.start()
        elif self._stream.peer_closed:
            self.close()  # (it ended TLS: it sends nothing more)

    def _receive(self) -> bool:
        """Takes what the socket holds into the protocol; False when it broke TLS."""
        try:
            data = self._stream.read()
        except TlsError as failure:
            log.info("%s broke TLS: %s", self.peer, failure)
            self.abort()
            return False
        self._protocol.receive_data(data)
        return True

    def _read_events(self) -> bool:
        """Handles this turn's frames; True when frames may be left for the next."""
        now = time.perf_counter()
        deadline = now + TURN_BUDGET_S
        for _ in range(FRAMES_PER_TURN):
            if self._closed:
                return False
            try:
                event = self._protocol.next_event()
            except RemoteProtocolError as error:
                self._heard_at = now
                if not self._on_bad_input(error):
                    return False
                continue
            if event is None:
                return False
            self._heard_at = now  # (a whole frame: bytes trickling in do not count)
            self._on_event(self, event)
            now = time.perf_counter()
            if now > deadline:
                break
        return not self._closed

    def _on_bad_input(self, error: RemoteProtocolError) -> bool:
        """Answers a bad frame (its error); False when the connection closes for it."""
        if error.fatal:
            self._bad_frames += 1
            log.info("%s sent bad input: %s (%s)", self.peer, error.code, error.message)
            self.close_with_error(error.code, error.message)
            return False
        self.refuse(Error(code=error.code, message=error.message, ref=error.ref))
        return not self._closed

    def _on_progress(self) -> None:
        if self._output_budget is not None:
            self._output_budget.holds(self, self.pending_output)
        waiting = self.replay is not None or self.pages_asked
        if waiting and self.pending_output <= REPLAY_HIGH_WATER_BYTES:
            self.drained.emit()

    def _on_hello_timeout(self) -> None:
        log.info("%s sent no hello in time", self.peer)
        self.close_with_error("hello_timeout", "no 'hello' within 5 seconds")

    def _on_disconnected(self) -> None:
        if self._gone:
            return
        self._gone = True
        if self._bad_frames > BAD_FRAMES_LOGGED:
            unlogged = self._bad_frames - BAD_FRAMES_LOGGED
            log.info("%s: %d more bad frames, not logged one by one", self.peer, unlogged)
        self._closed = True
        self._stop_timers()
        if self._output_budget is not None:
            self._output_budget.holds(self, 0)
        if self._loop_share is not None:
            self._loop_share.forget(self)
        self.closed.emit()
