"""Who may post announcements (``say`` with ``kind`` ``announcement``): the host's
owners, or everyone, by the host's setting; and the refusal of those who may not."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.room_names import GENERAL_ROOM
from ..protocol import Error, Say
from ..protocol.events import FORBIDDEN, KIND_ANNOUNCEMENT, MESSAGE_KINDS, PERMISSION_ANNOUNCE

ANNOUNCE_OWNER = "owner"
"""Only the host's owners announce: its own identity (the window that hosts), and
the user ids the host was given (``messenger host --owner``)."""
ANNOUNCE_EVERYONE = "everyone"
"""Every member may announce."""
ANNOUNCE_MODES = (ANNOUNCE_OWNER, ANNOUNCE_EVERYONE)
NOT_AN_OWNER = "only the host's owner may announce to everyone here"
ONLY_IN_GENERAL = f"announcements go to {GENERAL_ROOM!r}, where everyone is"


class AnnouncePolicy:
    """Decides who may announce.

    Args:
        mode: ANNOUNCE_OWNER or ANNOUNCE_EVERYONE.
        owners: The owners' user ids (the host's own fingerprint among them).

    Raises:
        ValueError: an unknown mode.
    """

    def __init__(self, mode: str, owners: Iterable[str]) -> None:
        self.owners = frozenset(owner for owner in owners if owner)
        self.mode = ANNOUNCE_OWNER
        self.set_mode(mode)

    def set_mode(self, mode: str) -> None:
        """Who may announce from now on.

        Raises:
            ValueError: an unknown mode.
        """
        if mode not in ANNOUNCE_MODES:
            raise ValueError(f"announcements: {mode!r} is not one of {ANNOUNCE_MODES}")
        self.mode = mode

    def may_announce(self, user: str) -> bool:
        """Whether identity ``user`` may announce ('' : a member without identity, who
        may only when everyone may)."""
        return self.mode == ANNOUNCE_EVERYONE or user in self.owners

    def permissions(self, user: str) -> tuple[str, ...]:
        """What ``user``'s welcome says it may do (``welcome.permissions``)."""
        return (PERMISSION_ANNOUNCE,) if self.may_announce(user) else ()

    def refusal(self, user: str, say: Say) -> Error | None:
        """The error that refuses ``say`` of ``user`` for its kind (None: an ordinary
        message, or an announcement ``user`` may post to ``general``)."""
        if say.kind is None:
            return None
        if say.kind not in MESSAGE_KINDS:
            text = f"no message is of kind {say.kind[:40]!r} here"
            return Error(code="bad_frame", message=text, id=say.id, ref=say.ref)
        assert say.kind == KIND_ANNOUNCEMENT
        if say.room != GENERAL_ROOM:
            text = ONLY_IN_GENERAL
        elif not self.may_announce(user):
            text = NOT_AN_OWNER
        else:
            return None
        return Error(code=FORBIDDEN, message=text, id=say.id, room=say.room, ref=say.ref)
