"""The bubble delegate and log view: sizes, plain text, own bubbles on the right."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QStyleOptionViewItem

from messenger.ui.log_entry import LogEntry
from messenger.ui.message_delegate import OTHER_BUBBLE, OWN_BUBBLE
from messenger.ui.message_log_model import MessageLogModel
from messenger.ui.message_log_view import MessageLogView

LONG = "Hôm nay trời đẹp quá, chúng ta đi uống cà phê sữa đá ở quán đầu ngõ nhé! " * 6


def make_view(qtbot, entries: list[LogEntry], width: int = 600) -> MessageLogView:
    view = MessageLogView()
    model = MessageLogModel(view)
    view.setModel(model)
    model.add_entries(entries)
    model.flush()
    view.resize(width, 400)
    qtbot.addWidget(view)
    return view


def size_hint(view: MessageLogView, row: int, width: int) -> int:
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = QRect(0, 0, width, 10)
    return view.delegate.sizeHint(option, view.model().index(row, 0)).height()


def entry(key: str, text: str, own: bool = False) -> LogEntry:
    return LogEntry(key=key, sender="Bình", ts=1_700_000_000_000, text=text, own=own)


def test_longer_text_and_narrower_views_make_taller_rows(qtbot):
    view = make_view(qtbot, [entry("s", "Ngắn"), entry("l", LONG)])
    assert size_hint(view, 1, 600) > size_hint(view, 0, 600)
    assert size_hint(view, 1, 300) > size_hint(view, 1, 600)


def test_markup_is_laid_out_as_plain_text(qtbot):
    text = "<b>không đậm</b> & <i>không nghiêng</i>"
    view = make_view(qtbot, [entry("m", text)])
    document = view.delegate.document(view.model().entry(0), 600, view.font())
    assert document.toPlainText() == text


def colour_columns(image, colour: QColor) -> list[int]:
    xs = []
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            if image.pixelColor(x, y) == colour:
                xs.append(x)
    return xs


def test_own_bubbles_are_on_the_right_in_their_own_colour(qtbot):
    view = make_view(qtbot, [entry("o", "Của tôi 😀", own=True)])
    view.show()
    qtbot.waitExposed(view)
    image = view.viewport().grab().toImage()
    own = colour_columns(image, OWN_BUBBLE)
    assert own and min(own) > image.width() // 2
    assert not colour_columns(image, OTHER_BUBBLE)


def test_others_bubbles_are_on_the_left(qtbot):
    view = make_view(qtbot, [entry("t", "Của Bình — Tiếng Việt có dấu: ỗ ữ ẫ")])
    view.show()
    qtbot.waitExposed(view)
    image = view.viewport().grab().toImage()
    other = colour_columns(image, OTHER_BUBBLE)
    assert other and max(other) < image.width() // 2
    assert not colour_columns(image, OWN_BUBBLE)
