"""What the host's owner sees when new devices ask to join: the oldest request, with
the code to compare, and the two answers."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ..protocol.limits import is_user_id
from .admission_wait_bar import spaced as _spaced


class ApprovalRequestBar(QFrame):
    """Shows the oldest waiting request to join (who asks, and the code their screen
    must show) with "Let in" and "Refuse"; says how many more wait; hidden while none
    does.

    Each time another request (or a new code) comes into view, both buttons stay
    disabled for ``ARM_DELAY_MS``: a double click, or a click aimed at what was there
    a moment before, never answers a request the owner has not read.

    Signals:
        approved(str): the owner let in the device with this user id.
        refused(str): the owner refused the device with this user id.
    """

    approved = Signal(str)
    refused = Signal(str)

    ARM_DELAY_MS = 600
    """How long the buttons stay disabled after a request comes into view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("approvalRequestBar")
        self.setStyleSheet("#approvalRequestBar { background: #fdf6e3; border-radius: 4px; }")
        self._requests: dict[str, tuple[str, str]] = {}  # user -> (name, code), oldest first
        self._shown: tuple[str, str, str] | None = None  # (user, name, code) in view
        layout = QHBoxLayout(self)
        self.label = QLabel(self)
        self.label.setObjectName("approvalRequestText")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.more_label = QLabel(self)
        self.more_label.setObjectName("moreWaiting")
        layout.addWidget(self.more_label)
        self.approve_button = self._button(self.tr("Let in"), "approveButton", layout)
        self.approve_button.clicked.connect(self._approve)
        self.refuse_button = self._button(self.tr("Refuse"), "refuseButton", layout)
        self.refuse_button.clicked.connect(self._refuse)
        self._arm_timer = QTimer(self)
        self._arm_timer.setSingleShot(True)
        self._arm_timer.timeout.connect(lambda: self._set_armed(True))
        self.hide()

    def add_request(self, user: str, name: str, code: str) -> None:
        """Queues a request to join from the device with user id ``user`` (64 lowercase
        hex), as ``name``, showing the 6-digit ``code``; a request from the same device
        replaces its earlier one (keeping its place). ValueError on a malformed id or
        code."""
        if not is_user_id(user):
            raise ValueError(f"not a user id: {user!r}")
        _spaced(code)  # (checks it)
        self._requests[user] = (name, code)
        self._refresh()

    def remove_request(self, user: str) -> None:
        """Drops the request of ``user`` (the device gave up), if any."""
        if self._requests.pop(user, None) is not None:
            self._refresh()

    def pending(self) -> list[str]:
        """The user ids waiting, oldest first."""
        return list(self._requests)

    def request_text(self, user: str, name: str, code: str) -> str:
        """The request as rich text: the name escaped, the code bold ("123 456")."""
        from ..core.identity import short_form

        template = self.tr(
            "{name} (id {short}) asks to join. Let them in only if their screen shows "
            "the code {code}."
        )
        return html.escape(template).format(
            name=html.escape(name),
            short=html.escape(short_form(user)),
            code=f'<b style="white-space: nowrap">{_spaced(code)}</b>',
        )

    def _button(self, text: str, object_name: str, layout: QHBoxLayout) -> QPushButton:
        """A button added to the bar."""
        button = QPushButton(text, self)
        button.setObjectName(object_name)
        layout.addWidget(button)
        return button

    def _refresh(self) -> None:
        """Shows the oldest request and the count of the others (or hides the bar)."""
        if not self._requests:
            self._shown = None
            self._arm_timer.stop()
            self.hide()
            return
        user, (name, code) = next(iter(self._requests.items()))
        if self._shown != (user, name, code):
            self._shown = (user, name, code)
            self.label.setText(self.request_text(user, name, code))
            self._set_armed(False)
            self._arm_timer.start(self.ARM_DELAY_MS)
        more = len(self._requests) - 1
        self.more_label.setText(self.tr("and %n more waiting", "", more))
        self.more_label.setVisible(more > 0)
        self.show()

    def _set_armed(self, armed: bool) -> None:
        """Enables (or disables) both answers."""
        self.approve_button.setEnabled(armed)
        self.refuse_button.setEnabled(armed)

    def _take_shown(self) -> str | None:
        """Removes the request in view from the queue; its user id (None: none)."""
        if self._shown is None:
            return None
        user = self._shown[0]
        self._requests.pop(user, None)
        self._refresh()
        return user

    def _approve(self) -> None:
        """The owner lets in the device whose request is in view."""
        user = self._take_shown()
        if user is not None:
            self.approved.emit(user)

    def _refuse(self) -> None:
        """The owner refuses the device whose request is in view."""
        user = self._take_shown()
        if user is not None:
            self.refused.emit(user)
