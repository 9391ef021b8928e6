"""The frames of the wire protocol, as immutable events.

Each class is one frame ``type`` (its ``TYPE``), declared once: ``@frame`` gives its
direction and its fields in wire order, and puts it in FRAMES, which the codec, the
dispatch checks (dispatch.py) and the frame reference of docs/PROTOCOL.md
(reference.py) read. See docs/PROTOCOL.md for what each frame means.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .frames import CLIENT_TO_HOST, HOST_TO_CLIENT, Field, FrameTable
from .limits import PROTOCOL_VERSION

FRAMES = FrameTable()
"""Every frame type, by its ``type``, in the order declared below."""
frame = FRAMES.frame

# --- client -> host ---------------------------------------------------------


@frame(
    CLIENT_TO_HOST,
    Field("version", "int"),
    Field("name", "name"),
    Field("client", "id"),
    Field("features", "features"),
)
@dataclass(frozen=True, slots=True)
class Hello:
    """First frame of a client: who it is."""

    TYPE: ClassVar[str] = "hello"
    name: str
    client: str
    version: int = PROTOCOL_VERSION
    features: tuple[str, ...] = ()
    """What this client can do beyond the base protocol (PROTOCOL.md, 5)."""


@frame(
    CLIENT_TO_HOST,
    Field("room", "room"),
    Field("since", "opt_int"),
    Field("last_id", "opt_id"),
    Field("ref", "opt_id"),
)
@dataclass(frozen=True, slots=True)
class Join:
    """Enter a room; ``since`` asks for every message after that seq."""

    TYPE: ClassVar[str] = "join"
    room: str
    since: int | None = None
    last_id: str | None = None
    """The id of the message the client holds at seq ``since`` (the host checks it)."""
    ref: str | None = None
    """The client's reference for this request, echoed in its answer (PROTOCOL.md 1.8)."""


@frame(
    CLIENT_TO_HOST,
    Field("room", "room"),
    Field("id", "id"),
    Field("text", "text"),
    Field("ref", "opt_id"),
    Field("kind", "opt_id"),
)
@dataclass(frozen=True, slots=True)
class Say:
    """Post ``text`` to a room; ``id`` makes the post idempotent; ``kind``
    ``announcement`` makes it an announcement (to ``general``, PROTOCOL.md 1.10)."""

    TYPE: ClassVar[str] = "say"
    room: str
    id: str
    text: str
    ref: str | None = None
    """The client's reference for this request, echoed in its answer (PROTOCOL.md 1.8)."""
    kind: str | None = None
    """What the message is beyond text: None (an ordinary message) or
    KIND_ANNOUNCEMENT (to a host that lists FEATURE_ANNOUNCEMENTS only)."""


@frame(CLIENT_TO_HOST, Field("room", "room"), Field("ref", "opt_id"))
@dataclass(frozen=True, slots=True)
class Leave:
    """Leave a room (the host does not answer)."""

    TYPE: ClassVar[str] = "leave"
    room: str
    ref: str | None = None
    """The client's reference for this request, echoed in its answer (PROTOCOL.md 1.8)."""


@frame(CLIENT_TO_HOST, Field("ref", "opt_id"))
@dataclass(frozen=True, slots=True)
class Ping:
    """Ask for a ``pong``."""

    TYPE: ClassVar[str] = "ping"
    ref: str | None = None
    """The client's reference for this request, echoed in its answer (PROTOCOL.md 1.8)."""


@frame(
    CLIENT_TO_HOST,
    Field("room", "room"),
    Field("before", "int"),
    Field("limit", "int"),
    Field("ref", "opt_id"),
)
@dataclass(frozen=True, slots=True)
class History:
    """Ask for up to ``limit`` messages of a room with seq < ``before`` (scrollback)."""

    TYPE: ClassVar[str] = "history"
    room: str
    before: int
    limit: int
    ref: str | None = None
    """The client's reference for this request, echoed in its answer (PROTOCOL.md 1.8)."""


