"""Qt's standard buttons (OK, Cancel, Close, Yes, No, ...) in the app's language.

Qt's own catalogue (qtbase_*.qm) has no Vietnamese, neither in PySide6's wheel nor in
Debian's qt6-translations-l10n: without this, a dialog in Vietnamese shows "OK" and
"Cancel" in English. ``translate_buttons`` gives each standard button a text of ours.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

Button = QDialogButtonBox.StandardButton


def button_texts() -> dict[Button, str]:
    """The standard buttons' texts in the app's language now (& marks the access key)."""
    return {
        Button.Ok: QCoreApplication.translate("StandardButtons", "OK"),
        Button.Cancel: QCoreApplication.translate("StandardButtons", "Cancel"),
        Button.Close: QCoreApplication.translate("StandardButtons", "Close"),
        Button.Yes: QCoreApplication.translate("StandardButtons", "&Yes"),
        Button.No: QCoreApplication.translate("StandardButtons", "&No"),
        Button.Save: QCoreApplication.translate("StandardButtons", "Save"),
        Button.Discard: QCoreApplication.translate("StandardButtons", "Discard"),
        Button.Apply: QCoreApplication.translate("StandardButtons", "Apply"),
        Button.Help: QCoreApplication.translate("StandardButtons", "Help"),
        Button.Retry: QCoreApplication.translate("StandardButtons", "Retry"),
        Button.Ignore: QCoreApplication.translate("StandardButtons", "Ignore"),
        Button.Abort: QCoreApplication.translate("StandardButtons", "Abort"),
    }


def translate_buttons(box: QDialogButtonBox | QMessageBox) -> None:
    """Sets the text of each standard button of ``box`` (a dialog's button box or a
    message box) in the app's language; call it once its buttons are added."""
    texts = button_texts()
    for button in box.buttons():
        kind = Button(box.standardButton(button).value)  # (QMessageBox has its own enum)
        text = texts.get(kind)
        if text is not None:
            button.setText(text)
