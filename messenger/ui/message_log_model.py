"""The room's messages as a Qt list model: confirmed messages in seq order, then the
user's own messages still waiting for the host ("sending…")."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QDateTime,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from .log_entry import EntryStatus, LogEntry

_Index = QModelIndex | QPersistentModelIndex


class MessageLogModel(QAbstractListModel):
    """Rows are the confirmed messages (sorted by seq, each key once), then the pending
    ones (no seq yet, in the order typed).

    ``add_entries`` queues; the queue is applied on the next turn of the event loop,
    with one ``rowsInserted`` per block of new rows. A pending entry that becomes
    confirmed moves into the seq order. Older messages are loaded on demand through
    ``canFetchMore``/``fetchMore`` (the view calls it at the top of the log).

    Signals:
        older_requested(int): ``fetchMore`` wants messages with seq below this one;
            answer with ``add_older`` (an empty list means there are none).
    """

    older_requested = Signal(int)

    class Role(IntEnum):
        """Data roles beyond Qt's own."""

        Sender = Qt.ItemDataRole.UserRole + 1
        Text = Qt.ItemDataRole.UserRole + 2
        Timestamp = Qt.ItemDataRole.UserRole + 3
        Own = Qt.ItemDataRole.UserRole + 4
        Seq = Qt.ItemDataRole.UserRole + 5
        Status = Qt.ItemDataRole.UserRole + 6
        Key = Qt.ItemDataRole.UserRole + 7
        Entry = Qt.ItemDataRole.UserRole + 8

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._confirmed: list[LogEntry] = []
        self._seqs: list[int] = []
        self._pending: list[LogEntry] = []
        self._confirmed_keys: set[str] = set()
        self._queue: dict[str, LogEntry] = {}
        self._fetching = False
        self._older_exhausted = False
        self.older_wanted = False
        """Set by the view while the top of the log is in sight. Views fetch more when
        their *last* row shows; for a chat log, older rows belong at the top."""
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self.flush)

    # -- Qt model API ----------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._confirmed) + len(self._pending)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        entry = self.entry(index.row())
        if role in (Qt.ItemDataRole.DisplayRole, self.Role.Text):
            return entry.text
        if role == Qt.ItemDataRole.ToolTipRole:
            moment = QDateTime.fromMSecsSinceEpoch(entry.ts)
            return moment.toString(Qt.DateFormat.TextDate)
        values = {
            self.Role.Sender: entry.sender,
            self.Role.Timestamp: entry.ts,
            self.Role.Own: entry.own,
            self.Role.Seq: entry.seq,
            self.Role.Status: entry.status.value,
            self.Role.Key: entry.key,
            self.Role.Entry: entry,
        }
        return values.get(role)  # type: ignore[call-overload]

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        for role in self.Role:
            names[role.value] = QByteArray(role.name.lower().encode())
        return names

    def canFetchMore(self, parent: _Index) -> bool:
        if parent.isValid() or self._fetching or self._older_exhausted or not self.older_wanted:
            return False
        return bool(self._seqs) and self._seqs[0] > 1

    def fetchMore(self, parent: _Index) -> None:
        if self.canFetchMore(parent):
            self._fetching = True
            self.older_requested.emit(self._seqs[0])

    # -- ours ------------------------------------------------------------------

    def entry(self, row: int) -> LogEntry:
        """The entry at ``row``."""
        confirmed = len(self._confirmed)
        return self._confirmed[row] if row < confirmed else self._pending[row - confirmed]

    def row_of(self, key: str) -> int | None:
        """The row of message ``key``, if shown."""
        for row, entry in enumerate(self._pending):
            if entry.key == key:
                return len(self._confirmed) + row
        if key in self._confirmed_keys:
            return next(r for r, e in enumerate(self._confirmed) if e.key == key)
        return None

    def add_entries(self, entries: Iterable[LogEntry]) -> None:
        """Queues ``entries``; they appear on the next turn of the event loop."""
        for entry in entries:
            self._queue[entry.key] = entry
        if self._queue and not self._flush_timer.isActive():
            self._flush_timer.start()

    def add_older(self, entries: Iterable[LogEntry]) -> None:
        """Answers ``older_requested``: older confirmed entries, put at the top."""
        self.flush()
        self._fetching = False
        self.older_wanted = False
        older = [e for e in entries if e.seq is not None and e.key not in self._confirmed_keys]
        if not older:
            self._older_exhausted = True
            return
        self._insert_confirmed(older)

    def flush(self) -> None:
        """Applies the queue now."""
        self._flush_timer.stop()
        queue, self._queue = self._queue, {}
        new_pending: list[LogEntry] = []
        new_confirmed: list[LogEntry] = []
        for entry in queue.values():
            if entry.key in self._confirmed_keys:
                continue  # already shown with its seq: never twice
            pending_row = self._pending_row(entry.key)
            if entry.seq is None:
                if pending_row is None:
                    new_pending.append(entry)
                else:
                    self._replace_pending(pending_row, entry)
            else:
                if pending_row is not None:
                    self._remove_pending(pending_row)
                new_confirmed.append(entry)
        self._insert_confirmed(new_confirmed)
        if new_pending:
            first = self.rowCount()
            self.beginInsertRows(QModelIndex(), first, first + len(new_pending) - 1)
            self._pending.extend(new_pending)
            self.endInsertRows()

    def mark_sent(self, key: str, seq: int) -> None:
        """The host stored the pending message ``key`` as ``seq``."""
        self.flush()
        row = self._pending_row(key)
        if row is not None:
            old = self._pending[row]
            self.add_entries(
                [LogEntry(old.key, old.sender, old.ts, old.text, old.own, seq, EntryStatus.SENT)]
            )
            self.flush()

    def clear(self) -> None:
        """Removes every message (and drops the queue)."""
        self._flush_timer.stop()
        self._queue.clear()
        self.beginResetModel()
        self._confirmed.clear()
        self._seqs.clear()
        self._pending.clear()
        self._confirmed_keys.clear()
        self._fetching = False
        self._older_exhausted = False
        self.endResetModel()

    # -- internals -------------------------------------------------------------

    def _pending_row(self, key: str) -> int | None:
        for row, entry in enumerate(self._pending):
            if entry.key == key:
                return row
        return None

    def _replace_pending(self, row: int, entry: LogEntry) -> None:
        self._pending[row] = entry
        index = self.index(len(self._confirmed) + row, 0)
        self.dataChanged.emit(index, index)

    def _remove_pending(self, row: int) -> None:
        model_row = len(self._confirmed) + row
        self.beginRemoveRows(QModelIndex(), model_row, model_row)
        del self._pending[row]
        self.endRemoveRows()

    def _insert_confirmed(self, entries: list[LogEntry]) -> None:
        fresh: dict[int, LogEntry] = {}
        for entry in entries:
            seq = entry.seq
            if seq is None or seq in fresh or entry.key in self._confirmed_keys:
                continue
            at = bisect.bisect_left(self._seqs, seq)
            if at < len(self._seqs) and self._seqs[at] == seq:
                continue  # that seq is shown already
            fresh[seq] = entry
        ordered = sorted(fresh)
        while ordered:
            position = bisect.bisect_left(self._seqs, ordered[0])
            limit = self._seqs[position] if position < len(self._seqs) else None
            run = 1  # the longest run of new seqs that goes in at this position
            while run < len(ordered) and (limit is None or ordered[run] < limit):
                run += 1
            block, ordered = ordered[:run], ordered[run:]
            self.beginInsertRows(QModelIndex(), position, position + run - 1)
            self._confirmed[position:position] = [fresh[seq] for seq in block]
            self._seqs[position:position] = block
            self._confirmed_keys.update(fresh[seq].key for seq in block)
            self.endInsertRows()
