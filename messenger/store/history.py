"""The host's durable room history in SQLite (WAL, synchronous=FULL).

Appends are not committed one by one: the host appends everything that arrived in
one turn of its event loop, then calls ``commit`` once (group commit), and only then
acknowledges or relays those messages.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from .sqlite_file import error_from_sqlite, open_database

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
    room TEXT NOT NULL,
    seq INTEGER NOT NULL,
    client TEXT NOT NULL,
    msg_id TEXT NOT NULL,
    sender TEXT NOT NULL,
    ts INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (room, seq),
    UNIQUE (room, client, msg_id)
) WITHOUT ROWID;
"""


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """One message of a room as stored."""

    room: str
    seq: int
    id: str
    sender: str
    ts: int
    text: str


class HistoryStore:
    """Room messages, keyed by (room, seq), deduplicated by (room, client, msg_id).

    Open with ``HistoryStore.open(path)``. The store holds SQLite's write lock for as
    long as it is open, so a second host cannot use the same file.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path, host_id: str) -> None:
        self._db = connection
        self._path = path
        self._host_id = host_id
        self._last_seq: dict[str, int] = {}

    @classmethod
    def open(cls, path: Path) -> HistoryStore:
        """Opens (creating if needed) the history at ``path``.

        Raises:
            StoreError: the folder is not writable, the file is damaged or in use.
        """
        connection = open_database(path, synchronous="FULL", busy_seconds=0.2)
        try:
            connection.execute("BEGIN IMMEDIATE")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    connection.execute(statement)
            row = connection.execute("SELECT value FROM meta WHERE key='host_id'").fetchone()
            if row is None:
                host_id = uuid.uuid4().hex
                connection.execute("INSERT INTO meta VALUES ('host_id', ?)", (host_id,))
            else:
                host_id = str(row[0])
            connection.execute("COMMIT")
            connection.execute("PRAGMA locking_mode=EXCLUSIVE")
            connection.execute("BEGIN IMMEDIATE")  # takes and keeps the exclusive lock
        except sqlite3.Error as error:
            connection.close()
            raise error_from_sqlite(error, path) from None
        return cls(connection, path, host_id)

    @property
    def path(self) -> Path:
        """The database file."""
        return self._path

    @property
    def host_id(self) -> str:
        """A random id made when the history was created; stable across restarts."""
        return self._host_id

    def last_seq(self, room: str) -> int:
        """The highest seq of ``room`` (uncommitted appends included), 0 when empty."""
        cached = self._last_seq.get(room)
        if cached is None:
            row = self._query("SELECT MAX(seq) FROM messages WHERE room=?", (room,)).fetchone()
            cached = int(row[0] or 0)
            self._last_seq[room] = cached
        return cached

    def append(
        self, room: str, sender: str, client: str, msg_id: str, text: str, ts: int
    ) -> tuple[StoredMessage, bool]:
        """Adds a message unless (room, client, msg_id) exists; does not commit.

        Returns:
            The stored message and True, or the original message and False for a repeat.
        """
        row = self._query(
            "SELECT seq, sender, ts, text FROM messages WHERE room=? AND client=? AND msg_id=?",
            (room, client, msg_id),
        ).fetchone()
        if row is not None:
            return StoredMessage(room, int(row[0]), msg_id, row[1], int(row[2]), row[3]), False
        seq = self.last_seq(room) + 1
        self._query(
            "INSERT INTO messages (room, seq, client, msg_id, sender, ts, text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (room, seq, client, msg_id, sender, ts, text),
        )
        self._last_seq[room] = seq
        return StoredMessage(room, seq, msg_id, sender, ts, text), True

    def commit(self) -> None:
        """Makes every append since the last commit durable.

        Raises:
            StoreError: the commit failed (e.g. disk full); those appends are undone.
        """
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            raise error_from_sqlite(error, self._path) from None
        self._begin()

    def messages_after(self, room: str, since: int, limit: int) -> list[StoredMessage]:
        """Messages of ``room`` with seq > ``since``, oldest first, at most ``limit``."""
        rows = self._query(
            "SELECT seq, msg_id, sender, ts, text FROM messages "
            "WHERE room=? AND seq>? ORDER BY seq LIMIT ?",
            (room, since, limit),
        ).fetchall()
        return [StoredMessage(room, int(r[0]), r[1], r[2], int(r[3]), r[4]) for r in rows]

    def messages_before(self, room: str, before: int, limit: int) -> list[StoredMessage]:
        """The newest ``limit`` messages of ``room`` with seq < ``before``, oldest first."""
        rows = self._query(
            "SELECT seq, msg_id, sender, ts, text FROM messages "
            "WHERE room=? AND seq<? ORDER BY seq DESC LIMIT ?",
            (room, before, limit),
        ).fetchall()
        return [StoredMessage(room, int(r[0]), r[1], r[2], int(r[3]), r[4]) for r in reversed(rows)]

    def latest(self, room: str, limit: int) -> list[StoredMessage]:
        """The most recent ``limit`` messages of ``room``, oldest first."""
        return self.messages_after(room, max(0, self.last_seq(room) - limit), limit)

    def close(self) -> None:
        """Commits what is pending and closes the file."""
        try:
            if self._db.in_transaction:
                self._db.execute("COMMIT")
        except sqlite3.Error as error:
            log.error("history not saved on close: %s", error)
        finally:
            self._db.close()

    # -- internals -------------------------------------------------------------

    def _query(self, sql: str, params: tuple[object, ...]) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, params)
        except sqlite3.Error as error:
            if not self._db.in_transaction:
                self._begin()
            raise error_from_sqlite(error, self._path) from None

    def _begin(self) -> None:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise error_from_sqlite(error, self._path) from None

    def _rollback(self) -> None:
        self._last_seq.clear()
        try:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
        except sqlite3.Error:
            log.exception("rollback failed")
