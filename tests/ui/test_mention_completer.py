"""@mentions: typing @ offers the conversation's members (no case or accents needed);
choosing one writes @Name; Enter while the list shows chooses, it does not send."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from messenger.ui.compose_box import ComposeBox
from messenger.ui.mention_completer import MentionCompleter, mention_prefix, offered
from tests.ui.test_two_windows_chat import type_text


def test_the_mention_being_typed_is_found_before_the_cursor():
    assert mention_prefix("chào @Bì") == (5, "Bì")
    assert mention_prefix("@") == (0, "")
    assert mention_prefix("an@congty") is None  # (an e-mail address)
    assert mention_prefix("@Bình rồi\n") is None
    assert mention_prefix("chào @ Bình") is None
    assert mention_prefix("không có") is None


def test_names_are_offered_by_their_start_or_a_word_without_accents():
    names = ["Bình", "Trần Bình", "An", "Bích", "Chi"]
    assert offered(names, "bi") == ["Bích", "Bình", "Trần Bình"]
    assert offered(names, "BINH") == ["Bình", "Trần Bình"]
    assert offered(names, "") == ["An", "Bích", "Bình", "Chi", "Trần Bình"]
    assert offered(names, "z") == []


def test_typing_at_then_enter_writes_the_name_and_does_not_send(qtbot):
    box = ComposeBox()
    qtbot.addWidget(box)
    completer = MentionCompleter(box)
    completer.set_names(["Bình", "Chi", "Trần Bình"])
    box.show()
    sent: list[str] = []
    box.submitted.connect(sent.append)
    type_text(box, "Chào @bi")
    qtbot.waitUntil(completer.popup.isVisible)
    assert completer.completer.completionModel().rowCount() == 2
    qtbot.keyClick(completer.popup, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert box.toPlainText() == "Chào @Bình " and sent == []
    assert not completer.popup.isVisible()
    type_text(box, "ơi")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert sent == ["Chào @Bình ơi"]
