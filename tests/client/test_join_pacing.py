"""A user in many rooms: every room is joined at each connection, at the pace the
host takes joins (a burst, then a rate: host/request_limits.py), joins it refuses for
now sent again after their ``retry_ms``."""

from __future__ import annotations

from messenger.client import Conversations
from messenger.host.request_limits import RequestLimits
from messenger.store import ClientStore


def rooms(count: int) -> tuple[str, ...]:
    return ("general", *(f"phong-{n:03d}" for n in range(1, count)))


def joined_rooms(client) -> set[str]:
    joined: set[str] = set()
    client.joined.connect(lambda j: joined.add(j.room))
    return joined


def test_a_client_in_120_rooms_joins_them_all_on_a_host_with_default_limits(
    qtbot, make_host, make_client
):
    host = make_host()
    client = make_client("An")
    for room in rooms(120):
        client.join_room(room)
    joined = joined_rooms(client)
    errors: list[object] = []
    client.error_received.connect(errors.append)
    client.connect_to("127.0.0.1", host.port)
    # 80 at once, then 8 a second: under the host's 100 and 10 a second
    qtbot.waitUntil(lambda: len(joined) == 120, timeout=15_000)
    assert joined == set(rooms(120)) and errors == []


def test_joins_refused_for_now_are_sent_again_after_retry_ms(qtbot, make_host, make_client):
    host = make_host(request_limits=RequestLimits(burst_joins=20, joins_per_s=40.0))
    client = make_client("Bình")
    for room in rooms(60):
        client.join_room(room)
    joined = joined_rooms(client)
    client.connect_to("127.0.0.1", host.port)
    qtbot.waitUntil(lambda: len(joined) == 60, timeout=15_000)
    assert joined == set(rooms(60))


def test_a_room_left_while_its_join_waits_is_not_joined(qtbot, make_host, make_client):
    host = make_host()
    client = make_client("Chi")
    for room in rooms(90):
        client.join_room(room)
    joined = joined_rooms(client)
    client.joined.connect(  # (the first join answered: phong-089 waits for its turn)
        lambda j: client.leave_room("phong-089") if j.room == "general" else None
    )
    client.connect_to("127.0.0.1", host.port)
    qtbot.waitUntil(lambda: len(joined) == 89, timeout=15_000)
    assert "phong-089" not in joined and "phong-089" not in client.rooms


def test_the_rooms_a_welcome_lists_are_all_joined_after_a_restart(
    qtbot, tmp_path, make_host, make_client
):
    host = make_host()
    first = make_client("Dũng", 3)
    for room in rooms(120):
        first.join_room(room)
    joined = joined_rooms(first)
    first.connect_to("127.0.0.1", host.port)
    qtbot.waitUntil(lambda: len(joined) == 120, timeout=15_000)
    first.disconnect_from_host()

    # the app again: only general at start; the welcome lists the 120 rooms
    store = ClientStore.open(tmp_path / "Dũng.sqlite3")
    again = make_client("Dũng", 3)
    conversations = Conversations(store, again)
    try:
        joined = joined_rooms(again)
        again.connect_to("127.0.0.1", host.port)
        qtbot.waitUntil(lambda: len(joined) == 120, timeout=15_000)
        assert len(conversations) == 120
    finally:
        again.disconnect_from_host()
        store.close()
        conversations.deleteLater()
