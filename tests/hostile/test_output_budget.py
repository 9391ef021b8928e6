"""Members that read nothing cannot pin the host's memory together: beyond the
total all connections may hold unsent, the one holding most is dropped, long before
each reaches its own bound; the members that read get everything."""

from __future__ import annotations

import asyncio
import socket

from messenger.host import member_connection
from messenger.store import HistoryStore
from tests.host.test_host_chat import joined_client
from tests.identities import client_tls_context, fresh_identity
from tests.stored_history import fill_history
from tests.wire_client import WireClient

TEXT = "Báo cáo doanh thu quý ba của chi nhánh Đà Nẵng. " * 160  # ~9 KB of UTF-8
TOTAL_LIMIT = 1024 * 1024
MOST_SENT = 700  # ~6.3 MB of text: less than one connection's own bound
STALLED = ("Ngủ 1", "Ngủ 2", "Ngủ 3")


async def small_buffer_member(port: int, limit: int) -> WireClient:
    """A member with a tiny receive buffer whose reader stops at ``limit`` bytes
    unread (so the host's output for it piles up while it does not read)."""
    raw = socket.socket()
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4_096)
    raw.setblocking(False)
    await asyncio.get_running_loop().sock_connect(raw, ("127.0.0.1", port))
    identity = fresh_identity()
    reader, writer = await asyncio.open_connection(
        sock=raw, ssl=client_tls_context(identity), server_hostname="", limit=limit
    )
    return WireClient(reader, writer, identity)


async def stalled_member(port: int, name: str) -> WireClient:
    """Joins, then never reads."""
    member = await small_buffer_member(port, 1_024)
    await member.send({"type": "hello", "version": 2, "name": name, "client": name})
    await member.send({"type": "join", "room": "general"})
    return member


def test_readers_that_read_nothing_are_dropped_largest_first_within_the_total(
    make_host, run, clients
):
    assert MOST_SENT * len(TEXT.encode()) < member_connection.OUTPUT_LIMIT_BYTES
    host = make_host(say_limits=None, output_limit_bytes=TOTAL_LIMIT)

    async def scenario() -> tuple[int, set[str]]:
        watcher = await joined_client(host.port, "Xem", clients)
        sender = await joined_client(host.port, "Gửi", clients)
        for name in STALLED:
            clients.append(await stalled_member(host.port, name))
        while True:  # until the three are listed (their joins went through)
            presence, _ = await watcher.recv_type("presence")
            if presence["name"] == STALLED[-1]:
                break
        left: set[str] = set()
        seen = 0

        async def watch() -> None:
            nonlocal seen
            while True:
                frame = await watcher.recv(timeout=10)
                seen += frame["type"] == "message"
                if frame["type"] == "presence" and frame["status"] == "left":
                    left.add(frame["name"])

        watching = asyncio.ensure_future(watch())
        sent = 0
        while left != set(STALLED) and sent < MOST_SENT:
            await sender.say(f"{sent}: {TEXT}")
            await sender.recv_type("ack", timeout=10)
            sent += 1
        while seen < sent and not watching.done():
            await asyncio.sleep(0.01)
        watching.cancel()
        return sent, left

    sent, left = run(scenario(), timeout=60)
    assert left == set(STALLED), f"still held after {sent} messages: {set(STALLED) - left}"
    assert host.member_count == 2  # (the watcher, which reads, and the sender stay)


def test_pages_asked_by_a_member_that_reads_nothing_wait_instead_of_piling_up(
    make_host, run, clients, tmp_path
):
    fill_history(tmp_path / "standalone", 3_000)
    host = make_host()
    bound = member_connection.REPLAY_HIGH_WATER_BYTES + 64 * 1024  # (and one page)

    async def scenario() -> int:
        pager = await stalled_member(host.port, "Hỏi mãi")
        clients.append(pager)
        request = {"type": "history", "room": "general", "before": 3_000, "limit": 200}
        most = 0
        for _ in range(150):  # ~4.5 MB of pages asked for, 4 at a time: never read
            for _ in range(4):
                await pager.send(request)
            await asyncio.sleep(0.01)  # (the host's turns go by)
            most = max(most, host.unsent_bytes)
        return most

    assert run(scenario(), timeout=30) <= bound


def test_pages_that_waited_for_a_slow_reader_come_once_it_reads(make_host, run, clients, tmp_path):
    data = tmp_path / "standalone"
    data.mkdir()
    store = HistoryStore.open(data / "history.sqlite3")
    for i in range(1_000):  # ~1 KB each: a page holds ~60 of them, ~64 KB
        store.append("general", "Cũ", "old", f"old-{i}", f"{i} " + "báo cáo " * 110, i)
    store.commit()
    store.close()
    host = make_host()

    async def scenario() -> None:
        slow = await small_buffer_member(host.port, 128 * 1024)  # (a page fits)
        clients.append(slow)
        await slow.hello("Chậm")
        await slow.join()
        request = {"type": "history", "room": "general", "before": 1_000, "limit": 200}
        asked = 0
        for _ in range(100):  # not reading, until the host holds pages back for it
            for _ in range(4):
                await slow.send(request)
            asked += 4
            await asyncio.sleep(0.01)  # (the host's turns go by)
            if host.unsent_bytes > member_connection.REPLAY_HIGH_WATER_BYTES:
                break
        assert host.unsent_bytes > member_connection.REPLAY_HIGH_WATER_BYTES
        answers = 0
        while answers < asked:  # now it reads: every request is answered
            frame = await slow.recv(timeout=10)
            refused = frame["type"] == "error" and frame["code"] == "too_many_requests"
            answers += frame["type"] == "history_page" or refused

    run(scenario(), timeout=30)


def test_the_budget_drops_the_largest_holder_and_counts_what_each_holds():
    from messenger.host.output_budget import OutputBudget

    class Holder:
        def __init__(self, budget: OutputBudget, name: str) -> None:
            self.budget = budget
            self.name = name
            self.peer = "127.0.0.1:1"
            self.aborted = False

        def abort(self) -> None:
            self.aborted = True
            self.budget.holds(self, 0)

    budget = OutputBudget(limit=100)
    small, large, other = (Holder(budget, n) for n in ("small", "large", "other"))
    budget.holds(small, 20)
    budget.holds(large, 60)
    budget.holds(large, 50)  # (some of it went out)
    assert budget.total == 70
    budget.holds(other, 40)  # 110 > 100: the largest goes
    assert (small.aborted, large.aborted, other.aborted) == (False, True, False)
    assert budget.total == 60
    budget.holds(small, 0)
    budget.holds(other, 0)
    assert budget.total == 0
