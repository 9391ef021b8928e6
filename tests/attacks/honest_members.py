"""Two honest members chatting through an attack: each says something, times the
``ack``, ``SAYS_PER_S`` times a second; afterwards a newcomer's replay (since 0)
shows whether everything acknowledged is stored, once."""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import time
from collections import Counter
from dataclasses import dataclass, field

from tests.wire_client import Frame, WireClient

SAYS_PER_S = 20
"""Each member's pace (a say limit of 20 a second after a burst of 200 holds it)."""
ACK_TIMEOUT_S = 5.0
"""An ack later than this counts as this late, and as a failure."""
REPLAY_FRAME_TIMEOUT_S = 10.0


@dataclass
class Chat:
    """What the honest members saw: ``latencies_ms`` of say→ack while ``measuring``,
    every ``acked`` (user, id) → seq, and what went wrong."""

    latencies_ms: list[float] = field(default_factory=list)
    acked: dict[tuple[str, str], int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    measuring: bool = False

    def percentile(self, share: float) -> float:
        """The nearest-rank percentile of the measured latencies (``share`` from 0 to 1)."""
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return math.nan
        return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


class HonestMember:
    """A person in the room: reads everything the host sends all along, and says
    something ``SAYS_PER_S`` times a second, each after the ack of the one before."""

    def __init__(self, client: WireClient, name: str, chat: Chat) -> None:
        self._client = client
        self._name = name
        self._chat = chat
        self._waiting: dict[str, asyncio.Future[Frame]] = {}
        self._reading = asyncio.ensure_future(self._read())

    @classmethod
    async def join(cls, port: int, name: str, chat: Chat, room: str = "general") -> HonestMember:
        client = await WireClient.connect(port)
        try:
            await client.hello(name)
            await client.join(room)
        except BaseException:
            await client.close()
            raise
        return cls(client, name, chat)

    async def _read(self) -> None:
        reader = self._client.reader
        try:
            while line := await reader.readline():
                frame = json.loads(line)
                answer = frame["type"] == "ack" or (frame["type"] == "error" and "id" in frame)
                waiting = self._waiting.pop(frame.get("id", ""), None) if answer else None
                if waiting is not None and not waiting.done():
                    waiting.set_result(frame)
        except (ConnectionError, OSError) as error:
            self._chat.failures.append(f"{self._name}: connection broke: {error!r}")
        finally:
            for waiting in self._waiting.values():
                if not waiting.done():
                    waiting.set_exception(ConnectionError("the host closed the connection"))

    async def chat_until(self, stop: asyncio.Event, room: str = "general") -> None:
        """Chats until ``stop`` is set (or the connection is lost)."""
        loop = asyncio.get_running_loop()
        interval = 1 / SAYS_PER_S
        next_at = loop.time()
        number = 0
        while not stop.is_set():
            msg_id = f"{self._name}-{number}"
            number += 1
            answer = loop.create_future()
            self._waiting[msg_id] = answer
            measured = self._chat.measuring
            start = time.perf_counter()
            await self._client.say(f"{self._name} nhắn lần {number}: chào cả nhà 👋", room, msg_id)
            try:
                frame = await asyncio.wait_for(answer, ACK_TIMEOUT_S)
            except TimeoutError:
                frame = {"type": "none"}
            except ConnectionError as error:
                self._chat.failures.append(f"{self._name}: {error}")
                return
            latency_ms = (time.perf_counter() - start) * 1000
            if frame["type"] == "ack":
                self._chat.acked[(self._client.user_id, msg_id)] = int(frame["seq"])
            else:
                self._chat.failures.append(f"{self._name}: {msg_id} not acknowledged: {frame}")
                latency_ms = max(latency_ms, ACK_TIMEOUT_S * 1000)
            if measured:
                self._chat.latencies_ms.append(latency_ms)
            next_at = max(next_at + interval, loop.time())
            with contextlib.suppress(TimeoutError):  # (the pace; or the end, at once)
                await asyncio.wait_for(stop.wait(), next_at - loop.time())

    async def close(self) -> None:
        self._reading.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reading
        await self._client.close()


async def replay_since_zero(port: int, room: str = "general") -> list[Frame]:
    """Every message of ``room``, as a newcomer joining with since 0 gets them."""
    checker = await WireClient.connect(port)
    try:
        await checker.hello("Kiểm tra")
        await checker.send({"type": "join", "room": room, "since": 0})
        joined, before = await checker.recv_type("joined", timeout=REPLAY_FRAME_TIMEOUT_S)
    finally:
        await checker.close()
    messages = [frame for frame in before if frame["type"] == "message"]
    seqs = [message["seq"] for message in messages]
    assert seqs == list(range(1, len(seqs) + 1)), "the replay has gaps or repeats"
    assert joined["last_seq"] == len(seqs)
    return messages


def lost_or_repeated(chat: Chat, messages: list[Frame]) -> list[str]:
    """The acknowledged messages that are not in ``messages`` exactly once, at the
    seq their ack gave."""
    stored = Counter((m.get("user", ""), m["id"]) for m in messages)
    seq_of = {(m.get("user", ""), m["id"]): m["seq"] for m in messages}
    problems = []
    for key, seq in chat.acked.items():
        if stored[key] != 1:
            problems.append(f"{key[1]} acked as {seq}, stored {stored[key]} times")
        elif seq_of[key] != seq:
            problems.append(f"{key[1]} acked as {seq}, stored as {seq_of[key]}")
    return problems
