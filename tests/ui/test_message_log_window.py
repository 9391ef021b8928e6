"""MessageLogModel as a window onto a big room: the row cap, pages at both ends, the
jump to the newest (Ctrl+End), pending own messages, messages arriving while reading up.

A ``Room`` stands for the session and its cache: it answers the model's requests the
way ChatController wires Conversation to it (synchronously, pages of PAGE messages).
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QModelIndex, QSize, Qt

from messenger.ui.log_entry import EntryStatus, LogEntry
from messenger.ui.message_log_model import MessageLogModel
from messenger.ui.message_log_view import MessageLogView

CAP = 30
PAGE = 10


def confirmed(seq: int) -> LogEntry:
    return LogEntry(
        key=f"m{seq}",
        sender="An",
        ts=1_700_000_000_000 + seq,
        text=f"tin {seq}",
        own=False,
        seq=seq,
    )


def pending(key: str) -> LogEntry:
    return LogEntry(
        key=key,
        sender="Tôi",
        ts=1_700_000_000_000,
        text=f"đang gửi {key}",
        own=True,
        status=EntryStatus.SENDING,
    )


class Room:
    """The room's messages 1..n (the cache) answering the model's page requests."""

    def __init__(self, model: MessageLogModel, count: int) -> None:
        self.model = model
        self.last = count
        self.pending: list[LogEntry] = []
        self.newer_asked: list[int] = []
        model.older_requested.connect(self._older)
        model.newer_requested.connect(self._newer)
        model.newest_requested.connect(self.show_latest)

    def arrive(self, count: int = 1) -> None:
        """New messages from the host: cached, then given to the model as the app
        gives them (``add_arrived``)."""
        first = self.last + 1
        self.last += count
        self.model.add_arrived(confirmed(s) for s in range(first, self.last + 1))

    def show_latest(self) -> None:
        self.model.clear()
        self.model.add_entries(
            confirmed(s) for s in range(max(1, self.last - PAGE + 1), self.last + 1)
        )
        self.model.add_entries(self.pending)
        self.model.flush()

    def _older(self, before: int) -> None:
        self.model.add_older(confirmed(s) for s in range(max(1, before - PAGE), before))

    def _newer(self, after: int) -> None:
        self.newer_asked.append(after)
        page = [confirmed(s) for s in range(after + 1, min(self.last, after + PAGE) + 1)]
        self.model.add_newer(page, len(page) < PAGE)


def seqs(model: MessageLogModel) -> list[int | None]:
    return [model.entry(row).seq for row in range(model.rowCount())]


def confirmed_seqs(model: MessageLogModel) -> list[int]:
    return [s for s in seqs(model) if s is not None]


def assert_window(model: MessageLogModel) -> None:
    """The confirmed rows are consecutive seqs, at most CAP, each once; row_of agrees."""
    shown = confirmed_seqs(model)
    assert len(shown) <= CAP
    assert shown == list(range(shown[0], shown[0] + len(shown))) if shown else True
    for row in range(model.rowCount()):
        assert model.row_of(model.entry(row).key) == row


def make_model(count: int) -> tuple[MessageLogModel, Room]:
    """A model following the newest of a room of ``count`` messages."""
    model = MessageLogModel(max_rows=CAP)
    room = Room(model, 0)
    room.arrive(count)
    model.flush()
    return model, room


def scroll_up(model: MessageLogModel, pages: int) -> None:
    """The reader leaves the bottom and reaches the top ``pages`` times."""
    model.follow_newest = False
    for _ in range(pages):
        model.older_wanted = True
        assert model.canFetchMore(QModelIndex())
        model.fetchMore(QModelIndex())


def scroll_down_to_the_end(model: MessageLogModel, limit: int = 1_000) -> list[int]:
    """The reader reaches the bottom until the newest is shown; the seqs seen, in order."""
    seen: list[int] = []
    model.rowsInserted.connect(
        lambda _p, first, last: seen.extend(
            s for s in (model.entry(r).seq for r in range(first, last + 1)) if s is not None
        )
    )
    for _ in range(limit):
        if not model.has_newer():
            break
        assert model.canFetchNewer()
        model.fetch_newer()
        assert_window(model)
    assert not model.has_newer()
    return seen


# -- the cap -------------------------------------------------------------------


def test_appending_past_the_cap_while_following_trims_the_oldest():
    model, room = make_model(CAP)
    removed: list[tuple[int, int]] = []
    model.rowsRemoved.connect(lambda _p, first, last: removed.append((first, last)))
    for _ in range(7):
        room.arrive(5)
        model.flush()
        assert_window(model)
    assert confirmed_seqs(model) == list(range(room.last - CAP + 1, room.last + 1))
    assert removed and all(first == 0 for first, _ in removed)  # always at the top
    assert not model.has_newer()
    model.older_wanted = True  # and what was trimmed can be loaded again
    assert model.canFetchMore(QModelIndex())


def test_loading_older_pages_at_the_top_trims_the_newest():
    model, _room = make_model(100)
    scroll_up(model, 2)
    assert confirmed_seqs(model) == list(range(51, 81))
    assert model.has_newer()
    scroll_up(model, 5)
    assert confirmed_seqs(model) == list(range(1, 31))
    assert_window(model)
    model.older_wanted = True
    assert not model.canFetchMore(QModelIndex())  # seq 1 is shown: nothing older


def test_scrolling_down_loads_newer_pages_in_order_without_gaps_or_repeats():
    model, room = make_model(100)
    scroll_up(model, 7)
    assert confirmed_seqs(model) == list(range(1, 31))
    seen = scroll_down_to_the_end(model)
    assert seen == list(range(31, 101))  # every newer message once, in seq order
    assert room.newer_asked == list(range(30, 101, PAGE))  # the last page: empty
    assert confirmed_seqs(model) == list(range(71, 101))
    room.arrive()  # following again: new messages are appended as they come
    model.follow_newest = True
    model.flush()
    assert confirmed_seqs(model)[-1] == 101


def test_show_newest_starts_again_from_the_newest_messages():
    model, room = make_model(100)
    scroll_up(model, 7)
    model.show_newest()
    assert confirmed_seqs(model) == list(range(91, 101))
    assert not model.has_newer() and model.follow_newest
    room.arrive()
    model.flush()
    assert confirmed_seqs(model)[-1] == 101


def open_log(qtbot: Any, count: int) -> tuple[MessageLogView, MessageLogModel, Room]:
    """A shown view on a room of ``count`` messages, at the newest."""
    view = MessageLogView()
    qtbot.addWidget(view)
    model = MessageLogModel(view, max_rows=CAP)
    view.setModel(model)
    view.resize(400, 300)
    view.show()
    room = Room(model, 0)
    room.arrive(count)
    model.flush()
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0 and view.at_bottom())
    return view, model, room


def newest_in_sight(view: MessageLogView, model: MessageLogModel, seq: int) -> bool:
    """The log's last row is message ``seq``, in sight, and the view follows new ones."""
    last = model.index(model.rowCount() - 1, 0)
    return (
        model.entry(model.rowCount() - 1).seq == seq
        and view.viewport().rect().intersects(view.visualRect(last))
        and view.following()
    )


