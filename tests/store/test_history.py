"""HistoryStore on real SQLite files: seq, dedup, paging, restart, bad files, disk full."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from messenger.host.store_errors import describe_store_error as error_message
from messenger.store import HistoryStore, StoreError, StoreProblem
from messenger.store import history as history_module
from tests.store.failing_commit import FailingCommit

REPO = Path(__file__).resolve().parents[2]


def say(
    store: HistoryStore, msg_id: str, text: str = "x", room: str = "general", client: str = "c1"
):
    return store.append(room, "An", client, msg_id, text, 1_700_000_000_000)


def ids(store: HistoryStore, room: str = "general") -> list[str]:
    return [m.id for m in store.messages_after(room, 0, 1_000_000)]


def seqs(store: HistoryStore, room: str = "general") -> list[int]:
    return [m.seq for m in store.messages_after(room, 0, 1_000_000)]


# -- seq, commit, reopen -----------------------------------------------------------


def test_seq_continues_across_reopen_without_gaps(opened, path):
    first = opened(path)
    assert first.last_seq("general") == 0
    made = [say(first, f"m{i}", f"tin {i}")[0] for i in range(5)]
    assert [m.seq for m in made] == [1, 2, 3, 4, 5]
    first.commit()
    first.close()
    second = opened(path)
    assert second.last_seq("general") == 5
    message, new = say(second, "m5", "sau")
    assert (message.seq, new) == (6, True)
    second.commit()
    second.close()
    third = opened(path)
    assert seqs(third) == [1, 2, 3, 4, 5, 6]
    assert [m.text for m in third.messages_after("general", 3, 10)] == ["tin 3", "tin 4", "sau"]


def test_append_returns_what_is_stored(opened, path):
    store = opened(path)
    message, new = store.append("general", "Bình", "c9", "id-1", "chào", 1_700_000_000_123)
    assert new
    store.commit()
    assert store.messages_after("general", 0, 1) == [message]
    assert (message.room, message.seq, message.id, message.sender, message.ts, message.text) == (
        "general",
        1,
        "id-1",
        "Bình",
        1_700_000_000_123,
        "chào",
    )


def test_close_commits_what_is_pending_and_is_idempotent(opened, path):
    store = opened(path)
    say(store, "pending")
    store.close()
    store.close()
    assert ids(opened(path)) == ["pending"]


def test_a_context_manager_closes_the_store(path):
    with HistoryStore.open(path) as store:
        say(store, "a")
        store.commit()
    with HistoryStore.open(path) as again:  # the lock was released
        assert ids(again) == ["a"]


def test_commit_with_nothing_appended_is_harmless(opened, path):
    store = opened(path)
    store.commit()
    store.commit()
    say(store, "a")
    store.commit()
    store.commit()
    assert seqs(store) == [1]


# -- dedup -------------------------------------------------------------------------


def test_a_repeated_id_returns_the_original_and_adds_nothing(opened, path):
    store = opened(path)
    original, new = say(store, "same", "một")
    repeat, again = store.append("general", "Someone", "c1", "same", "khác", 99)
    assert new and not again
    assert repeat == original
    assert store.last_seq("general") == 1
    store.commit()
    assert [m.text for m in store.messages_after("general", 0, 10)] == ["một"]


def test_the_same_id_from_another_client_or_room_is_a_new_message(opened, path):
    store = opened(path)
    say(store, "same", client="c1")
    other_client, new = say(store, "same", client="c2")
    assert new and other_client.seq == 2
    other_room, new_room = say(store, "same", room="random")
    assert new_room and other_room.seq == 1


def test_uncommitted_appends_are_seen_by_dedup_and_last_seq(opened, path):
    store = opened(path)
    say(store, "committed")
    store.commit()
    pending, _ = say(store, "pending", "chưa lưu")
    assert store.last_seq("general") == 2
    repeat, new = say(store, "pending", "other text")
    assert not new and repeat == pending
    assert ids(store) == ["committed", "pending"]  # reads see the open transaction too
    store.commit()
    assert ids(store) == ["committed", "pending"]


def test_dedup_holds_after_reopen(opened, path):
    first = opened(path)
    original, _ = say(first, "m1", "trước")
    say(first, "m2")
    first.commit()
    first.close()
    second = opened(path)
    repeat, new = say(second, "m1", "sau")
    assert not new and repeat == original
    fresh, new_fresh = say(second, "m3")
    assert new_fresh and fresh.seq == 3


# -- reading -----------------------------------------------------------------------


def test_paging_reads_every_message_once_in_order(opened, path):
    store = opened(path)
    for i in range(1_000):
        say(store, f"m{i}", f"tin {i}")
    store.commit()
    seen: list[int] = []
    after, pages = 0, 0
    while page := store.messages_after("general", after, 100):
        assert len(page) == 100
        seen += [m.seq for m in page]
        after = page[-1].seq
        pages += 1
    assert pages == 10
    assert seen == list(range(1, 1_001))
    assert store.messages_after("general", 1_000, 100) == []
    assert [m.seq for m in store.messages_after("general", 995, 100)] == [996, 997, 998, 999, 1000]


@pytest.mark.parametrize("limit", [0, -1])
def test_an_empty_or_negative_limit_reads_nothing(opened, path, limit):
    store = opened(path)
    say(store, "a")
    assert store.messages_after("general", 0, limit) == []
    assert store.messages_before("general", 10, limit) == []
    assert store.latest("general", limit) == []


def test_latest_and_messages_before(opened, path):
    store = opened(path)
    assert store.latest("general", 10) == []
    for i in range(20):
        say(store, f"m{i}")
    store.commit()
    assert [m.seq for m in store.latest("general", 3)] == [18, 19, 20]
    assert [m.seq for m in store.latest("general", 50)] == list(range(1, 21))
    assert [m.seq for m in store.messages_before("general", 5, 10)] == [1, 2, 3, 4]
    assert [m.seq for m in store.messages_before("general", 15, 2)] == [13, 14]
    assert store.messages_before("general", 1, 10) == []


def test_rooms_are_independent(opened, path):
    store = opened(path)
    for i in range(3):
        say(store, f"g{i}", room="general")
    say(store, "r0", room="random")
    store.commit()
    assert store.last_seq("general") == 3
    assert store.last_seq("random") == 1
    assert store.last_seq("empty") == 0
    assert ids(store, "general") == ["g0", "g1", "g2"]
    assert ids(store, "random") == ["r0"]
    assert [m.room for m in store.latest("random", 5)] == ["random"]
    assert say(store, "r1", room="random")[0].seq == 2


def test_lookups_use_indexes(opened, path):
    store = opened(path)
    db: sqlite3.Connection = store._db
    queries = {
        history_module._FIND: ("general", "c1", "m1"),
        history_module._LAST_SEQ: ("general",),
        history_module._AFTER: ("general", 5, 10),
        history_module._BEFORE: ("general", 5, 10),
    }
    for sql, params in queries.items():
        plan = " ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "SEARCH" in plan and "SCAN" not in plan and "TEMP B-TREE" not in plan, (sql, plan)


# -- identity and text -------------------------------------------------------------


def test_host_id_is_stable_across_reopen_and_differs_between_stores(opened, tmp_path):
    first = opened(tmp_path / "a" / "h.sqlite3")
    host_id = first.host_id
    assert uuid.UUID(hex=host_id).version == 4 and len(host_id) == 32
    first.close()
    assert opened(tmp_path / "a" / "h.sqlite3").host_id == host_id
    assert opened(tmp_path / "b" / "h.sqlite3").host_id != host_id


TEXTS = [
    "Tiếng Việt có dấu: ă â đ ê ô ơ ư, ầ ẩ ẫ ấ ậ, Nguyễn Thị Phương Thảo",
    "Tie\u0302\u0301ng Vie\u0323\u0302t (decomposed: combining marks kept as they are)",
    "emoji 😀 👍🏽 👨‍👩‍👧‍👦 🇻🇳 and a variation selector ❤️",
    "line one\nline two\ttab \\ backslash 'quote' \"double\" <b>not markup</b> %s {0}",
    "zero\x00width: NUL and \u200b ZWSP and \ufeff BOM",
    "\U0001d54f astral plane ✓ \U0010fffd",
    "",
]


def test_text_round_trips_exactly(opened, path):
    store = opened(path)
    for i, text in enumerate(TEXTS):
        store.append("phòng-chung 🏠", "Trần Văn Ánh 😀", "máy-1", f"mã-{i}", text, i)
    store.commit()
    store.close()
    again = opened(path)
    stored = again.messages_after("phòng-chung 🏠", 0, 100)
    assert [m.text for m in stored] == TEXTS
    assert {m.sender for m in stored} == {"Trần Văn Ánh 😀"}
    assert [m.id for m in stored] == [f"mã-{i}" for i in range(len(TEXTS))]
    assert say(again, "mã-0", room="phòng-chung 🏠", client="máy-1")[1] is False


# -- files that cannot be used -----------------------------------------------------


def test_a_damaged_file_is_reported_and_kept(tmp_path):
    path = tmp_path / "history.sqlite3"
    garbage = os.urandom(16_384)
    path.write_bytes(garbage)
    with pytest.raises(StoreError) as raised:
        HistoryStore.open(path)
    error = raised.value
    assert error.problem is StoreProblem.DAMAGED
    assert error.path == path
    message = error_message(error)
    assert str(path) in message and "damaged" in message and "Move it aside" in message
    assert path.read_bytes() == garbage


def test_another_programs_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE messages (subject TEXT, body TEXT)")
        other.execute("INSERT INTO messages VALUES ('hello', 'world')")
    other.close()
    with pytest.raises(StoreError) as raised:
        HistoryStore.open(path)
    assert raised.value.problem is StoreProblem.DAMAGED
    assert "not a Messenger history" in raised.value.detail
    check = sqlite3.connect(path)
    try:
        tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master")}
        assert tables == {"messages"}  # no meta table was left behind
        assert check.execute("SELECT * FROM messages").fetchall() == [("hello", "world")]
    finally:
        check.close()


def test_a_history_from_a_newer_version_is_refused(opened, path):
    opened(path).close()
    newer = sqlite3.connect(path)
    newer.execute(f"PRAGMA user_version={history_module.SCHEMA_VERSION + 1}")
    newer.close()
    with pytest.raises(StoreError) as raised:
        HistoryStore.open(path)
    assert "newer version of Messenger" in error_message(raised.value)


def test_an_unwritable_folder_is_reported(tmp_path):
    (tmp_path / "afile").write_text("not a folder")
    with pytest.raises(StoreError) as raised:
        HistoryStore.open(tmp_path / "afile" / "history.db")
    assert raised.value.problem is StoreProblem.NOT_WRITABLE
    assert "cannot write" in error_message(raised.value).lower()
    assert (tmp_path / "afile").read_text() == "not a folder"


def test_a_second_host_on_the_same_file_is_refused(opened, path):
    first = opened(path)
    say(first, "a")
    first.commit()
    with pytest.raises(StoreError) as raised:
        HistoryStore.open(path)
    assert raised.value.problem is StoreProblem.IN_USE
    assert "Another Messenger host is already using" in error_message(raised.value)
    say(first, "b")  # the first host goes on unharmed
    first.commit()
    first.close()
    assert ids(opened(path)) == ["a", "b"]


def test_a_host_in_another_process_is_refused_too(opened, path):
    store = opened(path)
    say(store, "a")
    store.commit()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from messenger.store import HistoryStore, StoreError\n"
        "try:\n"
        "    HistoryStore.open(Path(sys.argv[1])).close()\n"
        "except StoreError as error:\n"
        "    print(error.problem.value)\n"
        "    sys.exit(3)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env=env,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (3, "in_use"), done.stderr
    store.close()
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("problem", list(StoreProblem))
def test_every_problem_has_a_sentence_naming_the_file(problem, tmp_path):
    message = error_message(StoreError(problem, tmp_path / "h.sqlite3", "some detail"))
    assert str(tmp_path / "h.sqlite3") in message
    assert message.endswith(".") and len(message.split(". ")) >= 2  # what happened; what to do


# -- a full disk -------------------------------------------------------------------

NO_LIMIT = 1_073_741_823


def fill_disk(store: HistoryStore) -> sqlite3.Connection:
    """Lets the file grow no more: the next page SQLite needs fails with SQLITE_FULL."""
    db: sqlite3.Connection = store._db
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count={pages}")
    return db


def test_a_full_disk_mid_batch_loses_nothing_committed_and_reuses_no_seq(opened, path):
    store = opened(path)
    say(store, "kept", "đã lưu")
    store.commit()
    db = fill_disk(store)
    say(store, "small-1", "a")  # fits in the pages the file already has
    say(store, "small-2", "b")
    assert store.last_seq("general") == 3
    with pytest.raises(StoreError) as raised:
        for i in range(100):
            say(store, f"big{i}", "x" * 4_000)
    assert raised.value.problem is StoreProblem.DISK_FULL
    assert "is full" in error_message(raised.value)
    # SQLite may undo the whole transaction on SQLITE_FULL (3.40 does): then the
    # commit must fail too, or the host would acknowledge messages that are gone.
    try:
        store.commit()
        committed = ["small-1", "small-2"]
    except StoreError as error:
        assert error.problem is StoreProblem.DISK_FULL
        committed = []
    assert ids(store) == ["kept", *committed]
    assert store.last_seq("general") == 1 + len(committed)

    db.execute(f"PRAGMA max_page_count={NO_LIMIT}")  # room again
    big, new = say(store, "big0", "x" * 4_000)
    assert new and big.seq == 2 + len(committed)
    _retried, new_retry = say(store, "small-1", "a")
    assert new_retry == (not committed)
    store.commit()
    store.close()
    reopened = opened(path)
    expected = ["kept", *committed, "big0"] + ([] if committed else ["small-1"])
    assert ids(reopened) == expected
    assert seqs(reopened) == list(range(1, len(expected) + 1))


def test_a_failed_append_that_undoes_the_batch_makes_the_commit_fail(opened, path):
    store = opened(path)
    say(store, "kept")
    store.commit()
    db = fill_disk(store)
    say(store, "pending")
    with pytest.raises(StoreError):
        say(store, "big", "x" * 50_000)
    if db.in_transaction:
        pytest.skip("this SQLite undid only the failed statement")
    db.execute(f"PRAGMA max_page_count={NO_LIMIT}")
    later, _ = say(store, "later")  # seqs are re-read from the file: no gap
    assert later.seq == 2
    with pytest.raises(StoreError) as raised:
        store.commit()  # "pending" is gone: this batch must not be acknowledged
    assert raised.value.problem is StoreProblem.DISK_FULL
    assert ids(store) == ["kept"]
    assert say(store, "pending")[0].seq == 2
    store.commit()
    assert ids(store) == ["kept", "pending"]


def test_a_failed_commit_undoes_the_batch_and_rereads_seqs(opened, path):
    store = opened(path)
    say(store, "kept")
    store.commit()
    store._db = FailingCommit(store._db)
    say(store, "a")
    say(store, "b")
    with pytest.raises(StoreError) as raised:
        store.commit()
    assert raised.value.problem is StoreProblem.DISK_FULL
    assert store.last_seq("general") == 1
    assert ids(store) == ["kept"]
    again, new = say(store, "a")  # the failed batch is forgotten, dedup included
    assert new and again.seq == 2
    store.commit()
    store.close()
    assert seqs(opened(path)) == [1, 2]


USER_A = "a1" * 32
USER_B = "b2" * 32


def test_the_senders_user_id_is_stored_and_read_back(opened, path):
    store = opened(path)
    message, _ = store.append("general", "An", "c1", "m1", "chào", 1, USER_A)
    repeat, new = store.append("general", "An", "c1", "m1", "chào", 2, USER_A)
    store.commit()
    assert message.user == repeat.user == USER_A and not new
    store.close()
    again = opened(path)
    assert [m.user for m in again.latest("general", 5)] == [USER_A]
    assert again.messages_after("general", 0, 5) == [message]


def test_a_history_of_schema_1_is_migrated_its_messages_kept_without_user(opened, path):
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as old:  # as schema 1 wrote it
        old.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        old.execute(
            "CREATE TABLE messages (room TEXT NOT NULL, seq INTEGER NOT NULL,"
            " client TEXT NOT NULL, msg_id TEXT NOT NULL, sender TEXT NOT NULL,"
            " ts INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (room, seq),"
            " UNIQUE (room, client, msg_id)) WITHOUT ROWID"
        )
        old.execute("INSERT INTO meta VALUES ('host_id', 'old-host'), ('epoch', 'e1')")
        old.execute("INSERT INTO messages VALUES ('general', 1, 'c', 'm1', 'An', 5, 'cũ')")
        old.execute("PRAGMA user_version=1")
    old.close()
    store = opened(path)
    assert (store.host_id, store.epoch) == ("old-host", "e1")
    [kept] = store.latest("general", 5)
    assert (kept.sender, kept.text, kept.user) == ("An", "cũ", "")
    new, _ = store.append("general", "Bình", "c2", "m2", "mới", 6, USER_B)
    store.commit()
    assert store.latest("general", 5)[-1] == new and new.seq == 2
    store.close()
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA user_version").fetchone()[0] == history_module.SCHEMA_VERSION
    check.close()


def test_held_names_are_keyed_again_when_the_rule_changes(opened, path):
    store = opened(path)
    store.hold_name(USER_A, "minh", "Minh")  # a key made by an older rule
    store.hold_name(USER_B, "rninh", "Rninh")
    store.rekey_names("rule-2", lambda name: name.casefold().replace("m", "rn"))
    # both now compare as "rninh": the first user id keeps it, the other is released
    assert store.name_holder("rninh") == USER_A
    assert store.name_holder("minh") is None
    store.hold_name(USER_B, "x", "X")
    store.rekey_names("rule-2", lambda name: "unused")  # (the same rule: nothing to do)
    assert store.name_holder("x") == USER_B
    store.close()
    again = opened(path)
    again.rekey_names("rule-2", lambda name: "unused")
    assert (again.name_holder("rninh"), again.name_holder("x")) == (USER_A, USER_B)
