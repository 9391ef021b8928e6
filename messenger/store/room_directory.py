"""The session's rooms, who is in each, and how far each member has read, kept in the
host's history file (schema 3) on the ``HistoryStore``'s one connection.

Every write joins the store's group commit: it is durable once the store's next
``commit()`` returns (the host's flush at the end of the event-loop turn), it is
undone with everything else when that commit fails, and nothing of it survives a
crash before it. Reads see writes not yet committed. Use it from the store's thread.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, Protocol

from ..core.room_names import (
    GENERAL_ROOM,
    ROOM_KEY_RULE,
    direct_members,
    direct_room,
    room_key,
    room_name_problem,
)
from .room_errors import (
    InvalidRoomNameError,
    MembershipRefusedError,
    NoSuchRoomError,
    RoomExistsError,
)

_ROOM = "SELECT name, kind, topic, created_by, created_ms, member_count FROM rooms"
_GET = f"{_ROOM} WHERE name=?"
_LIST = f"{_ROOM} WHERE kind=? ORDER BY name"
_HOLDER = "SELECT name FROM rooms WHERE name_key=? LIMIT 1"
_CREATE = (
    "INSERT INTO rooms (name, name_key, kind, topic, created_by, created_ms) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_ADD = "INSERT OR IGNORE INTO room_members (room, user, since_ms) VALUES (?, ?, ?)"
_IS_MEMBER = "SELECT 1 FROM room_members WHERE room=? AND user=?"
_MEMBERS = "SELECT user FROM room_members WHERE room=? ORDER BY user"
_LAST_SEQ = "SELECT MAX(seq) FROM messages WHERE room=?"
_ROOMS_OF = (
    "SELECT m.room, (SELECT MAX(seq) FROM messages WHERE room = m.room), r.seq "
    "FROM room_members AS m "
    "LEFT JOIN read_markers AS r ON r.user = m.user AND r.room = m.room "
    "WHERE m.user=? ORDER BY m.room"
)
_SET_READ = (
    "INSERT INTO read_markers (user, room, seq) VALUES (?, ?, ?) "
    "ON CONFLICT (user, room) DO UPDATE SET seq = excluded.seq "
    "WHERE excluded.seq > read_markers.seq"
)
_READ = "SELECT seq FROM read_markers WHERE user=? AND room=?"
_START_READ = "INSERT INTO read_markers (user, room, seq) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
_KEY_RULE = "SELECT value FROM meta WHERE key='room_key_rule'"


class RoomKind(enum.StrEnum):
    """What a room is: one people created, or a direct conversation."""

    ROOM = "room"
    DIRECT = "direct"


@dataclass(frozen=True, slots=True)
class Room:
    """One room of the session.

    Attributes:
        name: Its name (``dm:<user id>:<user id>`` for a direct conversation).
        kind: A room people created (and ``general``), or a direct conversation.
        topic: What it is about ('' for none).
        created_by: The user id of its creator ('' for ``general``).
        created_ms: When it was created, in Unix milliseconds (0 for ``general``).
        member_count: How many identities are in it.
    """

    name: str
    kind: RoomKind
    topic: str
    created_by: str
    created_ms: int
    member_count: int


@dataclass(frozen=True, slots=True)
class Membership:
    """A room an identity is in, and where that identity stands in it.

    Attributes:
        room: The room's name.
        last_seq: Its last message's seq (0: no messages yet).
        read_seq: The last seq the identity has read (0: nothing yet).
    """

    room: str
    last_seq: int
    read_seq: int


class GroupCommitDatabase(Protocol):
    """What the directory needs of the store it lives in (``HistoryStore``)."""

    def query(self, sql: str, params: tuple[object, ...]) -> list[Any]:
        """The rows of one reading statement."""
        ...

    def write(self, sql: str, params: tuple[object, ...]) -> int:
        """Runs one writing statement in the pending group commit; the rows changed."""
        ...


class RoomDirectory:
    """The rooms of one history file. Get it as ``HistoryStore.rooms``.

    Every method may raise ``StoreError`` when the file cannot be read or written.
    """

    def __init__(self, database: GroupCommitDatabase) -> None:
        self._db = database
        self._topics: dict[str, str] = {}
        """Rooms' topics as read or written here (a room is never deleted); the store
        forgets them when it undoes what was not committed (``forget_cached``)."""

    def create(self, name: str, topic: str, created_by: str, now_ms: int) -> Room:
        """Creates room ``name``, with nobody in it yet (the creator joins by
        ``add_member``); durable at the store's next commit.

        Raises:
            InvalidRoomNameError: nobody may give a room that name.
            RoomExistsError: a room of that name, or of a look-alike name, exists.
            StoreError: the file cannot be read or written.
        """
        problem = room_name_problem(name)
        if problem is not None:
            raise InvalidRoomNameError(name, problem)
        self._refresh_keys()
        key = room_key(name)
        holder = self._db.query(_HOLDER, (key,))
        if holder:
            raise RoomExistsError(name, str(holder[0][0]))
        self._db.write(_CREATE, (name, key, RoomKind.ROOM.value, topic, created_by, now_ms))
        self._topics[name] = topic
        return Room(name, RoomKind.ROOM, topic, created_by, now_ms, 0)

    def open_direct(self, user_a: str, user_b: str, now_ms: int) -> Room:
        """The direct room of two identities, created (by ``user_a``) if needed, with
        both of them in it; durable at the store's next commit.

        Raises:
            ValueError: either is not a user id, or both are the same.
            StoreError: the file cannot be read or written.
        """
        name = direct_room(user_a, user_b)
        self._db.write(
            "INSERT OR IGNORE INTO rooms (name, name_key, kind, created_by, created_ms) "
            "VALUES (?, ?, ?, ?, ?)",
            (name, name, RoomKind.DIRECT.value, user_a, now_ms),
        )
        for user in (user_a, user_b):
            self._db.write(_ADD, (name, user, now_ms))
        return self._room(name)

    def get(self, name: str) -> Room | None:
        """Room ``name`` (None when there is none)."""
        rows = self._db.query(_GET, (name,))
        if not rows:
            return None
        room = _room(rows[0])
        self._topics[name] = room.topic
        return room

    def topic(self, name: str) -> str | None:
        """Room ``name``'s topic ('' for none), from memory once known (every join
        asks it); None when there is no such room."""
        topic = self._topics.get(name)
        if topic is None:
            room = self.get(name)
            return None if room is None else room.topic
        return topic

    def forget_cached(self) -> None:
        """The store undid what was not committed: what is known of rooms is read again."""
        self._topics.clear()

    def rooms(self, kind: RoomKind = RoomKind.ROOM) -> list[Room]:
        """Every room of ``kind``, by name (code point order), with its member count
        (kept up to date by the file's triggers: no membership row is read)."""
        return [_room(row) for row in self._db.query(_LIST, (kind.value,))]

    def set_topic(self, name: str, topic: str) -> Room:
        """Gives room ``name`` the topic ``topic``; durable at the store's next commit.

        Raises:
            NoSuchRoomError: there is no such room.
        """
        if not self._db.write("UPDATE rooms SET topic=? WHERE name=?", (topic, name)):
            raise NoSuchRoomError(name)
        return self._room(name)

    def add_member(self, room: str, user: str, now_ms: int) -> bool:
        """Puts identity ``user`` in ``room`` (since ``now_ms``; a member keeps the
        time they first joined); durable at the store's next commit. Every identity
        belongs in ``general``: the host adds it there at its first welcome.

        Returns:
            Whether ``user`` was not in it before.

        Raises:
            NoSuchRoomError: there is no such room.
            MembershipRefusedError: ``room`` is a direct room of two other identities.
        """
        self._room(room)
        pair = direct_members(room)
        if pair is not None and user not in pair:
            raise MembershipRefusedError(room, user)
        return self._db.write(_ADD, (room, user, now_ms)) == 1

    def join(self, room: str, user: str, now_ms: int, read_from: int) -> bool:
        """``add_member`` of a room known to exist, not a direct one: one statement
        when ``user`` is in it already, two when not; a new member's read marker
        starts at ``read_from`` unless one was kept (it was a member before and read
        less); durable at the store's next commit. Whether ``user`` was not in it.

        Raises:
            MembershipRefusedError: ``room`` is a direct room.
        """
        if direct_members(room) is not None:
            raise MembershipRefusedError(room, user)
        if self._db.write(_ADD, (room, user, now_ms)) != 1:
            return False
        if read_from > 0:  # (a marker is never 0: none is kept for nothing read)
            self._db.write(_START_READ, (user, room, read_from))
        return True

    def remove_member(self, room: str, user: str) -> bool:
        """Takes ``user`` out of ``room`` (their read marker is kept for a rejoin);
        durable at the store's next commit.

        Returns:
            Whether ``user`` was in it.

        Raises:
            NoSuchRoomError: there is no such room.
            MembershipRefusedError: ``room`` is ``general``, which everyone stays in.
        """
        self._room(room)
        if room == GENERAL_ROOM:
            raise MembershipRefusedError(room, user)
        sql = "DELETE FROM room_members WHERE room=? AND user=?"
        return self._db.write(sql, (room, user)) == 1

    def is_member(self, room: str, user: str) -> bool:
        """Whether identity ``user`` is in ``room``."""
        return bool(self._db.query(_IS_MEMBER, (room, user)))

    def members(self, room: str) -> list[str]:
        """The user ids of ``room``'s members, sorted.

        Raises:
            NoSuchRoomError: there is no such room.
        """
        self._room(room)
        return [str(row[0]) for row in self._db.query(_MEMBERS, (room,))]

    def rooms_of(self, user: str) -> list[Membership]:
        """The rooms identity ``user`` is in, by name (code point order), each with
        its last seq (found by the messages' primary key, one search per room) and
        the user's read marker."""
        rows = self._db.query(_ROOMS_OF, (user,))
        return [Membership(str(r[0]), int(r[1] or 0), int(r[2] or 0)) for r in rows]

    def set_read(self, user: str, room: str, seq: int) -> int:
        """Records that ``user`` has read ``room`` up to ``seq``: never backwards, and
        never past the room's last message (a marker ahead of it would hide messages
        still to come); durable at the store's next commit.

        Returns:
            The marker now.

        Raises:
            MembershipRefusedError: ``user`` is not in ``room`` (or there is no such room).
        """
        if not self.is_member(room, user):
            raise MembershipRefusedError(room, user)
        last = int(self._db.query(_LAST_SEQ, (room,))[0][0] or 0)
        marker = min(seq, last)
        if marker > 0:
            self._db.write(_SET_READ, (user, room, marker))
        return self.read_marker(user, room)

    def read_marker(self, user: str, room: str) -> int:
        """The last seq of ``room`` that ``user`` has read (0: none, or not a member)."""
        rows = self._db.query(_READ, (user, room))
        return int(rows[0][0]) if rows else 0

    def _room(self, name: str) -> Room:
        room = self.get(name)
        if room is None:
            raise NoSuchRoomError(name)
        return room

    def _refresh_keys(self) -> None:
        """Makes the rooms' comparison keys again if they were made by another rule
        than ``ROOM_KEY_RULE`` (a new Unicode table). Rooms whose names compare equal
        now all stay; no new room may look like them."""
        rule = self._db.query(_KEY_RULE, ())
        if rule and rule[0][0] == ROOM_KEY_RULE:
            return
        names = self._db.query("SELECT name FROM rooms WHERE kind=?", (RoomKind.ROOM.value,))
        for (name,) in names:
            self._db.write("UPDATE rooms SET name_key=? WHERE name=?", (room_key(name), name))
        self._db.write(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('room_key_rule', ?)",
            (ROOM_KEY_RULE,),
        )


_KINDS = {kind.value: kind for kind in RoomKind}
"""Each kind by its stored value (a dict look-up is several times cheaper than
``RoomKind(value)``, and a listing makes a thousand of them)."""


def _room(row: Any) -> Room:
    return Room(row[0], _KINDS[row[1]], row[2], row[3], row[4], row[5])
