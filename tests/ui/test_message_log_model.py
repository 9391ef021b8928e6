"""MessageLogModel: batched appends, replacement by key, seq order, roles; qtmodeltester."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from messenger.ui.log_entry import EntryStatus, LogEntry
from messenger.ui.message_log_model import MessageLogModel

Role = MessageLogModel.Role


def entry(key: str, text: str = "chào", **fields) -> LogEntry:
    values = {"sender": "An", "ts": 1_700_000_000_000, "own": False, "seq": None}
    values.update(fields)
    return LogEntry(key=key, text=text, **values)


def keys(model: MessageLogModel) -> list[str]:
    return [model.entry(row).key for row in range(model.rowCount())]


def assert_rows_known(model: MessageLogModel) -> None:
    """row_of (the key -> row dict) agrees with the rows."""
    for row in range(model.rowCount()):
        assert model.row_of(model.entry(row).key) == row


class Recorder:
    """Counts the model's change signals."""

    def __init__(self, model: MessageLogModel) -> None:
        self.inserts: list[tuple[int, int]] = []
        self.changes: list[tuple[int, int]] = []
        self.moves: list[tuple[int, int, int]] = []
        self.removes: list[tuple[int, int]] = []
        model.rowsInserted.connect(lambda _p, first, last: self.inserts.append((first, last)))
        model.dataChanged.connect(
            lambda top, bottom, _roles=(): self.changes.append((top.row(), bottom.row()))
        )
        model.rowsMoved.connect(
            lambda _p, first, last, _d, row: self.moves.append((first, last, row))
        )
        model.rowsRemoved.connect(lambda _p, first, last: self.removes.append((first, last)))


# -- qtmodeltester -------------------------------------------------------------


def test_the_model_passes_qtmodeltester_while_growing(qtmodeltester, qtbot):
    model = MessageLogModel()
    qtmodeltester.check(model)
    for batch in range(3):
        with qtbot.waitSignal(model.rowsInserted):
            model.add_entries(entry(f"{batch}-{i}", f"tin {i}") for i in range(10))
        qtmodeltester.check(model)
    assert model.rowCount() == 30
    assert_rows_known(model)


def test_qtmodeltester_watches_replacements_moves_and_older_rows(qtmodeltester, qtbot):
    model = MessageLogModel()
    model.add_entries([entry("a", seq=10), entry("b", seq=11)])
    model.add_entries([entry(f"p{i}", own=True, status=EntryStatus.SENDING) for i in range(3)])
    model.flush()
    qtmodeltester.check(model, force_py=True)  # the Python tester also checks every signal
    model.mark_sent("p2", 12)  # moves above p0 and p1
    model.mark_sent("p0", 13)  # moves above p1
    model.add_entries([entry("a", "sửa", seq=10), entry("p1", "sửa", own=True)])
    model.older_wanted = True
    model.fetchMore(QModelIndex())
    model.add_older([entry(f"o{s}", seq=s) for s in range(1, 10)])
    model.flush()
    assert keys(model) == [*(f"o{s}" for s in range(1, 10)), "a", "b", "p2", "p0", "p1"]
    assert_rows_known(model)


# -- batching --------------------------------------------------------------------


def test_a_hundred_appends_before_the_timer_fires_make_one_insert(qtbot):
    model = MessageLogModel()
    seen = Recorder(model)
    with qtbot.waitSignal(model.rowsInserted, timeout=2_000) as inserted:
        for i in range(100):
            model.add_entries([entry(str(i))])
        assert model.rowCount() == 0  # nothing shows before the loop turns
    assert inserted.args[1:] == [0, 99]
    assert seen.inserts == [(0, 99)]
    assert keys(model) == [str(i) for i in range(100)]


def test_confirmed_messages_arriving_together_make_one_insert(qtbot):
    model = MessageLogModel()
    model.add_entries([entry("first", seq=1)])
    model.flush()
    seen = Recorder(model)
    with qtbot.waitSignal(model.rowsInserted):
        for seq in range(2, 52):
            model.add_entries([entry(f"m{seq}", seq=seq)])
    assert seen.inserts == [(1, 50)]


def test_flush_applies_the_queue_at_once_and_the_timer_then_does_nothing(qtbot):
    model = MessageLogModel()
    seen = Recorder(model)
    model.add_entries([entry("a"), entry("b")])
    model.flush()
    assert keys(model) == ["a", "b"]
    model.add_entries([entry("c")])
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    assert seen.inserts == [(0, 1), (2, 2)]


# -- one row per key ---------------------------------------------------------------


def test_a_key_queued_twice_makes_one_row_with_the_latest_copy(qtbot):
    model = MessageLogModel()
    model.add_entries([entry("k", "một"), entry("k", "hai")])
    model.add_entries([entry("k", "ba")])
    model.flush()
    assert model.rowCount() == 1 and model.entry(0).text == "ba"


