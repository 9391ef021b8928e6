"""The host's choice of who may join its session: anyone, devices its owner lets in,
or whoever knows a password."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..protocol.beacon import AUTH_MODES
from .password_dialog import PasswordEdit, show_password_box

MODES = AUTH_MODES  # (in the order of the choices)
"""The admission modes, in the order the dialog lists them."""

MIN_PASSWORD_CHARS = 4
"""The shortest session password accepted (in characters, once NFC-normalized)."""


class HostSettingsDialog(QDialog):
    """A non-blocking dialog (use ``open()``) choosing the session's admission mode
    ("open", "approval" or "password") and, in password mode, its password."""

    def __init__(self, mode: str, password: str, parent: QWidget | None = None) -> None:
        """Preselects ``mode`` (one of ``MODES``; ValueError otherwise) and fills in
        ``password``."""
        if mode not in MODES:
            raise ValueError(f"unknown admission mode: {mode!r}")
        super().__init__(parent)
        self.setObjectName("hostSettingsDialog")
        self.setWindowTitle(self.tr("Session settings"))
        layout = QVBoxLayout(self)
        self.mode_group = QButtonGroup(self)
        layout.addWidget(self._mode_box())
        self._add_password(layout, password)
        self.buttons = self._buttons()
        layout.addWidget(self.buttons)
        self.mode_group.button(MODES.index(mode)).setChecked(True)
        self.mode_group.idToggled.connect(self._mode_toggled)
        self.password_edit.textChanged.connect(self._update)
        self._update()

    @property
    def ok_button(self) -> QPushButton:
        """The OK button."""
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def mode(self) -> str:
        """The mode chosen: "open", "approval" or "password"."""
        return MODES[self.mode_group.checkedId()]

    def chosen(self) -> tuple[str, str]:
        """(mode, password): the password exactly as typed in password mode, else ''."""
        mode = self.mode()
        return mode, (self.password_edit.text() if mode == "password" else "")

    def _mode_box(self) -> QGroupBox:
        """The three choices, each with a line saying what it means."""
        box = QGroupBox(self.tr("Who may join this session"), self)
        layout = QVBoxLayout(box)
        choices = (
            ("admissionOpen", self.tr("Open"), self.tr("Anyone on this network")),
            (
                "admissionApproval",
                self.tr("With my approval"),
                self.tr(
                    "New devices wait until you let them in; devices you let in once "
                    "come back without asking"
                ),
            ),
            (
                "admissionPassword",
                self.tr("With a password"),
                self.tr("Anyone who knows the password"),
            ),
        )
        for index, (name, title, explanation) in enumerate(choices):
            button = QRadioButton(title, box)
            button.setObjectName(name)
            self.mode_group.addButton(button, index)
            layout.addWidget(button)
            layout.addWidget(self._explanation(explanation, box))
        return box

    def _add_password(self, layout: QVBoxLayout, password: str) -> None:
        """The password field (filled with ``password``), its "Show" box and the hint
        saying why OK is disabled."""
        self.password_edit = PasswordEdit(self)
        self.password_edit.setObjectName("sessionPassword")
        self.password_edit.setText(password)
        layout.addWidget(self.password_edit)
        self.show_box = show_password_box(self.password_edit, self.tr("Show"), "showPassword", self)
        layout.addWidget(self.show_box)
        self.hint_label = QLabel(
            self.tr("The password needs at least %n character(s).", "", MIN_PASSWORD_CHARS), self
        )
        self.hint_label.setObjectName("passwordHint")
        self.hint_label.setWordWrap(True)
        layout.addWidget(self.hint_label)

    def _explanation(self, text: str, parent: QWidget) -> QLabel:
        """A choice's explanation, indented under its radio button."""
        label = QLabel(text, parent)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setIndent(24)
        return label

    def _buttons(self) -> QDialogButtonBox:
        """OK and Cancel."""
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    def _mode_toggled(self, index: int, checked: bool) -> None:
        """Updates the dialog; moves to the password field when password mode is chosen."""
        self._update()
        if checked and MODES[index] == "password":
            self.password_edit.setFocus()

    def _update(self) -> None:
        """The password field only in password mode; OK only with a long enough one."""
        wants_password = self.mode() == "password"
        self.password_edit.setEnabled(wants_password)
        self.show_box.setEnabled(wants_password)
        text = unicodedata.normalize("NFC", self.password_edit.text())
        too_short = wants_password and len(text) < MIN_PASSWORD_CHARS
        self.hint_label.setVisible(too_short)
        self.ok_button.setEnabled(not too_short)
