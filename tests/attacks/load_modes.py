"""Attacks with work the protocol lets any member ask for: posting at full speed, and
asking again and again for a large room's history."""

from __future__ import annotations

import argparse
import asyncio
import random

from tests.identities import fresh_identity

from .attacker_kit import Deadline, Link, Marks, Tally, frame_bytes

ANSWER_S = 5.0
DRAIN_S = 25.0
"""The longest the say flood waits, after writing, for the host's answers."""
SAY_BATCH = 256
"""Say frames written at once (then the attacker waits for TCP to take them)."""
MESSAGE_LINE = b'{"type":"message"'
PAGE_LINE = b'{"type":"history_page"'
REFUSED_LINE = b'"code":"too_many_requests"'
"""(JSON strings escape their quotes: only an error frame's field holds it.)"""
JOINED_MARK = b'{"type":"joined"'


async def say_flood(args: argparse.Namespace, tally: Tally, deadline: Deadline) -> None:
    """One member posts ``--count`` messages of ``--text`` characters as fast as TCP
    takes them, never sending a refused one again, and reads every answer."""
    identity = fresh_identity()
    tally.extra["user"] = identity.user_id
    link = await Link.open(args.port, tally, identity)
    await link.hello("flood")
    link.write(frame_bytes({"type": "join", "room": args.room}))
    await link.until("joined", ANSWER_S)
    text = "lũ " * (args.text // 3)
    answers: dict[int, str] = {}  # say number: "ack" or the error code
    retry_ms: list[int] = []
    sent = 0
    writing = True
    answered = asyncio.Event()  # (every say sent, and every one answered)

    async def read_answers() -> None:
        while True:
            line = await link.line(ANSWER_S + deadline.left())
            if line is None:
                return
            if line.startswith(MESSAGE_LINE):
                continue  # (the room's messages, its own included)
            frame = link.parse(line)
            if frame["type"] == "ack":
                answers[int(frame["id"][1:])] = "ack"
            elif frame["type"] == "error" and "id" in frame:
                answers[int(frame["id"][1:])] = str(frame["code"])
                if "retry_ms" in frame:
                    retry_ms.append(int(frame["retry_ms"]))
            if not writing and len(answers) >= sent:
                answered.set()

    reading = asyncio.ensure_future(read_answers())
    try:
        while sent < args.count and not deadline.passed and not reading.done():
            batch = min(SAY_BATCH, args.count - sent)
            link.write(
                b"".join(
                    frame_bytes({"type": "say", "room": args.room, "id": f"f{n}", "text": text})
                    for n in range(sent, sent + batch)
                )
            )
            sent += batch
            if not await link.drain():
                break
        writing = False
        if len(answers) < sent:
            await _until_answered(answered, answers)
    except TimeoutError:
        tally.extra["answers_missing"] = sent - len(answers)
    finally:
        reading.cancel()
        link.close()
    acked = sorted(number for number, answer in answers.items() if answer == "ack")
    tally.extra.update(
        said=sent,
        acked=len(acked),
        acked_first=acked == list(range(len(acked))),  # (every later one refused)
        retry_ms=[min(retry_ms), max(retry_ms)] if retry_ms else [],
    )


async def _until_answered(answered: asyncio.Event, answers: dict[int, str]) -> None:
    """Waits for the host to answer every say written: its backlog (the sockets'
    buffers, megabytes) takes longer on a slower or busier machine, so it may take
    as long as it needs while answers keep coming; TimeoutError once none came for
    ``ANSWER_S`` (or after ``DRAIN_S`` in all)."""
    async with asyncio.timeout(DRAIN_S):
        while True:
            before = len(answers)
            try:
                await asyncio.wait_for(answered.wait(), ANSWER_S)
                return
            except TimeoutError:
                if len(answers) == before:
                    raise


async def _read_replay(link: Link) -> int | None:
    """Reads (raw) a join's replay up to its ``joined``: how many messages came on
    the way (None: the host ended the connection)."""
    joined, messages = Marks(JOINED_MARK), Marks(MESSAGE_LINE)
    while not joined.count:
        chunk = await link.chunk(ANSWER_S)
        if chunk is None:
            return None
        joined.feed(chunk)
        messages.feed(chunk)
    return messages.count


async def join_replay(args: argparse.Namespace, tally: Tally, deadline: Deadline) -> None:
    """``--count`` members each join ``--room`` with since 0 again and again, reading
    each whole replay before asking for the next."""
    joins = 0
    replayed = 0

    async def one(number: int) -> None:
        nonlocal joins, replayed
        link = await Link.open(args.port, tally)
        try:
            await link.hello(f"replay {number}")
            while not deadline.passed:
                link.write(frame_bytes({"type": "join", "room": args.room, "since": 0}))
                messages = await _read_replay(link)
                if messages is None:
                    return
                joins += 1
                replayed += messages
        except TimeoutError:
            tally.extra["replay_stalled"] = True
        finally:
            link.close()

    await asyncio.gather(*(one(number) for number in range(args.count)))
    tally.extra.update(joins=joins, messages_replayed=replayed)


async def history_loop(args: argparse.Namespace, tally: Tally, deadline: Deadline) -> None:
    """``--count`` members each join ``--room``, then ask for pages of 200 of its
    history at random places, ``--inflight`` requests at a time, reading every page."""
    pages = 0

    async def one(number: int) -> None:
        nonlocal pages
        link = await Link.open(args.port, tally)
        pages_read = Marks(PAGE_LINE)
        refused = Marks(REFUSED_LINE)  # (beyond the requests that may wait)
        try:
            await link.hello(f"history {number}")
            link.write(frame_bytes({"type": "join", "room": args.room}))
            joined = await link.until("joined", ANSWER_S)
            if joined is None:
                return
            newest = int(joined["last_seq"]) + 1
            while not deadline.passed:
                link.write(
                    b"".join(
                        frame_bytes(
                            {
                                "type": "history",
                                "room": args.room,
                                "before": random.randint(2, newest),
                                "limit": 200,
                            }
                        )
                        for _ in range(args.inflight)
                    )
                )
                asked = pages_read.count + refused.count + args.inflight
                while pages_read.count + refused.count < asked:  # (raw, as they come)
                    chunk = await link.chunk(ANSWER_S)
                    if chunk is None:
                        return
                    pages_read.feed(chunk)
                    refused.feed(chunk)
        except TimeoutError:
            tally.extra["page_missing"] = True
        finally:
            pages += pages_read.count
            tally.extra["pages_refused"] = tally.extra.get("pages_refused", 0) + refused.count
            link.close()

    await asyncio.gather(*(one(number) for number in range(args.count)))
    tally.extra["pages"] = pages
