"""A real host over TLS on loopback: each request's ``ref`` comes back in its answer
(its direct reply, or its error), an ack names its room, and display names change
(``rename``: everyone hears ``renamed``, the member lists show the new name, a name
someone else holds is ``name_taken``)."""

from __future__ import annotations

from messenger.host import HostService
from messenger.host.request_limits import RequestLimits
from messenger.protocol.limits import MAX_ID_CHARS
from tests.host.room_clients import error_of, let_in
from tests.wire_client import Frame, WireClient, member_names


async def joined_member(port: int, name: str, clients: list, *rooms: str) -> WireClient:
    """A member let in as ``name`` and joined to ``general`` and ``rooms``."""
    client, _ = await let_in(port, name, clients)
    for room in ("general", *rooms):
        await client.join(room)
    return client


async def renamed_of(client: WireClient) -> Frame:
    frame, _ = await client.recv_type("renamed")
    return frame


def test_every_direct_reply_carries_its_requests_ref(host: HostService, run, clients):
    async def scenario() -> None:
        an, _ = await let_in(host.port, "An", clients)
        ref = "r" * MAX_ID_CHARS
        await an.send({"type": "join", "room": "general", "ref": ref})
        joined, _ = await an.recv_type("joined")
        assert joined["ref"] == ref
        await an.send({"type": "say", "room": "general", "id": "m1", "text": "a", "ref": "s1"})
        ack, _ = await an.recv_type("ack")
        assert ack == {"type": "ack", "id": "m1", "seq": 1, "room": "general", "ref": "s1"}
        await an.send({"type": "ping", "ref": "p 1 😀"})
        assert (await an.recv_type("pong"))[0] == {"type": "pong", "ref": "p 1 😀"}
        await an.send({"type": "history", "room": "general", "before": 2, "limit": 5, "ref": "h"})
        page, _ = await an.recv_type("history_page")
        assert (page["ref"], len(page["messages"])) == ("h", 1)
        await an.send({"type": "rooms", "ref": "l"})
        assert (await an.recv_type("room_list"))[0]["ref"] == "l"
        await an.send({"type": "ping"})  # (no ref: none in the answer)
        assert (await an.recv_type("pong"))[0] == {"type": "pong"}

    run(scenario())


def test_every_refusal_carries_its_requests_ref(host: HostService, run, clients):
    async def scenario() -> None:
        an, _ = await let_in(host.port, "An", clients)
        refused = {
            "say": {"type": "say", "room": "bep", "id": "m1", "text": "a"},
            "history": {"type": "history", "room": "bep", "before": 9, "limit": 5},
            "topic": {"type": "set_topic", "room": "bep", "topic": "x"},
            "bad": {"type": "say", "room": "general", "id": "m2", "text": ""},
            "name": {"type": "create_room", "room": "dm:x", "topic": ""},
            "dm": {"type": "join", "room": f"dm:{'a' * 64}:{'b' * 64}"},
        }
        for ref, frame in refused.items():
            await an.send({**frame, "ref": ref})
            error = await error_of(an)
            assert error["ref"] == ref, error
        await an.send({"type": "create_room", "room": "bep", "topic": "", "ref": "make"})
        await an.send({"type": "create_room", "room": "bep", "topic": "", "ref": "again"})
        error = await error_of(an)
        assert (error["code"], error["room"], error["ref"]) == ("room_exists", "bep", "again")

    run(scenario())


def test_a_request_before_the_welcome_is_refused_with_its_ref(host: HostService, run, clients):
    async def scenario() -> None:
        an = await WireClient.connect(host.port)
        clients.append(an)
        await an.send({"type": "hello", "version": 2, "name": "An", "client": "c"})
        await an.recv_type("welcome")
        await an.send({"type": "rooms", "ref": 7})  # (not a string: bad_frame, no ref)
        error = await error_of(an)
        assert error["code"] == "bad_frame" and "ref" not in error

    run(scenario())


