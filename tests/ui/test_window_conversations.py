"""Several conversations in one window: rooms joined by name, each with its own log,
members and unread count; switching keeps each log where its reader left it."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from messenger.client import ConnectionState
from messenger.ui.conversation_list_model import ConversationListModel
from messenger.ui.main_window import MainWindow


def texts(window: MainWindow) -> list[str]:
    model = window.log_model
    return [model.entry(row).text for row in range(model.rowCount())]


def unread(window: MainWindow, room: str) -> tuple[int, bool]:
    model = window.conversation_model
    row = model.row_of(room)
    assert row is not None
    entry = model.conversation(row)
    return entry.unread, entry.mentioned


def hosted_pair(qtbot, make_window) -> tuple[MainWindow, MainWindow]:
    an = make_window("An")
    binh = make_window("Bình")
    an.host_action.trigger()
    qtbot.waitUntil(lambda: an.controller.client.state is ConnectionState.CONNECTED)
    binh.controller.join("127.0.0.1", an.controller.host.port)
    qtbot.waitUntil(lambda: binh.controller.client.state is ConnectionState.CONNECTED)
    return an, binh


def test_rooms_joined_by_name_keep_their_messages_apart(qtbot, make_window):
    an, binh = hosted_pair(qtbot, make_window)
    for window in (an, binh):
        window.join_room("  kế-toán ")
    assert an.room_label.text() == "# kế-toán"
    assert an.conversation_model.rooms() == ["general", "kế-toán"]
    room = an.controller.conversations.get("kế-toán")
    qtbot.waitUntil(lambda: room.delivery.ready, timeout=10_000)
    qtbot.waitUntil(lambda: binh.controller.conversations.get("kế-toán").delivery.ready)
    qtbot.waitUntil(lambda: an.member_list.count() == 2)

    binh.controller.show_conversation("general")
    assert binh.room_label.text() == "# general" and texts(binh) == []
    assert an.controller.send("Báo cáo quý 3 đã xong @Bình")
    qtbot.waitUntil(lambda: unread(binh, "kế-toán") == (1, True))
    assert texts(binh) == [] and unread(binh, "general") == (0, False)
    qtbot.waitUntil(lambda: binh.windowTitle() == "(1) Messenger")  # (once a turn)

    binh.conversation_list.chosen.emit("kế-toán")
    binh.controller.set_window_active(True)  # (offscreen windows are never active)
    assert texts(binh) == ["Báo cáo quý 3 đã xong @Bình"]
    assert unread(binh, "kế-toán") == (0, False)
    qtbot.waitUntil(lambda: binh.windowTitle() == "Messenger")  # (once a turn)

    binh.controller.close_conversation("kế-toán")
    assert binh.conversation_model.rooms() == ["general"]
    assert binh.room_label.text() == "# general"
    qtbot.waitUntil(lambda: an.member_list.count() == 1)  # (An shows kế-toán)


def test_switching_back_finds_the_log_where_its_reader_left_it(qtbot, make_window):
    an, _binh = hosted_pair(qtbot, make_window)
    for number in range(80):
        assert an.controller.send(f"tin {number}")
    qtbot.waitUntil(lambda: an.controller.conversations.waiting() == 0, timeout=10_000)
    view = an.log_view
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0 and view.at_bottom())
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    first = view.indexAt(QPoint(1, 0)).data()
    assert not view.following()

    an.join_room("du-an")
    assert texts(an) == []
    an.controller.show_conversation("general")
    qtbot.waitUntil(lambda: view.indexAt(QPoint(1, 0)).data() == first)
    assert not view.following()


def test_the_conversation_list_model_passes_qtmodeltester(qtmodeltester):
    model = ConversationListModel()
    model.add("general", "general")
    qtmodeltester.check(model)
    model.add("du-an", "du-an")
    model.add("dm:a:b", "Chi", direct=True)
    model.add("an-ninh", "an-ninh")
    assert model.rooms() == ["general", "an-ninh", "du-an", "dm:a:b"]
    model.set_unread("du-an", 3, False)
    assert model.total_unread() == 3
    model.add("du-an", "dự án")  # (a new title keeps the count)
    assert model.conversation(model.row_of("du-an")).unread == 3
    model.remove("an-ninh")
    qtmodeltester.check(model)
    assert model.rooms() == ["general", "du-an", "dm:a:b"]


def test_new_message_writes_to_someone_seen_in_the_session(qtbot, make_window):
    from PySide6.QtWidgets import QInputDialog

    an, _binh = hosted_pair(qtbot, make_window)
    qtbot.waitUntil(lambda: an.member_list.count() == 2)
    an.new_message_action.trigger()
    dialog = an.findChild(QInputDialog, "newMessageDialog")
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.comboBoxItems()[0].startswith("Bình (")
    dialog.setTextValue(dialog.comboBoxItems()[0])
    dialog.accept()
    assert an.room_label.text() == "Bình"
    rows = [an.conversation_model.conversation(r) for r in range(an.conversation_model.rowCount())]
    assert [(r.title, r.direct) for r in rows] == [("general", False), ("Bình", True)]


def test_new_message_lists_someone_away_whom_this_window_never_saw(qtbot, make_window):
    from PySide6.QtWidgets import QInputDialog

    an, binh = hosted_pair(qtbot, make_window)
    binh_user = binh.controller.client.user_id
    binh.controller.client.disconnect_from_host()
    qtbot.waitUntil(lambda: an.member_list.count() == 1)
    chi = make_window("Chi")
    chi.controller.join("127.0.0.1", an.controller.host.port)
    qtbot.waitUntil(lambda: ("Bình", binh_user) in chi.controller.titles.people(""))
    chi.new_message_action.trigger()
    dialog = chi.findChild(QInputDialog, "newMessageDialog")
    qtbot.waitUntil(dialog.isVisible)
    assert [item.split(" (")[0] for item in dialog.comboBoxItems()] == ["An", "Bình"]
    dialog.setTextValue(dialog.comboBoxItems()[1])
    dialog.accept()
    assert chi.room_label.text() == "Bình"
    assert chi.controller.session.room.startswith("dm:")


def test_a_direct_message_to_someone_online_opens_their_conversation_at_once(qtbot, make_window):
    an, binh = hosted_pair(qtbot, make_window)
    qtbot.waitUntil(lambda: an.member_list.count() == 2)
    assert an.controller.open_direct(binh.controller.client.user_id, "Bình")
    room = an.controller.session.room
    qtbot.waitUntil(lambda: an.controller.session.delivery.ready)
    assert an.controller.send("Chiều nay rảnh không?")
    qtbot.waitUntil(lambda: room in binh.conversation_model.rooms(), timeout=10_000)
    row = binh.conversation_model.row_of(room)
    qtbot.waitUntil(lambda: binh.conversation_model.conversation(row).unread == 1)
    assert binh.conversation_model.conversation(row).title == "An"
    assert binh.conversation_model.wants_the_user()  # (a direct message: red, notifies)


def test_a_rename_is_seen_by_the_others_and_marks_mentions_by_the_new_name(qtbot, make_window):
    an, binh = hosted_pair(qtbot, make_window)
    qtbot.waitUntil(lambda: binh.member_list.count() == 2)
    an.controller.rename("An Nguyễn")
    qtbot.waitUntil(lambda: binh.member_list.item(0).text() == "An Nguyễn", timeout=10_000)
    assert an.controller.client.you == "An Nguyễn"
    assert an.log_model.me == "An Nguyễn"


def two_unread_in_du_an(qtbot, make_window):
    """An and Bình in "du-an", where An wrote twice while Bình looked at general."""
    an, binh = hosted_pair(qtbot, make_window)
    for window in (an, binh):
        window.join_room("du-an")
    qtbot.waitUntil(lambda: binh.controller.conversations.get("du-an").delivery.ready)
    binh.controller.show_conversation("general")
    for text in ("một", "hai"):
        assert an.controller.send(text)
    qtbot.waitUntil(lambda: unread(binh, "du-an") == (2, False))
    return an, binh


def test_opening_a_conversation_with_unread_messages_marks_the_first(qtbot, make_window):
    an, binh = two_unread_in_du_an(qtbot, make_window)
    first = an.controller.conversations.get("du-an").connection.last_seq("du-an") - 1
    binh.controller.set_window_active(True)
    binh.controller.show_conversation("du-an")
    assert binh.log_model.first_unread == first


def test_after_a_restart_a_room_shows_its_unread_count_and_cached_log_at_once(qtbot, make_window):
    _an, binh = two_unread_in_du_an(qtbot, make_window)
    binh.close()

    # the welcome lists du-an (read up to 0 of 2); the cache holds both: no replay
    binh = make_window("Bình")
    qtbot.waitUntil(lambda: "du-an" in binh.conversation_model.rooms(), timeout=10_000)
    assert unread(binh, "du-an") == (2, False)
    qtbot.waitUntil(lambda: binh.windowTitle() == "(2) Messenger")
    binh.controller.show_conversation("du-an")
    assert texts(binh) == ["một", "hai"]
