"""A bubble laid out for one view width: its header's fonts, its text wrapped into
lines (plain text: nothing in it is markup), where its links are."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QTextLayout, QTextOption

from .link_layout import link_formats, link_rects, link_spans
from .log_colours import LINK_TEXT


class HeaderFonts:
    """The fonts of a bubble's header, and their metrics, for one text font."""

    __slots__ = (
        "header_block",
        "header_height",
        "line_height",
        "name",
        "name_metrics",
        "status",
        "status_metrics",
        "text",
        "text_metrics",
    )

    def __init__(self, text: QFont, header_gap: int = 0, line_padding: int = 0) -> None:
        self.text = QFont(text)
        self.name = QFont(text)
        self.name.setBold(True)
        self.status = QFont(text)
        if text.pointSizeF() > 0:
            self.status.setPointSizeF(text.pointSizeF() * 0.85)
        else:
            self.status.setPixelSize(max(1, round(text.pixelSize() * 0.85)))
        self.text_metrics = QFontMetricsF(self.text)
        self.name_metrics = QFontMetricsF(self.name)
        self.status_metrics = QFontMetricsF(self.status)
        self.header_height = max(self.name_metrics.height(), self.text_metrics.height())
        self.header_block = math.ceil(self.header_height + header_gap)
        """The height the header takes in a bubble, ``header_gap`` below it included."""
        self.line_height = math.ceil(self.status_metrics.height()) + 2 * line_padding
        """The height of a day line or a "New messages" line."""


@dataclass(slots=True)
class BubbleLayout:
    """One entry laid out for one view width. Sizes are in pixels; positions are
    relative to the bubble's top-left corner.

    Attributes:
        paragraphs: The message text, one QTextLayout per line break in it, each
            wrapped into lines and positioned below the previous one from y = 0.
        size: The bubble, padding included.
        compact_size: The bubble without its header (a grouped row).
        fonts: The header's fonts.
        name: The sender (bold), elided to fit the bubble.
        time: " · HH:MM" (local time), after the name.
        status: " · sending…" (small) while the host has not got the message, else "".
        name_width: Advance of ``name``.
        time_width: Advance of ``time``.
        header_height: Height of the header line.
        links: Where each link is (QRectF relative to the text's top-left corner; a
            link over two lines has two) and its URL.
    """

    paragraphs: list[QTextLayout]
    size: QSize
    compact_size: QSize
    fonts: HeaderFonts
    name: str
    time: str
    status: str
    name_width: float
    time_width: float
    header_height: float
    links: list[tuple[QRectF, str]]

    @property
    def text(self) -> str:
        """The text as laid out: the message's, line breaks as newlines."""
        return "\n".join(paragraph.text() for paragraph in self.paragraphs)


_WRAP = QTextOption()
_WRAP.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)


def lay_out_plain_text(
    text: str,
    font: QFont,
    max_width: int,
    links: list[tuple[QRectF, str]] | None = None,
    link_colour: QColor = LINK_TEXT,
) -> tuple[list[QTextLayout], float, float]:
    """Wraps ``text`` (plain: nothing in it is markup) at ``max_width``; returns the
    paragraphs and the (widest line, total height). Given a ``links`` list, draws
    links underlined in ``link_colour`` and adds where they are to it."""
    paragraphs: list[QTextLayout] = []
    width = 0.0
    y = 0.0
    for line_text in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        paragraph = QTextLayout(line_text, font)
        paragraph.setTextOption(_WRAP)
        paragraph.setCacheEnabled(True)
        spans = link_spans(line_text) if links is not None else []
        if spans:
            paragraph.setFormats(link_formats(spans, link_colour))
        paragraph.beginLayout()
        while True:
            line = paragraph.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max_width)
            line.setPosition(QPointF(0, y))
            y += line.height()
            width = max(width, line.naturalTextWidth())
        paragraph.endLayout()
        if spans and links is not None:
            links.extend(link_rects(paragraph, spans))
        paragraphs.append(paragraph)
    return paragraphs, width, y
