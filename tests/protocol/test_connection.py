"""The sans-IO Connection: handshake rules, framing, limits, both ends agreeing.

No sockets: bytes go from one Connection's ``send`` straight into the other's
``receive_data``, the way h11's tests drive a client and a server.
"""

from __future__ import annotations

import json

import pytest

from messenger.protocol import (
    Ack,
    ApprovalCommit,
    ApprovalNonce,
    ApprovalReveal,
    Bye,
    Connection,
    Error,
    Event,
    Hello,
    History,
    HistoryPage,
    Join,
    Joined,
    Leave,
    LocalProtocolError,
    Member,
    Message,
    PasswordConfirm,
    PasswordReply,
    PasswordStart,
    Ping,
    Pong,
    Presence,
    RemoteProtocolError,
    Role,
    Say,
    State,
    Welcome,
    encode_event,
)
from messenger.protocol.limits import MAX_FRAME_BYTES, MAX_ROOM_CHARS, MAX_TEXT_CHARS

HELLO = Hello(name="An", client="c1")
WELCOME = Welcome(host="h1", session="Văn phòng", you="An")

CLIENT_EVENTS: list[Event] = [
    HELLO,
    Join(room="general"),
    Join(room="general", since=3),
    Say(room="general", id="m1", text="Chào 👋 <b>x</b>"),
    Leave(room="general"),
    Ping(),
    History(room="general", before=10, limit=5),
]
HOST_EVENTS: list[Event] = [
    WELCOME,
    Joined(room="general", members=(Member("An", "a" * 64),), last_seq=0),
    Message(room="general", seq=1, id="m1", sender="An", ts=1, text="ừ"),
    HistoryPage(room="general", before=1, messages=()),
    Ack(id="m1", seq=1),
    Presence(room="general", name="An", status="joined"),
    Pong(),
    Error(code="bad_frame", message="x"),
    Bye(reason="session_ended"),
]


def ident(event: Event) -> str:
    return type(event).__name__


class ConnectionPair:
    """A client and a host Connection joined without sockets.

    Each ``*_sends`` writes one event on one end and delivers the bytes to the other
    end ``chunk`` bytes at a time (all at once when None), returning what arrived.
    """

    def __init__(self, chunk: int | None = None) -> None:
        self.client = Connection(Role.CLIENT)
        self.host = Connection(Role.HOST)
        self.chunk = chunk

    def _deliver(self, data: bytes, to: Connection) -> list[Event]:
        size = self.chunk or max(len(data), 1)
        received: list[Event] = []
        for start in range(0, len(data), size):
            to.receive_data(data[start : start + size])
            received.extend(to.events())
        assert to.buffered == 0
        return received

    def client_sends(self, event: Event) -> list[Event]:
        return self._deliver(self.client.send(event), self.host)

    def host_sends(self, event: Event) -> list[Event]:
        return self._deliver(self.host.send(event), self.client)

    def exchange(self, side: str, event: Event) -> None:
        """Sends ``event`` and asserts that exactly it arrived at the other end."""
        received = self.client_sends(event) if side == "c" else self.host_sends(event)
        assert received == [event]

    def assert_agree(self) -> None:
        assert self.client.state is self.host.state


def greeted() -> ConnectionPair:
    pair = ConnectionPair()
    pair.exchange("c", HELLO)
    pair.exchange("h", WELCOME)
    pair.assert_agree()
    return pair


def error_of(conn: Connection, data: bytes) -> RemoteProtocolError:
    conn.receive_data(data)
    with pytest.raises(RemoteProtocolError) as raised:
        conn.next_event()
    assert raised.value.message
    return raised.value


def assert_closed_and_deaf(conn: Connection) -> None:
    assert conn.state is State.CLOSED
    assert conn.next_event() is None
    conn.receive_data(encode_event(HELLO) + encode_event(Ping()) + encode_event(Pong()))
    assert conn.buffered == 0  # input is dropped, not kept
    assert conn.next_event() is None
    assert list(conn.events()) == []


# --- a whole session ------------------------------------------------------------

