"""What one connection may ask of the host besides posting: joins, pings and the
stored history it reads (replays and pages), each a token bucket per connection.

A join or ping beyond its bucket is refused (``too_many_requests``); history beyond
the byte rate is not refused but waits (``read_wait``): an honest client that
replays a long absence is slowed, not failed.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from ..core.token_bucket import TokenBucket
from ..protocol import Error
from ..protocol.events import TOO_MANY_REQUESTS

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class RequestLimits:
    """What one connection may ask for (a host setting).

    Attributes:
        joins_per_s: Joins a second, sustained (each tells the room's members).
        burst_joins: Joins at once (an app joins each of its rooms on connecting).
        pings_per_s: Pings a second, sustained (apps ping every 15 s).
        burst_pings: Pings at once.
        read_bytes_per_s: Bytes of stored history (replays, pages, member lists)
            a second, sustained.
        burst_read_bytes: Bytes of stored history at once (a reconnection after a
            long absence replays up to this at full speed).
        waiting_pages: ``history`` requests that may wait for their turn; one more is
            refused.
    """

    joins_per_s: float = 10.0
    burst_joins: int = 100
    pings_per_s: float = 10.0
    burst_pings: int = 100
    read_bytes_per_s: int = 8 * MIB
    burst_read_bytes: int = 32 * MIB
    waiting_pages: int = 4


DEFAULT_REQUEST_LIMITS = RequestLimits()


class ConnectionBudget:
    """One connection's buckets."""

    def __init__(self, limits: RequestLimits, now: float) -> None:
        self.joins = TokenBucket(limits.burst_joins, limits.joins_per_s, now)
        self.pings = TokenBucket(limits.burst_pings, limits.pings_per_s, now)
        self.reads = TokenBucket(limits.burst_read_bytes, limits.read_bytes_per_s, now)


class RequestLimiter:
    """Counts each connection's joins, pings and history bytes.

    Args:
        limits: The host's setting.
    """

    def __init__(self, limits: RequestLimits) -> None:
        self.limits = limits
        self._budgets: dict[object, ConnectionBudget] = {}

    def join_refusal(self, connection: object, ref: str | None = None) -> Error | None:
        """None when ``connection`` may join now (it is counted); else the error
        (answering the request of ``ref``). Renames and the room directory's requests
        count as joins."""
        return self._refusal(self._budget(connection).joins, "joins", ref)

    def ping_refusal(self, connection: object, ref: str | None = None) -> Error | None:
        """None when ``connection``'s ping is answered now (it is counted); else the
        error (answering the ping of ``ref``)."""
        return self._refusal(self._budget(connection).pings, "pings", ref)

    def read_wait(self, connection: object) -> float:
        """Seconds before ``connection`` may be sent more history (0: now)."""
        return self._budget(connection).reads.wait_for(1, time.monotonic())

    def read(self, connection: object, size: int) -> None:
        """``connection`` was sent ``size`` bytes of history."""
        self._budget(connection).reads.take(size)

    def forget(self, connection: object) -> None:
        """``connection`` is gone."""
        self._budgets.pop(connection, None)

    def _budget(self, connection: object) -> ConnectionBudget:
        budget = self._budgets.get(connection)
        if budget is None:
            budget = self._budgets[connection] = ConnectionBudget(self.limits, time.monotonic())
        return budget

    @staticmethod
    def _refusal(bucket: TokenBucket, what: str, ref: str | None) -> Error | None:
        wait = bucket.wait_for(1, time.monotonic())
        if wait <= 0:
            bucket.take(1)
            return None
        retry_ms = max(1, math.ceil(wait * 1000))
        return Error(
            code=TOO_MANY_REQUESTS,
            message=f"too many {what}: not answered (one would be in {retry_ms} ms)",
            retry_ms=retry_ms,
            ref=ref,
        )
