"""One line of the chat log, as the window shows it."""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import OutgoingMessage, StoredMessage

ANNOUNCEMENT = "announcement"
"""The ``kind`` of an announcement (``protocol.events.KIND_ANNOUNCEMENT``, written out:
the window's first paint does not load the protocol's events; a test checks it)."""


class EntryStatus(enum.Enum):
    """Whether the host has the message yet."""

    SENDING = "sending"
    SENT = "sent"
    HELD = "held"
    """Not sent: its session was reset; it waits for the user's choice."""
    KEPT = "kept"
    """Received before the session's history was reset: kept on this computer."""


@dataclass(frozen=True, slots=True)
class LogEntry:
    """A message in the log.

    Attributes:
        key: Unique per message: the id its sender's client chose.
        sender: Display name of the author.
        ts: Unix time in milliseconds.
        text: Plain text (never interpreted as markup).
        own: Written by this user: by this installation's identity (user id), whatever
            the name shown.
        seq: The room's sequence number; None until the host stored it.
        status: SENDING until the host's copy arrives.
        user: The author's user id ('' when not known: a message stored before hosts
            knew identities).
        announcement: An announcement to everyone (drawn as a banner).
    """

    key: str
    sender: str
    ts: int
    text: str
    own: bool
    seq: int | None = None
    status: EntryStatus = EntryStatus.SENT
    user: str = ""
    announcement: bool = False


def stored_entry(message: StoredMessage, me: str) -> LogEntry:
    """The log line of a message the host stored; ``me``: the user's user id ('' while
    not known: then nothing is the user's)."""
    return LogEntry(
        key=message.id,
        sender=message.sender,
        ts=message.ts,
        text=message.text,
        own=bool(me) and message.user == me,
        seq=message.seq,
        user=message.user,
        announcement=message.kind == ANNOUNCEMENT,
    )


def pending_entry(
    message: OutgoingMessage, you: str, status: EntryStatus = EntryStatus.SENDING
) -> LogEntry:
    """The log line of a message of the user's that the host has not acknowledged yet
    (``HELD``: nor will it be sent before the user says so)."""
    return LogEntry(
        key=message.id,
        sender=you,
        ts=message.ts,
        text=message.text,
        own=True,
        status=status,
        announcement=message.kind == ANNOUNCEMENT,
    )


def kept_entry(message: StoredMessage, me: str) -> LogEntry:
    """The line of a message from before the session's history was reset, in the
    pane of those (its seq is the old history's); ``me``: the user's user id."""
    return dataclasses.replace(stored_entry(message, me), status=EntryStatus.KEPT)
