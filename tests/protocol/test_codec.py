"""Frames <-> events: every type round-trips; invalid frames raise the right errors."""

from __future__ import annotations

import dataclasses
import json

import pytest

from messenger.protocol import (
    Ack,
    ApprovalCommit,
    ApprovalNonce,
    ApprovalReveal,
    Bye,
    CreateRoom,
    Error,
    Hello,
    History,
    HistoryPage,
    Join,
    Joined,
    Leave,
    LocalProtocolError,
    Member,
    MemberList,
    Message,
    PasswordConfirm,
    PasswordReply,
    PasswordStart,
    People,
    PeopleList,
    PeoplePart,
    Permissions,
    Ping,
    Pong,
    Presence,
    Read,
    RemoteProtocolError,
    Rename,
    Renamed,
    RoomInfo,
    RoomList,
    RoomReset,
    Rooms,
    RoomState,
    RoomUpdate,
    Say,
    SetTopic,
    Welcome,
    decode_frame,
    encode_event,
    event_to_object,
)
from messenger.protocol.codec import CLIENT_TYPES, HOST_TYPES
from messenger.protocol.limits import (
    MAX_FRAME_BYTES,
    MAX_ID_CHARS,
    MAX_ROOM_CHARS,
    MAX_TEXT_CHARS,
)

VIETNAMESE = "Tiếng Việt có dấu: ầ ẫ ỗ ữ ặ ệ ợ — Nguyễn Thị Ánh"
EMOJI = "😀🍜👋🏽👨‍👩‍👧 🇻🇳"
MARKUP = "<b>không đậm</b> <i>x</i> &amp; <script>alert('x')</script> &lt;"
TEXT = f'{VIETNAMESE} — {EMOJI} — {MARKUP} & "quotes" \\ tab\tline\nline 2'

USER = "0123456789abcdef" * 4
OTHER_USER = "fedcba9876543210" * 4

REFERENCED = [
    Join(room="general", since=3, ref="1"),
    Say(room="general", id="m-1", text="x", ref="2"),
    Leave(room="general", ref="3"),
    Ping(ref="4"),
    History(room="general", before=9, limit=40, ref="5"),
    Rooms(ref="6"),
    CreateRoom(room="a", topic="t", ref="7"),
    SetTopic(room="a", topic="t", ref="8"),
    Read(room="a", seq=1, ref="r" * 64),
    Joined(room="a", members=(), last_seq=3, ref="1"),
    Ack(id="m-1", seq=8, room="general", ref="2"),
    Ack(id="m-1", seq=8, room="general"),
    HistoryPage(room="general", before=9, messages=(), ref="5"),
    RoomList(rooms=(), ref="6"),
    Pong(ref="4"),
    Error(code="not_in_room", message="", room="a", ref="8"),
]
"""Requests with a ``ref``, and the answers that echo it."""

