"""A StoreError in a sentence for a person: what happened and what to do.

The sentences are English, for logs and the command line. Windows and the host's
error frames use their own translated wording (``host/store_errors.py``).
"""

from __future__ import annotations

from .sqlite_file import StoreError, StoreProblem

_SENTENCES: dict[StoreProblem, str] = {
    StoreProblem.DISK_FULL: (
        "The disk holding {path} is full, so messages cannot be saved. "
        "Free some space on it; saving works again without a restart."
    ),
    StoreProblem.DAMAGED: (
        "{path} is damaged or is not a Messenger history; it was left untouched. "
        "Move it aside to start with an empty history, or restore it from a backup."
    ),
    StoreProblem.IN_USE: (
        "Another Messenger host is already using {path}. "
        "Stop that host, or give this one another data folder (--data)."
    ),
    StoreProblem.NOT_WRITABLE: (
        "Messenger cannot write to {path}. Check that it is a folder you may write to, "
        "or choose another data folder (--data)."
    ),
    StoreProblem.OTHER: (
        "The history file {path} cannot be used ({detail}). "
        "Check the file and its folder, or choose another data folder (--data)."
    ),
}


def error_message(error: StoreError) -> str:
    """What went wrong with a store file and what to do about it, in one or two sentences."""
    return _SENTENCES[error.problem].format(path=error.path, detail=error.detail)


__all__ = ["StoreError", "StoreProblem", "error_message"]
