"""Announcements on a real host over TLS on loopback: the owner (the host's own
identity, or one named in ``owners``) may post them, or everyone by the host's
setting; each welcome says whether its member may; an announcement is a message of
``general`` with every guarantee of one (stored, acknowledged, replayed with
``since``, given to a member who was away, after a restart of the host too) and
keeps its kind; anyone else's gets ``forbidden`` with its ``ref``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from messenger.host import HostService
from tests.host.conftest import stop_host
from tests.host.room_clients import error_of, let_in
from tests.identities import device_identity, fresh_identity
from tests.wire_client import Frame, WireClient

OWNER = device_identity(100)
"""The identity the tests' hosts serve with: their owner's."""


def announce(msg_id: str, text: str, ref: str = "", room: str = "general") -> Frame:
    frame: Frame = {"type": "say", "room": room, "id": msg_id, "text": text}
    frame["kind"] = "announcement"
    if ref:
        frame["ref"] = ref
    return frame


async def in_general(port: int, name: str, clients: list[Any], **identity: Any) -> WireClient:
    client, _ = await let_in(port, name, clients, **identity)
    await client.join("general")
    return client


async def message_of(client: WireClient) -> Frame:
    frame, _ = await client.recv_type("message")
    return frame


def test_the_owner_announces_to_everyone_and_only_the_owner_may(host: HostService, run, clients):
    async def scenario() -> None:
        owner, welcome = await let_in(host.port, "Chủ", clients, identity=OWNER)
        assert welcome["features"] == ["rooms", "people", "announcements"]
        assert welcome["permissions"] == ["announce"]
        await owner.join("general")
        binh, binh_welcome = await let_in(host.port, "Bình", clients)
        assert "permissions" not in binh_welcome  # (may do nothing beyond chatting)
        await binh.join("general")
        await owner.send(announce("a1", "Chiều nay họp lúc 3h 📣", ref="r1"))
        got = await message_of(binh)
        assert (got["seq"], got["from"], got["kind"]) == (1, "Chủ", "announcement")
        assert got["user"] == OWNER.user_id
        ack, before = await owner.recv_type("ack")
        assert [f["kind"] for f in before if f["type"] == "message"] == ["announcement"]
        assert ack == {"type": "ack", "id": "a1", "seq": 1, "room": "general", "ref": "r1"}

        await binh.send(announce("b1", "Tôi cũng muốn thông báo", ref="r9"))
        assert await error_of(binh) == {
            "type": "error",
            "code": "forbidden",
            "message": "only the host's owner may announce to everyone here",
            "id": "b1",
            "room": "general",
            "ref": "r9",
        }
        await binh.say("một tin thường")  # (an ordinary message still goes)
        assert (await message_of(owner))["seq"] == 2
        assert "kind" not in (await message_of(binh))

    run(scenario())


def test_under_everyone_any_member_announces_and_the_setting_changes_live(
    start_host: Callable[..., HostService], run, clients
):
    host = start_host(announcements="everyone")

    async def scenario() -> None:
        an, welcome = await let_in(host.port, "An", clients)
        assert welcome["permissions"] == ["announce"]
        await an.join("general")
        await an.send(announce("a1", "Ai cũng được"))
        assert (await message_of(an))["kind"] == "announcement"
        await an.recv_type("ack")
        host.set_announcements("owner")  # (every member let in hears what it may do now)
        assert (await an.recv_type("permissions"))[0] == {"type": "permissions"}
        owner, _ = await let_in(host.port, "Chủ", clients, identity=OWNER)
        host.set_announcements("everyone")
        told = (await an.recv_type("permissions"))[0], (await owner.recv_type("permissions"))[0]
        assert [frame["permissions"] for frame in told] == [["announce"], ["announce"]]
        host.set_announcements("everyone")  # (no change: nothing said)
        host.set_announcements("owner")
        assert "permissions" not in (await an.recv_type("permissions"))[0]
        await an.send(announce("a2", "Giờ thì không"))
        assert (await error_of(an))["code"] == "forbidden"
        await an.send(announce("a1", "Ai cũng được"))  # (stored already: acknowledged again)
        ack, before = await an.recv_type("ack")
        assert (ack["seq"], before) == (1, [])
        _, again = await let_in(host.port, "An", clients, identity=an.identity)
        assert "permissions" not in again

    run(scenario())


def test_owners_named_to_the_host_announce_besides_its_own_identity(
    start_host: Callable[..., HostService], run, clients
):
    named = fresh_identity()
    host = start_host(owners=frozenset({named.user_id}))

    async def scenario() -> None:
        chi, welcome = await let_in(host.port, "Chi", clients, identity=named)
        assert welcome["permissions"] == ["announce"]
        await chi.join("general")
        await chi.send(announce("c1", "Tôi là chủ thứ hai"))
        assert (await message_of(chi))["kind"] == "announcement"

    run(scenario())


def test_an_announcement_goes_to_general_only_and_an_unknown_kind_is_a_bad_frame(
    host: HostService, run, clients
):
    async def scenario() -> None:
        owner = await in_general(host.port, "Chủ", clients, identity=OWNER)
        await owner.join("kế-toán")
        await owner.send(announce("a1", "nhầm phòng", ref="r1", room="kế-toán"))
        refused = await error_of(owner)
        assert (refused["code"], refused["room"], refused["ref"]) == ("forbidden", "kế-toán", "r1")
        odd = {"type": "say", "room": "general", "id": "a2", "text": "?", "kind": "poll"}
        await owner.send({**odd, "ref": "r2"})
        refused = await error_of(owner)
        assert (refused["code"], refused["id"], refused["ref"]) == ("bad_frame", "a2", "r2")
        await owner.send({"type": "history", "room": "general", "before": 9, "limit": 9})
        assert (await owner.recv_type("history_page"))[0]["messages"] == []

    run(scenario())


def test_a_member_away_gets_it_when_it_connects_and_after_the_host_restarts(
    start_host: Callable[..., HostService], loop, run, clients, tmp_path: Path
):
    host = start_host(data_dir=tmp_path / "kept")
    away = fresh_identity()

    async def first_run() -> None:
        binh = await in_general(host.port, "Bình", clients, identity=away)
        await binh.close()
        owner = await in_general(host.port, "Chủ", clients, identity=OWNER)
        await owner.say("trước")
        await owner.send(announce("a1", "Mai nghỉ lễ"))
        await owner.recv_type("ack")
        binh = await WireClient.connect(host.port, identity=away)
        clients.append(binh)
        welcome = await binh.hello("Bình")
        assert welcome["rooms"] == [{"room": "general", "last_seq": 2, "read": 0}]
        _, replay = await binh.join("general", since=0)
        assert [(m["text"], m.get("kind")) for m in replay] == [
            ("trước", None),
            ("Mai nghỉ lễ", "announcement"),
        ]

    run(first_run())
    for client in clients:
        run(client.close())
    stop_host(loop, host)
    again = start_host(data_dir=tmp_path / "kept")

    async def after_restart() -> None:
        binh = await in_general(again.port, "Bình", clients, identity=away)
        _, replay = await binh.join("general", since=1)
        assert [(m["seq"], m["kind"]) for m in replay] == [(2, "announcement")]
        await binh.send({"type": "history", "room": "general", "before": 3, "limit": 5})
        page, _ = await binh.recv_type("history_page")
        assert [m.get("kind") for m in page["messages"]] == [None, "announcement"]

    run(after_restart())