@frame(CLIENT_TO_HOST, Field("nonce", "id"), admission=True)
@dataclass(frozen=True, slots=True)
class ApprovalNonce:
    """Approval (PROTOCOL.md 7.2): the client's nonce, after the host's commitment."""

    TYPE: ClassVar[str] = "approval_nonce"
    nonce: str


@frame(CLIENT_TO_HOST, Field("spake", "id"), admission=True)
@dataclass(frozen=True, slots=True)
class PasswordStart:
    """Password (PROTOCOL.md 7.3): the client's SPAKE2 message."""

    TYPE: ClassVar[str] = "password_start"
    spake: str


@frame(CLIENT_TO_HOST, Field("confirm", "id"), admission=True)
@dataclass(frozen=True, slots=True)
class PasswordConfirm:
    """Password: the client's key confirmation."""

    TYPE: ClassVar[str] = "password_confirm"
    confirm: str


@frame(CLIENT_TO_HOST, Field("ref", "opt_id"))
@dataclass(frozen=True, slots=True)
class Rooms:
    """Ask for the session's rooms: ``room_list`` answers, and ``room_update`` follows
    whenever a room is made, its topic changes or its member count does."""

    TYPE: ClassVar[str] = "rooms"
    ref: str | None = None
    """The client's reference for this request, echoed in its answer (PROTOCOL.md 1.8)."""


@frame(CLIENT_TO_HOST, Field("ref", "opt_id"))
@dataclass(frozen=True, slots=True)
class People:
    """Ask who the session knows: everyone who was ever let in, connected or not
    (``people_list`` answers), so a direct message can go to someone absent."""

    TYPE: ClassVar[str] = "people"
    ref: str | None = None
    """The client's reference for this request, echoed in its answer (PROTOCOL.md 1.8)."""


@frame(CLIENT_TO_HOST, Field("room", "room"), Field("topic", "topic"), Field("ref", "opt_id"))
@dataclass(frozen=True, slots=True)
class CreateRoom:
    """Make a room with a topic (``room_exists`` if it exists); then ``join`` it."""

    TYPE: ClassVar[str] = "create_room"
    room: str
    topic: str = ""
    ref: str | None = None
    """The client's reference for this request, echoed in its answer (PROTOCOL.md 1.8)."""


@frame(CLIENT_TO_HOST, Field("room", "room"), Field("topic", "topic"), Field("ref", "opt_id"))
@dataclass(frozen=True, slots=True)
class SetTopic:
    """Change the topic of a room the client is in (everyone sees ``room_update``)."""

    TYPE: ClassVar[str] = "set_topic"
    room: str
    topic: str = ""
    ref: str | None = None
    """The client's reference for this request, echoed in its answer (PROTOCOL.md 1.8)."""


@frame(CLIENT_TO_HOST, Field("room", "room"), Field("seq", "int"), Field("ref", "opt_id"))
@dataclass(frozen=True, slots=True)
class Read:
    """The user has read ``room`` up to ``seq``: the host keeps it (never backwards)
    and gives it back in ``welcome``'s ``rooms``."""

    TYPE: ClassVar[str] = "read"
    room: str
    seq: int
    ref: str | None = None
    """The client's reference for this request, echoed in its answer (PROTOCOL.md 1.8)."""


@frame(CLIENT_TO_HOST, Field("name", "name"), Field("ref", "opt_id"))
@dataclass(frozen=True, slots=True)
class Rename:
    """Change the display name: ``renamed`` to everyone, or ``name_taken``."""

    TYPE: ClassVar[str] = "rename"
    name: str
    ref: str | None = None
    """The client's reference for this request, echoed in its answer (PROTOCOL.md 1.8)."""


# --- host -> client ---------------------------------------------------------


