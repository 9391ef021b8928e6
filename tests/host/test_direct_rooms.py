"""Direct conversations on a real host over TLS on loopback: only their two
identities get anything of them, and a message to one not connected waits for it,
across a restart of the host too."""

from __future__ import annotations

import asyncio

from messenger.core.room_names import direct_room
from messenger.host.request_limits import RequestLimits
from tests.host.conftest import stop_host
from tests.host.room_clients import dm, error_of, let_in, nothing_before_pong, subscribed
from tests.identities import device_identity


def test_a_direct_message_reaches_its_offline_identity_after_a_restart(
    start_host, loop: asyncio.AbstractEventLoop, run, clients
):
    an_identity, binh_identity = device_identity(11), device_identity(12)
    host = start_host()
    room = ""

    async def writing() -> None:
        nonlocal room
        an, _ = await let_in(host.port, "An", clients, an_identity)
        room = direct_room(an.user_id, binh_identity.user_id)
        joined, replay = await an.join(room)
        assert (joined["room"], replay) == (room, [])
        await an.say("Bình ơi, mai họp nhé", room=room)
        await an.recv_type("ack")
        await an.close()

    async def reading_now() -> None:
        binh, welcome = await let_in(host.port, "Bình", clients, binh_identity)
        assert {"room": room, "last_seq": 1, "read": 0} in welcome["rooms"]
        await binh.close()

    run(writing())
    run(reading_now())
    stop_host(loop, host)
    again = start_host()

    async def reading_later() -> None:
        binh, welcome = await let_in(again.port, "Bình", clients, binh_identity)
        assert {"room": room, "last_seq": 1, "read": 0} in welcome["rooms"]
        _, replay = await binh.join(room, since=0)
        assert [m["text"] for m in replay] == ["Bình ơi, mai họp nhé"]

    run(reading_later())


def test_a_third_identity_gets_forbidden_and_nothing_of_the_room(host, run, clients):
    async def scenario() -> None:
        an, _ = await let_in(host.port, "An", clients)
        binh, _ = await let_in(host.port, "Bình", clients)
        room = dm(an, binh)
        await an.join(room)
        await binh.join(room)
        chi, _ = await let_in(host.port, "Chi", clients)
        await chi.send({"type": "join", "room": room})
        refused = await error_of(chi)
        assert (refused["code"], refused["room"]) == ("forbidden", room)
        await chi.say("xen vào", room=room)
        assert (await error_of(chi))["code"] == "not_in_room"
        await chi.send({"type": "history", "room": room, "before": 9, "limit": 5})
        assert (await error_of(chi))["code"] == "not_in_room"
        await an.say("chỉ hai ta", room=room)
        await an.recv_type("ack")
        message, _ = await binh.recv_type("message")
        assert message["text"] == "chỉ hai ta"
        assert await nothing_before_pong(chi) == []

    run(scenario())


def test_direct_rooms_are_not_listed_nor_told_to_subscribers(host, run, clients):
    async def scenario() -> None:
        watcher, _ = await subscribed(host.port, "Xem", clients)
        an, _ = await let_in(host.port, "An", clients)
        binh, _ = await let_in(host.port, "Bình", clients)
        room = dm(an, binh)
        await an.join(room)
        await an.send({"type": "set_topic", "room": room, "topic": "riêng"})
        update, _ = await an.recv_type("room_update")  # (a member connected is told)
        assert (update["room"], update["topic"]) == (room, "riêng")
        await asyncio.sleep(0.2)  # (past the updates' coalescing)
        before = await nothing_before_pong(watcher)
        assert [f for f in before if f.get("room") == room] == []
        await watcher.send({"type": "rooms"})
        listed, _ = await watcher.recv_type("room_list")
        assert room not in {r["room"] for r in listed["rooms"]}

    run(scenario())


def test_a_member_left_comes_back_with_the_next_message(host, run, clients):
    an_identity, binh_identity = device_identity(21), device_identity(22)

    async def scenario() -> None:
        an, _ = await let_in(host.port, "An", clients, an_identity)
        binh, _ = await let_in(host.port, "Bình", clients, binh_identity)
        room = dm(an, binh)
        await an.join(room)
        await binh.join(room)
        await binh.send({"type": "leave", "room": room})
        await nothing_before_pong(binh)  # (its leave taken)
        await binh.close()
        binh, welcome = await let_in(host.port, "Bình", clients, binh_identity)
        assert room not in {state["room"] for state in welcome["rooms"]}
        await an.say("còn đó không?", room=room)
        await an.recv_type("ack")
        await binh.close()
        binh, welcome = await let_in(host.port, "Bình", clients, binh_identity)
        assert {"room": room, "last_seq": 1, "read": 0} in welcome["rooms"]

    run(scenario())


def test_forbidden_joins_count_among_the_frames_refused(bare_host, run, clients):
    host = bare_host(request_limits=RequestLimits(burst_joins=1_000))

    async def scenario() -> None:
        an, _ = await let_in(host.port, "An", clients)
        binh, _ = await let_in(host.port, "Bình", clients)
        chi, _ = await let_in(host.port, "Chi", clients)
        room = dm(an, binh)
        for _ in range(101):
            await chi.send({"type": "join", "room": room})
        frames = await chi.expect_closed()
        assert [f["code"] for f in frames[:100]] == ["forbidden"] * 100
        assert frames[-1]["code"] == "too_many_errors"

    run(scenario())