SESSION: list[tuple[str, Event]] = [
    ("c", Join(room="general", since=3)),
    ("h", Message(room="general", seq=4, id="old", sender="Bình", ts=1, text="cũ")),
    ("h", Joined(room="general", members=(Member("An"), Member("Bình")), last_seq=4)),
    ("h", Presence(room="general", name="An", status="joined")),
    ("c", Say(room="general", id="m1", text="Chào cả nhà 👋 <b>đậm?</b>")),
    (
        "h",
        Message(
            room="general", seq=5, id="m1", sender="An", ts=2, text="Chào cả nhà 👋 <b>đậm?</b>"
        ),
    ),
    ("h", Ack(id="m1", seq=5)),
    ("c", History(room="general", before=4, limit=50)),
    (
        "h",
        HistoryPage(
            room="general", before=4, messages=(Message("general", 3, "b", "Bình", 0, "ừ"),)
        ),
    ),
    ("h", Presence(room="general", name="Chi", status="joined")),
    ("c", Ping()),
    ("h", Pong()),
    ("c", Leave(room="general")),
    ("h", Presence(room="general", name="An", status="left")),
    ("h", Bye(reason="session_ended", message="Phiên đã kết thúc.")),
]


@pytest.mark.parametrize("chunk", [None, 1, 2, 7, 4096], ids=lambda c: f"chunk={c}")
def test_a_whole_session_both_ends_agree(chunk):
    pair = ConnectionPair(chunk)
    pair.assert_agree()
    assert pair.client.state is State.AWAITING_HELLO
    pair.exchange("c", HELLO)
    # neither end is ready before welcome: the host must still send it
    assert pair.host.state is State.AWAITING_HELLO and pair.client.state is State.AWAITING_HELLO
    pair.exchange("h", WELCOME)
    pair.assert_agree()
    assert pair.host.state is State.READY and pair.client.state is State.READY
    for side, event in SESSION[:-1]:
        pair.exchange(side, event)
        pair.assert_agree()
    pair.exchange(*SESSION[-1])
    assert pair.host.state is State.CLOSED  # bye closes the sender


def test_a_session_written_in_one_go_reads_the_same():
    host = Connection(Role.HOST)
    client = Connection(Role.CLIENT)
    client_bytes = client.send(HELLO)
    host.receive_data(client_bytes)
    assert list(host.events()) == [HELLO]
    out = host.send(WELCOME) + b"".join(host.send(e) for s, e in SESSION if s == "h")
    client.receive_data(out)
    assert list(client.events()) == [WELCOME] + [e for s, e in SESSION if s == "h"]


# --- framing: byte at a time, splits, trailing bytes --------------------------------


def client_stream() -> bytes:
    """What a client writes: hello and some frames."""
    events = [HELLO, Join(room="general"), Say(room="general", id="a", text="ừ 😀 <b>")]
    events += [Ping(), History(room="general", before=3, limit=2), Leave(room="general")]
    return b"".join(encode_event(e) for e in events)


def host_stream() -> bytes:
    """What a host writes: welcome and some frames."""
    return b"".join(encode_event(e) for e in HOST_EVENTS)


STREAMS = [(Role.HOST, client_stream), (Role.CLIENT, host_stream)]


def read_all(role: Role, data: bytes) -> list[Event]:
    conn = Connection(role)
    conn.receive_data(data)
    events = list(conn.events())
    assert conn.buffered == 0
    return events


@pytest.mark.parametrize("role, stream", STREAMS, ids=["host-reads", "client-reads"])
def test_input_fed_one_byte_at_a_time(role, stream):
    data = stream()
    conn = Connection(role)
    events: list[Event] = []
    for i in range(len(data)):
        conn.receive_data(data[i : i + 1])
        got = list(conn.events())
        if data[i : i + 1] != b"\n":
            assert got == []  # nothing completes before its newline
        events.extend(got)
    assert events == read_all(role, data)
    assert len(events) == data.count(b"\n")
    assert conn.buffered == 0


@pytest.mark.parametrize("role, stream", STREAMS, ids=["host-reads", "client-reads"])
def test_a_multi_frame_stream_split_at_every_offset_gives_identical_events(role, stream):
    data = stream()
    expected = read_all(role, data)
    for cut in range(len(data) + 1):
        conn = Connection(role)
        conn.receive_data(data[:cut])
        events = list(conn.events())
        assert conn.buffered == cut - len(b"".join(encode_event(e) for e in events)), cut
        conn.receive_data(data[cut:])
        events.extend(conn.events())
        assert events == expected, cut
        assert conn.buffered == 0


