"""Who is in the session: the connections open, the members let in through them (by
user id), their names, their welcome, and their going (closed, replaced, removed or
banned)."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from ..core.names import clean_name
from ..protocol import Hello, Permissions, Renamed, RoomState, Welcome, encode_event
from ..protocol.events import (
    BYE_REMOVED,
    BYE_REPLACED,
    FEATURE_ANNOUNCEMENTS,
    FEATURE_PEOPLE,
    FEATURE_ROOMS,
)
from ..store import HistoryStore, StoreError
from .admission import Admission
from .member_connection import MemberConnection
from .member_names import MemberNames
from .relay import MessageRelay
from .room_access import fitting
from .rooms import Rooms

log = logging.getLogger(__name__)

RoomStates = Callable[[str], tuple[RoomState, ...]]
"""The rooms of an identity, for its welcome (``RoomAccess.welcome_rooms``)."""
PermissionsOf = Callable[[str], tuple[str, ...]]
"""What an identity may do beyond chatting, for its welcome (``AnnouncePolicy``)."""

HOST_FEATURES = (FEATURE_ROOMS, FEATURE_PEOPLE, FEATURE_ANNOUNCEMENTS)
"""What a host with identities lists in its welcomes."""
NAMES_COMMIT_MS = 50
"""The names members took are committed this long after the first (one fsync for an
office arriving, not one per member)."""


class Members(QObject):
    """The connections to the host and the members let in through them.

    (The texts it sends members are translated in the context "HostService", where
    they were first.)

    Args:
        rooms: The rooms a member leaves when it goes.
        relay: Its messages waiting for a flush take the names' commit along.

    Signals:
        changed(int): the number of members let in changed (to this).
        gone(object): a connection (a MemberConnection) closed; it is out of its
            rooms and its name is free; what else it holds may go.
        emptied(): the last connection closed.
    """

    changed = Signal(int)
    gone = Signal(object)
    emptied = Signal()

    def __init__(self, rooms: Rooms, relay: MessageRelay, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rooms = rooms
        self._relay = relay
        self._connected: dict[MemberConnection, None] = {}
        self._by_user: dict[str, MemberConnection] = {}  # let in, by user id
        self._names = MemberNames(None)  # (with the store, at ``open``)
        self._store: HistoryStore | None = None
        self._session = ""
        self._room_states: RoomStates | None = None
        self._permissions: PermissionsOf | None = None
        self._names_timer = QTimer(self)  # names taken are committed together
        self._names_timer.setSingleShot(True)
        self._names_timer.setInterval(NAMES_COMMIT_MS)
        self._names_timer.timeout.connect(self._commit_names)

    @property
    def count(self) -> int:
        """Connected members that were let in."""
        return self._names.count

    def connection_of(self, user: str) -> MemberConnection | None:
        """The connection identity ``user`` is let in on (None: not connected)."""
        return self._by_user.get(user)

    @property
    def connections(self) -> list[MemberConnection]:
        """Every open connection, let in or not (a copy: closing one drops it)."""
        return list(self._connected)

    def listing(self) -> list[tuple[str, str]]:
        """(name, user id) of each member let in, by name."""
        return sorted(((m.name, m.user_id) for m in self._by_user.values()), key=lambda n: n[0])

    def open(
        self,
        store: HistoryStore,
        session: str,
        *,
        keep_names: bool,
        room_states: RoomStates | None = None,
        permissions: PermissionsOf | None = None,
    ) -> None:
        """The host starts serving ``store`` as ``session``; names are held by
        identities in the store when ``keep_names`` (else only while connected);
        with ``room_states``, a welcome lists the identity's rooms (and the
        ``rooms`` and ``announcements`` features), and with ``permissions`` what
        the identity may do."""
        self._store = store
        self._session = session
        self._room_states = room_states
        self._permissions = permissions
        self._names = MemberNames(store if keep_names else None)

    def close(self) -> None:
        """The host stopped: no more names are committed."""
        self._names_timer.stop()
        self._store = None

    def add(self, member: MemberConnection) -> None:
        """``member`` connected (it says hello next)."""
        self._connected[member] = None
        member.closed.connect(lambda m=member: self.drop(m))

    def drop(self, member: MemberConnection) -> None:
        """``member``'s connection is gone: it leaves everything it was in."""
        if member not in self._connected:
            return
        was_counted = member.welcomed and not member.replaced
        del self._connected[member]
        self._forget(member)
        self.gone.emit(member)
        member.deleteLater()
        if was_counted:
            self.changed.emit(self.count)
        if not self._connected:
            self.emptied.emit()

    def welcome(self, member: MemberConnection, hello: Hello) -> None:
        """``member`` is let in: it gets its name and the welcome (an older connection
        of its identity goes)."""
        assert self._store is not None
        stale = self._by_user.get(member.user_id) if member.user_id else None
        if stale is not None:
            self._replace(stale)
        name = self._names.assign(member, member.user_id, clean_name(hello.name))
        if member.user_id:
            self._by_user[member.user_id] = member
        welcome = Welcome(
            host=self._store.host_id,
            session=self._session,
            you=name,
            epoch=self._store.epoch,
            user=member.user_id or None,
        )
        if self._room_states is not None and member.user_id:
            rooms = self._room_states(member.user_id)
            allowed = self._permissions(member.user_id) if self._permissions else ()
            welcome = fitting(
                dataclasses.replace(
                    welcome, features=HOST_FEATURES, rooms=rooms, permissions=allowed
                )
            )
        member.send(welcome)
        # Repeats are found by (room, sender, id): the sender is its identity, which
        # nobody else can present; ``hello.client`` anyone may claim (plaintext only).
        member.mark_welcomed(name, member.user_id or hello.client)
        if not self._names_timer.isActive():  # (the name it now holds, with others)
            self._names_timer.start()
        self.changed.emit(self.count)

    def rename(self, member: MemberConnection, wanted: str, ref: str | None = None) -> bool:
        """``member`` is called ``wanted`` (cleaned as a hello's name) from now on:
        its identity holds it, the lists of its rooms show it, and every member let
        in is told (``renamed``; ``member``'s own copy answers ``ref``). False when
        another member or identity holds that name (nothing changed)."""
        old, name = member.name, clean_name(wanted)
        if name != old:
            if not self._names.rename(member, member.user_id, old, name):
                return False
            self._rooms.flush_presence()  # (what others hear of it, by its old name)
            member.name = name
            self._rooms.rename(member)
            self._tell_renamed(member, old)
            if not self._names_timer.isActive():
                self._names_timer.start()
            self.changed.emit(self.count)
        member.send(Renamed(user=member.user_id or None, name=name, was=old, ref=ref))
        return True

    def tell_permissions(self) -> None:
        """Who may do what changed: every member let in hears what it may do now
        (``permissions``, which replaces its welcome's)."""
        if self._permissions is None:
            return
        for member in self._by_user.values():
            member.send(Permissions(permissions=self._permissions(member.user_id)))

    def _tell_renamed(self, member: MemberConnection, old: str) -> None:
        """Every member let in but ``member`` hears that ``old`` is now its name."""
        frame = encode_event(Renamed(user=member.user_id or None, name=member.name, was=old))
        for other in self.connections:
            if other is not member and other.welcomed and not other.replaced:
                other.send_bytes(frame)

    def remove(self, user: str) -> None:
        """The owner removes member ``user`` from the session (it may join again)."""
        member = self._by_user.get(user)
        if member is None:
            return
        log.info("the owner removes %s (%s)", member.name, member.peer)
        self._forget(member)
        text = QCoreApplication.translate(
            "HostService", "The host's owner removed you from the session."
        )
        member.close_with_bye(text, reason=BYE_REMOVED)

    def ban(self, user: str, admission: Admission) -> None:
        """The owner bans device ``user``: ``admission`` refuses it from now on, and
        it is removed now if connected."""
        member = self._by_user.get(user)
        admission.ban(user, member.name if member is not None else "")
        self.remove(user)

    def close_all(self, text: str) -> None:
        """Tells every connection ``text`` (the session ended) and closes it."""
        for member in self.connections:
            member.close_with_bye(text)

    def abort_all(self) -> None:
        """Closes every connection at once."""
        for member in self.connections:
            member.abort()

    def _forget(self, member: MemberConnection) -> None:
        """``member`` no longer counts: out of its rooms, its name free for its
        identity (only: the identity holds it)."""
        self._names.release(member, member.name)
        if self._by_user.get(member.user_id) is member:
            del self._by_user[member.user_id]
        for room in list(member.rooms):
            self._rooms.remove(member, room)
        if member.replay is not None:  # (listed already, while its join is answered)
            self._rooms.remove(member, member.replay.room)
            member.replay = None
        member.joins_waiting.clear()
        member.pages_asked.clear()

    def _replace(self, stale: MemberConnection) -> None:
        """The same identity said hello on another connection: the old one (a dropped
        network the host has not noticed yet, or the same device twice) goes."""
        log.info("%s connected again from another connection: closing %s", stale.name, stale.peer)
        stale.replaced = True
        self._forget(stale)
        stale.close_with_bye(
            QCoreApplication.translate(
                "HostService", "This device connected to the session again elsewhere."
            ),
            reason=BYE_REPLACED,
        )

    def _commit_names(self) -> None:
        """Commits the names taken since the last commit (messages waiting for a
        flush take them along: their commit is the flush's)."""
        store = self._store
        if store is None or self._relay.pending or not store.uncommitted:
            return
        try:
            store.commit()
        except StoreError as error:  # (held while connected; asked again next time)
            log.warning("cannot keep the names members took: %s", error)
