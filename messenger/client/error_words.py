"""A host's refusal in the user's language.

An ``error`` frame's ``message`` is in the host's language, which need not be the
user's (an English host, a Vietnamese member). So the codes a person meets are worded
here, from the code alone (and ``retry_ms`` where it says when to try again); the
host's own message is shown only for a code this app does not know.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject

from ..protocol import Error

CONTEXT = "HostError"


class HostError(QObject):
    """The translation context of these words, for their plural: pyside6-lupdate sees
    a count (%n) only in ``self.tr`` (a ``QCoreApplication.translate`` with a count
    becomes a plain text, without the English forms)."""

    def wait_for_password_words(self, seconds: int) -> str:
        return self.tr(
            "Too many wrong passwords were tried from this device or network. Join "
            "again in %n second(s).",
            "",
            seconds,
        )


_MISUNDERSTOOD = QT_TRANSLATE_NOOP(
    "HostError",
    "The host did not understand this app ({code}). Update Messenger here or on the "
    "host, then connect again.",
)
_WORDS: dict[str, object] = {  # (QT_TRANSLATE_NOOP is typed as giving an object)
    "banned": QT_TRANSLATE_NOOP(
        "HostError", "The host's owner does not let this device into the session."
    ),
    "not_approved": QT_TRANSLATE_NOOP(
        "HostError",
        "The host's owner did not let you in (refused, or nobody answered in time). "
        "Ask them, then join again.",
    ),
    "approval_required": QT_TRANSLATE_NOOP(
        "HostError",
        "This session lets in only the devices its host's owner approves, and the host "
        "says this app cannot ask. Update Messenger, then join again.",
    ),
    "admission_changed": QT_TRANSLATE_NOOP(
        "HostError", "The session's host changed who may join: join again."
    ),
    "rate_limited": QT_TRANSLATE_NOOP(
        "HostError",
        "Too many wrong passwords were tried from this device or network. Wait a few "
        "minutes, then join again.",
    ),
    "unsupported_version": QT_TRANSLATE_NOOP(
        "HostError",
        "The host runs another version of Messenger that this app cannot talk to. "
        "Update Messenger here or on the host.",
    ),
    "hello_timeout": QT_TRANSLATE_NOOP(
        "HostError", "The host waited too long for this app to introduce itself."
    ),
    "idle_timeout": QT_TRANSLATE_NOOP(
        "HostError", "The host heard nothing from this app for a minute and closed the connection."
    ),
    "too_many_errors": QT_TRANSLATE_NOOP(
        "HostError",
        "The host closed the connection: this app sent it too many requests it could not take.",
    ),
    "frame_too_large": _MISUNDERSTOOD,
    "invalid_utf8": _MISUNDERSTOOD,
    "invalid_json": _MISUNDERSTOOD,
    "invalid_frame": _MISUNDERSTOOD,
    "hello_required": _MISUNDERSTOOD,
}


def error_words(error: Error) -> str:
    """What the host's ``error`` means for the user, in their language."""
    if error.code == "rate_limited" and error.retry_ms:
        return HostError().wait_for_password_words(math.ceil(error.retry_ms / 1000))
    if error.code == "storage_error":
        return QCoreApplication.translate(
            "HostError", "The host could not save the message: {reason}"
        ).format(reason=error.message)
    words = _WORDS.get(error.code)
    if words is None:
        return QCoreApplication.translate(
            "HostError", "The host reported a problem ({code}): {reason}"
        ).format(code=error.code, reason=error.message)
    return QCoreApplication.translate(CONTEXT, str(words)).format(code=error.code)
