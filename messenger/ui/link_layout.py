"""Links inside a laid-out message: their look (underlined, in a link colour) and
where they are, to click them."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QUrl
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextLayout, QTextLine

from ..core.links import SCHEMES, find_links

LinkSpan = tuple[int, int, str]
"""(start, end, url): UTF-16 positions in a paragraph, as QTextLayout counts."""


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def link_spans(paragraph: str) -> list[LinkSpan]:
    """The links of one paragraph (a line of the message's text), in UTF-16 units."""
    if ":" not in paragraph:  # (every link has one: most messages stop here)
        return []
    spans = []
    for link in find_links(paragraph):
        start = _utf16_length(paragraph[: link.start])
        spans.append((start, start + _utf16_length(link.url), link.url))
    return spans


def link_formats(spans: list[LinkSpan], colour: QColor) -> list[QTextLayout.FormatRange]:
    """QTextLayout formats drawing ``spans`` underlined in ``colour``."""
    text_format = QTextCharFormat()
    text_format.setFontUnderline(True)
    text_format.setForeground(QBrush(colour))
    ranges = []
    for start, end, _url in spans:
        format_range = QTextLayout.FormatRange()
        format_range.start = start
        format_range.length = end - start
        format_range.format = text_format
        ranges.append(format_range)
    return ranges


def link_rects(paragraph: QTextLayout, spans: list[LinkSpan]) -> list[tuple[QRectF, str]]:
    """Where each link of a laid-out paragraph is (one rectangle per line it is on),
    in the paragraph's coordinates."""
    rects = []
    for index in range(paragraph.lineCount()):
        line = paragraph.lineAt(index)
        line_start = line.textStart()
        line_end = line_start + line.textLength()
        for start, end, url in spans:
            first, last = max(start, line_start), min(end, line_end)
            if first >= last:
                continue
            left, right = _x_of(line, first), _x_of(line, last)
            rects.append((QRectF(left, line.y(), right - left, line.height()), url))
    return rects


def _x_of(line: QTextLine, position: int) -> float:
    """The x of the cursor ``position`` in ``line`` (PySide answers (x, position))."""
    answer: object = line.cursorToX(position)
    if isinstance(answer, tuple):
        answer = answer[0]
    if not isinstance(answer, int | float):
        raise TypeError(f"QTextLine.cursorToX answered {answer!r}")
    return float(answer)


def openable(url: str) -> QUrl | None:
    """The QUrl to open for a link's text, or None unless it is a valid http, https
    or mailto URL (checked again here: only those are ever opened)."""
    parsed = QUrl(url, QUrl.ParsingMode.TolerantMode)
    if not parsed.isValid() or parsed.scheme().lower() not in SCHEMES:
        return None
    return parsed