@frame(HOST_TO_CLIENT, Field("commitment", "id"), admission=True)
@dataclass(frozen=True, slots=True)
class ApprovalCommit:
    """Approval: the host's commitment to its nonce (the device waits for approval)."""

    TYPE: ClassVar[str] = "approval_commit"
    commitment: str


@frame(HOST_TO_CLIENT, Field("nonce", "id"), admission=True)
@dataclass(frozen=True, slots=True)
class ApprovalReveal:
    """Approval: the host's nonce; both sides now show the same code."""

    TYPE: ClassVar[str] = "approval_reveal"
    nonce: str


@frame(HOST_TO_CLIENT, Field("spake", "id"), Field("confirm", "id"), admission=True)
@dataclass(frozen=True, slots=True)
class PasswordReply:
    """Password: the host's SPAKE2 message and its key confirmation."""

    TYPE: ClassVar[str] = "password_reply"
    spake: str
    confirm: str


@frame(
    HOST_TO_CLIENT,
    Field("version", "int"),
    Field("host", "name"),
    Field("session", "name"),
    Field("you", "name"),
    Field("epoch", "opt_id"),
    Field("user", "opt_user"),
    Field("features", "features"),
    Field("rooms", "room_states"),
    Field("permissions", "permissions"),
)
@dataclass(frozen=True, slots=True)
class Welcome:
    """The host's answer to ``hello``."""

    TYPE: ClassVar[str] = "welcome"
    host: str
    session: str
    you: str
    version: int = PROTOCOL_VERSION
    epoch: str | None = None
    """The history's epoch: changes when the host's history stops being a
    continuation of what it served before (None from hosts that do not send it)."""
    user: str | None = None
    """The client's user id, as the host knows it (None on a plaintext benchmark host)."""
    features: tuple[str, ...] = ()
    """What the host can do beyond the base protocol (PROTOCOL.md, 5)."""
    rooms: tuple[RoomState, ...] = ()
    """The rooms the user belongs to, with their last seq and the user's read marker
    (empty from hosts of an earlier version)."""
    permissions: tuple[str, ...] = ()
    """What this member may do beyond chatting (PERMISSION_ANNOUNCE); empty: nothing."""


@dataclass(frozen=True, slots=True)
class RoomState:
    """A room the user belongs to, in ``welcome``: its last seq and how far the user
    has read it (``read``, a seq; 0: nothing)."""

    room: str
    last_seq: int
    read: int = 0


@dataclass(frozen=True, slots=True)
class RoomInfo:
    """A room of the session, in ``room_list``: its name, topic and member count."""

    room: str
    topic: str = ""
    members: int = 0


@dataclass(frozen=True, slots=True)
class Member:
    """A member of a room, in ``joined``: the name shown and the identity behind it."""

    name: str
    user: str | None = None
    """The member's user id (None on a plaintext benchmark host)."""


@frame(
    HOST_TO_CLIENT,
    Field("room", "room"),
    Field("members", "members"),
    Field("last_seq", "int"),
    Field("topic", "topic"),
    Field("ref", "opt_id"),
)
@dataclass(frozen=True, slots=True)
class Joined:
    """Sent after the replay that follows a ``join``."""

    TYPE: ClassVar[str] = "joined"
    room: str
    members: tuple[Member, ...]
    last_seq: int
    topic: str = ""
    """The room's topic (empty: none, or a host of an earlier version)."""
    ref: str | None = None
    """The client's reference of the join, echoed in its answer (PROTOCOL.md 1.8)."""


@frame(HOST_TO_CLIENT, Field("room", "room"), Field("members", "members"))
@dataclass(frozen=True, slots=True)
class MemberList:
    """Part of a room's member list, before its ``joined``.

    A list too long for one frame is split: these frames, then ``joined`` with the rest.
    """

    TYPE: ClassVar[str] = "members"
    room: str
    members: tuple[Member, ...]


