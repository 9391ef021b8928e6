"""The room directory on real history files: rooms, members, direct rooms, read
markers, all within the store's group commit."""

from __future__ import annotations

import sqlite3

import pytest

from messenger.core.room_names import GENERAL_ROOM, RoomNameProblem, direct_room, room_key
from messenger.store import (
    HistoryStore,
    InvalidRoomNameError,
    Membership,
    MembershipRefusedError,
    NoSuchRoomError,
    Room,
    RoomExistsError,
    RoomKind,
    StoreError,
)
from messenger.store import room_directory as directory_module
from messenger.store.history_schema import GENERAL_KEY
from tests.store.failing_commit import FailingCommit

ANH = "a1" * 32
BINH = "b2" * 32
CHI = "c3" * 32
NOW = 1_700_000_000_000


def say(store: HistoryStore, room: str, msg_id: str, user: str = ANH) -> int:
    return store.append(room, "An", "c1", msg_id, "chào", NOW, user)[0].seq


def test_general_exists_in_a_new_history_with_the_right_key(opened, path):
    store = opened(path)
    assert store.rooms.get(GENERAL_ROOM) == Room(GENERAL_ROOM, RoomKind.ROOM, "", "", 0, 0)
    assert [room.name for room in store.rooms.rooms()] == [GENERAL_ROOM]
    assert GENERAL_KEY == room_key(GENERAL_ROOM)
    with pytest.raises(RoomExistsError) as raised:
        store.rooms.create("General", "", ANH, NOW)
    assert raised.value.holder == GENERAL_ROOM


def test_rooms_and_members_last_across_reopen_after_commit(opened, path):
    store = opened(path)
    made = store.rooms.create("Phòng họp", "họp thứ hai", ANH, NOW)
    assert made == Room("Phòng họp", RoomKind.ROOM, "họp thứ hai", ANH, NOW, 0)
    assert store.rooms.add_member("Phòng họp", ANH, NOW)
    assert store.rooms.add_member("Phòng họp", BINH, NOW + 1)
    assert not store.rooms.add_member("Phòng họp", BINH, NOW + 2)  # already in
    store.rooms.add_member(GENERAL_ROOM, ANH, NOW)
    store.commit()
    store.close()
    again = opened(path).rooms
    assert again.get("Phòng họp") == Room("Phòng họp", RoomKind.ROOM, "họp thứ hai", ANH, NOW, 2)
    assert again.members("Phòng họp") == [ANH, BINH]
    assert [(r.name, r.member_count) for r in again.rooms()] == [  # (code point order)
        ("Phòng họp", 2),
        (GENERAL_ROOM, 1),
    ]


def test_a_failed_commit_keeps_no_room_write(opened, path):
    store = opened(path)
    store.rooms.create("kept", "", ANH, NOW)
    store.commit()
    store.rooms.create("lost", "", ANH, NOW)
    store.rooms.add_member("kept", ANH, NOW)
    store.rooms.set_topic("kept", "new topic")
    assert (store.rooms.topic("lost"), store.rooms.topic("kept")) == ("", "new topic")
    db: sqlite3.Connection = store._db
    store._db = FailingCommit(db)
    with pytest.raises(StoreError):
        store.commit()
    assert (store.rooms.topic("lost"), store.rooms.topic("kept")) == (None, "")
    assert store.rooms.get("lost") is None
    assert store.rooms.get("kept") == Room("kept", RoomKind.ROOM, "", ANH, NOW, 0)


def test_a_batch_of_room_writes_undone_by_a_full_disk_fails_its_commit(opened, path):
    store = opened(path)
    store.commit()
    db: sqlite3.Connection = store._db
    db.execute(f"PRAGMA max_page_count={db.execute('PRAGMA page_count').fetchone()[0]}")
    store.rooms.create("pending", "", ANH, NOW)
    with pytest.raises(StoreError):
        for i in range(2_000):
            store.rooms.create(f"room {i} " + "x" * 50, "t" * 4_000, ANH, NOW)
    if db.in_transaction:
        pytest.skip("this SQLite undid only the failed statement")
    with pytest.raises(StoreError):
        store.commit()  # "pending" is gone: the host must not say it was made
    assert store.rooms.get("pending") is None


def test_a_first_write_refused_by_a_full_disk_loses_nothing_else(opened, path):
    store = opened(path)
    store.rooms.create("kept", "", ANH, NOW)
    store.commit()
    db: sqlite3.Connection = store._db
    db.execute(f"PRAGMA max_page_count={db.execute('PRAGMA page_count').fetchone()[0]}")
    with pytest.raises(StoreError):
        store.rooms.create("huge", "t" * 200_000, ANH, NOW)
    db.execute("PRAGMA max_page_count=1073741823")
    store.commit()  # nothing else was in the batch: nothing to report lost
    store.rooms.create("after", "", ANH, NOW)
    store.commit()
    assert [room.name for room in store.rooms.rooms()] == ["after", GENERAL_ROOM, "kept"]


