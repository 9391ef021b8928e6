"""The room directory on a real host over TLS on loopback: the room list and its
live updates, rooms made and refused, topics, read markers across a restart, and
member counts told coalesced."""

from __future__ import annotations

import asyncio

from messenger.host import HostService
from messenger.host.room_access import fitting
from messenger.protocol import RoomState, Welcome, encode_event
from tests.host.conftest import stop_host
from tests.host.room_clients import (
    error_of,
    let_in,
    listed_rooms,
    nothing_before_pong,
    subscribed,
    update_of,
)
from tests.identities import device_identity
from tests.wire_client import WireClient


def test_the_room_list_and_its_updates_reach_a_second_member(host: HostService, run, clients):
    async def scenario() -> None:
        an, listed = await subscribed(host.port, "An", clients)
        assert listed_rooms(listed) == {"general": ("", 1)}
        binh, _ = await subscribed(host.port, "Bình", clients)
        counts = [(await update_of(an, "general"))["members"]]
        while counts[-1] < 2:  # (An's own arrival may still be told first)
            counts.append((await update_of(an, "general"))["members"])
        assert counts in ([2], [1, 2])  # (Bình's first welcome made 2)
        await an.send({"type": "create_room", "room": "Bếp", "topic": "Nấu gì hôm nay"})
        made = await update_of(binh, "Bếp")
        assert (made["topic"], made["members"]) == ("Nấu gì hôm nay", 0)
        await update_of(an, "Bếp")  # (the creator hears of it too: it asked rooms)
        joined, _ = await an.join("Bếp")
        assert joined["topic"] == "Nấu gì hôm nay"
        assert (await update_of(binh, "Bếp"))["members"] == 1
        await an.send({"type": "rooms"})
        again, _ = await an.recv_type("room_list")
        assert listed_rooms(again) == {"general": ("", 2), "Bếp": ("Nấu gì hôm nay", 1)}
        await an.send({"type": "leave", "room": "Bếp"})
        assert (await update_of(binh, "Bếp"))["members"] == 0

    run(scenario())


def test_a_room_name_taken_or_refused_is_answered_with_its_room(host: HostService, run, clients):
    async def scenario() -> None:
        an, _ = await let_in(host.port, "An", clients)
        await an.send({"type": "create_room", "room": "Bếp", "topic": ""})
        for taken in ("Bếp", "BẾP"):
            await an.send({"type": "create_room", "room": taken, "topic": "x"})
            refused = await error_of(an)
            assert (refused["code"], refused["room"]) == ("room_exists", taken)
        for bad in ("dm:bếp", "a\u200bb", "two  spaces"):
            await an.send({"type": "create_room", "room": bad, "topic": ""})
            refused = await error_of(an)
            assert (refused["code"], refused["room"]) == ("bad_room_name", bad)
            await an.send({"type": "join", "room": bad})
            refused = await error_of(an)
            assert (refused["code"], refused["room"]) == ("bad_room_name", bad)
        await an.send({"type": "join", "room": "GENERAL"})  # (looks like general)
        refused = await error_of(an)
        assert (refused["code"], refused["room"]) == ("room_exists", "GENERAL")
        assert await nothing_before_pong(an) == []
        _, listed = await subscribed(host.port, "Bình", clients)
        assert set(listed_rooms(listed)) == {"general", "Bếp"}

    run(scenario())


def test_a_topic_changed_is_seen_by_members_and_subscribers(host: HostService, run, clients):
    async def scenario() -> None:
        an, _ = await let_in(host.port, "An", clients)
        await an.join("Bếp")  # (made by the join)
        binh, _ = await let_in(host.port, "Bình", clients)
        await binh.join("Bếp")
        chi, listed = await subscribed(host.port, "Chi", clients)
        assert listed_rooms(listed)["Bếp"] == ("", 2)
        await an.send({"type": "set_topic", "room": "Bếp", "topic": "Phở thứ sáu"})
        for seen in (binh, an, chi):
            assert (await update_of(seen, "Bếp"))["topic"] == "Phở thứ sáu"
        await chi.send({"type": "set_topic", "room": "Bếp", "topic": "của Chi"})
        refused = await error_of(chi)
        assert (refused["code"], refused["room"]) == ("not_in_room", "Bếp")
        joined, _ = await binh.join("Bếp")  # (joining again: the topic now)
        assert joined["topic"] == "Phở thứ sáu"

    run(scenario())


