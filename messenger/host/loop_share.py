"""How much of one pass of the host's event loop the connections' frames have taken.

Each connection's own share per turn (``member_connection.TURN_BUDGET_S``) bounds
one connection; this bounds many of them together: once a pass has spent its
budget, a connection with much waiting (a pipelined flood) waits for a later pass,
in line, the first in line first; one with little waiting (a member's say) still
goes at once.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, QTimer

PASS_BUDGET_S = 0.010
"""Time for frames per pass of the loop, over all connections, before the busy
ones wait for a later pass."""
LIGHT_INPUT_BYTES = 4096
"""A connection with no more than this waiting is never held back (what a person
sends between two passes)."""


class Turn(Protocol):
    """A connection that can take its turn."""

    def take_turn(self) -> None:
        """Handles its share of what it received."""


class LoopShare(QObject):
    """The time frames took in this pass of the event loop, and the connections
    waiting in line for a later pass."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.spent_s = 0.0
        self._line: dict[Turn, None] = {}  # (in order: the first one first)
        self._next_pass = QTimer(self)  # (a 0 ms timer fires once the loop comes round)
        self._next_pass.setSingleShot(True)
        self._next_pass.setInterval(0)
        self._next_pass.timeout.connect(self._new_pass)

    def holds_back(self, connection: Turn, waiting_bytes: int) -> bool:
        """Whether ``connection``, with ``waiting_bytes`` to handle, waits in line
        (this pass spent its budget, and it is not light); if so, it is in line."""
        if waiting_bytes <= LIGHT_INPUT_BYTES or self.spent_s < PASS_BUDGET_S:
            return False
        self._line[connection] = None
        self._start_next_pass()
        return True

    def spend(self, seconds: float) -> None:
        """A connection's frames took ``seconds`` of this pass."""
        self.spent_s += seconds
        self._start_next_pass()

    def forget(self, connection: Turn) -> None:
        """``connection`` is gone."""
        self._line.pop(connection, None)

    def _start_next_pass(self) -> None:
        if not self._next_pass.isActive():
            self._next_pass.start()

    def _new_pass(self) -> None:
        """The loop came round: the line goes first, as far as the budget goes."""
        self.spent_s = 0.0
        while self._line and self.spent_s < PASS_BUDGET_S:
            connection = next(iter(self._line))
            del self._line[connection]
            connection.take_turn()  # (it spends; it may get in line again, at the end)
        if self._line:
            self._start_next_pass()
