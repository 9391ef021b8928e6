"""Asks the joining user for a session's password; and the password field that this
dialog and the host's settings share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

_PASSWORD_HINTS = (
    Qt.InputMethodHint.ImhSensitiveData
    | Qt.InputMethodHint.ImhNoAutoUppercase
    | Qt.InputMethodHint.ImhNoPredictiveText
)
"""What a password field tells input methods: sensitive, no predictions, no capitals;
but not "hidden text", on which some input methods stop composing (then a Vietnamese
password with marks could not be typed, or came out differently hidden and shown)."""


class PasswordEdit(QLineEdit):
    """A line edit for a password: hidden (dots) until ``set_shown(True)``; input
    methods keep working in it, so any Unicode password can be typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_shown(False)

    def set_shown(self, shown: bool) -> None:
        """Shows the password as text (True) or as dots (False)."""
        self.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.setInputMethodHints(_PASSWORD_HINTS)  # (setEchoMode set "hidden text")


def show_password_box(
    edit: PasswordEdit, text: str, object_name: str, parent: QWidget
) -> QCheckBox:
    """A check box labelled ``text`` (off) that shows ``edit``'s password while it is
    checked."""
    box = QCheckBox(text, parent)
    box.setObjectName(object_name)
    box.toggled.connect(edit.set_shown)
    return box


class PasswordDialog(QDialog):
    """A non-blocking dialog (use ``open()``) asking for the password of the session
    being joined, optionally after saying why the last one failed."""

    def __init__(self, session: str, error: str = "", parent: QWidget | None = None) -> None:
        """``session``: the session's name; ``error``: what went wrong with the password
        given before (e.g. "Wrong password. Try again."), or '' the first time."""
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.setWindowTitle(self.tr("Password needed"))
        layout = QVBoxLayout(self)
        layout.addWidget(self._prompt(session))
        self.error_label = self._error_label(error)
        layout.addWidget(self.error_label)
        self.password_edit = PasswordEdit(self)
        self.password_edit.setObjectName("joinPassword")
        layout.addWidget(self.password_edit)
        self.show_box = show_password_box(
            self.password_edit, self.tr("Show"), "showJoinPassword", self
        )
        layout.addWidget(self.show_box)
        self.remember_box = QCheckBox(self.tr("Remember for this session"), self)
        self.remember_box.setObjectName("rememberPassword")
        layout.addWidget(self.remember_box)
        self.buttons = self._buttons()
        layout.addWidget(self.buttons)
        self.password_edit.textChanged.connect(self._update_ok)
        self._update_ok()
        self.password_edit.setFocus()

    @property
    def ok_button(self) -> QPushButton:
        """The "Join" button."""
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def password(self) -> str:
        """The password typed, exactly as typed."""
        return self.password_edit.text()

    def remember(self) -> bool:
        """Whether the user asked to remember the password for this session."""
        return self.remember_box.isChecked()

    def _prompt(self, session: str) -> QLabel:
        """The question, naming the session (as plain text: a name is never markup)."""
        label = QLabel(
            self.tr("The session “{session}” asks for a password.").format(session=session), self
        )
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        return label

    def _error_label(self, error: str) -> QLabel:
        """Why the last password failed; hidden when ``error`` is ''."""
        label = QLabel(error, self)
        label.setObjectName("passwordError")
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setStyleSheet("#passwordError { color: #b00020; }")
        label.setVisible(bool(error))
        return label

    def _buttons(self) -> QDialogButtonBox:
        """Join and Cancel."""
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Join"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    def _update_ok(self) -> None:
        """Join is possible once something is typed."""
        self.ok_button.setEnabled(bool(self.password_edit.text()))
