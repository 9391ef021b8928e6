"""Conversation.load_older/load_newer on a real cache file feeding a real log model:
a reader walks a 1,000-message room up to the top and back down, while a message
arrives; every message is seen once, in seq order."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from messenger.client import HostConnection
from messenger.client.conversation import HISTORY_PAGE, Conversation
from messenger.protocol.events import TOO_MANY_REQUESTS, Error, Message
from messenger.store import ClientStore, StoredMessage
from messenger.ui.log_entry import LogEntry
from messenger.ui.message_log_model import MessageLogModel
from tests.identities import device_identity

ROOM = "general"


def log_entry(message: StoredMessage) -> LogEntry:
    return LogEntry(
        key=message.id,
        sender=message.sender,
        ts=message.ts,
        text=message.text,
        own=False,
        seq=message.seq,
    )


def stored(seq: int) -> StoredMessage:
    return StoredMessage(ROOM, seq, f"id{seq}", "An", seq, f"tin {seq}")


def test_reading_up_and_back_down_a_cached_room_sees_every_message_once(qtbot, tmp_path):
    store = ClientStore.open(tmp_path / "client.sqlite3")
    # never connected: the cache has it all
    connection = HostConnection("Tôi", "id-toi", identity=device_identity(0))
    session = Conversation(store, connection)
    model = MessageLogModel(max_rows=3 * HISTORY_PAGE)
    try:
        session.host_id = "h1"
        store.cache("h1", [stored(s) for s in range(1, 1_001)])
        session.older_loaded.connect(lambda ms: model.add_older(log_entry(m) for m in ms))
        session.newer_loaded.connect(
            lambda ms, up_to_date: model.add_newer((log_entry(m) for m in ms), up_to_date)
        )
        model.older_requested.connect(session.load_older)
        model.newer_requested.connect(session.load_newer)
        model.add_entries(log_entry(m) for m in session.cached_latest(HISTORY_PAGE))
        model.flush()

        model.follow_newest = False
        while True:  # up to the very first message, a page at a time
            model.older_wanted = True
            if not model.canFetchMore(QModelIndex()):
                break
            model.fetchMore(QModelIndex())
        assert model.entry(0).seq == 1 and model.has_newer()

        # a message arrives from the host meanwhile: cached (later), not shown
        connection.message_received.emit(Message(ROOM, 1_001, "id1001", "Bình", 1_001, "mới"))
        model.flush()
        assert model.row_of("id1001") is None

        seen: list[int] = [model.entry(r).seq or 0 for r in range(model.rowCount())]
        model.rowsInserted.connect(
            lambda _p, first, last: seen.extend(
                model.entry(r).seq or 0 for r in range(first, last + 1)
            )
        )
        while model.has_newer():  # back down to the newest
            assert model.canFetchNewer()
            model.fetch_newer()
        assert seen == list(range(1, 1_002))
        assert model.entry(model.rowCount() - 1).key == "id1001"
        assert model.rowCount() == 3 * HISTORY_PAGE
    finally:
        session.flush_cache()
        store.close()
        connection.deleteLater()
        session.deleteLater()


def test_a_page_asked_while_the_join_is_answered_comes_once_the_join_is_through(
    qtbot, tmp_path, make_host, make_client
):
    from messenger.host.request_limits import RequestLimits
    from tests.stored_history import fill_history

    fill_history(tmp_path / "standalone", 1_000)
    slow = RequestLimits(read_bytes_per_s=64 * 1024, burst_read_bytes=8 * 1024)  # (~2 s)
    host = make_host(request_limits=slow)
    store = ClientStore.open(tmp_path / "client.sqlite3")
    connection = make_client("Cuộn lên")
    session = Conversation(store, connection)
    try:
        connection.remember_seq(host.host_id, ROOM, 0)  # (it replays all 1,000)
        with qtbot.waitSignal(connection.welcomed, timeout=5_000):
            connection.connect_to("127.0.0.1", host.port)
        session.host_id = host.host_id
        joined: list[object] = []
        connection.joined.connect(joined.append)
        with qtbot.waitSignal(session.older_loaded, timeout=10_000) as loaded:
            session.load_older(500)  # (the host: not in the room yet; then asked again)
        assert joined, "the page came before the join was through"
        assert [m.seq for m in loaded.args[0]] == list(range(500 - HISTORY_PAGE, 500))
    finally:
        connection.disconnect_from_host()
        store.close()


def test_a_history_refusal_is_matched_to_its_request_by_ref(qtbot, tmp_path, monkeypatch):
    store = ClientStore.open(tmp_path / "client.sqlite3")
    connection = HostConnection("Tôi", "id-toi", identity=device_identity(0))
    sessions = [Conversation(store, connection, room=room) for room in (ROOM, "bep")]
    refs = iter(["1", "2"])
    monkeypatch.setattr(connection, "request_history", lambda *_args: next(refs))
    try:
        for session in sessions:
            session.host_id = "h1"
            session.load_older(500)  # (nothing cached: asked of the host)
        general, bep = sessions
        connection.error_received.emit(Error(code="not_in_room", message="", ref="2"))
        assert bep.asking_again and not general.asking_again
        connection.error_received.emit(Error(code=TOO_MANY_REQUESTS, message="", ref=None))
        assert general.asking_again  # (a host of an earlier version: no ref)
    finally:
        store.close()
        connection.deleteLater()
        for session in sessions:
            session.deleteLater()
