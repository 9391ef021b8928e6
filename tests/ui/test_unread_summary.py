"""The sidebar's totals with many conversations: kept up to date as counts change
(no row summed), and told to the title, the badge and the tray once a turn."""

from __future__ import annotations

import random
from time import monotonic as clock

from messenger.ui.conversation_list import ConversationListView
from messenger.ui.conversation_list_model import ConversationListModel
from messenger.ui.sidebar_counts import SidebarCounts
from messenger.ui.unread_summary import UnreadSummary


def many(count: int) -> ConversationListModel:
    model = ConversationListModel()
    model.add("general", "general")
    for number in range(1, count):
        direct = number % 10 == 0
        model.add(f"dm:{number}" if direct else f"phong-{number:03d}", f"P {number}", direct=direct)
    return model


def test_the_totals_and_rows_stay_right_through_adds_removes_and_counts(qtmodeltester):
    model = many(200)
    qtmodeltester.check(model)
    chance = random.Random(14)
    for _ in range(1_000):
        room = chance.choice(model.rooms())
        action = chance.random()
        if action < 0.8:
            model.set_unread(room, chance.randrange(5), chance.random() < 0.1)
        elif action < 0.9 and room != "general":
            model.remove(room)
        else:
            model.add(f"moi-{chance.randrange(1000)}", "mới")
        rows = [model.conversation(r) for r in range(model.rowCount())]
        assert model.total_unread() == sum(r.unread for r in rows)
        assert model.wants_the_user() == any(r.mentioned or (r.direct and r.unread) for r in rows)
        assert model.row_of(room) in (None, *range(len(rows)))
    for number in range(model.rowCount()):
        assert model.row_of(model.conversation(number).room) == number
    qtmodeltester.check(model)


def test_a_burst_over_200_conversations_is_told_once_a_turn(qtbot):
    model = many(200)
    summary = UnreadSummary(model)
    told: list[tuple[int, bool]] = []
    summary.changed.connect(lambda total, for_user: told.append((total, for_user)))
    with qtbot.waitSignal(summary.changed):
        for room in model.rooms():
            model.set_unread(room, 2, False)
    assert told == [(400, True)]  # (the direct ones are for the user)
    with qtbot.waitSignal(summary.changed):
        for room in model.rooms():
            model.set_unread(room, 0, False)
        model.set_unread("phong-007", 1, True)
    assert told == [(400, True), (1, True)]


def test_the_sidebar_measures_no_row(qtbot):
    view = ConversationListView()
    qtbot.addWidget(view)
    assert view.uniformItemSizes()


class Feed:
    """What SidebarCounts reads of a conversation's feed."""

    def __init__(self, room: str) -> None:
        self.room, self.unread, self.mentioned = room, 0, False


def test_a_conversations_count_reaches_the_sidebar_once_a_turn_and_a_read_at_once(qtbot):
    model = many(200)
    counts = SidebarCounts(model)
    rows_changed: list[int] = []
    model.dataChanged.connect(lambda first, _last, _roles: rows_changed.append(first.row()))
    feeds = [Feed("phong-001"), Feed("phong-002")]
    for number in range(1, 101):  # (a burst: one turn)
        for feed in feeds:
            feed.unread = number
            counts.changed(feed)
    assert rows_changed == []
    qtbot.waitUntil(lambda: len(rows_changed) == 2)
    assert model.total_unread() == 200
    feeds[0].unread = 0  # (read: the user looks at it)
    counts.changed(feeds[0])
    assert model.conversation(model.row_of("phong-001")).unread == 0
    assert len(rows_changed) == 3


def test_the_sidebars_counts_change_at_most_every_few_hundredths_of_a_second(qtbot):
    model = many(200)
    counts = SidebarCounts(model, every_ms=300)
    shown: list[tuple[int, float]] = []
    model.dataChanged.connect(lambda first, _last, _roles: shown.append((first.row(), clock())))
    feed = Feed("phong-001")
    feed.unread = 1
    started = clock()
    counts.changed(feed)
    qtbot.waitUntil(lambda: len(shown) == 1)  # the first: on the next turn
    feed.unread = 2
    counts.changed(feed)
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert shown[1][1] - shown[0][1] >= 0.29  # the next: not before the interval
    assert shown[0][1] - started < 0.29
    assert model.conversation(model.row_of("phong-001")).unread == 2
    feed.unread = 0  # (read: shown at once, whenever)
    counts.changed(feed)
    assert model.conversation(model.row_of("phong-001")).unread == 0
