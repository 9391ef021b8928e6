"""The small dialogs that ask for one line of text or one choice (an address, a room,
a topic, a person), with OK and Cancel in the app's language."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget

from .standard_buttons import Button, button_texts


def translate_input_buttons(dialog: QInputDialog) -> None:
    """``dialog``'s OK and Cancel in the app's language (Qt has no Vietnamese)."""
    texts = button_texts()
    dialog.setOkButtonText(texts[Button.Ok])
    dialog.setCancelButtonText(texts[Button.Cancel])


def input_dialog(parent: QWidget, object_name: str, title: str, label: str) -> QInputDialog:
    """A dialog asking ``label``, deleted once it is closed; connect its
    ``textValueSelected``, then ``open()`` it."""
    dialog = QInputDialog(parent)
    dialog.setObjectName(object_name)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    translate_input_buttons(dialog)
    dialog.finished.connect(dialog.deleteLater)
    return dialog
