"""Entries and shown views for the tests of day lines, groups, links and mentions."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QRect, QTime
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from messenger.ui.log_entry import LogEntry
from messenger.ui.message_log_model import MessageLogModel
from messenger.ui.message_log_view import MessageLogView

MINUTE = 60_000


def at(days_ago: int, hour: int = 12, minute: int = 0) -> int:
    """Unix ms of a local time ``days_ago`` days before today."""
    date = QDate.currentDate().addDays(-days_ago)
    return QDateTime(date, QTime(hour, minute)).toMSecsSinceEpoch()


def said(key: str, ts: int, user: str = "u-an", sender: str = "An", **fields) -> LogEntry:
    """A confirmed message (seq from the key's digits unless given)."""
    values: dict = {"text": f"tin {key}", "own": False, "seq": None}
    values.update(fields)
    if values["seq"] is None and key.isdigit():
        values["seq"] = int(key)
    return LogEntry(key=key, sender=sender, ts=ts, user=user, **values)


def shown_view(qtbot, entries: list[LogEntry], width: int = 500, **view_args) -> MessageLogView:
    """A shown log of ``entries``, laid out with its measured sizes."""
    view = MessageLogView(**view_args)
    qtbot.addWidget(view)
    model = MessageLogModel(view)
    view.setModel(model)
    model.add_entries(entries)
    model.flush()
    view.resize(width, 500)
    view.show()
    qtbot.waitExposed(view)
    settle(qtbot, view)
    return view


def settle(qtbot, view: MessageLogView) -> None:
    """Waits until the view's rows have the heights the model gives them."""
    model = view.model()

    def laid_out() -> bool:
        return all(
            view.visualRect(model.index(row, 0)).height() == height(view, row)
            for row in range(model.rowCount())
        )

    qtbot.waitUntil(laid_out)


def height(view: MessageLogView, row: int) -> int:
    """The height the model gives ``row`` (Qt.SizeHintRole)."""
    return view.delegate.size_for(option(view, row), view.model().index(row, 0)).height()


def option(view: MessageLogView, row: int) -> QStyleOptionViewItem:
    """The style option the view paints ``row`` with."""
    result = QStyleOptionViewItem()
    view.initViewItemOption(result)
    result.rect = view.visualRect(view.model().index(row, 0))
    if result.rect.height() <= 0:
        result.rect = QRect(0, 0, view.viewport().width(), 10)
    return result


def paint(view: MessageLogView, row: int) -> QImage:
    """Paints ``row`` with the view's delegate into a white image of its size."""
    index = view.model().index(row, 0)
    rect = QRect(0, 0, view.viewport().width(), height(view, row))
    image = QImage(rect.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    row_option = option(view, row)
    row_option.rect = rect
    view.delegate.paint(painter, row_option, index)
    painter.end()
    return image


def count(image: QImage, colour: QColor, tolerance: int = 0) -> int:
    """Pixels of ``image`` of ``colour`` (each channel within ``tolerance``)."""
    found = 0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - colour.red()) <= tolerance
                and abs(pixel.green() - colour.green()) <= tolerance
                and abs(pixel.blue() - colour.blue()) <= tolerance
            ):
                found += 1
    return found
