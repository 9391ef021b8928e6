"""Discovery beacons: round trip; anything malformed decodes to None."""

from __future__ import annotations

import json

import pytest

from messenger.protocol import Beacon, decode_beacon, encode_beacon


def test_a_beacon_round_trips():
    beacon = Beacon(host="a" * 32, session="Phòng Kỹ thuật 🛠", port=5005, members=12)
    datagram = encode_beacon(beacon)
    assert json.loads(datagram)["type"] == "beacon"
    assert decode_beacon(datagram) == beacon


def variant(**changes) -> bytes:
    obj = {"type": "beacon", "version": 1, "host": "h", "session": "s", "port": 5005, "members": 1}
    obj.update(changes)
    return json.dumps({k: v for k, v in obj.items() if v is not ...}).encode()


@pytest.mark.parametrize(
    "datagram",
    [
        b"",
        b"\x00\x01garbage",
        b"\xff\xfe{}",
        b"[]",
        b'"beacon"',
        variant(type="hello"),
        variant(version=2),
        variant(port=0),
        variant(port=65_536),
        variant(port="5005"),
        variant(members=True),
        variant(members=-1),
        variant(host=""),
        variant(session=None),
        variant(session="s" * 65),
        variant(host=...),
        variant(pad="x" * 1_100),
        b'{"type":"beacon","version":1,"host":"\\ud800","session":"s","port":1,"members":1}',
    ],
)
def test_malformed_datagrams_decode_to_none(datagram):
    assert decode_beacon(datagram) is None
