"""Who the session knows (``people``), on a real host over TLS on loopback: everyone
ever let in, connected or not, across a restart; banned devices left out; asking
counts as a join."""

from __future__ import annotations

import asyncio

from messenger.host.request_limits import RequestLimits
from tests.host.conftest import stop_host
from tests.host.room_clients import let_in
from tests.identities import device_identity
from tests.wire_client import Frame, WireClient


async def people_of(client: WireClient, ref: str = "p-1") -> tuple[list[Frame], Frame]:
    """Asks ``people``: the ``people_part`` frames, then the ``people_list``."""
    await client.send({"type": "people", "ref": ref})
    parts: list[Frame] = []
    while True:
        frame = await client.recv()
        if frame["type"] == "people_list":
            return parts, frame
        if frame["type"] == "people_part":
            parts.append(frame)


def named(parts: list[Frame], listed: Frame) -> list[tuple[str, str]]:
    return [(p["name"], p["user"]) for f in [*parts, listed] for p in f["people"]]


def test_people_who_left_are_listed_with_their_names_after_a_restart(
    start_host, loop: asyncio.AbstractEventLoop, run, clients
):
    an_id, binh_id, chi_id = device_identity(31), device_identity(32), device_identity(33)
    host = start_host()

    async def arriving() -> None:
        for name, identity in (("Bình", binh_id), ("an", an_id)):
            client, welcome = await let_in(host.port, name, clients, identity)
            assert "people" in welcome["features"]
            await client.close()

    run(arriving())
    stop_host(loop, host)
    again = start_host()

    async def asking() -> None:
        chi, _ = await let_in(again.port, "Chi", clients, chi_id)
        parts, listed = await people_of(chi)
        assert parts == []
        assert listed["ref"] == "p-1"
        assert named(parts, listed) == [
            ("an", an_id.user_id),
            ("Bình", binh_id.user_id),
            ("Chi", chi_id.user_id),
        ]

    run(asking())


def test_a_banned_device_is_not_listed(host, run, clients):
    async def scenario() -> None:
        an, _ = await let_in(host.port, "An", clients)
        bad, _ = await let_in(host.port, "Kẻ xấu", clients)
        host.ban(bad.user_id)
        _, listed = await people_of(an)
        assert named([], listed) == [("An", an.user_id)]

    run(scenario())


def test_a_session_too_large_for_one_frame_is_listed_in_parts(bare_host, run, clients):
    host = bare_host(request_limits=RequestLimits(burst_joins=1_000))
    for n in range(3_000):  # (held names, as 3,000 identities let in once leave them)
        host.store.hold_name(f"{n:064x}", f"người {n:04d}", f"Người {n:04d} " + "ừ" * 30)
    host.store.commit()

    async def scenario() -> None:
        an, _ = await let_in(host.port, "An", clients)
        parts, listed = await people_of(an, "r")
        assert len(parts) >= 3
        people = named(parts, listed)
        assert len(people) == 3_001
        assert people[0] == ("An", an.user_id)
        assert people[1:] == [(f"Người {n:04d} " + "ừ" * 30, f"{n:064x}") for n in range(3_000)]
        assert listed["ref"] == "r" and all("ref" not in part for part in parts)

    run(scenario())


def test_asking_again_and_again_is_refused_past_the_join_budget(start_host, run, clients):
    host = start_host(request_limits=RequestLimits(burst_joins=3, joins_per_s=0.01))

    async def scenario() -> None:
        an, _ = await let_in(host.port, "An", clients)
        for n in range(5):
            await an.send({"type": "people", "ref": f"p{n}"})
        answers = [await an.recv() for _ in range(5)]
        listed = [a["ref"] for a in answers if a["type"] == "people_list"]
        refused = [(a["code"], a["ref"]) for a in answers if a["type"] == "error"]
        assert len(listed) == 3  # (the burst)
        assert listed == [f"p{n}" for n in range(len(listed))]
        assert refused == [("too_many_requests", f"p{n}") for n in range(len(listed), 5)]

    run(scenario())
