"""How many beacons one source address may send: a token bucket per address, for a
bounded number of addresses (anyone on the LAN may send beacons, from any address it
claims). Pure logic: the caller says what time it is."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from ..core.token_bucket import TokenBucket

BEACONS_PER_S = 5.0
"""Beacons a second one address may send, sustained. A host beacons every 2 s to each
of its targets (a listener hears its broadcast and its multicast one: about one a
second), and once more whenever its session changes (someone joins or leaves): 5 leave
room for a couple of busy sessions on one computer."""
BURST = 10
"""Beacons one address may send at once (hosts starting, members joining together)."""
MAX_SOURCES = 1_024
"""Addresses tracked at most. Beyond, the one heard least recently is forgotten: its
next beacons find a full bucket (more than the rate, for an attacker cycling through
spoofed addresses; what it lists is still capped by the session list's own limits). A
host heard every second or two is never the least recent one."""


@dataclass(slots=True)
class _Source:
    bucket: TokenBucket
    heard_at: float
    """When its last datagram came."""


class BeaconRates:
    """A token bucket of beacons per source address.

    An address is forgotten once its bucket would be full again (``burst / per_s``
    seconds after its last datagram: forgetting it changes nothing), or when
    ``max_sources`` others were heard since.

    Args:
        per_s: Beacons a second, sustained.
        burst: Beacons at once.
        max_sources: Addresses tracked at most.
    """

    def __init__(
        self, per_s: float = BEACONS_PER_S, burst: int = BURST, max_sources: int = MAX_SOURCES
    ) -> None:
        self._per_s = per_s
        self._burst = float(burst)
        self._max_sources = max_sources
        self._idle_s = burst / per_s
        self._sources: OrderedDict[str, _Source] = OrderedDict()  # least recently heard first

    def __len__(self) -> int:
        """How many addresses are tracked now."""
        return len(self._sources)

    def allow(self, source: str, now: float) -> bool:
        """Counts a datagram from ``source`` at ``now`` (seconds, monotonic); False when
        it is one too many (to be ignored)."""
        self._forget_idle(now)
        known = self._sources.get(source)
        if known is None:
            if len(self._sources) >= self._max_sources:
                self._sources.popitem(last=False)
            known = self._sources[source] = _Source(TokenBucket(self._burst, self._per_s, now), now)
        else:
            self._sources.move_to_end(source)
            known.heard_at = now
        if known.bucket.wait_for(1, now) > 0:
            return False
        known.bucket.take(1)
        return True

    def clear(self) -> None:
        """Forgets every address."""
        self._sources.clear()

    def _forget_idle(self, now: float) -> None:
        cutoff = now - self._idle_s
        while self._sources:
            oldest = next(iter(self._sources.values()))
            if oldest.heard_at > cutoff:
                break
            self._sources.popitem(last=False)
