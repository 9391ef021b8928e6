"""The room's messages as a Qt list model: confirmed messages in seq order, then the
user's own messages still waiting for the host ("sending…")."""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import logging
import time
from collections.abc import Callable, Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)

from .log_entry import EntryStatus, LogEntry
from .log_layout import PLAIN, DayClock, RowLook, row_look

_Index = QModelIndex | QPersistentModelIndex
log = logging.getLogger(__name__)

MAX_ROWS = 200
"""Confirmed rows held at most (five pages of history; a screen shows about ten)."""
FLUSH_INTERVAL_S = 0.03
"""Queued entries are applied at most this often: in a busy room the view lays out its
rows some 30 times a second, not after every message."""
SIZES_LIMIT = 50_000
"""Most row sizes kept (by text); then they are measured again."""
LOOKS_LIMIT = 4_000
"""Most row looks kept (they are worked out again when their row is next asked)."""
Measure = Callable[[LogEntry], QSize]
Reshape = Callable[[QSize, RowLook], QSize]


def _newer(old: LogEntry, new: LogEntry) -> LogEntry:
    """Which of two copies of one message to keep: a confirmed copy (with a seq) is
    never replaced by an unconfirmed one, nor by one claiming another seq."""
    if old.seq is not None and new.seq != old.seq:
        return old
    return new