def test_a_stream_split_at_every_pair_of_offsets_gives_identical_events():
    data = (
        encode_event(HELLO) + encode_event(Say(room="g", id="x", text="ộ😀")) + b'{"type":"ping"}\n'
    )
    expected = read_all(Role.HOST, data)
    for a in range(len(data) + 1):
        for b in range(a, len(data) + 1):
            conn = Connection(Role.HOST)
            events: list[Event] = []
            for part in (data[:a], data[a:b], data[b:]):
                conn.receive_data(part)
                events.extend(conn.events())
            assert events == expected, (a, b)


def test_a_multibyte_character_split_across_reads_is_reassembled():
    frame = encode_event(Say(room="g", id="x", text="😀"))
    cut = frame.index("😀".encode()) + 2
    pair = greeted()
    pair.host.receive_data(frame[:cut])
    assert pair.host.next_event() is None
    pair.host.receive_data(frame[cut:])
    assert pair.host.next_event() == Say(room="g", id="x", text="😀")


def test_trailing_partial_bytes_are_kept():
    host = Connection(Role.HOST)
    host.receive_data(encode_event(HELLO) + b'{"type":"pi')
    assert host.next_event() == HELLO
    assert host.next_event() is None
    assert host.buffered == len(b'{"type":"pi')
    assert host.next_event() is None  # asking again does not lose them
    assert host.buffered == len(b'{"type":"pi')
    host.receive_data(b'ng"}\n{"type":"leave","ro')
    assert list(host.events()) == [Ping()]
    assert host.buffered == len(b'{"type":"leave","ro')
    host.receive_data(b'om":"g"}\n')
    assert list(host.events()) == [Leave(room="g")]
    assert host.buffered == 0


def test_receiving_nothing_is_harmless():
    host = Connection(Role.HOST)
    host.receive_data(b"")
    assert host.next_event() is None
    assert host.state is State.AWAITING_HELLO


def test_carriage_return_and_blank_lines_are_not_special():
    """One frame per newline: ``\\r`` is JSON whitespace; an empty line is invalid JSON."""
    host = greeted().host
    host.receive_data(b'{"type":"ping"}\r\n')
    assert host.next_event() == Ping()
    error = error_of(host, b"\n")
    assert (error.code, error.fatal) == ("invalid_json", True)


# --- the frame size limit ---------------------------------------------------------


def padded_ping(size: int) -> bytes:
    """A ping frame of exactly ``size`` bytes (newline not counted)."""
    base = b'{"type":"ping","pad":""}'
    frame = base[:-2] + b"x" * (size - len(base)) + b'"}'
    assert len(frame) == size
    return frame


def test_a_frame_of_exactly_65536_bytes_is_accepted():
    assert MAX_FRAME_BYTES == 65_536
    host = greeted().host
    host.receive_data(padded_ping(MAX_FRAME_BYTES) + b"\n")
    assert list(host.events()) == [Ping()]
    assert host.state is State.READY


def test_65536_bytes_without_a_newline_yet_are_still_waited_for():
    host = greeted().host
    host.receive_data(padded_ping(MAX_FRAME_BYTES))
    assert host.next_event() is None
    assert host.state is State.READY
    host.receive_data(b"\n")
    assert host.next_event() == Ping()


@pytest.mark.parametrize("newline", [b"\n", b""], ids=["with-newline", "without-newline"])
def test_a_frame_of_65537_bytes_is_fatal(newline):
    host = greeted().host
    error = error_of(host, padded_ping(MAX_FRAME_BYTES + 1) + newline)
    assert (error.code, error.fatal) == ("frame_too_large", True)
    assert host.buffered == 0
    assert_closed_and_deaf(host)


@pytest.mark.parametrize("role", [Role.HOST, Role.CLIENT])
def test_an_oversize_frame_arriving_in_pieces_is_fatal_once_it_passes_the_limit(role):
    conn = Connection(role)
    conn.receive_data(b"x" * 40_000)
    assert conn.next_event() is None
    conn.receive_data(b"x" * (MAX_FRAME_BYTES - 40_000))
    assert conn.next_event() is None
    error = error_of(conn, b"x")
    assert (error.code, error.fatal) == ("frame_too_large", True)
    assert_closed_and_deaf(conn)


