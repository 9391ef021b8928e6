"""Handler tables checked against the frame table: a frame type without a handler,
or a handler for what the other side never sends, is named."""

from __future__ import annotations

import pytest

from messenger.protocol.dispatch import (
    Handlers,
    HandlerTableError,
    check_handlers,
    missing_handlers,
    stray_handlers,
)
from messenger.protocol.events import (
    FRAMES,
    Ack,
    Hello,
    Member,
    Ping,
    Pong,
    Say,
)
from messenger.protocol.frames import CLIENT_TO_HOST, HOST_TO_CLIENT, Direction


def _complete(direction: Direction) -> Handlers:
    return {spec.cls: print for spec in FRAMES.sent_by(direction)}


@pytest.mark.parametrize("direction", list(Direction))
def test_an_empty_table_misses_every_frame_of_its_direction_in_table_order(direction):
    expected = tuple(s.frame_type for s in FRAMES.sent_by(direction))
    assert missing_handlers({}, direction) == expected


@pytest.mark.parametrize("direction", list(Direction))
def test_a_complete_table_passes(direction):
    table = _complete(direction)
    assert missing_handlers(table, direction) == ()
    assert stray_handlers(table, direction) == ()
    check_handlers(table, direction)


def test_one_missing_handler_is_named():
    table = dict(_complete(CLIENT_TO_HOST))
    del table[Say]
    assert missing_handlers(table, CLIENT_TO_HOST) == ("say",)
    with pytest.raises(HandlerTableError, match=r"^no handler for say$"):
        check_handlers(table, CLIENT_TO_HOST)


def test_frames_handled_elsewhere_are_not_missing():
    table = dict(_complete(CLIENT_TO_HOST))
    del table[Hello], table[Ping]
    assert missing_handlers(table, CLIENT_TO_HOST, handled_elsewhere={Hello}) == ("ping",)
    check_handlers({**table, Ping: print}, CLIENT_TO_HOST, handled_elsewhere=[Hello])


def test_handlers_for_the_other_direction_or_for_non_frames_are_stray():
    table = {**_complete(CLIENT_TO_HOST), Ack: print, Pong: print}
    assert stray_handlers(table, CLIENT_TO_HOST) == ("Ack", "Pong")
    assert stray_handlers({}, CLIENT_TO_HOST, handled_elsewhere={Member}) == ("Member",)
    with pytest.raises(HandlerTableError, match=r"not frames sent client → host: Ack, Pong"):
        check_handlers(table, CLIENT_TO_HOST)


def test_both_problems_are_told_at_once():
    with pytest.raises(HandlerTableError) as raised:
        check_handlers({Say: print}, HOST_TO_CLIENT)
    every_host_frame = ", ".join(s.frame_type for s in FRAMES.sent_by(HOST_TO_CLIENT))
    assert str(raised.value) == (
        f"no handler for {every_host_frame}; not frames sent host → client: Say"
    )
    assert isinstance(raised.value, ValueError)