def test_a_queued_sent_copy_is_not_undone_by_a_later_sending_copy(qtbot):
    model = MessageLogModel()
    model.add_entries([entry("k", own=True, seq=1)])
    model.add_entries([entry("k", own=True, status=EntryStatus.SENDING)])
    model.flush()
    assert model.entry(0).seq == 1 and model.entry(0).status is EntryStatus.SENT


def test_a_key_already_shown_is_replaced_in_place(qtbot):
    model = MessageLogModel()
    model.add_entries([entry("x"), entry("k", "cũ", own=True, status=EntryStatus.SENDING)])
    model.flush()
    seen = Recorder(model)
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.add_entries([entry("k", "mới", own=True, status=EntryStatus.SENDING)])
    assert changed.args[0].row() == 1 == changed.args[1].row()
    assert keys(model) == ["x", "k"] and model.entry(1).text == "mới"
    assert seen.inserts == [] and seen.removes == []


def test_the_hosts_copy_turns_a_sending_message_sent_in_place(qtbot):
    model = MessageLogModel()
    model.add_entries([entry("a", seq=1)])
    model.add_entries([entry("mine", "đang gửi", own=True, status=EntryStatus.SENDING)])
    model.flush()
    seen = Recorder(model)
    model.add_entries([entry("mine", "đang gửi", own=True, seq=2)])  # the host's copy
    model.flush()
    assert keys(model) == ["a", "mine"]
    assert model.entry(1).status is EntryStatus.SENT and model.entry(1).seq == 2
    assert seen.changes == [(1, 1)]
    assert seen.inserts == seen.removes == seen.moves == []


def test_an_identical_repeat_changes_nothing(qtbot):
    model = MessageLogModel()
    model.add_entries([entry("a", seq=1), entry("p", own=True, status=EntryStatus.SENDING)])
    model.flush()
    seen = Recorder(model)
    model.add_entries([entry("a", seq=1), entry("p", own=True, status=EntryStatus.SENDING)])
    model.flush()
    assert seen.changes == seen.inserts == []


def test_a_confirmed_message_is_never_turned_back_or_renumbered(qtbot):
    model = MessageLogModel()
    model.add_entries([entry("a", "chào", seq=1)])
    model.flush()
    seen = Recorder(model)
    model.add_entries([entry("a", "chào", own=True, status=EntryStatus.SENDING)])
    model.add_entries([entry("b", seq=2)])
    model.flush()
    model.add_entries([entry("a", "chào", seq=7)])  # another seq: not this message
    model.flush()
    assert keys(model) == ["a", "b"] and model.entry(0).seq == 1
    assert seen.changes == []


def test_confirmed_messages_keep_seq_order_and_pending_ones_stay_last(qtbot, qtmodeltester):
    model = MessageLogModel()
    model.add_entries([entry("a", seq=1), entry("b", seq=2)])
    model.add_entries([entry("mine", "đang gửi", own=True, status=EntryStatus.SENDING)])
    model.flush()
    model.add_entries([entry("x", seq=3)])
    model.flush()
    assert keys(model) == ["a", "b", "x", "mine"]
    model.mark_sent("mine", 4)
    assert keys(model) == ["a", "b", "x", "mine"]
    assert model.entry(3).status is EntryStatus.SENT and model.entry(3).seq == 4
    model.add_entries([entry("mine", "đang gửi", own=True, seq=4)])  # the host's copy
    model.add_entries([entry("x", seq=3)])  # a repeat
    model.flush()
    assert keys(model) == ["a", "b", "x", "mine"]
    assert_rows_known(model)
    qtmodeltester.check(model)


def test_a_confirmed_own_message_moves_into_seq_order(qtbot):
    model = MessageLogModel()
    model.add_entries([entry("a", seq=1), entry("p1", own=True), entry("p2", own=True)])
    model.flush()
    seen = Recorder(model)
    model.add_entries([entry("p2", own=True, seq=2)])
    model.flush()
    assert keys(model) == ["a", "p2", "p1"]
    assert seen.moves == [(2, 2, 1)] and seen.changes == [(1, 1)]
    assert model.row_of("p1") == 2 and model.row_of("p2") == 1


def test_mark_sent_emits_data_changed_for_the_row(qtbot):
    model = MessageLogModel()
    model.add_entries([entry("a", seq=1), entry("k", own=True, status=EntryStatus.SENDING)])
    model.flush()
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.mark_sent("k", 2)
    assert changed.args[0].row() == 1
    assert model.data(model.index(1, 0), Role.Status) == "sent"
    assert model.data(model.index(1, 0), Role.Seq) == 2


def test_mark_sent_of_a_key_not_pending_does_nothing(qtbot):
    model = MessageLogModel()
    model.add_entries([entry("a", seq=1)])
    model.flush()
    seen = Recorder(model)
    model.mark_sent("a", 5)
    model.mark_sent("unknown", 6)
    assert model.entry(0).seq == 1 and seen.changes == []


