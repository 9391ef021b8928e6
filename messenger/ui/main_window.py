"""The main window: sessions, conversations, members, the log of the conversation
shown and the compose box.

It is built in two steps, so that it can paint before the network layer is imported:
the constructor makes the widgets and shows the last session's cached room; ``start``
makes the ``ChatController`` (connections, discovery, hosting) and rejoins.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..protocol.limits import DEFAULT_ROOM, MAX_TEXT_CHARS
from .address_parsing import parse_address
from .admission_wait_bar import AdmissionWaitBar
from .app_controller import AppController
from .app_settings import AppSettings, LastSession
from .approval_request_bar import ApprovalRequestBar
from .compose_box import ComposeBox
from .conversation_list import ConversationListView
from .elided_label import ElidedLabel
from .held_bar import HeldMessagesBar, held_message_menu
from .identity_change_bar import IdentityChangeBar
from .input_dialogs import input_dialog
from .kept_messages_pane import KeptMessagesPane
from .log_entry import EntryStatus
from .member_list import MemberListWidget
from .mention_completer import MentionCompleter
from .message_log_model import MessageLogModel
from .message_log_view import MessageLogView
from .name_dialog import NameDialog
from .sessions_dialog import SessionsDialog
from .standard_buttons import translate_buttons
from .window_config import WindowConfig

if TYPE_CHECKING:
    from ..client import DiscoveredSession
    from ..core.identity import DeviceIdentity
    from ..protocol import Member
    from .admission_flow import AdmissionFlow
    from .chat_controller import ChatController


NOTICE_MS = 30_000
"""How long a notice stays above the log."""


def banner(parent: QWidget, name: str, background: str, color: str) -> QLabel:
    """A hidden line of plain text across the log's top, in its own colours."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(
        f"QLabel {{ background: {background}; color: {color}; padding: 6px; border-radius: 4px; }}"
    )
    label.hide()
    return label


