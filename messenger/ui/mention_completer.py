"""Typing ``@`` in the compose box offers the names of the conversation's members;
choosing one puts ``@Name`` in the text. Names match without regard to case or
accents ("@bi" offers "Bình")."""

from __future__ import annotations

from PySide6.QtCore import QObject, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter

from ..core.folding import folded
from .compose_box import ComposeBox

MAX_PREFIX_CHARS = 64
MAX_OFFERED = 8


def mention_prefix(text: str) -> tuple[int, str] | None:
    """Where the ``@`` before the cursor is and what follows it, in ``text`` (the text
    before the cursor); None when the cursor is not in a mention being typed (an
    ``@`` at the start or after a space, on this line, not too far back)."""
    at = text.rfind("@")
    if at < 0 or (at > 0 and not text[at - 1].isspace()):
        return None
    prefix = text[at + 1 :]
    if "\n" in prefix or len(prefix) > MAX_PREFIX_CHARS or prefix.startswith(" "):
        return None
    return at, prefix


def offered(names: list[str], prefix: str) -> list[str]:
    """The names starting with ``prefix`` (or with a word of them starting so),
    without regard to case or accents, by name, at most MAX_OFFERED."""
    wanted = folded(prefix)
    matches = [
        name
        for name in names
        if folded(name).startswith(wanted)
        or any(word.startswith(wanted) for word in folded(name).split())
    ]
    return sorted(set(matches), key=lambda name: (folded(name), name))[:MAX_OFFERED]


class MentionCompleter(QObject):
    """Offers member names to ``box`` after an ``@``."""

    def __init__(self, box: ComposeBox) -> None:
        super().__init__(box)
        self.box = box
        self._names: list[str] = []
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setWidget(box)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.activated.connect(self.insert)
        popup = self.completer.popup()
        assert popup is not None  # (a completer always has its popup)
        self.popup = popup
        box.completion_popup = popup
        box.textChanged.connect(self._update)

    def set_names(self, names: list[str]) -> None:
        """The names of the conversation's members (the user's own left out)."""
        self._names = list(names)

    def _typed(self) -> tuple[int, str] | None:
        cursor = self.box.textCursor()
        block = cursor.block()
        before = block.text()[: cursor.positionInBlock()]
        found = mention_prefix(before)
        if found is None:
            return None
        return block.position() + found[0], found[1]

    def _update(self) -> None:
        typed = self._typed()
        names = offered(self._names, typed[1]) if typed is not None else []
        popup = self.popup
        if not names:
            popup.hide()
            return
        self._model.setStringList(names)
        rect = self.box.cursorRect()
        rect.setWidth(max(180, popup.sizeHintForColumn(0) + 24))
        self.completer.complete(rect)
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))

    def insert(self, name: str) -> None:
        """Replaces the ``@`` and what was typed after it with ``@name`` and a space."""
        typed = self._typed()
        if typed is None:
            return
        start, _prefix = typed
        cursor = self.box.textCursor()
        cursor.setPosition(start, cursor.MoveMode.KeepAnchor)
        cursor.insertText(f"@{name} ")
        self.box.setTextCursor(cursor)
        self.popup.hide()
