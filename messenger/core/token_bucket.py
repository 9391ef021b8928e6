"""A token bucket: how much of something may be had now, refilled at a steady rate
(posting and request limits on the host, beacon rates in discovery)."""

from __future__ import annotations


class TokenBucket:
    """``capacity`` tokens, refilled at ``rate`` a second (``now``: a monotonic time)."""

    def __init__(self, capacity: float, rate: float, now: float) -> None:
        self._capacity = capacity
        self._rate = rate
        self._tokens = capacity
        self._stamp = now

    def wait_for(self, amount: float, now: float) -> float:
        """Seconds until ``amount`` tokens are there (0: they are, now)."""
        self._refill(now)
        missing = min(amount, self._capacity) - self._tokens
        return max(0.0, missing / self._rate)

    def take(self, amount: float) -> None:
        """Takes ``amount`` tokens (at most a bucketful: the tokens may go below zero,
        a debt later amounts wait for)."""
        self._tokens -= min(amount, self._capacity)

    def _refill(self, now: float) -> None:
        self._tokens = min(self._capacity, self._tokens + (now - self._stamp) * self._rate)
        self._stamp = now
