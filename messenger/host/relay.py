"""Members' messages from ``say`` to every screen: stored (one commit for all that
came in one turn of the event loop), then relayed to their rooms and acknowledged;
refused unstored when a limit holds them or the history cannot store them."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from ..protocol import Error, Say
from ..protocol.codec import encode_ack, encode_message
from ..store import HistoryStore, StoredMessage, StoreError
from .member_connection import MemberConnection
from .room_history import message_event
from .rooms import Rooms
from .say_limits import SayLimiter, SayLimits
from .storage_watch import StorageWatch

Pending = tuple[StoredMessage, bool, MemberConnection, str | None]
"""A message stored and not yet committed: is it new (not a repeat), who sent it,
the ``ref`` of its ``say`` (for the ack; as many as the messages of one turn)."""


class MessageRelay(QObject):
    """Stores, relays and acknowledges members' messages.

    Args:
        rooms: Who gets each room's messages.
        say_limits: How fast and how much a member may post (None: no limit).
        flush: The host's flush (presence first, then ``flush_messages``), called in
            the turn after a message was stored.
    """

    def __init__(
        self,
        rooms: Rooms,
        say_limits: SayLimits | None,
        flush: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store: HistoryStore | None = None
        """The history (while the host runs)."""
        self.pending: list[Pending] = []
        self._rooms = rooms
        self._limiter = SayLimiter(say_limits)
        self._storage = StorageWatch()
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(flush)

    def forget(self, member: MemberConnection) -> None:
        """``member``'s connection is gone."""
        self._limiter.forget(member)

    def flush_messages(self) -> None:
        """Commits the messages stored since the last flush, then relays and
        acknowledges them (each sender first)."""
        if not self.pending or self.store is None:
            return
        pending, self.pending = self.pending, []
        try:
            self.store.commit()
        except StoreError as error:
            self._refuse_uncommitted(pending, error)
            return
        self._storage.worked()
        self._deliver(pending)

    def _deliver(self, pending: list[Pending]) -> None:
        """Sends committed messages to their rooms and the acks to their senders:
        each message encoded once, everything due to one socket in one write."""
        frames_by_room: dict[str, list[bytes]] = {}
        acks: dict[MemberConnection, list[bytes]] = {}
        for message, is_new, sender, ref in pending:
            if is_new:
                frames_by_room.setdefault(message.room, []).append(
                    encode_message(message_event(message))
                )
            acks.setdefault(sender, []).append(
                encode_ack(message.id, message.seq, message.room, ref)
            )
        blocks = {room: b"".join(frames) for room, frames in frames_by_room.items()}
        # Senders first, so they can send more while the others are written to; each
        # gets its rooms' messages, then its acks (PROTOCOL.md: message before ack).
        for sender, sender_acks in acks.items():
            own = [block for room, block in blocks.items() if room in sender.rooms]
            sender.send_bytes(b"".join(own + sender_acks))
        for room, block in blocks.items():
            for member in self._rooms.members_of(room):
                if member not in acks:
                    member.send_bytes(block)

    def _refuse_uncommitted(self, pending: list[Pending], error: StoreError) -> None:
        """None of ``pending`` was stored: each sender is told, and refused what it
        sends next until it sends its first failed message again."""
        self._storage.failed(error, len(pending))
        first_failed: dict[MemberConnection, str] = {}
        for message, _is_new, sender, ref in pending:
            first_failed.setdefault(sender, message.id)
            sender.send_bytes(self._storage.error_frame(message.id, ref))
        for sender, message_id in first_failed.items():
            sender.failed_say = message_id

    def say(self, member: MemberConnection, say: Say) -> None:
        """Stores ``say`` (unless a limit or the storage refuses it); it is relayed
        and acknowledged at the next flush, with all that came in this turn."""
        if say.room not in member.rooms:
            text = f"join {say.room!r} before saying"
            member.send(Error(code="not_in_room", message=text, room=say.room, ref=say.ref))
            return
        assert self.store is not None
        if member.failed_say is not None:
            if say.id != member.failed_say:  # stored, it would overtake the failed one
                self._storage.refused_one()
                member.send_bytes(self._storage.error_frame(say.id, say.ref))
                return
            member.failed_say = None
        refusal = self._limiter.refusal(member, member.user_id, say)
        if refusal is not None and not self.is_repeat(member, say):
            member.send(refusal)
            return
        try:
            stored, is_new = self.store.append(
                say.room,
                member.name,
                member.client_id,
                say.id,
                say.text,
                _now_ms(),
                member.user_id,
                say.kind or "",
            )
        except StoreError as error:
            self._storage.failed(error)
            member.failed_say = say.id
            member.send_bytes(self._storage.error_frame(say.id, say.ref))
            return
        self.pending.append((stored, is_new, member, say.ref))
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def is_repeat(self, member: MemberConnection, say: Say) -> bool:
        """``say`` is stored already (sent again after a lost ack): it costs nothing
        to answer, and no limit holds it."""
        assert self.store is not None
        try:
            return self.store.find(say.room, member.client_id, say.id) is not None
        except StoreError:
            return False  # (refused for the rate: the storage trouble shows at the next)


def _now_ms() -> int:
    return time.time_ns() // 1_000_000