def test_ctrl_end_in_the_view_shows_the_newest_message(qtbot):
    view, model, room = open_log(qtbot, 500)
    bar = view.verticalScrollBar()
    for _ in range(8):  # the reader jumps to the top: an older page loads each time
        top = confirmed_seqs(model)[0]
        bar.setValue(0)
        assert confirmed_seqs(model)[0] == top - PAGE
        # the rows that were in sight stay there (so the top is out of sight again)
        qtbot.waitUntil(
            lambda top=top: (
                view.indexAt(view.viewport().rect().topLeft()).data(MessageLogModel.Role.Seq) == top
                and bar.value() > 0
            )
        )
    assert confirmed_seqs(model) == list(range(391, 421))
    assert model.has_newer()
    assert not view.following()
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: newest_in_sight(view, model, 500))
    room.arrive()  # and it follows new messages again
    qtbot.waitUntil(lambda: model.entry(model.rowCount() - 1).seq == 501 and view.at_bottom())


# -- pending own messages --------------------------------------------------------


def test_pending_messages_stay_last_and_are_not_trimmed_before_their_ack():
    model, room = make_model(CAP)
    room.pending = [pending("p1"), pending("p2")]
    model.add_entries(room.pending)
    room.arrive(2 * CAP)  # following: the oldest confirmed rows go, never the pending ones
    model.flush()
    assert model.rowCount() == CAP + 2
    assert [model.entry(r).key for r in (CAP, CAP + 1)] == ["p1", "p2"]
    scroll_up(model, 4)  # reading up: the newest confirmed rows go, not the pending ones
    assert model.has_newer()
    room.arrive(5)  # while up in the history: not shown, and the pending rows stay last
    model.flush()
    assert [model.entry(r).key for r in range(model.rowCount())][-2:] == ["p1", "p2"]
    assert_window(model)
    room.last += 1  # the host stores p1 as the newest message
    model.mark_sent("p1", room.last)
    assert model.row_of("p1") is not None
    assert model.entry(model.row_of("p1")).status is EntryStatus.SENT
    assert model.entry(model.rowCount() - 1).key == "p2"
    model.show_newest()  # Ctrl+End: the still-pending p2 is still there, last
    assert model.entry(model.rowCount() - 1).key == "p2"


