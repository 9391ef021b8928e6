"""Log lines that show what peers sent without letting it act on a terminal or a
log viewer: control characters (terminal escapes, line breaks that would forge a
line), bidi overrides and other invisible characters are written as escapes."""

from __future__ import annotations

import logging


def escape_unprintable(text: str) -> str:
    """``text`` with each character that is not printable (controls, format
    characters such as bidi overrides and zero-width ones, separators other than
    the space) written as ``\\xNN``, ``\\uNNNN`` or ``\\UNNNNNNNN``."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


class PrintableRecords(logging.Filter):
    """Makes each record's message printable (a traceback, added after, keeps its
    lines)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        escaped = escape_unprintable(message)
        if escaped is not message:
            record.msg = escaped
            record.args = None
        return True


def make_logs_printable() -> None:
    """Puts ``PrintableRecords`` on every handler of the root logger."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, PrintableRecords) for f in handler.filters):
            handler.addFilter(PrintableRecords())
