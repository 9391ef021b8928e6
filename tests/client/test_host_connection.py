"""HostConnection against a real in-process host and against nobody."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import json
from collections.abc import Callable
from typing import Any

import pytest

from messenger.client import ConnectionState, HostConnection, NotConnectedError, host_connection
from messenger.client.host_connection import EVENTS_PER_TURN
from messenger.host import history_turns
from messenger.protocol import Member, Renamed
from messenger.protocol.codec import encode_member, encode_member_list
from messenger.protocol.events import NAME_TAKEN
from tests.identities import device_identity, server_tls_context
from tests.ui.conftest import free_udp_port
from tests.wire_client import wait_until


async def against(
    handler: Any,
    writers: list[asyncio.StreamWriter],
    client: HostConnection,
    until: Callable[[], bool],
    *,
    tls: bool = True,
) -> None:
    """Connects ``client`` to a host played by ``handler`` (TLS unless ``tls`` is
    False) and waits until ``until()``; all closed after."""
    context = server_tls_context(device_identity(100)) if tls else None
    server = await asyncio.start_server(handler, "127.0.0.1", 0, ssl=context)
    try:
        client.connect_to("127.0.0.1", server.sockets[0].getsockname()[1])
        await wait_until(until, timeout=10)
    finally:
        client.disconnect_from_host()
        for writer in writers:
            writer.transport.abort()
        server.close()
        await server.wait_closed()


@pytest.fixture
def host(make_host):
    """A host without say limits: these tests post a thousand messages at once through
    ``HostConnection`` alone, which does not send refused ones again (``Delivery``
    does: tests/hostile/test_say_flood.py)."""
    return make_host(say_limits=None)


def test_connect_join_say_and_receive(qtbot, host, make_client):
    an = make_client("An")
    with qtbot.waitSignal(an.joined) as joined:
        an.connect_to("127.0.0.1", host.port)
    assert an.state is ConnectionState.CONNECTED
    assert an.welcome.session == "Kho Hà Nội" and an.you == "An"
    assert joined.args[0].members == (Member("An", an.user_id),)
    with qtbot.waitSignal(an.message_received) as received, qtbot.waitSignal(an.acked):
        message_id = an.say("Xin chào 😀")
    message = received.args[0]
    assert (message.id, message.text, message.seq) == (message_id, "Xin chào 😀", 1)
    assert an.last_seq() == 1


def test_reconnecting_to_the_same_host_resumes_after_the_last_seq(qtbot, host, make_client):
    an = make_client("An")
    with qtbot.waitSignal(an.joined):
        an.connect_to("127.0.0.1", host.port)
    with qtbot.waitSignal(an.acked):
        an.say("một")
    an.disconnect_from_host()
    binh = make_client("Bình")
    with qtbot.waitSignal(binh.joined):
        binh.connect_to("127.0.0.1", host.port)
    with qtbot.waitSignal(binh.acked):
        binh.say("hai")
    received: list[str] = []
    an.message_received.connect(lambda m: received.append(m.text))
    with qtbot.waitSignal(an.joined):
        an.connect_to("127.0.0.1", host.port)
    assert received == ["hai"]


def test_nobody_listening_gives_a_clear_reason(qtbot, make_client):
    port = free_udp_port()  # a free port number: nothing listens on TCP there either
    an = make_client("An")
    with qtbot.waitSignal(an.connection_lost) as lost:
        an.connect_to("127.0.0.1", port)
    assert "No Messenger host answers" in lost.args[0]
    assert an.state is ConnectionState.DISCONNECTED
    with pytest.raises(NotConnectedError):
        an.say("alo")


def test_keep_trying_retries_a_known_host_until_it_listens(qtbot, tmp_path, make_client):
    from messenger.host import HostConfig, HostService
    from tests.reliability.test_host_crash import free_tcp_port

    port = free_tcp_port()
    an = make_client("An")
    an.backoff_base, an.backoff_cap = 0.05, 0.2
    with qtbot.waitSignal(an.connection_lost) as lost:
        an.connect_to("127.0.0.1", port, keep_trying=True)
    assert "No Messenger host answers" in lost.args[0]
    assert an.state is ConnectionState.RECONNECTING  # (without keep_trying: DISCONNECTED)
    host = HostService(
        HostConfig(
            data_dir=tmp_path / "late",
            session_name="Đến muộn",
            port=port,
            bind_address="127.0.0.1",
            announce=False,
            identity=device_identity(100),
        )
    )
    host.start()
    try:
        with qtbot.waitSignal(an.joined, timeout=10_000):
            pass
        assert an.state is ConnectionState.CONNECTED and an.welcome.session == "Đến muộn"
    finally:
        an.disconnect_from_host()
        host.stop()
        qtbot.waitUntil(lambda: not host.running)


def test_the_host_ending_the_session_is_reported(qtbot, host, make_client):
    an = make_client("An")
    with qtbot.waitSignal(an.joined):
        an.connect_to("127.0.0.1", host.port)
    with qtbot.waitSignal(an.session_ended) as ended:
        host.stop()
    assert "ended the session" in ended.args[0]
    assert an.state is ConnectionState.RECONNECTING and an.waiting_for_host


def test_after_the_session_ended_the_member_rejoins_when_its_host_is_back(qtbot, host, make_client):
    from messenger.host import HostService

    an = make_client("An")
    with qtbot.waitSignal(an.joined):
        an.connect_to("127.0.0.1", host.port)
    with qtbot.waitSignal(an.acked):
        an.say("trước khi tắt")
    port, config = host.port, host.config
    with qtbot.waitSignal(host.stopped):
        host.stop()
    qtbot.waitUntil(lambda: an.waiting_for_host)
    again = HostService(dataclasses.replace(config, port=port))  # switched on again
    again.start()
    try:
        with qtbot.waitSignal(an.joined, timeout=20_000):
            pass
        assert an.state is ConnectionState.CONNECTED and not an.waiting_for_host
        assert an.last_seq() == 1  # (the same session: resumed after what it saw)
    finally:
        with qtbot.waitSignal(again.stopped):
            again.stop()
        again.deleteLater()


def test_a_member_removed_by_the_owner_stays_away(qtbot, host, make_client):
    an = make_client("An")
    with qtbot.waitSignal(an.joined):
        an.connect_to("127.0.0.1", host.port)
    with qtbot.waitSignal(an.session_ended) as ended:
        host.remove_member(an.user_id)
    assert "removed you" in ended.args[0]
    assert an.state is ConnectionState.DISCONNECTED and not an.waiting_for_host


def test_disconnecting_on_purpose_is_not_reported_as_a_loss(qtbot, host, make_client):
    an = make_client("An")
    with qtbot.waitSignal(an.joined):
        an.connect_to("127.0.0.1", host.port)
    lost: list[str] = []
    an.connection_lost.connect(lost.append)
    with qtbot.waitSignal(an.state_changed):
        an.disconnect_from_host()
    assert an.state is ConnectionState.DISCONNECTED
    assert lost == []


# -- bursts: at most EVENTS_PER_TURN events per loop turn --------------------------


def _record_turns(client: HostConnection, texts: list[str | None]) -> None:
    """Appends each message's text to ``texts`` and None after each handling turn
    (these slots run after the connection's own: they are connected later)."""
    client.message_received.connect(lambda m: texts.append(m.text))
    client._socket.readyRead.connect(lambda: texts.append(None))
    client._more_events.timeout.connect(lambda: texts.append(None))


def _assert_turns(texts: list[str | None], expected: list[str]) -> None:
    assert [t for t in texts if t is not None] == expected  # all, in order, once
    run = 0
    for text in texts:
        run = 0 if text is None else run + 1
        assert run <= EVENTS_PER_TURN


def _two_joined_recording_turns(qtbot, host, make_client):
    """An and Bình joined; the texts Bình receives, None between two turns."""
    an, binh = make_client("An"), make_client("Bình")
    for client in (an, binh):
        with qtbot.waitSignal(client.joined):
            client.connect_to("127.0.0.1", host.port)
    texts: list[str | None] = []
    _record_turns(binh, texts)
    return an, binh, texts


def test_a_burst_of_live_messages_arrives_whole_in_order_and_in_slices(qtbot, host, make_client):
    an, binh, texts = _two_joined_recording_turns(qtbot, host, make_client)
    acks: list[int] = []
    an.acked.connect(lambda ack: acks.append(ack.seq))
    sent = [f"tin nhắn {i} 🙂" for i in range(1_000)]
    for text in sent:
        an.say(text)
    qtbot.waitUntil(lambda: len(acks) == 1_000 and len(texts) - texts.count(None) >= 1_000)
    _assert_turns(texts, sent)
    assert acks == list(range(1, 1_001))
    assert binh.last_seq() == 1_000


def test_a_turn_stops_handling_events_once_its_time_budget_is_spent(
    qtbot, host, make_client, monkeypatch
):
    # no time at all: one event a turn (never none), the others wait, none is lost
    monkeypatch.setattr(host_connection, "EVENTS_BUDGET_S", 0.0)
    an, binh, texts = _two_joined_recording_turns(qtbot, host, make_client)
    sent = [f"tin {i}" for i in range(200)]
    for text in sent:
        an.say(text)
    qtbot.waitUntil(lambda: len(texts) - texts.count(None) >= 200, timeout=10_000)
    assert [t for t in texts if t is not None] == sent
    assert all(a is None or b is None for a, b in itertools.pairwise(texts))  # one a turn
    assert binh.last_seq() == 200


def test_a_replay_of_a_thousand_messages_is_handled_over_several_turns(qtbot, host, make_client):
    an = make_client("An")
    with qtbot.waitSignal(an.joined):
        an.connect_to("127.0.0.1", host.port)
    acks: list[int] = []
    an.acked.connect(lambda ack: acks.append(ack.seq))
    sent = [f"tin {i}" for i in range(1_000)]
    for text in sent:
        an.say(text)
    qtbot.waitUntil(lambda: len(acks) == 1_000)
    chi = make_client("Chi")
    chi.remember_seq(host.host_id, "general", 0)  # join from the start: a replay of all
    texts: list[str | None] = []
    _record_turns(chi, texts)
    slices: list[int] = []
    chi._more_events.timeout.connect(lambda: slices.append(1))
    with qtbot.waitSignal(chi.joined, timeout=10_000):
        chi.connect_to("127.0.0.1", host.port)
    qtbot.waitUntil(lambda: len(texts) - texts.count(None) >= 1_000)
    _assert_turns(texts, sent)
    assert chi.last_seq() == 1_000
    assert slices  # the replay came faster than one turn's worth
    with qtbot.waitSignal(chi.message_received) as received:  # and it goes on as usual
        an.say("sau cùng")
    assert received.args[0].seq == 1_001


def test_messages_and_a_bye_still_waiting_when_the_host_closes_are_handled(
    qtbot, host, make_client, monkeypatch
):
    # the host sends the whole replay in one turn, so that it waits in chi's buffer
    monkeypatch.setattr(history_turns, "PAGES_PER_TURN", 100)
    monkeypatch.setattr(history_turns, "TURN_BUDGET_S", 60.0)
    an = make_client("An")
    with qtbot.waitSignal(an.joined):
        an.connect_to("127.0.0.1", host.port)
    acks: list[int] = []
    an.acked.connect(lambda ack: acks.append(ack.seq))
    for i in range(1_000):
        an.say(f"tin {i}")
    qtbot.waitUntil(lambda: len(acks) == 1_000)
    an.disconnect_from_host()
    chi = make_client("Chi")
    chi.remember_seq(host.host_id, "general", 0)
    seqs: list[int] = []
    ended: list[str] = []
    lost: list[str] = []
    heard: list[str] = []  # which came first
    chi.session_ended.connect(ended.append)
    chi.connection_lost.connect(lost.append)
    chi.session_ended.connect(lambda _text: heard.append("ended"))
    chi.connection_lost.connect(lambda _text: heard.append("lost"))

    def on_message(message) -> None:
        seqs.append(message.seq)
        if len(seqs) == 1:  # most of the replay still waits in chi's buffer
            host.stop()

    chi.message_received.connect(on_message)
    chi.connect_to("127.0.0.1", host.port)
    qtbot.waitUntil(lambda: bool(ended or lost), timeout=10_000)
    assert seqs == list(range(1, 1_001))
    assert heard[0] == "ended"  # (later tries to rejoin it may fail: the host is gone)


def test_a_storage_error_is_not_the_reason_given_for_a_later_disconnect(qtbot, run, make_client):
    """The host's words about a failed ``say`` are for that say: a drop later on
    says the connection was lost (it said "disk full" before)."""
    frames = [
        {"type": "welcome", "version": 2, "host": "h1", "session": "S", "you": "An"},
        {"type": "joined", "room": "general", "members": [{"name": "An"}], "last_seq": 0},
        {"type": "error", "code": "storage_error", "message": "disk full", "id": "m1"},
    ]
    writers: list[asyncio.StreamWriter] = []

    async def fake_host(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.append(writer)
        await reader.readline()  # hello
        for frame in frames:
            writer.write(json.dumps(frame).encode() + b"\n")
        await writer.drain()
        await reader.readline()  # join
        writer.close()

    an = make_client("An")
    reasons: list[str] = []
    errors: list[str] = []
    an.connection_lost.connect(reasons.append)
    an.error_received.connect(lambda error: errors.append(error.code))

    run(against(fake_host, writers, an, lambda: bool(reasons)))
    assert errors == ["storage_error"]
    assert reasons[0] == "The connection to the host was lost."


def test_the_connection_is_tls_and_knows_the_host_fingerprint(qtbot, host, make_client):
    an = make_client("An")
    with qtbot.waitSignal(an.joined):
        an.connect_to("127.0.0.1", host.port)
    assert an.host_fingerprint == host.fingerprint == device_identity(100).user_id


def test_a_host_of_an_older_version_without_tls_is_named_as_a_possible_cause(
    qtbot, run, make_client
):
    """A plain-TCP host reads the TLS handshake as a bad frame and says so in plain
    text: the handshake fails, and the user reads what it may mean."""
    writers: list[asyncio.StreamWriter] = []

    async def old_host(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.append(writer)
        await reader.read(1)
        writer.write(b'{"type":"error","code":"invalid_utf8","message":"bad"}\n')
        await writer.drain()
        writer.close()

    an = make_client("An")
    reasons: list[str] = []
    an.connection_lost.connect(reasons.append)
    sent: list[object] = []
    an.welcomed.connect(sent.append)

    run(against(old_host, writers, an, lambda: bool(reasons), tls=False))
    assert "No secure connection" in reasons[0] and "older Messenger" in reasons[0]
    assert not sent and an.state is ConnectionState.DISCONNECTED


def test_a_member_list_in_several_frames_arrives_whole_with_joined(qtbot, run, make_client):
    """A room too large for one frame lists its members in ``members`` frames, then
    ``joined`` with the rest: the app sees one Joined with everyone, in order."""
    everyone = [Member(f"người {n:04d}", format(n, "064x")) for n in range(1_200)]
    entries = [encode_member(member) for member in everyone]
    listing = encode_member_list("general", entries, 3)
    assert listing.count(b"\n") > 1  # (the list needs several frames)
    writers: list[asyncio.StreamWriter] = []

    async def fake_host(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.append(writer)
        await reader.readline()  # hello
        welcome = {"type": "welcome", "version": 2, "host": "h1", "session": "S", "you": "An"}
        writer.write(json.dumps(welcome).encode() + b"\n")
        await reader.readline()  # join
        writer.write(listing)
        await writer.drain()
        await reader.read()

    an = make_client("An")
    seen: list[Any] = []
    an.joined.connect(seen.append)
    run(against(fake_host, writers, an, lambda: bool(seen)))
    assert seen[0].members == tuple(everyone) and seen[0].last_seq == 3


def test_the_people_of_a_large_session_arrive_whole_after_the_welcome(qtbot, run, make_client):
    """A host that lists people (``features``: people) is asked after its welcome; a
    directory in ``people_part`` frames and its ``people_list`` is one list."""
    from messenger.protocol.codec import encode_people_list

    everyone = [Member(f"người {n:04d}", format(n, "064x")) for n in range(1_200)]
    listing = encode_people_list([encode_member(member) for member in everyone])
    assert listing.count(b"\n") > 1
    writers: list[asyncio.StreamWriter] = []
    asked: list[bytes] = []

    async def fake_host(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.append(writer)
        await reader.readline()  # hello
        welcome = {"type": "welcome", "version": 2, "host": "h1", "session": "S", "you": "An"}
        welcome["features"] = ["people"]
        writer.write(json.dumps(welcome).encode() + b"\n")
        while b'"people"' not in (line := await reader.readline()):
            assert line
        asked.append(line)
        writer.write(listing)
        await writer.drain()
        await reader.read()

    an = make_client("An")
    seen: list[Any] = []
    an.people_listed.connect(seen.append)
    run(against(fake_host, writers, an, lambda: bool(seen)))
    assert seen == [tuple(everyone)] and asked


def test_every_frame_a_host_sends_has_a_handler(qtbot, make_client):
    from messenger.protocol import ApprovalCommit, ApprovalReveal, PasswordReply
    from messenger.protocol.dispatch import check_handlers
    from messenger.protocol.frames import HOST_TO_CLIENT

    admission = (ApprovalCommit, ApprovalReveal, PasswordReply)  # (HostAdmission's)
    check_handlers(make_client("An")._handlers, HOST_TO_CLIENT, handled_elsewhere=admission)


def test_a_rename_reaches_everyone_and_changes_our_name(qtbot, host, make_client):
    an, binh = make_client("An"), make_client("Bình")
    for client in (an, binh):
        with qtbot.waitSignal(client.joined):
            client.connect_to("127.0.0.1", host.port)
    with (
        qtbot.waitSignal(an.member_renamed) as ours,
        qtbot.waitSignal(binh.member_renamed) as theirs,
    ):
        ref = an.rename("Ánh")
    assert ref and ours.args[0] == Renamed(an.user_id, "Ánh", "An", ref)
    assert theirs.args[0] == Renamed(an.user_id, "Ánh", "An")
    assert (an.you, an.name, binh.you) == ("Ánh", "Ánh", "Bình")
    with qtbot.waitSignal(binh.error_received) as refused:
        ref = binh.rename("ánh")
    assert (refused.args[0].code, refused.args[0].ref) == (NAME_TAKEN, ref)
    assert binh.you == "Bình"
    an.disconnect_from_host()
    with qtbot.waitSignal(an.joined) as joined:  # (the next hello asks for the new name)
        an.connect_to("127.0.0.1", host.port)
    assert an.you == "Ánh" and Member("Ánh", an.user_id) in joined.args[0].members


def test_a_rename_while_not_connected_sends_nothing(make_client):
    assert make_client("An").rename("Ánh") == ""


def test_every_request_goes_with_a_ref_of_its_own(qtbot, host, make_client):
    an = make_client("An")
    with qtbot.waitSignal(an.joined) as joined:
        an.connect_to("127.0.0.1", host.port)
    with qtbot.waitSignal(an.acked) as acked:
        an.say("a")
    with qtbot.waitSignal(an.history_received) as page:
        ref = an.request_history(5, 10)
    refs = [joined.args[0].ref, acked.args[0].ref, page.args[0].ref]
    assert all(refs) and len(set(refs)) == 3 and refs[2] == ref
    assert acked.args[0].room == "general"
