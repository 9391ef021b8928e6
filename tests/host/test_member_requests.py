"""MemberRequests: each frame of a member to its handler, one table before its
welcome (hello, admission frames, ping; anything else ``not_admitted``) and one
after (say, join, leave, history, ping, the room directory's frames); on real TLS
connections, without HostService (``BareHost``)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from messenger.host.member_requests import ADMISSION_FRAMES, ANSWERED_BEFORE_WELCOME
from messenger.host.request_limits import RequestLimits
from messenger.protocol.dispatch import check_handlers
from messenger.protocol.events import ADMISSION_CLIENT_TYPES
from messenger.protocol.frames import CLIENT_TO_HOST
from tests.host.test_admission import ask_approval
from tests.wire_client import WireClient, wait_until


async def joined(port: int, name: str, clients: list[Any]) -> WireClient:
    client = await WireClient.connect(port)
    clients.append(client)
    await client.hello(name)
    await client.join()
    return client


def test_the_admission_frames_are_the_ones_the_protocol_lets_through_before_welcome():
    assert {kind.TYPE for kind in ADMISSION_FRAMES} == ADMISSION_CLIENT_TYPES


def test_every_client_frame_has_its_handler(bare_host):
    """A member let in: every frame a client sends has a handler, but its hello (the
    protocol answers a second one) and admission frames (of no use any more). One
    not let in yet: the frames its table lacks are the ones answered not_admitted."""
    welcomed, not_welcomed = bare_host().requests.tables
    check_handlers(welcomed, CLIENT_TO_HOST, handled_elsewhere=ANSWERED_BEFORE_WELCOME)
    not_admitted = set(welcomed) - set(not_welcomed)
    check_handlers(not_welcomed, CLIENT_TO_HOST, handled_elsewhere=not_admitted)


def test_a_member_let_in_says_joins_reads_pings_and_leaves(bare_host, run, clients):
    host = bare_host()

    async def scenario() -> None:
        an = await joined(host.port, "An", clients)
        binh = await joined(host.port, "Bình", clients)
        await an.recv_type("presence")
        await binh.say("chào", msg_id="m1")
        ack, _ = await binh.recv_type("ack")
        message, _ = await an.recv_type("message")
        assert (ack["id"], message["text"]) == ("m1", "chào")
        await an.send({"type": "history", "room": "general", "before": 9, "limit": 5})
        page, _ = await an.recv_type("history_page")
        assert [m["text"] for m in page["messages"]] == ["chào"]
        await an.send({"type": "ping"})
        assert (await an.recv())["type"] == "pong"
        await binh.send({"type": "leave", "room": "general"})
        left, _ = await an.recv_type("presence")
        assert (left["name"], left["status"]) == ("Bình", "left")
        await binh.say("ra rồi")
        refused, _ = await binh.recv_type("error")
        assert refused["code"] == "not_in_room"

    run(scenario())


def test_joins_and_pings_beyond_their_limits_are_refused(bare_host, run, clients):
    host = bare_host(request_limits=RequestLimits(burst_joins=1, burst_pings=1))

    async def scenario() -> None:
        an = await joined(host.port, "An", clients)  # (its one join)
        await an.send({"type": "join", "room": "other"})
        await an.send({"type": "ping"})  # (its one ping)
        await an.send({"type": "ping"})
        answers = [await an.recv() for _ in range(3)]
        assert [(f["type"], f.get("code")) for f in answers] == [
            ("error", "too_many_requests"),
            ("pong", None),
            ("error", "too_many_requests"),
        ]
        assert answers[0]["retry_ms"] > 0 and answers[2]["retry_ms"] > 0

    run(scenario())


def test_a_member_not_let_in_gets_its_admission_and_nothing_else(bare_host, run, clients):
    host = bare_host(admission="approval")
    ended: list[str] = []
    host.admission.approval_ended.connect(ended.append)

    async def scenario() -> None:
        chi = await WireClient.connect(host.port)
        clients.append(chi)
        await ask_approval(chi, "Chi")  # (hello and its nonce went to the admission)
        # A ping is answered, not refused; the pong itself is not required here: the
        # protocol's Connection does not let a host send one before the welcome yet.
        await chi.send({"type": "ping"})
        for frame in (
            {"type": "join", "room": "general"},
            {"type": "say", "room": "general", "id": "m1", "text": "x"},
            {"type": "leave", "room": "general"},
            {"type": "history", "room": "general", "before": 9, "limit": 5},
        ):
            await chi.send(frame)
            refused, before = await chi.recv_type("error")
            assert refused["code"] == "not_admitted"
            assert all(f["type"] == "pong" for f in before)
        await chi.close()  # (gone while waiting: the admission forgets it)
        await wait_until(lambda: ended == [chi.user_id])

    run(scenario())
    assert host.members.count == 0


def test_once_stopped_no_frame_is_answered(bare_host, run, clients):
    host = bare_host()

    async def scenario() -> None:
        an = await joined(host.port, "An", clients)
        await an.send({"type": "ping"})
        assert (await an.recv())["type"] == "pong"
        host.requests.stop()
        await an.send({"type": "ping"})
        await an.say("muộn rồi")
        with pytest.raises(asyncio.TimeoutError):
            await an.recv(timeout=0.3)

    run(scenario())
