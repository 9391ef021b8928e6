"""A member the host hears nothing from (its network died, its computer slept) is
closed after the idle time, and the others see it leave; one that pings stays."""

from __future__ import annotations

import asyncio
import contextlib

from messenger.host import HostService, member_connection
from tests.host.test_host_chat import joined_client


def test_a_silent_member_is_closed_and_the_others_see_it_leave(
    host: HostService, run, clients, monkeypatch
):
    monkeypatch.setattr(member_connection, "IDLE_TIMEOUT_MS", 400)

    async def scenario() -> None:
        chi = await joined_client(host.port, "Chi", clients)  # says nothing from now on
        an = await joined_client(host.port, "An", clients)
        pongs = 0
        while True:  # An pings, as the app does (often: within its budget); until Chi is gone
            await an.send({"type": "ping"})
            frame = await an.recv(timeout=5)
            pongs += frame["type"] == "pong"
            if frame["type"] == "presence" and frame["status"] == "left":
                assert frame["name"] == "Chi"
                break
            await asyncio.sleep(0.02)
        frames = await chi.expect_closed()
        assert [f["code"] for f in frames if f["type"] == "error"] == ["idle_timeout"]
        await an.say("Chi đi rồi", msg_id="m1")  # An, who pinged, is still here
        ack, _ = await an.recv_type("ack")
        assert ack["id"] == "m1" and pongs > 0

    run(scenario())
    assert host.member_count == 1


def test_a_member_trickling_bytes_of_a_frame_it_never_ends_is_closed_too(
    host: HostService, run, clients, monkeypatch
):
    monkeypatch.setattr(member_connection, "IDLE_TIMEOUT_MS", 400)

    async def scenario() -> None:
        started = asyncio.get_running_loop().time()  # (before its last whole frame)
        slow = await joined_client(host.port, "Nhỏ giọt", clients)
        an = await joined_client(host.port, "An", clients)
        trickled = 0
        while True:  # a byte every 50 ms: never a whole frame
            if not slow.writer.transport.is_closing():
                with contextlib.suppress(ConnectionError):  # (closed: An hears it next)
                    slow.writer.write(b" ")
                    await slow.writer.drain()
                    trickled += 1
            await an.send({"type": "ping"})
            frame = await an.recv(timeout=5)
            if frame["type"] == "presence" and frame["status"] == "left":
                assert frame["name"] == "Nhỏ giọt"
                break
            await asyncio.sleep(0.05)
        silent_s = asyncio.get_running_loop().time() - started
        assert trickled > 1 and silent_s >= 0.4, "closed before the idle time"
        frames = await slow.expect_closed()
        assert [f["code"] for f in frames if f["type"] == "error"] == ["idle_timeout"]

    run(scenario())
