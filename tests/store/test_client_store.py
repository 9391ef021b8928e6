"""ClientStore: the outbox and the message cache on a real SQLite file."""

from __future__ import annotations

import pytest

from messenger.store import ClientStore, OutgoingMessage, StoredMessage, StoreError


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