def test_frames_before_an_oversize_one_are_still_delivered():
    host = Connection(Role.HOST)
    host.receive_data(encode_event(HELLO) + encode_event(Ping()) + b"x" * (MAX_FRAME_BYTES + 1))
    assert host.next_event() == HELLO
    assert host.next_event() == Ping()
    with pytest.raises(RemoteProtocolError) as raised:
        host.next_event()
    assert raised.value.code == "frame_too_large"


@pytest.mark.parametrize("size, ok", [(100, True), (101, False)])
def test_the_limit_can_be_lowered(size, ok):
    host = Connection(Role.HOST, max_frame_bytes=100)
    host.receive_data(encode_event(HELLO))
    assert host.next_event() == HELLO
    host.receive_data(padded_ping(size) + b"\n")
    if ok:
        assert host.next_event() == Ping()
    else:
        with pytest.raises(RemoteProtocolError) as raised:
            host.next_event()
        assert raised.value.code == "frame_too_large"


# --- field limits through a connection -----------------------------------------------


def say_frame(**changes) -> bytes:
    obj = {"type": "say", "room": "general", "id": "m1", "text": "hi"}
    obj.update(changes)
    return json.dumps(obj, ensure_ascii=False).encode() + b"\n"


@pytest.mark.parametrize("char", ["a", "ữ", "😀"])
def test_text_of_max_text_chars_is_accepted(char):
    host = greeted().host
    host.receive_data(say_frame(text=char * MAX_TEXT_CHARS))
    assert host.next_event() == Say(room="general", id="m1", text=char * MAX_TEXT_CHARS)


# --- non-fatal errors: the frame is skipped, the next one parses ---------------------------


@pytest.mark.parametrize(
    "frame, code",
    [
        (b'{"type":"dance"}\n', "unknown_type"),
        (b'{"type":"dance","version":3,"name":"x"}\n', "unknown_type"),
        (b'{"no_type":true}\n', "unknown_type"),
        (b'{"type":"hello","version":2,"name":"B","client":"c"}\n', "already_greeted"),
        (b'{"type":"hello","version":3,"name":"B","client":"c"}\n', "already_greeted"),
        (say_frame(text="a" * (MAX_TEXT_CHARS + 1)), "text_too_long"),
        (say_frame(text="😀" * (MAX_TEXT_CHARS + 1)), "text_too_long"),
        (say_frame(id="x" * 65), "bad_frame"),
        (say_frame(room="r" * (MAX_ROOM_CHARS + 1)), "bad_frame"),
        (b'{"type":"say","room":"general","id":"m1"}\n', "bad_frame"),  # missing text
        (b'{"type":"leave"}\n', "bad_frame"),  # missing room
        (b'{"type":"say","room":"general","id":true,"text":"a"}\n', "bad_frame"),
        (b'{"type":"history","room":"g","before":true,"limit":1}\n', "bad_frame"),
        (b'{"type":"history","room":"g","before":1,"limit":false}\n', "bad_frame"),
        (b'{"type":"join","room":"general","since":-1}\n', "bad_frame"),
        (b'{"type":"history","room":"g","before":-3,"limit":1}\n', "bad_frame"),
        (b'{"type":"say","room":"g","id":"x","text":"\\ud800"}\n', "bad_frame"),
        (b'{"type":"say","room":"g","id":"x","text":""}\n', "bad_frame"),
    ],
)
def test_non_fatal_input_at_the_host_skips_one_frame_and_goes_on(frame, code):
    host = greeted().host
    host.receive_data(frame + encode_event(Ping()))
    with pytest.raises(RemoteProtocolError) as raised:
        host.next_event()
    assert (raised.value.code, raised.value.fatal) == (code, False)
    assert host.state is State.READY
    assert host.next_event() == Ping()
    assert host.next_event() is None


@pytest.mark.parametrize("event", HOST_EVENTS, ids=ident)
def test_a_host_only_frame_sent_to_the_host_is_unexpected_type(event):
    host = greeted().host
    host.receive_data(encode_event(event) + encode_event(Ping()))
    with pytest.raises(RemoteProtocolError) as raised:
        host.next_event()
    assert (raised.value.code, raised.value.fatal) == ("unexpected_type", False)
    assert host.next_event() == Ping()


@pytest.mark.parametrize("event", CLIENT_EVENTS, ids=ident)
def test_a_client_only_frame_sent_to_the_client_is_unexpected_type(event):
    client = greeted().client
    client.receive_data(encode_event(event) + encode_event(Pong()))
    with pytest.raises(RemoteProtocolError) as raised:
        client.next_event()
    assert (raised.value.code, raised.value.fatal) == ("unexpected_type", False)
    assert client.next_event() == Pong()