def test_pending_messages_survive_the_cap_when_nothing_is_confirmed_yet():
    model = MessageLogModel(max_rows=CAP)
    model.add_entries(pending(f"p{i}") for i in range(CAP + 5))
    model.flush()
    assert model.rowCount() == CAP + 5
    model.add_entries([confirmed(1)])
    model.flush()
    assert model.entry(0).seq == 1 and model.rowCount() == CAP + 6


# -- messages arriving while reading up -------------------------------------------


def test_a_message_arriving_while_reading_far_up_appears_on_the_way_down():
    model, room = make_model(100)
    scroll_up(model, 7)
    room.arrive()  # seq 101, while seq 1..30 are shown
    model.flush()
    assert confirmed_seqs(model) == list(range(1, 31))
    seen = scroll_down_to_the_end(model)
    assert seen == list(range(31, 102))
    assert confirmed_seqs(model)[-1] == 101


def test_a_message_arriving_just_above_the_cap_while_not_following_is_not_lost():
    model, room = make_model(CAP)  # the whole window is the newest messages
    model.follow_newest = False  # the reader scrolled up a little
    room.arrive()
    model.flush()
    assert model.has_newer()  # the newest went (the reader is above it)
    assert confirmed_seqs(model) == list(range(1, CAP + 1))
    seen = scroll_down_to_the_end(model)
    assert seen == [CAP + 1]
    assert confirmed_seqs(model) == list(range(2, CAP + 2))


# -- the window's cache thread ------------------------------------------------------


def test_closing_the_window_stops_the_cache_checkpoint_thread(make_window):
    def checkpoint_threads() -> int:
        return sum(1 for t in threading.enumerate() if t.name == "cache-checkpoint")

    before = checkpoint_threads()
    window = make_window("An")
    assert checkpoint_threads() == before + 1
    window.close()
    assert checkpoint_threads() == before


def test_arriving_messages_are_measured_as_they_come_not_all_in_the_next_layout():
    """A busy room: each row's size is measured when its message is queued (a few per
    turn), so the layout after a flush only reads sizes; while reading far up, the
    messages that are not shown are not measured."""

    measured: list[str] = []

    def measure(entry: LogEntry) -> QSize:
        measured.append(entry.text)
        return QSize(300, 40)

    model = MessageLogModel(max_rows=CAP)
    model.set_measure(measure)
    model.add_entries(confirmed(s) for s in range(1, 11))
    assert measured == [f"tin {s}" for s in range(1, 11)]  # queued, not shown yet
    assert model.rowCount() == 0
    model.flush()
    for row in range(model.rowCount()):  # what a view's layout asks
        model.index(row, 0).data(Qt.ItemDataRole.SizeHintRole)
    assert len(measured) == 10  # nothing measured twice

    reading, room = make_model(3 * CAP)
    reading.set_measure(measure)
    scroll_up(reading, 2)  # reading up: older pages push the newest out
    assert reading.has_newer()
    measured.clear()
    room.arrive(5)  # not next to what is shown: neither shown nor measured now
    assert measured == []
