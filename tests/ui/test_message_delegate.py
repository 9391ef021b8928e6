"""The bubble delegate and the log view: sizes, plain text, colours, sides, resizing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from messenger.ui import message_delegate
from messenger.ui.avatar import avatar_colour
from messenger.ui.log_entry import EntryStatus, LogEntry
from messenger.ui.message_delegate import (
    HELD_BUBBLE,
    KEPT_BUBBLE,
    OTHER_BUBBLE,
    OWN_BUBBLE,
    MessageDelegate,
)
from messenger.ui.message_log_model import MessageLogModel
from messenger.ui.message_log_view import MessageLogView

LONG = "Hôm nay trời đẹp quá, chúng ta đi uống cà phê sữa đá ở quán đầu ngõ nhé! " * 6
VIETNAMESE_AND_EMOJI = "Tiếng Việt có dấu: ỗ ữ ẫ ặ ề Ỷ — chúc mừng 🎉😀👍❤"


def entry(key: str, text: str, own: bool = False, **fields) -> LogEntry:
    return LogEntry(key=key, sender="Bình", ts=1_700_000_000_000, text=text, own=own, **fields)


def make_view(qtbot, entries: list[LogEntry], width: int = 600) -> MessageLogView:
    view = MessageLogView()
    qtbot.addWidget(view)
    model = MessageLogModel(view)
    view.setModel(model)
    model.add_entries(entries)
    model.flush()
    view.resize(width, 400)
    return view


def option_for(view: MessageLogView, width: int, height: int = 10) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.font = view.font()
    option.rect = QRect(0, 0, width, height)
    return option


def size_hint(view: MessageLogView, row: int, width: int) -> int:
    return view.delegate.size_for(option_for(view, width), view.model().index(row, 0)).height()


def plain_height(view: MessageLogView, row: int, width: int) -> int:
    """The height of the row's message with the plain look (header, no line above)."""
    return view.delegate.row_height(view.model().entry(row), width, view.font())


def paint_row(view: MessageLogView, row: int, width: int = 400) -> QImage:
    """Paints one row with the view's delegate into a white image of its size."""
    index = view.model().index(row, 0)
    height = size_hint(view, row, width)
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    view.delegate.paint(painter, option_for(view, width, height), index)
    painter.end()
    return image


def columns_of(image: QImage, colour: QColor) -> list[int]:
    return [
        x
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y) == colour
    ]


# -- sizes ------------------------------------------------------------------------------


def test_longer_text_and_narrower_views_make_taller_rows(qtbot):
    view = make_view(qtbot, [entry("s", "Ngắn"), entry("l", LONG)])
    assert plain_height(view, 1, 600) > plain_height(view, 0, 600)
    assert size_hint(view, 1, 300) > size_hint(view, 1, 600)
    assert size_hint(view, 0, 300) == size_hint(view, 0, 600)  # one short line either way


def test_line_breaks_in_the_text_make_taller_rows(qtbot):
    view = make_view(qtbot, [entry("one", "một"), entry("three", "một\nhai\nba")])
    line = QFontMetricsF(view.font()).height()
    assert plain_height(view, 1, 600) - plain_height(view, 0, 600) >= 2 * line - 1


def test_a_bubble_is_at_most_three_quarters_of_the_view_and_fits_short_text(qtbot):
    view = make_view(qtbot, [entry("l", LONG), entry("s", "ừ")])
    delegate = view.delegate
    long_bubble = delegate.bubble_rect(view.model().entry(0), option_for(view, 600))
    short_bubble = delegate.bubble_rect(view.model().entry(1), option_for(view, 600))
    assert long_bubble.width() <= 0.75 * 600
    assert short_bubble.width() < long_bubble.width() / 2


def test_size_hint_and_layout_agree_with_the_cache(qtbot, monkeypatch):
    monkeypatch.setattr(message_delegate, "CACHE_LIMIT", 5)
    view = make_view(qtbot, [entry(str(i), f"tin {i}") for i in range(20)])
    delegate = view.delegate
    delegate.clear_cache()
    font = view.font()
    first = delegate.layout(view.model().entry(0), 500, font).size
    # (one sender, one time: the first row has the day line and the header, the
    # others are compact)
    bubble = delegate.layout(view.model().entry(0), 500, font).size
    day_line = delegate.line_height(font)
    assert size_hint(view, 0, 500) == day_line + bubble.height() + delegate.MARGIN
    for row in range(1, 20):
        compact = delegate.layout(view.model().entry(row), 500, font).compact_size
        assert size_hint(view, row, 500) == compact.height() + delegate.MARGIN
    assert delegate.cache_size() == 5  # bounded
    assert delegate.layout(view.model().entry(0), 500, font).size == first  # rebuilt the same
    delegate.clear_cache()
    assert delegate.cache_size() == 0


