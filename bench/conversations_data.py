"""The data of the conversations benchmark: a host history and a user's data folder
(identity, settings, client cache) with many rooms, a few of them very long.

The host holds the same messages as the cache (bulk inserts, big transactions), the
user is a member of every room, and its read markers leave a few messages unread in
each small room (the sidebar shows badges at once).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from bench.window_bench import PEOPLE, TEXTS, YOU

SMALL_MESSAGES = 30
UNREAD_IN_SMALL = 3


def room_names(conversations: int, big: int) -> tuple[list[str], list[str]]:
    """(the big rooms, the small ones): ``conversations`` in all, ``general`` among the
    small ones."""
    big_rooms = [f"big-{n}" for n in range(1, big + 1)]
    small = ["general", *(f"room-{n:03d}" for n in range(1, conversations - big))]
    return big_rooms, small


def _rows(room: str, count: int, now_ms: int) -> Iterator[tuple[str, int, str, str, int, str]]:
    for seq in range(1, count + 1):
        person = PEOPLE[seq * 7 % len(PEOPLE)]
        text = TEXTS[seq * 13 % len(TEXTS)]
        yield (room, seq, f"{room}-h{seq}", person, now_ms - (count - seq) * 500, text)


def _bulk(path: Path, statements: list[tuple[str, Iterator[tuple[object, ...]]]]) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=DELETE")  # no WAL the size of the file while filling
    db.execute("PRAGMA synchronous=OFF")
    db.execute("BEGIN")
    for sql, rows in statements:
        db.executemany(sql, rows)
    db.execute("COMMIT")
    db.execute("PRAGMA journal_mode=WAL")  # as the app leaves it
    db.close()


def prepare(folder: Path, conversations: int, big: int, big_messages: int) -> dict[str, object]:
    """Writes the host's history and the user's folder; returns where, the host id,
    the rooms and how long it took."""
    from messenger.core.room_names import room_key
    from messenger.store import ClientStore, HistoryStore
    from messenger.store.identity_file import load_or_create_identity

    started = time.monotonic()
    host_dir, user_dir = folder / "host", folder / "user"
    user_dir.mkdir(parents=True)
    identity, _made = load_or_create_identity(user_dir, YOU)
    user = identity.user_id
    history_path = host_dir / "history.sqlite3"
    with HistoryStore.open(history_path) as history:
        host_id = history.host_id
    ClientStore.open(user_dir / "client.sqlite3").close()
    big_rooms, small_rooms = room_names(conversations, big)
    now_ms = time.time_ns() // 1_000_000
    sizes = {room: big_messages for room in big_rooms} | dict.fromkeys(small_rooms, SMALL_MESSAGES)

    def messages() -> Iterator[tuple[object, ...]]:
        for room, count in sizes.items():
            for r in _rows(room, count, now_ms):
                yield (r[0], r[1], f"bench-{r[3]}", r[2], r[3], r[4], r[5])

    rooms = [(room, room_key(room), "room", "", user, now_ms) for room in sizes]
    _bulk(
        history_path,
        [
            (
                "INSERT OR IGNORE INTO rooms (name, name_key, kind, topic, created_by, "
                "created_ms) VALUES (?, ?, ?, ?, ?, ?)",
                iter(rooms),
            ),
            (
                "INSERT INTO room_members (room, user, since_ms) VALUES (?, ?, ?)",
                ((room, user, now_ms) for room in sizes),
            ),
            (
                "INSERT INTO read_markers (user, room, seq) VALUES (?, ?, ?)",
                ((user, room, count - UNREAD_IN_SMALL) for room, count in sizes.items()),
            ),
            (
                "INSERT INTO messages (room, seq, client, msg_id, sender, ts, text) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                messages(),
            ),
        ],
    )
    _bulk(
        user_dir / "client.sqlite3",
        [
            (
                "INSERT INTO messages (host, room, seq, msg_id, sender, ts, text) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    (host_id, *r)
                    for room, count in sizes.items()
                    for r in _rows(room, count, now_ms)
                ),
            )
        ],
    )
    return {
        "host_dir": host_dir,
        "user_dir": user_dir,
        "host_id": host_id,
        "big_rooms": big_rooms,
        "small_rooms": small_rooms,
        "prepare_s": time.monotonic() - started,
    }
