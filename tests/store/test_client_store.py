"""ClientStore: the outbox and the message cache on a real SQLite file."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from messenger.store import ClientStore, OutgoingMessage, StoredMessage, StoreError
from messenger.store.client_store import CHECKPOINT_ROWS


@pytest.fixture
def store(tmp_path):
    opened = ClientStore.open(tmp_path / "client.sqlite3")
    yield opened
    opened.close()


def test_the_outbox_keeps_order_survives_reopen_and_forgets_acked(store, tmp_path):
    for i in range(3):
        store.add_outgoing(OutgoingMessage("h1", "general", f"m{i}", f"tin {i} 🙂", i))
    store.add_outgoing(OutgoingMessage("h1", "general", "m1", "again", 9))  # same id: ignored
    store.add_outgoing(OutgoingMessage("h2", "general", "x", "other host", 1))
    reopened = ClientStore.open(tmp_path / "client.sqlite3")
    try:
        assert [m.id for m in reopened.outgoing("h1", "general")] == ["m0", "m1", "m2"]
        reopened.remove_outgoing("h1", "m1")
        assert [m.text for m in reopened.outgoing("h1", "general")] == ["tin 0 🙂", "tin 2 🙂"]
        assert [m.id for m in reopened.outgoing("h2", "general")] == ["x"]
    finally:
        reopened.close()


def test_an_announcement_stays_one_in_the_outbox_and_the_cache_after_a_reopen(store, tmp_path):
    store.add_outgoing(OutgoingMessage("h1", "general", "a1", "Họp lúc 3h", 1, "announcement"))
    store.add_outgoing(OutgoingMessage("h1", "general", "m2", "thường", 2))
    announced = StoredMessage("general", 1, "a0", "An", 1, "Nghỉ lễ", "ab" * 32, "announcement")
    store.cache("h1", [announced, StoredMessage("general", 2, "m0", "An", 2, "ừ")])
    reopened = ClientStore.open(tmp_path / "client.sqlite3")
    try:
        assert [m.kind for m in reopened.outgoing("h1", "general")] == ["announcement", ""]
        assert reopened.cached_before("h1", "general", 9, 5)[0] == announced
        assert [m.kind for m in reopened.cached_after("h1", "general", 0, 5)] == [
            "announcement",
            "",
        ]
    finally:
        reopened.close()


def test_the_cache_ignores_repeats_and_tracks_the_last_seq(store):
    messages = [StoredMessage("general", s, f"id{s}", "An", s, f"tin {s}") for s in (1, 2, 3)]
    store.cache("h1", messages)
    store.cache("h1", messages[1:])
    assert store.last_seq("h1", "general") == 3
    assert store.last_seq("h2", "general") == 0
    assert [m.seq for m in store.cached_before("h1", "general", 4, 2)] == [2, 3]
    assert store.cached_before("h1", "general", 1, 5) == []


def test_a_damaged_file_is_reported(tmp_path):
    path = tmp_path / "client.sqlite3"
    path.write_bytes(b"\x00garbage" * 500)
    with pytest.raises(StoreError):
        ClientStore.open(path)


# -- cached_after (the log's newer pages) -------------------------------------------


def _messages(room: str, seqs, tag: str = "") -> list[StoredMessage]:
    return [StoredMessage(room, s, f"{tag}{room}{s}", "An", s, f"tin {s}") for s in seqs]


def test_cached_after_gives_the_oldest_after_a_seq_in_order_up_to_the_limit(store):
    store.cache("h1", _messages("general", [5, 3, 9, 1, 7, 2]))  # cached out of order
    assert [m.seq for m in store.cached_after("h1", "general", 0, 100)] == [1, 2, 3, 5, 7, 9]
    assert [m.seq for m in store.cached_after("h1", "general", 2, 3)] == [3, 5, 7]
    assert [m.seq for m in store.cached_after("h1", "general", 7, 3)] == [9]
    assert store.cached_after("h1", "general", 9, 3) == []
    assert store.cached_after("h1", "general", 0, 0) == []
    first = store.cached_after("h1", "general", 4, 1)[0]
    assert first == StoredMessage("general", 5, "general5", "An", 5, "tin 5")


def test_cached_after_keeps_hosts_and_rooms_apart(store):
    store.cache("h1", _messages("general", range(1, 6)))
    store.cache("h1", _messages("other", range(1, 6), "o"))
    store.cache("h2", _messages("general", range(3, 9), "x"))
    assert [m.id for m in store.cached_after("h1", "general", 2, 10)] == [
        "general3",
        "general4",
        "general5",
    ]
    assert [m.room for m in store.cached_after("h1", "other", 0, 10)] == ["other"] * 5
    assert [m.id for m in store.cached_after("h2", "general", 6, 10)] == ["xgeneral7", "xgeneral8"]
    assert store.cached_after("h3", "general", 0, 10) == []


def test_pages_after_and_before_walk_the_whole_cache_once(store):
    store.cache("h1", _messages("general", range(1, 1_001)))
    walked: list[int] = []
    after = 0
    while page := store.cached_after("h1", "general", after, 70):
        walked.extend(m.seq for m in page)
        after = page[-1].seq
    assert walked == list(range(1, 1_001))
    assert [m.seq for m in store.cached_before("h1", "general", 501, 3)] == [498, 499, 500]


# -- the checkpoint thread ------------------------------------------------------------


def _checkpoint_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "cache-checkpoint" and t.is_alive()]


def test_the_checkpoint_thread_stops_on_close_and_nothing_is_left_behind(tmp_path):
    before = len(_checkpoint_threads())
    path = tmp_path / "client.sqlite3"
    for round_ in range(3):
        opened = ClientStore.open(path)
        assert len(_checkpoint_threads()) == before + 1
        # enough rows for checkpoints to be asked for, some while closing
        for block in range(3):
            first = round_ * 10_000 + block * CHECKPOINT_ROWS + 1
            opened.cache("h1", _messages("general", range(first, first + CHECKPOINT_ROWS)))
        opened.close()
        assert len(_checkpoint_threads()) == before
    reopened = ClientStore.open(path)
    try:
        assert reopened.last_seq("h1", "general") == 2 * 10_000 + 3 * CHECKPOINT_ROWS
        assert len(reopened.cached_after("h1", "general", 0, 100_000)) == 9 * CHECKPOINT_ROWS
    finally:
        reopened.close()
    assert len(_checkpoint_threads()) == before
    # closing checkpointed everything: the WAL holds nothing more
    assert (
        not (tmp_path / "client.sqlite3-wal").exists()
        or (tmp_path / "client.sqlite3-wal").stat().st_size == 0
    )


def test_checkpoints_copy_the_wal_back_while_the_store_is_open(tmp_path):
    path = tmp_path / "client.sqlite3"
    opened = ClientStore.open(path)
    try:
        opened.cache("h1", _messages("general", range(1, 3 * CHECKPOINT_ROWS + 1)))
        # another reader sees every row; the checkpoint thread never blocked the writer
        probe = sqlite3.connect(path)
        try:
            count = probe.execute("SELECT COUNT(*) FROM messages").fetchone()[0]
        finally:
            probe.close()
        assert count == 3 * CHECKPOINT_ROWS
        opened.cache("h1", _messages("general", range(10_001, 10_001 + CHECKPOINT_ROWS)))
        assert opened.last_seq("h1", "general") == 10_000 + CHECKPOINT_ROWS
    finally:
        opened.close()


def test_closing_an_in_memory_store_starts_and_stops_no_thread():
    before = len(_checkpoint_threads())
    opened = ClientStore.open(Path(":memory:"))
    assert len(_checkpoint_threads()) == before
    opened.cache("h1", _messages("general", range(1, CHECKPOINT_ROWS + 2)))
    assert [m.seq for m in opened.cached_after("h1", "general", CHECKPOINT_ROWS, 5)] == [
        CHECKPOINT_ROWS + 1
    ]
    opened.close()
