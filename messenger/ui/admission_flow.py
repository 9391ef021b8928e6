"""The window's part in a session's admission: for the joining user, the wait for
the owner (showing the code to compare) and the password dialog; for the owner, the
requests to let in, and removing or banning members.

Loaded with the controller, after the window's first paint (it needs the network
layer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QWidget

from ..client import ConnectionState
from .admission_wait_bar import AdmissionWaitBar
from .approval_request_bar import ApprovalRequestBar
from .password_dialog import PasswordDialog

if TYPE_CHECKING:
    from ..host.admission import ApprovalRequest
    from .app_settings import AppSettings
    from .chat_controller import ChatController
    from .member_list import MemberListWidget


class AdmissionFlow(QObject):
    """Connects the admission of ``controller``'s connection and host to the window.

    Args:
        window: The dialogs' parent.
        wait_bar: Shown while the host's owner decides about this device.
        request_bar: The owner's requests to let devices in.
    """

    def __init__(
        self,
        controller: ChatController,
        window: QWidget,
        wait_bar: AdmissionWaitBar,
        request_bar: ApprovalRequestBar,
    ) -> None:
        super().__init__(window)
        self._controller = controller
        self._window = window
        self._wait_bar = wait_bar
        self._request_bar = request_bar
        self.password_dialog: PasswordDialog | None = None
        self.settings_dialog: QDialog | None = None
        self._forget_password = False
        client = controller.client
        client.admission.approval_waiting.connect(wait_bar.show_code)
        client.admission.password_needed.connect(self._ask_password)
        client.welcomed.connect(self._on_welcomed)
        client.connection_lost.connect(lambda _reason: self._end_wait())
        client.session_ended.connect(lambda _reason: self._end_wait())
        wait_bar.cancelled.connect(self._cancel)
        controller.hosting_changed.connect(self._on_hosting_changed)
        request_bar.approved.connect(self._approve)
        request_bar.refused.connect(self._refuse)

    # -- the joining user --------------------------------------------------------

    def _session_name(self) -> str:
        client = self._controller.client
        for session in self._controller.discovery.sessions():
            if (session.address, session.port) == (client.address, client.port):
                return session.session
        return f"{client.address}:{client.port}"

    def _ask_password(self, error: str) -> None:
        if self.password_dialog is not None:
            self.password_dialog.close()
        dialog = PasswordDialog(self._session_name(), error, self._window)
        dialog.remember_box.setChecked(True)
        self.password_dialog = dialog

        def accepted() -> None:
            self._forget_password = not dialog.remember()
            self._controller.client.admission.give_password(dialog.password())

        dialog.accepted.connect(accepted)
        dialog.rejected.connect(self._cancel)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: PasswordDialog) -> None:
        if self.password_dialog is dialog:
            self.password_dialog = None

    def _on_welcomed(self) -> None:
        self._wait_bar.hide_wait()
        if self._forget_password:  # (asked again at the next connection)
            self._controller.client.admission.password = ""
            self._forget_password = False

    def _end_wait(self) -> None:
        self._wait_bar.hide_wait()
        if self.password_dialog is not None:
            self.password_dialog.close()

    def _cancel(self) -> None:
        """The user gives up joining."""
        self._wait_bar.hide_wait()
        client = self._controller.client
        if client.state is not ConnectionState.CONNECTED:
            client.disconnect_from_host()

    # -- the owner ---------------------------------------------------------------

    def _on_hosting_changed(self, hosting: bool) -> None:
        host = self._controller.host
        if hosting and host is not None:
            host.approval_requested.connect(self._on_request)
            host.approval_ended.connect(self._request_bar.remove_request)
        else:
            for user in self._request_bar.pending():
                self._request_bar.remove_request(user)

    def _on_request(self, request: ApprovalRequest) -> None:
        self._request_bar.add_request(request.user, request.name, request.code)

    def _approve(self, user: str) -> None:
        if self._controller.host is not None:
            self._controller.host.approve(user)

    def _refuse(self, user: str) -> None:
        if self._controller.host is not None:
            self._controller.host.refuse(user)

    def open_host_settings(self, settings: AppSettings) -> None:
        """Asks who may join this window's session; applies and keeps the answer."""
        from .host_settings_dialog import HostSettingsDialog

        mode, password = settings.host_admission
        dialog = HostSettingsDialog(mode, password, self._window)
        self.settings_dialog = dialog

        def accepted() -> None:
            chosen = dialog.chosen()
            settings.host_admission = chosen
            self._controller.set_host_admission(*chosen)

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def show_member_menu(self, members: MemberListWidget, position: QPoint) -> None:
        """A member's menu: write to them; for the host's owner, also remove from the
        session and ban the device."""
        item = members.itemAt(position)
        member = members.member_at(members.row(item)) if item is not None else None
        if member is None:
            return
        name, user = member
        if not user or user == self._controller.client.user_id:
            return
        menu = QMenu(members)
        menu.setObjectName("memberMenu")
        write = menu.addAction(self.tr("Send a direct message"))
        write.triggered.connect(lambda: self._controller.open_direct(user, name))
        if self._controller.host is not None:
            remove = menu.addAction(self.tr("Remove from the session…"))
            remove.triggered.connect(lambda: self.confirm_removal(name, user, ban=False))
            ban = menu.addAction(self.tr("Ban this device…"))
            ban.triggered.connect(lambda: self.confirm_removal(name, user, ban=True))
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(members.viewport().mapToGlobal(position))

    def confirm_removal(self, name: str, user: str, *, ban: bool) -> None:
        """Asks the owner, then removes (or bans) member ``name``."""
        host = self._controller.host
        if host is None:
            return
        if ban:
            text = self.tr(
                "Ban {name}? This device is removed now and refused from now on, "
                "whatever name it uses."
            ).format(name=name)
        else:
            text = self.tr("Remove {name} from the session? They may join again.").format(name=name)
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Messenger"), text, parent=self._window
        )
        box.setObjectName("banDialog" if ban else "removeDialog")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        act = host.ban if ban else host.remove_member

        def answered() -> None:
            if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
                act(user)

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        box.open()
