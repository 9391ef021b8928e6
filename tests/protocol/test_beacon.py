"""Discovery beacons: round trip; anything malformed decodes to None, never raises."""

from __future__ import annotations

import json

import pytest

from messenger.protocol import Beacon, decode_beacon, encode_beacon
from messenger.protocol.beacon import MAX_BEACON_BYTES
from messenger.protocol.limits import MAX_NAME_CHARS, PROTOCOL_VERSION

GOOD = {"type": "beacon", "version": 2, "host": "h", "session": "s", "port": 5005, "members": 1}


def variant(**changes) -> bytes:
    """A valid beacon with ``changes``; a value of ``...`` drops the key."""
    obj = {**GOOD, **changes}
    return json.dumps({k: v for k, v in obj.items() if v is not ...}).encode()


@pytest.mark.parametrize(
    "beacon",
    [
        Beacon(host="a" * 32, session="Phòng Kỹ thuật 🛠", port=5005, members=12),
        Beacon(host="8f1c", session="Phòng họp", port=1, members=0),
        Beacon(host="h", session="<b>đậm</b>", port=65_535, members=10**7),
        Beacon(host="😀" * MAX_NAME_CHARS, session="ữ" * MAX_NAME_CHARS, port=5005, members=3),
    ],
)
def test_a_beacon_round_trips(beacon):
    datagram = encode_beacon(beacon)
    assert len(datagram) <= MAX_BEACON_BYTES
    obj = json.loads(datagram)
    assert obj["type"] == "beacon" and obj["version"] == PROTOCOL_VERSION
    assert decode_beacon(datagram) == beacon


def test_a_beacon_is_compact_utf8_json():
    datagram = encode_beacon(Beacon(host="h", session="Phòng", port=5005, members=3))
    expected = (
        '{"type":"beacon","version":2,"host":"h","session":"Phòng","port":5005,"members":3,'
        '"auth":"open"}'
    )
    assert datagram == expected.encode()


FINGERPRINT = "0123456789abcdef" * 4


def test_a_beacon_carries_the_host_fingerprint_and_its_admission_mode():
    beacon = Beacon(host="h", session="s", port=5005, members=1, fingerprint=FINGERPRINT)
    datagram = encode_beacon(beacon)
    assert json.loads(datagram)["fingerprint"] == FINGERPRINT
    assert decode_beacon(datagram) == beacon
    approval = Beacon(host="h", session="s", port=5005, members=1, auth="approval")
    assert decode_beacon(encode_beacon(approval)) == approval


@pytest.mark.parametrize(
    "fingerprint", [FINGERPRINT.upper(), FINGERPRINT[:-1], FINGERPRINT + "0", 5, None, "zz" * 32]
)
def test_a_fingerprint_that_is_not_lowercase_hex_sha256_reads_as_unknown(fingerprint):
    beacon = decode_beacon(variant(fingerprint=fingerprint))
    assert beacon is not None and beacon.fingerprint == ""


@pytest.mark.parametrize("auth", ["secret", 1, None, ...])
def test_an_unknown_or_missing_admission_mode_reads_as_open(auth):
    beacon = decode_beacon(variant(auth=auth))
    assert beacon is not None and beacon.auth == "open"


@pytest.mark.parametrize(
    "datagram",
    [
        variant(),
        variant(extra={"future": [1, 2]}),
        b' { "members":1, "port":5005, "session":"s", "host":"h", "version":2, "type":"beacon" } ',
        variant(host="h" * MAX_NAME_CHARS, session="s" * MAX_NAME_CHARS),
    ],
)
def test_valid_beacons_decode(datagram):
    assert decode_beacon(datagram) is not None


def test_a_beacon_of_exactly_1024_bytes_decodes_and_1025_does_not():
    base = variant(pad="")
    exact = variant(pad="x" * (MAX_BEACON_BYTES - len(base)))
    assert len(exact) == MAX_BEACON_BYTES
    assert decode_beacon(exact) == Beacon(host="h", session="s", port=5005, members=1)
    over = variant(pad="x" * (MAX_BEACON_BYTES + 1 - len(base)))
    assert len(over) == MAX_BEACON_BYTES + 1
    assert decode_beacon(over) is None


INVALID = {
    "empty": b"",
    "garbage": b"\x00\x01garbage",
    "random-bytes": bytes(range(256)),
    "bom-junk": b"\xff\xfe{}",
    "invalid-utf8-in-string": variant(host="X").replace(b'"X"', b'"\xc3\x28"'),
    "lone-continuation": b"\x80",
    "truncated": variant()[:-1],
    "not-json": b"beacon",
    "array": b"[]",
    "array-of-beacon": b"[" + variant() + b"]",
    "string": b'"beacon"',
    "number": b"1",
    "null": b"null",
    "nan": b"NaN",
    "deep": b"[" * 500 + b"]" * 500,
    "deeper-than-the-recursion-limit": b"[" * MAX_BEACON_BYTES,
    "deep-objects": b'{"a":' * 200,
    "type-hello": variant(type="hello"),
    "type-Beacon": variant(type="Beacon"),
    "type-missing": variant(type=...),
    "type-null": variant(type=None),
    "version-1": variant(version=1),
    "version-3": variant(version=3),
    "version-0": variant(version=0),
    "version-string": variant(version="1"),
    "version-missing": variant(version=...),
    "port-0": variant(port=0),
    "port-65536": variant(port=65_536),
    "port-negative": variant(port=-1),
    "port-string": variant(port="5005"),
    "port-float": variant(port=5005.0),
    "port-true": variant(port=True),
    "port-missing": variant(port=...),
    "members-true": variant(members=True),
    "members-false": variant(members=False),
    "members-negative": variant(members=-1),
    "members-huge": variant(members=10**7 + 1),
    "members-float": variant(members=1.5),
    "members-missing": variant(members=...),
    "host-empty": variant(host=""),
    "host-65": variant(host="h" * (MAX_NAME_CHARS + 1)),
    "host-number": variant(host=7),
    "host-missing": variant(host=...),
    "session-null": variant(session=None),
    "session-65": variant(session="s" * (MAX_NAME_CHARS + 1)),
    "session-list": variant(session=["s"]),
    "session-missing": variant(session=...),
    "oversize": variant(pad="x" * 1_100),
    "oversize-garbage": b"\xff" * (MAX_BEACON_BYTES + 1),
    "surrogate-host": (
        b'{"type":"beacon","version":2,"host":"\\ud800","session":"s","port":1,"members":1}'
    ),
    "surrogate-session": (
        b'{"type":"beacon","version":2,"host":"h","session":"a\\udfff","port":1,"members":1}'
    ),
}


@pytest.mark.parametrize("datagram", INVALID.values(), ids=INVALID.keys())
def test_malformed_datagrams_decode_to_none_and_never_raise(datagram):
    assert decode_beacon(datagram) is None


@pytest.mark.parametrize("version", [True, 1.0], ids=["true", "1.0"])
def test_a_version_that_only_equals_1_is_refused(version):
    assert decode_beacon(variant(version=version)) is None


def test_every_truncation_of_a_beacon_decodes_to_none():
    datagram = encode_beacon(Beacon(host="a" * 32, session="Phòng họp 😀", port=5005, members=3))
    for cut in range(len(datagram)):
        assert decode_beacon(datagram[:cut]) is None, cut
