"""The host when its history cannot store (a file that may grow no more: SQLite's
SQLITE_FULL, as on a full disk): each failed ``say`` is refused with its id and
``disk_full``, and every later one of that connection is refused unstored until the
first failed one comes again, so one client's messages are stored in the order sent;
another connection is not held up by it."""

from __future__ import annotations

import logging

from messenger.host import HostService
from tests.host.test_host_chat import joined_client
from tests.store.test_history import NO_LIMIT, fill_disk

BIG = "x" * 4_000  # needs pages the file does not have


async def answer(client) -> dict:
    """The next ack or error (messages and presence frames pass by)."""
    frame = await client.recv()
    while frame["type"] not in ("ack", "error"):
        frame = await client.recv()
    return frame


def test_what_follows_a_failed_say_is_refused_until_it_comes_again(
    host: HostService, run, clients, caplog
):
    async def scenario() -> None:
        an = await joined_client(host.port, "An", clients)
        await an.say("trước", msg_id="a0")
        assert (await answer(an))["type"] == "ack"
        db = fill_disk(host._store)
        for msg_id in ("b1", "b2"):
            await an.say(BIG, msg_id=msg_id)
        await an.say("nhỏ", msg_id="s3")  # small enough to fit: refused all the same
        refusals = [await answer(an) for _ in range(3)]
        assert [(f["code"], f["id"], f["problem"]) for f in refusals] == [
            ("storage_error", "b1", "disk_full"),
            ("storage_error", "b2", "disk_full"),
            ("storage_error", "s3", "disk_full"),
        ]
        assert "full" in refusals[0]["message"]
        binh = await joined_client(host.port, "Bình", clients)  # another connection
        await binh.say("của Bình", msg_id="c1")
        assert (await answer(binh))["type"] == "ack"  # small: it fits, and is not held up
        db.execute(f"PRAGMA max_page_count={NO_LIMIT}")  # room again
        await an.say("nhỏ", msg_id="s3")  # before b1: still refused
        assert (await answer(an))["id"] == "s3"
        seqs = {}
        for msg_id, text in (("b1", BIG), ("b2", BIG), ("s3", "nhỏ")):
            await an.say(text, msg_id=msg_id)
            ack = await answer(an)
            assert ack["type"] == "ack", ack
            seqs[msg_id] = ack["seq"]
        assert seqs["b1"] < seqs["b2"] < seqs["s3"]

    with caplog.at_level(logging.INFO, logger="messenger.host.storage_watch"):
        run(scenario())
    logged = [r.getMessage() for r in caplog.records]
    assert len(logged) == 2, logged  # the trouble once, its end once
    assert "cannot store messages (disk_full)" in logged[0]
    assert "works again (3 refused" in logged[1]  # when Bình's message was stored
