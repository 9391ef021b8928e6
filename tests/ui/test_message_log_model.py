"""MessageLogModel: batched appends, replacement by key, roles; qtmodeltester."""

from __future__ import annotations

from messenger.ui.log_entry import EntryStatus, LogEntry
from messenger.ui.message_log_model import MessageLogModel


def entry(key: str, text: str = "chào", **fields) -> LogEntry:
    values = {"sender": "An", "ts": 1_700_000_000_000, "own": False, "seq": None}
    values.update(fields)
    return LogEntry(key=key, text=text, **values)


def test_the_model_passes_qtmodeltester_while_growing(qtmodeltester, qtbot):
    model = MessageLogModel()
    qtmodeltester.check(model)
    for batch in range(3):
        with qtbot.waitSignal(model.rowsInserted):
            model.add_entries(entry(f"{batch}-{i}", f"tin {i}") for i in range(10))
        qtmodeltester.check(model)
    assert model.rowCount() == 30


def test_many_appends_in_one_loop_turn_make_one_insert(qtbot):
    model = MessageLogModel()
    inserts: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserts.append((first, last)))
    for i in range(100):
        model.add_entries([entry(str(i))])
    assert model.rowCount() == 0
    qtbot.waitUntil(lambda: model.rowCount() == 100)
    assert inserts == [(0, 99)]


def keys(model: MessageLogModel) -> list[str]:
    return [model.entry(row).key for row in range(model.rowCount())]


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
    qtmodeltester.check(model)


def test_a_confirmed_own_message_moves_into_seq_order(qtbot):
    model = MessageLogModel()
    model.add_entries([entry("a", seq=1), entry("p1", own=True), entry("p2", own=True)])
    model.flush()
    model.add_entries([entry("p2", own=True, seq=2)])
    model.flush()
    assert keys(model) == ["a", "p2", "p1"]
    assert model.row_of("p1") == 2 and model.row_of("p2") == 1


def test_older_messages_are_fetched_on_demand_and_put_on_top(qtbot, qtmodeltester):
    model = MessageLogModel()
    root = model.index(-1, 0)
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
    model.older_wanted = True
    assert not model.canFetchMore(root)  # seq 1 is shown: nothing older
    qtmodeltester.check(model)


def test_an_empty_answer_means_nothing_older(qtbot):
    model = MessageLogModel()
    model.add_entries([entry("m50", seq=50)])
    model.flush()
    model.older_wanted = True
    model.fetchMore(model.index(-1, 0))
    model.add_older([])
    assert not model.canFetchMore(model.index(-1, 0))


def test_mark_sent_and_roles(qtbot):
    model = MessageLogModel()
    model.add_entries([entry("k", "<b>x</b>", own=True, status=EntryStatus.SENDING)])
    model.flush()
    assert model.data(model.index(0, 0), MessageLogModel.Role.Status) == "sending"
    model.mark_sent("k", 3)
    index = model.index(0, 0)
    role = MessageLogModel.Role
    assert model.data(index) == "<b>x</b>"
    assert model.data(index, role.Sender) == "An"
    assert model.data(index, role.Own) is True
    assert model.data(index, role.Seq) == 3
    assert model.data(index, role.Status) == "sent"
    assert model.data(index, role.Key) == "k"
    assert model.data(model.index(5, 0)) is None
    assert b"sender" in model.roleNames().values()


def test_clear_drops_rows_and_the_queue(qtbot):
    model = MessageLogModel()
    model.add_entries([entry("a")])
    model.flush()
    model.add_entries([entry("b")])
    model.clear()
    model.flush()
    assert model.rowCount() == 0 and model.row_of("a") is None
