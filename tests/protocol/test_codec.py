"""Frames <-> events: every type round-trips; invalid frames raise the right errors."""

from __future__ import annotations

import json

import pytest

from messenger.protocol import (
    Ack,
    Bye,
    Error,
    Hello,
    History,
    HistoryPage,
    Join,
    Joined,
    Leave,
    LocalProtocolError,
    Message,
    Ping,
    Pong,
    Presence,
    RemoteProtocolError,
    Say,
    Welcome,
    decode_frame,
    encode_event,
)
from messenger.protocol.limits import MAX_TEXT_CHARS

TEXT = 'Tiếng Việt có dấu: ầ ẫ ỗ ữ — emoji 😀🍜 — <b>không đậm</b> & "quotes"\nline 2'

EVERY_EVENT = [
    Hello(name="Nguyễn Văn An", client="c-1"),
    Join(room="general"),
    Join(room="general", since=42),
    Say(room="general", id="m-1", text=TEXT),
    Leave(room="general"),
    Ping(),
    History(room="general", before=50, limit=100),
    HistoryPage(
        room="general",
        before=3,
        messages=(
            Message(room="general", seq=1, id="a", sender="An", ts=1, text=TEXT),
            Message(room="general", seq=2, id="b", sender="Bình", ts=2, text="ừ"),
        ),
    ),
    HistoryPage(room="general", before=1, messages=()),
    Welcome(host="h" * 32, session="Phòng kế toán", you="An (2)"),
    Joined(room="general", members=("An", "Bình"), last_seq=7),
    Message(room="general", seq=8, id="m-1", sender="Bình", ts=1_700_000_000_000, text=TEXT),
    Ack(id="m-1", seq=8),
    Presence(room="general", name="Chi", status="joined", members=("An", "Chi")),
    Pong(),
    Error(code="bad_frame", message="field 'text' must be a string"),
    Bye(reason="session_ended", message="Máy chủ đã kết thúc phiên."),
]


@pytest.mark.parametrize("event", EVERY_EVENT, ids=lambda e: type(e).__name__)
def test_every_frame_type_round_trips(event):
    frame = encode_event(event)
    assert frame.endswith(b"\n") and frame.count(b"\n") == 1
    assert decode_frame(frame[:-1]) == event


def test_frames_are_compact_utf8_json_with_type_first():
    frame = encode_event(Message(room="general", seq=1, id="x", sender="Ánh", ts=5, text="ừ"))
    assert (
        frame
        == (
            '{"type":"message","room":"general","seq":1,"id":"x","from":"Ánh","ts":5,"text":"ừ"}\n'
        ).encode()
    )


def test_a_history_page_lists_messages_without_type_or_room():
    page = HistoryPage(room="r", before=2, messages=(Message("r", 1, "a", "An", 5, "x"),))
    assert json.loads(encode_event(page)) == {
        "type": "history_page",
        "room": "r",
        "before": 2,
        "messages": [{"seq": 1, "id": "a", "from": "An", "ts": 5, "text": "x"}],
    }
    bad = b'{"type":"history_page","room":"r","before":2,"messages":[{"seq":1}]}'
    with pytest.raises(RemoteProtocolError) as raised:
        decode_frame(bad)
    assert raised.value.code == "bad_frame"


def test_join_without_since_leaves_the_field_out():
    assert json.loads(encode_event(Join(room="general"))) == {"type": "join", "room": "general"}


def test_unknown_fields_are_ignored():
    frame = b'{"type":"ping","future":{"x":1}}'
    assert decode_frame(frame) == Ping()


@pytest.mark.parametrize(
    "frame, code, fatal",
    [
        (b"\xff\xfe", "invalid_utf8", True),
        (b'{"type": "ping"', "invalid_json", True),
        (b"[1, 2]", "invalid_frame", True),
        (b"42", "invalid_frame", True),
        (b'{"no_type": 1}', "unknown_type", False),
        (b'{"type": "dance"}', "unknown_type", False),
        (b'{"type": 5}', "unknown_type", False),
        (b'{"type": "say", "room": "general", "id": "x"}', "bad_frame", False),
        (b'{"type": "say", "room": "general", "id": 5, "text": "a"}', "bad_frame", False),
        (b'{"type": "say", "room": "", "id": "x", "text": "a"}', "bad_frame", False),
        (b'{"type": "say", "room": "general", "id": "x", "text": ""}', "bad_frame", False),
        (b'{"type": "ack", "id": "x", "seq": -1}', "bad_frame", False),
        (b'{"type": "ack", "id": "x", "seq": true}', "bad_frame", False),
        (b'{"type": "ack", "id": "x", "seq": 1.5}', "bad_frame", False),
        (b'{"type": "join", "room": "general", "since": "3"}', "bad_frame", False),
        (b'{"type": "joined", "room": "g", "members": "An", "last_seq": 1}', "bad_frame", False),
        (b'{"type": "say", "room": "g", "id": "x", "text": "\\ud800"}', "bad_frame", False),
    ],
)
def test_invalid_frames_raise_the_documented_error(frame, code, fatal):
    with pytest.raises(RemoteProtocolError) as raised:
        decode_frame(frame)
    assert (raised.value.code, raised.value.fatal) == (code, fatal)
    assert raised.value.message


def test_text_length_limit():
    ok = json.dumps({"type": "say", "room": "g", "id": "x", "text": "ộ" * MAX_TEXT_CHARS})
    assert decode_frame(ok.encode()).text == "ộ" * MAX_TEXT_CHARS
    too_long = json.dumps({"type": "say", "room": "g", "id": "x", "text": "a" * 8_001})
    with pytest.raises(RemoteProtocolError) as raised:
        decode_frame(too_long.encode())
    assert (raised.value.code, raised.value.fatal) == ("text_too_long", False)


def test_ids_longer_than_64_characters_are_refused():
    frame = json.dumps({"type": "say", "room": "g", "id": "x" * 65, "text": "a"})
    with pytest.raises(RemoteProtocolError) as raised:
        decode_frame(frame.encode())
    assert raised.value.code == "bad_frame"


def test_the_largest_possible_message_still_fits_in_a_frame():
    worst = Message(
        room="r" * 64,
        seq=2**63 - 1,
        id="\x01" * 64,
        sender="\x01" * 64,
        ts=2**63 - 1,
        text="\x01" * MAX_TEXT_CHARS,
    )
    assert len(encode_event(worst)) <= 65_537


def test_encoding_a_frame_over_the_limit_is_our_error():
    with pytest.raises(LocalProtocolError):
        encode_event(Joined(room="g", members=tuple(f"{i:060d}" for i in range(2_000)), last_seq=0))
