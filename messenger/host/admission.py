"""Who may join: between a member's ``hello`` and its ``welcome``, the host's admission
mode decides (PROTOCOL.md section 7).

- ``open``: everyone (over TLS, with an identity) is let in at once.
- ``approval``: a device the owner has not let in before waits while both screens
  show the same 6-digit code (``core.approval_code``: commit, nonce, reveal); the
  owner lets it in (remembered) or refuses it.
- ``password``: the member proves the session password with SPAKE2
  (``core.password_exchange``); wrong passwords are limited per device and address.

A banned device is refused in every mode; the owner's own device (the host's
identity) is always let in. Until let in, a connection gets nothing of the session.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from ..core.approval_code import ApprovalCodeError, HostCodeExchange
from ..core.names import clean_name
from ..core.password_exchange import (
    HostPasswordExchange,
    PasswordExchangeError,
    WrongPasswordError,
)
from ..protocol import (
    ApprovalCommit,
    ApprovalNonce,
    ApprovalReveal,
    Error,
    Event,
    Hello,
    PasswordConfirm,
    PasswordReply,
    PasswordStart,
)
from ..protocol.beacon import AUTH_MODES
from ..protocol.events import FEATURE_APPROVAL, FEATURE_PASSWORD
from ..store import StoreError
from .attempt_limits import FAILURES_PER_ADDRESS, FAILURES_PER_DEVICE, AttemptLimits
from .member_connection import MemberConnection

log = logging.getLogger(__name__)

ADMISSION_MODES = AUTH_MODES
APPROVED = "approved"
BANNED = "banned"
APPROVAL_WAIT_MS = 5 * 60_000
"""How long a device waits for the owner's answer."""
PASSWORD_WAIT_MS = 2 * 60_000
"""How long a member may take to give the password."""


class DeviceRecords(Protocol):
    """Where the owner's decisions are kept (the host's history store)."""

    def device_status(self, user: str) -> str | None: ...

    def set_device_status(self, user: str, status: str, name: str, since_ms: int) -> None: ...


@dataclass(frozen=True, slots=True)
class ApprovalRequest:
    """A device waiting for the owner: its user id, the name it asked for, the code
    both screens show (6 digits), where it connects from."""

    user: str
    name: str
    code: str
    peer: str


@dataclass
class _Waiting:
    """A member between its ``hello`` and its admission."""

    hello: Hello
    timer: QTimer
    codes: HostCodeExchange | None = None
    code: str = ""  # (once revealed: the owner may decide)
    password: HostPasswordExchange | None = None


