"""Members: the connections open, the members let in by identity, their names and
welcome, and their going (closed, replaced by a new connection, removed, banned);
on real TLS connections, without HostService (``BareHost``)."""

from __future__ import annotations

import asyncio
from typing import Any

from messenger.core.names import name_key
from messenger.host import membership
from tests.host.bare_host import SESSION
from tests.identities import fresh_identity
from tests.wire_client import WireClient, member_names, wait_until


async def connected(port: int, clients: list[Any], identity: Any = None) -> WireClient:
    client = await WireClient.connect(port, identity=identity)
    clients.append(client)
    return client


def test_a_member_let_in_is_welcomed_counted_and_listed_by_name(bare_host, run, clients):
    host = bare_host()

    async def scenario() -> tuple[WireClient, WireClient]:
        binh = await connected(host.port, clients)
        an = await connected(host.port, clients)
        welcome = await binh.hello("  Bình ")
        assert welcome == {
            "type": "welcome",
            "version": 2,
            "host": host.store.host_id,
            "session": SESSION,
            "you": "Bình",
            "epoch": host.store.epoch,
            "user": binh.user_id,
            "features": ["rooms", "people", "announcements"],
            "rooms": [{"room": "general", "last_seq": 0, "read": 0}],
        }
        assert (await an.hello("An"))["you"] == "An"
        return binh, an

    binh, an = run(scenario())
    assert host.members.count == 2
    assert host.members.listing() == [("An", an.user_id), ("Bình", binh.user_id)]
    assert host.changed == [1, 2]
    assert len(host.members.connections) == 2


def test_the_names_taken_together_are_kept_by_one_commit(bare_host, run, clients, monkeypatch):
    monkeypatch.setattr(membership, "NAMES_COMMIT_MS", 500)  # (both hellos well within it)
    host = bare_host()
    commits: list[bool] = []
    commit = host.store.commit

    def counted_commit() -> None:
        commits.append(True)
        commit()

    monkeypatch.setattr(host.store, "commit", counted_commit)

    async def scenario() -> list[WireClient]:
        people = [await connected(host.port, clients) for _ in range(2)]
        await asyncio.gather(people[0].hello("Chi"), people[1].hello("Dũng"))
        assert host.store.uncommitted and commits == []
        await wait_until(lambda: not host.store.uncommitted)
        return people

    chi, dung = run(scenario())
    assert commits == [True]
    assert host.store.name_holder(name_key("Chi")) == chi.user_id
    assert host.store.name_holder(name_key("Dũng")) == dung.user_id


def test_a_new_connection_of_an_identity_replaces_its_old_one(bare_host, run, clients):
    host = bare_host()
    identity = fresh_identity()

    async def scenario() -> None:
        stale = await connected(host.port, clients, identity)
        assert (await stale.hello("Chi"))["you"] == "Chi"
        await stale.join()
        again = await connected(host.port, clients, identity)
        assert (await again.hello("Chi"))["you"] == "Chi"  # (not "Chi (2)")
        frames = await stale.expect_closed()
        assert [(f["type"], f.get("reason")) for f in frames] == [("bye", "replaced")]
        await wait_until(lambda: len(host.gone) == 1)
        joined, _ = await again.join()
        assert member_names(joined) == ["Chi"]  # (the old one left the room)

    run(scenario())
    assert host.members.count == 1
    assert host.members.listing() == [("Chi", identity.user_id)]
    assert host.changed == [1, 1]  # (the old one going does not count again)
    assert host.emptied == 0


def test_a_member_gone_leaves_its_rooms_and_its_name_to_its_identity(bare_host, run, clients):
    host = bare_host()
    identity = fresh_identity()

    async def scenario() -> None:
        an = await connected(host.port, clients)
        await an.hello("An")
        await an.join()
        chi = await connected(host.port, clients, identity)
        await chi.hello("Chi")
        await chi.join()
        came, _ = await an.recv_type("presence")
        await chi.close()
        left, _ = await an.recv_type("presence")
        assert (came["status"], left["status"]) == ("joined", "left")
        assert host.rooms.members_of("general") == [host.member("An")]
        other = await connected(host.port, clients)
        assert (await other.hello("Chi"))["you"] == "Chi (2)"  # (Chi's identity holds it)
        back = await connected(host.port, clients, identity)
        assert (await back.hello("Chi"))["you"] == "Chi"

    run(scenario())
    assert host.changed == [1, 2, 1, 2, 3]
    assert [gone.name for gone in host.gone] == ["Chi"]


def test_a_connection_closed_before_its_hello_is_gone_without_counting(bare_host, run, clients):
    host = bare_host()

    async def scenario() -> None:
        silent = await connected(host.port, clients)
        await wait_until(lambda: len(host.members.connections) == 1)
        await silent.close()
        await wait_until(lambda: host.emptied == 1)

    run(scenario())
    assert host.changed == []
    assert len(host.gone) == 1
    assert host.members.connections == []


def test_the_owner_removes_a_member_who_may_come_back(bare_host, run, clients):
    host = bare_host()
    identity = fresh_identity()

    async def scenario() -> None:
        chi = await connected(host.port, clients, identity)
        await chi.hello("Chi")
        host.members.remove("no such user")  # (nobody: nothing happens)
        host.members.remove(identity.user_id)
        frames = await chi.expect_closed()
        assert [(f["type"], f.get("reason")) for f in frames] == [("bye", "removed")]
        await wait_until(lambda: host.emptied == 1)
        assert host.members.listing() == []
        back = await connected(host.port, clients, identity)
        assert (await back.hello("Chi"))["you"] == "Chi"

    run(scenario())
    assert host.changed == [1, 0, 1]


def test_the_owner_bans_a_member_connected_or_not(bare_host, run, clients):
    host = bare_host()
    identity = fresh_identity()
    absent = fresh_identity()

    async def scenario() -> None:
        chi = await connected(host.port, clients, identity)
        await chi.hello("Chi")
        host.members.ban(identity.user_id, host.admission)
        frames = await chi.expect_closed()
        assert [(f["type"], f.get("reason")) for f in frames] == [("bye", "removed")]
        host.members.ban(absent.user_id, host.admission)
        for banned in (identity, absent):
            again = await connected(host.port, clients, banned)
            await again.send({"type": "hello", "version": 2, "name": "X", "client": "c"})
            refused = await again.expect_closed()
            assert [(f["type"], f.get("code")) for f in refused] == [("error", "banned")]

    run(scenario())
    assert host.store.device_status(identity.user_id) == "banned"
    assert host.store.device_status(absent.user_id) == "banned"
    assert host.members.count == 0
