"""The host's durable room history in SQLite (WAL, synchronous=FULL).

Appends are not committed one by one: the host appends everything that arrived in
one turn of its event loop, then calls ``commit`` once (group commit), and only then
acknowledges or relays those messages. A commit that returns is on disk; a commit
that raises committed nothing, and the seqs it would have used are given out again.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from .history_schema import SCHEMA_VERSION, new_id, prepare
from .room_directory import RoomDirectory
from .sqlite_file import StoreError, error_from_sqlite, open_database

log = logging.getLogger(__name__)

__all__ = ["SCHEMA_VERSION", "HistoryStore", "StoredMessage"]

_BUSY_SECONDS = 0.2
"""How long opening waits for a lock: another host holds it for as long as it runs."""

_FIND = (
    "SELECT seq, sender, ts, text, user, kind FROM messages WHERE room=? AND client=? AND msg_id=?"
)
_INSERT = (
    "INSERT INTO messages (room, seq, client, msg_id, sender, ts, text, user, kind) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_LAST_SEQ = "SELECT MAX(seq) FROM messages WHERE room=?"
_ID_AT = "SELECT msg_id FROM messages WHERE room=? AND seq=?"
_AFTER = (
    "SELECT seq, msg_id, sender, ts, text, user, kind FROM messages "
    "WHERE room=? AND seq>? ORDER BY seq LIMIT ?"
)
_BEFORE = (
    "SELECT seq, msg_id, sender, ts, text, user, kind FROM messages "
    "WHERE room=? AND seq<? ORDER BY seq DESC LIMIT ?"
)


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """One message of a room as stored.

    Attributes:
        room: The room it was said in.
        seq: Its place in the room: 1, 2, 3, ... without gaps.
        id: The id its sender's client chose.
        sender: The sender's display name.
        ts: When the host received it, in Unix milliseconds.
        text: The text, exactly as sent.
        user: The sender's user id ('' when not known: stored by a host without
            identities, or before hosts knew them).
        kind: What it is beyond text: '' (an ordinary message) or "announcement".
    """

    room: str
    seq: int
    id: str
    sender: str
    ts: int
    text: str
    user: str = ""
    kind: str = ""


class HistoryStore:
    """Room messages, keyed by (room, seq), deduplicated by (room, client, msg_id).

    Open with ``HistoryStore.open(path)`` and ``close()`` when done (or use it as a
    context manager). The store holds SQLite's lock on the file for as long as it is
    open, so a second host cannot use the same file. Not thread-safe: use it from one
    thread (the host's event loop). Its ``rooms`` (the room directory) work on the
    same connection and within the same group commit.
    """

    def __init__(
        self, connection: sqlite3.Connection, path: Path, host_id: str, epoch: str
    ) -> None:
        self._db = connection
        self._path = path
        self._host_id = host_id
        self._epoch = epoch
        self._last_seq: dict[str, int] = {}
        self._appended = 0  # appends since the last commit
        self._batched = False  # whether anything was written since the last commit
        self._lost: StoreError | None = None  # why those appends were undone, if they were
        self._closed = False
        self._rooms = RoomDirectory(self)

    @classmethod
    def open(cls, path: Path) -> HistoryStore:
        """Opens (creating folders and file if needed) the history at ``path``.

        Raises:
            StoreError: the folder is not writable, the file is damaged or not a
                Messenger history (it is left as it was), or another host uses it.
        """
        connection = open_database(path, synchronous="FULL", busy_seconds=_BUSY_SECONDS)
        try:
            host_id, epoch = prepare(connection, path)
        except sqlite3.Error as error:
            connection.close()
            raise error_from_sqlite(error, path) from None
        except StoreError:
            connection.close()
            raise
        log.info("history %s opened (host %s, epoch %s)", path, host_id, epoch)
        return cls(connection, path, host_id, epoch)

    @property
    def path(self) -> Path:
        """The database file."""
        return self._path

    @property
    def rooms(self) -> RoomDirectory:
        """The session's rooms, their members and read markers, kept in this file
        (written within this store's group commit)."""
        return self._rooms

    @property
    def host_id(self) -> str:
        """A random id made when the history was created; stable across restarts."""
        return self._host_id

    @property
    def epoch(self) -> str:
        """The history's epoch: a random id, replaced by ``start_new_epoch``."""
        return self._epoch

    def start_new_epoch(self) -> str:
        """Records that this history is not a continuation of what the host served
        before (it was restored from an older copy); returns the new epoch.

        Raises:
            StoreError: the file cannot be written (the epoch is unchanged).
        """
        epoch = new_id()
        self.commit()
        try:
            self._db.execute("UPDATE meta SET value=? WHERE key='epoch'", (epoch,))
        except sqlite3.Error as error:
            raise self._failed(error) from None
        self._epoch = epoch
        return epoch

    def id_at(self, room: str, seq: int) -> str | None:
        """The id of ``room``'s message ``seq`` (None when there is none).

        Raises:
            StoreError: the file cannot be read.
        """
        rows = self.query(_ID_AT, (room, seq))
        return str(rows[0][0]) if rows else None

    def last_seq(self, room: str) -> int:
        """The highest seq of ``room`` (uncommitted appends included), 0 when empty.

        Raises:
            StoreError: the file cannot be read.
        """
        cached = self._last_seq.get(room)
        if cached is None:
            row = self.query(_LAST_SEQ, (room,))
            cached = int(row[0][0] or 0)
            self._last_seq[room] = cached
        return cached

    def append(
        self,
        room: str,
        sender: str,
        client: str,
        msg_id: str,
        text: str,
        ts: int,
        user: str = "",
        kind: str = "",
    ) -> tuple[StoredMessage, bool]:
        """Adds a message (of ``kind``: '' ordinary, or "announcement") unless (room,
        client, msg_id) is already stored; does not commit.

        Returns:
            The new message (seq = ``last_seq(room) + 1``) and True; or, for a repeat,
            the message first stored under that id and False (nothing is added).

        Raises:
            StoreError: the message cannot be written (e.g. the disk is full); nothing
                was added. If SQLite had to undo all appends since the last commit,
                the next ``commit`` raises too.
        """
        try:
            seq = self.last_seq(room) + 1
            self._begin()
            try:  # the common case costs one statement; a repeat is found by its error
                row = (room, seq, client, msg_id, sender, ts, text, user, kind)
                self._db.execute(_INSERT, row)
            except sqlite3.IntegrityError:
                original = self._find(room, client, msg_id)
                if original is None:
                    raise
                return original, False
        except sqlite3.Error as error:
            raise self._failed(error) from None
        self._last_seq[room] = seq
        self._appended += 1
        self._batched = True
        return StoredMessage(room, seq, msg_id, sender, ts, text, user, kind), True

    def find(self, room: str, client: str, msg_id: str) -> StoredMessage | None:
        """The message stored under (room, client, msg_id), if any.

        Raises:
            StoreError: the history cannot be read.
        """
        try:
            return self._find(room, client, msg_id)
        except sqlite3.Error as error:
            raise self._failed(error) from None

    def _find(self, room: str, client: str, msg_id: str) -> StoredMessage | None:
        row = self._db.execute(_FIND, (room, client, msg_id)).fetchone()
        if row is None:
            return None
        return StoredMessage(room, int(row[0]), msg_id, row[1], int(row[2]), row[3], row[4], row[5])

    def name_holder(self, name_key: str) -> str | None:
        """The user id holding the name whose comparison form is ``name_key``.

        Raises:
            StoreError: the file cannot be read.
        """
        rows = self.query("SELECT user FROM names WHERE name_key=?", (name_key,))
        return str(rows[0][0]) if rows else None

    def hold_name(self, user: str, name_key: str, name: str) -> None:
        """``user`` holds ``name`` from now on (and no longer the name it held before;
        nobody else may hold ``name_key``). Committed with the next ``commit`` (the
        host's next flush: an office arriving costs one fsync per turn, not per join).

        Raises:
            StoreError: the file cannot be written.
        """
        self.write(
            "INSERT OR REPLACE INTO names (user, name_key, name) VALUES (?, ?, ?)",
            (user, name_key, name),
        )

    def write(self, sql: str, params: tuple[object, ...]) -> int:
        """Runs one writing statement in the pending group-commit transaction (begun
        if there is none): it is durable at the next ``commit``, and undone with
        everything else if that commit fails. For the store's own modules.

        Returns:
            How many rows it changed.

        Raises:
            StoreError: it failed (if SQLite undid the whole batch, the next
                ``commit`` raises too).
        """
        try:
            self._begin()
            changed = int(self._db.execute(sql, params).rowcount)
        except sqlite3.Error as error:
            raise self._failed(error) from None
        self._batched = True
        return changed

    @property
    def uncommitted(self) -> bool:
        """Whether something written waits for ``commit``."""
        return self._db.in_transaction

    def known_people(self) -> list[tuple[str, str]]:
        """(user id, name) of every identity that holds a name in the session (each
        one ever let in), but banned devices; in no particular order.

        Raises:
            StoreError: the file cannot be read.
        """
        rows = self.query(
            "SELECT user, name FROM names WHERE user != '' AND user NOT IN "
            "(SELECT user FROM devices WHERE status = 'banned')",
            (),
        )
        return [(str(user), str(name)) for user, name in rows]

    def device_status(self, user: str) -> str | None:
        """What the owner decided about device ``user`` ("approved", "banned"; None:
        nothing).

        Raises:
            StoreError: the file cannot be read.
        """
        rows = self.query("SELECT status FROM devices WHERE user=?", (user,))
        return str(rows[0][0]) if rows else None

    def set_device_status(self, user: str, status: str, name: str, since_ms: int) -> None:
        """Records the owner's decision about device ``user`` (known as ``name``),
        committed at once.

        Raises:
            StoreError: the file cannot be written.
        """
        self.commit()
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute(
                    "INSERT OR REPLACE INTO devices (user, status, name, since) "
                    "VALUES (?, ?, ?, ?)",
                    (user, status, name, since_ms),
                )
        except sqlite3.Error as error:
            raise self._failed(error) from None

    def rekey_names(self, rule: str, key_of: Callable[[str], str]) -> None:
        """Makes the comparison form of every held name again with ``key_of`` unless
        the file's keys were made by ``rule`` already. Two names that now compare
        equal cannot both be held: the one held by the first user id (in order) keeps
        it; the other identity gets a number at its next join.

        Raises:
            StoreError: the file cannot be read or written (nothing changed).
        """
        if self._meta_value("name_rule") == rule:
            return
        rows = self.query("SELECT user, name FROM names ORDER BY user", ())
        self.commit()
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute("DELETE FROM names")
                self._db.executemany(
                    "INSERT OR IGNORE INTO names (user, name_key, name) VALUES (?, ?, ?)",
                    [(user, key_of(name), name) for user, name in rows],
                )
                self._db.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('name_rule', ?)", (rule,)
                )
        except sqlite3.Error as error:
            raise self._failed(error) from None
        kept = int(self.query("SELECT COUNT(*) FROM names", ())[0][0])
        if kept < len(rows):
            log.info("%d held names compare equal to others now: released", len(rows) - kept)

    def _meta_value(self, key: str) -> str | None:
        rows = self.query("SELECT value FROM meta WHERE key=?", (key,))
        return str(rows[0][0]) if rows else None

    def commit(self) -> None:
        """Makes every append since the last commit durable (one fsync'd transaction).

        Raises:
            StoreError: nothing since the last commit was kept (e.g. the disk is full).
                Those seqs are given out again by later appends; committed messages
                are untouched.
        """
        lost, self._lost = self._lost, None
        if lost is not None:
            self._undo()
            raise StoreError(lost.problem, lost.path, lost.detail)
        if not self._db.in_transaction:
            self._appended, self._batched = 0, False
            return
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            failure = error_from_sqlite(error, self._path)
            log.debug("history commit failed, %d messages not saved: %s", self._appended, error)
            self._undo()
            raise failure from None
        self._appended, self._batched = 0, False

    def messages_after(self, room: str, since: int, limit: int) -> list[StoredMessage]:
        """Messages of ``room`` with seq > ``since``, oldest first, at most ``limit``.

        Raises:
            StoreError: the file cannot be read.
        """
        if limit <= 0:
            return []
        return self._messages(room, self.query(_AFTER, (room, since, limit)))

    def messages_before(self, room: str, before: int, limit: int) -> list[StoredMessage]:
        """The newest ``limit`` messages of ``room`` with seq < ``before``, oldest first.

        Raises:
            StoreError: the file cannot be read.
        """
        if limit <= 0:
            return []
        return self._messages(room, reversed(self.query(_BEFORE, (room, before, limit))))

    def latest(self, room: str, limit: int) -> list[StoredMessage]:
        """The most recent ``limit`` messages of ``room``, oldest first.

        Raises:
            StoreError: the file cannot be read.
        """
        return self.messages_before(room, self.last_seq(room) + 1, limit)

    def close(self) -> None:
        """Commits what is pending (if nothing was lost) and closes the file; idempotent."""
        if self._closed:
            return
        self._closed = True
        try:
            if self._db.in_transaction and self._lost is None:
                self._db.execute("COMMIT")
        except sqlite3.Error as error:
            log.error(
                "history %s: %d messages not saved on close: %s", self._path, self._appended, error
            )
        finally:
            self._db.close()
            log.info("history %s closed", self._path)

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- internals -------------------------------------------------------------

    def query(self, sql: str, params: tuple[object, ...]) -> list[Any]:
        """The rows of one reading statement (uncommitted writes included). For the
        store's own modules.

        Raises:
            StoreError: the file cannot be read.
        """
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise self._failed(error) from None

    @staticmethod
    def _messages(room: str, rows: Any) -> list[StoredMessage]:
        return [
            StoredMessage(room, int(r[0]), r[1], r[2], int(r[3]), r[4], r[5], r[6]) for r in rows
        ]

    def _failed(self, error: sqlite3.Error) -> StoreError:
        """The StoreError for ``error``; notes it if SQLite undid the pending appends.

        On SQLITE_FULL, IOERR, NOMEM or BUSY SQLite may undo the whole transaction, not
        just the failed statement. Then the appends since the last commit are gone: the
        seq cache must be re-read, and the next commit must fail rather than let the
        host acknowledge them.
        """
        failure = error_from_sqlite(error, self._path)
        if self._batched and not self._db.in_transaction:
            log.debug(
                "history %s: %d uncommitted messages undone: %s", self._path, self._appended, error
            )
            self._lost = self._lost or failure
            self._appended, self._batched = 0, False
            self._last_seq.clear()
            self._rooms.forget_cached()
        return failure

    def _begin(self) -> None:
        """Opens the group-commit transaction unless it is open already."""
        if not self._db.in_transaction:
            self._db.execute("BEGIN IMMEDIATE")

    def _undo(self) -> None:
        """Drops everything since the last commit and forgets the cached seqs."""
        self._appended, self._batched = 0, False
        self._last_seq.clear()
        self._rooms.forget_cached()
        if self._db.in_transaction:
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.Error:
                log.exception("history %s: rollback failed", self._path)
