"""Opening the project's SQLite files, and what their errors mean."""

from __future__ import annotations

import enum
import errno
import os
import sqlite3
from pathlib import Path

_SQLITE_IOERR = 10
_SQLITE_FULL = 13
NEARLY_FULL_BYTES = 256 * 1024
"""Free space below which an I/O error is taken for a full disk: SQLite reports a
full disk as "disk I/O error" when it is out of room for its WAL or shared memory."""


class StoreProblem(enum.Enum):
    """What kind of trouble the history is in (the host words it for people)."""

    DISK_FULL = "disk_full"
    DAMAGED = "damaged"
    IN_USE = "in_use"
    NOT_WRITABLE = "not_writable"
    OTHER = "other"


class StoreError(Exception):
    """The history cannot be read or written.

    Attributes:
        problem: What kind of trouble.
        path: The file or folder concerned.
        detail: The underlying error, for logs.
    """

    def __init__(self, problem: StoreProblem, path: Path, detail: str) -> None:
        super().__init__(f"{problem.value}: {path}: {detail}")
        self.problem = problem
        self.path = path
        self.detail = detail


def free_bytes(path: Path) -> int | None:
    """Free space for unprivileged writes on the file system of ``path`` (or of its
    nearest existing folder); None when it cannot be told."""
    for folder in (path, *path.parents):
        try:
            stats = os.statvfs(folder)
        except (OSError, AttributeError):  # (no statvfs on Windows)
            continue
        return stats.f_bavail * stats.f_frsize
    return None


def disk_is_full(path: Path) -> bool:
    """Whether the file system holding ``path`` is (nearly) out of space."""
    free = free_bytes(path)
    return free is not None and free < NEARLY_FULL_BYTES


def _means_full_disk(error: sqlite3.Error, path: Path) -> bool:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    text = str(error).lower()
    if code == _SQLITE_FULL or "full" in text:
        return True
    return (code == _SQLITE_IOERR or "i/o error" in text) and disk_is_full(path)


def error_from_sqlite(error: sqlite3.Error, path: Path) -> StoreError:
    """The StoreError for a failed SQLite operation on ``path``."""
    text = str(error).lower()
    if _means_full_disk(error, path):
        problem = StoreProblem.DISK_FULL
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        problem = StoreProblem.DAMAGED
    elif "locked" in text or "busy" in text:
        problem = StoreProblem.IN_USE
    elif "readonly" in text or "unable to open" in text or "permission" in text:
        problem = StoreProblem.NOT_WRITABLE
    else:
        problem = StoreProblem.OTHER
    return StoreError(problem, path, str(error))


def schema_version(connection: sqlite3.Connection, path: Path, newest: int) -> int:
    """The schema version of the file at ``path`` (``PRAGMA user_version``; 0 for a new
    file), checked against ``newest``, the version this code writes.

    Raises:
        StoreError: the file was made by a newer version of Messenger.
        sqlite3.Error: it cannot be read.
    """
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version > newest:
        raise StoreError(
            StoreProblem.OTHER,
            path,
            f"it was made by a newer version of Messenger (schema {version})",
        )
    return version


def open_database(path: Path, *, synchronous: str, busy_seconds: float) -> sqlite3.Connection:
    """A connection to ``path`` (folders created) in WAL mode, autocommit by default.

    Raises:
        StoreError: the folder cannot be created, or the file cannot be opened.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        full = error.errno == errno.ENOSPC
        problem = StoreProblem.DISK_FULL if full else StoreProblem.NOT_WRITABLE
        raise StoreError(problem, path.parent, str(error)) from None
    connection: sqlite3.Connection | None = None
    try:
        connection = sqlite3.connect(path, timeout=busy_seconds, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(f"PRAGMA synchronous={synchronous}")
    except sqlite3.Error as error:
        if connection is not None:
            connection.close()
        raise error_from_sqlite(error, path) from None
    return connection
