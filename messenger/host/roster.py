"""A room's member list as ``joined`` gives it: in name order (case folded), each
entry encoded once, so a join costs one insertion and one join of bytes, not a sort
and an encoding of every member (an office arriving at once is O(n²) otherwise).
A member's entry and sort key are made once for all its rooms and shared by their
rosters (2,000 members in 20 rooms each: 40,000 places, 2,000 entries)."""

from __future__ import annotations

import bisect
import weakref

from ..protocol import Member
from ..protocol.codec import encode_member, encode_member_list
from .member_connection import MemberConnection

_Key = tuple[str, str, int]
_Entry = tuple[_Key, bytes]

_entries: weakref.WeakKeyDictionary[MemberConnection, _Entry] = weakref.WeakKeyDictionary()
"""Each member's sort key and encoded entry, for the name it has (made again when it
is renamed; gone with the member)."""


def _entry_of(member: MemberConnection) -> _Entry:
    entry = _entries.get(member)
    if entry is None or entry[0][1] != member.name:
        key = (member.name.casefold(), member.name, id(member))
        entry = key, encode_member(Member(member.name, member.user_id or None))
        _entries[member] = entry
    return entry


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
        key, entry = _entry_of(member)
        index = bisect.bisect_left(self._keys, key)
        self._keys.insert(index, key)
        self._entries.insert(index, entry)
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
