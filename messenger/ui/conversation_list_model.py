"""The conversations of the sidebar, as a list model: rooms first (``general`` at the
top), then people; each with its unread count and whether a message mentions the
user."""

from __future__ import annotations

import bisect
import dataclasses
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from ..protocol.limits import DEFAULT_ROOM

_Index = QModelIndex | QPersistentModelIndex


@dataclasses.dataclass(frozen=True, slots=True)
class ConversationRow:
    """One conversation of the list."""

    room: str
    title: str
    direct: bool = False
    unread: int = 0
    mentioned: bool = False

    def order(self) -> tuple[bool, bool, str, str]:
        """Where it goes: rooms before people, ``general`` first, then by title."""
        return (self.direct, self.room != DEFAULT_ROOM, self.title.casefold(), self.room)


class ConversationListModel(QAbstractListModel):
    """The open conversations, in sidebar order."""

    class Role(IntEnum):
        """The data of a row beyond its title (DisplayRole)."""

        Room = Qt.ItemDataRole.UserRole + 1
        Unread = Qt.ItemDataRole.UserRole + 2
        Mentioned = Qt.ItemDataRole.UserRole + 3
        Direct = Qt.ItemDataRole.UserRole + 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fonts = (QFont(), QFont())  # (read, unread: bold)
        self._fonts[1].setBold(True)
        self._rows: list[ConversationRow] = []
        self._row_of: dict[str, int] = {}  # room -> its row
        self._unread = 0  # the sum of the rows' unread counts
        self._for_user = 0  # rows with an unread message for the user in particular

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # (a painted row asks for ~9 roles: each answer a look-up, nothing built)
        number = index.row()
        if not 0 <= number < len(self._rows) or not index.isValid():
            return None
        row = self._rows[number]
        if role == _DISPLAY:
            return row.title if row.direct else f"# {row.title}"
        if role == _FONT:
            return self._fonts[row.unread > 0]
        field = _ROLE_FIELDS.get(role)
        return None if field is None else getattr(row, field)

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        for role in self.Role:
            names[int(role)] = QByteArray(role.name.lower().encode())
        return names

    def row_of(self, room: str) -> int | None:
        """The row of ``room`` (None when it is not listed)."""
        return self._row_of.get(room)

    def conversation(self, row: int) -> ConversationRow:
        """The conversation at ``row``."""
        return self._rows[row]

    def rooms(self) -> list[str]:
        """The rooms listed, in order."""
        return [row.room for row in self._rows]

    def add(self, room: str, title: str, *, direct: bool = False) -> None:
        """Lists a conversation (again: its title changes, its counts stay)."""
        number = self.row_of(room)
        if number is not None:
            old = self._rows[number]
            self._remove_row(number)
            row = dataclasses.replace(old, title=title, direct=direct)
        else:
            row = ConversationRow(room, title, direct)
        self._insert(row)

    def remove(self, room: str) -> None:
        """The conversation is no longer listed."""
        number = self.row_of(room)
        if number is not None:
            self._remove_row(number)

    def set_unread(self, room: str, unread: int, mentioned: bool) -> None:
        """``room`` has ``unread`` messages, one of them mentioning the user or not."""
        number = self.row_of(room)
        if number is None:
            return
        old = self._rows[number]
        if (old.unread, old.mentioned) == (unread, mentioned):
            return
        new = dataclasses.replace(old, unread=unread, mentioned=mentioned)
        self._count(old, -1)
        self._count(new, +1)
        self._rows[number] = new
        index = self.index(number, 0)
        self.dataChanged.emit(index, index)

    def total_unread(self) -> int:
        """Unread messages over all conversations (kept up to date: no row is read)."""
        return self._unread

    def wants_the_user(self) -> bool:
        """Whether an unread message is for the user in particular: one mentioning
        them, or one of a direct conversation."""
        return self._for_user > 0

    def _count(self, row: ConversationRow, sign: int) -> None:
        """Adds ``row`` to the totals (``sign`` 1), or takes it out (-1)."""
        self._unread += sign * row.unread
        self._for_user += sign * bool(row.mentioned or (row.direct and row.unread))

    def _index_rows(self, first: int) -> None:
        for number in range(first, len(self._rows)):
            self._row_of[self._rows[number].room] = number

    def _insert(self, row: ConversationRow) -> None:
        number = bisect.bisect(self._rows, row.order(), key=ConversationRow.order)
        self.beginInsertRows(QModelIndex(), number, number)
        self._rows.insert(number, row)
        self._index_rows(number)
        self._count(row, +1)
        self.endInsertRows()

    def _remove_row(self, number: int) -> None:
        self.beginRemoveRows(QModelIndex(), number, number)
        row = self._rows.pop(number)
        del self._row_of[row.room]
        self._index_rows(number)
        self._count(row, -1)
        self.endRemoveRows()


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ROLE_FIELDS = {
    int(ConversationListModel.Role.Room): "room",
    int(ConversationListModel.Role.Unread): "unread",
    int(ConversationListModel.Role.Mentioned): "mentioned",
    int(ConversationListModel.Role.Direct): "direct",
}
"""The ConversationRow field of each of the model's own roles."""
