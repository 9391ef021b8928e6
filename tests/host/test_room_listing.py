"""The room list encoded once (``RoomListing``) and the pace of room updates."""

from __future__ import annotations

import pytest

from messenger.host.room_catalog import (
    ROOM_UPDATE_BYTES_PER_S,
    ROOM_UPDATE_PACE_MAX_MS,
    ROOM_UPDATE_PACE_MS,
    room_update_pace_ms,
)
from messenger.host.room_listing import RoomListing
from messenger.protocol import RoomInfo, RoomList, RoomUpdate, decode_frame, encode_event
from messenger.protocol.limits import MAX_FRAME_BYTES


@pytest.mark.parametrize("ref", [None, "17"])
def test_a_short_list_is_one_room_list_frame(ref):
    rooms = [RoomInfo("general", "", 3), RoomInfo("Bếp", "Nấu gì 😀", 1)]
    assert RoomListing(rooms).frames(ref) == encode_event(RoomList(tuple(rooms), ref))


def test_the_rooms_that_do_not_fit_one_frame_follow_as_updates():
    rooms = [RoomInfo(f"Phòng {n:04d} " + "ư" * 40, "Chủ đề " * 10, n) for n in range(1_000)]
    frames = RoomListing(rooms).frames("r" * 64).splitlines()
    assert all(len(frame) + 1 <= MAX_FRAME_BYTES for frame in frames)
    head, *rest = (decode_frame(frame) for frame in frames)
    assert isinstance(head, RoomList) and head.ref == "r" * 64 and rest
    assert all(isinstance(update, RoomUpdate) for update in rest)
    told = [(r.room, r.topic, r.members) for r in head.rooms]
    told += [(u.room, u.topic, u.members) for u in rest if isinstance(u, RoomUpdate)]
    assert told == [(r.room, r.topic, r.members) for r in rooms]


def test_updates_are_paced_by_their_bytes_between_the_floor_and_the_ceiling():
    assert room_update_pace_ms(0) == ROOM_UPDATE_PACE_MS
    assert room_update_pace_ms(100_000) == ROOM_UPDATE_PACE_MS
    assert room_update_pace_ms(ROOM_UPDATE_BYTES_PER_S) == 1_000
    assert room_update_pace_ms(2_000 * 45_000) == 2_000 * 45_000 * 1_000 // ROOM_UPDATE_BYTES_PER_S
    assert room_update_pace_ms(10**12) == ROOM_UPDATE_PACE_MAX_MS