@frame(
    HOST_TO_CLIENT,
    Field("room", "room"),
    Field("seq", "int"),
    Field("id", "id"),
    Field("sender", "name", wire="from"),
    Field("ts", "int"),
    Field("text", "text"),
    Field("user", "opt_user"),
    Field("kind", "opt_id"),
)
@dataclass(frozen=True, slots=True)
class Message:
    """A room message, relayed to every member (``from`` on the wire is ``sender``);
    ``kind`` ``announcement``: an announcement to everyone."""

    TYPE: ClassVar[str] = "message"
    room: str
    seq: int
    id: str
    sender: str
    ts: int
    text: str
    user: str | None = None
    """The sender's user id (None on a plaintext benchmark host, and for messages
    stored before the host knew identities)."""
    kind: str | None = None
    """None for an ordinary message; KIND_ANNOUNCEMENT for an announcement."""


@frame(
    HOST_TO_CLIENT,
    Field("room", "room"),
    Field("before", "int"),
    Field("messages", "messages"),
    Field("ref", "opt_id"),
)
@dataclass(frozen=True, slots=True)
class HistoryPage:
    """The answer to ``history``: the newest messages before ``before``, oldest first.

    An empty page means there is nothing older. The host may send fewer than asked,
    to keep the frame under the size limit.
    """

    TYPE: ClassVar[str] = "history_page"
    room: str
    before: int
    messages: tuple[Message, ...]
    ref: str | None = None
    """The client's reference of the ``history``, echoed in its answer (PROTOCOL.md 1.8)."""


@frame(
    HOST_TO_CLIENT,
    Field("id", "id"),
    Field("seq", "int"),
    Field("room", "opt_room"),
    Field("ref", "opt_id"),
)
@dataclass(frozen=True, slots=True)
class Ack:
    """Tells the sender of ``say`` ``id`` that it is stored as ``seq`` of ``room``."""

    TYPE: ClassVar[str] = "ack"
    id: str
    seq: int
    room: str | None = None
    """The say's room (always sent by hosts since ``ref``; None from earlier ones)."""
    ref: str | None = None
    """The client's reference of the ``say``, echoed in its answer (PROTOCOL.md 1.8)."""


@frame(HOST_TO_CLIENT, Field("room", "room"), Field("epoch", "id"))
@dataclass(frozen=True, slots=True)
class RoomReset:
    """The answer to a ``join`` whose ``since``/``last_id`` is not in this history.

    The history was reset or restored from an older copy: the client must forget what
    it holds of ``room``; the latest messages and ``joined`` follow. ``epoch``: the
    history's epoch now.
    """

    TYPE: ClassVar[str] = "room_reset"
    room: str
    epoch: str


@frame(
    HOST_TO_CLIENT,
    Field("room", "room"),
    Field("name", "name"),
    Field("status", "id"),
    Field("user", "opt_user"),
)
@dataclass(frozen=True, slots=True)
class Presence:
    """A member ``name`` has ``joined`` or ``left`` a room (``joined`` gave the list)."""

    TYPE: ClassVar[str] = "presence"
    room: str
    name: str
    status: str
    user: str | None = None
    """The member's user id (None on a plaintext benchmark host)."""


@frame(HOST_TO_CLIENT, Field("ref", "opt_id"))
@dataclass(frozen=True, slots=True)
class Pong:
    """The answer to ``ping``."""

    TYPE: ClassVar[str] = "pong"
    ref: str | None = None
    """The client's reference of the ``ping``, echoed in its answer (PROTOCOL.md 1.8)."""


