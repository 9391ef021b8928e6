"""Counting what may happen by the thousand (a flood), and saying so now and then:
a flood of connections or beacons must not become a flood of log lines."""

from __future__ import annotations


class OccasionalCount:
    """How many times something happened; ``add`` says when to tell of it: the
    first time, then once per ``every``."""

    def __init__(self, every: int = 100) -> None:
        self.count = 0
        self._every = every

    def add(self) -> bool:
        """Counts one more; True when this one is to be told (logged)."""
        self.count += 1
        return (self.count - 1) % self._every == 0
