"""Joins at the pace a host takes them: a host answers a connection's joins beyond its
budget (a burst of 100, then 10 a second: ``host/request_limits.py``) with
``too_many_requests``. A user in 200 rooms would lose half of them at every
connection; the pacer sends the first JOIN_BURST at once, then JOINS_PER_S a second,
leaving the host's budget room for the app's other requests (the room directory, the
people list, a rename), and sends a join refused all the same again after its
``retry_ms``."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from ..core.token_bucket import TokenBucket

JOIN_BURST = 80
JOINS_PER_S = 8.0


class JoinPacer(QObject):
    """The rooms waiting for their join on one connection, sent as the budget allows.

    Args:
        send: Sends the join of a room now; returns its ``ref`` ('' when it was not
            sent: not connected, or the room was left).
    """

    def __init__(self, send: Callable[[str], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._send = send
        self._bucket = _full_bucket()
        self._queue: dict[str, None] = {}  # rooms to join, in order
        self._asked: dict[str, str] = {}  # ref -> room of a join not answered yet
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._pump)

    def start(self, rooms: tuple[str, ...]) -> None:
        """Welcomed: ``rooms`` are joined first (before those added meanwhile)."""
        self._queue = {**dict.fromkeys(rooms), **self._queue}
        self._pump()

    def add(self, room: str) -> None:
        """``room`` is joined in its turn."""
        self._queue[room] = None
        self._pump()

    def remove(self, room: str) -> None:
        """``room`` was left: its join, if still waiting, is not sent."""
        self._queue.pop(room, None)

    def stop(self) -> None:
        """The connection is gone: nothing waits any more (the next one starts with
        a full budget)."""
        self._bucket = _full_bucket()
        self._timer.stop()
        self._queue.clear()
        self._asked.clear()

    def answered(self, ref: str | None) -> None:
        """The join of ``ref`` (if it is one) was answered."""
        if ref is not None:
            self._asked.pop(ref, None)

    def refused(self, ref: str | None, retry_ms: int | None) -> bool:
        """Whether ``ref`` was one of our joins the host refused for now: it is sent
        again after ``retry_ms`` (before those still waiting)."""
        room = self._asked.pop(ref, None) if ref is not None else None
        if room is None:
            return False
        self._queue = {room: None, **self._queue}
        # the host counts more than we did (other requests): from an empty budget
        self._bucket = _full_bucket()
        self._bucket.take(JOIN_BURST)
        self._timer.start(max(1, retry_ms or 0))
        return True

    def _pump(self) -> None:
        if self._timer.isActive():
            return
        while self._queue:
            wait = self._bucket.wait_for(1, time.monotonic())
            if wait > 0:
                self._timer.start(math.ceil(wait * 1000))
                return
            room = next(iter(self._queue))
            del self._queue[room]
            ref = self._send(room)
            if ref:
                self._bucket.take(1)
                self._asked[ref] = room


def _full_bucket() -> TokenBucket:
    """The joins a connection may send: JOIN_BURST at once, then JOINS_PER_S."""
    return TokenBucket(JOIN_BURST, JOINS_PER_S, time.monotonic())