@frame(
    HOST_TO_CLIENT,
    Field("code", "id"),
    Field("message", "message"),
    Field("id", "opt_id"),
    Field("problem", "opt_id"),
    Field("retry_ms", "opt_int"),
    Field("room", "opt_room"),
    Field("ref", "opt_id"),
)
@dataclass(frozen=True, slots=True)
class Error:
    """Something went wrong; ``code`` is machine-readable, ``message`` for people."""

    TYPE: ClassVar[str] = "error"
    code: str
    message: str
    id: str | None = None
    """For an error about one ``say`` (``storage_error``): that say's id."""
    problem: str | None = None
    """For ``storage_error``: what is wrong (``disk_full``, ``not_writable``, ...)."""
    retry_ms: int | None = None
    """For ``slow_down``: how long to wait before sending that say again."""
    room: str | None = None
    """For an error about one room (``forbidden``, ``room_exists``, ``not_in_room``,
    ``bad_room_name``): that room."""
    ref: str | None = None
    """The ``ref`` of the request refused (None when it had none)."""


@frame(HOST_TO_CLIENT, Field("reason", "id"), Field("message", "message"))
@dataclass(frozen=True, slots=True)
class Bye:
    """The host is closing this connection on purpose (e.g. the session ended)."""

    TYPE: ClassVar[str] = "bye"
    reason: str
    message: str = ""


@frame(HOST_TO_CLIENT, Field("rooms", "room_infos"), Field("ref", "opt_id"))
@dataclass(frozen=True, slots=True)
class RoomList:
    """The answer to ``rooms``: every room of the session but direct conversations."""

    TYPE: ClassVar[str] = "room_list"
    rooms: tuple[RoomInfo, ...]
    ref: str | None = None
    """The client's reference of the ``rooms``, echoed in its answer (PROTOCOL.md 1.8)."""


@frame(HOST_TO_CLIENT, Field("people", "members"))
@dataclass(frozen=True, slots=True)
class PeoplePart:
    """Part of the answer to ``people``, before its ``people_list``.

    A directory too long for one frame is split: these frames, then ``people_list``
    with the rest.
    """

    TYPE: ClassVar[str] = "people_part"
    people: tuple[Member, ...]


@frame(HOST_TO_CLIENT, Field("people", "members"), Field("ref", "opt_id"))
@dataclass(frozen=True, slots=True)
class PeopleList:
    """The answer to ``people`` (after its ``people_part`` frames, if any): the
    identities the session knows and the names they hold, sorted by name."""

    TYPE: ClassVar[str] = "people_list"
    people: tuple[Member, ...]
    ref: str | None = None
    """The client's reference of the ``people``, echoed in its answer (PROTOCOL.md 1.8)."""


@frame(HOST_TO_CLIENT, Field("room", "room"), Field("topic", "topic"), Field("members", "int"))
@dataclass(frozen=True, slots=True)
class RoomUpdate:
    """A room was made, or its topic or member count changed (to clients that asked
    ``rooms``, and to the room's members when its topic changes)."""

    TYPE: ClassVar[str] = "room_update"
    room: str
    topic: str
    members: int


@frame(
    HOST_TO_CLIENT,
    Field("user", "opt_user"),
    Field("name", "name"),
    Field("was", "name"),
    Field("ref", "opt_id"),
)
@dataclass(frozen=True, slots=True)
class Renamed:
    """A member's display name is now ``name`` (it was ``was``), to every member; the
    renamer's own copy carries its ``rename``'s ``ref``."""

    TYPE: ClassVar[str] = "renamed"
    user: str | None
    """The member's user id (None on a plaintext benchmark host)."""
    name: str
    was: str
    ref: str | None = None
    """The ``ref`` of the ``rename`` (only in the renamer's copy)."""


@frame(HOST_TO_CLIENT, Field("permissions", "permissions"))
@dataclass(frozen=True, slots=True)
class Permissions:
    """What the member may do changed (the host's owner changed who may announce): it
    replaces the ``permissions`` of its ``welcome``."""

    TYPE: ClassVar[str] = "permissions"
    permissions: tuple[str, ...] = ()


