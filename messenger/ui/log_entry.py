"""One line of the chat log, as the window shows it."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class EntryStatus(enum.Enum):
    """Whether the host has the message yet."""

    SENDING = "sending"
    SENT = "sent"


@dataclass(frozen=True, slots=True)
class LogEntry:
    """A message in the log.

    Attributes:
        key: Unique per message: the id its sender's client chose.
        sender: Display name of the author.
        ts: Unix time in milliseconds.
        text: Plain text (never interpreted as markup).
        own: Written by this user.
        seq: The room's sequence number; None until the host stored it.
        status: SENDING until the host's copy arrives.
    """

    key: str
    sender: str
    ts: int
    text: str
    own: bool
    seq: int | None = None
    status: EntryStatus = EntryStatus.SENT
