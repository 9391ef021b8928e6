"""What a row of the log looks like beside its neighbour: a day line above the first
message of each day, a "New messages" line above the first unread one, and a compact
row (no name, avatar nor time) for a message that follows one of its author's."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDate, QDateTime, QTime

from ..core.mentions import mentions
from .log_entry import EntryStatus, LogEntry

GROUP_WINDOW_MS = 5 * 60 * 1000
"""A message within this time of its author's previous one is shown compact."""
_GROUPED_STATUSES = frozenset({EntryStatus.SENT, EntryStatus.KEPT})
"""A message "sending…" or held keeps its header: it says so there."""

DAY_LINE = 1
NEW_LINE = 2
GROUPED = 4
ANNOUNCED = 8
"""The bits of ``RowLook.kind``: what changes a row's height (an announcement's
banner has a label line above its header)."""


@dataclass(frozen=True, slots=True)
class RowLook:
    """How a row is drawn, besides its message.

    Attributes:
        kind: DAY_LINE | NEW_LINE | GROUPED | ANNOUNCED bits: two rows of one text and
            one kind have one height.
        day: The local day of the message (a Julian day number), for the day line.
        mentioned: The message mentions the user (drawn highlighted).
    """

    kind: int = 0
    day: int = 0
    mentioned: bool = False

    @property
    def day_line(self) -> bool:
        """A day line goes above the message."""
        return bool(self.kind & DAY_LINE)

    @property
    def new_line(self) -> bool:
        """The "New messages" line goes above the message."""
        return bool(self.kind & NEW_LINE)

    @property
    def announced(self) -> bool:
        """The message is an announcement: drawn as a banner across the log."""
        return bool(self.kind & ANNOUNCED)

    @property
    def grouped(self) -> bool:
        """The message is drawn without its header (its author's previous is above)."""
        return bool(self.kind & GROUPED)


PLAIN = RowLook()
"""A row with its header and nothing above it."""


class DayClock:
    """Local days of timestamps, remembering the bounds of the last day found (the
    messages of a log are mostly of one day: one comparison each)."""

    __slots__ = ("_day", "_end", "_start")

    def __init__(self) -> None:
        self._start = 0
        self._end = 0
        self._day = 0

    def day(self, ts: int) -> int:
        """The local day (Julian day number) of ``ts`` (Unix time in milliseconds)."""
        if not self._start <= ts < self._end:
            date = QDateTime.fromMSecsSinceEpoch(ts).date()
            self._day = date.toJulianDay()
            self._start = _midnight(date)
            self._end = _midnight(date.addDays(1))
            if self._end <= self._start:  # a day the time zone skips: no range kept
                self._end = self._start
        return self._day


def _midnight(date: QDate) -> int:
    return QDateTime(date, QTime(0, 0)).toMSecsSinceEpoch()


def same_author(a: LogEntry, b: LogEntry) -> bool:
    """Whether two messages are by one person: both the user's, or one user id, or
    (neither having an id) one name."""
    if a.own or b.own:
        return a.own and b.own
    if a.user or b.user:
        return a.user == b.user
    return a.sender == b.sender


def row_look(
    previous: LogEntry | None,
    entry: LogEntry,
    days: DayClock,
    first_unread: int | None = None,
    me: str = "",
) -> RowLook:
    """How ``entry`` is drawn below ``previous`` (None: it is the first row).

    Args:
        previous: The row above.
        entry: The row.
        days: Finds local days.
        first_unread: The seq of the first unread message (None: no "New messages"
            line): the line goes above the first row with at least that seq.
        me: The user's name, for mentions ('' : none).
    """
    day = days.day(entry.ts)
    kind = 0
    if previous is None or days.day(previous.ts) != day:
        kind |= DAY_LINE
    if first_unread is not None and _first_unread(previous, entry, first_unread):
        kind |= NEW_LINE
    if entry.announcement:
        kind |= ANNOUNCED  # (never grouped: a banner keeps its header)
    if (
        previous is not None
        and not kind
        and not previous.announcement
        and entry.status in _GROUPED_STATUSES
        and entry.status is previous.status
        and abs(entry.ts - previous.ts) <= GROUP_WINDOW_MS
        and same_author(previous, entry)
    ):
        kind |= GROUPED
    mentioned = bool(me) and not entry.own and not entry.announcement and mentions(entry.text, me)
    return RowLook(kind, day, mentioned)


def _first_unread(previous: LogEntry | None, entry: LogEntry, first_unread: int) -> bool:
    if entry.seq is None or entry.seq < first_unread:
        return False
    if previous is None or previous.seq is None:
        return entry.seq == first_unread  # (else messages between may not be shown)
    return previous.seq < first_unread
