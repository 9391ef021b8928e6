"""Conversion between events and frames (one JSON object per line, UTF-8)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from . import events as ev
from .errors import LocalProtocolError, RemoteProtocolError
from .frames import Field
from .limits import (
    HISTORY_PAGE_LIMIT,
    MAX_FEATURES,
    MAX_FRAME_BYTES,
    MAX_ID_CHARS,
    MAX_LISTED_MEMBERS,
    MAX_LISTED_ROOMS,
    MAX_MESSAGE_CHARS,
    MAX_NAME_CHARS,
    MAX_ROOM_CHARS,
    MAX_TEXT_CHARS,
    MAX_TOPIC_CHARS,
    is_user_id,
)

_SCHEMAS: dict[type[Any], tuple[Field, ...]] = {
    spec.cls: spec.fields for spec in ev.FRAMES.values()
}
_BY_TYPE: dict[str, type[Any]] = {spec.frame_type: spec.cls for spec in ev.FRAMES.values()}
_PAGE_ITEM = tuple(f for f in _SCHEMAS[ev.Message] if f.attr != "room")
CLIENT_TYPES = ev.CLIENT_TYPES
HOST_TYPES = ev.HOST_TYPES


def _bad(message: str, code: str = "bad_frame") -> RemoteProtocolError:
    return RemoteProtocolError(code, message, fatal=False)


QUOTED_CHARS = 40
"""The most of a peer's input an error message repeats (a reply must stay small)."""


def _quoted(value: object) -> str:
    """``value`` as an error message quotes it: its start only, when it is long."""
    text = repr(value)
    return text if len(text) <= QUOTED_CHARS else f"{text[:QUOTED_CHARS]}…"


def _check_str(value: Any, name: str, *, low: int, high: int, code: str = "bad_frame") -> str:
    if not isinstance(value, str):
        raise _bad(f"field {name!r} must be a string")
    if len(value) < low:
        raise _bad(f"field {name!r} must not be empty")
    if len(value) > high:
        raise _bad(f"field {name!r} is longer than {high} characters", code)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _bad(f"field {name!r} holds an unpaired surrogate") from None
    return value


