"""The announcement dialog: nothing to send until something is written, too long a
text is refused saying by how much, Send and Ctrl+Enter send it trimmed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from messenger.protocol.limits import MAX_TEXT_CHARS
from messenger.ui.announce_dialog import AnnounceDialog


def opened(qtbot) -> tuple[AnnounceDialog, list[str]]:
    dialog = AnnounceDialog("Phòng họp")
    qtbot.addWidget(dialog)
    sent: list[str] = []
    dialog.announced.connect(sent.append)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog, sent


def test_blank_text_cannot_be_sent_and_the_session_is_named(qtbot):
    dialog, sent = opened(qtbot)
    assert "Phòng họp" in dialog.explanation.text()
    dialog.text_edit.setPlainText(" \n\t ")
    assert not dialog.send_button.isEnabled()
    dialog.accept()
    assert sent == [] and dialog.isVisible()


def test_too_long_a_text_says_by_how_much(qtbot):
    dialog, sent = opened(qtbot)
    dialog.text_edit.setPlainText("a" * (MAX_TEXT_CHARS + 2))
    assert not dialog.send_button.isEnabled()
    assert dialog.problem_label.text() == "Too long by 2 character(s)."
    dialog.accept()
    assert sent == []


def test_ctrl_enter_sends_the_text_trimmed(qtbot):
    dialog, sent = opened(qtbot)
    dialog.text_edit.setPlainText("\n  Họp lúc 3h 📣  \n")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert sent == ["Họp lúc 3h 📣"] and not dialog.isVisible()
