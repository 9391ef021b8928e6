"""The list of a room's members: each with their avatar, the user marked "(you)" by
user id (not by name), their short id as a tooltip."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from .avatar import avatar_icon

if TYPE_CHECKING:
    from ..protocol import Member

AVATAR_SIZE = 24
MEMBER_ROLE = Qt.ItemDataRole.UserRole
"""Each item's (name, user id)."""


class MemberListWidget(QListWidget):
    """The members of the room shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberList")
        self.setIconSize(QSize(AVATAR_SIZE, AVATAR_SIZE))

    def show_members(self, members: tuple[Member, ...], me: str) -> None:
        """Lists ``members`` in their order; ``me``: the user's user id."""
        from ..core.identity import short_form  # (after the first paint: cryptography)

        self.clear()
        ratio = self.devicePixelRatioF()
        for member in members:
            user = member.user or ""
            shown = member.name
            if user and user == me:
                shown = self.tr("{name} (you)").format(name=member.name)
            item = QListWidgetItem(avatar_icon(member.name, user, AVATAR_SIZE, ratio), shown)
            if user:
                item.setToolTip(self.tr("Id: {id}").format(id=short_form(user)))
            item.setData(MEMBER_ROLE, (member.name, user))
            self.addItem(item)

    def member_at(self, row: int) -> tuple[str, str] | None:
        """(name, user id) of the member at ``row`` (None: no such row)."""
        item = self.item(row)
        value = item.data(MEMBER_ROLE) if item is not None else None
        return (str(value[0]), str(value[1])) if value else None
