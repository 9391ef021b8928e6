"""Names belong to identities: nobody takes an absent member's name, and a member
whose connection went stale gets its own name back on its new connection."""

from __future__ import annotations

from typing import Any

from messenger.core.identity import DeviceIdentity
from messenger.core.names import name_key
from messenger.host import HostService
from tests.host.conftest import stop_host
from tests.identities import fresh_identity
from tests.wire_client import WireClient, member_names, wait_until


def test_a_member_reconnecting_replaces_its_stale_connection_and_keeps_its_name(
    host: HostService, run, clients
):
    chi_identity = fresh_identity()

    async def scenario() -> None:
        binh = await WireClient.connect(host.port)
        stale = await WireClient.connect(host.port, identity=chi_identity)
        clients.extend([binh, stale])
        await binh.hello("Bình")
        await binh.join()
        assert (await stale.hello("Chi"))["you"] == "Chi"
        await stale.join()
        await binh.recv_type("presence")  # Chi joined
        # Chi's network dropped without the host noticing; Chi's app connects again
        again = await WireClient.connect(host.port, identity=chi_identity)
        clients.append(again)
        assert (await again.hello("Chi"))["you"] == "Chi"  # not "Chi (2)"
        frames = await stale.expect_closed()
        assert [(f["type"], f.get("reason")) for f in frames] == [("bye", "replaced")]
        joined, _ = await again.join()
        assert sorted(member_names(joined)) == ["Bình", "Chi"]
        left, _ = await binh.recv_type("presence")
        came, _ = await binh.recv_type("presence")
        assert (left["status"], came["status"]) == ("left", "joined")
        assert left["name"] == came["name"] == "Chi"
        await again.say("mình đây")
        message, _ = await binh.recv_type("message")
        assert message["from"] == "Chi"

    run(scenario())
    assert host.member_count == 2


async def name_given(
    port: int, asked: str, clients: list[Any], identity: DeviceIdentity | None = None
) -> str:
    """The name the host gives a member (a new identity unless ``identity``) asking
    for ``asked``; the member leaves again at once."""
    member = await WireClient.connect(port, identity=identity)
    clients.append(member)
    name = str((await member.hello(asked))["you"])
    await member.close()
    return name


def test_nobody_takes_an_absent_members_name(host: HostService, run, clients):
    chi = fresh_identity()

    async def scenario() -> None:
        assert await name_given(host.port, "Chi", clients, chi) == "Chi"
        # the same in capitals, fullwidth, with a zero-width space: each impostor
        # gets a name of its own ("Chi (2)" is the first one's, held too)
        asked = ("Chi", "CHI", "\uff23\uff48\uff49", "Chi\u200b")
        given = [await name_given(host.port, name, clients) for name in asked]
        assert given == ["Chi (2)", "CHI (3)", "\uff23\uff48\uff49 (4)", "Chi (5)"]
        assert all(name_key(name) != name_key("Chi") for name in given)
        # look-alikes (TR39): Cyrillic Es, Cyrillic i, a combining grapheme joiner
        asked = ("\u0421hi", "Ch\u0456", "Ch\u034fi")
        given = [await name_given(host.port, name, clients) for name in asked]
        assert given == ["\u0421hi (6)", "Ch\u0456 (7)", "Ch\u034fi (8)"]
        assert await name_given(host.port, "Chi", clients, chi) == "Chi"
        # marks make another name: "Chí" and "Chị" are not "Chi"
        assert [await name_given(host.port, n, clients) for n in ("Chí", "Chị")] == ["Chí", "Chị"]

    run(scenario())


def test_held_names_last_across_a_host_restart(start_host, loop, run, clients):
    first = start_host()
    chi = fresh_identity()
    assert run(name_given(first.port, "Chi", clients, chi)) == "Chi"
    stop_host(loop, first)
    second = start_host()
    assert run(name_given(second.port, "Chi", clients)) == "Chi (2)"
    assert run(name_given(second.port, "Chi", clients, chi)) == "Chi"


def test_a_member_may_change_its_name_and_frees_the_old_one(host: HostService, run, clients):
    an = fresh_identity()
    assert run(name_given(host.port, "An", clients, an)) == "An"
    assert run(name_given(host.port, "Anh", clients, an)) == "Anh"
    assert run(name_given(host.port, "An", clients)) == "An"


def test_a_message_carries_its_senders_user_id_whatever_the_say_claims(
    host: HostService, run, clients
):
    """The host writes each message's ``from`` and ``user`` itself: a say that names
    someone else is relayed, stored and replayed as its real sender's."""

    async def scenario() -> None:
        an = await WireClient.connect(host.port)
        binh = await WireClient.connect(host.port)
        clients.extend([an, binh])
        await an.hello("An")
        await an.join()
        await binh.hello("Bình")
        await binh.join()
        forged = {"type": "say", "room": "general", "id": "f1", "text": "tôi là An"}
        await binh.send(forged | {"from": "An", "user": an.user_id})
        relayed, _ = await an.recv_type("message")
        assert (relayed["from"], relayed["user"]) == ("Bình", binh.user_id)
        await an.say("thật", msg_id="a1")
        own, _ = await an.recv_type("message")
        assert (own["from"], own["user"]) == ("An", an.user_id)
        later = await WireClient.connect(host.port)
        clients.append(later)
        await later.hello("Chi")
        _, replay = await later.join()
        assert [(m["from"], m["user"]) for m in replay] == [
            ("Bình", binh.user_id),
            ("An", an.user_id),
        ]
        await later.send({"type": "history", "room": "general", "before": 3, "limit": 5})
        page, _ = await later.recv_type("history_page")
        assert [m["user"] for m in page["messages"]] == [binh.user_id, an.user_id]

    run(scenario())


def test_names_taken_are_committed_soon_after_without_waiting_for_a_message(
    host: HostService, run, clients
):
    """Names are committed together a moment after they are taken (one fsync for an
    office arriving: a benchmark figure), not only with the next message."""
    store: Any = host._store

    async def scenario() -> None:
        for n in range(3):
            await name_given(host.port, f"Người {n}", clients)
        await wait_until(lambda: not store.uncommitted)

    run(scenario())
    assert store.name_holder(name_key("Người 2")) is not None
