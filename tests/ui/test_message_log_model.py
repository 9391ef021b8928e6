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


def test_an_entry_with_a_known_key_replaces_its_row_in_place(qtbot):
    model = MessageLogModel()
    model.add_entries(
        [entry("a"), entry("mine", "đang gửi", own=True, status=EntryStatus.SENDING), entry("c")]
    )
    model.flush()
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _bottom, _roles=(): changed.append(top.row()))
    model.add_entries([entry("mine", "đang gửi", own=True, seq=7)])
    model.flush()
    assert model.rowCount() == 3
    assert changed == [1]
    replaced = model.entry(1)
    assert (replaced.seq, replaced.status) == (7, EntryStatus.SENT)
    assert model.row_of("mine") == 1


def test_mark_sent_and_roles(qtbot):
    model = MessageLogModel()
    model.add_entries([entry("k", "<b>x</b>", own=True, status=EntryStatus.SENDING)])
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