EVERY_EVENT = [
    Hello(name="Nguyễn Văn An", client="c-1"),
    Hello(name="😀", client="4be0c4c8b2a74f0f9b1d2e6c5a7d9e10"),
    Hello(name="An", client="c-2", features=("approval", "password")),
    Join(room="general"),
    Join(room="general", since=0),
    Join(room="phòng-họp", since=42),
    Join(room="general", since=42, last_id="m-42"),
    Say(room="general", id="m-1", text=TEXT),
    Say(room="general", id="m-2", text="<b>x</b>"),
    Leave(room="general"),
    Ping(),
    History(room="general", before=50, limit=100),
    HistoryPage(
        room="general",
        before=3,
        messages=(
            Message(room="general", seq=1, id="a", sender="An", ts=1, text=TEXT),
            Message(room="general", seq=2, id="b", sender="Bình", ts=2, text="ừ 😀"),
            Message(room="general", seq=3, id="c", sender="Chi", ts=3, text="ok", user=USER),
        ),
    ),
    HistoryPage(room="general", before=1, messages=()),
    Welcome(host="h" * 32, session="Phòng kế toán 🧮", you="An (2)"),
    Welcome(host="h" * 32, session="Phòng", you="An", epoch="e" * 32),
    Welcome(host="h", session="Phòng", you="An", epoch="e", user=USER, features=("approval",)),
    RoomReset(room="general", epoch="e2"),
    Joined(
        room="general",
        members=(Member("An", USER), Member("Bình", OTHER_USER), Member("Chi 🌸")),
        last_seq=7,
    ),
    Joined(room="general", members=(), last_seq=0),
    MemberList(room="general", members=(Member("Dũng", USER), Member("Em"))),
    Message(room="general", seq=8, id="m-1", sender="Bình", ts=1_700_000_000_000, text=TEXT),
    Message(room="general", seq=2**63 - 1, id="z", sender="<b>Ánh</b>", ts=0, text=MARKUP),
    Message(room="general", seq=9, id="m-9", sender="An", ts=5, text="x", user=USER),
    Ack(id="m-1", seq=8),
    Presence(room="general", name="Chi", status="joined"),
    Presence(room="general", name="Chi", status="left"),
    Presence(room="general", name="Chi", status="joined", user=OTHER_USER),
    Pong(),
    Error(code="bad_frame", message="field 'text' must be a string"),
    Error(code="storage_error", message=""),
    Error(code="storage_error", message="full", id="m-1", problem="disk_full"),
    Bye(reason="session_ended", message="Máy chủ đã kết thúc phiên."),
    Bye(reason="session_ended"),
    ApprovalCommit(commitment="ab" * 32),
    ApprovalNonce(nonce="cd" * 32),
    ApprovalReveal(nonce="ef" * 32),
    PasswordStart(spake="QUJD" * 11),
    PasswordReply(spake="QkJD" * 11, confirm="x" * 43),
    PasswordConfirm(confirm="y" * 43),
    Rooms(),
    CreateRoom(room="kế-toán", topic="Sổ sách quý 4 📊"),
    CreateRoom(room="du-an"),
    SetTopic(room="kế-toán", topic=""),
    SetTopic(room=f"dm:{USER}:{OTHER_USER}", topic="Hai ta"),
    Read(room="general", seq=41),
    RoomList(rooms=(RoomInfo("general", "", 300), RoomInfo("kế-toán", "Sổ sách", 12))),
    RoomList(rooms=()),
    RoomUpdate(room="kế-toán", topic="Quyết toán", members=13),
    Welcome(
        host="h",
        session="Phòng",
        you="An",
        user=USER,
        rooms=(RoomState("general", 120, 118), RoomState(f"dm:{OTHER_USER}:{USER}", 3)),
    ),
    Joined(room="kế-toán", members=(Member("An", USER),), last_seq=3, topic="Sổ sách"),
    Rename(name="Ánh Nguyễn"),
    Rename(name="Chi", ref="r-9"),
    Renamed(user=USER, name="Ánh Nguyễn", was="An"),
    Renamed(user=None, name="Chi", was="C", ref="r-9"),
    People(),
    People(ref="p-1"),
    PeoplePart(people=(Member("An", USER),)),
    PeopleList(people=(Member("Bình", OTHER_USER), Member("Chi 🌸", USER)), ref="p-1"),
    PeopleList(people=()),
    Permissions(permissions=("announce",)),
    Permissions(),
    *REFERENCED,
]


def ident(event) -> str:
    return type(event).__name__


def decode_obj(obj: dict) -> object:
    return decode_frame(json.dumps(obj, ensure_ascii=False).encode())


def raised_by(frame: bytes) -> RemoteProtocolError:
    with pytest.raises(RemoteProtocolError) as raised:
        decode_frame(frame)
    assert raised.value.message
    return raised.value


# --- round trips --------------------------------------------------------------


def test_every_frame_type_is_in_the_list():
    covered = {type(e).TYPE for e in EVERY_EVENT}
    assert covered == CLIENT_TYPES | HOST_TYPES
    assert not CLIENT_TYPES & HOST_TYPES


@pytest.mark.parametrize("event", EVERY_EVENT, ids=ident)
def test_every_frame_type_round_trips(event):
    frame = encode_event(event)
    assert frame.endswith(b"\n") and frame.count(b"\n") == 1
    assert decode_frame(frame[:-1]) == event


