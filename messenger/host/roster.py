"""A room's member list as ``joined`` gives it: in name order (case folded), each
entry encoded once, so a join costs one insertion and one join of bytes, not a sort
and an encoding of every member (an office arriving at once is O(n²) otherwise)."""

from __future__ import annotations

import bisect

from ..protocol import Member
from ..protocol.codec import encode_member, encode_member_list
from .member_connection import MemberConnection

_Key = tuple[str, str, int]


class Roster:
    """The members of one room, in list order."""

    def __init__(self) -> None:
        self._keys: list[_Key] = []
        self._entries: list[bytes] = []
        self._key_of: dict[MemberConnection, _Key] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, member: object) -> bool:
        return member in self._key_of

    def add(self, member: MemberConnection) -> None:
        """``member`` is listed (once: adding it again changes nothing)."""
        if member in self._key_of:
            return
        key = (member.name.casefold(), member.name, id(member))
        index = bisect.bisect_left(self._keys, key)
        self._keys.insert(index, key)
        self._entries.insert(index, encode_member(Member(member.name, member.user_id or None)))
        self._key_of[member] = key

    def remove(self, member: MemberConnection) -> None:
        """``member`` is no longer listed."""
        key = self._key_of.pop(member, None)
        if key is None:
            return
        index = bisect.bisect_left(self._keys, key)
        del self._keys[index]
        del self._entries[index]

    def rename(self, member: MemberConnection) -> None:
        """``member`` has a new name: its entry is made again, in its new place."""
        if member in self._key_of:
            self.remove(member)
            self.add(member)

    def frames(self, room: str, last_seq: int, topic: str = "", ref: str | None = None) -> bytes:
        """The ``members`` frames (if the list needs more than one) and ``joined``
        (with the room's ``topic`` and the join's ``ref``)."""
        return encode_member_list(room, self._entries, last_seq, topic, ref)
