"""Joining, making and describing rooms, for the window (no widgets): the session's
room directory kept live from the host, each room's topic, and the words for what
went wrong."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..core.room_names import room_name_problem
from ..protocol import Error, Joined, RoomInfo, RoomList, RoomUpdate
from .room_directory_model import RoomDirectoryModel
from .room_texts import room_name_problem_text, room_refusal_text

if TYPE_CHECKING:
    from ..client import HostConnection


class RoomChoices(QObject):
    """The rooms the user may join, make or describe.

    Args:
        connection: The connection to the host.
        open_room: Opens (joins) a room's conversation and shows it.

    Signals:
        topic_changed(str, str): a room's topic is now this.
        problem(str): something the user should read (what happened, what to do).
    """

    topic_changed = Signal(str, str)
    problem = Signal(str)

    def __init__(
        self,
        connection: HostConnection,
        open_room: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.connection = connection
        self._open_room = open_room
        self.directory = RoomDirectoryModel(self)
        """The session's rooms (empty with a host that keeps no directory)."""
        self.topics: dict[str, str] = {}
        connection.room_list_received.connect(self._on_room_list)
        connection.room_updated.connect(self._on_room_update)
        connection.joined.connect(self._on_joined)
        connection.error_received.connect(self._on_error)

    def join(self, name: str) -> bool:
        """Joins the room called ``name`` (made if nobody uses the name yet) and shows
        it; False (and ``problem``) when it cannot be a room's name."""
        if self.directory.find(name) is None and not self._acceptable(name):
            return False
        self._open_room(name)
        return True

    def create(self, name: str, topic: str) -> bool:
        """Makes the room ``name`` with ``topic``, joins and shows it; False (and
        ``problem``) when it cannot be made."""
        if not self._acceptable(name):
            return False
        if self.directory.find(name) is not None:
            self.problem.emit(room_refusal_text("room_exists", name) or "")
            return False
        self.connection.create_room(name, topic)
        self._open_room(name)
        return True

    def set_topic(self, room: str, topic: str) -> None:
        """Changes ``room``'s topic (everyone in the session sees it)."""
        if not self.connection.set_topic(room, topic.strip()):
            self.problem.emit(
                self.tr("This session's host cannot keep topics: it runs an earlier version.")
            )

    def _acceptable(self, name: str) -> bool:
        problem = room_name_problem(name)
        if problem is not None:
            self.problem.emit(room_name_problem_text(problem, name))
        return problem is None

    def _set_topic(self, room: str, topic: str) -> None:
        if self.topics.get(room, "") != topic:
            self.topics[room] = topic
            self.topic_changed.emit(room, topic)

    def _on_room_list(self, rooms: RoomList) -> None:
        self.directory.set_rooms(rooms.rooms)
        for room in rooms.rooms:
            self._set_topic(room.room, room.topic)

    def _on_room_update(self, update: RoomUpdate) -> None:
        self.directory.update(RoomInfo(update.room, update.topic, update.members))
        self._set_topic(update.room, update.topic)

    def _on_joined(self, joined: Joined) -> None:
        self._set_topic(joined.room, joined.topic)

    def _on_error(self, error: Error) -> None:
        text = room_refusal_text(error.code, error.room or "")
        if text is not None and error.room is not None:
            self.problem.emit(text)
