"""Store problems in words for people (the host's and the window's)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..store import StoreError, StoreProblem


def describe_store_error(error: StoreError, *, starting: bool = False) -> str:
    """What went wrong with the history and what to do, in the user's language;
    ``starting``: the host could not start because of it."""
    if starting and error.problem is StoreProblem.DISK_FULL:
        return QCoreApplication.translate(
            "HostService",
            "The disk holding {path} is full: the host cannot start. "
            "Free some space, then start it again.",
        ).format(path=error.path)
    texts: dict[StoreProblem, object] = {
        StoreProblem.DISK_FULL: QT_TRANSLATE_NOOP(
            "HostService",
            "The disk holding {path} is full: messages cannot be saved. "
            "Free some space; sending will work again.",
        ),
        StoreProblem.DAMAGED: QT_TRANSLATE_NOOP(
            "HostService",
            "The history file {path} is "
            "damaged. Move it aside to start with an empty history, or restore it from a backup.",
        ),
        StoreProblem.IN_USE: QT_TRANSLATE_NOOP(
            "HostService",
            "Another Messenger host is "
            "already using {path}. Stop it, or give this host another data folder (--data).",
        ),
        StoreProblem.NOT_WRITABLE: QT_TRANSLATE_NOOP(
            "HostService",
            "Cannot write to {path}. "
            "Check its permissions, or choose another data folder (--data).",
        ),
        StoreProblem.OTHER: QT_TRANSLATE_NOOP(
            "HostService",
            "The history file {path} cannot be used ({detail}). Check the file and its "
            "folder, or choose another data folder (--data).",
        ),
    }
    return QCoreApplication.translate("HostService", str(texts[error.problem])).format(
        path=error.path, detail=error.detail
    )


def describe_identity_error(error: StoreError) -> str:
    """What keeps this installation's identity from being used, and what to do."""
    if error.problem is StoreProblem.DAMAGED:
        text = QCoreApplication.translate(
            "HostService",
            "This computer's Messenger identity ({path}) is damaged. Restore identity.key "
            "and identity.crt from a backup, or move them aside to make a new identity "
            "(colleagues will then see this computer as a new device).",
        )
        return text.format(path=error.path)
    return describe_store_error(error)