@pytest.mark.parametrize(
    "frame",
    [
        b'{"type":"dance"}\n',
        b'{"type":"ack","id":"m","seq":-1}\n',
        b'{"type":"ack","id":"m","seq":true}\n',
        b'{"type":"ack","id":"m"}\n',
        b'{"type":"message","room":"g","seq":1,"id":"x","from":"A","ts":1,"text":"\\ud800"}\n',
        b'{"type":"joined","room":"g","members":[1],"last_seq":0}\n',
    ],
)
def test_non_fatal_input_at_the_client_skips_one_frame_and_goes_on(frame):
    client = greeted().client
    client.receive_data(frame + encode_event(Pong()))
    with pytest.raises(RemoteProtocolError) as raised:
        client.next_event()
    assert not raised.value.fatal
    assert raised.value.code in {"unknown_type", "bad_frame"}
    assert client.next_event() == Pong()
    assert client.state is State.READY


def test_many_non_fatal_errors_in_a_row_do_not_close():
    host = greeted().host
    host.receive_data(b'{"type":"dance"}\n' * 50 + encode_event(Ping()))
    for _ in range(50):
        with pytest.raises(RemoteProtocolError):
            host.next_event()
    assert host.next_event() == Ping()


# --- fatal errors at the host ----------------------------------------------------------


@pytest.mark.parametrize(
    "first",
    [encode_event(e) for e in CLIENT_EVENTS[1:]]
    + [encode_event(e) for e in HOST_EVENTS]
    + [b'{"type":"dance"}\n', b'{"no_type":1}\n', b'{"type":"HELLO"}\n'],
    ids=[ident(e) for e in CLIENT_EVENTS[1:] + HOST_EVENTS] + ["unknown", "no-type", "HELLO"],
)
def test_anything_but_hello_first_at_the_host_is_hello_required(first):
    host = Connection(Role.HOST)
    error = error_of(host, first + encode_event(HELLO))
    assert (error.code, error.fatal) == ("hello_required", True)
    assert host.buffered == 0
    assert_closed_and_deaf(host)


@pytest.mark.parametrize(
    "first",
    [
        b'{"type":"join"}\n',
        say_frame(text="a" * (MAX_TEXT_CHARS + 1)),
        b'{"type":"leave","room":""}\n',
    ],
    ids=["join-missing-room", "say-text-too-long", "leave-empty-room"],
)
def test_a_malformed_non_hello_first_frame_is_hello_required(first):
    host = Connection(Role.HOST)
    error = error_of(host, first)
    assert (error.code, error.fatal) == ("hello_required", True)


@pytest.mark.parametrize("version", [0, 1, 3, 99, 2**40])
def test_hello_of_another_version_is_fatal_unsupported_version(version):
    host = Connection(Role.HOST)
    frame = json.dumps({"type": "hello", "version": version, "name": "A", "client": "c"})
    error = error_of(host, frame.encode() + b"\n")
    assert (error.code, error.fatal) == ("unsupported_version", True)
    assert_closed_and_deaf(host)


@pytest.mark.parametrize(
    "obj",
    [
        {"type": "hello", "version": 3},
        {"type": "hello", "version": 3, "name": "A", "client_id": "c"},
        {"type": "hello", "version": 3, "name": "A" * 100, "client": "c"},
        {"type": "hello", "version": 0, "name": "", "client": "c"},
    ],
    ids=["only-version", "renamed-field", "longer-name", "version-0-empty-name"],
)
def test_hello_of_another_version_is_unsupported_whatever_its_other_fields(obj):
    host = Connection(Role.HOST)
    error = error_of(host, json.dumps(obj).encode() + b"\n")
    assert (error.code, error.fatal) == ("unsupported_version", True)
    assert_closed_and_deaf(host)


