"""The client's local data in SQLite: the outbox of unacknowledged messages and a
cache of the room messages received, per host.

The outbox makes a typed message survive an app crash: it is written here before it
is sent, and removed when the host acknowledges it. The cache lets the window show
history at once on start and resume each room after its last seq. WAL with
synchronous=NORMAL: a commit survives a crash of the app (not of the whole machine).

Commits only append to the WAL file; copying it back into the database (a checkpoint,
which syncs the file to disk and takes tens of milliseconds on a big cache) is done
by a thread of the store's own, so that a busy room never holds up the window.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .history import StoredMessage
from .known_hosts import TABLE as KNOWN_HOSTS_TABLE
from .known_hosts import KnownHosts
from .sqlite_file import StoreError, error_from_sqlite, open_database, schema_version

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
SCHEMA_VERSION = 4
_MIGRATIONS = (
    # 1: messages held for the user's choice (their session was reset or restored), and
    # the generations of a cached room (a new one each time its history was reset)
    (
        "ALTER TABLE outbox ADD COLUMN held INTEGER NOT NULL DEFAULT 0",
        """CREATE TABLE cache_generations (
            host TEXT NOT NULL, room TEXT NOT NULL, generation INTEGER NOT NULL,
            began_at INTEGER NOT NULL, PRIMARY KEY (host, room, generation)) WITHOUT ROWID""",
    ),
    # 2: the hosts trusted, by the fingerprint they first showed
    (KNOWN_HOSTS_TABLE,),
    # 3: each message's sender by user id ('' for those cached before)
    ("ALTER TABLE messages ADD COLUMN user TEXT NOT NULL DEFAULT ''",),
    # 4: what a message is beyond text ('' ordinary, 'announcement'), cached and typed
    (
        "ALTER TABLE messages ADD COLUMN kind TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT ''",
    ),
)
_MESSAGE_COLUMNS = "seq, msg_id, sender, ts, text, user, kind"
_OUTGOING_COLUMNS = "host, room, msg_id, text, ts, kind"


CHECKPOINT_ROWS = 2_000
"""Rows written (well under 1 MB of WAL) after which the checkpoint thread copies them
back."""


class _Checkpointer:
    """A thread with its own connection that checkpoints the WAL when asked."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._wanted = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="cache-checkpoint", daemon=True)
        self._thread.start()

    def request(self) -> None:
        self._wanted.set()

    def stop(self) -> None:
        self._stopping = True
        self._wanted.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            db = sqlite3.connect(self._path, timeout=2.0, isolation_level=None)
        except sqlite3.Error:
            return
        try:
            while True:
                self._wanted.wait()
                self._wanted.clear()
                if self._stopping:
                    return
                # PASSIVE: never waits for, nor blocks, the window's reads and writes; on
                # an error the next one, or closing, tries again
                with contextlib.suppress(sqlite3.Error):
                    db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        finally:
            db.close()


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """A message typed but not yet acknowledged by its host (``kind``: '' ordinary,
    or "announcement")."""

    host: str
    room: str
    id: str
    text: str
    ts: int
    kind: str = ""


