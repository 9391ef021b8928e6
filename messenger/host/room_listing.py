"""The answer to ``rooms``, encoded once for as long as the directory stays as told:
an office arriving at once asks it 2,000 times over a directory of 1,000 rooms."""

from __future__ import annotations

import bisect
import itertools

from ..protocol import RoomInfo, RoomUpdate, encode_event
from ..protocol.codec import encode_room_info, encode_room_list_head, ref_bytes
from ..protocol.limits import MAX_FRAME_BYTES

_LIST_OVERHEAD = 64
"""What a ``room_list`` frame holds besides its entries and its ``ref``, and more."""
_UPDATE_OVER_ENTRY = 20
"""How much longer a ``room_update`` frame is than the entry of its room, at most
(``"type":"room_update",`` less a comma)."""


class RoomListing:
    """The frames of a ``room_list`` of ``listed``: the rooms that fit one frame,
    then a ``room_update`` for each of the others (a client adds those to its list).

    Args:
        listed: The rooms, in list order.
    """

    def __init__(self, listed: list[RoomInfo]) -> None:
        self._entries = [encode_room_info(info) for info in listed]
        self._updates = [encode_event(RoomUpdate(i.room, i.topic, i.members)) for i in listed]
        costs = (len(update) - _UPDATE_OVER_ENTRY for update in self._updates)
        self._spent = list(itertools.accumulate(costs))  # budget taken by the first k + 1

    def frames(self, ref: str | None) -> bytes:
        """The answer to a ``rooms`` of ``ref``."""
        budget = MAX_FRAME_BYTES - _LIST_OVERHEAD - ref_bytes(ref)
        kept = bisect.bisect_right(self._spent, budget)
        head = encode_room_list_head(self._entries[:kept], ref)
        return head + b"".join(self._updates[kept:])
