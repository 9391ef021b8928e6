"""Announcements in the log: a banner across the row (its own background and accent
bar, a label line above the header), taller than the same text in a bubble by that
line, never grouped with the rows around it; and arrivals that ask for attention as
mentions do."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from messenger.protocol.events import KIND_ANNOUNCEMENT
from messenger.store import OutgoingMessage, StoredMessage
from messenger.ui.announcement_banner import BANNER_ACCENT, BANNER_BACKGROUND
from messenger.ui.log_entry import ANNOUNCEMENT, EntryStatus, pending_entry, stored_entry
from messenger.ui.message_delegate import MENTION_BACKGROUND, OTHER_BUBBLE, OWN_BUBBLE
from messenger.ui.message_log_model import MessageLogModel
from messenger.ui.notification_policy import NotifyLevel, counts_as_mention, notifies
from tests.ui.log_looks_helpers import MINUTE, at, said, shown_view

WIDTH = 500


def option_for(view, height: int) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.font = view.font()
    option.rect = QRect(0, 0, WIDTH, height)
    return option


def painted(view, row: int) -> QImage:
    index = view.model().index(row, 0)
    height = view.model().data(index, 13).height()  # (Qt.SizeHintRole, as the view has it)
    image = QImage(WIDTH, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    view.delegate.paint(painter, option_for(view, height), index)
    painter.end()
    return image


def xs_of(image: QImage, colour: QColor) -> list[int]:
    return [
        x
        for y in range(0, image.height(), 2)
        for x in range(image.width())
        if image.pixelColor(x, y) == colour
    ]


def test_the_log_entry_of_an_announcement_says_so_cached_or_typed():
    assert ANNOUNCEMENT == KIND_ANNOUNCEMENT
    stored = StoredMessage("general", 3, "a", "An", 1, "Họp", "ab" * 32, KIND_ANNOUNCEMENT)
    assert stored_entry(stored, "cd" * 32).announcement
    assert not stored_entry(StoredMessage("general", 4, "b", "An", 1, "ừ"), "").announcement
    typed = OutgoingMessage("h", "general", "c", "Họp", 2, KIND_ANNOUNCEMENT)
    entry = pending_entry(typed, "Tôi")
    assert entry.announcement and entry.status is EntryStatus.SENDING


def test_an_announcement_is_a_banner_across_the_row_whoever_wrote_it(qtbot):
    now = at(0, 10)
    entries = [
        said("1", now, text="Chiều nay họp lúc 3h 📣", announcement=True),
        said("2", now, text="Mai nghỉ", own=True, announcement=True),
        said("3", now, text="một tin thường"),
    ]
    view = shown_view(qtbot, entries, WIDTH)
    for row in (0, 1):
        image = painted(view, row)
        background = xs_of(image, BANNER_BACKGROUND)
        assert min(background) < WIDTH * 0.1 and max(background) > WIDTH * 0.9
        accent = xs_of(image, BANNER_ACCENT)  # (the bar, the megaphone and the label)
        assert accent and min(accent) < WIDTH * 0.05
        assert not xs_of(image, OWN_BUBBLE) and not xs_of(image, OTHER_BUBBLE)
    plain = painted(view, 2)
    assert not xs_of(plain, BANNER_BACKGROUND) and xs_of(plain, OTHER_BUBBLE)


def test_its_row_is_its_texts_bubble_and_a_label_line_and_never_grouped(qtbot):
    now = at(0, 10)
    text = "Cả nhà chú ý: " * 12
    entries = [
        said("1", now, text="trước"),
        said("2", now + MINUTE, text=text, announcement=True),
        said("3", now + 2 * MINUTE, text=text),
        said("4", now + 3 * MINUTE, text="@An xem nhé", announcement=True),
    ]
    view = shown_view(qtbot, entries, WIDTH)
    model: MessageLogModel = view.model()
    model.set_me("An")
    looks = [model.look(row) for row in range(4)]
    assert [look.announced for look in looks] == [False, True, False, True]
    assert [look.grouped for look in looks] == [False, False, False, False]
    assert not looks[3].mentioned  # (the banner says enough: no mention highlight on it)
    banner, bubble = (model.data(model.index(row, 0), 13).height() for row in (1, 2))
    label_line = view.delegate._fonts(view.font()).header_block
    assert banner == bubble + label_line
    assert not xs_of(painted(view, 3), MENTION_BACKGROUND)


def test_a_link_in_an_announcement_is_found_where_it_is_drawn(qtbot):
    view = shown_view(qtbot, [said("1", at(0), text="https://vi.wikipedia.org", announcement=True)])
    index = view.model().index(0, 0)
    height = view.model().data(index, 13).height()
    option = option_for(view, height)
    [(rect, url)] = view.delegate.link_rects(option, index)
    assert url == "https://vi.wikipedia.org"
    banner = view.delegate.bubble_rect(view.model().entry(0), option, view.model().look(0))
    assert banner.contains(rect.center()) and rect.top() > banner.top() + 2 * 10
    assert view.delegate.link_at(option, index, QPointF(rect.center())) == url


def test_an_announcement_asks_for_attention_as_a_mention_does():
    assert counts_as_mention(False, True) and counts_as_mention(True, False)
    assert not counts_as_mention(False, False)
    announced = counts_as_mention(False, True)
    level = NotifyLevel.MENTIONS
    assert notifies(level, direct=False, mentioned=announced, do_not_disturb=False)
    assert not notifies(level, direct=False, mentioned=False, do_not_disturb=False)
    assert not notifies(level, direct=False, mentioned=announced, do_not_disturb=True)
    assert not notifies(
        NotifyLevel.NOTHING, direct=False, mentioned=announced, do_not_disturb=False
    )