@pytest.mark.parametrize("event", EVERY_EVENT, ids=ident)
def test_frames_are_compact_utf8_json_with_type_first(event):
    frame = encode_event(event)
    assert b"\\u" not in frame  # UTF-8, not ASCII escapes
    text = frame.decode("utf-8")
    assert text.startswith('{"type":"' + event.TYPE + '"')
    compact = json.dumps(event_to_object(event), ensure_ascii=False, separators=(",", ":"))
    assert text == compact + "\n"


@pytest.mark.parametrize("kind", [bytes, bytearray, memoryview])
def test_decode_accepts_any_bytes_like(kind):
    assert decode_frame(kind(b'{"type":"ping"}')) == Ping()


@pytest.mark.parametrize(
    "text", [VIETNAMESE, EMOJI, MARKUP, TEXT], ids=["vi", "emoji", "markup", "all"]
)
def test_text_is_kept_verbatim(text):
    say = Say(room="general", id="x", text=text)
    frame = encode_event(say)
    assert json.loads(frame)["text"] == text
    assert decode_frame(frame[:-1]).text == text
    if text != TEXT:  # no quote, backslash or control character to escape
        assert text.encode("utf-8") in frame


def test_markup_is_not_escaped_on_the_wire():
    frame = encode_event(Say(room="g", id="x", text="<b>x</b>"))
    assert frame == b'{"type":"say","room":"g","id":"x","text":"<b>x</b>"}\n'


def test_message_sender_is_from_on_the_wire():
    frame = encode_event(Message(room="general", seq=1, id="x", sender="Ánh", ts=5, text="ừ"))
    expected = (
        '{"type":"message","room":"general","seq":1,"id":"x","from":"Ánh","ts":5,"text":"ừ"}\n'
    )
    assert frame == expected.encode()
    obj = json.loads(frame)
    assert "sender" not in obj and obj["from"] == "Ánh"
    assert decode_frame(frame[:-1]).sender == "Ánh"


def test_a_message_with_sender_instead_of_from_is_bad():
    obj = {"type": "message", "room": "g", "seq": 1, "id": "x", "sender": "A", "ts": 1, "text": "t"}
    with pytest.raises(RemoteProtocolError) as raised:
        decode_obj(obj)
    assert raised.value.code == "bad_frame"


def test_join_without_since_leaves_the_key_out():
    assert json.loads(encode_event(Join(room="general"))) == {"type": "join", "room": "general"}
    assert json.loads(encode_event(Join(room="general", since=0))) == {
        "type": "join",
        "room": "general",
        "since": 0,
    }


@pytest.mark.parametrize(
    "frame", [b'{"type":"join","room":"g"}', b'{"type":"join","room":"g","since":null}']
)
def test_join_without_since_decodes_to_none(frame):
    assert decode_frame(frame) == Join(room="g", since=None)


def test_a_history_page_lists_messages_without_type_or_room():
    page = HistoryPage(room="r", before=2, messages=(Message("r", 1, "a", "An", 5, "x"),))
    assert json.loads(encode_event(page)) == {
        "type": "history_page",
        "room": "r",
        "before": 2,
        "messages": [{"seq": 1, "id": "a", "from": "An", "ts": 5, "text": "x"}],
    }


def test_history_page_messages_get_the_room_of_the_page():
    frame = (
        b'{"type":"history_page","room":"r","before":9,'
        b'"messages":[{"seq":1,"id":"a","from":"An","ts":5,"text":"x"}]}'
    )
    page = decode_frame(frame)
    assert page.messages == (Message("r", 1, "a", "An", 5, "x"),)


@pytest.mark.parametrize(
    "frame, event",
    [
        (b'{"type":"ping","future":{"x":1}}', Ping()),
        (b'{ "ping": 1, "type" : "ping" }', Ping()),
        (b'{"type":"error","code":"x"}', Error(code="x", message="")),
        (b'{"type":"error","code":"x","message":null}', Error(code="x", message="")),
        (b'{"type":"bye","reason":"session_ended"}', Bye(reason="session_ended")),
        (b'{"type":"ack","seq":3,"id":"m"}', Ack(id="m", seq=3)),
        (b'{"type":"say","room":"g","id":"x","text":"\\u1ea7"}', Say("g", "x", "ầ")),
        (b'{"type":"say","room":"g","id":"x","text":"\\ud83d\\ude00"}', Say("g", "x", "😀")),
    ],
)
def test_lenient_where_the_spec_says_so(frame, event):
    assert decode_frame(frame) == event


