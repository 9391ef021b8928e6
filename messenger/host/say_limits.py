"""How fast, and how much a day, one member may post: token buckets per connection
and a rolling day's byte count per identity. A ``say`` beyond them is refused
unstored (``slow_down``, with when to send it again); nothing is lost, the client
sends it again then."""

from __future__ import annotations

import logging
import math
import time
from collections import deque
from dataclasses import dataclass

from ..core.occasional import OccasionalCount
from ..core.token_bucket import TokenBucket
from ..protocol import Error, Say
from ..protocol.events import DAILY_QUOTA, SLOW_DOWN

log = logging.getLogger(__name__)

DAY_S = 24 * 3600
SLOT_S = 3600
"""The day's count is kept by the hour: bytes leave it an hour at a time."""


@dataclass(frozen=True, slots=True)
class SayLimits:
    """What one member may post (a host setting).

    Attributes:
        messages_per_s: Messages a second, sustained.
        burst_messages: Messages at once (a client sends up to 100 unacknowledged
            after a reconnection).
        bytes_per_s: Bytes of text (UTF-8) a second, sustained.
        burst_bytes: Bytes of text at once.
        daily_bytes: Bytes of text one identity may post in 24 hours (0: no limit).
    """

    messages_per_s: float = 20.0
    burst_messages: int = 200
    bytes_per_s: int = 64 * 1024
    burst_bytes: int = 1024 * 1024
    daily_bytes: int = 50 * 1000 * 1000


DEFAULT_SAY_LIMITS = SayLimits()


class DailyCount:
    """Bytes one identity posted in the last 24 hours, by hour."""

    def __init__(self) -> None:
        self._slots: deque[list[float]] = deque()  # [hour start, bytes]
        self.total = 0.0

    def wait_for(self, amount: int, quota: int, now: float) -> float:
        """Seconds until ``amount`` more bytes fit in ``quota`` (0: they do now)."""
        self._expire(now)
        excess = self.total + amount - quota
        if excess <= 0:
            return 0.0
        for start, size in self._slots:  # the oldest hours leave first
            excess -= size
            if excess <= 0:
                return start + DAY_S - now
        return DAY_S  # (more than a whole day's quota at once: never, in practice)

    def add(self, amount: int, now: float) -> None:
        hour = math.floor(now / SLOT_S) * SLOT_S
        if self._slots and self._slots[-1][0] == hour:
            self._slots[-1][1] += amount
        else:
            self._slots.append([hour, float(amount)])
        self.total += amount

    def _expire(self, now: float) -> None:
        while self._slots and self._slots[0][0] + DAY_S <= now:
            self.total -= self._slots.popleft()[1]


class MemberRate:
    """One connection's buckets: messages and bytes."""

    def __init__(self, limits: SayLimits, now: float) -> None:
        self.messages = TokenBucket(limits.burst_messages, limits.messages_per_s, now)
        self.bytes = TokenBucket(limits.burst_bytes, limits.bytes_per_s, now)


@dataclass(slots=True)
class HeldBack:
    """A member's ``say`` refused for its rate: later ones wait behind it."""

    say_id: str
    until: float
    daily: bool


class SayLimiter:
    """Decides whether a ``say`` may be stored now.

    Once a member's ``say`` is refused, its later ones are refused too until that one
    comes again, so that its messages are stored in the order it sent them.

    Args:
        limits: The host's setting; None: no limit (a benchmark host).
    """

    def __init__(self, limits: SayLimits | None) -> None:
        self.limits = limits
        self._rates: dict[object, MemberRate] = {}  # by identity (by connection without)
        self._days: dict[str, DailyCount] = {}
        self._held: dict[object, HeldBack] = {}  # by connection
        self.refused = OccasionalCount()

    def refusal(self, member: object, user_id: str, say: Say) -> Error | None:
        """None when ``member`` (identity ``user_id``) may post ``say`` now (it is
        counted); else the ``slow_down`` error to answer it with."""
        if self.limits is None:
            return None
        now = time.monotonic()
        held = self._held.get(member)
        if held is not None:
            if say.id != held.say_id:
                return slow_down(say.id, held.until - now, held.daily, say.ref)
            del self._held[member]
        wait, daily = self._wait_for(user_id or member, user_id, say.text, now)
        if wait <= 0:
            return None
        self._held[member] = HeldBack(say.id, now + wait, daily)
        if self.refused.add():
            log.info("posting too fast (or too much today): %d says held back", self.refused.count)
        return slow_down(say.id, wait, daily, say.ref)

    def forget(self, member: object) -> None:
        """``member``'s connection is gone (its identity's counts stay)."""
        self._held.pop(member, None)
        self._rates.pop(member, None)  # (a connection without identity: its own)

    def _wait_for(self, key: object, user_id: str, text: str, now: float) -> tuple[float, bool]:
        """Seconds before ``text`` may be posted (0: now, and it is counted), and
        whether the day's quota is what holds it."""
        limits = self.limits
        assert limits is not None
        size = len(text.encode("utf-8", "surrogatepass"))
        day = self._days.setdefault(user_id, DailyCount()) if limits.daily_bytes else None
        if day is not None:
            wait = day.wait_for(size, limits.daily_bytes, now)
            if wait > 0:
                return wait, True
        rate = self._rates.get(key)
        if rate is None:
            rate = self._rates[key] = MemberRate(limits, now)
        wait = max(rate.messages.wait_for(1, now), rate.bytes.wait_for(size, now))
        if wait > 0:
            return wait, False
        rate.messages.take(1)
        rate.bytes.take(size)
        if day is not None:
            day.add(size, now)
        return 0.0, False


def slow_down(say_id: str, wait_s: float, daily: bool, ref: str | None = None) -> Error:
    """The error refusing say ``say_id`` (of ``ref``) for now: send it again in
    ``wait_s``."""
    retry_ms = max(1, math.ceil(wait_s * 1000))
    if daily:
        message = "this device posted all it may in 24 hours: the message waits"
    else:
        message = "messages come too fast: the message waits"
    return Error(
        code=SLOW_DOWN,
        message=f"{message} (send it again in {retry_ms} ms)",
        id=say_id,
        problem=DAILY_QUOTA if daily else None,
        retry_ms=retry_ms,
        ref=ref,
    )
