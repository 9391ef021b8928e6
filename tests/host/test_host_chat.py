"""The host with several real clients on loopback: greeting, rooms, fan-out, replay."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from messenger.host import HostService
from tests.host.conftest import stop_host
from tests.wire_client import WireClient, member_names


async def joined_client(port: int, name: str, clients: list[Any], **join: Any) -> WireClient:
    client = await WireClient.connect(port)
    clients.append(client)
    await client.hello(name)
    await client.join(**join)
    return client


def test_welcome_names_the_session_and_makes_names_unique(host: HostService, run, clients):
    async def scenario() -> None:
        first = await WireClient.connect(host.port)
        second = await WireClient.connect(host.port)
        clients.extend([first, second])
        welcome = await first.hello("Lan Anh")
        assert welcome == {
            "type": "welcome",
            "version": 2,
            "host": host.host_id,
            "session": "Test session",
            "you": "Lan Anh",
            "epoch": host.epoch,
            "user": first.user_id,
            "features": ["rooms", "people", "announcements"],
            "rooms": [{"room": "general", "last_seq": 0, "read": 0}],
        }
        assert (await second.hello("lan anh"))["you"] == "lan anh (2)"

    run(scenario())


def test_join_lists_members_and_tells_the_others(host: HostService, run, clients):
    async def scenario() -> None:
        an = await joined_client(host.port, "An", clients)
        binh = await WireClient.connect(host.port)
        clients.append(binh)
        await binh.hello("Bình")
        joined, replay = await binh.join()
        assert joined == {
            "type": "joined",
            "room": "general",
            "members": [{"name": "An", "user": an.user_id}, {"name": "Bình", "user": binh.user_id}],
            "last_seq": 0,
        }
        assert replay == []
        presence = await an.recv()
        assert presence == {
            "type": "presence",
            "room": "general",
            "name": "Bình",
            "status": "joined",
            "user": binh.user_id,
        }

    run(scenario())


def test_messages_reach_every_member_in_one_order(host: HostService, run, clients):
    async def scenario() -> None:
        members = [await joined_client(host.port, f"m{i}", clients) for i in range(3)]
        for index, member in enumerate(members):  # drain presence frames
            for _ in range(len(members) - index - 1):
                assert (await member.recv())["type"] == "presence"
        sent: dict[str, str] = {}
        for round_ in range(20):
            for member in members:
                text = f"{member.you} nói lần {round_} 😀"
                sent[await member.say(text)] = member.you
        logs = []
        for member in members:
            messages, acks = [], 0
            while len(messages) < len(sent) or acks < 20:
                frame = await member.recv()
                if frame["type"] == "message":
                    messages.append(frame)
                else:
                    assert frame["type"] == "ack" and sent[frame["id"]] == member.you
                    acks += 1
            logs.append([(m["seq"], m["id"], m["from"], m["text"]) for m in messages])
        assert logs[0] == logs[1] == logs[2]
        assert [entry[0] for entry in logs[0]] == list(range(1, 61))
        assert {entry[1]: entry[2] for entry in logs[0]} == sent

    run(scenario())


def test_ack_carries_the_seq_and_room_of_the_stored_message(host: HostService, run, clients):
    async def scenario() -> None:
        an = await joined_client(host.port, "An", clients)
        msg_id = await an.say("<b>không đậm</b>")
        message = await an.recv()
        ack = await an.recv()
        assert message["text"] == "<b>không đậm</b>"
        assert message["from"] == "An" and message["id"] == msg_id
        assert ack == {"type": "ack", "id": msg_id, "seq": message["seq"], "room": "general"}

    run(scenario())


def test_repeated_say_is_acknowledged_once_and_not_delivered_again(host, run, clients):
    async def scenario() -> None:
        an = await joined_client(host.port, "An", clients)
        binh = await joined_client(host.port, "Bình", clients)
        await an.recv()  # presence of Bình
        await an.say("một lần", msg_id="same-id")
        first_ack, _ = await an.recv_type("ack")
        await an.say("một lần", msg_id="same-id")
        second_ack, between = await an.recv_type("ack")
        assert second_ack == first_ack and between == []
        await binh.send({"type": "ping"})
        frames = [await binh.recv(), await binh.recv()]
        assert [f["type"] for f in frames] == ["message", "pong"]

    run(scenario())


def test_join_without_since_replays_the_last_hundred(host: HostService, run, clients):
    async def scenario() -> None:
        an = await joined_client(host.port, "An", clients)
        for i in range(150):
            await an.say(f"tin {i}")
        await wait_acks(an, 150)
        late = await WireClient.connect(host.port)
        clients.append(late)
        await late.hello("Muộn")
        joined, replay = await late.join()
        assert [m["seq"] for m in replay] == list(range(51, 151))
        assert joined["last_seq"] == 150

    run(scenario())


def test_join_with_since_replays_everything_after_it(unlimited_host: HostService, run, clients):
    async def scenario() -> None:
        an = await joined_client(unlimited_host.port, "An", clients)
        for i in range(700):
            await an.say(f"tin {i}")
        await wait_acks(an, 700)
        late = await WireClient.connect(unlimited_host.port)
        clients.append(late)
        await late.hello("Muộn")
        joined, replay = await late.join(since=5)
        assert [m["seq"] for m in replay] == list(range(6, 701))
        assert replay[0]["text"] == "tin 5"
        assert joined["last_seq"] == 700
        _, replay_none = await late.join(since=700)
        assert replay_none == []

    run(scenario(), timeout=30)


def test_leave_and_disconnect_tell_the_others(host: HostService, run, clients):
    async def scenario() -> None:
        an = await joined_client(host.port, "An", clients)
        binh = await joined_client(host.port, "Bình", clients)
        chi = await joined_client(host.port, "Chi", clients)
        await an.recv_type("presence")
        await an.recv_type("presence")
        await binh.send({"type": "leave", "room": "general"})
        left = await an.recv()
        assert left == {
            "type": "presence",
            "room": "general",
            "name": "Bình",
            "status": "left",
            "user": binh.user_id,
        }
        await binh.say("vẫn ở đây?")
        error, _ = await binh.recv_type("error")
        assert error["code"] == "not_in_room"
        await chi.close()
        gone = await an.recv()
        assert (gone["name"], gone["status"]) == ("Chi", "left")

    run(scenario())


def test_restart_on_the_same_data_continues_seq_and_dedup(start_host, loop, run, clients):
    first = start_host()

    async def before() -> Any:
        an = await joined_client(first.port, "An", clients)
        for i in range(3):
            await an.say(f"trước {i}", msg_id=f"id-{i}")
        await wait_acks(an, 3)
        return an.identity

    identity = run(before())
    host_id = first.host_id
    stop_host(loop, first)
    second = start_host()
    assert second.host_id == host_id

    async def after() -> None:
        an = await WireClient.connect(second.port, identity=identity)
        clients.append(an)
        await an.hello("An")
        _, replay = await an.join()
        assert [m["text"] for m in replay] == ["trước 0", "trước 1", "trước 2"]
        await an.say("trước 2", msg_id="id-2")
        ack, between = await an.recv_type("ack")
        assert ack["seq"] == 3 and between == []
        await an.say("sau")
        message, _ = await an.recv_type("message")
        assert message["seq"] == 4

    run(after())


def test_stopping_the_host_says_bye_to_everyone(host: HostService, loop, run, clients):
    async def scenario() -> list[Any]:
        return [await joined_client(host.port, name, clients) for name in ("An", "Bình")]

    members = run(scenario())
    stopped = asyncio.Event()
    host.stopped.connect(stopped.set)
    host.stop()

    async def check() -> None:
        for member in members:
            frames = await member.expect_closed()
            assert frames[-1]["type"] == "bye" and frames[-1]["reason"] == "session_ended"
        await stopped.wait()

    run(check())
    assert not host.running


async def wait_acks(client: WireClient, count: int) -> None:
    acks = 0
    while acks < count:
        frame = await client.recv()
        acks += frame["type"] == "ack"


def test_history_pages_back_through_the_room(unlimited_host: HostService, run, clients):
    async def scenario() -> None:
        an = await joined_client(unlimited_host.port, "An", clients)
        for i in range(250):
            await an.say(f"tin {i}")
        await wait_acks(an, 250)
        seen: list[int] = []
        before = 251
        while True:
            await an.send({"type": "history", "room": "general", "before": before, "limit": 100})
            page, _ = await an.recv_type("history_page")
            seqs = [m["seq"] for m in page["messages"]]
            if not seqs:
                break
            assert seqs == sorted(seqs) and seqs[-1] == before - 1 and len(seqs) <= 100
            seen = seqs + seen
            before = seqs[0]
        assert seen == list(range(1, 251))

    run(scenario())


def test_a_history_page_of_huge_messages_stays_under_the_frame_limit(host, run, clients):
    async def scenario() -> None:
        an = await joined_client(host.port, "An", clients)
        for _ in range(30):
            await an.say("ệ" * 8_000)  # 24 KB of UTF-8 each
        await wait_acks(an, 30)
        await an.send({"type": "history", "room": "general", "before": 31, "limit": 200})
        page, _ = await an.recv_type("history_page")
        seqs = [m["seq"] for m in page["messages"]]
        assert 1 <= len(seqs) < 30 and seqs[-1] == 30
        await an.send({"type": "history", "room": "other", "before": 5, "limit": 5})
        error, _ = await an.recv_type("error")
        assert error["code"] == "not_in_room"

    run(scenario())


def test_bursts_from_several_rooms_reach_senders_message_before_ack(host, run, clients):
    """Whatever shares one flush (senders, rooms), a sender gets each of its messages
    before the ack for it, and every member every message of its rooms once, in order."""

    async def acked_after_their_messages(sender: WireClient, ids: set[str]) -> None:
        messages: set[str] = set()
        acked: set[str] = set()
        while acked != ids:
            frame = await sender.recv()
            if frame["type"] == "message":
                messages.add(frame["id"])
            elif frame["type"] == "ack":
                assert frame["id"] in messages, "an ack came before its message"
                acked.add(frame["id"])

    async def scenario() -> None:
        an = await joined_client(host.port, "An", clients)
        await an.join(room="office")
        binh = await joined_client(host.port, "Bình", clients)
        chi = await joined_client(host.port, "Chi", clients, room="office")
        await an.recv_type("presence")
        await an.recv_type("presence")
        burst = b""
        for number in range(30):  # one write: An says in both rooms, all in one turn
            room = "general" if number % 2 else "office"
            frame = {"type": "say", "room": room, "id": f"a{number}", "text": f"tin {number}"}
            burst += json.dumps(frame).encode() + b"\n"
        await asyncio.gather(
            an.send(burst), *(binh.say(f"Bình {n}", msg_id=f"b{n}") for n in range(10))
        )
        await acked_after_their_messages(an, {f"a{n}" for n in range(30)})
        await acked_after_their_messages(binh, {f"b{n}" for n in range(10)})
        office = [(await chi.recv_type("message"))[0] for _ in range(15)]
        assert [m["id"] for m in office] == [f"a{n}" for n in range(0, 30, 2)]
        assert [m["seq"] for m in office] == list(range(1, 16))

    run(scenario())


def test_members_arriving_at_once_each_learn_of_everyone_exactly_once(host, run, clients):
    """Joins that share a turn share one presence write per member; still, each member
    hears of every other exactly once (in its ``joined`` list or a later ``presence``),
    never of itself, and a leave reaches those who stay."""

    async def arrive(name: str) -> tuple[WireClient, list[str]]:
        client = await WireClient.connect(host.port)
        clients.append(client)
        await client.send(  # hello and join in one write, as a busy client would
            json.dumps({"type": "hello", "version": 2, "name": name, "client": name}).encode()
            + b'\n{"type":"join","room":"general"}\n'
        )
        joined, _ = await client.recv_type("joined")
        return client, member_names(joined)

    async def known_after(client: WireClient, listed: list[str], count: int) -> list[str]:
        known = list(listed)
        while len(known) < count:
            frame, _ = await client.recv_type("presence")
            assert frame["status"] == "joined" and frame["name"] != client.you
            known.append(frame["name"])
        return known

    async def scenario() -> None:
        first = await joined_client(host.port, "An", clients)
        names = [f"người {n}" for n in range(25)]
        arrived = await asyncio.gather(*(arrive(name) for name in names))
        everyone = sorted(["An", *names])
        known = await known_after(first, ["An"], len(everyone))
        assert sorted(known) == everyone
        for (client, listed), name in zip(arrived, names, strict=True):
            client.you = name
            known = await known_after(client, listed, len(everyone))
            assert sorted(known) == everyone, name  # each once: no repeats, nobody missing
        await arrived[0][0].close()
        for client, _ in arrived[1:]:
            frame, _ = await client.recv_type("presence")
            assert frame == {
                "type": "presence",
                "room": "general",
                "name": names[0],
                "status": "left",
                "user": arrived[0][0].user_id,
            }
        await first.send({"type": "ping"})
        frames = [await first.recv(), await first.recv()]
        assert frames[0]["name"] == names[0] and frames[1] == {"type": "pong"}

    run(scenario())


def test_a_name_cannot_be_taken_with_hidden_or_look_alike_characters(
    host: HostService, run, clients
):
    async def scenario() -> None:
        first = await WireClient.connect(host.port)
        clients.append(first)
        assert (await first.hello("An"))["you"] == "An"
        given = []
        for wanted in ("An\u200b", "\u202eAn", "\uff21\uff4e", "AN", "A\x07n"):
            impostor = await WireClient.connect(host.port)
            clients.append(impostor)
            given.append((await impostor.hello(wanted))["you"])
        assert given == ["An (2)", "An (3)", "\uff21\uff4e (4)", "AN (5)", "An (6)"]

    run(scenario())
