"""Hosting, joining and chatting, for the main window (no widgets here)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSysInfo, Signal

from ..client import (
    ConnectionState,
    Conversation,
    Conversations,
    DiscoveryListener,
    HostConnection,
    NotConnectedError,
    SessionReset,
)
from ..client.host_trust import HostTrust, IdentityChange
from ..client.identity_loader import IdentityLoader
from ..host.store_errors import describe_identity_error, describe_store_error
from ..protocol import Joined, Member, Presence, Renamed
from ..protocol.events import KIND_ANNOUNCEMENT, PRESENCE_JOINED
from ..store import ClientStore, StoreError, StoreProblem
from .conversation_feed import ConversationFeed
from .conversation_list_model import ConversationListModel
from .conversation_titles import ConversationTitles
from .message_log_model import MessageLogModel
from .notification_policy import notification_text
from .room_choices import RoomChoices
from .session_problems import reset_text, storage_text
from .sidebar_counts import SidebarCounts
from .window_config import WindowConfig

if TYPE_CHECKING:
    from ..core.identity import DeviceIdentity
    from ..host import HostService
    from ..store import OutgoingMessage, StoredMessage

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"


class ChatController(QObject):
    """Owns the embedded host, the connection and its conversations (outboxes,
    caches) and the discovery listener, and feeds each conversation's log model.

    Signals:
        status_changed(): ``status_text`` changed.
        hosting_changed(bool): the embedded host started (True) or stopped (False).
        members_changed(object): the members of the room shown (a tuple of protocol
            Members, by name).
        problem(str): something the user should read (what happened, what to do).
        notice(str): something worth knowing, not a problem (shown for a while).
        lasting_problem(str): the same, for a state that lasts while connected (the
            host cannot store, the session was reset): shown until ``problem_solved``.
        problem_solved(str): that lasting problem is over.
        held_changed(int): how many of the user's messages wait for the user's
            choice (``send_held`` or ``discard_held``) after a reset.
        kept_shown(object): the messages kept from before a reset (StoredMessages,
            oldest first), to show apart from the session's.
        identity_ready(object): this installation's DeviceIdentity, loaded or made
            after the window's first paint.
        identity_damaged(bool): the identity files are damaged (True; a new identity
            waits for the user's agreement: ``make_new_identity``), or the identity
            cannot be used for another reason (False).
        host_identity_changed(object): the host showed another certificate than the
            one pinned for it (an IdentityChange; None once it is settled): the
            connection stopped until the user trusts it (``trust_new_identity``) or
            goes elsewhere.
        conversation_shown(str, object): the log shows this room's conversation now,
            with this MessageLogModel.
        message_unread(str, object, bool, bool): a StoredMessage of this room
            arrived while nobody read it; whether it mentions the user, and whether
            the conversation is direct.
        announce_allowed(bool): whether the user may announce in the session now
            (``may_announce``; told at each welcome and change of connection).
    """

    status_changed = Signal()
    hosting_changed = Signal(bool)
    members_changed = Signal(object)
    notice = Signal(str)
    problem = Signal(str)
    lasting_problem = Signal(str)
    problem_solved = Signal(str)
    held_changed = Signal(int)
    kept_shown = Signal(object)
    identity_ready = Signal(object)
    identity_damaged = Signal(bool)
    host_identity_changed = Signal(object)
    conversation_shown = Signal(str, object)
    message_unread = Signal(str, object, bool, bool)
    announce_allowed = Signal(bool)

    def __init__(
        self,
        config: WindowConfig,
        name: str,
        client_id: str,
        model: MessageLogModel,
        store: ClientStore,
        store_problem: str = "",
        parent: QObject | None = None,
        *,
        conversation_list: ConversationListModel | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.model = model
        """The model of the conversation shown."""
        self.conversation_list = conversation_list or ConversationListModel(self)
        """The open conversations, with their unread counts (the sidebar)."""
        self._window_active = False
        self._hosted_port = 0  # the port our own host listened on
        self.session_name = ""
        """The name of the session this window hosts ('': "<name> on <machine>")."""
        self.host_port = 0
        """The port this window hosts on (0: the configuration's)."""
        self.host: HostService | None = None  # imported when hosting starts
        self.discovery = DiscoveryListener(config.discovery_port, self)
        self.client = HostConnection(name, client_id, parent=self)
        self.store = store  # (opened by the window, which showed the cached room; ours now)
        self.conversations = Conversations(self.store, self.client, self)
        self.session = self.conversations.general
        """The conversation the log shows."""
        self.rooms = RoomChoices(self.client, self.open_conversation, self)
        """The session's rooms, to join, make or describe."""
        self.rooms.problem.connect(self.problem)
        self.titles = ConversationTitles()
        self.feeds: dict[str, ConversationFeed] = {}
        self._counts = SidebarCounts(self.conversation_list, self)
        self.conversations.opened.connect(self._feed)
        self.conversations.closed.connect(self._unfeed)
        for conversation in self.conversations:
            self._feed(conversation, model)
        self.trust = HostTrust(store.known_hosts)
        self.client.trust = self.trust
        self.identity_change: IdentityChange | None = None
        self.identity: DeviceIdentity | None = None
        self.identity_loader = IdentityLoader(self)
        self.identity_loader.loaded.connect(self._on_identity)
        self.identity_loader.failed.connect(self._on_identity_failed)
        self._shut_down = False
        self._members: dict[str, dict[str, Member]] = {}  # room -> by name (unique)
        self.host_admission = ("open", "")
        """Who may join when this window hosts: (mode, password)."""
        self.host_announcements = "owner"
        """Who may announce when this window hosts: "owner" (the user) or "everyone"."""
        self._reset_text = ""  # the lasting problems shown now ('' when none)
        self._storage_text = ""
        self._identity_text = ""
        self._after_identity: Callable[[], None] | None = None
        """What the user asked for before the identity was loaded (host, or connect):
        the latest request only."""
        client = self.client
        client.state_changed.connect(lambda _state: self.status_changed.emit())
        client.welcomed.connect(lambda _welcome: self.status_changed.emit())
        client.joined.connect(self._on_joined)
        client.presence_changed.connect(self._on_presence)
        client.session_ended.connect(self._on_session_ended)
        client.connection_lost.connect(self._on_connection_lost)
        client.identity_changed.connect(self._on_host_identity_changed)
        client.first_contact.connect(self._on_first_contact)
        client.member_renamed.connect(self._on_renamed)
        client.people_listed.connect(lambda people: self._learn_names(list(people)))
        client.welcomed.connect(lambda _welcome: self._tell_models_who_i_am())
        client.welcomed.connect(lambda _welcome: self.announce_allowed.emit(self.may_announce))
        client.state_changed.connect(lambda _state: self.announce_allowed.emit(self.may_announce))
        client.permissions_changed.connect(lambda: self.announce_allowed.emit(self.may_announce))
        self.discovery.sessions_changed.connect(self._follow_host)
        self._startup_problem = store_problem

    def _feed(self, conversation: Conversation, model: MessageLogModel | None = None) -> None:
        """A conversation opened: it gets a log model of its own (``model``: the one
        the window showed at its first paint) and its problems are reported."""
        room = conversation.room
        title, direct = self.titles.title(room, self.client.user_id)
        feed = ConversationFeed(
            conversation, model or MessageLogModel(self), self._me, self, direct=direct
        )
        self.feeds[room] = feed
        feed.model.set_me(self._me()[1])
        feed.arrived_unread.connect(
            lambda message, mentioned, r=room, d=direct: self.message_unread.emit(
                r, message, mentioned, d
            )
        )
        self.conversation_list.add(room, title, direct=direct)
        feed.unread_changed.connect(lambda f=feed: self._counts.changed(f))
        self.conversation_list.set_unread(room, feed.unread, feed.mentioned)  # (the welcome's)
        feed.set_reading(self._window_active and conversation is self.session)
        conversation.session_reset.connect(
            lambda kind, kept, held, c=conversation: self._on_session_reset(c, kind, kept, held)
        )
        conversation.held_released.connect(lambda _held: self._held_resolved())
        conversation.held_discarded.connect(lambda _ids: self._held_resolved())
        conversation.message_refused.connect(self._on_refused)
        conversation.storage_failing.connect(self._on_storage_failing)
        conversation.storage_recovered.connect(self._on_storage_recovered)

    def _unfeed(self, room: str) -> None:
        feed = self.feeds.pop(room)
        self._counts.forget(room)
        self.conversation_list.remove(room)
        self._members.pop(room, None)
        if self.session is feed.conversation:
            self.show_conversation(self.conversations.general.room)
        feed.model.deleteLater()
        feed.deleteLater()

    def rename(self, name: str) -> None:
        """The user goes by ``name`` from now on: the session hears of it now (or at
        the next connection, which asks for it)."""
        self.client.name = name
        self.client.rename(name)

    def _on_renamed(self, renamed: Renamed) -> None:
        """Someone (maybe the user) goes by another name: lists and titles follow."""
        for members in self._members.values():
            for old, member in list(members.items()):
                if (renamed.user and member.user == renamed.user) or (
                    not renamed.user and old == renamed.was
                ):
                    del members[old]
                    members[renamed.name] = Member(renamed.name, member.user)
        if renamed.user:
            self._learn_names([Member(renamed.name, renamed.user)])
        self._tell_models_who_i_am()
        self._set_members()
        self.status_changed.emit()

    def _tell_models_who_i_am(self) -> None:
        """Each log marks the messages mentioning the user by their name now."""
        you = self._me()[1]
        for feed in self.feeds.values():
            feed.model.set_me(you)

    def _me(self) -> tuple[str, str]:
        """The user's user id, and name in the session."""
        return self.client.user_id, self.client.you or self.client.name

    def open_conversation(self, room: str) -> None:
        """Opens (joins) ``room``'s conversation and shows it."""
        self.conversations.open(room)
        self.show_conversation(room)

    def open_direct(self, user: str, name: str = "") -> bool:
        """Opens the direct conversation with ``user`` (online or not) and shows it;
        False when that cannot be (the user's own id, or no identity yet)."""
        from ..core.room_names import direct_room

        if name:
            self.titles.learn(user, name)
        try:
            room = direct_room(self.client.user_id, user)
        except ValueError:
            return False
        self.open_conversation(room)
        return True

    def _learn_names(self, members: list[Member]) -> None:
        """Names seen in a member list: direct conversations with them take them."""
        for member in members:
            if self.titles.learn(member.user, member.name):
                for room in self.feeds:
                    title, direct = self.titles.title(room, self.client.user_id)
                    if direct and self.titles.other(room, self.client.user_id) == member.user:
                        self.conversation_list.add(room, title, direct=True)

    def close_conversation(self, room: str) -> None:
        """Leaves ``room`` (not ``general``); the log shows ``general`` if it showed it."""
        self.conversations.close(room)

    def show_conversation(self, room: str) -> None:
        """The log shows ``room``'s conversation (an open one)."""
        feed = self.feeds.get(room)
        if feed is None or feed.conversation is self.session:
            return
        shown = self.feeds.get(self.session.room)
        if shown is not None:  # (None: its room was just left)
            shown.set_reading(False)
        self.session = feed.conversation
        self.model = feed.model
        feed.show()
        feed.set_reading(self._window_active)
        self.conversation_shown.emit(room, feed.model)
        self._set_members()
        self.status_changed.emit()

    def set_window_active(self, active: bool) -> None:
        """The window is (or no longer is) the one the user works in: the conversation
        it shows is being read."""
        self._window_active = active
        feed = self.feeds.get(self.session.room)
        if feed is not None:
            feed.set_reading(active)

    # -- actions ---------------------------------------------------------------

    def start_discovery(self) -> None:
        """Starts listening for sessions; a failure is reported through ``problem``."""
        if self._shut_down:
            return
        if self._startup_problem:
            self.problem.emit(self._startup_problem)
        if not self.discovery.start():
            self.problem.emit(self.discovery.error_text)
        self.identity_loader.start(self.config.data_dir, self.client.name)

    def start_hosting(self) -> bool:
        """Starts the embedded host and joins it; False (and ``problem``) on failure.

        The host serves with this installation's identity: until it is loaded (a
        moment after the first paint) hosting waits for it; a damaged one must be
        replaced first (``make_new_identity``)."""
        if self.host is not None:
            return True
        if self.identity is None:
            if self._identity_text:  # it failed: the lasting problem says what to do
                self.problem.emit(
                    self.tr("Could not start hosting. {reason}").format(reason=self._identity_text)
                )
                return False
            self._after_identity = self._start_hosting_later
            return True
        from ..host import HostConfig, HostService, HostStartError  # off the start path
        from .host_disk_alarm import watch_host_disk

        machine = QSysInfo.machineHostName() or "Messenger"
        host = HostService(
            HostConfig(
                data_dir=self.config.data_dir / "host",
                session_name=self.session_name
                or self.tr("{name} on {machine}").format(name=self.client.name, machine=machine),
                port=self.host_port or self.config.host_port,
                bind_address=self.config.host_bind,
                discovery_port=self.config.discovery_port,
                identity=self.identity,
                admission=self.host_admission[0],
                password=self.host_admission[1],
                announcements=self.host_announcements,
            ),
            self,
        )
        try:
            host.start()
        except HostStartError as error:
            host.deleteLater()
            self.problem.emit(self.tr("Could not start hosting. {reason}").format(reason=error))
            return False
        self.host = host
        host.members_changed.connect(lambda _n: self.status_changed.emit())
        host.stopped.connect(self._on_host_stopped)
        watch_host_disk(host, self.lasting_problem.emit, self._solved)
        self.hosting_changed.emit(True)
        self.conversations.new_session()
        self._hosted_port = host.port
        self.client.connect_to(LOOPBACK, host.port)
        return True

    def _start_hosting_later(self) -> None:
        if not self.start_hosting():
            self.hosting_changed.emit(False)

    def set_host_admission(self, mode: str, password: str) -> None:
        """Who may join this window's session, now if it hosts, else when it does."""
        self.host_admission = (mode, password)
        if self.host is not None:
            self.host.set_admission(mode, password)

    def set_host_announcements(self, who: str) -> None:
        """Who may announce in this window's session ("owner" or "everyone"), now if
        it hosts, else when it does."""
        self.host_announcements = who
        if self.host is not None:
            self.host.set_announcements(who)

    def stop_hosting(self) -> None:
        """Ends the hosted session (members are told) and stops the embedded host."""
        if self._after_identity == self._start_hosting_later:  # (not started yet)
            self._after_identity = None
            self.hosting_changed.emit(False)
        if self.host is not None:
            self.host.stop()

    def resume(self, address: str, port: int, host_id: str) -> None:
        """Joins the last session again at start, trying until its host answers. Its
        room, already in the log, is the one the user writes to until then (and after,
        if the same host answers)."""
        if host_id:
            self.conversations.resume(host_id)
        self._connect(address, port, keep_trying=True, host_id=host_id)

    def join(self, address: str, port: int, host_id: str = "") -> None:
        """Joins the session at ``address``:``port`` that the user chose (ending our
        own hosting first); ``host_id``: the host its beacon named. At the address of
        the session the user is in, it is that session still: another host answering
        there is a reset."""
        client = self.client
        if (address, port) != (client.address, client.port):
            self.conversations.new_session()
        else:
            host_id = host_id or client.expected_host
        self._connect(address, port, keep_trying=False, host_id=host_id)

    def trust_new_identity(self) -> None:
        """The user trusts the host's new certificate: connect again, with it."""
        change, self.identity_change = self.identity_change, None
        if change is None:
            return
        self.trust.accept(change)
        self.host_identity_changed.emit(None)
        self._connect(change.address, change.port, keep_trying=False, host_id=change.host)

    def send_held(self) -> None:
        """The messages held after a reset go to the session as it is now (those of
        every conversation)."""
        try:
            for conversation in self.conversations:
                conversation.send_held()
        except StoreError as error:
            self.problem.emit(describe_store_error(error))

    def discard_held(self, ids: list[str] | None = None) -> None:
        """The messages held after a reset (all, or those of ``ids``) are forgotten:
        the user chose so."""
        try:
            for conversation in self.conversations:
                conversation.discard_held(ids)
        except StoreError as error:
            self.problem.emit(describe_store_error(error))

    def send(self, text: str) -> bool:
        """Keeps ``text`` in the outbox and sends it (now, or once reconnected).

        Returns False (and emits ``problem``) when no session was ever joined or the
        outbox cannot be written; the text then stays with the user.
        """
        try:
            self.session.send(text)
        except NotConnectedError:
            self.problem.emit(
                self.tr("Not connected: join a session or turn on Host, then send again.")
            )
            return False
        except StoreError as error:
            self.problem.emit(describe_store_error(error))
            return False
        self.status_changed.emit()
        return True

    @property
    def may_announce(self) -> bool:
        """Whether the session's host lets the user announce (its last welcome said so)."""
        return self.client.may_announce

    def announce(self, text: str) -> bool:
        """Announces ``text`` to everyone: kept in ``general``'s outbox and sent (now,
        or once reconnected); the log shows ``general``, where it goes.

        Returns False (and emits ``problem``) when it cannot be kept or sent.
        """
        general = self.conversations.general
        try:
            general.send(text, kind=KIND_ANNOUNCEMENT)
        except NotConnectedError:
            self.problem.emit(self.tr("Not connected: join a session, then announce again."))
            return False
        except StoreError as error:
            self.problem.emit(describe_store_error(error))
            return False
        self.show_conversation(general.room)
        self.status_changed.emit()
        return True

    def _on_refused(self, message: OutgoingMessage) -> None:
        """The host did not take the user's announcement (they may not post one)."""
        self.problem.emit(
            self.tr(
                "Your announcement was not sent: in this session only its host's owner may "
                "announce. It began: “{start}”"
            ).format(start=notification_text(message.text)[:60])
        )
        self.announce_allowed.emit(self.may_announce)

    def _connect(self, address: str, port: int, *, keep_trying: bool, host_id: str = "") -> None:
        if self.host is not None and not (address == LOOPBACK and port == self.host.port):
            self.stop_hosting()
        if self.identity is None:  # (connecting presents it: wait until it is loaded)
            self.stop_hosting()  # (a host waiting for the identity too)
            self.client.disconnect_from_host()
            self.client.address, self.client.port = address, port
            self._after_identity = lambda: self._connect(
                address, port, keep_trying=keep_trying, host_id=host_id
            )
        else:
            if self.identity_change is not None:  # (going elsewhere settles it)
                self.identity_change = None
                self.host_identity_changed.emit(None)
            self.client.connect_to(address, port, keep_trying=keep_trying, host_id=host_id)
        self.status_changed.emit()

    def shutdown(self) -> None:
        """Leaves the session and stops hosting and discovery (on quit)."""
        self._shut_down = True
        self.client.disconnect_from_host()
        self.discovery.stop()
        self.stop_hosting()
        self.conversations.flush_cache()
        self.store.close()
        self.identity_loader.wait()

    # -- state -----------------------------------------------------------------

    @property
    def hosting(self) -> bool:
        """True while the embedded host runs."""
        return self.host is not None

    def status_text(self) -> str:
        """One line saying where we are connected, for the status bar."""
        client = self.client
        where = f"{client.address}:{client.port}"
        conversations = self.conversations
        waiting = conversations.waiting() if not self._shut_down else 0
        if client.state is ConnectionState.CONNECTING:
            text = self.tr("Connecting to {where}…").format(where=where)
        elif client.state is ConnectionState.RECONNECTING and client.waiting_for_host:
            text = self.tr(
                "The session ended: waiting for its host to come back ({where})…"
            ).format(where=where)
        elif client.state is ConnectionState.RECONNECTING:
            text = self.tr("Connection lost: reconnecting to {where}…").format(where=where)
        elif client.state is ConnectionState.CONNECTED and client.welcome is not None:
            if self.host is not None:
                text = self.tr("Hosting “{session}” on port {port} · {count} connected").format(
                    session=client.welcome.session,
                    port=self.host.port,
                    count=self.host.member_count,
                )
            else:
                text = self.tr("Connected to “{session}” ({where}) as {name}").format(
                    session=client.welcome.session, where=where, name=client.you
                )
                if client.host_fingerprint:
                    text += " · " + self.tr("host id {id}").format(
                        id=_short_id(client.host_fingerprint)
                    )
        else:
            text = self.tr("Not connected")
        stuck = client.state is not ConnectionState.CONNECTED or conversations.failing()
        if waiting and (stuck or conversations.held()):
            text += " · " + self.tr("%n message(s) waiting to be sent", "", waiting)
        return text

    # -- events ----------------------------------------------------------------

    def _on_session_reset(
        self,
        conversation: Conversation,
        kind: SessionReset,
        kept: list[StoredMessage],
        held: list[OutgoingMessage],
    ) -> None:
        self.feeds[conversation.room].show_latest()
        if conversation is self.session:
            self.kept_shown.emit(kept)
        text = reset_text(kind, bool(kept))
        if held:
            text += " " + self.tr(
                "%n message(s) you wrote were not sent: send them to the session as it "
                "is now, or discard them.",
                "",
                len(held),
            )
        self._reset_text = text
        self.lasting_problem.emit(text)
        self.held_changed.emit(self.conversations.held())
        self.status_changed.emit()

    def _held_resolved(self) -> None:
        left = self.conversations.held()
        self.held_changed.emit(left)
        if not left:
            self._reset_text = self._solved(self._reset_text)
        else:
            self.status_changed.emit()

    def _on_storage_failing(self, problem: str) -> None:
        text = storage_text(problem)
        self._storage_text = text
        self.lasting_problem.emit(text)
        self.status_changed.emit()

    def _on_storage_recovered(self) -> None:
        self._storage_text = self._solved(self._storage_text)

    def _solved(self, text: str) -> str:
        """``text``, a lasting problem, is over: returns '' (what is shown now)."""
        if text:
            self.problem_solved.emit(text)
        self.status_changed.emit()
        return ""

    def make_new_identity(self) -> None:
        """The user agreed: the damaged identity is set aside and a new one made."""
        self.identity_loader.start_anew(self.config.data_dir, self.client.name)

    def _on_identity_failed(self, error: StoreError) -> None:
        self.identity_damaged.emit(error.problem is StoreProblem.DAMAGED)
        self._identity_text = describe_identity_error(error)
        self.lasting_problem.emit(self._identity_text)

    def _on_identity(self, identity: DeviceIdentity, made: bool) -> None:
        if made:
            log.info("this installation's new identity: %s", identity.short_id)
        self.identity = identity
        self.client.set_identity(identity)
        self._identity_text = self._solved(self._identity_text)
        self.identity_ready.emit(identity)
        waiting, self._after_identity = self._after_identity, None
        if waiting is not None and not self._shut_down:
            waiting()

    def _on_joined(self, joined: Joined) -> None:
        self._members[joined.room] = {member.name: member for member in joined.members}
        self._learn_names(list(joined.members))
        self._set_members()
        self.status_changed.emit()

    def _on_presence(self, presence: Presence) -> None:
        members = self._members.setdefault(presence.room, {})
        if presence.status == PRESENCE_JOINED:
            members[presence.name] = Member(presence.name, presence.user)
            self._learn_names([members[presence.name]])
        else:
            members.pop(presence.name, None)
        if presence.room == self.session.room:
            self._set_members()

    def _on_session_ended(self, reason: str) -> None:
        self._members.clear()
        self._set_members()
        if self.host is None:
            if self.client.waiting_for_host:
                reason += " " + self.tr(
                    "You rejoin by yourself when it is back; what you write meanwhile is kept."
                )
            self.problem.emit(reason)

    def _on_host_identity_changed(self, change: IdentityChange) -> None:
        self._members.clear()
        self._set_members()
        self.identity_change = change
        self.host_identity_changed.emit(change)
        self.status_changed.emit()

    def _on_first_contact(self, fingerprint: str) -> None:
        if self.host is not None:
            return  # (our own host)
        self.notice.emit(
            self.tr(
                "First time in this session: its host's id is {id}. Ask its owner whether "
                "their window (“Your id”) or messenger host shows the same: then nobody "
                "stands between you."
            ).format(id=_short_id(fingerprint))
        )

    def _on_connection_lost(self, reason: str) -> None:
        self._members.clear()
        self._set_members()
        if self.client.state is ConnectionState.RECONNECTING:
            reason += " " + self.tr(
                "Trying again in %n second(s); what you write is kept and sent once connected.",
                "",
                max(1, round(self.client.retry_in)),
            )
        self.problem.emit(reason)

    def _follow_host(self) -> None:
        """While waiting for a session's host to come back: it may come back at another
        address or port (a new lease, a port taken): its beacon says where, and its
        certificate must be the one pinned for it."""
        client = self.client
        if not client.waiting_for_host or self.host is not None:
            return
        pinned = self.trust.pinned(client.expected_host)
        for found in self.discovery.sessions():
            if (
                found.host_id == client.expected_host
                and pinned is not None
                and found.fingerprint == pinned
                and (found.address, found.port) != (client.address, client.port)
            ):
                log.info("the session's host is back at %s:%d", found.address, found.port)
                client.connect_to(
                    found.address, found.port, keep_trying=True, host_id=found.host_id
                )
                self.status_changed.emit()
                return

    def _on_host_stopped(self) -> None:
        if (self.client.address, self.client.port) == (LOOPBACK, self._hosted_port):
            self.client.disconnect_from_host()  # (our own session ended: nothing to wait for)
        host, self.host = self.host, None
        if host is not None:
            host.deleteLater()
        self.hosting_changed.emit(False)
        self.status_changed.emit()

    def _set_members(self) -> None:
        shown = self._members.get(self.session.room, {})
        ordered = sorted(shown.values(), key=lambda member: member.name.casefold())
        self.members_changed.emit(tuple(ordered))


def _short_id(fingerprint: str) -> str:
    """The short form people compare (``core.identity``, loaded after the first paint)."""
    from ..core.identity import short_form

    return short_form(fingerprint)
