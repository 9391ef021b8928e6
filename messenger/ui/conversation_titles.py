"""What a conversation is called in the sidebar: a room by its name; a direct
conversation by the other person's name (as the session last showed it), or their
short id until a name is known."""

from __future__ import annotations

from ..core.room_names import direct_members


class ConversationTitles:
    """The names people go by, by user id, and the titles they give conversations."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}

    def learn(self, user: str | None, name: str) -> bool:
        """``user`` goes by ``name`` now; whether that is news."""
        if not user or self._names.get(user) == name:
            return False
        self._names[user] = name
        return True

    def people(self, me: str) -> list[tuple[str, str]]:
        """(name, user id) of everyone seen in the session but ``me``, by name."""
        known = [(name, user) for user, name in self._names.items() if user != me]
        return sorted(known, key=lambda person: (person[0].casefold(), person[1]))

    def other(self, room: str, me: str) -> str | None:
        """The user id of the other person of direct room ``room`` (None: not a
        direct room of ``me``)."""
        members = direct_members(room)
        if members is None or me not in members:
            return None
        return members[1] if members[0] == me else members[0]

    def title(self, room: str, me: str) -> tuple[str, bool]:
        """``room``'s title for ``me`` (a user id), and whether it is direct."""
        other = self.other(room, me)
        if other is None:
            return room, False
        from ..core.identity import short_form  # (after the first paint: cryptography)

        return self._names.get(other) or short_form(other), True
