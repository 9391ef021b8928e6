"""Our side of a host's admission (PROTOCOL.md section 7): between our ``hello`` and
the host's ``welcome``, wait for the owner's approval showing the code both screens
show, or prove the session password."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from ..core.approval_code import ApprovalCodeError, ClientCodeExchange
from ..core.password_exchange import ClientPasswordExchange, PasswordExchangeError
from ..protocol import (
    ApprovalCommit,
    ApprovalNonce,
    ApprovalReveal,
    Error,
    Event,
    PasswordConfirm,
    PasswordReply,
    PasswordStart,
)
from .error_words import error_words

log = logging.getLogger(__name__)

REFUSALS = frozenset({"not_approved", "banned", "rate_limited", "approval_required"})
"""Error codes after which trying again at once would not help: no automatic retry."""


class HostAdmission(QObject):
    """Answers one connection's admission frames.

    Args:
        send: Writes a frame to the host.

    Signals:
        approval_waiting(str): the host's owner must let us in; both screens show this
            6-digit code.
        password_needed(str): the session asks for a password ('' the first time,
            else why again: "Wrong password.").
        refused(str): the host will not let us in (why, for people); no retry.
    """

    approval_waiting = Signal(str)
    password_needed = Signal(str)
    refused = Signal(str)

    def __init__(self, send: Callable[[Event], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._send = send
        self._user = ""
        self._host = ""
        self._codes: ClientCodeExchange | None = None
        self._exchange: ClientPasswordExchange | None = None
        self._host_proved = False
        self.password = ""
        """The password to give (kept while the app runs; '' when not known)."""
        self.code = ""
        """The code shown while waiting for approval ('' when not waiting)."""

    def start(self, user: str, host: str) -> None:
        """A new connection: our user id and the host's fingerprint."""
        self._user, self._host = user, host
        self._codes = self._exchange = None
        self._host_proved = False
        self.code = ""

    @property
    def host_unproved(self) -> bool:
        """A password was given but the host did not prove it knows it."""
        return self._exchange is not None and not self._host_proved

    def handle(self, event: Event) -> bool:
        """Handles ``event`` if it belongs to the admission; False when it does not."""
        if isinstance(event, ApprovalCommit):
            self._on_commit(event)
        elif isinstance(event, ApprovalReveal):
            self._on_reveal(event)
        elif isinstance(event, PasswordReply):
            self._on_password_reply(event)
        elif isinstance(event, Error) and event.code in ("password_required", "bad_password"):
            self._on_password_asked(event)
        elif isinstance(event, Error) and event.code in REFUSALS:
            self.refused.emit(error_words(event))
        else:
            return False
        return True

    def give_password(self, password: str) -> None:
        """Proves ``password`` to the host (asked by ``password_needed``)."""
        self.password = password
        self._exchange = ClientPasswordExchange(password, self._user, self._host)
        self._host_proved = False
        self._send(PasswordStart(spake=self._exchange.start()))

    # -- steps -------------------------------------------------------------------

    def _on_commit(self, event: ApprovalCommit) -> None:
        self._codes = ClientCodeExchange(self._host, self._user)
        try:
            nonce = self._codes.receive_commitment(event.commitment)
        except ApprovalCodeError as error:
            self._fail(str(error))
            return
        self._send(ApprovalNonce(nonce=nonce))

    def _on_reveal(self, event: ApprovalReveal) -> None:
        if self._codes is None:
            self._fail("approval_reveal before approval_commit")
            return
        try:
            self.code = self._codes.receive_reveal(event.nonce)
        except ApprovalCodeError as error:
            self._fail(str(error))
            return
        self.approval_waiting.emit(self.code)

    def _on_password_asked(self, event: Error) -> None:
        again = event.code == "bad_password"
        if again:
            self.password = ""
        if self.password:
            self.give_password(self.password)
            return
        text = (
            QCoreApplication.translate("HostAdmission", "Wrong password. Try again.")
            if again
            else ""
        )
        self.password_needed.emit(text)

    def _on_password_reply(self, event: PasswordReply) -> None:
        exchange = self._exchange
        if exchange is None:
            self._fail("password_reply without password_start")
            return
        try:
            confirm = exchange.finish(event.spake)
            self._send(PasswordConfirm(confirm=confirm))  # (the host learns the outcome)
            exchange.verify_host(event.confirm)
        except PasswordExchangeError as error:
            log.info("the host's password reply does not check: %s", error)
            return  # (a wrong password: bad_password follows; else the welcome is refused)
        self._host_proved = True

    def _fail(self, detail: str) -> None:
        log.warning("the host's admission frames do not check: %s", detail)
        self.refused.emit(
            QCoreApplication.translate(
                "HostAdmission", "The host's answer to let us in does not check: not joining."
            )
        )
