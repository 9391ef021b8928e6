"""Who is in which room of a host, and the joins and leaves waiting to be told."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from ..protocol import Presence
from ..protocol.codec import encode_presence
from ..protocol.events import PRESENCE_JOINED, PRESENCE_LEFT
from .member_connection import MemberConnection
from .room_presence import RoomPresence
from .roster import Roster

PRESENCE_COALESCE_MS = 20
"""Joins and leaves are sent together, this long after the first of them (plus 1 ms
per PRESENCE_MEMBERS_PER_MS members, up to PRESENCE_COALESCE_MAX_MS): an office
arriving at once costs each member one write per interval, not one per arrival (with
TLS each write costs: with 2,000 members arriving, presence at 250 ms was a fifth of
the host's work). A message flushes them first, so nobody sees a message before its
sender's join."""
PRESENCE_MEMBERS_PER_MS = 2
PRESENCE_COALESCE_MAX_MS = 1_000


def presence_delay_ms(members: int) -> int:
    """How long joins and leaves wait for more, with ``members`` connected."""
    return min(PRESENCE_COALESCE_MAX_MS, PRESENCE_COALESCE_MS + members // PRESENCE_MEMBERS_PER_MS)


class Rooms(QObject):
    """The rooms' members, and their presence frames until the next flush.

    Args:
        flush: Flushes the host (the presence timer calls it: messages go after).
        member_count: How many members are connected (the coalescing delay grows).
    """

    def __init__(
        self,
        flush: Callable[[], None],
        member_count: Callable[[], int],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._members: dict[str, dict[MemberConnection, None]] = {}
        self._rosters: dict[str, Roster] = {}  # the same members, in list order
        self._presence: dict[str, RoomPresence] = {}  # frames for the next flush, by room
        self._member_count = member_count
        self.topic_of: Callable[[str], str] = _no_topic
        """A room's topic, for its ``joined`` (the room directory's, with a store)."""
        self._timer = QTimer(self)  # joins and leaves wait a little for more
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(flush)

    def members_of(self, room: str) -> list[MemberConnection]:
        """The members of ``room`` now (a copy: a send may drop one)."""
        return list(self._members.get(room, {}))

    def announce(self, member: MemberConnection, room: str) -> None:
        """``member`` is joining ``room``: it is listed from now on, and the others hear
        of it at the next flush (while its replay is still being sent: a reader that
        leaves before the end was seen too)."""
        roster = self._rosters.setdefault(room, Roster())
        if member in roster:
            return
        roster.add(member)
        self._queue(room, member, PRESENCE_JOINED)

    def add(
        self, member: MemberConnection, room: str, last_seq: int, ref: str | None = None
    ) -> int:
        """``member``'s replay of ``room`` is sent: it gets ``joined`` (with the room's
        list, and the ``ref`` of its join) and, from now on, the room's messages and
        presence. Returns the size of the list sent (bytes)."""
        self.announce(member, room)  # (told already, unless it was not: once)
        self._members.setdefault(room, {})[member] = None
        member.rooms.add(room)
        listed = self._rosters[room].frames(room, last_seq, self.topic_of(room), ref)
        member.send_bytes(listed)
        self._presence.get(room, RoomPresence()).joined_now(member)
        return len(listed)

    def remove(self, member: MemberConnection, room: str) -> None:
        """``member`` left ``room`` (or is gone, its join perhaps still being
        answered): the others hear of it at the next flush."""
        roster = self._rosters.get(room)
        self.withdraw(member, room)
        if roster is None or member not in roster:
            return
        roster.remove(member)
        if len(roster):
            self._queue(room, member, PRESENCE_LEFT)
        else:  # (the last one: the room is gone)
            self._members.pop(room, None)
            del self._rosters[room]
            self._presence.pop(room, None)

    def rename(self, member: MemberConnection) -> None:
        """``member``'s name changed: the lists of the rooms it is listed in (its
        rooms, and the one whose join is answered) show the new one from now on."""
        rooms = set(member.rooms)
        if member.replay is not None:
            rooms.add(member.replay.room)
        for room in rooms:
            roster = self._rosters.get(room)
            if roster is not None:
                roster.rename(member)

    def withdraw(self, member: MemberConnection, room: str) -> None:
        """``member`` gets nothing of ``room`` while its join is answered again (it
        stays listed: it comes back)."""
        self._members.get(room, {}).pop(member, None)
        member.rooms.discard(room)

    def flush_presence(self) -> None:
        """One write per member for all the joins and leaves of all its rooms since
        the last flush (one per event would be O(n²) writes when an office arrives,
        one per room a write for each of a member's rooms)."""
        presence, self._presence = self._presence, {}
        blocks: dict[MemberConnection, list[bytes]] = {}
        for room, queued in presence.items():
            shared = b"".join(queued.frames)
            for member in self._members.get(room, {}):
                block = queued.block_for(member) if member in queued.concerned else shared
                if block:
                    blocks.setdefault(member, []).append(block)
        for member, frames in blocks.items():
            member.send_bytes(frames[0] if len(frames) == 1 else b"".join(frames))

    def stop(self) -> None:
        """No more presence flushes."""
        self._timer.stop()

    def _queue(self, room: str, member: MemberConnection, status: str) -> None:
        user = member.user_id or None
        frame = encode_presence(Presence(room=room, name=member.name, status=status, user=user))
        self._presence.setdefault(room, RoomPresence()).add(frame, member)
        if not self._timer.isActive():
            self._timer.start(presence_delay_ms(self._member_count()))


def _no_topic(_room: str) -> str:
    return ""
