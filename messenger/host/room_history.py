"""A room's stored history served to its members: the replay that answers a join
(streamed, paused while the member's output is full) and scrollback pages, each
connection in its turn."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject

from ..protocol import Error, History, HistoryPage, Join, Message, RoomReset, encode_event
from ..protocol.codec import encode_message, ref_bytes
from ..protocol.events import TOO_MANY_REQUESTS
from ..protocol.limits import HISTORY_PAGE_LIMIT, MAX_FRAME_BYTES, REPLAY_LIMIT
from ..store import HistoryStore, StoredMessage
from .history_epoch import HistoryEpoch
from .history_turns import HistoryTurns
from .member_connection import REPLAY_HIGH_WATER_BYTES, MemberConnection, ReplayCursor
from .request_limits import RequestLimiter
from .rooms import Rooms

REPLAY_PAGE = 256
"""Messages read from the store per step of a replay."""
JOINS_AT_ONCE = 32
"""Most joins answered in one step when their rooms have nothing to replay (an app
joins all its rooms at once: 21 steps, each a turn and a write, for 21 ``joined``
otherwise)."""


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
        kind=message.kind or None,
    )


class RoomHistory:
    """Answers joins and history requests from ``store``, each connection in its
    turn (``HistoryTurns``: the other connections' history goes between) and within
    its byte rate.

    Args:
        store: The host's history.
        epoch: Tells a join that saw another history (``room_reset``).
        rooms: Where a member goes once its replay is sent.
        flush_messages: Relays what waits to be, so the store and the relay agree.
        limiter: Counts the history each connection is sent.
    """

    def __init__(
        self,
        store: HistoryStore,
        epoch: HistoryEpoch,
        rooms: Rooms,
        flush_messages: Callable[[], None],
        limiter: RequestLimiter,
        parent: QObject | None = None,
    ) -> None:
        self._store = store
        self._epoch = epoch
        self._rooms = rooms
        self._flush_messages = flush_messages
        self._limiter = limiter
        self._turns = HistoryTurns(self._serve, limiter.read_wait, parent)

    def join(self, member: MemberConnection, join: Join) -> None:
        """Replays what ``member`` missed of the room (after ``since``; else the
        latest REPLAY_LIMIT), then ``joined``; the room's members are told at once."""
        if member.replay is not None:
            member.joins_waiting.append(join)  # (answered in the order asked)
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
        self._rooms.withdraw(member, join.room)  # (a rejoin: the replay comes first)
        self._rooms.announce(member, join.room)
        member.replay = ReplayCursor(room=join.room, after=after, ref=join.ref)
        self._turns.want(member)

    def cancel(self, member: MemberConnection, room: str) -> bool:
        """``member`` leaves ``room`` while its join is answered: the replay stops.
        False when no replay of ``room`` is under way."""
        waiting = [join for join in member.joins_waiting if join.room != room]
        cancelled = len(waiting) < len(member.joins_waiting)
        member.joins_waiting = deque(waiting)
        if member.replay is not None and member.replay.room == room:
            member.replay = None
            self._rooms.remove(member, room)
            self._next_join(member)
            cancelled = True
        return cancelled

    def resume(self, member: MemberConnection) -> None:
        """``member``'s output drained: its paused replay or pages go on, in its turn."""
        if member.replay is not None or member.pages_asked:
            self._turns.want(member)

    def forget(self, member: MemberConnection) -> None:
        """``member``'s connection is gone: it waits for no turn."""
        self._turns.forget(member)

    def stop(self) -> None:
        """The host stops: nobody is served any more."""
        self._turns.stop()
        self._turns.deleteLater()

    def page(self, member: MemberConnection, request: History) -> None:
        """Sends, in ``member``'s turn, the newest messages before ``request.before``
        that fit one frame."""
        if request.room not in member.rooms:
            _not_in_room(member, request)
            return
        if len(member.pages_asked) >= self._limiter.limits.waiting_pages:
            text = "too many history requests waiting: not answered"
            member.refuse(Error(code=TOO_MANY_REQUESTS, message=text, ref=request.ref))
            return
        member.pages_asked.append(request)
        self._turns.want(member)

    def _serve(self, member: MemberConnection) -> bool:
        """One page of what ``member`` waits for (history it asked for first); True
        when more may go in its next turn (False: done, or paused while its output
        is full, until ``drained`` resumes it)."""
        if member.pending_output > REPLAY_HIGH_WATER_BYTES:
            return False
        if member.pages_asked:
            self._send_page(member, member.pages_asked.popleft())
        elif member.replay is not None:
            self._replay_page(member, member.replay)
        waiting = bool(member.pages_asked) or member.replay is not None
        return waiting and member.pending_output <= REPLAY_HIGH_WATER_BYTES

    def _replay_page(self, member: MemberConnection, cursor: ReplayCursor) -> None:
        self._flush_messages()
        if self._send_replay_page(member, cursor):
            return
        member.hold_output()
        try:
            self._end_replays(member, cursor)
        finally:
            member.release_output()

    def _send_replay_page(self, member: MemberConnection, cursor: ReplayCursor) -> bool:
        """The next page of ``cursor``'s replay sent; False when nothing was left."""
        if self._store.last_seq(cursor.room) <= cursor.after:  # (known without a query)
            return False
        page = self._store.messages_after(cursor.room, cursor.after, REPLAY_PAGE)
        if not page:
            return False
        data = b"".join(encode_message(message_event(m)) for m in page)
        self._limiter.read(member, len(data))
        member.send_bytes(data)
        cursor.after = page[-1].seq
        return True

    def _end_replays(self, member: MemberConnection, cursor: ReplayCursor) -> None:
        """``cursor``'s replay is sent: ``joined``; then the joins waiting after it
        whose rooms have nothing to replay are answered too (JOINS_AT_ONCE at most,
        within the member's rate); the first with a replay gets its first page."""
        for _answered in range(JOINS_AT_ONCE):
            member.replay = None
            last_seq = self._store.last_seq(cursor.room)
            listed = self._rooms.add(member, cursor.room, last_seq, cursor.ref)
            self._limiter.read(member, listed)
            if not member.joins_waiting or self._limiter.read_wait(member) > 0:
                self._next_join(member)  # (in its turn)
                return
            self.join(member, member.joins_waiting.popleft())
            if member.replay is None or self._send_replay_page(member, member.replay):
                return
            cursor = member.replay
        # (the last join taken waits for its turn: ``join`` asked for it)

    def _next_join(self, member: MemberConnection) -> None:
        if member.joins_waiting:
            self.join(member, member.joins_waiting.popleft())

    def _send_page(self, member: MemberConnection, request: History) -> None:
        if request.room not in member.rooms:  # (it left, or joins again, meanwhile)
            _not_in_room(member, request)
            return
        self._flush_messages()
        limit = max(1, min(request.limit, HISTORY_PAGE_LIMIT))
        page = self._store.messages_before(request.room, request.before, limit)
        reserved = 512 + ref_bytes(request.ref)  # room for the page's own fields
        budget = MAX_FRAME_BYTES - reserved
        kept: list[Message] = []
        for stored in reversed(page):  # keep the newest that fit
            event = message_event(stored)
            budget -= len(encode_event(event))
            if budget < 0:
                break
            kept.append(event)
        kept.reverse()
        self._limiter.read(member, MAX_FRAME_BYTES - reserved - budget)
        page_event = HistoryPage(request.room, request.before, tuple(kept), request.ref)
        member.send(page_event)


def _not_in_room(member: MemberConnection, request: History) -> None:
    """Refuses ``request``: ``member`` is not in its room."""
    text = f"join {request.room!r} before asking for its history"
    member.send(Error(code="not_in_room", message=text, room=request.room, ref=request.ref))