def test_mark_sent_applies_the_queue_first(qtbot):
    model = MessageLogModel()
    model.add_entries([entry("k", own=True, status=EntryStatus.SENDING)])
    model.mark_sent("k", 1)  # before the timer fired
    assert model.entry(0).status is EntryStatus.SENT


# -- older history -------------------------------------------------------------------


def test_older_messages_are_fetched_on_demand_and_put_on_top(qtbot, qtmodeltester):
    model = MessageLogModel()
    root = QModelIndex()
    assert not model.canFetchMore(root)  # nothing shown yet
    model.add_entries([entry(f"m{s}", seq=s) for s in range(101, 111)])
    model.flush()
    assert not model.canFetchMore(root)  # the view has not asked: the top is not in sight
    model.older_wanted = True
    assert model.canFetchMore(root)
    with qtbot.waitSignal(model.older_requested) as asked:
        model.fetchMore(root)
    assert asked.args == [101]
    assert not model.canFetchMore(root)  # one request at a time
    model.add_older([entry(f"m{s}", seq=s) for s in range(1, 101)])
    assert keys(model)[:3] == ["m1", "m2", "m3"] and model.rowCount() == 110
    assert_rows_known(model)
    model.older_wanted = True
    assert not model.canFetchMore(root)  # seq 1 is shown: nothing older
    qtmodeltester.check(model)


def test_an_empty_answer_means_nothing_older(qtbot):
    model = MessageLogModel()
    model.add_entries([entry("m50", seq=50)])
    model.flush()
    model.older_wanted = True
    model.fetchMore(QModelIndex())
    model.add_older([])
    assert not model.canFetchMore(QModelIndex())


# -- roles ------------------------------------------------------------------------------


def test_roles_return_the_entrys_fields(qtbot):
    model = MessageLogModel()
    shown = entry("k", "<b>x</b> ✓", sender="Bình", ts=1_700_000_123_456, own=True, seq=3)
    model.add_entries([shown])
    model.flush()
    index = model.index(0, 0)
    assert model.data(index) == "<b>x</b> ✓"
    assert model.data(index, Qt.ItemDataRole.DisplayRole) == "<b>x</b> ✓"
    assert model.data(index, Role.Text) == "<b>x</b> ✓"
    assert model.data(index, Role.Sender) == "Bình"
    assert model.data(index, Role.Timestamp) == 1_700_000_123_456
    assert model.data(index, Role.Own) is True
    assert model.data(index, Role.Seq) == 3
    assert model.data(index, Role.Status) == "sent"
    assert model.data(index, Role.Key) == "k"
    assert model.data(index, Role.Entry) == shown
    assert "2023" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert model.data(index, Qt.ItemDataRole.DecorationRole) is None
    assert model.data(model.index(5, 0)) is None
    assert Role.Sender == Qt.ItemDataRole.UserRole + 1
    assert {b"sender", b"text", b"entry"} <= {bytes(name) for name in model.roleNames().values()}


def test_a_sending_entry_reports_its_status(qtbot):
    model = MessageLogModel()
    model.add_entries([entry("k", own=True, status=EntryStatus.SENDING)])
    model.flush()
    assert model.data(model.index(0, 0), Role.Status) == "sending"
    assert model.data(model.index(0, 0), Role.Seq) is None


def test_clear_drops_rows_and_the_queue(qtbot):
    model = MessageLogModel()
    model.add_entries([entry("a")])
    model.flush()
    model.add_entries([entry("b")])
    with qtbot.waitSignal(model.modelReset):
        model.clear()
    model.flush()
    assert model.rowCount() == 0 and model.row_of("a") is None and model.row_of("b") is None
    model.add_entries([entry("a")])
    model.flush()
    assert model.row_of("a") == 0


def test_rows_trimmed_at_the_top_and_put_above_keep_every_row_found(qtbot, qtmodeltester):
    # a full log following a busy room drops its oldest row at each arrival, and
    # older pages go above: row_of stays right for every row, pending ones included
    model = MessageLogModel(max_rows=5)
    qtmodeltester.check(model)
    model.add_entries([entry("mine", "đang gửi", own=True)])
    for seq in range(1, 21):
        model.add_arrived([entry(f"m{seq}", seq=seq)])
        model.flush()
        assert_rows_known(model)
    assert keys(model) == ["m16", "m17", "m18", "m19", "m20", "mine"]
    assert model.row_of("m15") is None
    model.follow_newest = False
    model.add_older([entry(f"m{seq}", seq=seq) for seq in range(13, 16)])
    assert keys(model) == ["m13", "m14", "m15", "m16", "m17", "mine"]
    assert_rows_known(model)
    model.mark_sent("mine", 21)
    model.remove_pending(["nothing"])
    assert model.row_of("mine") == 5 and model.row_of("m18") is None
    model.clear()
    model.add_entries([entry("m30", seq=30)])
    model.flush()
    assert model.row_of("m30") == 0
