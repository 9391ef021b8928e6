"""ComposeBox: Enter sends, Shift+Enter is a new line, blank text is not sent."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from messenger.ui.compose_box import ComposeBox


@pytest.fixture
def box(qtbot) -> ComposeBox:
    widget = ComposeBox()
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_submits_and_clears(qtbot, box: ComposeBox, key):
    qtbot.keyClicks(box, "  hello there ")
    with qtbot.waitSignal(box.submitted) as blocker:
        qtbot.keyClick(box, key)
    assert blocker.args == ["hello there"]
    assert box.toPlainText() == ""


def test_shift_enter_makes_a_new_line(qtbot, box: ComposeBox):
    sent: list[str] = []
    box.submitted.connect(sent.append)
    qtbot.keyClicks(box, "line one")
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(box, "line two")
    assert sent == [] and box.toPlainText() == "line one\nline two"
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert sent == ["line one\nline two"]


def test_blank_text_is_not_sent(qtbot, box: ComposeBox):
    sent: list[str] = []
    box.submitted.connect(sent.append)
    qtbot.keyClicks(box, "   ")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert sent == []