@pytest.mark.parametrize(
    "obj",
    [
        {"type": "hello", "version": 2},
        {"type": "hello", "version": 2, "name": "", "client": "c"},
        {"type": "hello", "version": True, "client": "c"},
        {"type": "hello", "version": False, "client": "c"},
        {"type": "hello", "version": "2", "name": "A", "client": "c"},
        {"type": "hello", "name": "A", "client": "c"},
    ],
    ids=[
        "v1-only-version",
        "v1-empty-name",
        "version-true",
        "version-false",
        "version-string",
        "no-version",
    ],
)
def test_an_invalid_hello_of_no_other_version_is_hello_required(obj):
    host = Connection(Role.HOST)
    error = error_of(host, json.dumps(obj).encode() + b"\n")
    assert (error.code, error.fatal) == ("hello_required", True)
    assert_closed_and_deaf(host)


def test_hello_of_version_1_via_send_is_what_the_host_accepts():
    pair = ConnectionPair()
    assert pair.client_sends(Hello(name="Ánh 😀", client="c")) == [Hello(name="Ánh 😀", client="c")]
    pair.host.send(WELCOME)
    assert pair.host.state is State.READY


@pytest.mark.parametrize(
    "frame, code",
    [
        (b"\xff\xfe\n", "invalid_utf8"),
        (b'{"type":"ping","x":"\xc3\x28"}\n', "invalid_utf8"),
        (b"{oops}\n", "invalid_json"),
        (b'{"type":"ping"\n', "invalid_json"),
        (b"\n", "invalid_json"),
        (b"[]\n", "invalid_frame"),
        (b'[{"type":"ping"}]\n', "invalid_frame"),
        (b'"ping"\n', "invalid_frame"),
    ],
)
@pytest.mark.parametrize("greeted_first", [False, True], ids=["before-hello", "after-hello"])
def test_unreadable_frames_are_fatal_at_the_host(frame, code, greeted_first):
    host = greeted().host if greeted_first else Connection(Role.HOST)
    error = error_of(host, frame + encode_event(Ping()))
    assert (error.code, error.fatal) == (code, True)
    assert_closed_and_deaf(host)


def test_after_a_fatal_error_the_host_may_still_explain_with_error():
    pair = greeted()
    error = error_of(pair.host, b"[]\n")
    pair.client.receive_data(pair.host.send(Error(code=error.code, message=error.message)))
    assert pair.client.next_event() == Error(code="invalid_frame", message=error.message)
    with pytest.raises(LocalProtocolError):
        pair.host.send(Pong())
    with pytest.raises(LocalProtocolError):
        pair.host.send(Bye(reason="session_ended"))


# --- the client side of the handshake ------------------------------------------------


@pytest.mark.parametrize(
    "first",
    [encode_event(e) for e in HOST_EVENTS[1:-2]]
    + [encode_event(e) for e in CLIENT_EVENTS]
    + [b'{"type":"dance"}\n'],
    ids=[ident(e) for e in HOST_EVENTS[1:-2] + CLIENT_EVENTS] + ["unknown"],
)
def test_a_first_frame_other_than_welcome_error_or_bye_is_welcome_required(first):
    client = Connection(Role.CLIENT)
    client.send(HELLO)
    error = error_of(client, first + encode_event(WELCOME))
    assert (error.code, error.fatal) == ("welcome_required", True)
    assert_closed_and_deaf(client)


@pytest.mark.parametrize(
    "frame, code",
    [(b"\xff\n", "invalid_utf8"), (b"nope\n", "invalid_json"), (b"1\n", "invalid_frame")],
)
def test_unreadable_frames_are_fatal_at_the_client(frame, code):
    client = greeted().client
    error = error_of(client, frame)
    assert (error.code, error.fatal) == (code, True)
    assert_closed_and_deaf(client)


def test_the_client_accepts_an_error_before_welcome():
    client = Connection(Role.CLIENT)
    client.send(HELLO)
    first = Error(code="busy", message="later")
    client.receive_data(encode_event(first) + encode_event(WELCOME))
    assert client.next_event() == first
    assert client.state is State.AWAITING_HELLO
    assert client.next_event() == WELCOME
    assert client.state is State.READY


def test_bye_before_welcome_ends_the_client_connection():
    client = Connection(Role.CLIENT)
    client.send(HELLO)
    client.receive_data(encode_event(Bye(reason="session_ended")) + encode_event(WELCOME))
    assert client.next_event() == Bye(reason="session_ended")
    assert client.state is State.CLOSED
    assert client.next_event() is None


