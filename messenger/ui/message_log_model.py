"""The room's messages as a Qt list model, appended in batches."""

from __future__ import annotations

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
)

from .log_entry import EntryStatus, LogEntry

_Index = QModelIndex | QPersistentModelIndex


class MessageLogModel(QAbstractListModel):
    """Messages in the order the host gave them; one row per message key.

    ``add_entries`` queues; the queue is flushed on the next turn of the event loop
    with one ``rowsInserted`` for the whole batch. An entry whose key is already
    present replaces that row in place (a "sending…" message becomes sent).

    Signals:
        rowsInserted, dataChanged, modelReset: as for every QAbstractItemModel.
    """

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
        self._entries: list[LogEntry] = []
        self._rows: dict[str, int] = {}
        self._queue: dict[str, LogEntry] = {}
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self.flush)

    # -- Qt model API ----------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, self.Role.Text):
            return entry.text
        if role == Qt.ItemDataRole.ToolTipRole:
            moment = QDateTime.fromMSecsSinceEpoch(entry.ts)
            return moment.toString(Qt.DateFormat.TextDate)
        if role == self.Role.Sender:
            return entry.sender
        if role == self.Role.Timestamp:
            return entry.ts
        if role == self.Role.Own:
            return entry.own
        if role == self.Role.Seq:
            return entry.seq
        if role == self.Role.Status:
            return entry.status.value
        if role == self.Role.Key:
            return entry.key
        if role == self.Role.Entry:
            return entry
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        for role in self.Role:
            names[role.value] = QByteArray(role.name.lower().encode())
        return names

    # -- ours ------------------------------------------------------------------

    def add_entries(self, entries: Iterable[LogEntry]) -> None:
        """Queues ``entries``; they appear on the next turn of the event loop."""
        for entry in entries:
            self._queue[entry.key] = entry
        if self._queue and not self._flush_timer.isActive():
            self._flush_timer.start()

    def flush(self) -> None:
        """Applies the queue now: replacements in place, new rows in one insert."""
        self._flush_timer.stop()
        queue, self._queue = self._queue, {}
        new: list[LogEntry] = []
        for entry in queue.values():
            row = self._rows.get(entry.key)
            if row is None:
                new.append(entry)
            else:
                self._replace(row, entry)
        if not new:
            return
        first = len(self._entries)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        for offset, entry in enumerate(new):
            self._rows[entry.key] = first + offset
        self._entries.extend(new)
        self.endInsertRows()

    def mark_sent(self, key: str, seq: int) -> None:
        """Marks the message ``key`` as stored by the host as ``seq``."""
        self.flush()
        row = self._rows.get(key)
        if row is not None:
            old = self._entries[row]
            self._replace(
                row,
                LogEntry(old.key, old.sender, old.ts, old.text, old.own, seq, EntryStatus.SENT),
            )

    def clear(self) -> None:
        """Removes every message (and drops the queue)."""
        self._flush_timer.stop()
        self._queue.clear()
        self.beginResetModel()
        self._entries.clear()
        self._rows.clear()
        self.endResetModel()

    def row_of(self, key: str) -> int | None:
        """The row of message ``key``, if shown."""
        return self._rows.get(key)

    def entry(self, row: int) -> LogEntry:
        """The entry at ``row``."""
        return self._entries[row]

    def _replace(self, row: int, entry: LogEntry) -> None:
        self._entries[row] = entry
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)
