"""Names belong to identities: nobody takes an absent member's name, and a member
whose connection went stale gets its own name back on its new connection."""

from __future__ import annotations

from messenger.core.names import name_key
from messenger.host import HostService
from tests.host.conftest import stop_host
from tests.identities import fresh_identity
from tests.wire_client import WireClient


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
        assert sorted(joined["members"]) == ["Bình", "Chi"]
        left, _ = await binh.recv_type("presence")
        came, _ = await binh.recv_type("presence")
        assert (left["status"], came["status"]) == ("left", "joined")
        assert left["name"] == came["name"] == "Chi"
        await again.say("mình đây")
        message, _ = await binh.recv_type("message")
        assert message["from"] == "Chi"

    run(scenario())
    assert host.member_count == 2


def test_nobody_takes_an_absent_members_name(host: HostService, run, clients):
    chi_identity = fresh_identity()

    async def scenario() -> None:
        chi = await WireClient.connect(host.port, identity=chi_identity)
        clients.append(chi)
        await chi.hello("Chi")
        await chi.close()
        given = []
        for asked in ("Chi", "CHI", "\uff23\uff48\uff49", "Chi\u200b"):  # (fullwidth)
            impostor = await WireClient.connect(host.port)
            clients.append(impostor)
            given.append((await impostor.hello(asked))["you"])
            await impostor.close()
        # each got a name of its own ("Chi (2)" is the first one's, held too)
        assert given == ["Chi (2)", "CHI (3)", "\uff23\uff48\uff49 (4)", "Chi (5)"]
        assert all(name_key(name) != name_key("Chi") for name in given)
        back = await WireClient.connect(host.port, identity=chi_identity)
        clients.append(back)
        assert (await back.hello("Chi"))["you"] == "Chi"

    run(scenario())


def test_held_names_last_across_a_host_restart(start_host, loop, run, clients):
    first = start_host()
    chi_identity = fresh_identity()

    async def hold(port: int) -> None:
        chi = await WireClient.connect(port, identity=chi_identity)
        clients.append(chi)
        await chi.hello("Chi")

    run(hold(first.port))
    stop_host(loop, first)
    second = start_host()

    async def after(port: int) -> None:
        other = await WireClient.connect(port)
        clients.append(other)
        assert (await other.hello("Chi"))["you"] == "Chi (2)"
        chi = await WireClient.connect(port, identity=chi_identity)
        clients.append(chi)
        assert (await chi.hello("Chi"))["you"] == "Chi"

    run(after(second.port))


def test_a_member_may_change_its_name_and_frees_the_old_one(host: HostService, run, clients):
    an_identity = fresh_identity()

    async def scenario() -> None:
        an = await WireClient.connect(host.port, identity=an_identity)
        clients.append(an)
        await an.hello("An")
        await an.close()
        renamed = await WireClient.connect(host.port, identity=an_identity)
        clients.append(renamed)
        assert (await renamed.hello("Anh"))["you"] == "Anh"
        await renamed.close()
        other = await WireClient.connect(host.port)
        clients.append(other)
        assert (await other.hello("An"))["you"] == "An"

    run(scenario())
