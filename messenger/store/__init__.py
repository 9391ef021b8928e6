"""Storage (no Qt): the host's room history and room directory, the client's outbox
and cache."""

from .client_store import ClientStore, OutgoingMessage
from .history import HistoryStore, StoredMessage
from .room_directory import Membership, Room, RoomDirectory, RoomKind
from .room_errors import (
    InvalidRoomNameError,
    MembershipRefusedError,
    NoSuchRoomError,
    RoomError,
    RoomExistsError,
)
from .sqlite_file import StoreError, StoreProblem

__all__ = [
    "ClientStore",
    "HistoryStore",
    "InvalidRoomNameError",
    "Membership",
    "MembershipRefusedError",
    "NoSuchRoomError",
    "OutgoingMessage",
    "Room",
    "RoomDirectory",
    "RoomError",
    "RoomExistsError",
    "RoomKind",
    "StoreError",
    "StoreProblem",
    "StoredMessage",
]
