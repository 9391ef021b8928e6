"""The pane of messages kept from before a reset: the newest of them, marked, in seq
order, and older ones as the reader scrolls up (from the real cache file)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from messenger.store import ClientStore, StoredMessage
from messenger.ui.kept_messages_pane import KeptMessagesPane
from messenger.ui.log_entry import EntryStatus

ROOM = "general"


def test_the_pane_shows_the_newest_kept_and_loads_older_ones_on_scrolling_up(qtbot, tmp_path):
    store = ClientStore.open(tmp_path / "client.sqlite3")
    try:
        old = [
            StoredMessage(ROOM, s, f"id{s}", "An" if s % 2 else "Bình", s, f"tin {s}")
            for s in range(1, 151)
        ]
        store.cache("h", old)
        store.archive_room("h", ROOM, now_ms=1)
        pane = KeptMessagesPane()
        qtbot.addWidget(pane)
        pane.show_messages(
            store.archived_before("h", ROOM, 2**62, 60),
            "An",
            lambda before: store.archived_before("h", ROOM, before, 40),
        )
        model = pane.model
        assert not pane.isHidden()
        assert [model.entry(r).seq for r in (0, model.rowCount() - 1)] == [91, 150]
        assert {model.entry(r).status for r in range(model.rowCount())} == {EntryStatus.KEPT}
        assert model.entry(model.rowCount() - 1).own is False  # Bình's
        while True:  # as the view does with the top of the log in sight
            model.older_wanted = True
            if not model.canFetchMore(QModelIndex()):
                break
            model.fetchMore(QModelIndex())
        assert [model.entry(r).seq for r in range(model.rowCount())][:3] == [1, 2, 3]
        assert model.rowCount() <= model.max_rows
        pane.show_messages([], "An")
        assert pane.isHidden()
    finally:
        store.close()
