"""The session's room directory as members see it: the room list and its live
updates (``rooms``, ``room_update``), rooms made (``create_room``), topics
(``set_topic``) and read markers (``read``); every change to the directory is
committed within ROOM_UPDATE_MS and told together, at most every ROOM_UPDATE_PACE_MS,
in one write per connection."""

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
    Rooms,
    RoomUpdate,
    SetTopic,
    encode_event,
)
from ..protocol.events import BAD_ROOM_NAME, ROOM_EXISTS, STORAGE_ERROR
from ..store import HistoryStore, StoreError
from ..store.room_directory import Room
from ..store.room_errors import InvalidRoomNameError, RoomExistsError
from .member_connection import MemberConnection
from .request_limits import RequestLimiter
from .room_listing import RoomListing
from .rooms import Rooms as RoomMembers
from .store_errors import describe_store_error

log = logging.getLogger(__name__)

ROOM_UPDATE_MS = 50
"""Changes to the directory are committed this long after the first of them."""
ROOM_UPDATE_PACE_MS = 250
"""Changes committed are told at most this often (each room once, as it is then; all
of a connection's ``room_update`` frames in one write), and then only as fast as
ROOM_UPDATE_BYTES_PER_S allows, at most ROOM_UPDATE_PACE_MAX_MS apart: a tell costs
subscribers times rooms changed, and 2,000 members arriving in 20 rooms each change
most of 1,000 rooms in every interval (at 250 ms, 1.4 GB of updates in all)."""
ROOM_UPDATE_BYTES_PER_S = 32 * 1024 * 1024
"""The bytes of ``room_update`` a second the host sends in all, at most (the next tell
waits until the last one's bytes took this rate)."""
ROOM_UPDATE_PACE_MAX_MS = 5_000


def room_update_pace_ms(told_bytes: int) -> int:
    """How long after a tell of ``told_bytes`` (over all subscribers) the next waits."""
    by_rate = told_bytes * 1000 // ROOM_UPDATE_BYTES_PER_S
    return min(ROOM_UPDATE_PACE_MAX_MS, max(ROOM_UPDATE_PACE_MS, by_rate))


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
        self._untold: dict[str, bool] = {}  # the same, committed, for the next tell
        self._told_at = -ROOM_UPDATE_PACE_MAX_MS / 1000  # (monotonic seconds)
        self._pace_ms = ROOM_UPDATE_PACE_MS  # after the last tell
        self._listing: RoomListing | None = None  # the room list as the last tell left it
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ROOM_UPDATE_MS)
        self._timer.timeout.connect(self.flush)
        self._pace = QTimer(self)  # the next tell, once its pace passed
        self._pace.setSingleShot(True)
        self._pace.timeout.connect(self.flush)

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
        if self._listing is None:  # (what changes after it is told to every subscriber)
            try:
                listed = [room_info(room) for room in self._store.rooms.rooms()]
            except StoreError as error:
                self._storage_error(member, error, None, request.ref)
                return
            self._listing = RoomListing(listed)
        self._subscribers[member] = None
        member.send_bytes(self._listing.frames(request.ref))

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

    def flush(self, *, tell_now: bool = False) -> None:
        """Commits what was written to the directory, then tells each change once
        (now if its pace passed since the last tell or ``tell_now``, else
        when it has)."""
        self._timer.stop()
        changed, self._changed = self._changed, {}
        self._flush_messages()
        try:
            self._store.commit()
        except StoreError as error:  # (undone: nothing of it is told)
            log.warning("cannot keep the changes to the rooms: %s", error)
            self._listing = None
            return
        for room, topic in changed.items():
            self._untold[room] = self._untold.get(room, False) or topic
        if not self._untold:
            return
        wait_ms = self._pace_ms - (time.monotonic() - self._told_at) * 1000
        if wait_ms > 0 and not tell_now:
            if not self._pace.isActive():
                self._pace.start(max(1, round(wait_ms)))
            return
        self._pace.stop()
        self._told_at = time.monotonic()
        untold, self._untold = self._untold, {}
        self._listing = None
        self._pace_ms = room_update_pace_ms(self._tell(untold))

    def stop(self) -> None:
        """The host stops: what waits is committed and told; nothing more."""
        self.flush(tell_now=True)
        self._pace.stop()
        self._subscribers.clear()

    def _tell(self, untold: dict[str, bool]) -> int:
        """Sends each room's ``room_update`` to the subscribers (not of a direct room:
        nobody lists those) and, when its topic changed, to its members connected:
        one write per connection. Returns the bytes sent to the subscribers."""
        listed: list[bytes] = []  # the subscribers' frames
        extra: dict[MemberConnection, list[bytes]] = {}  # members' of topics, not listed
        for room, topic in untold.items():
            found = self._store.rooms.get(room)
            if found is None:
                continue
            update = RoomUpdate(room=room, topic=found.topic, members=found.member_count)
            frame = encode_event(update)
            listable = not is_direct(room)
            if listable:
                listed.append(frame)
            if topic:
                for member in self._rooms.members_of(room):
                    if not (listable and member in self._subscribers):
                        extra.setdefault(member, []).append(frame)
        block = b"".join(listed)
        for member in list(self._subscribers) if block else ():
            member.send_bytes(block + b"".join(extra.pop(member, ())))
        for member, frames in extra.items():
            member.send_bytes(b"".join(frames))
        return len(block) * len(self._subscribers)

    def _storage_error(
        self, member: MemberConnection, error: StoreError, room: str | None, ref: str | None
    ) -> None:
        log.warning("cannot answer %s about the rooms: %s", member.name, error)
        text = describe_store_error(error)
        problem = error.problem.value
        member.send(Error(STORAGE_ERROR, text, problem=problem, room=room, ref=ref))


def _now_ms() -> int:
    return time.time_ns() // 1_000_000
