"""The room browser: every room of the session, filtered as the user types, to join;
and a new room made with a topic."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.folding import folded
from ..core.room_names import MAX_ROOM_NAME_CHARS
from ..protocol.limits import MAX_TOPIC_CHARS
from .room_directory_model import RoomDirectoryModel
from .standard_buttons import translate_buttons


class _RoomFilter(QSortFilterProxyModel):
    """Keeps the rooms whose name or topic holds what the user typed, without regard
    to case or accents."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._wanted = ""

    def set_wanted(self, text: str) -> None:
        self.beginFilterChange()
        self._wanted = folded(text.strip())
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # type: ignore[override]
        if not self._wanted:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        room = index.data(RoomDirectoryModel.Role.Room) or ""
        topic = index.data(RoomDirectoryModel.Role.Topic) or ""
        return self._wanted in folded(f"{room} {topic}")


class RoomBrowserDialog(QDialog):
    """Lists ``rooms`` (live); the user joins one, or makes one.

    Signals:
        join_requested(str): the user chose to join this room.
        create_requested(str, str): the user asked for a new room (name, topic).
    """

    join_requested = Signal(str)
    create_requested = Signal(str, str)

    def __init__(self, rooms: RoomDirectoryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roomBrowser")
        self.setWindowTitle(self.tr("Rooms"))
        self.resize(460, 420)
        layout = QVBoxLayout(self)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("roomFilter")
        self.filter.setPlaceholderText(self.tr("Find a room…"))
        self.filter.setClearButtonEnabled(True)
        layout.addWidget(self.filter)
        self._shown = _RoomFilter(self)
        self._shown.setSourceModel(rooms)
        self.filter.textChanged.connect(self._shown.set_wanted)
        self.list = QListView(self)
        self.list.setObjectName("roomDirectory")
        self.list.setModel(self._shown)
        self.list.activated.connect(self._join)
        layout.addWidget(self.list, 1)
        self.empty_label = QLabel(self.tr("This session's host lists no rooms."), self)
        self.empty_label.setVisible(rooms.rowCount() == 0)
        rooms.modelReset.connect(lambda: self.empty_label.setVisible(rooms.rowCount() == 0))
        rooms.rowsInserted.connect(lambda *_: self.empty_label.hide())
        layout.addWidget(self.empty_label)
        self.join_button = QPushButton(self.tr("Join"), self)
        self.join_button.setObjectName("joinRoomButton")
        self.join_button.clicked.connect(lambda: self._join(self.list.currentIndex()))
        layout.addWidget(self.join_button)
        layout.addWidget(self._new_room_box())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        translate_buttons(buttons)
        layout.addWidget(buttons)

    def _new_room_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("New room"), self)
        form = QFormLayout(box)
        self.name_edit = QLineEdit(box)
        self.name_edit.setObjectName("newRoomName")
        self.name_edit.setMaxLength(MAX_ROOM_NAME_CHARS)
        form.addRow(self.tr("Name:"), self.name_edit)
        self.topic_edit = QLineEdit(box)
        self.topic_edit.setObjectName("newRoomTopic")
        self.topic_edit.setMaxLength(MAX_TOPIC_CHARS)
        self.topic_edit.setPlaceholderText(self.tr("What the room is for (optional)"))
        form.addRow(self.tr("Topic:"), self.topic_edit)
        self.create_button = QPushButton(self.tr("Create and join"), box)
        self.create_button.setObjectName("createRoomButton")
        self.create_button.clicked.connect(self._create)
        form.addRow(self.create_button)
        return box

    def _join(self, index: QModelIndex) -> None:
        room = index.data(RoomDirectoryModel.Role.Room) if index.isValid() else None
        if isinstance(room, str):
            self.join_requested.emit(room)
            self.accept()

    def _create(self) -> None:
        name = " ".join(self.name_edit.text().split())
        if name:
            self.create_requested.emit(name, self.topic_edit.text().strip())
            self.accept()
