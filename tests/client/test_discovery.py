"""DiscoveryListener with real UDP datagrams on loopback."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtNetwork import QHostAddress

from messenger.client import DiscoveryListener, discovery
from messenger.host.announcer import BeaconAnnouncer
from messenger.protocol import Beacon, encode_beacon
from tests.ui.conftest import free_udp_port


@pytest.fixture
def listener(qtbot):
    port = free_udp_port()
    listener = DiscoveryListener(port)
    assert listener.start()
    yield listener
    listener.stop()
    listener.deleteLater()


def send(port: int, datagram: bytes) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        sender.sendto(datagram, ("127.0.0.1", port))


def test_an_announced_session_is_listed_once(qtbot, listener):
    beacon = Beacon(host="h1", session="Phòng kế toán", port=5123, members=3)
    announcer = BeaconAnnouncer(beacon, listener.port, [QHostAddress("127.0.0.1")])
    with qtbot.waitSignal(listener.sessions_changed):
        announcer.start()
    announcer.send_now()
    announcer.send_now()
    qtbot.waitUntil(lambda: len(listener.sessions()) == 1)
    [session] = listener.sessions()
    assert (session.session, session.address, session.port, session.members) == (
        "Phòng kế toán",
        "127.0.0.1",
        5123,
        3,
    )
    with qtbot.waitSignal(listener.sessions_changed):
        announcer.update(Beacon(host="h1", session="Phòng kế toán", port=5123, members=4))
    assert listener.sessions()[0].members == 4
    announcer.stop()
    announcer.deleteLater()


def test_malformed_datagrams_are_ignored(qtbot, listener):
    for junk in [
        b"\xff\xfe",
        b"[]",
        b'{"type":"beacon"}',
        b"x" * 2000,
        b'{"type":"beacon","version":2,"host":"h","session":"s","port":0,"members":1}',
    ]:
        send(listener.port, junk)
    good = encode_beacon(Beacon(host="h2", session="Good", port=5005, members=1))
    with qtbot.waitSignal(listener.sessions_changed):
        send(listener.port, good)
    assert [s.session for s in listener.sessions()] == ["Good"]


def test_a_session_whose_beacons_stop_is_forgotten(qtbot, listener, monkeypatch):
    monkeypatch.setattr(discovery, "EXPIRY_SECONDS", 0.3)
    listener._expiry.setInterval(50)
    listener._expiry.start()
    with qtbot.waitSignal(listener.sessions_changed):
        send(listener.port, encode_beacon(Beacon(host="h3", session="Gone", port=5005, members=1)))
    qtbot.waitUntil(lambda: listener.sessions() == [], timeout=5_000)


def test_two_listeners_on_one_computer_share_the_port(qtbot, listener):
    second = DiscoveryListener(listener.port)
    assert second.start()
    try:
        beacon = encode_beacon(Beacon(host="h4", session="Both", port=1, members=0))
        # the loopback broadcast address reaches every socket bound to the port
        with (
            qtbot.waitSignal(second.sessions_changed),
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender,
        ):
            sender.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
            sender.sendto(beacon, ("127.255.255.255", listener.port))
        qtbot.waitUntil(lambda: len(listener.sessions()) == 1)
    finally:
        second.stop()
        second.deleteLater()


def test_a_beacon_spoofing_a_host_id_is_listed_beside_the_real_one(qtbot, listener):
    real = Beacon(host="h1", session="Kế toán", port=5005, members=3, fingerprint="ab" * 32)
    spoof = Beacon(host="h1", session="Kế toán", port=6000, members=0, fingerprint="cd" * 32)
    with qtbot.waitSignal(listener.sessions_changed):
        send(listener.port, encode_beacon(real))
    with qtbot.waitSignal(listener.sessions_changed):
        send(listener.port, encode_beacon(spoof))
    sessions = listener.sessions()
    assert [(s.host_id, s.fingerprint, s.port) for s in sessions] == [
        ("h1", "ab" * 32, 5005),
        ("h1", "cd" * 32, 6000),
    ]


def beacon_bytes(host: str, session: str, members: int = 1) -> bytes:
    return encode_beacon(Beacon(host=host, session=session, port=5123, members=members))


def test_hidden_characters_in_a_session_name_are_not_shown(qtbot, listener):
    """Anyone may send a beacon: its name reaches the screen without terminal escapes,
    bidi overrides or zero-width characters."""
    with qtbot.waitSignal(listener.sessions_changed):
        send(listener.port, beacon_bytes("h1", "Kế\x1b[31m toán\u202e\u200b"))
    [session] = listener.sessions()
    assert session.session == "Kế[31m toán"


def test_a_flood_of_fake_sessions_is_capped(qtbot, listener, monkeypatch):
    monkeypatch.setattr(discovery, "MAX_SESSIONS", 5)
    for number in range(20):
        send(listener.port, beacon_bytes(f"fake{number}", f"Giả {number}"))
    send(listener.port, beacon_bytes("fake0", "Giả 0", members=9))  # (a known one, again)
    qtbot.waitUntil(lambda: any(s.members == 9 for s in listener.sessions()))
    assert len(listener.sessions()) == 5
