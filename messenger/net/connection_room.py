"""How many connections the host holds, and which of them make room for newcomers.

A flood of connections must not lock an office out: the host holds a bounded number
(``descriptor_limit``), and the connections still in their TLS handshake that have
said nothing for a while are the first to go when it needs room.
"""

from __future__ import annotations

import logging
import time
from collections import Counter

from PySide6.QtNetwork import QTcpSocket

from ..core.occasional import OccasionalCount
from .descriptor_limit import UNKNOWN_LIMIT_CONNECTIONS
from .tls_gate import TlsGate

log = logging.getLogger(__name__)

WAITING_PER_ADDRESS = 16
"""Connections from one address that may be in their TLS handshake at once before
its silent ones make room (a machine has one or two; more, silent, is a flood)."""
SILENT_S = 1.0
"""A connection silent this long after it was accepted may make room for others."""


class ConnectionRoom:
    """The host's connections: how many are open, which are in their handshake.

    Args:
        max_connections: The most held at once (``descriptor_limit.connection_limit``).
    """

    def __init__(self, max_connections: int = UNKNOWN_LIMIT_CONNECTIONS) -> None:
        self.max_connections = max_connections
        self.open_connections = 0
        """Accepted sockets not yet deleted (a closed one may hold its descriptor)."""
        self.waiting: dict[TlsGate, str] = {}
        """The connections in their handshake, oldest first, and their addresses."""
        self._by_address = Counter[str]()
        self._dropped = OccasionalCount()
        self._refused = OccasionalCount()

    @property
    def full(self) -> bool:
        return self.open_connections >= self.max_connections

    def count(self, socket: QTcpSocket) -> None:
        """Counts ``socket`` in ``open_connections`` until it is deleted."""
        self.open_connections += 1
        socket.destroyed.connect(self._uncount)

    def _uncount(self) -> None:
        self.open_connections -= 1

    def add_waiting(self, gate: TlsGate, address: str) -> None:
        """``gate``'s connection, from ``address``, is in its handshake (its address's
        silent ones make room when it has too many)."""
        self.waiting[gate] = address
        self._by_address[address] += 1
        if self._by_address[address] > WAITING_PER_ADDRESS:
            self.make_room(address)

    def remove_waiting(self, gate: TlsGate) -> bool:
        """``gate``'s handshake is over (either way); False if it was not waiting."""
        address = self.waiting.pop(gate, None)
        if address is None:
            return False
        self._by_address[address] -= 1
        if not self._by_address[address]:
            del self._by_address[address]
        return True

    def make_room(self, address: str | None = None) -> bool:
        """Drops the oldest connection (from ``address``, if given) that has sent
        nothing in the ``SILENT_S`` since it was accepted (a newcomer had no time to
        speak yet); False when there is none."""
        now = time.monotonic()
        silent = (
            gate
            for gate, gate_address in self.waiting.items()
            if not gate.heard and now - gate.since >= SILENT_S and address in (None, gate_address)
        )
        oldest = next(silent, None)
        if oldest is None:
            return False
        if self._dropped.add():
            log.info(
                "too many connections in their handshake (%s): dropped the oldest (%d so far)",
                f"from {address}" if address else "in all",
                self._dropped.count,
            )
        oldest.abort()
        return True

    def refuse(self, socket: QTcpSocket) -> None:
        """Closes a newcomer at once: the host holds all the connections it may."""
        if self._refused.add():
            log.warning(
                "%d connections open, the most this host may hold: refused %d newcomer(s)",
                self.open_connections,
                self._refused.count,
            )
        socket.abort()
        socket.deleteLater()