def _check_int(value: Any, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _bad(f"field {name!r} must be a non-negative integer")
    if value > 2**63 - 1:
        raise _bad(f"field {name!r} is too large")
    return value


def _check_user(value: Any, name: str) -> str:
    if not is_user_id(value):
        raise _bad(f"field {name!r} must be a user id (64 lowercase hex digits)")
    return value


def _check_features(value: Any, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) > MAX_FEATURES:
        raise _bad(f"field {name!r} must be a list of at most {MAX_FEATURES} strings")
    return tuple(_check_str(v, name, low=1, high=MAX_ID_CHARS) for v in value)


def _member(item: Any, name: str) -> ev.Member:
    if not isinstance(item, dict):
        raise _bad(f"each of {name!r} must be an object")
    user = item.get("user")
    return ev.Member(
        name=_check_str(item.get("name"), "name", low=1, high=MAX_NAME_CHARS),
        user=None if user is None else _check_user(user, "user"),
    )


ROOM_INFO_FIELDS = (Field("room", "room"), Field("topic", "topic"), Field("members", "int"))
"""The fields of each room of a ``room_list``, in wire order."""
ROOM_STATE_FIELDS = (Field("room", "room"), Field("last_seq", "int"), Field("read", "int"))
"""The fields of each room of a ``welcome``'s ``rooms``, in wire order."""
_ITEMS: dict[str, tuple[type[Any], tuple[Field, ...]]] = {
    "room_infos": (ev.RoomInfo, ROOM_INFO_FIELDS),
    "room_states": (ev.RoomState, ROOM_STATE_FIELDS),
}
"""The list kinds whose items are objects of a schema of their own."""


def _items(field: Field, value: Any) -> tuple[Any, ...]:
    cls, schema = _ITEMS[field.kind]
    if not isinstance(value, list) or len(value) > MAX_LISTED_ROOMS:
        raise _bad(f"field {field.wire!r} must be a list of at most {MAX_LISTED_ROOMS} rooms")
    items = []
    for item in value:
        if not isinstance(item, dict):
            raise _bad(f"each of {field.wire!r} must be an object")
        try:
            items.append(cls(**{f.attr: _checked(f, item.get(f.wire)) for f in schema}))
        except _MissingFieldError as missing:
            raise _bad(f"each of {field.wire!r} needs {missing.args[0]!r}") from None
    return tuple(items)


def _item_object(item: Any, schema: tuple[Field, ...]) -> dict[str, Any]:
    return {f.wire: getattr(item, f.attr) for f in schema}


def _check_list(field: Field, value: Any) -> Any:
    kind, name = field.kind, field.wire
    if kind in _ITEMS:
        return _items(field, value)
    if kind in ("features", "permissions"):
        return _check_features(value, name)
    if kind == "messages":
        if not isinstance(value, list) or len(value) > HISTORY_PAGE_LIMIT:
            raise _bad(f"field {name!r} must be a list of at most {HISTORY_PAGE_LIMIT} messages")
        return tuple(_page_item(item) for item in value)
    if kind == "members":
        if not isinstance(value, list) or len(value) > MAX_LISTED_MEMBERS:
            raise _bad(f"field {name!r} must be a list of members")
        return tuple(_member(item, name) for item in value)
    raise AssertionError(kind)  # pragma: no cover


def _check_field(field: Field, value: Any) -> Any:
    kind, name = field.kind, field.wire
    if kind == "room":
        return _check_str(value, name, low=1, high=MAX_ROOM_CHARS)
    if kind == "opt_room":
        return None if value is None else _check_str(value, name, low=1, high=MAX_ROOM_CHARS)
    if kind == "topic":
        return _check_str(value, name, low=0, high=MAX_TOPIC_CHARS)
    if kind == "id":
        return _check_str(value, name, low=1, high=MAX_ID_CHARS)
    if kind == "name":
        return _check_str(value, name, low=1, high=MAX_NAME_CHARS)
    if kind == "text":
        return _check_str(value, name, low=1, high=MAX_TEXT_CHARS, code="text_too_long")
    if kind == "message":
        return _check_str(value, name, low=0, high=MAX_MESSAGE_CHARS)
    if kind == "int":
        return _check_int(value, name)
    if kind == "opt_int":
        return None if value is None else _check_int(value, name)
    if kind == "opt_id":
        return None if value is None else _check_str(value, name, low=1, high=MAX_ID_CHARS)
    if kind == "opt_user":
        return None if value is None else _check_user(value, name)
    return _check_list(field, value)


def _page_item(item: Any) -> ev.Message:
    if not isinstance(item, dict):
        raise _bad("a history message must be an object")
    kwargs = {f.attr: _check_field(f, item.get(f.wire)) for f in _PAGE_ITEM}
    return ev.Message(room="", **kwargs)


def _fill_page_room(event: ev.Event) -> ev.Event:
    if isinstance(event, ev.HistoryPage):
        messages = tuple(dataclasses.replace(m, room=event.room) for m in event.messages)
        return dataclasses.replace(event, messages=messages)
    return event


_LEFT_OUT_EMPTY = frozenset({"topic", "room_states", "permissions"})
"""Kinds not written when empty (absent means empty; frames of earlier versions)."""
_DEFAULTS: dict[str, Any] = {
    "message": "",
    "topic": "",
    "features": [],
    "permissions": [],
    "room_states": [],
}
"""What a missing field of these kinds means."""


def event_from_object(obj: dict[str, Any]) -> ev.Event:
    """Builds the event for one decoded frame.

    Raises:
        RemoteProtocolError: ``unknown_type`` for a type we do not know, ``bad_frame``
            or ``text_too_long`` for a missing or invalid field (none of them fatal).
    """
    try:
        return _event_of(obj)
    except RemoteProtocolError as error:  # (answered with the request's ref, if valid)
        error.ref = _ref_of(obj)
        raise


def _event_of(obj: dict[str, Any]) -> ev.Event:
    frame_type = obj.get("type")
    cls = _BY_TYPE.get(frame_type) if isinstance(frame_type, str) else None
    if cls is None:
        raise _bad(f"unknown frame type {_quoted(frame_type)}", "unknown_type")
    try:
        kwargs = {field.attr: _checked(field, obj.get(field.wire)) for field in _SCHEMAS[cls]}
    except _MissingFieldError as missing:
        raise _bad(f"{frame_type!r} frame lacks field {missing.args[0]!r}") from None
    event: ev.Event = cls(**kwargs)
    return _fill_page_room(event)


def _ref_of(obj: dict[str, Any]) -> str | None:
    """The ``ref`` of a frame refused, when it is a valid one (else None)."""
    ref = obj.get("ref")
    try:
        return None if ref is None else _check_field(_REF, ref)
    except RemoteProtocolError:
        return None


_REF = Field("ref", "opt_id")


class _MissingFieldError(Exception):
    """A required field is absent (its wire name)."""


def _checked(field: Field, value: Any) -> Any:
    """``value`` of ``field`` checked; what an absent optional field means.

    Raises:
        _MissingFieldError: a required field is absent.
    """
    if value is None and field.kind in _DEFAULTS:
        value = _DEFAULTS[field.kind]
    elif value is None and field.required:
        raise _MissingFieldError(field.wire)
    return _check_field(field, value)


def decode_frame(line: bytes | bytearray | memoryview) -> ev.Event:
    """Decodes one frame (without its newline) into an event.

    Raises:
        RemoteProtocolError: fatal ``invalid_utf8``, ``invalid_json`` or ``invalid_frame``
            when the bytes are not a JSON object; otherwise as ``event_from_object``.
    """
    try:
        text = bytes(line).decode("utf-8")
    except UnicodeDecodeError:
        raise RemoteProtocolError("invalid_utf8", "frame is not valid UTF-8", fatal=True) from None
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError):
        raise RemoteProtocolError("invalid_json", "frame is not valid JSON", fatal=True) from None
    if not isinstance(obj, dict):
        raise RemoteProtocolError("invalid_frame", "frame is not a JSON object", fatal=True)
    return event_from_object(obj)


