"""The layout of the host's history file (schema versions, migrations) and opening
it: the lock taken for good, the schema checked or made, the host id and epoch read.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..core.room_names import GENERAL_ROOM
from .sqlite_file import StoreError, StoreProblem, schema_version

ROOM_SCHEMA = (
    # every room of the session; kind "room" or "direct"; member_count is kept by the
    # triggers below, so that listing rooms reads no membership rows
    """CREATE TABLE IF NOT EXISTS rooms (
        name TEXT PRIMARY KEY,
        name_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        topic TEXT NOT NULL DEFAULT '',
        created_by TEXT NOT NULL DEFAULT '',
        created_ms INTEGER NOT NULL DEFAULT 0,
        member_count INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS rooms_by_key ON rooms (name_key)",
    "CREATE INDEX IF NOT EXISTS rooms_by_kind ON rooms (kind, name)",
    """CREATE TABLE IF NOT EXISTS room_members (
        room TEXT NOT NULL, user TEXT NOT NULL, since_ms INTEGER NOT NULL,
        PRIMARY KEY (room, user)
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS room_members_by_user ON room_members (user, room)",
    """CREATE TRIGGER IF NOT EXISTS room_member_added AFTER INSERT ON room_members BEGIN
        UPDATE rooms SET member_count = member_count + 1 WHERE name = NEW.room;
    END""",
    """CREATE TRIGGER IF NOT EXISTS room_member_removed AFTER DELETE ON room_members BEGIN
        UPDATE rooms SET member_count = member_count - 1 WHERE name = OLD.room;
    END""",
    # the last seq each user has read in each room
    """CREATE TABLE IF NOT EXISTS read_markers (
        user TEXT NOT NULL, room TEXT NOT NULL, seq INTEGER NOT NULL,
        PRIMARY KEY (user, room)
    ) WITHOUT ROWID""",
)
"""The tables of schema 3: rooms, their members, read markers."""
GENERAL_KEY = "general"
"""``room_key(GENERAL_ROOM)``, written out so that opening a file does not load the
look-alike table (a test checks that it is the key)."""

SCHEMA_VERSION = 4
"""``PRAGMA user_version`` of the files this code writes."""
_MIGRATIONS = (
    # 2: the sender's user id ('' for messages stored before the host knew identities)
    ("ALTER TABLE messages ADD COLUMN user TEXT NOT NULL DEFAULT ''",),
    # 3: rooms, who is in them, and how far each member has read
    ROOM_SCHEMA,
    # 4: what a message is beyond text ('' ordinary, 'announcement')
    ("ALTER TABLE messages ADD COLUMN kind TEXT NOT NULL DEFAULT ''",),
)
"""The statements that bring a file of schema N (1, 2, ...) to schema N + 1."""

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS messages (
        room TEXT NOT NULL,
        seq INTEGER NOT NULL,
        client TEXT NOT NULL,
        msg_id TEXT NOT NULL,
        sender TEXT NOT NULL,
        ts INTEGER NOT NULL,
        text TEXT NOT NULL,
        user TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (room, seq),
        UNIQUE (room, client, msg_id)
    ) WITHOUT ROWID""",
    # the display name each member's identity holds in this session (added within
    # schema 1: older versions ignore it)
    """CREATE TABLE IF NOT EXISTS names (
        user TEXT PRIMARY KEY, name_key TEXT NOT NULL UNIQUE, name TEXT NOT NULL
    ) WITHOUT ROWID""",
    # the devices the owner let in or banned (admission "approval"; bans in every mode)
    """CREATE TABLE IF NOT EXISTS devices (
        user TEXT PRIMARY KEY, status TEXT NOT NULL, name TEXT NOT NULL, since INTEGER NOT NULL
    ) WITHOUT ROWID""",
    *ROOM_SCHEMA,
)
_CHECK_COLUMNS = (
    "SELECT room, seq, client, msg_id, sender, ts, text, user, kind FROM messages LIMIT 0",
    "SELECT name, name_key, kind, topic, created_by, created_ms, member_count FROM rooms LIMIT 0",
    "SELECT room, user, since_ms FROM room_members LIMIT 0",
    "SELECT user, room, seq FROM read_markers LIMIT 0",
)
_GENERAL_ROW = "INSERT OR IGNORE INTO rooms (name, name_key, kind) VALUES (?, ?, 'room')"


def new_id() -> str:
    """A new random id: 32 hex digits."""
    import uuid  # (~7 ms to import: only when an id is made, not at each start)

    return uuid.uuid4().hex


def _meta(connection: sqlite3.Connection, key: str) -> str:
    """The meta value of ``key``, made (a new random id) if the file has none yet."""
    row = connection.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    if row is not None:
        return str(row[0])
    value = new_id()
    connection.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))
    return value


def _migrate(connection: sqlite3.Connection, version: int) -> None:
    """Brings a history of schema ``version`` (1 or later) to SCHEMA_VERSION, in the
    transaction that opens it."""
    for statements in _MIGRATIONS[version - 1 :]:
        for statement in statements:
            connection.execute(statement)


def _foreign_tables(error: sqlite3.OperationalError) -> bool:
    """Whether ``error`` says the file has another program's tables of our names
    (columns missing, a view or index where a table should be), rather than that
    SQLite could not write it (a full disk)."""
    text = str(error).lower()
    return any(word in text for word in ("column", "table", "index", "view", "trigger"))


def prepare(connection: sqlite3.Connection, path: Path) -> tuple[str, str]:
    """Takes the file's lock for good, checks or creates the schema; returns the host
    id and the epoch.

    Raises:
        StoreError: the file is a newer or a foreign database.
        sqlite3.Error: anything else (locked by another host, damaged, ...).
    """
    # EXCLUSIVE locking mode keeps every lock taken until the connection closes, so the
    # write lock taken here shuts any other host out for as long as this store is open.
    connection.execute("PRAGMA locking_mode=EXCLUSIVE")
    connection.execute("BEGIN IMMEDIATE")
    version = schema_version(connection, path, SCHEMA_VERSION)
    try:
        if version:
            _migrate(connection, version)
        for statement in (*_SCHEMA, *_CHECK_COLUMNS):
            connection.execute(statement)
        connection.execute(_GENERAL_ROW, (GENERAL_ROOM, GENERAL_KEY))
        host_id = _meta(connection, "host_id")
        epoch = _meta(connection, "epoch")
    except sqlite3.OperationalError as error:
        if not _foreign_tables(error):
            raise
        raise StoreError(StoreProblem.DAMAGED, path, f"not a Messenger history ({error})") from None
    if version < SCHEMA_VERSION:
        connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    connection.execute("COMMIT")
    return host_id, epoch
