"""The room browser and its model: the session's rooms kept live from the host's
room_list and room_updates, filtered as the user types; joining and making rooms
through RoomChoices, with the words for a refused name."""

from __future__ import annotations

from PySide6.QtCore import Qt

from messenger.client import HostConnection
from messenger.protocol import Error, Joined, RoomInfo, RoomList, RoomUpdate
from messenger.ui.room_browser import RoomBrowserDialog
from messenger.ui.room_choices import RoomChoices
from messenger.ui.room_directory_model import RoomDirectoryModel
from tests.identities import device_identity


def shown(view) -> list[str]:
    model = view.model()
    return [
        model.index(row, 0).data(RoomDirectoryModel.Role.Room) for row in range(model.rowCount())
    ]


def test_the_directory_model_passes_qtmodeltester_while_it_changes(qtmodeltester):
    model = RoomDirectoryModel()
    qtmodeltester.check(model)
    model.set_rooms((RoomInfo("ke-toan", "Sổ sách", 12), RoomInfo("general", "", 300)))
    model.update(RoomInfo("du-an", "", 1))  # made
    model.update(RoomInfo("ke-toan", "Quyết toán", 13))  # changed
    qtmodeltester.check(model)
    assert [model.room(r).room for r in range(3)] == ["du-an", "general", "ke-toan"]
    assert model.find("ke-toan") == RoomInfo("ke-toan", "Quyết toán", 13)
    assert model.index(2, 0).data() == "# ke-toan — Quyết toán · 13 member(s)"
    assert model.find("kế-toán") is None


def choices() -> tuple[RoomChoices, HostConnection, list[str]]:
    connection = HostConnection("An", "id-an", identity=device_identity(0))
    opened: list[str] = []
    rooms = RoomChoices(connection, opened.append)
    return rooms, connection, opened


def test_joining_and_making_rooms_from_the_browser(qtbot):
    rooms, connection, opened = choices()
    problems: list[str] = []
    rooms.problem.connect(problems.append)
    connection.room_list_received.emit(
        RoomList((RoomInfo("general", "", 2), RoomInfo("ke-toan", "Sổ sách", 2)))
    )
    dialog = RoomBrowserDialog(rooms.directory)
    qtbot.addWidget(dialog)
    dialog.show()
    assert shown(dialog.list) == ["general", "ke-toan"] and dialog.empty_label.isHidden()
    connection.room_updated.emit(RoomUpdate("du-an", "Dự án mới", 1))  # live
    assert shown(dialog.list) == ["du-an", "general", "ke-toan"]
    qtbot.keyClicks(dialog.filter, "TOÁN")
    assert shown(dialog.list) == ["ke-toan"]

    dialog.join_requested.connect(rooms.join)
    dialog.list.setCurrentIndex(dialog.list.model().index(0, 0))
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    assert opened == ["ke-toan"] and not dialog.isVisible()

    rooms.create("ke-toan", "")  # (a room of that name exists: join it)
    rooms.create("DM:lạ", "")
    rooms.create("bad  spacing", "")
    assert opened == ["ke-toan"]
    assert problems == [
        "A room called “ke-toan” exists already: join it instead.",
        "Room names beginning with “dm:” are kept for direct messages: choose another.",
        "A room's name has single spaces between words, none at its ends.",
    ]
    assert rooms.create("Họp giao ban", "Thứ hai 9 giờ")
    assert opened == ["ke-toan", "Họp giao ban"]


def test_topics_come_from_the_list_the_updates_and_joins(qtbot):
    rooms, connection, _opened = choices()
    changed: list[tuple[str, str]] = []
    rooms.topic_changed.connect(lambda room, topic: changed.append((room, topic)))
    connection.room_list_received.emit(RoomList((RoomInfo("ke-toan", "Sổ sách", 2),)))
    connection.room_updated.emit(RoomUpdate("ke-toan", "Quyết toán", 2))
    connection.room_updated.emit(RoomUpdate("ke-toan", "Quyết toán", 3))  # (count only)
    connection.joined.emit(Joined("du-an", (), 0, topic="Kế hoạch"))
    assert changed == [("ke-toan", "Sổ sách"), ("ke-toan", "Quyết toán"), ("du-an", "Kế hoạch")]
    problems: list[str] = []
    rooms.problem.connect(problems.append)
    connection.error_received.emit(Error("forbidden", "not yours", room="dm:a:b"))
    connection.error_received.emit(Error("slow_down", "wait", retry_ms=10))
    assert problems == ["“dm:a:b” is a conversation of two other people: you cannot read it."]


def test_the_browsers_filter_passes_qtmodeltester_while_filtering_and_changing(
    qtbot, qtmodeltester
):
    from messenger.ui.room_browser import RoomBrowserDialog

    model = RoomDirectoryModel()
    model.set_rooms((RoomInfo("general", "", 3),))
    dialog = RoomBrowserDialog(model)
    qtbot.addWidget(dialog)
    shown = dialog.list.model()
    qtmodeltester.check(shown)
    qtbot.keyClicks(dialog.filter, "so sach")  # (no accents needed)
    model.update(RoomInfo("ke-toan", "Sổ sách", 12))
    model.update(RoomInfo("du-an", "", 1))
    qtmodeltester.check(shown)
    assert [
        shown.index(r, 0).data(RoomDirectoryModel.Role.Room) for r in range(shown.rowCount())
    ] == ["ke-toan"]
    model.set_rooms((RoomInfo("general", "", 4),))
    dialog.filter.clear()
    qtmodeltester.check(shown)
    assert shown.rowCount() == 1