def event_to_object(event: ev.Event) -> dict[str, Any]:
    """The JSON object of ``event``, ``type`` first."""
    obj: dict[str, Any] = {"type": event.TYPE}
    for field in _SCHEMAS[type(event)]:
        value = getattr(event, field.attr)
        if value is None or (field.kind in _LEFT_OUT_EMPTY and not value):
            continue
        if field.kind in ("features", "permissions"):
            value = list(value)
        elif field.kind == "members":
            value = [_member_object(m) for m in value]
        elif field.kind == "messages":
            value = [_page_object(m) for m in value]
        elif field.kind in _ITEMS:
            value = [_item_object(item, _ITEMS[field.kind][1]) for item in value]
        obj[field.wire] = value
    return obj


def _member_object(member: ev.Member) -> dict[str, str]:
    if member.user is None:
        return {"name": member.name}
    return {"name": member.name, "user": member.user}


def _page_object(message: ev.Message) -> dict[str, Any]:
    obj = {f.wire: getattr(message, f.attr) for f in _PAGE_ITEM}
    for optional in ("user", "kind"):
        if obj[optional] is None:
            del obj[optional]
    return obj


def encode_event(event: ev.Event) -> bytes:
    """The frame of ``event``: compact UTF-8 JSON and a newline.

    Raises:
        LocalProtocolError: the frame would exceed MAX_FRAME_BYTES, or a string holds an
            unpaired surrogate (which UTF-8 cannot encode).
    """
    text = json.dumps(event_to_object(event), ensure_ascii=False, separators=(",", ":"))
    try:
        data = text.encode()
    except UnicodeEncodeError:
        raise LocalProtocolError(f"{event.TYPE!r} frame holds an unpaired surrogate") from None
    if len(data) > MAX_FRAME_BYTES:
        raise LocalProtocolError(f"{event.TYPE!r} frame of {len(data)} bytes exceeds the limit")
    return data + b"\n"


_string = json.encoder.encode_basestring  # the C encoder: a JSON string, UTF-8 kept


def encode_message(message: ev.Message) -> bytes:
    """``encode_event(message)``, byte for byte, on the host's hot path (no dict)."""
    user = "" if message.user is None else f',"user":{_string(message.user)}'
    kind = "" if message.kind is None else f',"kind":{_string(message.kind)}'
    return (
        f'{{"type":"message","room":{_string(message.room)},"seq":{message.seq:d},'
        f'"id":{_string(message.id)},"from":{_string(message.sender)},"ts":{message.ts:d},'
        f'"text":{_string(message.text)}{user}{kind}}}\n'
    ).encode()