# --- limits ---------------------------------------------------------------------


def say_obj(**changes) -> dict:
    obj = {"type": "say", "room": "general", "id": "m-1", "text": "hi"}
    obj.update(changes)
    return obj


@pytest.mark.parametrize("char", ["a", "ộ", "😀"])
def test_text_of_the_maximum_length_is_accepted(char):
    text = char * MAX_TEXT_CHARS
    assert decode_obj(say_obj(text=text)).text == text


@pytest.mark.parametrize("char", ["a", "ộ", "😀"])
def test_text_one_over_the_maximum_is_text_too_long(char):
    with pytest.raises(RemoteProtocolError) as raised:
        decode_obj(say_obj(text=char * (MAX_TEXT_CHARS + 1)))
    assert (raised.value.code, raised.value.fatal) == ("text_too_long", False)


@pytest.mark.parametrize(("field", "limit"), [("id", MAX_ID_CHARS), ("room", MAX_ROOM_CHARS)])
def test_ids_and_rooms_up_to_their_limit_are_accepted(field, limit):
    event = decode_obj(say_obj(**{field: "x" * limit}))
    assert getattr(event, field) == "x" * limit


@pytest.mark.parametrize(("field", "limit"), [("id", MAX_ID_CHARS), ("room", MAX_ROOM_CHARS)])
def test_ids_and_rooms_beyond_their_limit_are_bad_frames(field, limit):
    with pytest.raises(RemoteProtocolError) as raised:
        decode_obj(say_obj(**{field: "x" * (limit + 1)}))
    assert (raised.value.code, raised.value.fatal) == ("bad_frame", False)


def test_a_direct_conversations_name_fits_a_room_field():
    room = f"dm:{USER}:{OTHER_USER}"
    assert decode_obj(say_obj(room=room)).room == room


@pytest.mark.parametrize("value, ok", [(2**63 - 1, True), (2**63, False), (0, True)])
def test_integers_below_2_63(value, ok):
    frame = json.dumps({"type": "ack", "id": "m", "seq": value}).encode()
    if ok:
        assert decode_frame(frame) == Ack(id="m", seq=value)
    else:
        assert raised_by(frame).code == "bad_frame"


def test_the_largest_possible_message_still_fits_in_a_frame():
    worst = Message(
        room="r" * 64,
        seq=2**63 - 1,
        id="\x01" * 64,
        sender="\x01" * 64,
        ts=2**63 - 1,
        text="\x01" * MAX_TEXT_CHARS,
    )
    assert len(encode_event(worst)) <= MAX_FRAME_BYTES + 1


@pytest.mark.parametrize(
    "event",
    [
        Say(room="general", id="m", text="a\ud800b"),
        Hello(name="\udc00", client="c"),
        Message(room="g", seq=1, id="x", sender="An", ts=1, text="\ud83d"),
    ],
    ids=ident,
)
def test_encoding_an_unpaired_surrogate_is_our_error(event):
    with pytest.raises(LocalProtocolError) as raised:
        encode_event(event)
    assert "surrogate" in raised.value.message


def say_of_frame_size(size: int) -> Say:
    """A ``say`` whose frame is exactly ``size`` bytes, newline not counted."""
    base = len(encode_event(Say(room="g", id="x", text=""))) - 1
    return Say(room="g", id="x", text="x" * (size - base))


def test_a_frame_of_exactly_the_limit_can_be_encoded():
    frame = encode_event(say_of_frame_size(MAX_FRAME_BYTES))
    assert len(frame) == MAX_FRAME_BYTES + 1 and frame.endswith(b"\n")


def test_a_frame_one_byte_over_the_limit_cannot_be_encoded():
    with pytest.raises(LocalProtocolError) as raised:
        encode_event(say_of_frame_size(MAX_FRAME_BYTES + 1))
    assert "exceeds the limit" in raised.value.message


