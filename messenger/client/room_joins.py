"""The rooms one connection is in, and the joins that (re)enter them: each join asks
for what follows the last message seen there (``since``, ``last_id``), and its answer
(``members`` frames, then ``joined``) is put together again (no Qt here)."""

from __future__ import annotations

import dataclasses
import logging

from ..protocol import Join, Joined, Member
from .room_positions import RoomPositions

log = logging.getLogger(__name__)


class RoomJoins:
    """The rooms a connection joins after every welcome, and where each resumes.

    Args:
        rooms: The rooms joined from the start, in order.
    """

    def __init__(self, rooms: tuple[str, ...] = ()) -> None:
        self.positions = RoomPositions()
        self._rooms: dict[str, None] = dict.fromkeys(rooms)
        self._asked: dict[str, int | None] = {}  # room -> since of the join being answered
        self._listed: dict[str, list[Member]] = {}  # members listed before their joined

    @property
    def rooms(self) -> tuple[str, ...]:
        """The rooms joined (or to join once welcomed), in the order added."""
        return tuple(self._rooms)

    def __contains__(self, room: object) -> bool:
        return room in self._rooms

    def add(self, room: str) -> bool:
        """``room`` is joined from now on; False when it already was."""
        if room in self._rooms:
            return False
        self._rooms[room] = None
        return True

    def remove(self, room: str) -> bool:
        """``room`` is left; False when it was not joined."""
        self._asked.pop(room, None)
        self._listed.pop(room, None)
        return self._rooms.pop(room, False) is None

    def join_frame(self, host: str, room: str) -> Join:
        """The ``join`` of ``host``'s ``room``: after what we have of it, or its latest
        messages when we have nothing."""
        since = self.positions.seq(host, room)
        self._asked[room] = since
        return Join(room=room, since=since, last_id=self.positions.message_id(host, room))

    def new_link(self) -> None:
        """A new connection: nothing asked on the last one is answered any more."""
        self._asked.clear()
        self._listed.clear()

    def listed(self, room: str, members: tuple[Member, ...]) -> None:
        """A ``members`` frame: part of ``room``'s list, before its ``joined``."""
        self._listed.setdefault(room, []).extend(members)

    def reset(self, host: str, room: str) -> None:
        """The host's history of ``room`` is not the one we saw: we know nothing of it."""
        self._asked.pop(room, None)
        self.positions.forget(host, room)

    def joined(self, host: str, joined: Joined) -> tuple[Joined, bool]:
        """The ``joined`` of a room, with the members listed before it; and whether the
        host is behind what we saw (a host of an earlier version whose history was
        reset, which sends no ``room_reset``): then the room is forgotten, to be joined
        again for its latest messages."""
        listed = self._listed.pop(joined.room, None)
        if listed:  # (a long list came in parts: ``members`` frames, then the rest)
            joined = dataclasses.replace(joined, members=(*listed, *joined.members))
        asked = self._asked.pop(joined.room, None)
        if asked is not None and joined.last_seq < asked:
            log.warning(
                "host %s has seq %d in %r, we saw %d", host, joined.last_seq, joined.room, asked
            )
            self.positions.forget(host, joined.room)
            return joined, True
        # Up to last_seq we have now seen all we asked for; older is scrollback.
        self.positions.remember(host, joined.room, joined.last_seq)
        return joined, False
