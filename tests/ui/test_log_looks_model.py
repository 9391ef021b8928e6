"""The looks of log rows beside their neighbours (day lines, groups, the "New messages"
line, mentions) as the model gives them, and kept right as rows come, go and change."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from messenger.ui.log_entry import EntryStatus, LogEntry
from messenger.ui.log_layout import DayClock, row_look, same_author
from messenger.ui.message_log_model import MessageLogModel
from tests.ui.log_looks_helpers import MINUTE, at, said


def model_of(entries: list[LogEntry], **args) -> MessageLogModel:
    model = MessageLogModel(**args)
    model.add_entries(entries)
    model.flush()
    return model


def looks(model: MessageLogModel) -> list[str]:
    """Each row's look: D day line, N new messages line, g grouped, @ mentioned."""
    result = []
    for row in range(model.rowCount()):
        look = model.look(row)
        marks = "D" * look.day_line + "N" * look.new_line + "g" * look.grouped
        result.append(marks + "@" * look.mentioned or "-")
    return result


# -- day lines --------------------------------------------------------------------------


def test_a_day_line_goes_above_the_first_message_of_each_local_day():
    model = model_of(
        [
            said("1", at(3, 9)),
            said("2", at(3, 23, 59)),
            said("3", at(1, 0, 0), user="u-binh", sender="Bình"),
            said("4", at(1, 8)),
            said("5", at(0, 7)),
        ]
    )
    assert looks(model) == ["D", "-", "D", "-", "D"]
    days = [model.look(row).day for row in range(5)]
    today = DayClock().day(at(0))
    assert days == [today - 3, today - 3, today - 1, today - 1, today]


def test_the_day_clock_knows_the_bounds_of_a_day():
    clock = DayClock()
    midnight = at(0, 0, 0)
    assert clock.day(midnight) == clock.day(midnight + 24 * 60 * MINUTE - 1)
    assert clock.day(midnight - 1) == clock.day(midnight) - 1
    assert clock.day(at(10)) == clock.day(at(0)) - 10


# -- groups ---------------------------------------------------------------------------


def test_a_message_following_its_authors_within_five_minutes_is_grouped():
    start = at(0, 10)
    model = model_of(
        [
            said("1", start),
            said("2", start + 4 * MINUTE),
            said("3", start + 9 * MINUTE + 1),  # 5 minutes and 1 ms after the last
            said("4", start + 10 * MINUTE, user="u-binh", sender="Bình"),
            said("5", start + 11 * MINUTE),
        ]
    )
    assert looks(model) == ["D", "g", "-", "-", "-"]


def test_one_author_is_one_user_id_or_one_name_without_ids():
    def entry(user: str, sender: str, own: bool = False) -> LogEntry:
        return LogEntry("k", sender, 0, "x", own, 1, user=user)

    assert same_author(entry("u1", "An"), entry("u1", "An (máy khác)"))
    assert not same_author(entry("u1", "An"), entry("u2", "An"))  # two people called An
    assert same_author(entry("", "An"), entry("", "An"))
    assert not same_author(entry("", "An"), entry("", "Bình"))
    assert not same_author(entry("u1", "An"), entry("", "An"))
    assert same_author(entry("me", "Minh", own=True), entry("", "Minh", own=True))
    assert not same_author(entry("me", "Minh", own=True), entry("me", "Minh"))


def test_a_message_sending_or_held_keeps_its_header_and_is_grouped_once_sent():
    start = at(0, 10)
    mine = {"user": "me", "sender": "Minh", "own": True}
    model = model_of([said("1", start, **mine)])
    for key, status in (("p", EntryStatus.SENDING), ("h", EntryStatus.HELD)):
        model.add_entries([LogEntry(key, "Minh", start + MINUTE, "chưa", True, status=status)])
    model.flush()
    assert looks(model) == ["D", "-", "-"]
    model.mark_sent("p", 2)
    assert looks(model) == ["D", "g", "-"]


def test_older_messages_coming_in_above_change_the_look_of_the_row_below_them():
    start = at(0, 10)
    model = model_of([said("10", start), said("11", start + MINUTE)])
    assert looks(model) == ["D", "g"]
    model.older_wanted = True
    model.fetchMore(QModelIndex())
    model.add_older([said("9", start - MINUTE, user="u-binh", sender="Bình")])
    assert looks(model) == ["D", "-", "g"]  # no day line now; a header: Bình was before
    model.older_wanted = True
    model.fetchMore(QModelIndex())
    model.add_older([said("8", start - 2 * MINUTE, user="u-binh", sender="Bình")])
    assert looks(model) == ["D", "g", "-", "g"]


