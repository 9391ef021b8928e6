"""ComposeBox: Enter sends, Shift+Enter is a new line, blank text is not sent."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from messenger.ui.compose_box import ComposeBox

KEYPAD = Qt.KeyboardModifier.KeypadModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def box(qtbot) -> ComposeBox:
    widget = ComposeBox()
    qtbot.addWidget(widget)
    widget.resize(700, widget.height())
    widget.show()  # lines wrap at the width the box has on screen
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def sent(box: ComposeBox) -> list[str]:
    texts: list[str] = []
    box.submitted.connect(texts.append)
    return texts


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Enter, KEYPAD),  # the keypad's Enter
        (Qt.Key.Key_Enter, Qt.KeyboardModifier.NoModifier),
    ],
)
def test_enter_submits_the_stripped_text_and_clears(qtbot, box: ComposeBox, key, modifier):
    qtbot.keyClicks(box, "  hello there ")
    with qtbot.waitSignal(box.submitted) as blocker:
        qtbot.keyClick(box, key, modifier)
    assert blocker.args == ["hello there"]
    assert box.toPlainText() == ""


@pytest.mark.parametrize("modifier", [SHIFT, SHIFT | KEYPAD])
def test_shift_enter_makes_a_new_line_and_the_text_keeps_it(
    qtbot, box: ComposeBox, sent: list[str], modifier
):
    key = Qt.Key.Key_Enter if modifier & KEYPAD else Qt.Key.Key_Return
    qtbot.keyClicks(box, "line one")
    qtbot.keyClick(box, key, modifier)
    qtbot.keyClicks(box, "line two")
    assert sent == [] and box.toPlainText() == "line one\nline two"
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert sent == ["line one\nline two"]


def test_outer_blank_lines_are_dropped_inner_ones_kept(qtbot, box: ComposeBox, sent: list[str]):
    qtbot.keyClick(box, Qt.Key.Key_Return, SHIFT)
    qtbot.keyClicks(box, "a")
    for _ in range(2):
        qtbot.keyClick(box, Qt.Key.Key_Return, SHIFT)
    qtbot.keyClicks(box, "b  ")
    qtbot.keyClick(box, Qt.Key.Key_Return, SHIFT)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert sent == ["a\n\nb"]


@pytest.mark.parametrize("typed", ["", "   ", "\t"])
def test_blank_text_is_not_sent(qtbot, box: ComposeBox, sent: list[str], typed: str):
    qtbot.keyClicks(box, typed)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.keyClick(box, Qt.Key.Key_Enter, KEYPAD)
    assert sent == []
    assert "\n" not in box.toPlainText()  # Enter on a blank box adds no line either


def test_markup_is_sent_as_typed(qtbot, box: ComposeBox, sent: list[str]):
    qtbot.keyClicks(box, "<b>x</b> & <i>y</i>")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert sent == ["<b>x</b> & <i>y</i>"]


def test_vietnamese_and_emoji_are_sent_as_written(qtbot, box: ComposeBox, sent: list[str]):
    # QTest can only type ASCII; an input method would insert the text like this.
    box.insertPlainText("  Chào buổi sáng, Bình! Cà phê không? ☕😀\n")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert sent == ["Chào buổi sáng, Bình! Cà phê không? ☕😀"]


def test_the_box_grows_with_its_text_up_to_five_lines(qtbot, box: ComposeBox):
    empty = box.height()
    heights = []
    for _ in range(7):
        qtbot.keyClicks(box, "line")
        heights.append(box.height())
        qtbot.keyClick(box, Qt.Key.Key_Return, SHIFT)
    assert heights[0] == empty
    assert heights[0] < heights[1] < heights[2] < heights[3] < heights[4]
    assert heights[4] == heights[5] == heights[6]  # five lines at most; then it scrolls
    box.clear()
    assert box.height() == empty


def test_a_narrow_box_has_room_for_its_whole_placeholder(qtbot, box: ComposeBox):
    wide = box.height()
    box.resize(150, box.height())
    qtbot.waitUntil(lambda: box.height() > wide)
    narrow = box.height()
    qtbot.keyClicks(box, "x")
    assert box.height() == narrow  # typing does not make it jump


def test_long_wrapped_lines_count_too(qtbot, box: ComposeBox):
    empty = box.height()
    box.setPlainText("chữ " * 60)
    assert box.height() > empty


def test_a_placeholder_says_what_to_do(box: ComposeBox):
    assert box.placeholderText().startswith("Write a message…")