# The unions are written out for mypy; a test checks them against FRAMES.
ClientEvent = (
    Hello
    | Join
    | Say
    | Leave
    | Ping
    | History
    | Rooms
    | People
    | CreateRoom
    | SetTopic
    | Read
    | Rename
    | ApprovalNonce
    | PasswordStart
    | PasswordConfirm
)
HostEvent = (
    Welcome
    | Joined
    | MemberList
    | Message
    | HistoryPage
    | Ack
    | Presence
    | Pong
    | Error
    | Bye
    | RoomReset
    | RoomList
    | RoomUpdate
    | PeoplePart
    | PeopleList
    | Renamed
    | Permissions
    | ApprovalCommit
    | ApprovalReveal
    | PasswordReply
)
Event = ClientEvent | HostEvent

CLIENT_TYPES = FRAMES.types(CLIENT_TO_HOST)
"""The frame types clients send."""
HOST_TYPES = FRAMES.types(HOST_TO_CLIENT)
"""The frame types the host sends."""
ADMISSION_CLIENT_TYPES = FRAMES.admission_types(CLIENT_TO_HOST)
"""What a client may send between its ``hello`` and the host's ``welcome``."""
ADMISSION_HOST_TYPES = FRAMES.admission_types(HOST_TO_CLIENT)
"""What a host may send between a ``hello`` and its ``welcome`` (besides errors)."""

PRESENCE_JOINED = "joined"
PRESENCE_LEFT = "left"
BYE_SESSION_ENDED = "session_ended"
BYE_REPLACED = "replaced"
"""The same identity connected again: this (stale) connection is closed."""
BYE_REMOVED = "removed"
"""The host's owner removed this member from the session."""
FEATURE_APPROVAL = "approval"
"""The client can wait for approval (PROTOCOL.md 7.2)."""
FEATURE_PASSWORD = "password"
"""The client can prove a session password (PROTOCOL.md 7.3)."""
FEATURE_ROOMS = "rooms"
"""The host keeps a room directory (``rooms``, ``create_room``, ``set_topic``), the
rooms each user belongs to and their read markers (``read``; ``welcome.rooms``)."""
FEATURE_PEOPLE = "people"
"""The host answers ``people`` with everyone the session knows (``people_list``)."""
STORAGE_ERROR = "storage_error"
SLOW_DOWN = "slow_down"
"""A ``say`` refused unstored for the member's rate: send it again after ``retry_ms``."""
DAILY_QUOTA = "daily_quota"
"""``slow_down.problem`` when the day's quota, not the rate, holds a message."""
TOO_MANY_REQUESTS = "too_many_requests"
"""A ``join``, ``ping`` or ``history`` beyond the connection's budget: not answered
(it counts among the frames the host could not take); ``retry_ms`` says when one
would be."""
FORBIDDEN = "forbidden"
"""A ``join`` of a direct conversation of two others: only its two members may read
or write it (their ``say`` and ``history`` of it get ``not_in_room``: nobody else
can be in it); an announcement by a member who may not post one (``id`` says which)."""
ROOM_EXISTS = "room_exists"
"""A ``create_room`` of a name taken already (``join`` it instead)."""
BAD_ROOM_NAME = "bad_room_name"
"""A room name people may not choose (empty, too long, control characters, or a
``dm:`` name that is not two user ids)."""
FEATURE_ANNOUNCEMENTS = "announcements"
"""The host keeps announcements (``say`` with ``kind`` ``announcement``) and says in
``welcome.permissions`` whether the member may post them."""
PERMISSION_ANNOUNCE = "announce"
"""In ``welcome.permissions``: this member may post announcements."""
KIND_ANNOUNCEMENT = "announcement"
"""The ``kind`` of an announcement: a message to everyone, in ``general``."""
MESSAGE_KINDS = frozenset({KIND_ANNOUNCEMENT})
"""The message kinds a host stores (a ``say`` of another kind: ``bad_frame``)."""
NAME_TAKEN = "name_taken"
"""A ``rename`` to a name another member (or another identity) holds, compared as
``hello``'s names are (case and look-alikes folded)."""
