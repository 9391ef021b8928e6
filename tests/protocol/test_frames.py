"""The frame table (events.FRAMES): one declaration per frame drives the codec, the
direction sets and the unions; every frame round-trips as its table entry says."""

from __future__ import annotations

import dataclasses
import json
from typing import Any, ClassVar, get_args

import pytest

from messenger.protocol import codec, events
from messenger.protocol.codec import decode_frame, encode_event, event_to_object
from messenger.protocol.errors import RemoteProtocolError
from messenger.protocol.events import FRAMES, Member, Message, RoomInfo, RoomState
from messenger.protocol.frames import (
    CLIENT_TO_HOST,
    FIELD_KINDS,
    HOST_TO_CLIENT,
    OPTIONAL_KINDS,
    Field,
    FrameSpec,
    FrameTable,
)

USER = "0123456789abcdef" * 4
SPECS = list(FRAMES.values())


def spec_id(spec: FrameSpec) -> str:
    return spec.frame_type


# --- the table agrees with itself and with the rest of the package -------------


def test_the_unions_are_the_tables_two_directions():
    assert set(get_args(events.ClientEvent)) == {s.cls for s in FRAMES.sent_by(CLIENT_TO_HOST)}
    assert set(get_args(events.HostEvent)) == {s.cls for s in FRAMES.sent_by(HOST_TO_CLIENT)}
    assert set(get_args(events.Event)) == {s.cls for s in SPECS}


def test_the_type_sets_come_from_the_table():
    assert events.CLIENT_TYPES == {s.frame_type for s in SPECS if s.direction is CLIENT_TO_HOST}
    assert events.HOST_TYPES == {s.frame_type for s in SPECS if s.direction is HOST_TO_CLIENT}
    assert events.CLIENT_TYPES | events.HOST_TYPES == set(FRAMES)
    assert not events.CLIENT_TYPES & events.HOST_TYPES
    assert codec.CLIENT_TYPES == events.CLIENT_TYPES
    assert codec.HOST_TYPES == events.HOST_TYPES


def test_the_admission_frames_are_those_of_section_7():
    assert events.ADMISSION_CLIENT_TYPES == {"approval_nonce", "password_start", "password_confirm"}
    assert events.ADMISSION_HOST_TYPES == {"approval_commit", "approval_reveal", "password_reply"}


def test_every_event_class_with_a_type_is_in_the_table():
    """(A class given a TYPE but not ``@frame`` would be a frame nobody can decode.)"""
    declared = [c for c in vars(events).values() if isinstance(c, type) and hasattr(c, "TYPE")]
    assert len(declared) == len(FRAMES)
    for cls in declared:
        assert FRAMES.of(cls).cls is cls


@pytest.mark.parametrize("spec", SPECS, ids=spec_id)
def test_each_entry_matches_its_class(spec: FrameSpec):
    assert spec.frame_type == spec.cls.TYPE
    assert FRAMES[spec.frame_type] is spec
    assert sorted(f.attr for f in spec.fields) == sorted(
        f.name for f in dataclasses.fields(spec.cls)
    )
    wires = [f.wire for f in spec.fields]
    assert len(set(wires)) == len(wires) and "type" not in wires
    assert all(f.kind in FIELD_KINDS for f in spec.fields)


def test_the_codec_reads_its_schemas_from_the_table():
    assert codec._SCHEMAS == {s.cls: s.fields for s in SPECS}


def test_a_field_is_named_as_its_attribute_unless_told_and_optional_by_its_kind():
    assert Field("room", "id").wire == "room"
    assert Field("sender", "name", wire="from").wire == "from"
    for kind in FIELD_KINDS:
        assert Field("x", kind).required is (kind not in OPTIONAL_KINDS)


def test_a_class_that_is_not_a_frame_has_no_entry():
    with pytest.raises(KeyError):
        FRAMES.of(Member)


# --- a table refuses declarations that cannot work ------------------------------


@dataclasses.dataclass(frozen=True)
class _Shout:
    TYPE: ClassVar[str] = "shout"
    room: str
    text: str


def test_a_table_lists_a_declared_frame():
    table = FrameTable()
    table.frame(CLIENT_TO_HOST, Field("room", "id"), Field("text", "text"))(_Shout)
    assert list(table) == ["shout"] and len(table) == 1
    assert table.of(_Shout).fields == (Field("room", "id"), Field("text", "text"))
    assert table.types(CLIENT_TO_HOST) == {"shout"} and table.types(HOST_TO_CLIENT) == set()
    assert table.admission_types(CLIENT_TO_HOST) == set()