def test_encoding_a_frame_over_the_limit_is_our_error():
    with pytest.raises(LocalProtocolError) as raised:
        encode_event(
            Joined(room="g", members=tuple(Member(f"{i:060d}") for i in range(2_000)), last_seq=0)
        )
    assert raised.value.fatal


# --- errors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "frame, code",
    [
        (b"\xff\xfe", "invalid_utf8"),
        (b'{"type":"say","room":"g","id":"x","text":"\xc3\x28"}', "invalid_utf8"),
        (b'{"type":"ping","x":"\xed\xa0\x80"}', "invalid_utf8"),  # encoded surrogate
        (b"\xc0\xaf", "invalid_utf8"),  # overlong
        (b"", "invalid_json"),
        (b'{"type": "ping"', "invalid_json"),
        (b"{oops}", "invalid_json"),
        (b"{'type': 'ping'}", "invalid_json"),
        (b'{"type":"ping"} {"type":"ping"}', "invalid_json"),
        (b"[" * 40_000 + b"]" * 40_000, "invalid_json"),  # too deep to parse
        (b"[1, 2]", "invalid_frame"),
        (b'[{"type":"ping"}]', "invalid_frame"),
        (b"42", "invalid_frame"),
        (b'"ping"', "invalid_frame"),
        (b"null", "invalid_frame"),
    ],
)
def test_unreadable_frames_are_fatal(frame, code):
    error = raised_by(frame)
    assert (error.code, error.fatal) == (code, True)


@pytest.mark.parametrize(
    "frame",
    [
        b'{"no_type": 1}',
        b'{"type": "dance"}',
        b'{"type": "Ping"}',
        b'{"type": ""}',
        b'{"type": 5}',
        b'{"type": null}',
        b'{"type": ["ping"]}',
    ],
)
def test_unknown_types_are_not_fatal(frame):
    error = raised_by(frame)
    assert (error.code, error.fatal) == ("unknown_type", False)


@pytest.mark.parametrize(
    "obj",
    [
        say_obj(text=None),
        {"type": "say", "room": "general", "id": "x"},  # missing text
        {"type": "hello", "name": "An", "client": "c"},  # missing version
        {"type": "hello", "version": 2, "client": "c"},  # missing name
        {"type": "welcome", "version": 2, "host": "h", "session": "s"},  # missing you
        {"type": "ack", "id": "x"},  # missing seq
        say_obj(id=5),
        say_obj(room=""),
        say_obj(text=""),
        say_obj(text=["a"]),
        say_obj(text="\ud800"),  # unpaired surrogate, as a JSON escape
        say_obj(text="a\udfffb"),
        say_obj(room="\ud83d"),
        {"type": "hello", "version": True, "name": "An", "client": "c"},
        {"type": "hello", "version": 2.0, "name": "An", "client": "c"},
        {"type": "ack", "id": "x", "seq": -1},
        {"type": "ack", "id": "x", "seq": True},
        {"type": "ack", "id": "x", "seq": False},
        {"type": "ack", "id": "x", "seq": 1.5},
        {"type": "ack", "id": "x", "seq": "1"},
        {"type": "message", "room": "g", "seq": -5, "id": "x", "from": "A", "ts": 1, "text": "t"},
        {"type": "join", "room": "general", "since": "3"},
        {"type": "join", "room": "general", "since": -1},
        {"type": "join", "room": "general", "since": True},
        {"type": "history", "room": "g", "before": 1, "limit": -1},
        {"type": "joined", "room": "g", "members": "An", "last_seq": 1},
        {"type": "joined", "room": "g", "members": ["An"], "last_seq": 1},
        {"type": "joined", "room": "g", "members": [{"name": "An"}, {"name": ""}], "last_seq": 1},
        {"type": "joined", "room": "g", "members": [{"name": 3}], "last_seq": 1},
        {
            "type": "joined",
            "room": "g",
            "members": [{"name": "A", "user": "AB" * 32}],
            "last_seq": 1,
        },
        {"type": "joined", "room": "g", "members": [{"name": "A", "user": "ab"}], "last_seq": 1},
        {
            "type": "message",
            "room": "g",
            "seq": 1,
            "id": "x",
            "from": "A",
            "ts": 1,
            "text": "t",
            "user": 5,
        },
        {"type": "presence", "room": "g", "name": "A", "status": "joined", "user": "z" * 64},
        {"type": "welcome", "version": 2, "host": "h", "session": "s", "you": "A", "user": ""},
        {"type": "hello", "version": 2, "name": "A", "client": "c", "features": "approval"},
        {"type": "hello", "version": 2, "name": "A", "client": "c", "features": [""]},
        {"type": "hello", "version": 2, "name": "A", "client": "c", "features": ["f"] * 65},
        {"type": "presence", "room": "g", "name": "n" * 65, "status": "joined", "members": []},
        {"type": "history_page", "room": "r", "before": 2, "messages": [{"seq": 1}]},
        {"type": "history_page", "room": "r", "before": 2, "messages": ["x"]},
        {"type": "history_page", "room": "r", "before": 2, "messages": {}},
        {"type": "error", "code": "x", "message": "m" * 2_001},
        {"type": "error", "code": "x", "message": 5},
    ],
    ids=lambda obj: json.dumps(obj)[:60],
)
def test_invalid_fields_are_non_fatal_bad_frames(obj):
    error = raised_by(json.dumps(obj).encode())
    assert (error.code, error.fatal) == ("bad_frame", False)


