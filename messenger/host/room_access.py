"""The rooms each identity belongs to, as joins, leaves and welcomes meet them: who
may join a room (a direct room: its two identities only), the room a join makes,
the membership it keeps, what a leave takes away, and the rooms a welcome lists.

Only members with an identity (a user id) have rooms in the directory: on a
plaintext benchmark host, joins are what they were before the directory (any
name, nothing kept).
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable

from ..core.room_names import DIRECT_PREFIX, GENERAL_ROOM, direct_members, room_name_problem
from ..protocol import Error, RoomState, RoomUpdate, Welcome, encode_event
from ..protocol.errors import LocalProtocolError
from ..protocol.events import BAD_ROOM_NAME, FORBIDDEN, ROOM_EXISTS
from ..store import HistoryStore, StoreError
from ..store.room_errors import RoomError, RoomExistsError
from .member_connection import MemberConnection
from .room_catalog import RoomCatalog

log = logging.getLogger(__name__)

FORBIDDEN_TEXT = "this direct conversation is between two other people"


class RoomAccess:
    """Keeps each identity's rooms in the directory as it joins and leaves them.

    Args:
        store: The history, whose ``rooms`` is the directory.
        catalog: Told of each change (it commits them and tells the subscribers).
        connection_of: The connection an identity is let in on (None: offline).
    """

    def __init__(
        self,
        store: HistoryStore,
        catalog: RoomCatalog,
        connection_of: Callable[[str], MemberConnection | None] = lambda _user: None,
    ) -> None:
        self._store = store
        self._catalog = catalog
        self._connection_of = connection_of

    def welcome_rooms(self, user: str) -> tuple[RoomState, ...]:
        """The rooms identity ``user`` is in, with their last seq and its read
        marker; it is put in ``general`` first if it is not yet (its first welcome).
        Empty when the directory cannot be read."""
        directory = self._store.rooms
        try:
            states = directory.rooms_of(user)
            if all(state.room != GENERAL_ROOM for state in states):
                self._add_member(GENERAL_ROOM, user)
                states = directory.rooms_of(user)
        except (StoreError, RoomError) as error:
            log.warning("cannot read the rooms of %s: %s", user, error)
            return ()
        return tuple(RoomState(s.room, s.last_seq, s.read_seq) for s in states)

    def admit(self, member: MemberConnection, room: str, ref: str | None = None) -> bool:
        """Whether ``member`` may join ``room`` (a join of ``ref``: its refusal says
        it); its identity is made a member (and
        the room made, if the directory has none of that name). False when refused
        (``member`` was answered): ``forbidden`` for a direct room of two others,
        ``bad_room_name`` or ``room_exists`` for a name no room may have. A
        directory that cannot be written lets the join go on, kept nowhere."""
        user = member.user_id
        if not user or room == GENERAL_ROOM:  # (in general since its welcome)
            return True
        try:
            pair = direct_members(room)
            if pair is None:
                return self._admit_to_room(member, room, ref)
            if user not in pair:
                error = Error(code=FORBIDDEN, message=FORBIDDEN_TEXT, room=room, ref=ref)
                member.refuse(error)
                return False
            self._open_direct(room, user, pair)
        except StoreError as error:
            log.warning("cannot keep %s in room %r: %s", member.name, room, error)
        return True

    def topic(self, room: str) -> str:
        """``room``'s topic ('' for none, or when the directory cannot be read)."""
        try:
            found = self._store.rooms.topic(room)
        except StoreError:
            return ""
        return found or ""

    def left(self, member: MemberConnection, room: str) -> None:
        """``member`` left ``room``: its identity is no longer a member (of any
        room but ``general``, which everyone stays in)."""
        user = member.user_id
        if not user or room == GENERAL_ROOM:
            return
        directory = self._store.rooms
        try:
            if directory.is_member(room, user):
                directory.remove_member(room, user)
                self._catalog.changed(room)
        except (StoreError, RoomError) as error:
            log.warning("cannot take %s out of room %r: %s", member.name, room, error)

    def said(self, member: MemberConnection, room: str) -> None:
        """``member`` posts to ``room``: a direct room's other identity, if it left,
        is a member again (it finds the conversation in its next welcome); if it is
        connected but not in the room, it is told of it now (a ``room_update``), so
        it can join."""
        if not room.startswith(DIRECT_PREFIX) or not member.user_id:
            return
        pair = direct_members(room)
        if pair is None or member.user_id not in pair:
            return
        try:
            self._open_direct(room, member.user_id, pair)
        except StoreError as error:
            log.warning("cannot keep direct room %r: %s", room, error)
        other = pair[1] if pair[0] == member.user_id else pair[0]
        connection = self._connection_of(other)
        if connection is not None and room not in connection.rooms:
            connection.send(RoomUpdate(room=room, topic=self.topic(room), members=len(pair)))

    def _admit_to_room(self, member: MemberConnection, room: str, ref: str | None) -> bool:
        directory = self._store.rooms
        user = member.user_id
        if directory.topic(room) is None:  # (no such room)
            problem = room_name_problem(room)
            if problem is not None:
                text = f"nobody may call a room that ({problem.value})"
                member.refuse(Error(code=BAD_ROOM_NAME, message=text, room=room, ref=ref))
                return False
            try:
                directory.create(room, "", user, _now_ms())
            except RoomExistsError as error:
                text = f"there is a room called {error.holder!r} already: join it"
                member.send(Error(code=ROOM_EXISTS, message=text, room=room, ref=ref))
                return False
        self._add_member(room, user)
        return True

    def _add_member(self, room: str, user: str) -> None:
        """``user`` is a member of ``room`` from now on (if it was not); what was
        posted before is not unread to it (its read marker starts at the room's last
        seq, unless it was a member before and has read less)."""
        if self._store.rooms.join(room, user, _now_ms(), self._store.last_seq(room)):
            self._catalog.changed(room)

    def _open_direct(self, room: str, user: str, pair: tuple[str, str]) -> None:
        """Both identities of direct room ``room`` are in it (made if needed)."""
        directory = self._store.rooms
        if all(directory.is_member(room, each) for each in pair):
            return
        other = pair[1] if pair[0] == user else pair[0]
        directory.open_direct(user, other, _now_ms())
        self._catalog.changed(room)


def fitting(welcome: Welcome) -> Welcome:
    """``welcome`` with as many of its rooms as fit one frame (``general`` first,
    then by name); the others are left out (logged)."""
    if _fits(welcome):
        return welcome
    ordered = sorted(welcome.rooms, key=lambda state: state.room != GENERAL_ROOM)
    low, high = 0, len(ordered)  # (low fits, high does not)
    while high - low > 1:
        middle = (low + high) // 2
        if _fits(_with_rooms(welcome, ordered[:middle])):
            low = middle
        else:
            high = middle
    log.warning("%s's welcome lists %d of its %d rooms", welcome.you, low, len(ordered))
    return _with_rooms(welcome, sorted(ordered[:low], key=lambda state: state.room))


def _with_rooms(welcome: Welcome, rooms: list[RoomState]) -> Welcome:
    return dataclasses.replace(welcome, rooms=tuple(rooms))


def _fits(welcome: Welcome) -> bool:
    try:
        encode_event(welcome)
    except LocalProtocolError:
        return False
    return True


def _now_ms() -> int:
    return time.time_ns() // 1_000_000
