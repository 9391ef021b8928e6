"""The session's rooms as the host lists them (``room_list``, then ``room_update``s),
as a list model for the room browser: name, topic, member count; by name."""

from __future__ import annotations

import bisect
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

if TYPE_CHECKING:
    from ..protocol import RoomInfo

_Index = QModelIndex | QPersistentModelIndex


def _order(room: RoomInfo) -> tuple[str, str]:
    return room.room.casefold(), room.room


class RoomDirectoryModel(QAbstractListModel):
    """Every room of the session but direct conversations, kept live."""

    class Role(IntEnum):
        """A row's data beyond its line of text (DisplayRole)."""

        Room = Qt.ItemDataRole.UserRole + 1
        Topic = Qt.ItemDataRole.UserRole + 2
        Members = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rooms: list[RoomInfo] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rooms)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rooms):
            return None
        room = self._rooms[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            members = self.tr("%n member(s)", "", room.members)
            topic = f" — {room.topic}" if room.topic else ""
            return f"# {room.room}{topic} · {members}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return room.topic or None
        if role == self.Role.Room:
            return room.room
        if role == self.Role.Topic:
            return room.topic
        if role == self.Role.Members:
            return room.members
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        for role in self.Role:
            names[int(role)] = QByteArray(role.name.lower().encode())
        return names

    def room(self, row: int) -> RoomInfo:
        """The room at ``row``."""
        return self._rooms[row]

    def find(self, name: str) -> RoomInfo | None:
        """The room called ``name`` (None: not listed)."""
        row = self._row_of(name)
        return None if row is None else self._rooms[row]

    def set_rooms(self, rooms: tuple[RoomInfo, ...]) -> None:
        """The host's whole list (``room_list``)."""
        self.beginResetModel()
        self._rooms = sorted(rooms, key=_order)
        self.endResetModel()

    def update(self, room: RoomInfo) -> None:
        """A room made, or its topic or member count changed (``room_update``)."""
        row = self._row_of(room.room)
        if row is not None:
            self._rooms[row] = room
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)
            return
        row = bisect.bisect([_order(r) for r in self._rooms], _order(room))
        self.beginInsertRows(QModelIndex(), row, row)
        self._rooms.insert(row, room)
        self.endInsertRows()

    def _row_of(self, name: str) -> int | None:
        row = bisect.bisect_left([_order(r) for r in self._rooms], (name.casefold(), name))
        if row < len(self._rooms) and self._rooms[row].room == name:
            return row
        return None