def test_a_raw_backslash_ud800_escape_is_a_bad_frame():
    error = raised_by(rb'{"type":"say","room":"g","id":"x","text":"\ud800"}')
    assert (error.code, error.fatal) == ("bad_frame", False)


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        'quotes " and \\\\ backslash',
        "tab\tnew\nline\r\x00\x1f\x7f",
        "Tiếng Việt 😀🍜",
        "\u2028\u2029",
        "</script>",
        "a" * 8_000,
    ],
    ids=["plain", "quotes", "controls", "unicode", "separators", "markup", "long"],
)
def test_the_hot_path_encoders_match_encode_event(text):
    from messenger.protocol.codec import encode_ack, encode_message, encode_presence

    message = Message(
        room='phòng "1"', seq=2**40, id=text[:64], sender=text[:64], ts=1_764_000_000_000, text=text
    )
    assert encode_message(message) == encode_event(message)
    with_user = dataclasses.replace(message, user=USER)
    assert encode_message(with_user) == encode_event(with_user)
    announced = dataclasses.replace(with_user, kind="announcement")
    assert encode_message(announced) == encode_event(announced)
    ack = Ack(id=text[:64], seq=7, room=message.room)
    assert encode_ack(text[:64], 7, message.room) == encode_event(ack)
    with_ref = dataclasses.replace(ack, ref=text[:64])
    assert encode_ack(text[:64], 7, message.room, text[:64]) == encode_event(with_ref)
    presence = Presence(room=message.room, name=text[:64], status="joined")
    assert encode_presence(presence) == encode_event(presence)
    with_user = dataclasses.replace(presence, user=USER, status=text[:64])
    assert encode_presence(with_user) == encode_event(with_user)


@pytest.mark.parametrize("ref", [None, "1", 'r "7" \\', "Tiếng 😀", "\u2028", "r" * 64])
@pytest.mark.parametrize("topic", ["", "Sổ sách"])
def test_the_member_list_encoder_matches_encode_event_with_a_ref(ref, topic):
    from messenger.protocol.codec import encode_member, encode_member_list

    members = (Member("An", USER), Member('B "2"'))
    joined = Joined(room="kế-toán", members=members, last_seq=3, topic=topic, ref=ref)
    entries = [encode_member(m) for m in members]
    assert encode_member_list("kế-toán", entries, 3, topic, ref) == encode_event(joined)


@pytest.mark.parametrize("ref", [None, "1", 'r "7" \\', "Tiếng 😀", "r" * 64])
def test_the_people_list_encoder_matches_encode_event(ref):
    from messenger.protocol.codec import encode_member, encode_people_list

    people = (Member("An", USER), Member('B "2"', OTHER_USER))
    entries = [encode_member(m) for m in people]
    assert encode_people_list(entries, ref) == encode_event(PeopleList(people, ref))