def test_a_read_marker_never_goes_back_and_outlives_a_restart(
    start_host, loop: asyncio.AbstractEventLoop, run, clients
):
    identity = device_identity(7)
    host = start_host()

    async def reading() -> None:
        an, _ = await let_in(host.port, "An", clients, identity)
        await an.join()
        for number in range(3):
            await an.say(f"tin {number}")
            await an.recv_type("ack")
        await an.send({"type": "read", "room": "general", "seq": 2})
        await an.send({"type": "read", "room": "general", "seq": 1})  # (backwards)
        await an.send({"type": "read", "room": "nowhere", "seq": 5})  # (not a member)
        assert await nothing_before_pong(an) == []
        await an.close()

    run(reading())
    stop_host(loop, host)
    again = start_host()

    async def back() -> None:
        _, welcome = await let_in(again.port, "An", clients, identity)
        assert welcome["rooms"] == [{"room": "general", "last_seq": 3, "read": 2}]

    run(back())


def test_members_joining_at_once_are_counted_in_few_updates(host: HostService, run, clients):
    arrivals = 50

    async def scenario() -> None:
        watcher, _ = await subscribed(host.port, "Xem", clients)
        members = [(await let_in(host.port, f"m{i}", clients))[0] for i in range(arrivals)]
        await asyncio.gather(*(m.send({"type": "join", "room": "Hội trường"}) for m in members))
        updates = []
        while not updates or updates[-1]["members"] < arrivals:
            updates.append(await update_of(watcher, "Hội trường"))
        assert [u["members"] for u in updates] == sorted(u["members"] for u in updates)
        assert len(updates) <= 10, [u["members"] for u in updates]
        assert await nothing_before_pong(watcher) == []  # (no update left behind)

    run(scenario(), 30)


def test_a_plaintext_benchmark_host_keeps_no_rooms(start_host, run, clients):
    """Nobody has an identity there: no rooms in the welcome, joins as before."""
    host = start_host(plaintext_loopback=True)

    async def scenario() -> None:
        client = await WireClient.connect(host.port, tls=False)
        clients.append(client)
        welcome = await client.hello("An")
        assert (welcome["features"], welcome.get("rooms")) == ([], None)
        joined, _ = await client.join("dm:anything")
        assert joined["room"] == "dm:anything"

    run(scenario())


def test_a_welcome_lists_the_rooms_that_fit_one_frame_general_first():
    rooms = tuple(RoomState(f"dm:{i:064x}:{i + 1:064x}", i, 0) for i in range(600))
    welcome = Welcome(host="h", session="s", you="An", rooms=(*rooms, RoomState("general", 3)))
    kept = fitting(welcome).rooms
    assert 300 < len(kept) < 601 and len(encode_event(Welcome("h", "s", "An", rooms=kept))) > 60_000
    assert RoomState("general", 3) in kept
    assert [state.room for state in kept] == sorted(state.room for state in kept)


def test_what_was_posted_before_an_identity_came_is_not_unread_to_it(host, run, clients):
    async def scenario() -> None:
        an, _ = await let_in(host.port, "An", clients)
        await an.join()
        await an.join("Bếp")
        for room in ("general", "Bếp", "Bếp"):
            await an.say("trước", room=room)
            await an.recv_type("ack")
        _, welcome = await let_in(host.port, "Bình", clients)
        assert welcome["rooms"] == [{"room": "general", "last_seq": 1, "read": 1}]
        binh = clients[-1]
        await binh.join("Bếp")
        await binh.close()
        _, again = await let_in(host.port, "Bình", clients, binh.identity)
        assert {"room": "Bếp", "last_seq": 2, "read": 2} in again["rooms"]

    run(scenario())
