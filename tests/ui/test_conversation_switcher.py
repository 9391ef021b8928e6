"""Ctrl+K: typing part of a conversation's name (no accents needed) and Enter shows it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from messenger.client import ConnectionState
from messenger.ui.conversation_switcher import ConversationSwitcher


def test_ctrl_k_then_typing_goes_to_the_conversation(qtbot, make_window):
    window = make_window("An")
    window.host_action.trigger()
    qtbot.waitUntil(lambda: window.controller.client.state is ConnectionState.CONNECTED)
    for room in ("kế-toán", "du-an", "an-ninh"):
        window.join_room(room)
    window.controller.show_conversation("general")
    window.switch_action.trigger()
    switcher = window.findChild(ConversationSwitcher)
    qtbot.waitUntil(switcher.isVisible)
    assert switcher.list.model().rowCount() == 4
    qtbot.keyClicks(switcher.query, "TOAN")
    assert switcher.list.model().rowCount() == 1
    qtbot.keyClick(switcher.query, Qt.Key.Key_Return)
    assert window.room_label.text() == "# kế-toán" and not switcher.isVisible()


def test_arrows_choose_among_the_matches(qtbot, make_window):
    window = make_window("An")
    switcher = ConversationSwitcher(window.conversation_model, window)
    window.conversation_model.add("an-ninh", "an-ninh")
    chosen: list[str] = []
    switcher.chosen.connect(chosen.append)
    switcher.show()
    qtbot.keyClicks(switcher.query, "n")  # general, an-ninh
    assert switcher.list.model().rowCount() == 2
    qtbot.keyClick(switcher.query, Qt.Key.Key_Down)
    qtbot.keyClick(switcher.query, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert chosen == ["an-ninh"]


def test_the_switchers_filter_passes_qtmodeltester_while_filtering_and_changing(
    qtbot, qtmodeltester
):
    from messenger.ui.conversation_list_model import ConversationListModel

    model = ConversationListModel()
    model.add("general", "general")
    switcher = ConversationSwitcher(model)
    qtbot.addWidget(switcher)
    shown = switcher.list.model()
    qtmodeltester.check(shown)
    qtbot.keyClicks(switcher.query, "an")
    model.add("an-ninh", "an-ninh")
    model.add("dm:a:b", "Ánh", direct=True)
    model.set_unread("an-ninh", 2, True)
    qtmodeltester.check(shown)
    assert shown.rowCount() == 2  # (an-ninh, and Ánh without its accent)
    model.remove("an-ninh")
    switcher.query.clear()
    qtmodeltester.check(shown)
    assert shown.rowCount() == 2
