"""Reading up in a busy room: the log counts the messages from others that arrive
meanwhile, and a button over the log says so and jumps back to the newest."""

from __future__ import annotations

from PySide6.QtCore import Qt

from messenger.ui.log_entry import LogEntry
from tests.ui.test_message_log_window import (
    CAP,
    confirmed,
    make_model,
    newest_in_sight,
    open_log,
    pending,
)


def mine(seq: int) -> LogEntry:
    entry = confirmed(seq)
    return LogEntry(entry.key, "Tôi", entry.ts, entry.text, own=True, seq=seq)


def test_messages_from_others_arriving_while_not_following_are_counted():
    model, _room = make_model(CAP)
    counts: list[int] = []
    model.unseen_changed.connect(counts.append)
    model.add_arrived([confirmed(CAP + 1)])  # following: seen at once
    assert model.unseen == 0
    model.follow_newest = False
    model.add_arrived([confirmed(CAP + 2), confirmed(CAP + 3)])
    model.add_arrived([mine(CAP + 4)])  # one's own: not news
    model.add_arrived([pending("p1")])  # typed here, not yet stored
    assert (model.unseen, counts) == (2, [])  # told when applied: once per flush
    model.flush()
    model.add_arrived([confirmed(CAP + 5)])
    model.flush()
    assert (model.unseen, counts) == (3, [2, 3])
    model.follow_newest = True  # back at the newest: all seen, at once
    assert (model.unseen, counts) == (0, [2, 3, 0])


def test_clearing_the_log_forgets_the_count():
    model, _room = make_model(CAP)
    model.follow_newest = False
    model.add_arrived([confirmed(CAP + 1)])
    assert model.unseen == 1
    model.clear()
    assert model.unseen == 0


def test_the_button_shows_while_reading_up_counts_and_jumps_to_the_newest(qtbot):
    view, model, room = open_log(qtbot, 200)
    button = view.newest_button
    assert button.isHidden()

    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)  # the reader scrolls up
    qtbot.waitUntil(lambda: button.isVisible())
    assert button.text() == "Newest messages ↓"
    # over the log's bottom right corner, inside it
    assert view.viewport().geometry().contains(button.geometry())

    for _ in range(3):
        room.arrive()
    qtbot.waitUntil(lambda: button.text() == "3 new message(s) ↓")
    assert not view.following()

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: newest_in_sight(view, model, 203))
    assert button.isHidden() and model.unseen == 0


def test_the_button_brings_back_the_newest_when_the_log_left_them_out(qtbot):
    view, model, room = open_log(qtbot, 500)
    bar = view.verticalScrollBar()
    for _ in range(4):  # far up: older pages push the newest out of the log
        top = model.entry(0).seq
        bar.setValue(0)
        qtbot.waitUntil(lambda top=top: model.entry(0).seq != top and bar.value() > 0)
    assert model.has_newer()
    qtbot.waitUntil(lambda: view.newest_button.isVisible())
    room.arrive(2)  # 501, 502: not in the log (far below what it holds), but counted
    qtbot.waitUntil(lambda: view.newest_button.text() == "2 new message(s) ↓")

    qtbot.mouseClick(view.newest_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: newest_in_sight(view, model, 502))
    assert not model.has_newer() and view.newest_button.isHidden()
