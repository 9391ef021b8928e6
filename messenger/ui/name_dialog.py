"""Asks for the display name at first start."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from ..protocol.limits import MAX_NAME_CHARS
from .input_dialogs import translate_input_buttons


class NameDialog(QInputDialog):
    """A non-blocking dialog (use ``open()``) asking how others will see you."""

    def __init__(self, default_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Messenger"))
        self.setLabelText(self.tr("Your name, as your colleagues will see it:"))
        self.setTextValue(default_name)
        self.setInputMode(QInputDialog.InputMode.TextInput)
        self.setTextEchoMode(QLineEdit.EchoMode.Normal)
        translate_input_buttons(self)
        line_edit = self.findChild(QLineEdit)
        if line_edit is not None:
            line_edit.setMaxLength(MAX_NAME_CHARS)

    def chosen_name(self, fallback: str) -> str:
        """The name typed, tidied; ``fallback`` when it is blank."""
        return " ".join(self.textValue().split()) or fallback
