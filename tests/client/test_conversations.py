"""Several conversations through one connection to a real in-process host: each room
has its own messages, outbox, cache and resume point."""

from __future__ import annotations

from PySide6.QtCore import SIGNAL

from messenger.client import Conversations, HostConnection
from messenger.protocol import Message
from messenger.protocol.events import PRESENCE_LEFT
from messenger.store import ClientStore
from tests.identities import device_identity


def conversations_of(qtbot, tmp_path, name: str, number: int) -> Conversations:
    store = ClientStore.open(tmp_path / f"{name}.sqlite3")
    connection = HostConnection(name, f"id-{name}", identity=device_identity(number))
    return Conversations(store, connection)


def close(conversations: Conversations) -> None:
    conversations.connection.disconnect_from_host()
    conversations.flush_cache()
    conversations.store.close()
    conversations.connection.deleteLater()
    conversations.deleteLater()


def test_each_room_gets_only_its_own_messages(qtbot, tmp_path, make_host):
    host = make_host()
    an = conversations_of(qtbot, tmp_path, "An", 0)
    binh = conversations_of(qtbot, tmp_path, "Bình", 1)
    try:
        for member in (an, binh):
            member.open("ke-toan")
            member.connection.connect_to("127.0.0.1", host.port)
        qtbot.waitUntil(lambda: an.general.delivery.ready, timeout=10_000)
        qtbot.waitUntil(lambda: an.get("ke-toan").delivery.ready, timeout=10_000)
        qtbot.waitUntil(lambda: binh.get("ke-toan").delivery.ready, timeout=10_000)
        general, accounts = [], []
        binh.general.message_received.connect(lambda m: general.append(m.text))
        binh.get("ke-toan").message_received.connect(lambda m: accounts.append(m.text))
        an.get("ke-toan").send("Báo cáo quý 3")
        an.general.send("Chào cả nhà")
        qtbot.waitUntil(lambda: len(general) == 1 and len(accounts) == 1, timeout=10_000)
        assert (general, accounts) == (["Chào cả nhà"], ["Báo cáo quý 3"])
        assert an.connection.last_seq("ke-toan") == 1 and an.connection.last_seq() == 1
        qtbot.waitUntil(lambda: an.waiting() == 0, timeout=10_000)
    finally:
        close(an)
        close(binh)


def test_a_room_opened_while_connected_is_joined_at_once_and_left_on_close(
    qtbot, tmp_path, make_host
):
    host = make_host()
    an = conversations_of(qtbot, tmp_path, "An", 0)
    binh = conversations_of(qtbot, tmp_path, "Bình", 1)
    try:
        for member in (an, binh):
            with qtbot.waitSignal(member.connection.joined, timeout=10_000):
                member.connection.connect_to("127.0.0.1", host.port)
        with qtbot.waitSignal(binh.connection.joined, timeout=10_000):
            binh.open("du-an")
        with qtbot.waitSignal(an.connection.joined, timeout=10_000) as joined:
            room = an.open("du-an")
        assert joined.args[0].room == "du-an"
        assert {m.name for m in joined.args[0].members} == {"An", "Bình"}
        room.send("Họp lúc 3 giờ")  # sent once the join is through: the host holds it
        qtbot.waitUntil(lambda: an.connection.last_seq("du-an") == 1, timeout=10_000)
        left = []
        binh.connection.presence_changed.connect(
            lambda p: left.append((p.room, p.name)) if p.status == PRESENCE_LEFT else None
        )
        an.close("du-an")
        qtbot.waitUntil(lambda: left == [("du-an", "An")], timeout=10_000)
        assert "du-an" not in an and an.connection.rooms == ("general",)
        an.close("general")  # (everyone stays in general)
        assert "general" in an
    finally:
        close(an)
        close(binh)


def test_after_a_reconnect_each_room_resumes_after_its_own_last_seq(qtbot, tmp_path, make_host):
    host = make_host()
    an = conversations_of(qtbot, tmp_path, "An", 0)
    binh = conversations_of(qtbot, tmp_path, "Bình", 1)
    try:
        for member in (an, binh):
            member.open("ke-toan")
            member.connection.connect_to("127.0.0.1", host.port)
        qtbot.waitUntil(lambda: binh.get("ke-toan").delivery.ready, timeout=10_000)
        qtbot.waitUntil(lambda: an.get("ke-toan").delivery.ready, timeout=10_000)
        an.get("ke-toan").send("một")
        qtbot.waitUntil(lambda: binh.connection.last_seq("ke-toan") == 1, timeout=10_000)
        binh.connection.disconnect_from_host()
        for text in ("hai", "ba"):
            an.get("ke-toan").send(text)
        an.general.send("chung")
        qtbot.waitUntil(lambda: an.waiting() == 0, timeout=10_000)
        seen: dict[str, list[str]] = {"general": [], "ke-toan": []}
        for conversation in binh:
            conversation.message_received.connect(
                lambda m, room=conversation.room: seen[room].append(m.text)
            )
        binh.connection.connect_to("127.0.0.1", host.port)
        qtbot.waitUntil(
            lambda: seen == {"general": ["chung"], "ke-toan": ["hai", "ba"]}, timeout=10_000
        )
    finally:
        close(an)
        close(binh)


def test_a_message_costs_one_look_up_however_many_conversations_are_open(qtbot, tmp_path):
    an = conversations_of(qtbot, tmp_path, "An", 0)
    try:
        signals = ("message_received", "joined", "acked", "history_received", "room_reset")

        def listeners() -> list[int]:
            return [an.connection.receivers(SIGNAL(f"{name}(PyObject)")) for name in signals]

        few = listeners()
        assert all(few)
        for number in range(50):
            an.open(f"phong-{number}")
        assert listeners() == few
    finally:
        close(an)


def test_a_turns_messages_go_to_the_cache_in_one_commit_for_all_rooms(qtbot, tmp_path):
    an = conversations_of(qtbot, tmp_path, "An", 0)
    try:
        rooms = [f"phong-{number}" for number in range(20)]
        for room in rooms:
            an.open(room)
        writes: list[list[str]] = []
        cache = an.store.cache
        an.store.cache = lambda host, messages: (  # type: ignore[method-assign]
            writes.append([m.room for m in messages]) or cache(host, messages)
        )
        for seq, room in enumerate(rooms * 3, 1):  # (one turn: the connection's events)
            message = Message(room, seq, f"m{seq}", "Bình", seq, f"tin {seq}", "id-binh")
            an.connection.message_received.emit(message)
        assert writes == []  # (written after the turn, not at each message)
        qtbot.waitUntil(lambda: len(writes) == 1)
        assert writes == [rooms * 3]  # one commit, every room's messages, in order
        for room in rooms:
            cached = an.store.cached_before("", room, 2**62, 10)
            assert [m.seq for m in cached] == [s for s, r in enumerate(rooms * 3, 1) if r == room]
    finally:
        close(an)
