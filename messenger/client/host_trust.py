"""Which host certificates this installation trusts: the first one a host id showed
(trust on first use), and none other unless the user accepts it.

Checked twice per connection (``HostConnection``): once encrypted, before any frame
is sent, against the host we expect there (the one we were in, or whose beacon we
followed; else the last one reached at that address); and once welcomed, against
the host id the host gives.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ..store import StoreError
from ..store.known_hosts import KnownHost, KnownHosts

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IdentityChange:
    """A host shows another certificate than the one pinned for it.

    Attributes:
        host: The host id whose pin it does not match.
        address, port: Where the connection went.
        pinned: The fingerprint trusted for ``host``.
        presented: The fingerprint the host showed now.
    """

    host: str
    address: str
    port: int
    pinned: str
    presented: str


class HostTrust:
    """Trust on first use over the pins of ``known``.

    Raises (``check``, ``welcomed``, ``accept``):
        StoreError: the pins cannot be read or written.
    """

    def __init__(self, known: KnownHosts) -> None:
        self._known = known
        self._accepted: set[str] = set()  # fingerprints the user accepted, not pinned yet

    def check(
        self, expected: str, address: str, port: int, fingerprint: str
    ) -> IdentityChange | None:
        """Before any frame: the change, when the host expected at ``address``:``port``
        (host id ``expected``, or else the last one reached there) has another pin."""
        if fingerprint in self._accepted:
            return None
        known = self._known.pinned(expected) if expected else None
        if known is None:
            known = self._known.last_at(address, port)
        if known is None or known.fingerprint == fingerprint:
            return None
        return IdentityChange(known.host, address, port, known.fingerprint, fingerprint)

    def welcomed(
        self, host: str, address: str, port: int, fingerprint: str
    ) -> IdentityChange | None:
        """Host id ``host`` welcomed us showing ``fingerprint``: pinned on first use
        (and where it was reached, each time); the change if it has another pin."""
        known = self._known.pinned(host)
        changed = known is not None and known.fingerprint != fingerprint
        if known is not None and changed and fingerprint not in self._accepted:
            return IdentityChange(host, address, port, known.fingerprint, fingerprint)
        self._known.pin(KnownHost(host, fingerprint, address, port))
        self._accepted.discard(fingerprint)
        return None

    def pinned(self, host: str) -> str | None:
        """The fingerprint trusted for host id ``host`` (None if none, or when the pins
        cannot be read: logged, and the connection's own check will say so)."""
        try:
            known = self._known.pinned(host)
        except StoreError as error:
            log.error("cannot read the trusted hosts: %s", error)
            return None
        return known.fingerprint if known is not None else None

    def accept(self, change: IdentityChange) -> None:
        """The user trusts the new certificate: the next connection that shows it goes
        on, and the host id that welcomes us with it is pinned to it."""
        self._accepted.add(change.presented)
