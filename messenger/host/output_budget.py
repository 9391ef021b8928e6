"""All the output the host holds for its connections, bounded as one: each
connection may hold up to OUTPUT_LIMIT_BYTES unsent, and all of them together up to
the host's total; beyond it, the connection holding most is dropped (a member that
reads nothing holds most; one that reads catches up with ``since`` when it comes
back)."""

from __future__ import annotations

import logging
from typing import Protocol

log = logging.getLogger(__name__)

MIB = 1024 * 1024
TOTAL_OUTPUT_LIMIT_BYTES = 128 * MIB
"""Unsent bytes all connections may hold together (the host's memory for them)."""


class Holder(Protocol):
    """A connection whose unsent output is counted."""

    name: str
    peer: str

    def abort(self) -> None:
        """Closes at once, dropping what it holds (it reports 0 held then)."""


class OutputBudget:
    """What each connection holds unsent, and their total.

    Args:
        limit: The total beyond which the largest holder is dropped.
    """

    def __init__(self, limit: int = TOTAL_OUTPUT_LIMIT_BYTES) -> None:
        self.limit = limit
        self.total = 0
        self._held: dict[Holder, int] = {}

    def holds(self, holder: Holder, pending: int) -> None:
        """``holder`` now holds ``pending`` unsent bytes (0: none, or it is gone);
        drops the largest holders while the total is over the limit."""
        self.total += pending - self._held.get(holder, 0)
        if pending:
            self._held[holder] = pending
        else:
            self._held.pop(holder, None)
        while self.total > self.limit and self._held:
            self._drop_largest()

    def _drop_largest(self) -> None:
        largest = max(self._held, key=self._held.__getitem__)
        held = self._held[largest]
        log.warning(
            "the host holds %d MiB unsent for its connections: dropping %s (%s), which "
            "holds %d MiB of it",
            self.total // MIB,
            largest.name or "?",
            largest.peer,
            held // MIB,
        )
        largest.abort()
        if self._held.get(largest) == held:  # (it did not report: it is gone all the same)
            self.holds(largest, 0)
