"""DiscoveryListener with real UDP datagrams on loopback."""

from __future__ import annotations

import itertools
import socket
from collections.abc import Callable, Iterable
from dataclasses import replace

import pytest
from PySide6.QtNetwork import QHostAddress

from messenger.client import DiscoveryListener, beacon_sources, discovery
from messenger.client.beacon_sources import BeaconRates
from messenger.host import announcer
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


def send_from(source: str, port: int, datagrams: Iterable[bytes]) -> None:
    """Sends ``datagrams`` from loopback address ``source``, as if from another machine
    (Linux routes the whole of 127.0.0.0/8 to loopback)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        sender.bind((source, 0))
        for datagram in datagrams:
            sender.sendto(datagram, ("127.0.0.1", port))


@pytest.fixture
def read_all(qtbot, listener) -> Callable[[], None]:
    """Waits until ``listener`` has read every datagram sent to it so far: sends a marker
    beacon (a session of its own, from an address of its own) and waits until it is
    listed. Markers are sessions named "marker…" from 127.0.1.x."""
    numbers = itertools.count(1)

    def wait() -> None:
        host = f"marker{next(numbers)}"
        send_from(f"127.0.1.{host[6:]}", listener.port, [beacon_bytes(host, "Marker")])
        qtbot.waitUntil(lambda: any(s.host_id == host for s in listener.sessions()))

    return wait


def listed_from(listener: DiscoveryListener, address: str) -> list[discovery.DiscoveredSession]:
    return [s for s in listener.sessions() if s.address == address]


def listed(listener: DiscoveryListener, host_id: str) -> list[discovery.DiscoveredSession]:
    return [s for s in listener.sessions() if s.host_id == host_id]


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
    for number in range(20):  # (from four addresses: each within its own limits)
        source = f"127.0.0.{2 + number % 4}"
        send_from(source, listener.port, [beacon_bytes(f"fake{number}", f"Giả {number}")])
    # (a known one, again)
    send_from("127.0.0.2", listener.port, [beacon_bytes("fake0", "Giả 0", members=9)])
    qtbot.waitUntil(lambda: any(s.members == 9 for s in listener.sessions()))
    assert len(listener.sessions()) == 5


def test_one_address_flooding_lists_only_its_share(qtbot, listener, read_all):
    """5,000 fake beacons from one machine listed 4,733 fake sessions (later 256: the
    whole list): one address now has at most MAX_SESSIONS_PER_SOURCE listed, and a real
    host at another address is listed through the flood."""
    for start in range(0, 2_000, 100):  # (100 at a time: the socket's buffer holds ~250)
        flood = [beacon_bytes(f"fake{n}", f"Giả {n}") for n in range(start, start + 100)]
        send_from("127.0.0.2", listener.port, flood)
        read_all()
    send_from("127.0.0.3", listener.port, [beacon_bytes("real", "Kế toán")])
    qtbot.waitUntil(lambda: len(listed_from(listener, "127.0.0.3")) == 1)
    assert 0 < len(listed_from(listener, "127.0.0.2")) <= discovery.MAX_SESSIONS_PER_SOURCE


def test_beacons_from_one_address_beyond_its_rate_are_ignored(qtbot, listener, read_all):
    """A host beacons about once a second; 30 at once from one address: the first BURST
    are heard, the others ignored; another address is not slowed by it."""
    burst = [beacon_bytes("h1", "Kế toán", members=n) for n in range(1, 31)]
    send_from("127.0.0.2", listener.port, burst)
    send_from("127.0.0.3", listener.port, [beacon_bytes("h2", "Kho", members=5)])
    read_all()
    members = {s.host_id: s.members for s in listener.sessions()}
    assert (members["h1"], members["h2"]) == (beacon_sources.BURST, 5)


def test_a_session_moves_to_another_address_only_once_its_own_went_quiet(
    qtbot, listener, read_all, monkeypatch
):
    """10 beacons a second naming a real host id and fingerprint (beacons carry both in
    the clear) from another address repointed the session to the spoofer; now they are
    ignored while the session's own address keeps beaconing. A host that really moved
    (its old address quiet for FRESH_SECONDS) takes its session along."""
    fingerprint = "ab" * 32
    real = Beacon(host="h1", session="Kế toán", port=5005, members=3, fingerprint=fingerprint)
    spoof = Beacon(host="h1", session="Kế toán", port=6666, members=0, fingerprint=fingerprint)
    for members in (3, 4):
        send_from("127.0.0.2", listener.port, [encode_beacon(replace(real, members=members))])
        send_from("127.0.0.3", listener.port, [encode_beacon(spoof)] * 5)
        read_all()
        [session] = listed(listener, "h1")
        assert (session.address, session.port, session.members) == ("127.0.0.2", 5005, members)

    monkeypatch.setattr(discovery, "FRESH_SECONDS", 0.2)  # (127.0.0.2 says no more)
    monkeypatch.setattr(announcer, "BEACON_INTERVAL_MS", 100)
    moved = BeaconAnnouncer(replace(real, port=5123), listener.port, [QHostAddress("127.0.0.1")])
    moved_to = ("127.0.0.1", 5123)
    moved.start()
    try:
        qtbot.waitUntil(lambda: [(s.address, s.port) for s in listed(listener, "h1")] == [moved_to])
    finally:
        moved.stop()
        moved.deleteLater()


def test_many_spoofed_addresses_are_tracked_in_bounded_state(qtbot, listener, read_all):
    """An attacker may send from as many addresses as it likes: the listener tracks at
    most MAX_SOURCES, and a real host is still heard."""
    sources = beacon_sources.MAX_SOURCES + 200
    for start in range(0, sources, 100):
        for number in range(start, min(start + 100, sources)):
            send_from(f"127.2.{number // 250}.{1 + number % 250}", listener.port, [b"{}"])
        read_all()
        assert len(listener._rates) <= beacon_sources.MAX_SOURCES
    send_from("127.0.0.3", listener.port, [beacon_bytes("real", "Kế toán")])
    qtbot.waitUntil(lambda: len(listed_from(listener, "127.0.0.3")) == 1)
    assert len(listener._rates) <= beacon_sources.MAX_SOURCES


def test_beacon_rates_allow_a_burst_then_the_sustained_rate():
    rates = BeaconRates(per_s=4.0, burst=10)
    assert [rates.allow("10.0.0.2", 100.0) for _ in range(12)] == [True] * 10 + [False] * 2
    assert rates.allow("10.0.0.3", 100.0)  # (each address its own bucket)
    assert not rates.allow("10.0.0.2", 100.125)
    assert rates.allow("10.0.0.2", 100.25)  # (one more every 0.25 s)
    assert not rates.allow("10.0.0.2", 100.25)
    assert [rates.allow("10.0.0.2", 110.0) for _ in range(11)] == [True] * 10 + [False]


def test_beacon_rates_forget_idle_addresses_and_keep_at_most_max_sources():
    rates = BeaconRates(per_s=5.0, burst=10, max_sources=100)
    for number in range(1_000):
        rates.allow(f"10.0.{number // 250}.{number % 250}", 100.0)
        assert len(rates) <= 100
    assert all(rates.allow("10.9.9.9", 100.0) for _ in range(10))
    assert len(rates) == 100
    rates.allow("10.0.0.2", 102.0)  # (a full bucket again 2 s after its last beacon)
    assert len(rates) == 1
