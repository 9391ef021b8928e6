"""The decoders fuzzed (hypothesis, bounded in examples and time): whatever a peer
sends, the only exception that escapes is the protocol's own ``RemoteProtocolError``;
a beacon that is not one is None; and a frame that decodes encodes back to itself."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from messenger.protocol import Connection, RemoteProtocolError, Role, codec
from messenger.protocol.beacon import decode_beacon
from messenger.protocol.codec import CLIENT_TYPES, HOST_TYPES, decode_frame, encode_event

BOUNDED = settings(
    max_examples=200,
    deadline=None,  # (a slow moment of the machine is not a failure)
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,  # the same examples at every run: no flaky failure
)
TYPES = [*sorted(CLIENT_TYPES | HOST_TYPES), "dance", ""]
FIELDS = [
    "version", "name", "client", "features", "room", "since", "last_id", "id", "text",
    "before", "limit", "host", "session", "you", "epoch", "user", "members", "last_seq",
    "seq", "from", "ts", "messages", "status", "code", "message", "problem", "retry_ms",
    "reason", "nonce", "spake", "confirm", "commitment", "port", "kind", "permissions",
]  # fmt: skip
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=80),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)
near_limits = st.sampled_from([-1, 0, 1, 2**31, 2**53 + 1, 2**63 - 1, 2**63, 2**64, 2**70])
values = json_values | near_limits | st.text(min_size=60, max_size=8_100)


short = st.text(min_size=1, max_size=64)
VALID_BY_KIND: dict[str, st.SearchStrategy[Any]] = {
    "id": short,
    "name": short,
    "text": st.text(min_size=1, max_size=100),
    "message": st.text(max_size=50),
    "int": st.integers(min_value=0, max_value=2**63 - 1),
    "opt_int": st.integers(min_value=0, max_value=2**63 - 1),
    "opt_id": short,
    "opt_user": st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
    "features": st.lists(short, max_size=3),
    "permissions": st.lists(short, max_size=3),
}


def _frame_of(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    """A frame of ``kind`` valid but for (mostly) one field, which gets anything."""
    schema = next((f for cls, f in codec._SCHEMAS.items() if cls.TYPE == kind), ())
    valid = st.fixed_dictionaries({f.wire: VALID_BY_KIND.get(f.kind, json_values) for f in schema})
    spoiled = st.sampled_from([f.wire for f in schema] or FIELDS)
    return st.builds(
        lambda frame, name, value: {**frame, name: value, "type": kind}, valid, spoiled, values
    )


frames = st.sampled_from(TYPES).flatmap(_frame_of)


def _decode(line: bytes) -> Any:
    try:
        return decode_frame(line)
    except RemoteProtocolError as error:
        assert error.code and isinstance(error.message, str)
        return None


@BOUNDED
@given(st.binary(max_size=512))
def test_any_bytes_decode_to_an_event_or_a_protocol_error(line: bytes):
    _decode(line)


@settings(BOUNDED, max_examples=1_000)
@given(frames)
def test_any_frame_shape_decodes_or_is_refused_and_what_decodes_encodes_back(
    frame: dict[str, Any],
):
    line = json.dumps(frame, ensure_ascii=False).encode()
    event = _decode(line)
    if event is not None:
        assert decode_frame(encode_event(event).rstrip(b"\n")) == event


@BOUNDED
@given(
    st.lists(st.one_of(frames.map(json.dumps).map(str.encode), st.binary(max_size=64)), max_size=8)
)
def test_a_host_connection_fed_anything_in_any_chunks_raises_only_protocol_errors(
    pieces: list[bytes],
):
    connection = Connection(Role.HOST)
    stream = b"\n".join(pieces) + b"\n"
    for start in range(0, len(stream), 37):  # (cut anywhere: frames span reads)
        connection.receive_data(stream[start : start + 37])
        for _ in range(len(stream)):  # (each step takes a frame or raises: bounded)
            try:
                if connection.next_event() is None:
                    break
            except RemoteProtocolError:
                continue


@BOUNDED
@given(st.one_of(st.binary(max_size=600), frames.map(json.dumps).map(str.encode)))
def test_any_datagram_is_a_beacon_or_none(datagram: bytes):
    decode_beacon(datagram)