class MessageLogModel(QAbstractListModel):
    """Rows are the confirmed messages (sorted by seq, each key once), then the pending
    ones (no seq yet, in the order typed).

    ``add_entries`` queues; a single-shot timer applies the queue on the next turn of
    the event loop (or FLUSH_INTERVAL_S after the last time it did, if that is later)
    with one ``rowsInserted`` per block of new rows (``flush`` applies it at once).
    A message is shown once, by its key: a second
    copy replaces the first in place (``dataChanged``) — so a pending own message
    turns "sent" when the host's copy or its acknowledgement (``mark_sent``) arrives.
    Should the seq order want that row elsewhere, it moves (``rowsMoved``). Older
    messages are loaded on demand through ``canFetchMore``/``fetchMore`` (the view
    calls it at the top of the log).

    The model is a window onto the room: it holds at most ``max_rows`` confirmed
    rows (a view lays out every row again on each change, so the cost of a change
    must not grow with the room's history). Past that, rows go at the end away from
    the reader: the oldest while the view follows the newest messages (``follow_newest``)
    or reads downwards (``add_newer``); the newest when older ones come in on top, or
    when new messages arrive while the reader is up in the history. Then the newest
    messages are not shown (``has_newer``) and new confirmed ones are not added
    (they are in the session's cache): ``fetch_newer`` asks for them, page by page,
    when the view reaches the bottom (``add_newer`` answers), and once the newest is
    shown again new messages are appended as they come.

    Each row also has a look beside the row above it (``look``, Role.Look: a day
    line, the "New messages" line of ``set_first_unread``, compact in a group, a
    mention of ``set_me``'s name; ``log_layout``), kept with the two entries it was
    worked out from: a row whose neighbour changed gets its new look, and size, the
    next time it is asked, and no other row is worked out again.

    Signals:
        older_requested(int): ``fetchMore`` wants messages with seq below this one;
            answer with ``add_older`` (an empty list means there are none).
        newer_requested(int): ``fetch_newer`` wants messages with seq above this one;
            answer with ``add_newer``.
        newest_requested(): ``show_newest`` wants the log to start again from the
            newest messages (``clear``, then ``add_entries``).
        unseen_changed(int): how many messages from others arrived (``add_arrived``)
            since the reader stopped following the newest (told when they are
            applied, at most once a flush); 0 again, at once, when the reader follows.
    """

    older_requested = Signal(int)
    newer_requested = Signal(int)
    newest_requested = Signal()
    unseen_changed = Signal(int)

    class Role(IntEnum):
        """Data roles beyond Qt's own."""

        Sender = Qt.ItemDataRole.UserRole + 1
        Text = Qt.ItemDataRole.UserRole + 2
        Timestamp = Qt.ItemDataRole.UserRole + 3
        Own = Qt.ItemDataRole.UserRole + 4
        Seq = Qt.ItemDataRole.UserRole + 5
        Status = Qt.ItemDataRole.UserRole + 6
        Key = Qt.ItemDataRole.UserRole + 7
        Entry = Qt.ItemDataRole.UserRole + 8
        Look = Qt.ItemDataRole.UserRole + 9
        """The RowLook: lines above the row, compact or not, mention (``look``)."""

    def __init__(self, parent: QObject | None = None, max_rows: int = MAX_ROWS) -> None:
        super().__init__(parent)
        self.max_rows = max_rows
        self._confirmed: list[LogEntry] = []
        self._seqs: list[int] = []  # the seqs of _confirmed, for bisect
        self._pending: list[LogEntry] = []
        self._rows: dict[str, int] = {}  # key -> its row's position, for every row
        self._base = 0
        """The position ``_rows`` gives row 0 (a row is its position less this): rows
        trimmed at the top or put above move it, rather than renumber every row (a
        full log of a busy room trims at each arrival)."""
        self._queue: dict[str, LogEntry] = {}
        self._fetching = False
        self._older_exhausted = False
        self.older_wanted = False
        """Set by the view while the top of the log is in sight. Views fetch more when
        their *last* row shows; for a chat log, older rows belong at the top."""
        self._follow_newest = True
        self.reading_at: tuple[str, int] | None = None
        """Where the reader was when a view last stopped showing this log: the key of
        the first row in sight and its top (None: at the newest). The view puts it
        back when it shows the log again."""
        self._unseen = 0
        self._unseen_told = 0  # the count unseen_changed last gave (it waits for a flush)
        self._newer_after: int | None = None  # newer messages than this seq are not shown
        self._fetching_newer = False
        self._flushed_at = 0.0
        self._measure: Measure | None = None
        self._reshape: Reshape | None = None
        self._sizes: dict[str, QSize] = {}  # text -> size of its plain row (PLAIN look)
        self._shaped: dict[tuple[str, int], QSize] = {}  # (text, look kind) -> size
        self._looks: dict[str, tuple[LogEntry, LogEntry | None, int, RowLook]] = {}
        self._looks_version = 0  # raised when first_unread or me change every look
        # key -> (entry, entry above, _sizes_version, size): a layout's fast path
        self._row_sizes: dict[str, tuple[LogEntry, LogEntry | None, int, QSize]] = {}
        self._sizes_version = 0  # raised when sizes or looks change (not by set_me)
        self._days = DayClock()
        self._first_unread: int | None = None
        self._me = ""
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self.flush)

    # -- Qt model API ----------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._confirmed) + len(self._pending)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()  # -1 for an invalid index
        confirmed = len(self._confirmed)
        if 0 <= row < confirmed:
            entry = self._confirmed[row]
        elif confirmed <= row < confirmed + len(self._pending) and index.isValid():
            entry = self._pending[row - confirmed]
        else:
            return None
        if role == _SIZE_ROLE:  # the view's, on every row at each layout: first
            if row == 0:
                previous = None
            elif row <= confirmed:
                previous = self._confirmed[row - 1]
            else:
                previous = self._pending[row - 1 - confirmed]
            kept = self._row_sizes.get(entry.key)
            if (
                kept is not None
                and kept[0] is entry
                and kept[1] is previous
                and kept[2] == self._sizes_version
            ):
                return kept[3]
            return self._size_at(row, entry)
        if role == _ENTRY_ROLE:
            return entry
        if role == _LOOK_ROLE:
            return self._look(row, entry)
        if role in (Qt.ItemDataRole.DisplayRole, self.Role.Text):
            return entry.text
        if role == Qt.ItemDataRole.ToolTipRole:
            moment = QDateTime.fromMSecsSinceEpoch(entry.ts)
            return QLocale().toString(moment, QLocale.FormatType.LongFormat)
        if role == self.Role.Sender:
            return entry.sender
        if role == self.Role.Timestamp:
            return entry.ts
        if role == self.Role.Own:
            return entry.own
        if role == self.Role.Seq:
            return entry.seq
        if role == self.Role.Status:
            return entry.status.value
        if role == self.Role.Key:
            return entry.key
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        for role in self.Role:
            names[role.value] = QByteArray(role.name.lower().encode())
        return names

    def canFetchMore(self, parent: _Index) -> bool:
        if parent.isValid() or self._fetching or self._older_exhausted or not self.older_wanted:
            return False
        return bool(self._seqs) and self._seqs[0] > 1

    def fetchMore(self, parent: _Index) -> None:
        if self.canFetchMore(parent):
            self._fetching = True
            self.older_requested.emit(self._seqs[0])

    @property
    def follow_newest(self) -> bool:
        """Set by the view: True while it keeps the newest message in sight (which
        counts every unseen message as seen)."""
        return self._follow_newest

    @follow_newest.setter
    def follow_newest(self, following: bool) -> None:
        self._follow_newest = following
        if following:
            self._set_unseen(0)

    @property
    def unseen(self) -> int:
        """Messages from others that arrived while the reader was not following."""
        return self._unseen

    def has_newer(self) -> bool:
        """True when messages newer than the last confirmed row shown are not shown."""
        return self._newer_after is not None

    def canFetchNewer(self) -> bool:
        """True when ``fetch_newer`` would ask for something."""
        return self._newer_after is not None and not self._fetching_newer

    def fetch_newer(self) -> None:
        """Asks for the messages after the newest one shown (``newer_requested``)."""
        if self._newer_after is not None and not self._fetching_newer:
            self._fetching_newer = True
            self.newer_requested.emit(self._newer_after)

    def show_newest(self) -> None:
        """Jumps to the newest messages: at once if shown, else through
        ``newest_requested`` (rather than page by page)."""
        self.follow_newest = True
        if self._newer_after is not None:
            self.newest_requested.emit()

    # -- ours ------------------------------------------------------------------

    def set_measure(self, measure: Measure | None, reshape: Reshape | None = None) -> None:
        """Rows' sizes (Qt.SizeHintRole) come from ``measure`` (the view's delegate, for
        its width and font), asked once per text and kept until ``forget_sizes``. A view
        asks every row's size at each layout: served from here, that is one cheap call
        per row.

        ``measure`` gives the size of a row with the PLAIN look (its header, no line
        above it); ``reshape`` turns that into the size for another look (arithmetic:
        no text is laid out again), kept by (text, ``RowLook.kind``). A row's look
        depends on the row above it, so a row whose neighbour changed gets its new
        size when next asked, and only those rows are reshaped."""
        self._measure = measure
        self._reshape = reshape
        self.forget_sizes()

    def has_measure(self) -> bool:
        """Whether a view measures the rows (``set_measure``)."""
        return self._measure is not None

    def forget_sizes(self) -> None:
        """The sizes are stale (the view's width or font changed)."""
        self._sizes.clear()
        self._shaped.clear()
        self._row_sizes.clear()
        self._sizes_version += 1

    def _size(self, entry: LogEntry) -> QSize | None:
        size = self._sizes.get(entry.text)
        if size is None and self._measure is not None:
            if len(self._sizes) >= SIZES_LIMIT:
                self._sizes.clear()
            size = self._sizes[entry.text] = self._measure(entry)
        return size

    def _size_at(self, row: int, entry: LogEntry) -> QSize | None:
        """The size of ``entry``'s row at ``row``, for its look there (kept for the row
        with its entry and the entry above it, for ``data``'s fast path)."""
        size = self._size(entry)
        if size is None:
            return None
        look = self._look(row, entry)
        if look.kind and self._reshape is not None:
            key = (entry.text, look.kind)
            shaped = self._shaped.get(key)
            if shaped is None:
                if len(self._shaped) >= SIZES_LIMIT:
                    self._shaped.clear()
                shaped = self._shaped[key] = self._reshape(size, look)
            size = shaped
        if len(self._row_sizes) >= max(LOOKS_LIMIT, 4 * self.max_rows):
            self._row_sizes.clear()
        previous = self.entry(row - 1) if row > 0 else None
        self._row_sizes[entry.key] = (entry, previous, self._sizes_version, size)
        return size

    # -- looks -------------------------------------------------------------------

    def look(self, row: int) -> RowLook:
        """How the row ``row`` is drawn beside the row above it (PLAIN outside)."""
        if not 0 <= row < self.rowCount():
            return PLAIN
        return self._look(row, self.entry(row))

    def _look(self, row: int, entry: LogEntry) -> RowLook:
        """The look of ``entry`` at ``row``: kept while the entry, the row above it (the
        same objects: a new copy is a new object) and first_unread and me are."""
        previous: LogEntry | None = None
        if row > 0:
            confirmed = len(self._confirmed)
            above = row - 1
            previous = (
                self._confirmed[above] if above < confirmed else self._pending[above - confirmed]
            )
        kept = self._looks.get(entry.key)
        if (
            kept is not None
            and kept[0] is entry
            and kept[1] is previous
            and kept[2] == self._looks_version
        ):
            return kept[3]
        look = row_look(previous, entry, self._days, self._first_unread, self._me)
        if len(self._looks) >= max(LOOKS_LIMIT, 4 * self.max_rows):
            self._looks.clear()
        self._looks[entry.key] = (entry, previous, self._looks_version, look)
        return look

    def _forget_look(self, key: str) -> None:
        """Row ``key`` is gone: its look and size are no longer kept (nor its entry)."""
        self._looks.pop(key, None)
        self._row_sizes.pop(key, None)

    @property
    def first_unread(self) -> int | None:
        """The seq of the first unread message (``set_first_unread``)."""
        return self._first_unread

    def set_first_unread(self, seq: int | None) -> None:
        """Draws a "New messages" line above the first row whose seq is at least
        ``seq`` (the first after the read marker); None removes it.

        The rows stay the same; their heights change (``layoutChanged``: a view keeps
        the row in sight in place)."""
        if seq == self._first_unread:
            return
        self.layoutAboutToBeChanged.emit()
        self._first_unread = seq
        self._looks_version += 1
        self._sizes_version += 1
        self.layoutChanged.emit()

    @property
    def me(self) -> str:
        """The user's name, whose mentions are highlighted (``set_me``)."""
        return self._me

    def set_me(self, name: str) -> None:
        """The user's display name: rows of others that mention it (``@name``,
        core.mentions) are drawn highlighted. '' for none."""
        if name == self._me:
            return
        self._me = name
        self._looks_version += 1
        rows = self.rowCount()
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, 0))

    def entry(self, row: int) -> LogEntry:
        """The entry at ``row`` (raises IndexError outside 0..rowCount()-1)."""
        if row < 0:
            raise IndexError(row)
        confirmed = len(self._confirmed)
        return self._confirmed[row] if row < confirmed else self._pending[row - confirmed]

    def row_of(self, key: str) -> int | None:
        """The row of message ``key``, if shown (queued entries are not shown yet)."""
        position = self._rows.get(key)
        return None if position is None else position - self._base

    def add_entries(self, entries: Iterable[LogEntry]) -> None:
        """Queues ``entries``; they appear on the next turn of the event loop.

        Those that will be shown are measured now, as they arrive, a few per turn,
        rather than all in the layout after the next flush (a busy room's stall)."""
        measure_now = self._measure is not None and self._newer_after is None
        for entry in entries:
            queued = self._queue.get(entry.key)
            self._queue[entry.key] = entry if queued is None else _newer(queued, entry)
            if measure_now:
                self._size(entry)
        if self._queue and not self._flush_timer.isActive():
            wait = self._flushed_at + FLUSH_INTERVAL_S - time.monotonic()
            self._flush_timer.start(max(0, round(wait * 1000)))

    def add_arrived(self, entries: Iterable[LogEntry]) -> None:
        """Like ``add_entries``, for messages that just arrived from the host: those
        from others count as unseen while the reader is not following (``unseen``)."""
        entries = list(entries)
        self.add_entries(entries)
        if not self._follow_newest:
            self._unseen += sum(1 for e in entries if not e.own and e.seq is not None)

    def add_older(self, entries: Iterable[LogEntry]) -> None:
        """Answers ``older_requested``: older confirmed entries, put at the top."""
        self.flush()
        self._fetching = False
        self.older_wanted = False
        older = [e for e in entries if e.seq is not None and e.key not in self._rows]
        if not older:
            self._older_exhausted = True
            return
        self._insert_confirmed(older)
        self._trim(keep_newest=False)

    def add_newer(self, entries: Iterable[LogEntry], up_to_date: bool) -> None:
        """Answers ``newer_requested``: the next confirmed entries, put at the bottom.

        ``up_to_date``: nothing newer is known; new messages are appended again."""
        self.flush()
        self._fetching_newer = False
        after = self._newer_after
        if after is None:
            return  # cleared meanwhile
        newer = [e for e in entries if e.seq is not None and e.seq > after]
        self._newer_after = None if up_to_date or not newer else max(e.seq or 0 for e in newer)
        self._insert_confirmed(newer)
        self._trim(keep_newest=True)

    def flush(self) -> None:
        """Applies the queue now (tests call it; so does anything about to read rows)."""
        self._flush_timer.stop()
        if self._unseen != self._unseen_told:
            self._set_unseen(self._unseen)
        if not self._queue:
            return
        self._flushed_at = time.monotonic()
        queue, self._queue = self._queue, {}
        new_pending: list[LogEntry] = []
        new_confirmed: list[LogEntry] = []
        for entry in queue.values():
            row = self.row_of(entry.key)
            if row is not None:
                self._update(row, entry)
            elif entry.seq is None:
                new_pending.append(entry)
            elif self._newer_after is None or entry.seq <= self._newer_after:
                new_confirmed.append(entry)
            # else: newer than what is shown, and not next to it (fetch_newer finds it)
        self._insert_confirmed(new_confirmed)
        self._trim(keep_newest=self.follow_newest)
        if new_pending:
            first = self.rowCount()
            self.beginInsertRows(QModelIndex(), first, first + len(new_pending) - 1)
            self._pending.extend(new_pending)
            for row, entry in enumerate(new_pending, first + self._base):
                self._rows[entry.key] = row
            self.endInsertRows()

    def mark_sent(self, key: str, seq: int) -> None:
        """The host stored the pending message ``key`` as ``seq``: its row turns
        "sent" (``dataChanged``). Nothing happens for a key not shown or confirmed."""
        self.flush()
        row = self.row_of(key)
        if row is None or row < len(self._confirmed):
            return
        old = self.entry(row)
        self._update(row, dataclasses.replace(old, seq=seq, status=EntryStatus.SENT))

    def remove_pending(self, keys: Iterable[str]) -> None:
        """Removes the pending rows of ``keys`` (messages the user discarded)."""
        self.flush()
        for key in keys:
            row = self.row_of(key)
            if row is None or row < len(self._confirmed):
                continue
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._pending[row - len(self._confirmed)]
            del self._rows[key]
            self._forget_look(key)
            self.endRemoveRows()
            self._reindex(row)

    def clear(self) -> None:
        """Removes every message (and drops the queue)."""
        self._flush_timer.stop()
        self._queue.clear()
        self.beginResetModel()
        self._confirmed.clear()
        self._seqs.clear()
        self._pending.clear()
        self._rows.clear()
        self._base = 0
        self._looks.clear()
        self._row_sizes.clear()
        self._fetching = False
        self._older_exhausted = False
        self._newer_after = None
        self._fetching_newer = False
        self.endResetModel()
        self._set_unseen(0)

    # -- internals -------------------------------------------------------------

    def _reindex(self, first: int, last: int | None = None) -> None:
        """Refreshes ``_rows`` for rows ``first``..``last`` (default: to the end)."""
        end = self.rowCount() if last is None else last + 1
        entries = itertools.islice(itertools.chain(self._confirmed, self._pending), first, end)
        positions = range(first + self._base, end + self._base)
        self._rows.update(zip([e.key for e in entries], positions, strict=True))

    def _changed(self, row: int) -> None:
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def _update(self, row: int, new: LogEntry) -> None:
        """A new copy of the message shown at ``row``."""
        old = self.entry(row)
        confirmed = len(self._confirmed)
        if row < confirmed:
            kept = _newer(old, new)
            if kept != old:
                self._confirmed[row] = kept
                self._changed(row)
            return
        if new.seq is None:
            if new != old:
                self._pending[row - confirmed] = new
                self._changed(row)
            return
        seq = new.seq
        target = bisect.bisect_left(self._seqs, seq)
        if target < confirmed and self._seqs[target] == seq:
            # Another message holds that seq: the host's history and ours disagree.
            log.debug("seq %d is shown already; dropping pending %s", seq, new.key)
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._pending[row - confirmed]
            del self._rows[new.key]
            self._forget_look(new.key)
            self.endRemoveRows()
            self._reindex(row)
            return
        if target == row:  # the first pending row, and its seq is the newest: stays put
            del self._pending[0]
            self._confirmed.append(new)
            self._seqs.append(seq)
            self._changed(row)
            return
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target)
        del self._pending[row - confirmed]
        self._confirmed.insert(target, new)
        self._seqs.insert(target, seq)
        self.endMoveRows()
        self._reindex(target, row)
        self._changed(target)

    def _insert_confirmed(self, entries: list[LogEntry]) -> None:
        """Inserts new confirmed entries where their seqs go: one insert per run of
        consecutive new rows (one in all when they are newer than every row shown)."""
        fresh: dict[int, LogEntry] = {}
        keys: set[str] = set()
        for entry in entries:
            seq = entry.seq
            if seq is None or seq in fresh or entry.key in keys or entry.key in self._rows:
                continue
            at = bisect.bisect_left(self._seqs, seq)
            if at < len(self._seqs) and self._seqs[at] == seq:
                continue  # that seq is shown already
            fresh[seq] = entry
            keys.add(entry.key)
        ordered = sorted(fresh)
        while ordered:
            position = bisect.bisect_left(self._seqs, ordered[0])
            limit = self._seqs[position] if position < len(self._seqs) else None
            run = 1  # the longest run of new seqs that goes in at this position
            while run < len(ordered) and (limit is None or ordered[run] < limit):
                run += 1
            block, ordered = ordered[:run], ordered[run:]
            self.beginInsertRows(QModelIndex(), position, position + run - 1)
            self._confirmed[position:position] = [fresh[seq] for seq in block]
            self._seqs[position:position] = block
            if position == 0:  # (above every row: the others keep their positions)
                self._base -= run
                self._reindex(0, run - 1)
            else:
                self._reindex(position)
            self.endInsertRows()

    def _set_unseen(self, count: int) -> None:
        self._unseen = count
        if count != self._unseen_told:
            self._unseen_told = count
            self.unseen_changed.emit(count)

    def _trim(self, keep_newest: bool) -> None:
        """Drops confirmed rows beyond ``max_rows``: the oldest if ``keep_newest``, else
        the newest (which then have to be fetched again: ``has_newer``)."""
        excess = len(self._confirmed) - self.max_rows
        if excess <= 0:
            return
        if keep_newest:
            first, last = 0, excess - 1
        else:
            first, last = self.max_rows, len(self._confirmed) - 1
        self.beginRemoveRows(QModelIndex(), first, last)
        for entry in self._confirmed[first : last + 1]:
            del self._rows[entry.key]
            self._forget_look(entry.key)
        del self._confirmed[first : last + 1]
        del self._seqs[first : last + 1]
        if keep_newest:  # (the rows left keep their positions: row 0 is further on)
            self._older_exhausted = False
            self._base += excess
        else:
            self._newer_after = self._seqs[-1]
            self._reindex(first)  # (the pending rows after them)
        self.endRemoveRows()


_ENTRY_ROLE = int(MessageLogModel.Role.Entry)
_SIZE_ROLE = int(Qt.ItemDataRole.SizeHintRole)
_LOOK_ROLE = int(MessageLogModel.Role.Look)
