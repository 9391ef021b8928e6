"""Whose stored history the host sends next: replays and history pages take turns
over all connections, a few pages per turn of the event loop, so that any number of
readers cannot hold up the others' chat (each page read and encoded costs the host
about a millisecond)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from .member_connection import MemberConnection

PAGES_PER_TURN = 16
TURN_BUDGET_S = 0.002
"""Pages of history sent per turn of the event loop, over all connections (one per
connection in a round, each in its turn): at most this many, or this long (at least
one page)."""


class HistoryTurns(QObject):
    """Connections waiting to be sent history, served in turn.

    Args:
        serve: Sends one page of what a connection waits for; True when more waits
            that may go at once (False: it is done, or paused until it drains and
            asks again).
        wait: Seconds before a connection may be sent more (its byte rate); 0: now.
    """

    def __init__(
        self,
        serve: Callable[[MemberConnection], bool],
        wait: Callable[[MemberConnection], float],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._serve = serve
        self._wait = wait
        self._queue: dict[MemberConnection, None] = {}  # (in order: the next one first)
        self._parked: dict[MemberConnection, float] = {}  # over its rate: until (monotonic)
        self._turn_timer = QTimer(self)
        self._turn_timer.setSingleShot(True)
        self._turn_timer.setInterval(0)
        self._turn_timer.timeout.connect(self._take_turn)
        self._wake_timer = QTimer(self)
        self._wake_timer.setSingleShot(True)
        self._wake_timer.timeout.connect(self._wake)

    def want(self, connection: MemberConnection) -> None:
        """``connection`` waits for history: it gets its turn."""
        if connection in self._queue or connection in self._parked:
            return
        self._queue[connection] = None
        if not self._turn_timer.isActive():
            self._turn_timer.start()

    def forget(self, connection: MemberConnection) -> None:
        """``connection`` is gone."""
        self._queue.pop(connection, None)
        self._parked.pop(connection, None)

    def stop(self) -> None:
        """Nobody is served any more."""
        self._queue.clear()
        self._parked.clear()
        self._turn_timer.stop()
        self._wake_timer.stop()

    def _take_turn(self) -> None:
        pages = PAGES_PER_TURN
        deadline = time.perf_counter() + TURN_BUDGET_S
        while pages and self._queue and time.perf_counter() < deadline:
            connection = next(iter(self._queue))
            del self._queue[connection]
            wait = self._wait(connection)
            if wait > 0:
                self._park(connection, time.monotonic() + wait)
                continue
            pages -= 1
            if self._serve(connection):
                self._queue[connection] = None  # (at the end: the others first)
        if self._queue:
            self._turn_timer.start()

    def _park(self, connection: MemberConnection, until: float) -> None:
        self._parked[connection] = until
        self._arm_wake()

    def _arm_wake(self) -> None:
        if not self._parked:
            self._wake_timer.stop()
            return
        delay = min(self._parked.values()) - time.monotonic()
        self._wake_timer.start(max(1, int(delay * 1000) + 1))

    def _wake(self) -> None:
        now = time.monotonic()
        for connection, until in list(self._parked.items()):
            if until <= now:
                del self._parked[connection]
                self.want(connection)
        self._arm_wake()
