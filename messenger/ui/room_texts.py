"""The words for what can be wrong with a room name or a room request."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.room_names import MAX_ROOM_NAME_CHARS, RoomNameProblem


def room_name_problem_text(problem: RoomNameProblem, name: str) -> str:
    """Why ``name`` cannot be a room's name, and what to do, for people."""
    shown = name if len(name) <= MAX_ROOM_NAME_CHARS else name[:MAX_ROOM_NAME_CHARS] + "…"
    if problem is RoomNameProblem.EMPTY:
        return QCoreApplication.translate("RoomTexts", "Type a name for the room.")
    if problem is RoomNameProblem.TOO_LONG:
        return QCoreApplication.translate(
            "RoomTexts", "“{name}” is too long for a room's name: at most {limit} characters."
        ).format(name=shown, limit=MAX_ROOM_NAME_CHARS)
    if problem is RoomNameProblem.HIDDEN_CHARACTERS:
        return QCoreApplication.translate(
            "RoomTexts", "A room's name cannot hold invisible or control characters."
        )
    if problem is RoomNameProblem.SPACING:
        return QCoreApplication.translate(
            "RoomTexts", "A room's name has single spaces between words, none at its ends."
        )
    return QCoreApplication.translate(
        "RoomTexts", "Room names beginning with “dm:” are kept for direct messages: choose another."
    )


def room_refusal_text(code: str, room: str) -> str | None:
    """The words for an error the host sent about ``room`` (None: not a room error)."""
    if code == "room_exists":
        return QCoreApplication.translate(
            "RoomTexts", "A room called “{room}” exists already: join it instead."
        ).format(room=room)
    if code == "forbidden":
        return QCoreApplication.translate(
            "RoomTexts", "“{room}” is a conversation of two other people: you cannot read it."
        ).format(room=room)
    if code == "bad_room_name":
        return QCoreApplication.translate(
            "RoomTexts", "The host does not take “{room}” as a room's name."
        ).format(room=room)
    return None