# -- names ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Kế toán", "KẾ TOÁN", "Ke\u0302\u0301 toa\u0301n", "ｋế toán"])
def test_a_name_that_looks_like_an_existing_one_is_refused(opened, path, name):
    rooms = opened(path).rooms
    rooms.create("Kế toán", "", ANH, NOW)
    with pytest.raises(RoomExistsError) as raised:
        rooms.create(name, "", BINH, NOW)
    assert (raised.value.name, raised.value.holder) == (name, "Kế toán")
    assert rooms.get("Kế toán") == Room("Kế toán", RoomKind.ROOM, "", ANH, NOW, 0)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", RoomNameProblem.EMPTY),
        ("a\u202eb", RoomNameProblem.HIDDEN_CHARACTERS),
        (direct_room(ANH, BINH), RoomNameProblem.RESERVED),
        ("x" * 65, RoomNameProblem.TOO_LONG),
    ],
)
def test_a_name_nobody_may_create_is_refused_and_nothing_written(opened, path, name, problem):
    store = opened(path)
    with pytest.raises(InvalidRoomNameError) as raised:
        store.rooms.create(name, "", ANH, NOW)
    assert raised.value.problem is problem
    assert store.rooms.get(name) is None and not store.uncommitted


def test_keys_made_by_an_older_rule_are_made_again_before_a_create(opened, path):
    store = opened(path)
    store.rooms.create("Bob", "", ANH, NOW)
    store.commit()
    db: sqlite3.Connection = store._db
    db.execute("UPDATE rooms SET name_key='stale' WHERE name='Bob'")
    db.execute("UPDATE meta SET value='an older rule' WHERE key='room_key_rule'")
    with pytest.raises(RoomExistsError):
        store.rooms.create("B0B", "", BINH, NOW)
    assert db.execute("SELECT name_key FROM rooms WHERE name='Bob'").fetchone()[0] != "stale"


def test_unknown_rooms_are_told(opened, path):
    rooms = opened(path).rooms
    assert rooms.get("nowhere") is None
    for call in (
        lambda: rooms.set_topic("nowhere", "x"),
        lambda: rooms.add_member("nowhere", ANH, NOW),
        lambda: rooms.remove_member("nowhere", ANH),
        lambda: rooms.members("nowhere"),
    ):
        with pytest.raises(NoSuchRoomError) as raised:
            call()
        assert raised.value.name == "nowhere"
    with pytest.raises(MembershipRefusedError):
        rooms.set_read(ANH, "nowhere", 1)
    assert rooms.rooms_of(ANH) == [] and rooms.read_marker(ANH, "nowhere") == 0


def test_topic_and_members_change_and_counts_follow(opened, path):
    rooms = opened(path).rooms
    rooms.create("dev", "", ANH, NOW)
    assert (rooms.topic("dev"), rooms.topic("nowhere")) == ("", None)
    assert rooms.set_topic("dev", "bản phát hành 2").topic == "bản phát hành 2"
    assert rooms.topic("dev") == "bản phát hành 2"
    for user in (ANH, BINH, CHI):
        rooms.add_member("dev", user, NOW)
    assert rooms.remove_member("dev", BINH)
    assert not rooms.remove_member("dev", BINH)
    assert rooms.members("dev") == [ANH, CHI] and rooms.get("dev").member_count == 2
    assert rooms.is_member("dev", ANH) and not rooms.is_member("dev", BINH)


def test_everyone_stays_in_general(opened, path):
    rooms = opened(path).rooms
    rooms.add_member(GENERAL_ROOM, ANH, NOW)
    with pytest.raises(MembershipRefusedError):
        rooms.remove_member(GENERAL_ROOM, ANH)
    assert rooms.members(GENERAL_ROOM) == [ANH]


# -- direct rooms ------------------------------------------------------------------


def test_a_direct_room_holds_its_two_identities_only(opened, path):
    store = opened(path)
    room = store.rooms.open_direct(BINH, ANH, NOW)
    assert room == Room(direct_room(ANH, BINH), RoomKind.DIRECT, "", BINH, NOW, 2)
    assert store.rooms.open_direct(ANH, BINH, NOW + 5) == room  # the same room again
    with pytest.raises(MembershipRefusedError) as raised:
        store.rooms.add_member(room.name, CHI, NOW)
    assert (raised.value.room, raised.value.user) == (room.name, CHI)
    with pytest.raises(MembershipRefusedError):
        store.rooms.set_read(CHI, room.name, 1)
    assert store.rooms.members(room.name) == [ANH, BINH]
    assert [r.name for r in store.rooms.rooms()] == [GENERAL_ROOM]  # not listed
    assert store.rooms.rooms(RoomKind.DIRECT) == [room]
    with pytest.raises(ValueError):
        store.rooms.open_direct(ANH, ANH, NOW)


