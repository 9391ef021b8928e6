"""What peers send reaches the log as escapes, not as terminal commands, forged
lines or reordered text."""

from __future__ import annotations

import io
import logging

from messenger.core.log_text import PrintableRecords, escape_unprintable


def test_controls_bidi_and_invisible_characters_are_escaped_and_the_rest_kept():
    assert escape_unprintable("Chào Hà Nội 👋") == "Chào Hà Nội 👋"
    assert escape_unprintable("\x1b[2J\x1b]0;pwned\x07") == "\\x1b[2J\\x1b]0;pwned\\x07"
    assert escape_unprintable("abc\u202edcba\u2066") == "abc\\u202edcba\\u2066"
    assert escape_unprintable("An\u200b\ufeff") == "An\\u200b\\ufeff"
    assert escape_unprintable("line\nINFO forged") == "line\\x0aINFO forged"
    assert escape_unprintable("\x85\u2028\U000e0001") == "\\x85\\u2028\\U000e0001"


def test_a_handler_with_the_filter_writes_escaped_messages_and_intact_tracebacks():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(PrintableRecords())
    logger = logging.getLogger("tests.log_text")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("%s sent bad input: %s", "127.0.0.1:5", "\x1b[31mđỏ\u202e")
        try:
            raise ValueError("boom")
        except ValueError:
            logger.exception("tên %s", "Chi\x1b[0m")
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    written = stream.getvalue()
    assert "\x1b" not in written and "\u202e" not in written
    assert "127.0.0.1:5 sent bad input: \\x1b[31mđỏ\\u202e\n" in written
    assert "tên Chi\\x1b[0m\nTraceback (most recent call last):\n" in written