def encode_ack(message_id: str, seq: int, room: str, ref: str | None = None) -> bytes:
    """``encode_event(Ack(message_id, seq, room, ref))``, byte for byte, without
    building a dict."""
    tail = "}\n" if ref is None else f',"ref":{_string(ref)}}}\n'
    return (
        f'{{"type":"ack","id":{_string(message_id)},"seq":{seq:d},"room":{_string(room)}{tail}'
    ).encode()


def encode_presence(presence: ev.Presence) -> bytes:
    """``encode_event(presence)``, byte for byte, without building a dict (an office
    arriving makes one for each of every member's joins)."""
    user = "" if presence.user is None else f',"user":{_string(presence.user)}'
    return (
        f'{{"type":"presence","room":{_string(presence.room)},"name":{_string(presence.name)},'
        f'"status":{_string(presence.status)}{user}}}\n'
    ).encode()


def ref_bytes(ref: str | None) -> int:
    """The bytes a ``ref`` field adds to a frame (0 for none)."""
    return 0 if ref is None else len(f',"ref":{_string(ref)}'.encode())


def encode_member(member: ev.Member) -> bytes:
    """A member as an entry of a ``joined`` or ``members`` list (JSON, no newline)."""
    name = _string(member.name)
    if member.user is None:
        return f'{{"name":{name}}}'.encode()
    return f'{{"name":{name},"user":{_string(member.user)}}}'.encode()


def encode_member_list(
    room: str, entries: list[bytes], last_seq: int, topic: str = "", ref: str | None = None
) -> bytes:
    """The frames that give a joining member the room's list (``encode_member``
    entries, in order): ``members`` frames while the rest would not fit one frame,
    then ``joined`` (with the join's ``ref``); the same bytes as ``encode_event`` of
    those events."""
    head = f'{{"type":"joined","room":{_string(room)},"members":['.encode()
    topic_field = f',"topic":{_string(topic)}' if topic else ""
    ref_field = "" if ref is None else f',"ref":{_string(ref)}'
    tail = f'],"last_seq":{last_seq:d}{topic_field}{ref_field}}}\n'.encode()
    part_head = f'{{"type":"members","room":{_string(room)},"members":['.encode()
    return _split_list(entries, head, tail, part_head)


def encode_room_info(info: ev.RoomInfo) -> bytes:
    """A room as an entry of a ``room_list`` (JSON, no newline)."""
    room, topic = _string(info.room), _string(info.topic)
    return f'{{"room":{room},"topic":{topic},"members":{info.members:d}}}'.encode()


def encode_room_list_head(entries: list[bytes], ref: str | None = None) -> bytes:
    """The ``room_list`` frame of ``encode_room_info`` entries (with the request's
    ``ref``); the same bytes as ``encode_event`` of that event. The caller keeps it
    within MAX_FRAME_BYTES."""
    tail = ("]}\n" if ref is None else f'],"ref":{_string(ref)}}}\n').encode()
    return b'{"type":"room_list","rooms":[' + b",".join(entries) + tail


def encode_people_list(entries: list[bytes], ref: str | None = None) -> bytes:
    """The frames that answer ``people`` (``encode_member`` entries, in order):
    ``people_part`` frames while the rest would not fit one frame, then
    ``people_list`` (with the request's ``ref``); the same bytes as ``encode_event``
    of those events."""
    head = b'{"type":"people_list","people":['
    tail = ("]}\n" if ref is None else f'],"ref":{_string(ref)}}}\n').encode()
    return _split_list(entries, head, tail, b'{"type":"people_part","people":[')


def _split_list(entries: list[bytes], head: bytes, tail: bytes, part_head: bytes) -> bytes:
    """``entries`` as a list that ends with ``head`` … ``tail``, preceded by frames of
    ``part_head`` … ``]}`` while the rest would not fit one frame."""
    budget = MAX_FRAME_BYTES - len(head) - len(tail)
    frames: list[bytes] = []
    start, size = 0, 0
    for index, entry in enumerate(entries):
        size += len(entry) + 1
        if size > budget:
            frames.append(part_head + b",".join(entries[start:index]) + b"]}\n")
            start, size = index, len(entry) + 1
    frames.append(head + b",".join(entries[start:]) + tail)
    return b"".join(frames)
