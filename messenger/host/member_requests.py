"""What members ask of the host, frame by frame: a member let in says, joins, leaves,
reads history, pings, and asks about the room directory (the room list, rooms made,
topics, read markers); one not let in yet only says hello, proves itself
(admission) and pings. Each kind of frame has its handler in a table."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from ..core.room_names import DIRECT_PREFIX
from ..protocol import (
    ApprovalNonce,
    CreateRoom,
    Error,
    Event,
    Hello,
    History,
    Join,
    Leave,
    PasswordConfirm,
    PasswordStart,
    People,
    Ping,
    Pong,
    Read,
    Rename,
    Rooms,
    Say,
    SetTopic,
)
from ..protocol.events import NAME_TAKEN
from .admission import Admission
from .announcements import AnnouncePolicy
from .member_connection import MemberConnection
from .membership import Members
from .people_directory import PeopleDirectory
from .relay import MessageRelay
from .request_limits import RequestLimiter
from .room_access import RoomAccess
from .room_catalog import RoomCatalog
from .room_history import RoomHistory
from .rooms import Rooms as RoomMembers

Handler = Callable[[MemberConnection, Event], None]
"""Handles one frame of a member."""
Handlers = dict[type[Event], Handler]
"""The handler of each kind of frame."""
Row = tuple[type[Event], Handler]
E = TypeVar("E", bound=Event)

ADMISSION_FRAMES: tuple[type[Event], ...] = (ApprovalNonce, PasswordStart, PasswordConfirm)
"""What a member may send between its hello and its welcome to be let in
(``protocol.events.ADMISSION_CLIENT_TYPES``)."""
ANSWERED_BEFORE_WELCOME: tuple[type[Event], ...] = (Hello, *ADMISSION_FRAMES)
"""What a member let in sends to no handler: a second hello (the protocol answers
``already_greeted``) and admission frames (of no use any more: not answered)."""
NOT_ADMITTED = "wait until the host lets you in"


def entry(kind: type[E], handler: Callable[[MemberConnection, E], None]) -> Row:
    """A row of a handler table: ``handler`` takes the frames of ``kind`` (the
    table looks frames up by their exact type, so it gets no other; the casts
    only forget what this signature ties together)."""
    return cast("type[Event]", kind), cast(Handler, handler)


class MemberRequests:
    """Answers the frames of the members of one run of the host.

    Args:
        admission: Decides on members not let in yet.
        history: Answers joins and history requests.
        relay: Stores and relays what members say.
        rooms: The rooms members leave.
        limiter: Counts each connection's joins and pings.
        catalog: Answers the room list, rooms made, topics and read markers.
        access: Who may join which room, and the memberships joins and leaves keep.
        members: Who is called what (renames).
        people: Who the session knows (``people``).
        announcements: Who may post announcements.
    """

    def __init__(
        self,
        admission: Admission,
        history: RoomHistory,
        relay: MessageRelay,
        rooms: RoomMembers,
        limiter: RequestLimiter,
        catalog: RoomCatalog,
        access: RoomAccess,
        members: Members,
        people: PeopleDirectory,
        announcements: AnnouncePolicy,
    ) -> None:
        self._admission = admission
        self._history = history
        self._relay = relay
        self._rooms = rooms
        self._limiter = limiter
        self._catalog = catalog
        self._access = access
        self._members = members
        self._announcements = announcements
        self._stopped = False
        self._welcomed: Handlers = dict(
            (
                entry(Say, self._on_say),  # (the common case first)
                entry(Join, self._on_join),
                entry(Leave, self._on_leave),
                entry(Ping, self._on_ping),
                entry(History, history.page),
                entry(Rooms, catalog.list_rooms),
                entry(CreateRoom, catalog.create),
                entry(SetTopic, catalog.set_topic),
                entry(Read, catalog.read),
                entry(Rename, self._on_rename),
                entry(People, people.list_people),
            )
        )
        self._not_welcomed: Handlers = dict(
            (
                entry(Hello, self._on_hello),
                *(entry(kind, admission.on_event) for kind in ADMISSION_FRAMES),
                entry(Ping, self._on_ping),
            )
        )

    @property
    def tables(self) -> tuple[Handlers, Handlers]:
        """Its handler tables (copies, for checks): for members let in, and for
        members not let in yet (whose other frames get ``not_admitted``)."""
        return dict(self._welcomed), dict(self._not_welcomed)

    def handle(self, member: MemberConnection, event: Event) -> None:
        """Answers ``event``, a frame ``member`` sent (nothing once stopped).

        A member let in gets no answer to a frame of no use to it any more (an
        admission frame); one not let in yet gets ``not_admitted`` for anything but
        its hello, admission frames and pings.
        """
        if self._stopped:
            return
        if member.welcomed:
            handler = self._welcomed.get(type(event))
            if handler is not None:
                handler(member, event)
        else:
            self._not_welcomed.get(type(event), self._not_admitted)(member, event)

    def forget(self, member: MemberConnection) -> None:
        """``member``'s connection is gone: nothing it asked is answered any more."""
        self._admission.forget(member)
        self._relay.forget(member)
        self._limiter.forget(member)
        self._history.forget(member)
        self._catalog.forget(member)

    def stop(self) -> None:
        """The host stops: frames are no longer answered."""
        self._stopped = True

    def _on_hello(self, member: MemberConnection, hello: Hello) -> None:
        member.hello_received()
        self._admission.begin(member, hello)

    def _not_admitted(self, member: MemberConnection, _event: Event) -> None:
        """A frame of a member not let in yet that is no part of its admission: it
        gets nothing of the session."""
        ref = getattr(_event, "ref", None)
        member.send(Error(code="not_admitted", message=NOT_ADMITTED, ref=ref))

    def _on_say(self, member: MemberConnection, say: Say) -> None:
        if say.kind is not None:  # (an announcement stored already is acknowledged again)
            refusal = self._announcements.refusal(member.user_id, say)
            if refusal is not None and not self._relay.is_repeat(member, say):
                member.refuse(refusal)
                return
        if say.room.startswith(DIRECT_PREFIX) and say.room in member.rooms:
            self._access.said(member, say.room)
        self._relay.say(member, say)

    def _on_join(self, member: MemberConnection, join: Join) -> None:
        refusal = self._limiter.join_refusal(member, join.ref)
        if refusal is not None:
            member.refuse(refusal)
        elif self._access.admit(member, join.room, join.ref):
            self._history.join(member, join)

    def _on_leave(self, member: MemberConnection, leave: Leave) -> None:
        """``member`` leaves the room: it gets nothing more of it, and its identity
        is no longer a member (of any room but ``general``: that part is ignored)."""
        self._access.left(member, leave.room)
        if self._history.cancel(member, leave.room):
            return
        if leave.room in member.rooms:
            self._rooms.remove(member, leave.room)

    def _on_ping(self, member: MemberConnection, ping: Ping) -> None:
        refusal = self._limiter.ping_refusal(member, ping.ref)
        if refusal is not None:
            member.refuse(refusal)
        else:
            member.send(Pong(ref=ping.ref))

    def _on_rename(self, member: MemberConnection, rename: Rename) -> None:
        """``renamed`` to everyone; ``name_taken`` when another holds the name (a
        rename counts as a join)."""
        refusal = self._limiter.join_refusal(member, rename.ref)
        if refusal is not None:
            member.refuse(refusal)
        elif not self._members.rename(member, rename.name, rename.ref):
            text = f"{rename.name!r} is someone else's name here: choose another"
            member.send(Error(code=NAME_TAKEN, message=text, ref=rename.ref))
