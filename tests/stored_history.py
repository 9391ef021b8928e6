"""A host's history file filled before the host starts (a long history to replay)."""

from __future__ import annotations

from pathlib import Path

from messenger.store import HistoryStore


def fill_history(data_dir: Path, count: int, room: str = "general") -> None:
    """Stores ``count`` old messages of ``room`` in ``data_dir``'s history (seq 1 on)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    store = HistoryStore.open(data_dir / "history.sqlite3")
    for i in range(count):
        store.append(room, "Cũ", "old", f"old-{i}", f"tin nhắn cũ {i}", 1_700_000_000_000 + i)
    store.commit()
    store.close()
