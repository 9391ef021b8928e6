"""The log as the user sees it: day lines (Today, Yesterday, dates, in Vietnamese too),
compact rows in a group, re-measured when a neighbour changes, the "New messages"
line, links that open when clicked, mentions highlighted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import (
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    Qt,
    QTime,
    QUrl,
)
from PySide6.QtGui import QFontMetricsF
from PySide6.QtTest import QTest

from messenger.ui.log_entry import EntryStatus, LogEntry
from messenger.ui.log_layout import DayClock
from messenger.ui.message_delegate import (
    DAY_LINE_RULE,
    LINK_TEXT,
    MENTION_BACKGROUND,
    NEW_LINE_COLOUR,
    OTHER_BUBBLE,
    OWN_BUBBLE,
    MessageDelegate,
)
from messenger.ui.message_log_model import MessageLogModel
from messenger.ui.message_log_view import MessageLogView
from tests.ui.log_looks_helpers import (
    MINUTE,
    at,
    count,
    height,
    option,
    paint,
    said,
    settle,
    shown_view,
)

TODAY = DayClock().day(at(0))


# -- day lines -------------------------------------------------------------------------


def test_day_lines_say_today_yesterday_or_the_long_date():
    delegate = MessageDelegate()
    assert delegate.day_label(TODAY) == "Today"
    assert delegate.day_label(TODAY - 1) == "Yesterday"
    old = QDate.fromJulianDay(TODAY - 9)
    assert delegate.day_label(TODAY - 9) == QLocale().toString(old, QLocale.FormatType.LongFormat)


def test_after_midnight_today_becomes_yesterday_without_measuring_again(qtbot):
    view = shown_view(qtbot, [said("1", at(0, 10))])
    before = paint(view, 0)
    heights = height(view, 0)
    assert view.delegate.day_label(TODAY) == "Today"
    view.delegate.today = lambda: TODAY + 1  # the clock passed midnight
    assert view.delegate.day_label(TODAY) == "Yesterday"
    assert paint(view, 0) != before  # the label painted is the new one
    assert height(view, 0) == heights


def test_the_view_wakes_just_after_the_next_midnight(qtbot):
    now = QDateTime.currentDateTime()  # (before the view arms its timer)
    to_midnight = now.msecsTo(QDateTime(now.date().addDays(1), QTime(0, 0)))
    view = MessageLogView()
    qtbot.addWidget(view)
    assert 0 < view.ms_to_new_day() <= to_midnight + 1000
    assert view.ms_to_new_day() >= min(to_midnight, 1000) - 100


def test_day_lines_in_vietnamese(vietnamese):
    delegate = MessageDelegate()
    assert delegate.day_label(TODAY) == "Hôm nay"
    assert delegate.day_label(TODAY - 1) == "Hôm qua"
    label = delegate.day_label(TODAY - 30)
    date = QDate.fromJulianDay(TODAY - 30)
    assert label == vietnamese.toString(date, QLocale.FormatType.LongFormat)
    assert "tháng" in label and str(date.year()) in label
    assert delegate.tr("New messages") == "Tin nhắn mới"


def test_a_day_line_is_painted_above_the_days_first_message(qtbot):
    view = shown_view(qtbot, [said("1", at(1, 10)), said("2", at(0, 9))])
    lines = view.delegate.line_height(view.font())
    assert height(view, 0) == height(view, 1)  # both first of their day, with a header
    image = paint(view, 0)
    rule_rows = {y for y in range(image.height()) if count_row(image, y, DAY_LINE_RULE) > 50}
    assert rule_rows and max(rule_rows) < lines  # the rule is in the line, above the bubble


def count_row(image, y: int, colour) -> int:
    return sum(1 for x in range(image.width()) if image.pixelColor(x, y) == colour)


# -- groups ----------------------------------------------------------------------------


def test_a_grouped_row_is_shorter_and_has_no_avatar_nor_header(qtbot):
    start = at(0, 10)
    view = shown_view(
        qtbot,
        [
            said("1", start, user="u-binh", sender="Bình", text="trước"),
            said("2", start + MINUTE, text="cùng một dòng"),
            said("3", start + 2 * MINUTE, text="cùng một dòng"),
        ],
    )
    assert height(view, 2) < height(view, 1)
    header = QFontMetricsF(view.font()).height()
    assert height(view, 1) - height(view, 2) >= header
    grouped, first = paint(view, 2), paint(view, 1)
    avatar_end = MessageDelegate.MARGIN + MessageDelegate.AVATAR
    assert count(first.copy(0, 0, avatar_end, first.height()), OTHER_BUBBLE) == 0
    assert (
        count(grouped.copy(0, 0, avatar_end, grouped.height()), QFontMetricsF and OTHER_BUBBLE) == 0
    )
    assert sum(count_row(first, y, OTHER_BUBBLE) for y in range(first.height())) > sum(
        count_row(grouped, y, OTHER_BUBBLE) for y in range(grouped.height())
    )


def test_an_older_message_from_someone_else_above_ungroups_and_remeasures_only_that_row(qtbot):
    start = at(0, 10)
    view = MessageLogView()
    qtbot.addWidget(view)
    measured: list[str] = []
    reshaped: list[int] = []
    measure, reshape = view._measure, view._reshape

    def counting_measure(entry: LogEntry):
        measured.append(entry.text)
        return measure(entry)

    def counting_reshape(size, look):
        reshaped.append(look.kind)
        return reshape(size, look)

    view._measure = counting_measure  # type: ignore[method-assign]
    view._reshape = counting_reshape  # type: ignore[method-assign]
    model = MessageLogModel(view)
    view.setModel(model)
    model.add_entries([said("10", start, text="đầu"), said("11", start + MINUTE, text="sau")])
    model.flush()
    view.resize(500, 400)
    view.show()
    qtbot.waitExposed(view)
    settle(qtbot, view)
    grouped = view.visualRect(model.index(1, 0)).height()
    first = view.visualRect(model.index(0, 0)).height()
    measured.clear()
    reshaped.clear()

    model.older_wanted = True
    model.fetchMore(QModelIndex())
    model.add_older([said("9", start - MINUTE, user="u-binh", sender="Bình", text="cũ")])
    settle(qtbot, view)
    assert measured == ["cũ"]  # the new text only: no other row is laid out again
    assert len(reshaped) <= 2  # the new row (day line) and the one under it, once each
    assert view.visualRect(model.index(1, 0)).height() < first  # no day line now
    assert view.visualRect(model.index(2, 0)).height() == grouped
    view_heights = [view.visualRect(model.index(r, 0)).height() for r in range(3)]
    assert view_heights == [height(view, r) for r in range(3)]


def test_a_confirmed_message_joins_the_group_and_its_row_shrinks(qtbot):
    start = at(0, 10)
    mine = {"user": "me", "sender": "Minh", "own": True}
    view = shown_view(qtbot, [said("1", start, **mine)])
    model = view.model()
    model.add_entries(
        [LogEntry("p", "Minh", start + MINUTE, "đang gửi", True, status=EntryStatus.SENDING)]
    )
    model.flush()
    settle(qtbot, view)
    sending = view.visualRect(model.index(1, 0)).height()
    model.mark_sent("p", 2)
    settle(qtbot, view)
    assert view.visualRect(model.index(1, 0)).height() < sending
    image = paint(view, 1)
    assert count(image, OWN_BUBBLE) > 0  # still the user's own bubble


# -- the "New messages" line -----------------------------------------------------------


def test_the_new_messages_line_is_painted_in_its_colour_and_cleared(qtbot):
    start = at(0, 10)
    view = shown_view(qtbot, [said(str(s), start + s * MINUTE) for s in range(1, 4)])
    model = view.model()
    lines = view.delegate.line_height(view.font())
    grouped = height(view, 2)
    assert count(paint(view, 2), NEW_LINE_COLOUR) == 0
    model.set_first_unread(3)
    settle(qtbot, view)
    assert height(view, 2) > grouped + lines - 1  # the line, and a header again
    image = paint(view, 2)
    rows = [y for y in range(image.height()) if count_row(image, y, NEW_LINE_COLOUR) > 50]
    assert rows and max(rows) < lines
    assert count(paint(view, 1), NEW_LINE_COLOUR) == 0
    model.set_first_unread(None)
    settle(qtbot, view)
    assert height(view, 2) == grouped
    assert count(paint(view, 2), NEW_LINE_COLOUR) == 0


def test_a_view_following_the_newest_stays_at_the_end_when_the_line_comes(qtbot):
    start = at(0, 10)
    view = shown_view(qtbot, [said(str(s), start + s * MINUTE) for s in range(1, 40)])
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    before = bar.maximum()
    view.model().set_first_unread(38)
    qtbot.waitUntil(lambda: bar.maximum() > before and bar.value() == bar.maximum())
    assert view.following()


# -- links -----------------------------------------------------------------------------


def click(view: MessageLogView, x: float, y: float) -> None:
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point(x, y)
    )


def point(x: float, y: float):
    from PySide6.QtCore import QPoint

    return QPoint(round(x), round(y))


def test_clicking_a_link_opens_it_and_only_it(qtbot):
    opened: list[QUrl] = []
    text = "😀😀 xem https://ví-dụ.vn/đường-dẫn, rồi trả lời nhé"
    view = shown_view(qtbot, [said("1", at(0), text=text)], open_link=opened.append)
    rects = view.delegate.link_rects(option(view, 0), view.model().index(0, 0))
    assert [url for _rect, url in rects] == ["https://ví-dụ.vn/đường-dẫn"]
    rect = rects[0][0]
    metrics = QFontMetricsF(view.font())
    assert abs(rect.width() - metrics.horizontalAdvance("https://ví-dụ.vn/đường-dẫn")) < 2
    click(view, rect.right() + metrics.horizontalAdvance(", rồi "), rect.center().y())
    assert opened == []  # the text after the link is not the link
    click(view, rect.center().x(), rect.center().y())
    assert opened == [QUrl("https://ví-dụ.vn/đường-dẫn")]
    assert opened[0].host() == "ví-dụ.vn"


def test_hovering_a_link_shows_a_hand_and_its_url(qtbot):
    view = shown_view(qtbot, [said("1", at(0), text="mailto:an@example.vn hoặc gọi")])
    ((rect, url),) = view.delegate.link_rects(option(view, 0), view.model().index(0, 0))
    assert url == "mailto:an@example.vn"
    QTest.mouseMove(view.viewport(), point(rect.center().x(), rect.center().y()))
    qtbot.waitUntil(lambda: view.viewport().cursor().shape() == Qt.CursorShape.PointingHandCursor)
    assert view.link_at(point(rect.center().x(), rect.center().y())) == url
    QTest.mouseMove(view.viewport(), point(rect.right() + 60, rect.center().y()))
    qtbot.waitUntil(lambda: view.viewport().cursor().shape() == Qt.CursorShape.ArrowCursor)


@pytest.mark.parametrize(
    "text", ["javascript:alert(1)", "file:///etc/passwd", "<a href='http:'>bấm</a>"]
)
def test_other_schemes_are_plain_text_and_open_nothing(qtbot, text):
    opened: list[QUrl] = []
    view = shown_view(qtbot, [said("1", at(0), text=text)], open_link=opened.append)
    index = view.model().index(0, 0)
    assert view.delegate.link_rects(option(view, 0), index) == []
    assert count(paint(view, 0), LINK_TEXT, tolerance=40) == 0
    rect = view.visualRect(index)
    for x in range(rect.left() + 40, rect.left() + 300, 20):
        click(view, x, rect.bottom() - 14)
    assert opened == []


def test_links_are_drawn_in_the_link_colour(qtbot):
    view = shown_view(qtbot, [said("1", at(0), text="xem https://example.com/trang-dai")])
    assert count(paint(view, 0), LINK_TEXT, tolerance=20) > 20


# -- mentions --------------------------------------------------------------------------


def test_a_row_that_mentions_the_user_is_highlighted_and_own_rows_keep_their_look(qtbot):
    start = at(0, 10)
    view = shown_view(
        qtbot,
        [
            said("1", start, text="@Minh ơi, họp nhé"),
            said("2", start + 10 * MINUTE, text="không nhắc ai"),
            said("3", start + 20 * MINUTE, text="@Minh nhắc mình", user="me", own=True),
        ],
    )
    assert count(paint(view, 0), MENTION_BACKGROUND) == 0  # no name known yet
    view.model().set_me("Minh")
    settle(qtbot, view)
    mentioned = paint(view, 0)
    assert count(mentioned, MENTION_BACKGROUND) > 1000
    assert count(mentioned, OTHER_BUBBLE) > 1000  # the bubble itself as before
    assert count(paint(view, 1), MENTION_BACKGROUND) == 0
    own = paint(view, 2)
    assert count(own, MENTION_BACKGROUND) == 0 and count(own, OWN_BUBBLE) > 1000