def test_the_row_that_becomes_first_when_the_oldest_go_gets_its_day_line_and_header():
    start = at(0, 10)
    model = model_of([said(str(s), start + s * MINUTE) for s in range(1, 4)], max_rows=3)
    assert looks(model) == ["D", "g", "g"]
    model.add_entries([said("4", start + 4 * MINUTE)])
    model.flush()
    assert [model.entry(row).seq for row in range(3)] == [2, 3, 4]
    assert looks(model) == ["D", "g", "g"]


def test_a_new_copy_of_a_row_changes_its_neighbours_look():
    start = at(0, 10)
    model = model_of([said("1", start), said("2", start + MINUTE)])
    assert looks(model) == ["D", "g"]
    model.add_entries([said("1", start, user="u-binh", sender="Bình")])  # (its author's id)
    model.flush()
    assert looks(model) == ["D", "-"]


def test_a_removed_row_changes_the_look_of_the_row_after_it():
    model = model_of([said("1", at(1, 10), user="", sender="Minh", own=True)])
    model.add_entries(
        [
            LogEntry(f"h{i}", "Minh", at(0, 9, i), "giữ", True, status=EntryStatus.HELD)
            for i in range(2)
        ]
    )
    model.flush()
    assert looks(model) == ["D", "D", "-"]  # (held: never grouped)
    model.remove_pending(["h0"])
    assert looks(model) == ["D", "D"]  # h1 is today's first now


# -- the "New messages" line ------------------------------------------------------------


def test_the_new_messages_line_goes_above_the_first_unread_and_goes_away():
    start = at(0, 10)
    model = model_of([said(str(s), start + s * MINUTE) for s in range(1, 5)])
    assert looks(model) == ["D", "g", "g", "g"]
    model.set_first_unread(3)
    assert model.first_unread == 3
    assert looks(model) == ["D", "g", "N", "g"]  # (the line breaks the group)
    model.set_first_unread(None)
    assert looks(model) == ["D", "g", "g", "g"]


def test_the_new_messages_line_finds_the_first_unread_shown():
    start = at(0, 10)
    model = model_of([said(str(s), start + s * MINUTE) for s in (10, 11, 13)])
    model.set_first_unread(12)  # (12 is not shown: the line goes above 13)
    assert looks(model) == ["D", "g", "N"]
    model.set_first_unread(5)  # older than every row shown: the line is not in sight
    assert looks(model) == ["D", "g", "g"]
    model.set_first_unread(10)
    assert looks(model) == ["DN", "g", "g"]


def test_set_first_unread_tells_a_layout_change_once():
    model = model_of([said("1", at(0))])
    changes: list[str] = []
    model.layoutAboutToBeChanged.connect(lambda *_a: changes.append("about"))
    model.layoutChanged.connect(lambda *_a: changes.append("changed"))
    model.set_first_unread(1)
    model.set_first_unread(1)
    assert changes == ["about", "changed"]


# -- mentions -------------------------------------------------------------------------------


def test_rows_of_others_that_mention_the_user_are_marked():
    start = at(0, 10)
    model = model_of(
        [
            said("1", start, text="@minh ơi, xem giúp"),
            said("2", start + MINUTE, text="cảm ơn @Minhanh"),
            said("3", start + 2 * MINUTE, text="@Minh tự nhắc", user="me", own=True),
        ]
    )
    assert looks(model) == ["D", "g", "-"]
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _r=(): changed.append((a.row(), b.row())))
    model.set_me("Minh")
    assert model.me == "Minh" and changed == [(0, 2)]
    assert looks(model) == ["D@", "g", "-"]
    model.set_me("")
    assert looks(model) == ["D", "g", "-"]


def test_row_look_is_plain_for_a_lone_first_message_without_mentions():
    entry = LogEntry("k", "An", at(0), "chào", False, 1)
    look = row_look(None, entry, DayClock(), None, "")
    assert look.day_line and not look.new_line and not look.grouped and not look.mentioned


# -- qtmodeltester ----------------------------------------------------------------------------


def test_qtmodeltester_passes_with_looks_changing(qtmodeltester):
    start = at(0, 10)
    model = model_of([said(str(s), start + s * MINUTE) for s in range(10, 14)])
    model.add_entries(
        [
            LogEntry(f"p{i}", "Minh", start, "gửi", True, status=EntryStatus.SENDING)
            for i in range(2)
        ]
    )
    model.flush()
    qtmodeltester.check(model, force_py=True)
    model.set_first_unread(12)
    model.set_me("An")
    model.mark_sent("p1", 14)
    model.older_wanted = True
    model.fetchMore(QModelIndex())
    model.add_older([said(str(s), start - s * MINUTE, user="u-binh") for s in range(1, 10)])
    model.remove_pending(["p0"])
    model.set_first_unread(None)
    assert [model.entry(row).seq for row in range(model.rowCount())] == list(range(1, 15))
    qtmodeltester.check(model, force_py=True)
