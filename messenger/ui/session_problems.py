"""The words for what happened to the session the user is in (its history reset,
its host unable to store), in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..client import SessionReset
from ..protocol.events import DAILY_QUOTA
from ..store import StoreProblem

# (context "ChatController": where these words were first translated)


def reset_text(kind: SessionReset, kept: bool) -> str:
    """What the user reads when another history answers for the session (``kept``:
    messages from before are kept aside). How many of theirs wait is the caller's
    sentence: lupdate reads plurals only from ``QObject.tr``."""
    if kind is SessionReset.NEW_HOST:
        text = QCoreApplication.translate(
            "ChatController", "Another host now answers for this session: its history starts anew."
        )
    else:
        text = QCoreApplication.translate(
            "ChatController",
            "This session's history was reset or restored from an older copy: "
            "the log shows it as the host has it now.",
        )
    if kept:
        text += " " + QCoreApplication.translate(
            "ChatController", "The messages from before are kept on this computer."
        )
    return text


def storage_text(problem: str) -> str:
    """What the user reads while the host cannot store (its ``problem`` code)."""
    if problem == DAILY_QUOTA:
        return QCoreApplication.translate(
            "ChatController",
            "You sent as much as the host takes from one device in a day: your messages "
            "wait and go out as the day's count goes down.",
        )
    if problem == StoreProblem.DISK_FULL.value:
        return QCoreApplication.translate(
            "ChatController",
            "The host's disk is full: your messages wait and go out when it has room.",
        )
    return QCoreApplication.translate(
        "ChatController",
        "The host cannot save messages now: your messages wait and go out once it can again.",
    )
