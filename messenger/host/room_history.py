"""A room's stored history served to its members: the replay that answers a join
(streamed, paused while the member's output is full) and scrollback pages."""

from __future__ import annotations

from collections.abc import Callable

from ..protocol import Error, History, HistoryPage, Join, Message, RoomReset, encode_event
from ..protocol.codec import encode_message
from ..protocol.limits import HISTORY_PAGE_LIMIT, MAX_FRAME_BYTES, REPLAY_LIMIT
from ..store import HistoryStore, StoredMessage
from .history_epoch import HistoryEpoch
from .member_connection import REPLAY_HIGH_WATER_BYTES, MemberConnection, ReplayCursor
from .rooms import Rooms

REPLAY_PAGE = 256
"""Messages read from the store per step of a replay."""
REPLAY_PAGES_PER_TURN = 2
"""Steps of one member's replay per turn of the event loop (then the others' turn)."""


def message_event(message: StoredMessage) -> Message:
    """The ``message`` frame of a stored message."""
    return Message(
        room=message.room,
        seq=message.seq,
        id=message.id,
        sender=message.sender,
        ts=message.ts,
        text=message.text,
        user=message.user or None,
    )


class RoomHistory:
    """Answers joins and history requests from ``store``.

    Args:
        store: The host's history.
        epoch: Tells a join that saw another history (``room_reset``).
        rooms: Where a member goes once its replay is sent.
        flush_messages: Relays what waits to be, so the store and the relay agree.
    """

    def __init__(
        self,
        store: HistoryStore,
        epoch: HistoryEpoch,
        rooms: Rooms,
        flush_messages: Callable[[], None],
    ) -> None:
        self._store = store
        self._epoch = epoch
        self._rooms = rooms
        self._flush_messages = flush_messages

    def join(self, member: MemberConnection, join: Join) -> None:
        """Replays what ``member`` missed of the room (after ``since``; else the
        latest REPLAY_LIMIT), then ``joined``."""
        if member.replay is not None:
            member.send(Error(code="bad_frame", message="a join is already being answered"))
            return
        self._flush_messages()
        latest = max(0, self._store.last_seq(join.room) - REPLAY_LIMIT)
        if join.since is None:
            after = latest
        elif self._epoch.diverges(join):
            member.send(RoomReset(room=join.room, epoch=self._epoch.renew(join)))
            after = latest
        else:
            after = join.since
        rejoin = join.room in member.rooms
        if rejoin:
            self._rooms.withdraw(member, join.room)
        member.replay = ReplayCursor(room=join.room, after=after, announce=not rejoin)
        self.pump(member)

    def pump(self, member: MemberConnection) -> None:
        """Sends more of ``member``'s replay (it drained, or the join just came)."""
        cursor = member.replay
        if cursor is None or cursor.pumping:
            return  # (a write can report progress synchronously: no re-entry)
        cursor.pumping = True
        try:
            self._pump_pages(member, cursor)
        finally:
            cursor.pumping = False

    def _pump_pages(self, member: MemberConnection, cursor: ReplayCursor) -> None:
        self._flush_messages()
        for _ in range(REPLAY_PAGES_PER_TURN):
            if member.pending_output > REPLAY_HIGH_WATER_BYTES:
                return  # (paused: the member's ``drained`` resumes it)
            page = self._store.messages_after(cursor.room, cursor.after, REPLAY_PAGE)
            if not page:
                member.replay = None
                last_seq = self._store.last_seq(cursor.room)
                self._rooms.add(member, cursor.room, last_seq, announce=cursor.announce)
                return
            member.send_bytes(b"".join(encode_message(message_event(m)) for m in page))
            cursor.after = page[-1].seq
        member.replay_next_turn()

    def page(self, member: MemberConnection, request: History) -> None:
        """Sends the newest messages before ``request.before`` that fit one frame."""
        if request.room not in member.rooms:
            message = f"join {request.room!r} before asking for its history"
            member.send(Error(code="not_in_room", message=message))
            return
        self._flush_messages()
        limit = max(1, min(request.limit, HISTORY_PAGE_LIMIT))
        page = self._store.messages_before(request.room, request.before, limit)
        budget = MAX_FRAME_BYTES - 512  # room for the page's own fields
        kept: list[Message] = []
        for stored in reversed(page):  # keep the newest that fit
            event = message_event(stored)
            budget -= len(encode_event(event))
            if budget < 0:
                break
            kept.append(event)
        kept.reverse()
        member.send(HistoryPage(room=request.room, before=request.before, messages=tuple(kept)))