def test_admission_frames_pass_between_hello_and_welcome_both_ways():
    """Admission (PROTOCOL.md 7): the host asks, the client answers, before welcome;
    neither side may send them before the other's hello."""
    pair = ConnectionPair()
    commit, nonce = ApprovalCommit(commitment="c" * 64), ApprovalNonce(nonce="n" * 64)
    with pytest.raises(LocalProtocolError):
        pair.host.send(commit)  # (no hello yet)
    with pytest.raises(LocalProtocolError):
        pair.client.send(nonce)  # (no hello sent yet)
    pair.exchange("c", HELLO)
    pair.exchange("h", commit)
    pair.exchange("c", nonce)
    pair.exchange("h", ApprovalReveal(nonce="r" * 64))
    pair.exchange("h", Error(code="password_required", message="?"))
    pair.exchange("c", PasswordStart(spake="s"))
    pair.exchange("h", PasswordReply(spake="t", confirm="u"))
    pair.exchange("c", PasswordConfirm(confirm="v"))
    assert pair.host.state is pair.client.state is State.AWAITING_HELLO
    pair.exchange("h", WELCOME)
    assert pair.host.state is pair.client.state is State.READY


def test_a_second_welcome_is_refused_by_the_client():
    client = greeted().client
    client.receive_data(encode_event(WELCOME) + encode_event(Pong()))
    with pytest.raises(RemoteProtocolError) as raised:
        client.next_event()
    assert (raised.value.code, raised.value.fatal) == ("already_greeted", False)
    assert client.next_event() == Pong()


@pytest.mark.parametrize(
    "frame",
    [
        encode_event(Welcome(host="h", session="s", you="y", version=3)),
        b'{"type":"welcome","version":3,"host":"h"}\n',
    ],
    ids=["complete", "fields-unknown-to-v1"],
)
def test_a_client_refuses_a_welcome_of_another_version(frame):
    client = Connection(Role.CLIENT)
    client.send(HELLO)
    error = error_of(client, frame)
    assert (error.code, error.fatal) == ("unsupported_version", True)
    assert_closed_and_deaf(client)


# --- send(): what this end may write ---------------------------------------------------


@pytest.mark.parametrize("event", HOST_EVENTS, ids=ident)
def test_a_client_may_not_send_a_host_frame(event):
    client = greeted().client
    with pytest.raises(LocalProtocolError) as raised:
        client.send(event)
    assert (raised.value.code, raised.value.fatal) == ("local_error", True)
    assert client.state is State.READY  # a refused send changes nothing


@pytest.mark.parametrize("event", CLIENT_EVENTS, ids=ident)
def test_a_host_may_not_send_a_client_frame(event):
    for host in (Connection(Role.HOST), greeted().host):
        with pytest.raises(LocalProtocolError):
            host.send(event)


@pytest.mark.parametrize("event", HOST_EVENTS[1:-2], ids=ident)
def test_a_host_sends_only_welcome_error_or_bye_before_welcome(event):
    host = Connection(Role.HOST)
    with pytest.raises(LocalProtocolError):
        host.send(event)
    assert host.state is State.AWAITING_HELLO
    assert host.send(Error(code="x", message="y")) == encode_event(Error(code="x", message="y"))
    assert host.state is State.AWAITING_HELLO
    host.receive_data(encode_event(HELLO))
    assert host.next_event() == HELLO
    assert host.send(WELCOME) == encode_event(WELCOME)
    assert host.send(event) == encode_event(event)


@pytest.mark.parametrize("event", HOST_EVENTS[1:-2], ids=ident)
def test_a_host_that_got_hello_still_sends_welcome_first(event):
    host = Connection(Role.HOST)
    host.receive_data(encode_event(HELLO))
    assert host.next_event() == HELLO
    with pytest.raises(LocalProtocolError):
        host.send(event)


def test_a_host_may_not_send_welcome_before_hello_arrived():
    host = Connection(Role.HOST)
    with pytest.raises(LocalProtocolError):
        host.send(WELCOME)
    error = error_of(host, encode_event(Join(room="general")))
    assert (error.code, error.fatal) == ("hello_required", True)


def test_a_host_may_send_welcome_once_hello_arrived():
    host = Connection(Role.HOST)
    host.receive_data(encode_event(HELLO))
    assert host.next_event() == HELLO
    assert host.send(WELCOME) == encode_event(WELCOME)
    with pytest.raises(LocalProtocolError):
        host.send(WELCOME)


def unencodable_hello() -> Hello:
    return Hello(name="An\ud800", client="c1")  # an unpaired surrogate: not UTF-8


