"""The hosts this installation trusts: each host id with the fingerprint of the
certificate it first showed (trust on first use), and where it was last reached.

A table of the client's data file (``ClientStore.known_hosts``)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

TABLE = """CREATE TABLE known_hosts (
    host TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, address TEXT NOT NULL,
    port INTEGER NOT NULL, pinned_at INTEGER NOT NULL) WITHOUT ROWID"""


@dataclass(frozen=True, slots=True)
class KnownHost:
    """A pinned host: its id, its certificate's SHA-256, where it was last reached."""

    host: str
    fingerprint: str
    address: str
    port: int


class KnownHosts:
    """Reads and writes the pins (through the client store's error handling).

    Raises (every method):
        StoreError: the data file cannot be read or written.
    """

    def __init__(
        self,
        read: Callable[[str, tuple[object, ...]], list[Any]],
        write: Callable[[str, tuple[object, ...]], None],
    ) -> None:
        self._read = read
        self._write = write

    def pinned(self, host: str) -> KnownHost | None:
        """The pin of host id ``host``, if it has one."""
        rows = self._read(
            "SELECT host, fingerprint, address, port FROM known_hosts WHERE host=?", (host,)
        )
        return _known(rows[0]) if rows else None

    def last_at(self, address: str, port: int) -> KnownHost | None:
        """The host last pinned or reached at ``address``:``port``, if any."""
        rows = self._read(
            "SELECT host, fingerprint, address, port FROM known_hosts "
            "WHERE address=? AND port=? ORDER BY pinned_at DESC LIMIT 1",
            (address, port),
        )
        return _known(rows[0]) if rows else None

    def pin(self, known: KnownHost) -> None:
        """Trusts ``known.fingerprint`` for ``known.host`` from now on (replacing what
        was pinned for it), reached at its address."""
        self._write(
            "INSERT OR REPLACE INTO known_hosts (host, fingerprint, address, port, pinned_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (known.host, known.fingerprint, known.address, known.port, time.time_ns()),
        )


def _known(row: Any) -> KnownHost:
    return KnownHost(row[0], row[1], row[2], int(row[3]))
