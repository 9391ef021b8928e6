"""How many wrong passwords a device or an address may try: a few, then it waits."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

FAILURES_PER_DEVICE = 5
"""Wrong passwords one device (user id) may give within WINDOW_S."""
FAILURES_PER_ADDRESS = 20
"""Wrong passwords one address may give within WINDOW_S, whatever the devices (an
attacker makes as many identities as he likes)."""
WINDOW_S = 300.0
_KEYS_KEPT = 10_000
"""Keys counted before those with only old failures are dropped (memory stays bounded
under a flood of identities)."""


class AttemptLimits:
    """Failed attempts per key, in a sliding window.

    Args:
        allowed: Failures a key may have within ``window_s``.
        window_s: How far back failures count, in seconds.
        clock: Monotonic seconds (tests pass their own).
    """

    def __init__(
        self,
        allowed: int,
        window_s: float = WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._allowed = allowed
        self._window = window_s
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}

    def wait_s(self, key: str) -> int:
        """Whole seconds ``key`` must wait before its next attempt (0: it may try)."""
        failures = self._recent(key)
        if len(failures) < self._allowed:
            return 0
        return max(1, math.ceil(failures[0] + self._window - self._clock()))

    def failed(self, key: str) -> None:
        """Counts a failure of ``key``."""
        if len(self._failures) >= _KEYS_KEPT:
            self._forget_old()
        self._failures.setdefault(key, deque()).append(self._clock())

    def succeeded(self, key: str) -> None:
        """``key`` got it right: its failures are forgotten."""
        self._failures.pop(key, None)

    def _recent(self, key: str) -> deque[float]:
        """``key``'s failures within the window (older ones are dropped)."""
        failures = self._failures.get(key)
        if failures is None:
            return deque()
        oldest = self._clock() - self._window
        while failures and failures[0] <= oldest:
            failures.popleft()
        if not failures:
            del self._failures[key]
        return failures

    def _forget_old(self) -> None:
        """Drops the keys with no failure left in the window."""
        for key in list(self._failures):
            self._recent(key)
