"""The help (F1): its table lists every shortcut of ``shortcuts()``, and each is true:
the window's actions have theirs, the compose box and the message log handle theirs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTableWidget, QTextBrowser, QWidget

from messenger.ui.compose_box import ComposeBox
from messenger.ui.help_dialog import HelpDialog, make_help_action
from messenger.ui.shortcuts import shortcuts
from tests.ui.test_admission_widgets import find, type_text

NATIVE = QKeySequence.SequenceFormat.NativeText
NOT_IN_THE_WINDOW_YET: set[str] = set()
"""Actions the window does not make yet (main_window.py adds them with
``make_help_action``): strict xfail, so that the mark goes once they are there."""


def opened(qtbot) -> HelpDialog:
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_table_lists_every_shortcut_with_what_it_does(qtbot):
    dialog = opened(qtbot)
    table = find(dialog, QTableWidget, "shortcutTable")
    rows = [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]
    assert rows == [(s.keys.toString(NATIVE), s.description) for s in shortcuts()]
    assert ("Ctrl+K", "Go to a conversation") in rows
    assert ("F1", "This help") in rows


def test_the_how_tos_cover_what_people_ask(qtbot):
    dialog = opened(qtbot)
    text = find(dialog, QTextBrowser, "howTo").toPlainText()
    for topic in ("Hosting", "Joining", "Rooms", "Direct messages", "Do Not Disturb", "tray"):
        assert topic in text
    assert "Double-click a person" in text


def _window_cases():
    for shortcut in shortcuts():
        if shortcut.action:
            marks = (
                [pytest.mark.xfail(strict=True, reason="main_window.py adds it")]
                if shortcut.action in NOT_IN_THE_WINDOW_YET
                else []
            )
            yield pytest.param(shortcut.action, shortcut.keys.toString(), marks=marks)


@pytest.mark.parametrize(("action", "keys"), list(_window_cases()))
def test_each_window_shortcut_listed_is_the_shortcut_of_its_action(make_window, action, keys):
    window = make_window("Lan", start=False)
    by_name = {a.objectName(): a for a in window.findChildren(QAction)}
    assert action in by_name, f"the window has no action {action}"
    assert QKeySequence(keys) in by_name[action].shortcuts()
    everywhere = [s for a in window.findChildren(QAction) for s in a.shortcuts()]
    assert everywhere.count(QKeySequence(keys)) == 1  # (no other action has it)


def test_the_help_action_has_f1_and_opens_the_help(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    action = make_help_action(parent)
    assert action.objectName() == "helpAction"
    assert action.shortcut() == QKeySequence(Qt.Key.Key_F1)
    action.trigger()
    dialog = parent.findChild(HelpDialog)
    assert dialog is not None and dialog.isVisible()


@pytest.mark.parametrize("enter", [Qt.Key.Key_Enter, Qt.Key.Key_Return])
def test_enter_sends_and_shift_enter_makes_a_new_line(qtbot, enter):
    keys = {s.description: s.keys for s in shortcuts()}
    assert keys["Send the message"] == QKeySequence(Qt.Key.Key_Enter)
    assert keys["A new line in the message"] == QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_Enter)
    assert keys["Send the message"].toString() == "Enter"
    box = ComposeBox()
    qtbot.addWidget(box)
    sent: list[str] = []
    box.submitted.connect(sent.append)
    type_text(box, "xin")
    qtbot.keyClick(box, enter, Qt.KeyboardModifier.ShiftModifier)
    type_text(box, "chào")
    assert sent == []
    qtbot.keyClick(box, enter)
    assert sent == ["xin\nchào"]


def test_ctrl_end_is_the_key_the_message_log_takes_for_the_newest(qapp):
    keys = {s.description: s.keys for s in shortcuts()}["Show the newest messages"]
    assert keys in QKeySequence.keyBindings(QKeySequence.StandardKey.MoveToEndOfDocument)
