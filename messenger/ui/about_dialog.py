"""About Messenger: its version and licence, the user's id and the session host's
fingerprint (to compare with what others see)."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ..core.identity import short_form
from ..protocol.limits import is_user_id
from .standard_buttons import translate_buttons

LICENCE = ""
"""The app's licence: none is stated yet (no LICENSE file, no ``license`` in
pyproject.toml); the dialog says so until it is."""

MIN_WIDTH = 420
"""The dialog's least width, in pixels: the fingerprint's lines and the ids unbroken."""

PROTOCOL_DOC = "docs/PROTOCOL.md"
"""Where the wire protocol is described, in the source tree."""


class AboutDialog(QDialog):
    """A non-blocking dialog (use ``open()``) about the app and this session.

    Args:
        version: The app's version (``messenger.__version__``).
        host_fingerprint: The fingerprint (hex SHA-256) of the session's host; '' when
            not in a session.
        user_id: The user's id (hex SHA-256); '' before the identity is loaded.
        parent: The dialog's parent window.
    """

    def __init__(
        self, version: str, host_fingerprint: str, user_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Messenger"))
        self.setMinimumWidth(MIN_WIDTH)
        layout = QVBoxLayout(self)
        title = self._text("aboutTitle", "Messenger")
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(title)
        layout.addWidget(
            self._text("aboutSummary", self.tr("Chat with colleagues on your network."))
        )
        form = QFormLayout()
        form.addRow(self.tr("Version:"), self._text("aboutVersion", version))
        form.addRow(self.tr("Licence:"), self._text("aboutLicence", self._licence()))
        form.addRow(self.tr("Built with:"), self._text("aboutQt", self._built_with()))
        form.addRow(self.tr("Your id:"), self._user_id(user_id))
        self._add_fingerprint(form, host_fingerprint)
        form.addRow(self.tr("Protocol:"), self._text("aboutProtocol", PROTOCOL_DOC))
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        translate_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _text(self, name: str, text: str) -> QLabel:
        """Plain text the user can select and copy."""
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _licence(self) -> str:
        """The licence, or that none is stated."""
        return LICENCE or self.tr("None stated in this copy")

    def _built_with(self) -> str:
        """Qt's and PySide6's versions."""
        return self.tr("Qt {qt}, PySide6 {pyside}").format(qt=qVersion(), pyside=pyside_version)

    def _user_id(self, user_id: str) -> QLabel:
        """The user's id in short form, the full id on its tooltip."""
        if not is_user_id(user_id):
            return self._text("aboutUserId", self.tr("Not made yet"))
        label = self._text("aboutUserId", short_form(user_id))
        label.setToolTip(user_id)
        return label

    def _add_fingerprint(self, form: QFormLayout, fingerprint: str) -> None:
        """The session host's fingerprint, in short form and in full."""
        if not is_user_id(fingerprint):
            form.addRow(
                self.tr("Session host:"), self._text("aboutHostShort", self.tr("Not connected"))
            )
            return
        short = self._text("aboutHostShort", short_form(fingerprint))
        short.setToolTip(fingerprint)
        form.addRow(self.tr("Session host:"), short)
        full = self._text("aboutHostFull", grouped(fingerprint))
        full.setStyleSheet("font-family: monospace;")
        form.addRow(self.tr("Its fingerprint:"), full)


def grouped(fingerprint: str) -> str:
    """A hex fingerprint in groups of eight digits, two lines of four groups."""
    groups = [fingerprint[i : i + 8] for i in range(0, len(fingerprint), 8)]
    return "\n".join(" ".join(groups[i : i + 4]) for i in range(0, len(groups), 4))
