"""HistoryStore on real SQLite files: seq, dedup, paging, restart, bad files, disk full."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from messenger.store import HistoryStore, StoreError, StoreProblem


@pytest.fixture
def opened():
    stores: list[HistoryStore] = []

    def opener(path: Path) -> HistoryStore:
        store = HistoryStore.open(path)
        stores.append(store)
        return store

    yield opener
    for store in stores:
        store.close()


def test_seq_continues_across_reopen_without_gaps(opened, tmp_path):
    path = tmp_path / "h.sqlite3"
    first = opened(path)
    for i in range(5):
        first.append("general", "An", "c1", f"m{i}", f"tin {i} 😀", i)
    first.commit()
    host_id = first.host_id
    first.close()
    second = HistoryStore.open(path)
    try:
        assert second.host_id == host_id
        assert second.last_seq("general") == 5
        message, new = second.append("general", "An", "c1", "m5", "sau", 9)
        assert (message.seq, new) == (6, True)
        second.commit()
        assert [m.text for m in second.messages_after("general", 3, 10)] == [
            "tin 3 😀",
            "tin 4 😀",
            "sau",
        ]
    finally:
        second.close()


def test_repeated_ids_return_the_original_even_before_commit(opened, tmp_path):
    store = opened(tmp_path / "h.sqlite3")
    original, new = store.append("general", "An", "c1", "same", "một", 1)
    repeat, again = store.append("general", "An", "c1", "same", "khác", 2)
    assert new and not again and repeat == original
    other_client, new_other = store.append("general", "Bình", "c2", "same", "của Bình", 3)
    assert new_other and other_client.seq == 2
    assert store.append("random", "An", "c1", "same", "x", 4)[0].seq == 1  # rooms apart


def test_paging_reads_every_message_once(opened, tmp_path):
    store = opened(tmp_path / "h.sqlite3")
    for i in range(1_000):
        store.append("general", "An", "c1", f"m{i}", "x", i)
    store.commit()
    seen, after = [], 0
    while page := store.messages_after("general", after, 100):
        seen += [m.seq for m in page]
        after = page[-1].seq
    assert seen == list(range(1, 1_001))
    assert [m.seq for m in store.latest("general", 3)] == [998, 999, 1000]
    assert [m.seq for m in store.messages_before("general", 5, 10)] == [1, 2, 3, 4]


def test_two_stores_have_different_ids(opened, tmp_path):
    assert opened(tmp_path / "a" / "h").host_id != opened(tmp_path / "b" / "h").host_id


def test_a_damaged_file_is_reported_and_kept(tmp_path):
    path = tmp_path / "h.sqlite3"
    path.write_bytes(b"garbage " * 1_000)
    with pytest.raises(StoreError) as raised:
        HistoryStore.open(path)
    assert raised.value.problem is StoreProblem.DAMAGED
    assert path.read_bytes() == b"garbage " * 1_000


def test_an_unwritable_folder_is_reported(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(StoreError) as raised:
        HistoryStore.open(tmp_path / "file" / "h.sqlite3")
    assert raised.value.problem is StoreProblem.NOT_WRITABLE


def test_a_second_host_on_the_same_file_is_refused(opened, tmp_path):
    opened(tmp_path / "h.sqlite3")
    with pytest.raises(StoreError) as raised:
        HistoryStore.open(tmp_path / "h.sqlite3")
    assert raised.value.problem is StoreProblem.IN_USE


def test_a_full_disk_loses_nothing_committed_and_reuses_no_seq(opened, tmp_path):
    store = opened(tmp_path / "h.sqlite3")
    store.append("general", "An", "c1", "kept", "đã lưu", 1)
    store.commit()
    db: sqlite3.Connection = store._db
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count={pages}")
    with pytest.raises(StoreError) as raised:
        for i in range(2_000):
            store.append("general", "An", "c1", f"big{i}", "x" * 4_000, 2)
        store.commit()
    assert raised.value.problem is StoreProblem.DISK_FULL
    db.execute("PRAGMA max_page_count=1073741823")
    message, new = store.append("general", "An", "c1", "after", "sau khi dọn ổ đĩa", 3)
    store.commit()
    assert new and message.seq == 2
    assert [m.id for m in store.messages_after("general", 0, 10)] == ["kept", "after"]
