"""HostConnection against a real in-process host and against nobody."""

from __future__ import annotations

import pytest

from messenger.client import ConnectionState, HostConnection, NotConnectedError
from tests.ui.conftest import free_udp_port


@pytest.fixture
def host(standalone_host):
    return standalone_host


@pytest.fixture
def make_client(qtbot):
    made: list[HostConnection] = []

    def factory(name: str) -> HostConnection:
        client = HostConnection(name, f"id-{name}")
        made.append(client)
        return client

    yield factory
    for client in made:
        client.disconnect_from_host()
        client.deleteLater()


def test_connect_join_say_and_receive(qtbot, host, make_client):
    an = make_client("An")
    with qtbot.waitSignal(an.joined) as joined:
        an.connect_to("127.0.0.1", host.port)
    assert an.state is ConnectionState.CONNECTED
    assert an.welcome.session == "Kho Hà Nội" and an.you == "An"
    assert joined.args[0].members == ("An",)
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


def test_the_host_ending_the_session_is_reported(qtbot, host, make_client):
    an = make_client("An")
    with qtbot.waitSignal(an.joined):
        an.connect_to("127.0.0.1", host.port)
    with qtbot.waitSignal(an.session_ended) as ended:
        host.stop()
    assert "ended the session" in ended.args[0]
    assert an.state is ConnectionState.DISCONNECTED


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