@pytest.mark.parametrize("ref", [None, "1", 'r "7" \\', "Tiếng 😀"])
@pytest.mark.parametrize("count", [0, 1, 3])
def test_the_room_list_encoder_matches_encode_event(ref, count):
    from messenger.protocol.codec import encode_room_info, encode_room_list_head

    rooms = (RoomInfo("general", "", 2_000), RoomInfo('Phòng "họp" 😀', "Chủ đề", 0))
    rooms += (RoomInfo("x\\y", "a\nb", 7),)
    listed = rooms[:count]
    entries = [encode_room_info(info) for info in listed]
    assert encode_room_list_head(entries, ref) == encode_event(RoomList(listed, ref))


def test_a_people_list_too_long_for_one_frame_comes_in_parts_that_each_fit():
    from messenger.protocol.codec import encode_member, encode_people_list

    people = [Member(f"Người thứ {n:04d} " + "ừ" * 40, f"{n:064x}") for n in range(5_000)]
    frames = encode_people_list([encode_member(m) for m in people], "r").splitlines()
    events = [decode_frame(frame) for frame in frames]
    assert all(len(frame) + 1 <= MAX_FRAME_BYTES for frame in frames)
    assert [type(e) for e in events] == [PeoplePart] * (len(events) - 1) + [PeopleList]
    assert len(events) > 5
    assert [m for e in events for m in e.people] == people
    assert events[-1].ref == "r"


def test_an_announcement_is_a_message_with_a_kind_and_a_welcome_may_give_permissions():
    say = decode_frame(
        '{"type":"say","room":"general","id":"a1","text":"Họp 3h","kind":"announcement"}'.encode()
    )
    assert say == Say(room="general", id="a1", text="Họp 3h", kind="announcement")
    plain = decode_frame(
        b'{"type":"message","room":"general","seq":1,"id":"a","from":"An","ts":1,"text":"x"}'
    )
    assert plain.kind is None  # (absent: an ordinary message, as hosts of earlier versions send)
    welcome = Welcome(host="h", session="s", you="An", permissions=("announce",))
    assert event_to_object(welcome)["permissions"] == ["announce"]
    assert "permissions" not in event_to_object(Welcome(host="h", session="s", you="An"))
    assert decode_frame(encode_event(welcome)[:-1]) == welcome


OLD_FRAMES = [
    ({"type": "ack", "id": "m-1", "seq": 8}, Ack(id="m-1", seq=8, room=None, ref=None)),
    ({"type": "pong"}, Pong(ref=None)),
    ({"type": "ping"}, Ping(ref=None)),
    ({"type": "join", "room": "general"}, Join(room="general", ref=None)),
    (
        {"type": "say", "room": "general", "id": "m", "text": "hi"},
        Say(room="general", id="m", text="hi", ref=None),
    ),
    ({"type": "error", "code": "c", "message": ""}, Error(code="c", message="", ref=None)),
    (
        {"type": "joined", "room": "general", "members": [], "last_seq": 0},
        Joined(room="general", members=(), last_seq=0, ref=None),
    ),
]


@pytest.mark.parametrize(("obj", "event"), OLD_FRAMES, ids=lambda v: str(v)[:30])
def test_frames_of_earlier_versions_without_ref_or_room_still_decode(obj, event):
    assert decode_obj(obj) == event


def test_a_refused_frame_carries_its_ref_when_valid():
    error = raised_by(b'{"type":"say","room":"general","id":"m","text":"","ref":"r-1"}')
    assert (error.code, error.ref) == ("bad_frame", "r-1")
    assert raised_by(b'{"type":"nope","ref":"r-2"}').ref == "r-2"
    assert raised_by(b'{"type":"say","room":"general","ref":7}').ref is None
    assert raised_by(b'{"type":"ping","ref":""}').ref is None
    assert raised_by(('{"type":"ping","ref":"' + "r" * 65 + '"}').encode()).ref is None


@pytest.mark.parametrize("ref", ["r", "Tiếng 😀", "\x00" * 64, 'q"' * 32])
def test_ref_bytes_is_what_a_ref_adds_to_a_frame(ref):
    from messenger.protocol.codec import ref_bytes

    added = len(encode_event(Pong(ref=ref))) - len(encode_event(Pong()))
    assert ref_bytes(ref) == added and ref_bytes(None) == 0
