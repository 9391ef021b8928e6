"""Where the first join of a room never seen on this device starts: after the read
marker, replaying at most CATCH_UP_LIMIT and at least REPLAY_LIMIT messages."""

from __future__ import annotations

import pytest

from messenger.client.conversation import CATCH_UP_LIMIT, catch_up_since
from messenger.protocol import RoomState
from messenger.protocol.limits import REPLAY_LIMIT


@pytest.mark.parametrize(
    ("last_seq", "read", "since"),
    [
        (0, 0, 0),  # an empty room
        (300, 0, 0),  # nothing read: all of it (fewer than CATCH_UP_LIMIT)
        (300, 250, 200),  # (the latest REPLAY_LIMIT at least)
        (300, 300, 300 - REPLAY_LIMIT),  # all read: something to show
        (3_000, 100, 3_000 - CATCH_UP_LIMIT),  # much unread: the latest CATCH_UP_LIMIT
        (3_000, 2_600, 2_600),  # after the read marker
    ],
)
def test_the_first_join_starts_after_the_read_marker_within_bounds(last_seq, read, since):
    assert catch_up_since(RoomState("general", last_seq, read)) == since
