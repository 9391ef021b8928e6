"""ClientStore after a session's reset: held messages (in the order typed, through a
reopen, released to another host or discarded), the cache set aside in O(1), and the
migration of a file of the first schema."""

from __future__ import annotations

import sqlite3

import pytest

from messenger.store import ClientStore, OutgoingMessage, StoredMessage, StoreError
from messenger.store.client_store import SCHEMA_VERSION
from messenger.store.known_hosts import KnownHost

ROOM = "general"


@pytest.fixture
def store(tmp_path):
    opened = ClientStore.open(tmp_path / "client.sqlite3")
    yield opened
    opened.close()


def typed(host: str, *ids: str) -> list[OutgoingMessage]:
    return [OutgoingMessage(host, ROOM, i, f"tin {i}", n) for n, i in enumerate(ids)]


def test_held_messages_keep_their_order_and_go_before_what_was_typed_after(store, tmp_path):
    for message in typed("old", "a", "b", "c"):
        store.add_outgoing(message)
    store.hold("old", ROOM)
    assert store.outgoing("old", ROOM) == []  # not sent while held
    store.add_outgoing(OutgoingMessage("new", ROOM, "d", "viết sau", 9))
    reopened = ClientStore.open(tmp_path / "client.sqlite3")
    try:
        assert [m.id for m in reopened.held(ROOM)] == ["a", "b", "c"]
        reopened.discard_held(ROOM, ["b"])
        reopened.release_held(ROOM, "new")
        assert reopened.held(ROOM) == []
        assert [(m.host, m.id) for m in reopened.outgoing("new", ROOM)] == [
            ("new", "a"),
            ("new", "c"),
            ("new", "d"),
        ]
    finally:
        reopened.close()


def test_discarding_all_held_messages_leaves_the_others(store):
    for message in typed("h", "a", "b"):
        store.add_outgoing(message)
    store.hold("h", ROOM)
    store.add_outgoing(OutgoingMessage("h", ROOM, "c", "sau", 5))
    store.discard_held(ROOM)
    assert store.held(ROOM) == []
    assert [m.id for m in store.outgoing("h", ROOM)] == ["c"]


def test_a_room_set_aside_starts_empty_and_keeps_the_old_rows_apart(store, tmp_path):
    old = [StoredMessage(ROOM, s, f"old{s}", "An", s, f"cũ {s}") for s in range(1, 101)]
    store.cache("h", old)
    store.archive_room("h", ROOM, now_ms=1)
    assert store.last_cached("h", ROOM) == (0, None)
    assert store.cached_before("h", ROOM, 2**62, 10) == []
    store.cache("h", [StoredMessage(ROOM, 1, "new1", "Bình", 5, "mới")])  # the same seq
    reopened = ClientStore.open(tmp_path / "client.sqlite3")
    try:
        assert reopened.last_cached("h", ROOM) == (1, "new1")
        assert [m.id for m in reopened.archived_before("h", ROOM, 2**62, 3)] == [
            "old98",
            "old99",
            "old100",
        ]
        reopened.archive_room("h", ROOM, now_ms=2)  # a second reset
        assert [m.id for m in reopened.archived_before("h", ROOM, 2**62, 5)] == ["new1"]
        assert reopened.archived_before("other", ROOM, 2**62, 5) == []
    finally:
        reopened.close()


def test_a_file_of_the_first_schema_is_migrated_with_its_outbox_and_cache(tmp_path):
    path = tmp_path / "client.sqlite3"
    with sqlite3.connect(path) as db:  # as the first release wrote it
        db.execute(
            "CREATE TABLE outbox (host TEXT NOT NULL, room TEXT NOT NULL, msg_id TEXT NOT NULL,"
            " text TEXT NOT NULL, ts INTEGER NOT NULL,"
            " position INTEGER PRIMARY KEY AUTOINCREMENT, UNIQUE (host, msg_id))"
        )
        db.execute(
            "CREATE TABLE messages (host TEXT NOT NULL, room TEXT NOT NULL, seq INTEGER NOT NULL,"
            " msg_id TEXT NOT NULL, sender TEXT NOT NULL, ts INTEGER NOT NULL,"
            " text TEXT NOT NULL, PRIMARY KEY (host, room, seq)) WITHOUT ROWID"
        )
        db.execute(
            "INSERT INTO outbox (host, room, msg_id, text, ts) VALUES ('h', ?, 'm', 'x', 1)",
            (ROOM,),
        )
        db.execute("INSERT INTO messages VALUES ('h', ?, 7, 'id7', 'An', 1, 'y')", (ROOM,))
    store = ClientStore.open(path)
    try:
        assert [m.id for m in store.outgoing("h", ROOM)] == ["m"]
        assert store.last_cached("h", ROOM) == (7, "id7")
        store.hold("h", ROOM)
        assert [m.id for m in store.held(ROOM)] == ["m"]
        assert store.known_hosts.pinned("h") is None  # (schema 2: no host trusted yet)
        store.known_hosts.pin(KnownHost("h", "cd" * 32, "10.0.0.9", 5005))
        assert store.known_hosts.last_at("10.0.0.9", 5005) is not None
        assert store.cached_before("h", ROOM, 8, 1)[0].user == ""  # (schema 3: not known)
        store.cache("h", [StoredMessage(ROOM, 8, "id8", "An", 2, "z", "ab" * 32)])
        assert store.cached_after("h", ROOM, 7, 1)[0].user == "ab" * 32
        assert store.cached_before("h", ROOM, 8, 1)[0].kind == ""  # (schema 4: ordinary)
        assert store.held(ROOM)[0].kind == ""
    finally:
        store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4


def test_a_file_of_a_newer_schema_is_refused_and_left_as_it_is(tmp_path):
    path = tmp_path / "client.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer version"):
        ClientStore.open(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert db.execute("SELECT name FROM sqlite_master").fetchall() == []  # untouched
