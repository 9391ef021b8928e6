"""The sans-IO Connection: handshake rules, framing, limits, both ends agreeing."""

from __future__ import annotations

import pytest

from messenger.protocol import (
    Ack,
    Bye,
    Connection,
    Error,
    Event,
    Hello,
    Join,
    Joined,
    Leave,
    LocalProtocolError,
    Message,
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
from messenger.protocol.limits import MAX_FRAME_BYTES

HELLO = Hello(name="An", client="c1")
WELCOME = Welcome(host="h1", session="Văn phòng", you="An")


class ConnectionPair:
    """A client and a host Connection joined without sockets."""

    def __init__(self) -> None:
        self.client = Connection(Role.CLIENT)
        self.host = Connection(Role.HOST)

    def client_sends(self, event: Event) -> list[Event]:
        self.host.receive_data(self.client.send(event))
        return list(self.host.events())

    def host_sends(self, event: Event) -> list[Event]:
        self.client.receive_data(self.host.send(event))
        return list(self.client.events())


def greeted() -> ConnectionPair:
    pair = ConnectionPair()
    pair.client_sends(HELLO)
    pair.host_sends(WELCOME)
    return pair


def test_a_whole_session_both_ends_agree():
    pair = ConnectionPair()
    assert pair.client_sends(HELLO) == [HELLO]
    assert pair.host.state is State.READY and pair.client.state is State.AWAITING_HELLO
    assert pair.host_sends(WELCOME) == [WELCOME]
    assert pair.client.state is State.READY
    script: list[tuple[str, Event]] = [
        ("c", Join(room="general", since=3)),
        ("h", Message(room="general", seq=4, id="old", sender="Bình", ts=1, text="cũ")),
        ("h", Joined(room="general", members=("An", "Bình"), last_seq=4)),
        ("c", Say(room="general", id="m1", text="Chào cả nhà 👋")),
        ("h", Message(room="general", seq=5, id="m1", sender="An", ts=2, text="Chào cả nhà 👋")),
        ("h", Ack(id="m1", seq=5)),
        ("h", Presence(room="general", name="Chi", status="joined", members=("An", "Bình", "Chi"))),
        ("c", Ping()),
        ("h", Pong()),
        ("c", Leave(room="general")),
        ("h", Bye(reason="session_ended")),
    ]
    for side, event in script:
        received = pair.client_sends(event) if side == "c" else pair.host_sends(event)
        assert received == [event]
    assert pair.host.state is State.CLOSED


def stream() -> bytes:
    events: list[Event] = [
        HELLO,
        Join(room="general"),
        Say(room="general", id="a", text="ừ 😀"),
        Ping(),
        Leave(room="general"),
    ]
    return b"".join(encode_event(e) for e in events)


def test_input_fed_one_byte_at_a_time():
    host = Connection(Role.HOST)
    events: list[Event] = []
    for byte in stream():
        host.receive_data(bytes([byte]))
        events.extend(host.events())
    assert [type(e).__name__ for e in events] == ["Hello", "Join", "Say", "Ping", "Leave"]
    assert host.buffered == 0


def test_a_stream_split_anywhere_gives_the_same_events():
    data = stream()
    whole = Connection(Role.HOST)
    whole.receive_data(data)
    expected = list(whole.events())
    for cut in range(len(data) + 1):
        host = Connection(Role.HOST)
        host.receive_data(data[:cut])
        events = list(host.events())
        host.receive_data(data[cut:])
        events.extend(host.events())
        assert events == expected, cut


def test_trailing_partial_bytes_are_kept():
    host = Connection(Role.HOST)
    frame = encode_event(HELLO)
    host.receive_data(frame + b'{"type":"pi')
    assert list(host.events()) == [HELLO]
    assert host.buffered == len(b'{"type":"pi')
    host.receive_data(b'ng"}\n')
    assert list(host.events()) == [Ping()]


def padded_ping(size: int) -> bytes:
    """A ping frame of exactly ``size`` bytes (newline not counted)."""
    base = b'{"type":"ping","pad":""}'
    return base[:-2] + b"x" * (size - len(base)) + b'"}'


def test_a_frame_of_exactly_the_limit_is_accepted():
    host = greeted().host
    frame = padded_ping(MAX_FRAME_BYTES)
    assert len(frame) == MAX_FRAME_BYTES
    host.receive_data(frame + b"\n")
    assert list(host.events()) == [Ping()]


@pytest.mark.parametrize("newline", [b"\n", b""])
def test_a_frame_over_the_limit_is_fatal(newline):
    host = greeted().host
    host.receive_data(padded_ping(MAX_FRAME_BYTES + 1) + newline)
    with pytest.raises(RemoteProtocolError) as raised:
        list(host.events())
    assert (raised.value.code, raised.value.fatal) == ("frame_too_large", True)
    assert host.state is State.CLOSED and host.buffered == 0


@pytest.mark.parametrize(
    "first, code",
    [
        (b'{"type":"join","room":"general"}\n', "hello_required"),
        (b'{"type":"dance"}\n', "hello_required"),
        (b'{"type":"welcome","version":1,"host":"h","session":"s","you":"y"}\n', "hello_required"),
        (b'{"type":"hello","version":2,"name":"A","client":"c"}\n', "unsupported_version"),
        (b"\xc3\x28\n", "invalid_utf8"),
        (b"{oops}\n", "invalid_json"),
        (b"[]\n", "invalid_frame"),
    ],
)
def test_fatal_input_at_the_host_closes_the_connection(first, code):
    host = Connection(Role.HOST)
    host.receive_data(first)
    with pytest.raises(RemoteProtocolError) as raised:
        host.next_event()
    assert (raised.value.code, raised.value.fatal) == (code, True)
    assert host.state is State.CLOSED
    host.receive_data(encode_event(HELLO))
    assert host.next_event() is None


@pytest.mark.parametrize(
    "frame, code",
    [
        (b'{"type":"dance"}\n', "unknown_type"),
        (b'{"type":"pong"}\n', "unexpected_type"),
        (b'{"type":"hello","version":1,"name":"B","client":"c"}\n', "already_greeted"),
        (b'{"type":"say","room":"general","id":true,"text":"a"}\n', "bad_frame"),
    ],
)
def test_non_fatal_input_skips_one_frame_and_goes_on(frame, code):
    host = greeted().host
    host.receive_data(frame + encode_event(Ping()))
    with pytest.raises(RemoteProtocolError) as raised:
        host.next_event()
    assert (raised.value.code, raised.value.fatal) == (code, False)
    assert host.next_event() == Ping()
    assert host.state is State.READY


def test_the_client_requires_welcome_first():
    client = Connection(Role.CLIENT)
    client.send(HELLO)
    client.receive_data(encode_event(Pong()))
    with pytest.raises(RemoteProtocolError) as raised:
        client.next_event()
    assert (raised.value.code, raised.value.fatal) == ("welcome_required", True)


@pytest.mark.parametrize(
    "first", [Error(code="hello_timeout", message="late"), Bye(reason="session_ended")]
)
def test_the_client_accepts_error_or_bye_before_welcome(first):
    client = Connection(Role.CLIENT)
    client.send(HELLO)
    client.receive_data(encode_event(first))
    assert client.next_event() == first


def test_local_errors():
    client = Connection(Role.CLIENT)
    with pytest.raises(LocalProtocolError):
        client.send(Ping())  # before hello
    with pytest.raises(LocalProtocolError):
        client.send(Pong())  # a host frame
    host = Connection(Role.HOST)
    with pytest.raises(LocalProtocolError):
        host.send(Hello(name="A", client="c"))  # a client frame
    with pytest.raises(LocalProtocolError):
        host.send(Pong())  # before welcome
    assert host.send(Error(code="hello_timeout", message="late"))  # allowed before welcome
    host.close()
    with pytest.raises(LocalProtocolError):
        host.send(Pong())
    assert host.send(Error(code="x", message="why we close"))  # the last word is allowed
