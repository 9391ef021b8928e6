"""Schema 4 of the host's history file: files of schema 2 (and 1) brought up to it with
their messages kept (ordinary ones: schema 4 adds the announcements' kind), other
programs' files refused, and room writes durable only once committed, across a
crash."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from messenger.core.room_names import GENERAL_ROOM
from messenger.store import HistoryStore, Membership, Room, RoomKind, StoreError, StoreProblem
from messenger.store.history import SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[2]
ANH = "a1" * 32
BINH = "b2" * 32

_SCHEMA_2 = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE messages (room TEXT NOT NULL, seq INTEGER NOT NULL,
        client TEXT NOT NULL, msg_id TEXT NOT NULL, sender TEXT NOT NULL,
        ts INTEGER NOT NULL, text TEXT NOT NULL, user TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (room, seq), UNIQUE (room, client, msg_id)) WITHOUT ROWID""",
    """CREATE TABLE names (user TEXT PRIMARY KEY, name_key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL) WITHOUT ROWID""",
    """CREATE TABLE devices (user TEXT PRIMARY KEY, status TEXT NOT NULL,
        name TEXT NOT NULL, since INTEGER NOT NULL) WITHOUT ROWID""",
)
"""The tables as schema 2 (before rooms) made them."""


def write_schema_2(path: Path) -> None:
    """A history of schema 2 with messages in two rooms, a held name and a device."""
    path.parent.mkdir(parents=True, exist_ok=True)
    old = sqlite3.connect(path)
    with old:
        for statement in _SCHEMA_2:
            old.execute(statement)
        old.execute("INSERT INTO meta VALUES ('host_id', 'old-host'), ('epoch', 'e2')")
        old.executemany(
            "INSERT INTO messages VALUES (?, ?, 'c', ?, 'An', 5, ?, ?)",
            [
                ("general", 1, "m1", "cũ một", ANH),
                ("general", 2, "m2", "cũ hai", BINH),
                ("random", 1, "r1", "khác", ANH),
            ],
        )
        old.execute("INSERT INTO names VALUES (?, 'an', 'An')", (ANH,))
        old.execute("INSERT INTO devices VALUES (?, 'approved', 'Bình', 3)", (BINH,))
        old.execute("PRAGMA journal_mode=WAL")
        old.execute("PRAGMA user_version=2")
    old.close()


def user_version(path: Path) -> int:
    check = sqlite3.connect(path)
    try:
        return int(check.execute("PRAGMA user_version").fetchone()[0])
    finally:
        check.close()


def test_a_history_of_schema_2_keeps_everything_and_gains_rooms(tmp_path):
    path = tmp_path / "history.sqlite3"
    write_schema_2(path)
    with HistoryStore.open(path) as store:
        assert (store.host_id, store.epoch) == ("old-host", "e2")
        assert [m.text for m in store.latest("general", 10)] == ["cũ một", "cũ hai"]
        assert [m.user for m in store.latest("general", 10)] == [ANH, BINH]
        assert [m.kind for m in store.latest("general", 10)] == ["", ""]
        assert store.last_seq("random") == 1
        assert store.name_holder("an") == ANH and store.device_status(BINH) == "approved"
        assert store.rooms.get(GENERAL_ROOM) == Room(GENERAL_ROOM, RoomKind.ROOM, "", "", 0, 0)
        store.rooms.add_member(GENERAL_ROOM, ANH, 9)
        assert store.rooms.rooms_of(ANH) == [Membership(GENERAL_ROOM, 2, 0)]
        assert store.append("general", "An", "c", "m3", "mới", 6, ANH)[0].seq == 3
    assert user_version(path) == SCHEMA_VERSION == 4
    with HistoryStore.open(path) as again:
        assert again.rooms.rooms_of(ANH) == [Membership(GENERAL_ROOM, 3, 0)]


def test_an_announcement_keeps_its_kind_across_a_reopen_and_a_repeat(tmp_path):
    path = tmp_path / "history.sqlite3"
    with HistoryStore.open(path) as store:
        store.append("general", "An", "c", "m1", "thường", 5, ANH)
        stored, new = store.append("general", "An", "c", "m2", "Họp 3h", 6, ANH, "announcement")
        assert (stored.kind, new) == ("announcement", True)
        store.commit()
        again, new = store.append("general", "An", "c", "m2", "Họp 3h", 7, ANH)
        assert (again.seq, again.kind, new) == (2, "announcement", False)
    with HistoryStore.open(path) as store:
        assert [m.kind for m in store.latest("general", 5)] == ["", "announcement"]
        assert [m.kind for m in store.messages_after("general", 1, 5)] == ["announcement"]