def oversize_welcome() -> Welcome:
    return Welcome(host="h1", session="s" * (MAX_FRAME_BYTES + 1), you="An")


def test_a_refused_hello_can_be_sent_again_correctly():
    client = Connection(Role.CLIENT)
    with pytest.raises(LocalProtocolError):
        client.send(unencodable_hello())
    assert client.send(HELLO) == encode_event(HELLO)
    client.receive_data(encode_event(WELCOME))
    assert client.next_event() == WELCOME
    assert client.state is State.READY


def test_a_refused_welcome_can_be_sent_again_correctly():
    host = Connection(Role.HOST)
    host.receive_data(encode_event(HELLO))
    assert host.next_event() == HELLO
    with pytest.raises(LocalProtocolError):
        host.send(oversize_welcome())
    assert host.state is State.AWAITING_HELLO
    assert host.send(WELCOME) == encode_event(WELCOME)
    assert host.state is State.READY


@pytest.mark.parametrize(
    "event",
    [
        Say(room="general", id="m1", text="a\udfffb"),
        Say(room="general", id="m1", text="x" * (MAX_FRAME_BYTES + 1)),
    ],
    ids=["surrogate", "oversize"],
)
def test_a_refused_send_after_welcome_changes_nothing(event):
    pair = greeted()
    with pytest.raises(LocalProtocolError):
        pair.client.send(event)
    assert pair.client.state is State.READY
    pair.exchange("c", Ping())
    pair.exchange("h", Pong())


@pytest.mark.parametrize("event", CLIENT_EVENTS[1:], ids=ident)
def test_a_client_sends_nothing_before_hello(event):
    client = Connection(Role.CLIENT)
    with pytest.raises(LocalProtocolError):
        client.send(event)
    assert client.state is State.AWAITING_HELLO
    assert client.send(HELLO) == encode_event(HELLO)


@pytest.mark.parametrize("event", CLIENT_EVENTS[1:], ids=ident)
def test_a_client_waits_for_welcome_before_anything_else(event):
    client = Connection(Role.CLIENT)
    client.send(HELLO)
    with pytest.raises(LocalProtocolError):
        client.send(event)
    client.receive_data(encode_event(WELCOME))
    assert client.next_event() == WELCOME
    assert client.send(event) == encode_event(event)


@pytest.mark.parametrize("role", [Role.HOST, Role.CLIENT])
def test_nothing_but_a_host_error_may_be_sent_after_close(role):
    pair = greeted()
    conn = pair.host if role is Role.HOST else pair.client
    conn.receive_data(b'{"type":"pi')
    conn.close()
    assert conn.buffered == 0
    assert_closed_and_deaf(conn)
    ours = HOST_EVENTS if role is Role.HOST else CLIENT_EVENTS
    for event in ours:
        if role is Role.HOST and isinstance(event, Error):
            assert conn.send(event) == encode_event(event)  # intended: the last word
        else:
            with pytest.raises(LocalProtocolError):
                conn.send(event)


def test_a_host_error_after_close_is_sent_even_before_welcome():
    host = Connection(Role.HOST)
    error = error_of(host, encode_event(Ping()))
    assert error.code == "hello_required"
    data = host.send(Error(code=error.code, message=error.message))
    client = Connection(Role.CLIENT)
    client.send(HELLO)
    client.receive_data(data)
    assert client.next_event() == Error(code="hello_required", message=error.message)


@pytest.mark.parametrize("greeted_first", [False, True], ids=["before-welcome", "after-welcome"])
def test_bye_closes_the_senders_connection(greeted_first):
    pair = greeted() if greeted_first else ConnectionPair()
    if not greeted_first:
        pair.client_sends(HELLO)
    bye = Bye(reason="session_ended", message="Tạm biệt")
    assert pair.host_sends(bye) == [bye]
    assert pair.host.state is State.CLOSED
    assert_closed_and_deaf(pair.host)
    with pytest.raises(LocalProtocolError):
        pair.host.send(Pong())


def test_an_unclosed_connection_keeps_going_after_errors_are_sent():
    pair = greeted()
    pair.client.receive_data(pair.host.send(Error(code="not_in_room", message="x")))
    assert pair.client.next_event() == Error(code="not_in_room", message="x")
    pair.exchange("c", Ping())
    pair.exchange("h", Pong())
    pair.assert_agree()
