"""Sending a room's outbox: in the order typed, a bounded number unacknowledged,
and patiently through a host that cannot store messages for a while, or that holds
them back (we post too fast)."""

from __future__ import annotations

import itertools
import logging
import random
from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer, Signal

from ..protocol import Error
from ..protocol.events import DAILY_QUOTA, SLOW_DOWN
from ..store import OutgoingMessage
from .host_connection import HostConnection

log = logging.getLogger(__name__)

MAX_IN_FLIGHT = 100
"""Messages sent but not yet acknowledged, at most (more wait in the outbox)."""
STORAGE_RETRY_BASE_S = 0.5
STORAGE_RETRY_CAP_S = 2.0
"""Waits between tries while the host cannot store: doubling from the base to the cap."""


class Delivery(QObject):
    """The outbox of ``room``, sent through ``connection`` while ``ready``.

    A ``storage_error`` is temporary: sending stops, and after a growing wait the
    oldest unacknowledged message is sent again alone (the host refuses what follows a
    failed message until that one comes again, so typing order is kept); once it is
    acknowledged, the rest follows.

    Signals:
        storage_failing(str): the host cannot store our messages (its problem code,
            e.g. ``disk_full``), or takes no more today (``daily_quota``); they wait.
        storage_recovered(): it stored one again.
    """

    storage_failing = Signal(str)
    storage_recovered = Signal()

    def __init__(
        self, connection: HostConnection, room: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.connection = connection
        self.room = room
        self.messages: dict[str, OutgoingMessage] = {}  # in the order typed
        self._in_flight: set[str] = set()
        self._ready = False
        self.paused = False
        """Nothing is sent while True (older messages wait for the user's choice)."""
        self.failing = ""
        """Why the host does not take our messages now: its storage problem, or
        ``slow_down``/``daily_quota`` while it holds them back ('' when it takes them)."""
        self._probe_due = False
        self._told = False  # (storage_failing was emitted: storage_recovered is due)
        self._probe = ""  # the message sent alone to see whether the host stores again
        self._attempt = 0
        self.retry_base_s = STORAGE_RETRY_BASE_S
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self._retry)

    @property
    def ready(self) -> bool:
        """True from the room's ``joined`` until the connection is lost."""
        return self._ready

    def load(self, messages: Iterable[OutgoingMessage]) -> None:
        """Replaces the outbox (another room or host, or released messages)."""
        self.messages = {m.id: m for m in messages}
        self._in_flight &= set(self.messages)

    def add(self, message: OutgoingMessage) -> None:
        """A message typed (already on disk): sent when its turn comes."""
        self.messages[message.id] = message
        self.send_more()

    def acked(self, message_id: str) -> OutgoingMessage | None:
        """The host stored ``message_id``: it leaves the outbox (None if not ours)."""
        message = self.messages.pop(message_id, None)
        if message is None:
            return None
        self._in_flight.discard(message_id)
        if self.failing and message_id == self._probe:  # (not a late ack from before)
            log.info("the host takes messages again")
            self.failing = ""
            self._attempt = 0
            if self._told:
                self._told = False
                self.storage_recovered.emit()
        self.send_more()
        return message

    def refused(self, message_id: str) -> OutgoingMessage | None:
        """The host will never take ``message_id`` (``forbidden``: an announcement by
        someone who may not post one): it leaves the outbox (None if not ours)."""
        message = self.messages.pop(message_id, None)
        if message is not None:
            self._in_flight.discard(message_id)
            self.send_more()
        return message

    def start(self) -> None:
        """Joined: every unacknowledged message is sent again, in order."""
        self._ready = True
        self._in_flight.clear()
        self._probe_due = bool(self.failing)
        self.send_more()

    def stop(self) -> None:
        """Not connected: nothing is in flight any more."""
        self._ready = False
        self._in_flight.clear()
        self._retry_timer.stop()

    def storage_error(self, error: Error) -> None:
        """The host could not store the ``say`` ``error.id`` (a host of an earlier
        version does not say which: then one of those in flight)."""
        if not self._take_back(error):
            return
        problem = error.problem or "other"
        if self.failing != problem:
            log.warning("the host cannot store messages (%s): they wait", problem)
            self.failing = problem
            self._tell(problem)
        delay = min(STORAGE_RETRY_CAP_S, self.retry_base_s * 2**self._attempt)
        if self._wait(random.uniform(0.8, 1.0) * delay):
            self._attempt += 1

    def held_back(self, error: Error) -> None:
        """The host refused the ``say`` ``error.id`` for now (``slow_down``: we post
        too fast, or all we may today): it goes again after ``error.retry_ms``."""
        if not self._take_back(error):
            return
        problem = error.problem or SLOW_DOWN
        if self.failing != problem:
            log.info("the host holds our messages back (%s): they wait", problem)
            self.failing = problem
            if problem == DAILY_QUOTA:  # (for hours: the user should know)
                self._tell(problem)
        self._wait(random.uniform(1.0, 1.1) * (error.retry_ms or 1000) / 1000)

    def _tell(self, problem: str) -> None:
        self._told = True
        self.storage_failing.emit(problem)

    def _take_back(self, error: Error) -> bool:
        """``error.id`` is no longer in flight; False when it was not (refused before
        the last retry: that retry answers for it)."""
        if error.id is None and self._in_flight:
            self._in_flight.pop()
        elif error.id in self._in_flight:
            self._in_flight.discard(error.id)
        else:
            return False
        return True

    def _wait(self, delay_s: float) -> bool:
        """Sending waits ``delay_s``, then the oldest goes alone; False when it
        waits already."""
        if self._retry_timer.isActive():
            return False
        self._retry_timer.start(max(1, int(delay_s * 1000)))
        return True

    def send_more(self) -> None:
        """Sends the next outbox messages, keeping at most MAX_IN_FLIGHT unacknowledged
        (one, the oldest, while the host's storage is failing)."""
        if not self._ready or self.paused or self._retry_timer.isActive():
            return
        limit = MAX_IN_FLIGHT
        if self.failing:
            if not self._probe_due:
                return
            limit = 1
        if len(self._in_flight) >= limit:
            return
        waiting = itertools.islice(self.messages.values(), len(self._in_flight), None)
        for message in waiting:
            if len(self._in_flight) >= limit:
                break
            if message.id not in self._in_flight:
                self._in_flight.add(message.id)
                self.connection.say(message.text, message.id, self.room, message.kind or None)
                if self._probe_due:
                    self._probe, self._probe_due = message.id, False

    def _retry(self) -> None:
        self._in_flight.clear()
        self._probe_due = True
        self.send_more()
