"""What the room directory refuses (disk trouble is a ``StoreError``, as elsewhere)."""

from __future__ import annotations

from ..core.room_names import RoomNameProblem


class RoomError(Exception):
    """A room operation that the directory refuses; nothing was written."""


class NoSuchRoomError(RoomError):
    """The session has no room of that name.

    Attributes:
        name: The room asked for.
    """

    def __init__(self, name: str) -> None:
        super().__init__(f"no room {name!r}")
        self.name = name


class RoomExistsError(RoomError):
    """A room of that name, or of a name that looks the same, exists already.

    Attributes:
        name: The name asked for.
        holder: The existing room's name (``name`` itself, or its look-alike).
    """

    def __init__(self, name: str, holder: str) -> None:
        super().__init__(f"room {name!r} exists already (as {holder!r})")
        self.name = name
        self.holder = holder


class InvalidRoomNameError(RoomError):
    """Nobody may create a room of that name (``room_names.room_name_problem``).

    Attributes:
        name: The name asked for.
        problem: What is wrong with it.
    """

    def __init__(self, name: str, problem: RoomNameProblem) -> None:
        super().__init__(f"room name {name!r} refused: {problem.value}")
        self.name = name
        self.problem = problem


class MembershipRefusedError(RoomError):
    """That identity may not join, leave or mark read that room: a direct room is for
    its two identities only, everyone stays in ``general``, and only members have
    read markers.

    Attributes:
        room: The room.
        user: The identity's user id.
    """

    def __init__(self, room: str, user: str) -> None:
        super().__init__(f"{user} may not do that in room {room!r}")
        self.room = room
        self.user = user
