"""What one conversation shows: its messages fed into its own log model, the model's
requests for older and newer ones answered from the conversation, and how many
arrived while nobody was reading it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..core.mentions import mentions
from .client_cache import SHOWN_AT_START, show_room
from .log_entry import ANNOUNCEMENT, pending_entry, stored_entry
from .message_log_model import MessageLogModel
from .notification_policy import counts_as_mention

if TYPE_CHECKING:
    from ..client import Conversation
    from ..store import OutgoingMessage, StoredMessage
    from .log_entry import LogEntry


class ConversationFeed(QObject):
    """Keeps ``model`` showing ``conversation``: arrivals in batches, the user's
    messages as they are typed and acknowledged, older ones lazily (the model asks).

    Args:
        conversation: The conversation shown.
        model: Its log model (the feed does not own it).
        me: The user's (user id, name there) when asked: both change with the session.
        direct: Whether the conversation is between the user and one other person.

    Signals:
        unread_changed(): ``unread`` or ``mentioned`` changed.
        arrived_unread(object, bool): a StoredMessage arrived while nobody read the
            conversation; whether it mentions the user (an announcement does).
    """

    unread_changed = Signal()
    arrived_unread = Signal(object, bool)

    def __init__(
        self,
        conversation: Conversation,
        model: MessageLogModel,
        me: Callable[[], tuple[str, str]],
        parent: QObject | None = None,
        *,
        direct: bool = False,
    ) -> None:
        super().__init__(parent)
        self.direct = direct
        self.conversation = conversation
        self.model = model
        self._me = me
        self.unread = 0
        """Messages from others that arrived while the user was not reading here."""
        self.mentioned = False
        """Whether one of them mentions the user."""
        self.reading = False
        """Whether the user reads this conversation now (shown, in the active window)."""
        self._newest = 0  # the newest seq known
        self._counted_up_to = 0  # arrivals up to this seq are in ``unread`` already
        self._first_unread: int | None = None  # the seq of the first unread message
        self._stale = bool(conversation.host_id)  # the cache holds what the model lacks
        c, m = conversation, model
        c.state_changed.connect(self._take_state)
        c.host_changed.connect(lambda _host: self.show_latest())
        c.message_received.connect(self._arrived)
        c.message_queued.connect(lambda message: m.add_entries([self._pending(message)]))
        c.message_acked.connect(m.mark_sent)
        c.message_refused.connect(lambda message: m.remove_pending([message.id]))
        c.older_loaded.connect(lambda messages: m.add_older(self._entry(x) for x in messages))
        m.older_requested.connect(c.load_older)
        c.newer_loaded.connect(
            lambda messages, up_to_date: m.add_newer((self._entry(x) for x in messages), up_to_date)
        )
        m.newer_requested.connect(c.load_newer)
        m.newest_requested.connect(self.show_latest)
        c.held_released.connect(lambda held: m.add_entries(self._pending(x) for x in held))
        c.held_discarded.connect(m.remove_pending)
        if conversation.state is not None:  # (opened by a welcome, which gave it)
            self._take_state()

    def show(self) -> None:
        """The conversation is shown: a log opened before its host changed (one the
        host's welcome opened) starts from the newest cached messages now."""
        if self._stale:
            self.show_latest()

    @property
    def room(self) -> str:
        """The room shown."""
        return self.conversation.room

    def set_reading(self, reading: bool) -> None:
        """The user reads this conversation now (or no longer): what arrived is read."""
        self.reading = reading
        if not reading:
            return
        if self._newest:
            self.conversation.mark_read(self._newest)
        self.model.set_first_unread(self._first_unread if self.unread else None)
        self._first_unread = None
        if self.unread or self.mentioned:
            self.unread, self.mentioned = 0, False
            self.unread_changed.emit()

    def _take_state(self) -> None:
        """The host said how far the user has read (on another run, or device). Only
        what arrived is marked read, not what the host holds beyond it (the join
        that fetches it starts after the read marker)."""
        state = self.conversation.state
        if state is None:
            return
        self._counted_up_to = state.last_seq
        if self.reading:
            self.set_reading(True)
        elif (unread := max(0, state.last_seq - state.read)) != self.unread:
            self.unread = unread
            self._first_unread = state.read + 1 if unread else None
            self.unread_changed.emit()

    def _arrived(self, message: StoredMessage) -> None:
        entry = self._entry(message)
        self.model.add_arrived([entry])
        self._newest = max(self._newest, message.seq)
        if self.reading:
            self.conversation.mark_read(self._newest)
            return
        if entry.own or message.seq <= self._counted_up_to:
            return
        self.unread += 1
        if self._first_unread is None:
            self._first_unread = message.seq
        mentioned = counts_as_mention(
            mentions(message.text, self._me()[1]), message.kind == ANNOUNCEMENT
        )
        self.mentioned = self.mentioned or mentioned
        self.unread_changed.emit()
        self.arrived_unread.emit(message, mentioned)

    def show_latest(self) -> None:
        """The log starts again from the newest cached messages, then the pending ones."""
        self._stale = False
        conversation = self.conversation
        newest = conversation.cached_latest(SHOWN_AT_START)
        user_id, you = self._me()
        show_room(self.model, newest, conversation.pending(), you, user_id, conversation.held())

    def _entry(self, message: StoredMessage) -> LogEntry:
        return stored_entry(message, self._me()[0])

    def _pending(self, message: OutgoingMessage) -> LogEntry:
        return pending_entry(message, self._me()[1])
