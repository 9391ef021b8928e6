"""The client's local data in SQLite: the outbox of unacknowledged messages and a
cache of the room messages received, per host.

The outbox makes a typed message survive an app crash: it is written here before it
is sent, and removed when the host acknowledges it. The cache lets the window show
history at once on start and resume each room after its last seq. WAL with
synchronous=NORMAL: a commit survives a crash of the app (not of the whole machine).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .history import StoredMessage
from .sqlite_file import error_from_sqlite, open_database

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS outbox (
        host TEXT NOT NULL, room TEXT NOT NULL, msg_id TEXT NOT NULL, text TEXT NOT NULL,
        ts INTEGER NOT NULL, position INTEGER PRIMARY KEY AUTOINCREMENT,
        UNIQUE (host, msg_id))""",
    """CREATE TABLE IF NOT EXISTS messages (
        host TEXT NOT NULL, room TEXT NOT NULL, seq INTEGER NOT NULL, msg_id TEXT NOT NULL,
        sender TEXT NOT NULL, ts INTEGER NOT NULL, text TEXT NOT NULL,
        PRIMARY KEY (host, room, seq)) WITHOUT ROWID""",
)


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """A message typed but not yet acknowledged by its host."""

    host: str
    room: str
    id: str
    text: str
    ts: int


class ClientStore:
    """Outbox and message cache of one user (``ClientStore.open(path)``)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self._path = path

    @classmethod
    def open(cls, path: Path) -> ClientStore:
        """Opens (creating if needed) the client data at ``path``.

        Raises:
            StoreError: the folder is not writable or the file is damaged.
        """
        connection = open_database(path, synchronous="NORMAL", busy_seconds=2.0)
        try:
            for statement in _SCHEMA:
                connection.execute(statement)
        except sqlite3.Error as error:
            connection.close()
            raise error_from_sqlite(error, path) from None
        return cls(connection, path)

    # -- outbox ------------------------------------------------------------------

    def add_outgoing(self, message: OutgoingMessage) -> None:
        """Keeps ``message`` until ``remove_outgoing``; durable when this returns."""
        self._write(
            "INSERT OR IGNORE INTO outbox (host, room, msg_id, text, ts) VALUES (?, ?, ?, ?, ?)",
            (message.host, message.room, message.id, message.text, message.ts),
        )

    def outgoing(self, host: str, room: str) -> list[OutgoingMessage]:
        """Unacknowledged messages for ``host``'s ``room``, in the order they were typed."""
        rows = self._read(
            "SELECT msg_id, text, ts FROM outbox WHERE host=? AND room=? ORDER BY position",
            (host, room),
        )
        return [OutgoingMessage(host, room, r[0], r[1], int(r[2])) for r in rows]

    def remove_outgoing(self, host: str, msg_id: str) -> None:
        """Forgets a message the host acknowledged."""
        self._write("DELETE FROM outbox WHERE host=? AND msg_id=?", (host, msg_id))

    # -- cache -------------------------------------------------------------------

    def cache(self, host: str, messages: Iterable[StoredMessage]) -> None:
        """Keeps received messages (already cached ones are ignored), in one commit."""
        rows = [(host, m.room, m.seq, m.id, m.sender, m.ts, m.text) for m in messages]
        if rows:
            self._write_many(
                "INSERT OR IGNORE INTO messages (host, room, seq, msg_id, sender, ts, text) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )

    def last_seq(self, host: str, room: str) -> int:
        """The highest seq cached for ``host``'s ``room`` (0 when none)."""
        rows = self._read("SELECT MAX(seq) FROM messages WHERE host=? AND room=?", (host, room))
        return int(rows[0][0] or 0)

    def cached_before(self, host: str, room: str, before: int, limit: int) -> list[StoredMessage]:
        """The newest ``limit`` cached messages with seq < ``before``, oldest first."""
        rows = self._read(
            "SELECT seq, msg_id, sender, ts, text FROM messages "
            "WHERE host=? AND room=? AND seq<? ORDER BY seq DESC LIMIT ?",
            (host, room, before, limit),
        )
        return [StoredMessage(room, int(r[0]), r[1], r[2], int(r[3]), r[4]) for r in reversed(rows)]

    def cached_after(self, host: str, room: str, after: int, limit: int) -> list[StoredMessage]:
        """The oldest ``limit`` cached messages with seq > ``after``, oldest first."""
        rows = self._read(
            "SELECT seq, msg_id, sender, ts, text FROM messages "
            "WHERE host=? AND room=? AND seq>? ORDER BY seq LIMIT ?",
            (host, room, after, limit),
        )
        return [StoredMessage(room, int(r[0]), r[1], r[2], int(r[3]), r[4]) for r in rows]

    def close(self) -> None:
        """Closes the file."""
        self._db.close()

    # -- internals ---------------------------------------------------------------

    def _read(self, sql: str, params: tuple[object, ...]) -> list[Any]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise error_from_sqlite(error, self._path) from None

    def _write(self, sql: str, params: tuple[object, ...]) -> None:
        self._write_many(sql, [params])

    def _write_many(self, sql: str, rows: Sequence[tuple[object, ...]]) -> None:
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany(sql, rows)
        except sqlite3.Error as error:
            raise error_from_sqlite(error, self._path) from None
