"""A SQLite connection whose next COMMIT fails as on a full disk, for the stores'
tests of what a failed commit undoes."""

from __future__ import annotations

import sqlite3
from typing import Any


class FailingCommit:
    """Wraps ``db``: its next COMMIT raises "database or disk is full" (a WAL write
    refused), everything else goes through."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.failures = 1

    def execute(self, sql: str, *args: Any) -> Any:
        if sql == "COMMIT" and self.failures:
            self.failures -= 1
            raise sqlite3.OperationalError("database or disk is full")
        return self.db.execute(sql, *args)

    @property
    def in_transaction(self) -> bool:
        return self.db.in_transaction

    def close(self) -> None:
        self.db.close()
