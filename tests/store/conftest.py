"""Fixtures of the stores' tests: history files opened in a test's own folder and
closed when it ends."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from messenger.store import HistoryStore

Opener = Callable[[Path], HistoryStore]


@pytest.fixture
def opened() -> Iterator[Opener]:
    """Opens stores that are all closed when the test ends (closing twice is fine)."""
    stores: list[HistoryStore] = []

    def opener(path: Path) -> HistoryStore:
        store = HistoryStore.open(path)
        stores.append(store)
        return store

    yield opener
    for store in stores:
        store.close()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.sqlite3"