class ClientStore:
    """Outbox and message cache of one user (``ClientStore.open(path)``)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self._path = path
        self._checkpointer: _Checkpointer | None = None
        self._written = 0  # rows written since the last checkpoint was asked for
        self._generations: dict[tuple[str, str], int] = {}  # (host, room) -> generation
        self.known_hosts = KnownHosts(self._read, self._write)
        """The hosts trusted (their pinned fingerprints)."""
        if str(path) != ":memory:":
            connection.execute("PRAGMA wal_autocheckpoint=0")
            self._checkpointer = _Checkpointer(path)

    @classmethod
    def open(cls, path: Path) -> ClientStore:
        """Opens (creating if needed) the client data at ``path``.

        Raises:
            StoreError: the folder is not writable or the file is damaged.
        """
        connection = open_database(path, synchronous="NORMAL", busy_seconds=2.0)
        try:
            version = schema_version(connection, path, SCHEMA_VERSION)
            for statement in _SCHEMA:
                connection.execute(statement)
            _migrate(connection, version)
        except sqlite3.Error as error:
            connection.close()
            raise error_from_sqlite(error, path) from None
        except StoreError:
            connection.close()
            raise
        return cls(connection, path)

    # -- outbox ------------------------------------------------------------------

    def add_outgoing(self, message: OutgoingMessage) -> None:
        """Keeps ``message`` until ``remove_outgoing``; durable when this returns."""
        self._write(
            f"INSERT OR IGNORE INTO outbox ({_OUTGOING_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
            (message.host, message.room, message.id, message.text, message.ts, message.kind),
        )

    def outgoing(self, host: str, room: str) -> list[OutgoingMessage]:
        """Unacknowledged messages for ``host``'s ``room`` (not held), in the order typed."""
        rows = self._read(
            f"SELECT {_OUTGOING_COLUMNS} FROM outbox "
            "WHERE host=? AND room=? AND held=0 ORDER BY position",
            (host, room),
        )
        return _outgoing(rows)

    def hold(self, host: str, room: str) -> None:
        """Holds the unacknowledged messages of ``host``'s ``room`` for the user's
        choice (``held``, ``release_held``, ``discard_held``): they are not sent."""
        self._write("UPDATE outbox SET held=1 WHERE host=? AND room=?", (host, room))

    def held(self, room: str) -> list[OutgoingMessage]:
        """The messages held for ``room`` (whatever their host), in the order typed."""
        rows = self._read(
            f"SELECT {_OUTGOING_COLUMNS} FROM outbox WHERE room=? AND held=1 ORDER BY position",
            (room,),
        )
        return _outgoing(rows)

    def release_held(self, room: str, host: str) -> None:
        """The messages held for ``room`` go to ``host``'s room, in the order typed
        (before anything typed after them)."""
        self._write(
            "UPDATE OR REPLACE outbox SET host=?, held=0 WHERE room=? AND held=1", (host, room)
        )

    def discard_held(self, room: str, ids: Iterable[str] | None = None) -> None:
        """Forgets the messages held for ``room`` (all, or those of ``ids``): the user
        chose not to send them."""
        if ids is None:
            self._write("DELETE FROM outbox WHERE room=? AND held=1", (room,))
        else:
            self._write_many(
                "DELETE FROM outbox WHERE room=? AND held=1 AND msg_id=?",
                [(room, message_id) for message_id in ids],
            )

    def remove_outgoing(self, host: str, msg_id: str) -> None:
        """Forgets a message the host acknowledged."""
        self._write("DELETE FROM outbox WHERE host=? AND msg_id=?", (host, msg_id))

    # -- cache -------------------------------------------------------------------

    def cache(self, host: str, messages: Iterable[StoredMessage]) -> None:
        """Keeps received messages (already cached ones are ignored), in one commit."""
        rows = [
            (self._key(host, m.room), m.room, m.seq, m.id, m.sender, m.ts, m.text, m.user, m.kind)
            for m in messages
        ]
        if rows:
            self._write_many(
                f"INSERT OR IGNORE INTO messages (host, room, {_MESSAGE_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )

    def last_seq(self, host: str, room: str) -> int:
        """The highest seq cached for ``host``'s ``room`` (0 when none)."""
        key = self._key(host, room)
        rows = self._read("SELECT MAX(seq) FROM messages WHERE host=? AND room=?", (key, room))
        return int(rows[0][0] or 0)

    def last_cached(self, host: str, room: str) -> tuple[int, str | None]:
        """The highest seq cached for ``host``'s ``room`` and its message's id ((0, None)
        when none)."""
        rows = self._read(
            "SELECT seq, msg_id FROM messages WHERE host=? AND room=? ORDER BY seq DESC LIMIT 1",
            (self._key(host, room), room),
        )
        return (int(rows[0][0]), str(rows[0][1])) if rows else (0, None)

    def archive_room(self, host: str, room: str, now_ms: int) -> None:
        """Sets the cached messages of ``host``'s ``room`` aside (``archived_before``): the
        host's history of the room is no longer the one they came from. The cache of
        the room starts empty (a new generation; nothing is copied)."""
        generation = self._generation(host, room) + 1
        self._write(
            "INSERT INTO cache_generations (host, room, generation, began_at) VALUES (?, ?, ?, ?)",
            (host, room, generation, now_ms),
        )
        self._generations[(host, room)] = generation

    def archived_before(self, host: str, room: str, before: int, limit: int) -> list[StoredMessage]:
        """Like ``cached_before``, for the messages last set aside from ``host``'s
        ``room`` (``archive_room``): the newest ``limit`` with seq < ``before``."""
        generation = self._generation(host, room)
        if generation == 0:
            return []
        return self._newest(_cache_key(host, generation - 1), room, before, limit)

    def cached_before(self, host: str, room: str, before: int, limit: int) -> list[StoredMessage]:
        """The newest ``limit`` cached messages with seq < ``before``, oldest first."""
        return self._newest(self._key(host, room), room, before, limit)

    def cached_after(self, host: str, room: str, after: int, limit: int) -> list[StoredMessage]:
        """The oldest ``limit`` cached messages with seq > ``after``, oldest first."""
        rows = self._read(
            f"SELECT {_MESSAGE_COLUMNS} FROM messages "
            "WHERE host=? AND room=? AND seq>? ORDER BY seq LIMIT ?",
            (self._key(host, room), room, after, limit),
        )
        return [_message(room, row) for row in rows]

    def close(self) -> None:
        """Closes the file (checkpointing what the WAL still holds)."""
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        self._db.close()

    # -- internals ---------------------------------------------------------------

    def _generation(self, host: str, room: str) -> int:
        """How many times the cache of ``host``'s ``room`` was set aside."""
        known = self._generations.get((host, room))
        if known is None:
            rows = self._read(
                "SELECT MAX(generation) FROM cache_generations WHERE host=? AND room=?",
                (host, room),
            )
            known = self._generations[(host, room)] = int(rows[0][0] or 0)
        return known

    def _key(self, host: str, room: str) -> str:
        """What the cache rows of ``host``'s ``room`` are filed under now."""
        return _cache_key(host, self._generation(host, room))

    def _newest(self, key: str, room: str, before: int, limit: int) -> list[StoredMessage]:
        rows = self._read(
            f"SELECT {_MESSAGE_COLUMNS} FROM messages "
            "WHERE host=? AND room=? AND seq<? ORDER BY seq DESC LIMIT ?",
            (key, room, before, limit),
        )
        return [_message(room, row) for row in reversed(rows)]

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
        self._written += len(rows)
        if self._written >= CHECKPOINT_ROWS and self._checkpointer is not None:
            self._written = 0
            self._checkpointer.request()


def _cache_key(host: str, generation: int) -> str:
    """The host column of a room's cache rows: the host id, then ``id@N`` for the Nth
    generation after a reset (host ids have no '@')."""
    return host if generation == 0 else f"{host}@{generation}"


def _message(room: str, row: Any) -> StoredMessage:
    """The message of a row of _MESSAGE_COLUMNS."""
    return StoredMessage(room, int(row[0]), row[1], row[2], int(row[3]), row[4], row[5], row[6])


def _outgoing(rows: list[Any]) -> list[OutgoingMessage]:
    return [OutgoingMessage(r[0], r[1], r[2], r[3], int(r[4]), r[5]) for r in rows]


def _migrate(connection: sqlite3.Connection, version: int) -> None:
    """Brings a file of schema ``version`` up to SCHEMA_VERSION, step by step.

    Raises:
        sqlite3.Error: it cannot be read or written.
    """
    for number, statements in enumerate(_MIGRATIONS[version:], start=version + 1):
        with connection:
            connection.execute("BEGIN IMMEDIATE")
            for statement in statements:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version={number}")