@pytest.mark.parametrize(
    "fields",
    [(Field("room", "id"),), (Field("room", "id"), Field("text", "text"), Field("x", "int"))],
    ids=["a field left out", "a field the class lacks"],
)
def test_a_schema_that_does_not_match_its_class_fails_at_declaration(fields):
    with pytest.raises(TypeError, match="_Shout: fields"):
        FrameTable().frame(CLIENT_TO_HOST, *fields)(_Shout)


def test_a_type_declared_twice_fails():
    table = FrameTable()
    declare = table.frame(HOST_TO_CLIENT, Field("room", "id"), Field("text", "text"))
    declare(_Shout)
    with pytest.raises(TypeError, match="'shout' is declared twice"):
        declare(_Shout)


# --- every frame of the table round-trips ----------------------------------------

SAMPLES: dict[str, Any] = {
    "id": "i-1",
    "name": "Nguyễn Thị Ánh 🌸",
    "text": "Trưa nay ăn phở nhé? <b>x</b>",
    "message": "words for people",
    "int": 7,
    "opt_int": 3,
    "opt_id": "o-1",
    "opt_user": USER,
    "opt_room": "kế-toán",
    "features": ("approval", "password"),
    "permissions": ("announce",),
    "members": (Member("An", USER), Member("Bình")),
    "room": "dm:" + USER + ":" + "f" * 64,
    "topic": "Kế toán quý 4 📊",
    "room_infos": (RoomInfo("ke-toan", "Sổ sách", 12), RoomInfo("general", "", 300)),
    "room_states": (RoomState("general", 120, 118), RoomState("dm:a:b", 3)),
}
"""A valid value of each kind (``messages`` are made for the page's room)."""


def _page(room: str) -> tuple[Message, ...]:
    return (
        Message(room=room, seq=1, id="a", sender="An", ts=1, text="ừ", user=USER),
        Message(room=room, seq=2, id="c", sender="An", ts=2, text="!", kind="announcement"),
        Message(room=room, seq=3, id="b", sender="Bình", ts=3, text="😀"),
    )


def _full(spec: FrameSpec) -> Any:
    """An event of ``spec`` with every field set."""
    kwargs = {f.attr: SAMPLES[f.kind] for f in spec.fields if f.kind != "messages"}
    kwargs.update({f.attr: _page(kwargs["room"]) for f in spec.fields if f.kind == "messages"})
    return spec.cls(**kwargs)


def _required_only(spec: FrameSpec) -> dict[str, Any]:
    """The frame object of ``_full(spec)`` without its optional fields."""
    obj = event_to_object(_full(spec))
    return {k: v for k, v in obj.items() if k == "type" or _field(spec, k).required}


def _field(spec: FrameSpec, wire: str) -> Field:
    return next(f for f in spec.fields if f.wire == wire)


def _decode(obj: dict[str, Any]) -> Any:
    return decode_frame(json.dumps(obj, ensure_ascii=False).encode())


@pytest.mark.parametrize("spec", SPECS, ids=spec_id)
def test_every_frame_round_trips_with_every_field(spec: FrameSpec):
    event = _full(spec)
    frame = encode_event(event)
    assert decode_frame(frame[:-1]) == event
    assert list(json.loads(frame)) == ["type", *(f.wire for f in spec.fields)]


@pytest.mark.parametrize("spec", SPECS, ids=spec_id)
def test_optional_fields_may_be_left_out_or_null(spec: FrameSpec):
    obj = _required_only(spec)
    with_nulls = {**obj, **{f.wire: None for f in spec.fields if not f.required}}
    event = _decode(obj)
    assert type(event) is spec.cls and _decode(with_nulls) == event
    for field in spec.fields:
        if not field.required:
            assert getattr(event, field.attr) in (None, "", ())


@pytest.mark.parametrize(
    ("spec", "field"),
    [(s, f) for s in SPECS for f in s.fields if f.required],
    ids=lambda x: x.frame_type if isinstance(x, FrameSpec) else x.wire,
)
def test_a_frame_without_a_required_field_is_a_bad_frame(spec: FrameSpec, field: Field):
    obj = _required_only(spec)
    del obj[field.wire]
    with pytest.raises(RemoteProtocolError) as raised:
        _decode(obj)
    assert (raised.value.code, raised.value.fatal) == ("bad_frame", False)
    assert f"lacks field {field.wire!r}" in raised.value.message


@pytest.mark.parametrize("frame_type", ["dance", "Hello", "HELLO", "", "message "])
def test_a_type_not_in_the_table_is_unknown(frame_type: str):
    with pytest.raises(RemoteProtocolError) as raised:
        _decode({"type": frame_type, "room": "general"})
    assert (raised.value.code, raised.value.fatal) == ("unknown_type", False)