def test_a_member_who_left_a_direct_room_is_back_when_it_is_opened_again(opened, path):
    rooms = opened(path).rooms
    name = rooms.open_direct(ANH, BINH, NOW).name
    rooms.remove_member(name, BINH)
    assert [m.room for m in rooms.rooms_of(BINH)] == []
    rooms.open_direct(ANH, BINH, NOW)
    assert [m.room for m in rooms.rooms_of(BINH)] == [name]


# -- what a welcome lists ----------------------------------------------------------


def test_rooms_of_gives_each_rooms_last_seq_and_the_users_marker(opened, path):
    store = opened(path)
    rooms = store.rooms
    rooms.add_member(GENERAL_ROOM, BINH, NOW)
    rooms.create("dev", "", ANH, NOW)
    rooms.add_member("dev", BINH, NOW)
    direct = rooms.open_direct(ANH, BINH, NOW).name
    for i in range(3):
        say(store, GENERAL_ROOM, f"g{i}")
    say(store, direct, "d0")
    rooms.set_read(BINH, GENERAL_ROOM, 2)
    store.commit()
    say(store, direct, "d1")  # uncommitted appends count, as in last_seq
    assert rooms.rooms_of(BINH) == [
        Membership("dev", 0, 0),
        Membership(direct, 2, 0),
        Membership(GENERAL_ROOM, 3, 2),
    ]
    store.commit()
    store.close()
    assert opened(path).rooms.rooms_of(BINH)[1] == Membership(direct, 2, 0)


def test_read_markers_never_go_back_nor_past_the_last_message(opened, path):
    store = opened(path)
    rooms = store.rooms
    rooms.add_member(GENERAL_ROOM, ANH, NOW)
    assert rooms.set_read(ANH, GENERAL_ROOM, 5) == 0  # no messages yet
    for i in range(10):
        say(store, GENERAL_ROOM, f"m{i}")
    assert rooms.set_read(ANH, GENERAL_ROOM, 7) == 7
    assert rooms.set_read(ANH, GENERAL_ROOM, 3) == 7
    assert rooms.set_read(ANH, GENERAL_ROOM, -1) == 7
    assert rooms.set_read(ANH, GENERAL_ROOM, 10**30) == 10  # not past seq 10
    assert rooms.read_marker(BINH, GENERAL_ROOM) == 0
    store.commit()
    store.close()
    again = opened(path)
    assert again.rooms.read_marker(ANH, GENERAL_ROOM) == 10
    assert again.rooms.set_read(ANH, GENERAL_ROOM, 9) == 10


def test_a_join_makes_a_member_whose_marker_starts_where_it_joined(opened, path):
    store = opened(path)
    rooms = store.rooms
    rooms.create("dev", "", ANH, NOW)
    for i in range(4):
        say(store, "dev", f"m{i}")
    assert rooms.join("dev", BINH, NOW, 4) and not rooms.join("dev", BINH, NOW, 4)
    assert rooms.read_marker(BINH, "dev") == 4 and rooms.get("dev").member_count == 1
    assert rooms.join("dev", CHI, NOW, 0) and rooms.read_marker(CHI, "dev") == 0
    rooms.set_read(BINH, "dev", 2)  # (never backwards: still 4)
    assert rooms.remove_member("dev", BINH)
    say(store, "dev", "m4")
    assert rooms.join("dev", BINH, NOW, 5)  # a member before: its marker is kept
    assert rooms.read_marker(BINH, "dev") == 4
    with pytest.raises(MembershipRefusedError):
        rooms.join(direct_room(ANH, BINH), CHI, NOW, 0)


def test_room_lookups_use_indexes(opened, path):
    store = opened(path)
    db: sqlite3.Connection = store._db
    queries = {
        directory_module._GET: ("x",),
        directory_module._LIST: ("room",),
        directory_module._HOLDER: ("x",),
        directory_module._IS_MEMBER: ("x", ANH),
        directory_module._MEMBERS: ("x",),
        directory_module._ROOMS_OF: (ANH,),
        directory_module._LAST_SEQ: ("x",),
        directory_module._READ: (ANH, "x"),
    }
    for sql, params in queries.items():
        plan = " ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "SCAN" not in plan and "TEMP B-TREE" not in plan, (sql, plan)