class MainWindow(QMainWindow):
    """Messenger's window. It is always a client, of its own embedded host too."""

    def __init__(
        self,
        config: WindowConfig,
        settings: AppSettings,
        parent: QWidget | None = None,
        *,
        app: AppController | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.settings = settings
        self.app = app if app is not None else AppController(config, settings)
        """What lasts while the app runs (this window's own when none is given)."""
        self.setWindowTitle(self.tr("Messenger"))
        self.resize(960, 640)
        self.log_model = self.app.log_model
        """The log model of the conversation shown."""
        self.conversation_model = self.app.conversation_model
        self.app.unread.changed.connect(self._update_title)
        self._controller: ChatController | None = None
        self.admission_flow: AdmissionFlow  # (made by ``start``, with the controller)
        self._build_toolbar()
        self._build_panes()
        self.status_label = ElidedLabel(self)
        self.status_label.setObjectName("connectionStatus")
        self.statusBar().addPermanentWidget(self.status_label, 1)
        self.identity_label = QLabel(self)
        self.identity_label.setObjectName("identityLabel")
        self.statusBar().addPermanentWidget(self.identity_label)
        self._name_dialog: NameDialog | None = None
        self._lasting_problem = ""  # shown even while connected, until solved
        self._leaving_agreed = False  # the user agreed to leave the session to host

    @property
    def started(self) -> bool:
        """Whether ``start`` has made the controller."""
        return self._controller is not None

    @property
    def controller(self) -> ChatController:
        """Hosting, joining and chatting (made by ``start``)."""
        if self._controller is None:
            raise RuntimeError("MainWindow.start() makes the controller")
        return self._controller

    def start(self) -> None:
        """Shows the window, asks for a name on first start, makes the controller,
        starts discovery and rejoins the last session."""
        self.show()
        if self._controller is not None:
            return
        from .admission_flow import AdmissionFlow  # the network layer, after the window

        controller = self.app.start(self.tr("Guest"))
        self._controller = controller
        self.app.window_wanted.connect(self.bring_to_front)
        self.app.quit_requested.connect(self.close)
        self.app.message_for_user.connect(self._ask_attention)
        self.app.conversation_wanted.connect(controller.show_conversation)
        self.admission_flow = AdmissionFlow(
            controller, self, self.admission_wait_bar, self.approval_bar
        )
        self.session_list.watch(controller.discovery, controller.trust.pinned)
        controller.client.welcomed.connect(
            lambda welcome: self.session_list.set_current(welcome.host)
        )
        controller.client.welcomed.connect(lambda _w: self.session_list.refresh())  # (pins)
        controller.status_changed.connect(self._update_status)
        controller.hosting_changed.connect(self._on_hosting_changed)
        controller.members_changed.connect(self._show_members)
        controller.conversation_shown.connect(self._show_conversation)
        controller.announce_allowed.connect(self._allow_announcing)
        controller.rooms.topic_changed.connect(self._show_topic)
        controller.set_window_active(self.isActiveWindow())
        controller.problem.connect(self.show_problem)
        controller.notice.connect(self.show_notice)
        controller.identity_ready.connect(self._show_identity)
        controller.identity_damaged.connect(self.new_identity_button.setVisible)
        self.new_identity_button.clicked.connect(controller.make_new_identity)
        controller.host_identity_changed.connect(self.identity_change_bar.show_change)
        self.identity_change_bar.trust_requested.connect(controller.trust_new_identity)
        controller.lasting_problem.connect(self._show_lasting_problem)
        controller.problem_solved.connect(self._problem_solved)
        controller.held_changed.connect(self.held_bar.show_count)
        controller.kept_shown.connect(
            lambda kept: self.kept_pane.show_messages(
                kept, controller.client.user_id, controller.session.kept_before
            )
        )
        self.held_bar.send_requested.connect(controller.send_held)
        self.held_bar.discard_requested.connect(self._confirm_discard_held)
        controller.client.welcomed.connect(self._remember_session)
        self._update_status()
        if not self.settings.display_name:
            self._ask_name()
        QTimer.singleShot(0, controller, controller.start_discovery)
        last = self.settings.last_session
        if self.settings.was_hosting and self.settings.host_at_start:
            self.host_action.setChecked(True)  # (hosting when it quit: the same session again)
        elif last is not None:  # rejoin where the user was (its cached room is in sight)
            controller.resume(last.address, last.port, last.host_id)
        self.held_bar.show_count(len(controller.session.held()))  # (held at the last run)

    # -- construction ----------------------------------------------------------

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Session"), self)
        toolbar.setObjectName("sessionToolbar")
        toolbar.setMovable(False)
        self.addToolBar(toolbar)
        self.host_action = QAction(self.tr("Host"), self)
        self.host_action.setObjectName("hostAction")
        self.host_action.setCheckable(True)
        self.host_action.setToolTip(
            self.tr("Host a session on this computer so that colleagues can join it")
        )
        self.host_action.toggled.connect(self._on_host_toggled)
        toolbar.addAction(self.host_action)
        self.sessions_action = QAction(self.tr("Sessions…"), self)
        self.sessions_action.setObjectName("sessionsAction")
        self.sessions_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_E))
        self.sessions_action.setToolTip(
            self.tr("The sessions on the network: the one you are in, and others to join")
        )
        self.sessions_action.triggered.connect(lambda: self.sessions_dialog.open())
        toolbar.addAction(self.sessions_action)
        self.connect_action = QAction(self.tr("Connect to address…"), self)
        self.connect_action.setObjectName("connectAction")
        self.connect_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L))
        self.connect_action.triggered.connect(self._ask_address)
        toolbar.addAction(self.connect_action)
        self.host_settings_action = QAction(self.tr("Who may join…"), self)
        self.host_settings_action.setObjectName("hostSettingsAction")
        self.host_settings_action.setToolTip(
            self.tr(
                "Who may join the session this computer hosts: anyone, who you let in, "
                "or who knows a password"
            )
        )
        self.host_settings_action.triggered.connect(
            lambda: self.admission_flow.open_host_settings(self.settings)
        )
        toolbar.addAction(self.host_settings_action)
        self.join_room_action = QAction(self.tr("Join a room…"), self)
        self.join_room_action.setObjectName("joinRoomAction")
        self.join_room_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_J))
        self.join_room_action.setToolTip(self.tr("Join a room of this session by its name"))
        self.join_room_action.triggered.connect(self._ask_room)
        toolbar.addAction(self.join_room_action)
        self.rooms_action = QAction(self.tr("Rooms…"), self)
        self.rooms_action.setObjectName("roomsAction")
        self.rooms_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_R))
        self.rooms_action.setToolTip(self.tr("Every room of this session: join one, or make one"))
        self.rooms_action.triggered.connect(self._open_room_browser)
        toolbar.addAction(self.rooms_action)
        self.new_message_action = QAction(self.tr("New message…"), self)
        self.new_message_action.setObjectName("newMessageAction")
        self.new_message_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_N))
        self.new_message_action.setToolTip(
            self.tr("Write to one person of the session, online or not")
        )
        self.new_message_action.triggered.connect(self._ask_person)
        toolbar.addAction(self.new_message_action)
        self.announce_action = QAction(self.tr("Announce to everyone…"), self)
        self.announce_action.setObjectName("announceAction")
        self.announce_action.triggered.connect(self._open_announce)
        self._allow_announcing(False)
        toolbar.addAction(self.announce_action)
        self.settings_action = QAction(self.tr("Settings…"), self)
        self.settings_action.setObjectName("settingsAction")
        self.settings_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Comma))
        self.settings_action.triggered.connect(self._open_settings)
        toolbar.addAction(self.settings_action)
        self.about_action = QAction(self.tr("About"), self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.triggered.connect(self._open_about)
        toolbar.addAction(self.about_action)
        from .help_dialog import make_help_action

        self.help_action = make_help_action(self)
        toolbar.addAction(self.help_action)
        self.switch_action = QAction(self.tr("Go to a conversation…"), self)
        self.switch_action.setObjectName("switchAction")
        self.switch_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_K))
        self.switch_action.triggered.connect(self._open_switcher)
        self.addAction(self.switch_action)  # (a shortcut, not on the toolbar)
        self.dnd_action = QAction(self.tr("Do not disturb"), self)
        self.dnd_action.setObjectName("doNotDisturbAction")
        self.dnd_action.setCheckable(True)
        self.dnd_action.setChecked(self.settings.do_not_disturb)
        self.dnd_action.setToolTip(self.tr("No desktop notifications while this is on"))
        self.dnd_action.toggled.connect(self._set_do_not_disturb)
        toolbar.addAction(self.dnd_action)

    def _build_panes(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        self.sessions_dialog = SessionsDialog(self)
        self.session_list = self.sessions_dialog.session_list
        self.session_list.join_requested.connect(self._join_session)
        self.join_button = self.sessions_dialog.join_button
        self.join_button.clicked.connect(self._join_selected)
        left_layout.addWidget(QLabel(self.tr("Conversations"), left))
        self.conversation_list = ConversationListView(left)
        self.conversation_list.setModel(self.conversation_model)
        self.conversation_list.select_room(DEFAULT_ROOM)
        self.conversation_list.chosen.connect(self._choose_conversation)
        self.conversation_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.conversation_list.customContextMenuRequested.connect(self._show_conversation_menu)
        left_layout.addWidget(self.conversation_list, 1)
        left_layout.addWidget(QLabel(self.tr("Members"), left))
        self.member_list = MemberListWidget(left)
        self.member_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.member_list.customContextMenuRequested.connect(
            lambda position: self.admission_flow.show_member_menu(self.member_list, position)
        )
        self.member_list.itemDoubleClicked.connect(
            lambda item: self._write_to(self.member_list.member_at(self.member_list.row(item)))
        )
        left_layout.addWidget(self.member_list, 1)

        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        self.room_label = QLabel(f"# {DEFAULT_ROOM}", right)
        self.room_label.setObjectName("roomLabel")
        font = self.room_label.font()
        font.setBold(True)
        self.room_label.setFont(font)
        right_layout.addWidget(self.room_label)
        self.topic_label = QLabel(right)
        self.topic_label.setObjectName("topicLabel")
        self.topic_label.setTextFormat(Qt.TextFormat.PlainText)
        self.topic_label.setWordWrap(True)
        self.topic_label.hide()
        right_layout.addWidget(self.topic_label)
        self.problem_label = banner(right, "problemBanner", "#fdecea", "#611a15")
        right_layout.addWidget(self.problem_label)
        self.notice_label = banner(right, "noticeBanner", "#e8f0fe", "#174ea6")
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self.notice_label.hide)
        right_layout.addWidget(self.notice_label)
        self.new_identity_button = QPushButton(self.tr("Make a new identity"), right)
        self.new_identity_button.setObjectName("newIdentityButton")
        self.new_identity_button.setToolTip(
            self.tr("The damaged files are kept beside, renamed; colleagues will see a new device")
        )
        self.new_identity_button.hide()
        right_layout.addWidget(self.new_identity_button)
        self.identity_change_bar = IdentityChangeBar(right)
        right_layout.addWidget(self.identity_change_bar)
        self.admission_wait_bar = AdmissionWaitBar(right)
        right_layout.addWidget(self.admission_wait_bar)
        self.approval_bar = ApprovalRequestBar(right)
        right_layout.addWidget(self.approval_bar)
        self.held_bar = HeldMessagesBar(right)
        right_layout.addWidget(self.held_bar)
        self.kept_pane = KeptMessagesPane(right)
        right_layout.addWidget(self.kept_pane, 1)
        self.log_view = MessageLogView(right)
        self.log_view.setModel(self.log_model)
        self.log_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.log_view.customContextMenuRequested.connect(self._show_entry_menu)
        right_layout.addWidget(self.log_view, 2)
        compose_row = QHBoxLayout()
        self.compose = ComposeBox(right)
        self.mention_completer = MentionCompleter(self.compose)
        self.compose.submitted.connect(self._send)
        compose_row.addWidget(self.compose, 1)
        self.send_button = QPushButton(self.tr("Send"), right)
        self.send_button.setObjectName("sendButton")
        self.send_button.clicked.connect(self._send_typed)
        compose_row.addWidget(self.send_button)
        right_layout.addLayout(compose_row)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 700])
        self.setCentralWidget(splitter)

    # -- actions ---------------------------------------------------------------

    def _on_host_toggled(self, checked: bool) -> None:
        if checked == self.controller.hosting:
            return
        if not checked:
            self.settings.was_hosting = False  # (the user turned it off: not at next start)
            self.controller.stop_hosting()
            return
        session = self._joined_session()
        if session and not self._leaving_agreed:
            self.host_action.setChecked(False)  # (until the user says so)
            self._ask_to_leave(
                self.tr("You are in “{session}”: hosting leaves it. Host anyway?").format(
                    session=session
                ),
                self._host_after_leaving,
            )
            return
        self._leaving_agreed = False
        self.settings.last_session = None
        self.problem_label.hide()
        if not self.controller.start_hosting():
            self.host_action.setChecked(False)

    def _host_after_leaving(self) -> None:
        self._leaving_agreed = True
        self.host_action.setChecked(True)

    def _joined_session(self) -> str:
        """The name of the session of another computer the user is in ('' if none)."""
        client = self.controller.client
        if self.controller.hosting or client.welcome is None:
            return ""
        if client.state.value not in ("connected", "reconnecting"):
            return ""
        return client.welcome.session

    def _ask_to_leave(self, text: str, proceed: Callable[[], None]) -> None:
        """Asks before leaving the session the user is in; ``proceed`` if they agree."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Messenger"), text, parent=self)
        box.setObjectName("leaveSessionDialog")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        translate_buttons(box)

        def answered() -> None:
            if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
                proceed()

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        box.open()

    def _on_hosting_changed(self, hosting: bool) -> None:
        if hosting:
            self.settings.was_hosting = True
        self.host_action.setChecked(hosting)

    def _join_selected(self) -> None:
        session = self.session_list.selected_session()
        if session is None:
            self.show_problem(self.tr("Choose a session in the list first."))
            return
        self._join_session(session)

    def _join_session(self, session: DiscoveredSession) -> None:
        self.problem_label.hide()
        self.controller.join(session.address, session.port, session.host_id)

    def _ask_address(self) -> None:
        dialog = input_dialog(
            self,
            "connectDialog",
            self.tr("Connect to address"),
            self.tr("Address of the host (name or IP, optionally :port):"),
        )
        dialog.textValueSelected.connect(self._connect_to_typed)
        dialog.open()

    def _connect_to_typed(self, text: str) -> None:
        address = parse_address(text)
        if address is None:
            self.show_problem(
                self.tr(
                    "“{text}” is not an address. Type e.g. 192.168.1.20 or office-pc:5005."
                ).format(text=text)
            )
            return
        session = self._joined_session()
        where = f"{address[0]}:{address[1]}"
        if session and (address[0], address[1]) != (
            self.controller.client.address,
            self.controller.client.port,
        ):
            self._ask_to_leave(
                self.tr("You are in “{session}”: leave it and connect to {where}?").format(
                    session=session, where=where
                ),
                lambda: self._join_address(*address),
            )
            return
        self._join_address(*address)

    def _join_address(self, address: str, port: int) -> None:
        self.problem_label.hide()
        self.controller.join(address, port)

    def _ask_room(self) -> None:
        dialog = input_dialog(
            self,
            "joinRoomDialog",
            self.tr("Join a room"),
            self.tr("Name of the room (it is made if nobody uses it yet):"),
        )
        dialog.textValueSelected.connect(self.join_room)
        dialog.open()

    def join_room(self, text: str) -> None:
        """Joins the room named ``text`` and shows it."""
        name = " ".join(text.split())
        if name:
            self.controller.rooms.join(name)

    def _open_room_browser(self) -> None:
        if not self.started:
            return
        from .room_browser import RoomBrowserDialog

        dialog = RoomBrowserDialog(self.controller.rooms.directory, self)
        dialog.join_requested.connect(self.controller.rooms.join)
        dialog.create_requested.connect(self.controller.rooms.create)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _ask_topic(self, room: str) -> None:
        dialog = input_dialog(
            self,
            "topicDialog",
            self.tr("Topic of # {room}").format(room=room),
            self.tr("What the room is for (everyone in the session sees it):"),
        )
        dialog.setTextValue(self.controller.rooms.topics.get(room, ""))
        dialog.textValueSelected.connect(lambda topic: self.controller.rooms.set_topic(room, topic))
        dialog.open()

    def _show_topic(self, room: str, topic: str) -> None:
        if self.started and room == self.controller.session.room:
            self.topic_label.setText(topic)
            self.topic_label.setVisible(bool(topic))

    def _write_to(self, member: tuple[str, str] | None) -> None:
        """Opens the direct conversation with ``member`` (name, user id)."""
        if member is not None and member[1] and self.started:
            self.controller.open_direct(member[1], member[0])

    def _ask_person(self) -> None:
        if not self.started:
            return
        people = self.controller.titles.people(self.controller.client.user_id)
        if not people:
            self.show_problem(self.tr("Nobody else has been seen in this session yet."))
            return
        from ..core.identity import short_form

        shown = [f"{name} ({short_form(user)})" for name, user in people]
        dialog = input_dialog(
            self,
            "newMessageDialog",
            self.tr("New message"),
            self.tr("Write to:"),
        )
        dialog.setComboBoxItems(shown)
        dialog.setComboBoxEditable(False)
        dialog.textValueSelected.connect(
            lambda text: self._write_to(people[shown.index(text)]) if text in shown else None
        )
        dialog.open()

    def _open_settings(self) -> None:
        from ..protocol.limits import DEFAULT_PORT
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self, default_port=DEFAULT_PORT)
        dialog.name_changed.connect(self._rename)
        dialog.do_not_disturb_changed.connect(self.dnd_action.setChecked)
        dialog.saved.connect(self._apply_host_settings)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _apply_host_settings(self) -> None:
        """Who may announce in the session hosted here changes at once."""
        if self.started:
            self.controller.set_host_announcements(self.settings.host_announcements)

    def _allow_announcing(self, allowed: bool) -> None:
        """ "Announce to everyone…" is enabled while the session's host allows it."""
        self.announce_action.setEnabled(allowed)
        self.announce_action.setToolTip(
            self.tr("Send an announcement every member sees, highlighted, and is notified of")
            if allowed
            else self.tr(
                "Only those the session's host allows may announce: its owner, or everyone"
            )
        )

    def _open_announce(self) -> None:
        from .announce_dialog import AnnounceDialog

        welcome = self.controller.client.welcome
        dialog = AnnounceDialog(welcome.session if welcome is not None else "", self)
        dialog.announced.connect(self.controller.announce)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _rename(self, name: str) -> None:
        """The user chose another display name: the session hears of it now."""
        if self.started:
            self.controller.rename(name)

    def _open_about(self) -> None:
        from .. import __version__
        from .about_dialog import AboutDialog

        fingerprint = self.controller.client.host_fingerprint if self.started else ""
        identity = self.controller.identity if self.started else None
        user = identity.user_id if identity is not None else ""
        dialog = AboutDialog(__version__, fingerprint, user, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _open_switcher(self) -> None:
        from .conversation_switcher import ConversationSwitcher

        switcher = ConversationSwitcher(self.conversation_model, self)
        switcher.chosen.connect(self._choose_conversation)
        switcher.finished.connect(switcher.deleteLater)
        switcher.open()

    def _set_do_not_disturb(self, silenced: bool) -> None:
        self.settings.do_not_disturb = silenced

    def _choose_conversation(self, room: str) -> None:
        if self.started:
            self.controller.show_conversation(room)

    def _show_conversation_menu(self, position: QPoint) -> None:
        room = self.conversation_list.room_at(self.conversation_list.indexAt(position).row())
        if room is None or not self.started:
            return
        menu = QMenu(self)
        entry = self.conversation_model.conversation(self.conversation_model.row_of(room) or 0)
        if not entry.direct:
            topic = menu.addAction(self.tr("Change the topic…"))
            topic.triggered.connect(lambda: self._ask_topic(room))
        self._add_notify_menu(menu, room, entry.direct)
        leave = menu.addAction(self.tr("Leave this room"))
        leave.triggered.connect(lambda: self.controller.close_conversation(room))
        leave.setEnabled(room != DEFAULT_ROOM)  # (everyone stays in general)
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.conversation_list.viewport().mapToGlobal(position))

    def _add_notify_menu(self, menu: QMenu, room: str, direct: bool) -> None:
        """The conversation menu's choice of what notifies."""
        from .notification_policy import NotifyLevel

        center = self.app.notifications
        if center is None:
            return
        submenu = menu.addMenu(self.tr("Notify me of"))
        now = center.level(room, direct)
        words = {
            NotifyLevel.ALL: self.tr("Every message"),
            NotifyLevel.MENTIONS: self.tr("Mentions of me"),
            NotifyLevel.NOTHING: self.tr("Nothing"),
        }
        for level, text in words.items():
            action = submenu.addAction(text)
            action.setCheckable(True)
            action.setChecked(level is now)
            action.triggered.connect(
                lambda _checked, chosen=level: center.set_level(room, chosen, direct)
            )

    def _show_conversation(self, room: str, model: MessageLogModel) -> None:
        self.log_model = model
        self.log_view.setModel(model)
        row = self.conversation_model.row_of(room)
        entry = self.conversation_model.conversation(row) if row is not None else None
        direct = entry is not None and entry.direct
        self.room_label.setText(entry.title if entry is not None and direct else f"# {room}")
        self._show_topic(room, self.controller.rooms.topics.get(room, ""))
        self.conversation_list.select_room(room)

    def _update_title(self, unread: int, _for_user: bool) -> None:
        title = self.tr("Messenger")
        self.setWindowTitle(f"({unread}) {title}" if unread else title)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and self.started:
            self.controller.set_window_active(self.isActiveWindow())
        super().changeEvent(event)

    def _send_typed(self) -> None:
        text = self.compose.toPlainText().strip()
        if text:
            self.compose.clear()
            self._send(text)

    def _send(self, text: str) -> None:
        if len(text) > MAX_TEXT_CHARS:
            self.show_problem(
                self.tr("The message is too long ({count} characters; at most {limit}).").format(
                    count=len(text), limit=MAX_TEXT_CHARS
                )
            )
            self.compose.setPlainText(text)
            return
        if not self.controller.send(text):
            self.compose.setPlainText(text)

    def _show_entry_menu(self, position: QPoint) -> None:
        """The menu of a held message: send all held ones, or discard this one."""
        index = self.log_view.indexAt(position)
        if not index.isValid() or not self.started:
            return
        entry = self.log_model.entry(index.row())
        if entry.status is EntryStatus.HELD:
            controller = self.controller
            menu = held_message_menu(
                self, controller.send_held, lambda: controller.discard_held([entry.key])
            )
            menu.popup(self.log_view.viewport().mapToGlobal(position))

    def _confirm_discard_held(self) -> None:
        count = len(self.controller.session.held())
        self.held_bar.ask_to_discard(count, self.controller.discard_held)

    def _ask_name(self) -> None:
        fallback = self.controller.client.name
        dialog = NameDialog(fallback, self)
        self._name_dialog = dialog

        def accepted() -> None:
            name = dialog.chosen_name(fallback)
            self.settings.display_name = name
            self.controller.client.name = name

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _remember_session(self) -> None:
        if not self.controller.hosting:
            client = self.controller.client
            self.settings.last_session = LastSession(
                client.address, client.port, client.host_id, client.you
            )

    # -- display ---------------------------------------------------------------

    def show_problem(self, text: str) -> None:
        """Shows ``text`` in the banner above the log (and the status bar)."""
        self.problem_label.setText(text)
        self.problem_label.show()

    def show_notice(self, text: str) -> None:
        """Shows ``text`` above the log for NOTICE_MS (something worth knowing)."""
        self.notice_label.setText(text)
        self.notice_label.show()
        self._notice_timer.start(NOTICE_MS)

    def _show_identity(self, identity: DeviceIdentity) -> None:
        self.settings.user_id = identity.user_id  # (the next start's first paint knows it)
        self.new_identity_button.hide()
        self.identity_label.setText(self.tr("Your id: {id}").format(id=identity.short_id))
        self.identity_label.setToolTip(
            self.tr(
                "This computer's identity for Messenger (SHA-256 of its certificate):\n{full}"
            ).format(full=identity.user_id)
        )

    def _show_lasting_problem(self, text: str) -> None:
        self._lasting_problem = text
        self.show_problem(text)

    def _problem_solved(self, text: str) -> None:
        if self._lasting_problem == text:
            self._lasting_problem = ""
        if self.problem_label.text() == text:
            self.problem_label.hide()

    def _update_status(self) -> None:
        self.status_label.setText(self.controller.status_text())
        if self.controller.client.state.value == "connected":
            if self._lasting_problem:  # (a connection problem shown meanwhile is over)
                self.show_problem(self._lasting_problem)
            else:
                self.problem_label.hide()

    def _show_members(self, members: tuple[Member, ...]) -> None:
        me = self.controller.client.user_id
        self.member_list.show_members(members, me)
        self.mention_completer.set_names([m.name for m in members if not m.user or m.user != me])

    def closeEvent(self, event: QCloseEvent) -> None:
        """The user closing the window (not the app closing it) keeps the app in the
        tray when there is one; else, while hosting, is asked first: the session ends
        for everyone."""
        if event.spontaneous() and self.app.keeps_running_hidden:
            event.ignore()
            self.hide()
            self.app.window_hidden()
            return
        if event.spontaneous() and self.started and self.controller.hosting:
            event.ignore()
            self._confirm_end_of_hosting()
            return
        self.app.shutdown()
        super().closeEvent(event)

    def _confirm_end_of_hosting(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Messenger"),
            self.tr(
                "You host this session: closing Messenger ends it for everyone in it. Close anyway?"
            ),
            parent=self,
        )
        box.setObjectName("endHostingDialog")
        box.setStandardButtons(QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        translate_buttons(box)

        def answered() -> None:
            if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Close:
                self.close()  # (not spontaneous: it closes)

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        box.open()

    def bring_to_front(self) -> None:
        """Shows the window, raised and active (from the tray, or a second start)."""
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def _ask_attention(self, _room: str, _message: object) -> None:
        """A message for the user in particular: the taskbar entry asks for attention
        while the window is not the active one."""
        if not self.isActiveWindow():
            QApplication.alert(self)
