"""The session's room directory as members see it: the room list and its live
updates (``rooms``, ``room_update``), rooms made (``create_room``), topics
(``set_topic``) and read markers (``read``); every change to the directory is
committed and told together, at most once per room per ROOM_UPDATE_MS."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from ..core.room_names import is_direct
from ..protocol import (
    CreateRoom,
    Error,
    Read,
    RoomInfo,
    RoomList,
    Rooms,
    RoomUpdate,
    SetTopic,
    encode_event,
)
from ..protocol.codec import ref_bytes
from ..protocol.events import BAD_ROOM_NAME, ROOM_EXISTS, STORAGE_ERROR
from ..protocol.limits import MAX_FRAME_BYTES
from ..store import HistoryStore, StoreError
from ..store.room_directory import Room
from ..store.room_errors import InvalidRoomNameError, RoomExistsError
from .member_connection import MemberConnection
from .request_limits import RequestLimiter
from .rooms import Rooms as RoomMembers
from .store_errors import describe_store_error

log = logging.getLogger(__name__)

ROOM_UPDATE_MS = 50
"""Changes to the directory are committed and told this long after the first of
them: 2,000 members joining a room at once cost each subscriber a few
``room_update`` frames, not 2,000."""
NOT_A_MEMBER = "join {room!r} before changing its topic"


def room_info(room: Room) -> RoomInfo:
    """What ``room_list`` says of ``room``."""
    return RoomInfo(room=room.name, topic=room.topic, members=room.member_count)


class RoomCatalog(QObject):
    """Answers ``rooms``, ``create_room``, ``set_topic`` and ``read``, and tells the
    connections that asked ``rooms`` (and a room's members, of its topic) what
    changed, coalesced.

    Args:
        store: The history, whose ``rooms`` is the directory.
        rooms: Who is connected in each room (told of its topic).
        flush_messages: Commits and relays the messages waiting (before the
            directory's own commit: a message is committed before it is relayed).
        limiter: Counts ``rooms``, ``create_room`` and ``set_topic`` as joins.
    """

    def __init__(
        self,
        store: HistoryStore,
        rooms: RoomMembers,
        flush_messages: Callable[[], None],
        limiter: RequestLimiter,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._rooms = rooms
        self._flush_messages = flush_messages
        self._limiter = limiter
        self._subscribers: dict[MemberConnection, None] = {}
        self._changed: dict[str, bool] = {}  # room -> its topic changed (members told)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ROOM_UPDATE_MS)
        self._timer.timeout.connect(self.flush)

    def changed(self, room: str, *, topic: bool = False) -> None:
        """``room`` was made, or its member count (or, with ``topic``, its topic)
        changed: committed and told at the next flush."""
        self._changed[room] = self._changed.get(room, False) or topic
        self.written()

    def written(self) -> None:
        """The directory was written to: committed at the next flush."""
        if not self._timer.isActive():
            self._timer.start()

    def list_rooms(self, member: MemberConnection, request: Rooms) -> None:
        """``room_list`` (what fits one frame; ``room_update`` for the rest) and, from
        now on, ``room_update`` for every change."""
        refusal = self._limiter.join_refusal(member, request.ref)
        if refusal is not None:
            member.refuse(refusal)
            return
        try:
            listed = [room_info(room) for room in self._store.rooms.rooms()]
        except StoreError as error:
            self._storage_error(member, error, None, request.ref)
            return
        self._subscribers[member] = None
        member.send_bytes(_room_list_frames(listed, request.ref))

    def create(self, member: MemberConnection, request: CreateRoom) -> None:
        """Makes the room (nobody in it: the creator joins next) and tells the
        subscribers; ``bad_room_name`` or ``room_exists`` otherwise."""
        refusal = self._limiter.join_refusal(member, request.ref)
        if refusal is not None:
            member.refuse(refusal)
            return
        try:
            self._store.rooms.create(request.room, request.topic, member.user_id, _now_ms())
        except InvalidRoomNameError as error:
            text = f"nobody may call a room that ({error.problem.value})"
            member.refuse(Error(BAD_ROOM_NAME, text, room=request.room, ref=request.ref))
            return
        except RoomExistsError as error:
            text = f"there is a room called {error.holder!r} already: join it"
            member.send(Error(code=ROOM_EXISTS, message=text, room=request.room, ref=request.ref))
            return
        except StoreError as error:
            self._storage_error(member, error, request.room, request.ref)
            return
        self.changed(request.room)

    def set_topic(self, member: MemberConnection, request: SetTopic) -> None:
        """Gives a room of ``member``'s identity its topic; the subscribers and the
        room's members are told. ``not_in_room`` for anyone else."""
        refusal = self._limiter.join_refusal(member, request.ref)
        if refusal is not None:
            member.refuse(refusal)
            return
        directory = self._store.rooms
        try:
            if not directory.is_member(request.room, member.user_id):
                text = NOT_A_MEMBER.format(room=request.room)
                error = Error(code="not_in_room", message=text, room=request.room, ref=request.ref)
                member.send(error)
                return
            directory.set_topic(request.room, request.topic)
        except StoreError as failure:
            self._storage_error(member, failure, request.room, request.ref)
            return
        self.changed(request.room, topic=True)

    def read(self, member: MemberConnection, request: Read) -> None:
        """Keeps how far ``member``'s identity has read a room of its (never
        backwards); ignored for a room it is not in."""
        directory = self._store.rooms
        try:
            if directory.is_member(request.room, member.user_id):
                directory.set_read(member.user_id, request.room, request.seq)
                self.written()
        except StoreError as error:
            log.warning("cannot keep %s's read marker: %s", member.name, error)

    def forget(self, member: MemberConnection) -> None:
        """``member``'s connection is gone: it is told nothing more."""
        self._subscribers.pop(member, None)

    def flush(self) -> None:
        """Commits what was written to the directory, then tells each change once."""
        self._timer.stop()
        changed, self._changed = self._changed, {}
        self._flush_messages()
        try:
            self._store.commit()
        except StoreError as error:  # (undone: nothing of it is told)
            log.warning("cannot keep the changes to the rooms: %s", error)
            return
        for room, topic in changed.items():
            self._tell(room, topic)

    def stop(self) -> None:
        """The host stops: what waits is committed and told; nothing more."""
        self.flush()
        self._subscribers.clear()

    def _tell(self, room: str, topic: bool) -> None:
        """Sends ``room``'s ``room_update`` to the subscribers (not of a direct room:
        nobody lists those) and, when its topic changed, to its members connected."""
        found = self._store.rooms.get(room)
        if found is None:
            return
        frame = encode_event(RoomUpdate(room=room, topic=found.topic, members=found.member_count))
        told: set[MemberConnection] = set()
        if topic:
            told.update(self._rooms.members_of(room))
        if not is_direct(room):
            told.update(self._subscribers)
        for member in told:
            member.send_bytes(frame)

    def _storage_error(
        self, member: MemberConnection, error: StoreError, room: str | None, ref: str | None
    ) -> None:
        log.warning("cannot answer %s about the rooms: %s", member.name, error)
        text = describe_store_error(error)
        problem = error.problem.value
        member.send(Error(STORAGE_ERROR, text, problem=problem, room=room, ref=ref))


def _room_list_frames(listed: list[RoomInfo], ref: str | None) -> bytes:
    """``room_list`` (answering ``ref``) with the rooms that fit one frame, then a
    ``room_update`` for each of the others (a client adds those to its list)."""
    budget = MAX_FRAME_BYTES - 64 - ref_bytes(ref)
    kept = 0
    for info in listed:  # (an entry is its update's frame less its type, and a comma)
        budget -= len(encode_event(RoomUpdate(info.room, info.topic, info.members))) - 20
        if budget < 0:
            break
        kept += 1
    rest = listed[kept:]
    head = encode_event(RoomList(rooms=tuple(listed[:kept]), ref=ref))
    tail = (encode_event(RoomUpdate(i.room, i.topic, i.members)) for i in rest)
    return head + b"".join(tail)


def _now_ms() -> int:
    return time.time_ns() // 1_000_000