# -- plain text -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "<b>không đậm</b> & <i>không nghiêng</i>",
        "<a href='http://x'>link</a>\n&amp; &lt;<br>hai dòng",
        "<img src=x onerror=alert(1)>",
    ],
)
def test_markup_is_laid_out_as_plain_text(qtbot, text):
    view = make_view(qtbot, [entry("m", text)])
    layout = view.delegate.layout(view.model().entry(0), 600, view.font())
    assert layout.text == text
    image = paint_row(view, 0)  # paints without a warning
    assert not image.isNull()


def test_the_header_shows_sender_time_and_sending(qtbot):
    view = make_view(
        qtbot,
        [entry("s", "x", own=True, status=EntryStatus.SENDING), entry("d", "y", seq=1)],
    )
    delegate: MessageDelegate = view.delegate
    model = view.model()
    sending = delegate.layout(model.entry(model.row_of("s")), 600, view.font())
    sent = delegate.layout(model.entry(model.row_of("d")), 600, view.font())
    assert sending.name == "Bình" and sent.name == "Bình"
    assert sending.time.startswith(" · ") and len(sending.time) == len(" · HH:MM")
    assert "sending…" in sending.status and sent.status == ""
    assert sending.fonts.name.bold()
    assert sending.fonts.status.pointSizeF() < sending.fonts.text.pointSizeF()


def test_a_long_sender_name_is_elided_to_the_bubble(qtbot):
    view = make_view(qtbot, [LogEntry("k", "Nguyễn " * 40, 1_700_000_000_000, "hi", False)])
    layout = view.delegate.layout(view.model().entry(0), 400, view.font())
    assert layout.name.endswith("…") and layout.size.width() <= 0.75 * 400


# -- painting ---------------------------------------------------------------------------


def test_own_bubbles_are_painted_on_the_right_in_the_accent_colour(qtbot):
    view = make_view(qtbot, [entry("o", "Của tôi 😀", own=True), entry("t", "Của Bình")])
    own, other = paint_row(view, 0), paint_row(view, 1)
    own_xs, other_xs = columns_of(own, OWN_BUBBLE), columns_of(other, OTHER_BUBBLE)
    assert own_xs and min(own_xs) > own.width() // 2
    assert other_xs and max(other_xs) < other.width() // 2
    assert not columns_of(own, OTHER_BUBBLE) and not columns_of(other, OWN_BUBBLE)
    assert OWN_BUBBLE != OTHER_BUBBLE


def test_others_messages_show_an_avatar_in_the_colour_of_their_identity(qtbot):
    """Two people called "Bình" (two user ids) get two avatar colours; the user's own
    messages have none; the bubble starts after the avatar."""
    first, second = "0" * 64, "9" * 64
    view = make_view(
        qtbot,
        [
            entry("a", "một", user=first),
            entry("b", "hai", user=second),
            entry("c", "của tôi", own=True, user=first),
        ],
    )
    colours = [avatar_colour(first), avatar_colour(second)]
    assert colours[0] != colours[1]
    avatar_end = MessageDelegate.MARGIN + MessageDelegate.AVATAR
    images = [paint_row(view, row) for row in range(3)]
    for image, colour, other in zip(images, colours, reversed(colours), strict=False):
        xs = columns_of(image, colour)  # the avatar, and the name in the same colour
        assert [x for x in xs if x < avatar_end] and [x for x in xs if x > avatar_end]
        assert not columns_of(image, other)
        assert min(columns_of(image, OTHER_BUBBLE)) >= avatar_end
    assert not columns_of(images[2], colours[0])  # (no avatar, and the name in white)


def test_held_and_kept_bubbles_look_apart_from_sent_ones(qtbot):
    held = entry("h", "chưa gửi", own=True, status=EntryStatus.HELD)
    kept = entry("k", "từ trước", status=EntryStatus.KEPT)
    view = make_view(qtbot, [held, kept])
    held_image, kept_image = paint_row(view, 0), paint_row(view, 1)
    # (the bubble's own colour fills many columns; another may match a few text pixels)
    assert len(columns_of(held_image, HELD_BUBBLE)) > 10 * len(columns_of(held_image, OWN_BUBBLE))
    assert len(columns_of(kept_image, KEPT_BUBBLE)) > 10 * len(columns_of(kept_image, OTHER_BUBBLE))
    assert (
        len({HELD_BUBBLE.name(), KEPT_BUBBLE.name(), OWN_BUBBLE.name(), OTHER_BUBBLE.name()}) == 4
    )