class Admission(QObject):
    """The admission of members of one host.

    Args:
        mode: One of ADMISSION_MODES.
        password: The session password (mode "password").
        owner: The host's fingerprint: the owner's device, let in at once.
        records: The owner's decisions (None: none kept, as on a plaintext host).
        allowed: User ids let in without asking (``--allow FILE``).
        admit: Called with a member and its hello once it may join.

    Signals:
        approval_requested(object): an ApprovalRequest for the owner.
        approval_ended(str): that user id no longer waits (let in, refused, gone).
    """

    approval_requested = Signal(object)
    approval_ended = Signal(str)

    def __init__(
        self,
        mode: str,
        password: str,
        owner: str,
        records: DeviceRecords | None,
        allowed: frozenset[str],
        admit: Callable[[MemberConnection, Hello], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if mode not in ADMISSION_MODES:
            raise ValueError(f"unknown admission mode {mode!r}")
        self.mode = mode
        self._password = password
        self._owner = owner
        self._records = records
        self._allowed = allowed
        self._admit = admit
        self._waiting: dict[MemberConnection, _Waiting] = {}
        self._device_failures = AttemptLimits(FAILURES_PER_DEVICE)
        self._address_failures = AttemptLimits(FAILURES_PER_ADDRESS)

    # -- the owner -------------------------------------------------------------

    def set_mode(self, mode: str, password: str) -> None:
        """Admits later members by ``mode``. The members let in stay; those waiting
        are let in if the session is open now, else asked to join again."""
        if mode not in ADMISSION_MODES:
            raise ValueError(f"unknown admission mode {mode!r}")
        self.mode, self._password = mode, password
        for member, waiting in list(self._waiting.items()):
            if mode == "open":
                self._let_in(member, waiting)
            else:
                text = QCoreApplication.translate(
                    "Admission", "The session's host changed who may join: join again."
                )
                self._turn_away(member, "admission_changed", text)

    def approve(self, user: str) -> None:
        """Lets device ``user`` in, now and at its later joins."""
        for member, waiting in list(self._waiting.items()):
            if member.user_id == user and waiting.code:
                self._record(user, APPROVED, clean_name(waiting.hello.name))
                self._let_in(member, waiting)

    def refuse(self, user: str) -> None:
        """Sends device ``user`` away (it may ask again later)."""
        for member in self._members_of(user):
            self._turn_away(
                member,
                "not_approved",
                QCoreApplication.translate("Admission", "The host's owner did not let you in."),
            )

    def ban(self, user: str, name: str) -> None:
        """Refuses device ``user`` from now on, in every mode."""
        self._record(user, BANNED, name)
        for member in self._members_of(user):
            self._turn_away(member, "banned", self._banned_text())

    def forget(self, member: MemberConnection) -> None:
        """``member`` is gone."""
        waiting = self._waiting.pop(member, None)
        if waiting is not None:
            waiting.timer.stop()
            waiting.timer.deleteLater()
            if waiting.code:
                self.approval_ended.emit(member.user_id)

    # -- members ---------------------------------------------------------------

    def begin(self, member: MemberConnection, hello: Hello) -> None:
        """``member`` said hello: it is let in, refused, or asked to prove itself."""
        user = member.user_id
        status = self._status(user)
        if status == BANNED:
            member.close_with_error("banned", self._banned_text())
        elif self.mode == "open" or not user or user == self._owner:
            self._admit(member, hello)
        elif self.mode == "approval":
            self._begin_approval(member, hello, approved=status == APPROVED)
        else:
            self._begin_password(member, hello)

    def on_event(self, member: MemberConnection, event: Event) -> None:
        """An admission frame of ``member`` (before its welcome)."""
        waiting = self._waiting.get(member)
        if waiting is None:
            member.send(Error(code="unexpected_type", message="no admission is under way"))
        elif isinstance(event, ApprovalNonce):
            self._on_nonce(member, waiting, event)
        elif isinstance(event, PasswordStart):
            self._on_password_start(member, waiting, event)
        elif isinstance(event, PasswordConfirm):
            self._on_password_confirm(member, waiting, event)

    # -- approval ----------------------------------------------------------------

    def _begin_approval(self, member: MemberConnection, hello: Hello, *, approved: bool) -> None:
        if approved or member.user_id in self._allowed:
            self._admit(member, hello)
            return
        if FEATURE_APPROVAL not in hello.features:
            text = QCoreApplication.translate(
                "Admission",
                "This session lets in only the devices its host's owner approves, and "
                "this app cannot ask. Update Messenger, then join again.",
            )
            member.close_with_error("approval_required", text)
            return
        codes = HostCodeExchange(self._owner, member.user_id)
        self._wait(member, hello, APPROVAL_WAIT_MS).codes = codes
        member.send(ApprovalCommit(commitment=codes.commitment()))

    def _on_nonce(self, member: MemberConnection, waiting: _Waiting, event: ApprovalNonce) -> None:
        if waiting.codes is None:
            member.send(Error(code="unexpected_type", message="this session asks no approval"))
            return
        try:
            reveal = waiting.codes.receive_client_nonce(event.nonce)
        except ApprovalCodeError as error:
            member.close_with_error("bad_frame", str(error))
            return
        waiting.code = waiting.codes.code
        member.send(ApprovalReveal(nonce=reveal))
        log.info("%s (%s) waits for approval", member.user_id[:8], member.peer)
        self.approval_requested.emit(self._request(member, waiting))

    # -- password ----------------------------------------------------------------

    def _begin_password(self, member: MemberConnection, hello: Hello) -> None:
        if FEATURE_PASSWORD not in hello.features:
            text = QCoreApplication.translate(
                "Admission",
                "This session asks for a password, and this app cannot give one. "
                "Update Messenger, then join again.",
            )
            member.close_with_error("password_required", text)
            return
        self._wait(member, hello, PASSWORD_WAIT_MS)
        member.send(
            Error(
                code="password_required",
                message=QCoreApplication.translate(
                    "Admission", "This session asks for a password."
                ),
            )
        )

    def _on_password_start(
        self, member: MemberConnection, waiting: _Waiting, event: PasswordStart
    ) -> None:
        if self.mode != "password":
            member.send(Error(code="unexpected_type", message="this session asks no password"))
            return
        address = member.peer.rpartition(":")[0]
        wait_s = max(
            self._device_failures.wait_s(member.user_id), self._address_failures.wait_s(address)
        )
        if wait_s:
            text = QCoreApplication.translate(
                "Admission", "Too many wrong passwords. Try again in {seconds} s."
            ).format(seconds=wait_s)
            self._turn_away(member, "rate_limited", text, retry_ms=wait_s * 1000)
            return
        # each start is one guess: it counts as failed until confirmed
        self._device_failures.failed(member.user_id)
        self._address_failures.failed(address)
        exchange = HostPasswordExchange(self._password, member.user_id, self._owner)
        try:
            reply = exchange.respond(event.spake)
        except PasswordExchangeError as error:
            member.send(Error(code="bad_frame", message=str(error)))
            return
        waiting.password = exchange
        member.send(PasswordReply(spake=reply.message, confirm=reply.confirmation))

    def _on_password_confirm(
        self, member: MemberConnection, waiting: _Waiting, event: PasswordConfirm
    ) -> None:
        exchange, waiting.password = waiting.password, None
        if exchange is None:
            member.send(Error(code="unexpected_type", message="send password_start first"))
            return
        try:
            exchange.verify_client(event.confirm)
        except WrongPasswordError:
            log.info("%s (%s) gave a wrong password", member.user_id[:8], member.peer)
            member.send(
                Error(
                    code="bad_password",
                    message=QCoreApplication.translate("Admission", "Wrong password."),
                )
            )
            return
        except PasswordExchangeError as error:
            member.send(Error(code="bad_frame", message=str(error)))
            return
        self._device_failures.succeeded(member.user_id)
        self._let_in(member, waiting)

    # -- helpers ---------------------------------------------------------------

    def _wait(self, member: MemberConnection, hello: Hello, limit_ms: int) -> _Waiting:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda m=member: self._on_timeout(m))
        timer.start(limit_ms)
        waiting = self._waiting[member] = _Waiting(hello, timer)
        return waiting

    def _on_timeout(self, member: MemberConnection) -> None:
        waiting = self._waiting.get(member)
        if waiting is None:
            return
        limit_ms = APPROVAL_WAIT_MS if waiting.codes is not None else PASSWORD_WAIT_MS
        minutes = max(1, limit_ms // 60_000)
        if waiting.codes is not None:
            code = "not_approved"
            text = self.tr(
                "Nobody let you in within %n minute(s). Ask the host's owner, then join again.",
                "",
                minutes,
            )
        else:
            code = "password_required"
            text = self.tr("No password came within %n minute(s).", "", minutes)
        self._turn_away(member, code, text)

    def _let_in(self, member: MemberConnection, waiting: _Waiting) -> None:
        self.forget(member)
        self._admit(member, waiting.hello)

    def _turn_away(
        self, member: MemberConnection, code: str, text: str, retry_ms: int | None = None
    ) -> None:
        self.forget(member)
        member.close_with_error(code, text, retry_ms)

    def _members_of(self, user: str) -> list[MemberConnection]:
        return [member for member in self._waiting if member.user_id == user]

    def _request(self, member: MemberConnection, waiting: _Waiting) -> ApprovalRequest:
        return ApprovalRequest(
            member.user_id, clean_name(waiting.hello.name), waiting.code, member.peer
        )

    def _status(self, user: str) -> str | None:
        if self._records is None or not user:
            return None
        try:
            return self._records.device_status(user)
        except StoreError as error:
            log.warning("cannot read the devices let in: %s", error)
            return None

    def _record(self, user: str, status: str, name: str) -> None:
        if self._records is None:
            return
        try:
            self._records.set_device_status(user, status, name, time.time_ns() // 1_000_000)
        except StoreError as error:  # (let in now; asked again next time)
            log.warning("cannot keep that %s is %s: %s", user[:8], status, error)

    @staticmethod
    def _banned_text() -> str:
        return QCoreApplication.translate(
            "Admission", "The host's owner does not let this device into the session."
        )