def test_a_history_of_schema_1_comes_up_through_2(tmp_path):
    path = tmp_path / "history.sqlite3"
    old = sqlite3.connect(path)
    with old:
        old.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        old.execute(
            "CREATE TABLE messages (room TEXT NOT NULL, seq INTEGER NOT NULL,"
            " client TEXT NOT NULL, msg_id TEXT NOT NULL, sender TEXT NOT NULL,"
            " ts INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (room, seq),"
            " UNIQUE (room, client, msg_id)) WITHOUT ROWID"
        )
        old.execute("INSERT INTO messages VALUES ('general', 1, 'c', 'm1', 'An', 5, 'cũ')")
        old.execute("PRAGMA user_version=1")
    old.close()
    with HistoryStore.open(path) as store:
        assert [(m.text, m.user) for m in store.latest("general", 5)] == [("cũ", "")]
        assert store.rooms.get(GENERAL_ROOM) is not None
    assert user_version(path) == SCHEMA_VERSION


def test_opening_again_keeps_general_as_it_was(tmp_path):
    path = tmp_path / "history.sqlite3"
    with HistoryStore.open(path) as store:
        store.rooms.set_topic(GENERAL_ROOM, "mọi người")
        store.rooms.add_member(GENERAL_ROOM, ANH, 1)
    with HistoryStore.open(path) as store:
        assert store.rooms.get(GENERAL_ROOM) == Room(
            GENERAL_ROOM, RoomKind.ROOM, "mọi người", "", 0, 1
        )


@pytest.mark.parametrize(
    "tables",
    [
        ("CREATE TABLE rooms (id INTEGER PRIMARY KEY, title TEXT)",),
        ("CREATE TABLE room_members (member TEXT, team TEXT)",),
        ("CREATE TABLE read_markers (page TEXT)",),
        ("CREATE VIEW rooms AS SELECT 1 AS name",),
    ],
)
def test_another_programs_tables_of_our_names_are_refused_and_left_alone(tmp_path, tables):
    path = tmp_path / "other.sqlite3"
    other = sqlite3.connect(path)
    with other:
        for statement in tables:
            other.execute(statement)
    before = sorted(other.execute("SELECT type, name, sql FROM sqlite_master").fetchall())
    other.close()
    with pytest.raises(StoreError) as raised:
        HistoryStore.open(path)
    assert raised.value.problem is StoreProblem.DAMAGED
    assert "not a Messenger history" in raised.value.detail
    check = sqlite3.connect(path)
    try:
        assert sorted(check.execute("SELECT type, name, sql FROM sqlite_master")) == before
        assert check.execute("PRAGMA user_version").fetchone()[0] == 0
    finally:
        check.close()


def test_a_damaged_file_still_gives_the_clear_error(tmp_path):
    path = tmp_path / "history.sqlite3"
    garbage = b"SQLite format 3\x00" + os.urandom(8_192)
    path.write_bytes(garbage)
    with pytest.raises(StoreError) as raised:
        HistoryStore.open(path)
    assert raised.value.problem is StoreProblem.DAMAGED
    assert path.read_bytes() == garbage


_CRASHING_HOST = """
import os, sys
from pathlib import Path
from messenger.store import HistoryStore
store = HistoryStore.open(Path(sys.argv[1]))
rooms = store.rooms
rooms.create("kept", "", sys.argv[2], 1)
rooms.add_member("kept", sys.argv[2], 1)
store.append("kept", "An", "c", "m1", "x", 1, sys.argv[2])
rooms.add_member("general", sys.argv[2], 1)
rooms.set_read(sys.argv[2], "kept", 1)
store.commit()
rooms.create("lost", "", sys.argv[2], 2)
rooms.add_member("lost", sys.argv[2], 2)
rooms.set_topic("kept", "lost topic")
store.append("kept", "An", "c", "m2", "y", 2, sys.argv[2])
rooms.set_read(sys.argv[2], "kept", 2)
rooms.remove_member("kept", sys.argv[2])
os._exit(0)  # the host dies before its next commit
"""


def test_room_writes_are_durable_once_committed_and_not_before(tmp_path):
    path = tmp_path / "history.sqlite3"
    done = subprocess.run(
        [sys.executable, "-c", _CRASHING_HOST, str(path), ANH],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with HistoryStore.open(path) as store:
        assert store.rooms.get("kept") == Room("kept", RoomKind.ROOM, "", ANH, 1, 1)
        assert store.rooms.get("lost") is None
        assert store.rooms.rooms_of(ANH) == [
            Membership(GENERAL_ROOM, 0, 0),
            Membership("kept", 1, 1),
        ]