def test_text_is_painted_in_a_readable_colour(qtbot):
    view = make_view(qtbot, [entry("o", "██████", own=True)])
    image = paint_row(view, 0)
    text_colour = view.delegate.colours(view.model().entry(0))[1]
    assert any(
        image.pixelColor(x, y) == text_colour
        for y in range(image.height())
        for x in range(image.width() // 2, image.width())
    )


def test_vietnamese_and_emoji_paint(qtbot):
    for char in VIETNAMESE_AND_EMOJI.replace(" ", ""):
        assert QFontMetricsF(QFont("DejaVu Sans")).inFontUcs4(ord(char)), char
    view = make_view(qtbot, [entry("v", VIETNAMESE_AND_EMOJI), entry("w", LONG, own=True)])
    for row in range(2):
        image = paint_row(view, row)
        colour = view.delegate.colours(view.model().entry(row))[1]
        assert any(
            image.pixelColor(x, y).rgb() == colour.rgb()
            for y in range(image.height())
            for x in range(image.width())
        )
    layout = view.delegate.layout(view.model().entry(0), 400, view.font())
    assert layout.text == VIETNAMESE_AND_EMOJI


# -- the view -------------------------------------------------------------------------------


def test_the_shown_view_puts_own_bubbles_right_and_others_left(qtbot):
    view = make_view(qtbot, [entry("t", "Của Bình"), entry("o", "Của tôi", own=True)])
    view.show()
    qtbot.waitExposed(view)
    image = view.viewport().grab().toImage()
    own, other = columns_of(image, OWN_BUBBLE), columns_of(image, OTHER_BUBBLE)
    assert own and min(own) > image.width() // 2
    assert other and max(other) < image.width() // 2


def test_rows_are_measured_again_when_the_view_narrows(qtbot):
    view = make_view(qtbot, [entry("l", LONG)], width=700)
    view.show()
    qtbot.waitExposed(view)
    index = view.model().index(0, 0)
    qtbot.waitUntil(lambda: view.visualRect(index).height() > 0)
    wide = view.visualRect(index).height()
    view.resize(300, 400)
    qtbot.waitUntil(lambda: view.visualRect(index).height() > wide)
    assert view.visualRect(index).width() <= view.viewport().width()


def test_the_view_follows_new_messages_only_from_the_bottom(qtbot):
    view = make_view(qtbot, [entry(str(i), f"tin {i}") for i in range(40)], width=400)
    view.show()
    qtbot.waitExposed(view)
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    model = view.model()
    model.add_entries([entry("new", LONG)])
    qtbot.waitUntil(lambda: model.rowCount() == 41 and bar.value() == bar.maximum())
    assert view.following()

    bar.setValue(0)  # the user reads older messages
    assert not view.following()
    before = bar.maximum()
    model.add_entries([entry("newer", "mới")])
    qtbot.waitUntil(lambda: model.rowCount() == 42 and bar.maximum() > before)
    assert bar.value() == 0


def test_the_model_serves_the_row_sizes_the_delegate_measures(qtbot):
    view = make_view(qtbot, [entry("s", "Ngắn"), entry("l", LONG)], width=500)
    view.show()  # (sizes are measured for a shown view: the next test)
    qtbot.waitExposed(view)
    model = view.model()
    width = view.viewport().width()
    for row in range(2):
        size = model.index(row, 0).data(Qt.ItemDataRole.SizeHintRole)
        assert size == view.delegate.size_for(option_for(view, width), model.index(row, 0))
    before = model.index(0, 0).data(Qt.ItemDataRole.SizeHintRole)
    model.add_entries([entry("s", LONG)])  # a new copy with another text: another height
    model.flush()
    after = model.index(0, 0).data(Qt.ItemDataRole.SizeHintRole)
    assert after.height() > before.height()
    assert after == view.delegate.size_for(option_for(view, width), model.index(0, 0))
    assert plain_height(view, 0, width) == plain_height(view, 1, width)  # one text
    view.setModel(None)  # a model without a view has no sizes of its own
    assert model.index(0, 0).data(Qt.ItemDataRole.SizeHintRole) is None


def test_rows_are_measured_again_when_the_font_grows(qtbot):
    view = make_view(qtbot, [entry("l", LONG)], width=500)
    view.show()
    qtbot.waitExposed(view)
    index = view.model().index(0, 0)
    qtbot.waitUntil(lambda: view.visualRect(index).height() > 0)
    before = view.visualRect(index).height()
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    view.setFont(font)
    qtbot.waitUntil(lambda: view.visualRect(index).height() > before)


def test_rows_added_before_the_view_shows_are_measured_once_at_its_width(qtbot):
    """The window fills the log with the cached room before it is shown: measuring
    those rows at the unknown width, then again when shown, was wasted start-up time."""
    view = MessageLogView()
    qtbot.addWidget(view)
    widths: list[int] = []
    measure = view._measure

    def counting(e: LogEntry) -> QSize:
        widths.append(view.viewport().width())
        return measure(e)

    view._measure = counting  # type: ignore[method-assign]
    model = MessageLogModel(view)
    view.setModel(model)
    model.add_entries([entry(str(i), f"tin {i} {LONG}") for i in range(30)])
    model.flush()
    assert widths == []  # nothing measured while hidden
    view.resize(500, 400)
    view.show()
    qtbot.waitExposed(view)
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    final = view.viewport().width()
    assert widths == [final] * 30  # each row once, at the width it is shown at
    assert model.index(0, 0).data(Qt.ItemDataRole.SizeHintRole) == view.delegate.size_for(
        option_for(view, final), model.index(0, 0)
    )