def test_requests_beyond_their_budget_are_refused_with_their_ref(start_host, run, clients):
    limits = RequestLimits(joins_per_s=0.01, burst_joins=2, pings_per_s=0.01, burst_pings=1)
    host = start_host(request_limits=limits)

    async def scenario() -> None:
        an = await joined_member(host.port, "An", clients)
        await an.send({"type": "rename", "name": "Ân", "ref": "ok"})
        assert (await renamed_of(an))["ref"] == "ok"
        await an.send({"type": "rename", "name": "Ấn", "ref": "late"})  # (a third "join")
        error = await error_of(an)
        assert (error["code"], error["ref"]) == ("too_many_requests", "late")
        await an.send({"type": "ping", "ref": "p1"})
        await an.recv_type("pong")
        await an.send({"type": "ping", "ref": "p2"})
        error = await error_of(an)
        assert (error["code"], error["ref"]) == ("too_many_requests", "p2")

    run(scenario())


def test_a_rename_is_seen_by_every_member_in_every_room(host: HostService, run, clients):
    async def scenario() -> None:
        an = await joined_member(host.port, "An", clients, "bep")
        binh = await joined_member(host.port, "Bình", clients, "bep")
        chi = await joined_member(host.port, "Chi", clients)  # (not in bep: told too)
        await an.send({"type": "rename", "name": "  Ánh\u200b   Nguyễn ", "ref": "n1"})
        own = await renamed_of(an)
        told = {"type": "renamed", "user": an.user_id, "name": "Ánh Nguyễn", "was": "An"}
        assert own == {**told, "ref": "n1"}
        assert await renamed_of(binh) == told
        assert await renamed_of(chi) == told
        for room in ("general", "bep"):  # (Bình joins again: the list shows the new name)
            joined, _ = await binh.join(room)
            listed = ["Ánh Nguyễn", "Bình"] + (["Chi"] if room == "general" else [])
            assert member_names(joined) == sorted(listed, key=str.casefold)
        dung = await joined_member(host.port, "Dũng", clients)
        joined, _ = await dung.join("general")
        assert "Ánh Nguyễn" in member_names(joined) and "An" not in member_names(joined)
        await an.say("xin chào")
        message, _ = await chi.recv_type("message")
        assert message["from"] == "Ánh Nguyễn"

    run(scenario())


def test_a_name_someone_else_holds_is_name_taken(host: HostService, run, clients):
    async def scenario() -> None:
        an = await joined_member(host.port, "An", clients)
        binh, _ = await let_in(host.port, "Bình", clients)
        gone, _ = await let_in(host.port, "Chi", clients)
        await gone.close()  # (its identity still holds "Chi")
        for taken in ("AN", "\u0430n", "chi"):  # (case, a Cyrillic a, an absent identity)
            await binh.send({"type": "rename", "name": taken, "ref": taken})
            error = await error_of(binh)
            assert (error["code"], error["ref"]) == ("name_taken", taken)
        await an.send({"type": "rename", "name": "AN", "ref": "mine"})  # (its own name)
        assert (await renamed_of(an))["name"] == "AN"
        await binh.send({"type": "rename", "name": "An", "ref": "free"})
        assert (await error_of(binh))["code"] == "name_taken"

    run(scenario())


def test_a_new_name_is_kept_for_its_identity_and_the_old_one_freed(host: HostService, run, clients):
    async def scenario() -> None:
        an, _ = await let_in(host.port, "An", clients)
        await an.send({"type": "rename", "name": "Ánh"})
        assert (await renamed_of(an))["name"] == "Ánh"
        identity = an.identity
        await an.close()
        other, welcome = await let_in(host.port, "Ánh", clients)
        assert welcome["you"] == "Ánh (2)"  # (Ánh's identity holds it)
        _, welcome = await let_in(host.port, "An", clients)
        assert welcome["you"] == "An"  # (nobody holds it any more)
        await other.close()
        _, welcome = await let_in(host.port, "Ánh", clients, identity=identity)
        assert welcome["you"] == "Ánh"

    run(scenario())
