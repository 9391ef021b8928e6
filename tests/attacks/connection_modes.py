"""Attacks on the host's connections: many of them, saying nothing, saying it slowly,
or never reading what they asked for."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import socket
import ssl
import time

from tests.identities import client_tls_context, fresh_identity

from .attacker_kit import TARGET, Deadline, Link, Tally, frame_bytes, hello_bytes

FLOOD_TICK_S = 0.02
ANSWER_S = 5.0


async def flood(args: argparse.Namespace, tally: Tally, deadline: Deadline) -> None:
    """``--count`` TCP connections that never send a byte, opened evenly over the
    first 80% of ``--seconds`` from ``--sources`` loopback addresses (127.0.0.2 on);
    each watched for the host closing it."""
    loop = asyncio.get_running_loop()
    sources = [f"127.0.0.{2 + number}" for number in range(args.sources)]
    opened: dict[socket.socket, float] = {}
    held_s: list[float] = []

    def gone(sock: socket.socket, how: str) -> None:
        loop.remove_reader(sock.fileno())
        held_s.append(time.monotonic() - opened.pop(sock))
        tally.closed[how] += 1
        sock.close()

    def on_readable(sock: socket.socket) -> None:
        try:
            data = sock.recv(65_536)
        except BlockingIOError:
            return
        except OSError:
            gone(sock, "reset")
            return
        tally.bytes_received += len(data)
        if not data:
            gone(sock, "by_host")

    per_tick = max(1, round(args.count * FLOOD_TICK_S / (0.8 * args.seconds)))
    next_tick = time.monotonic()
    try:
        while tally.connections < args.count and not deadline.passed:
            for _ in range(min(per_tick, args.count - tally.connections)):
                sock = socket.socket()
                sock.setblocking(False)
                sock.bind((sources[tally.connections % len(sources)], 0))
                sock.connect_ex((TARGET, args.port))
                opened[sock] = time.monotonic()
                loop.add_reader(sock.fileno(), on_readable, sock)
                tally.connections += 1
            next_tick += FLOOD_TICK_S
            await asyncio.sleep(max(0.0, next_tick - time.monotonic()))
        await asyncio.sleep(deadline.left())
    finally:
        now = time.monotonic()
        ages = [now - since for since in opened.values()]
        tally.extra["oldest_open_at_end_s"] = round(max(ages, default=0.0), 2)
        tally.extra["longest_held_s"] = round(max(held_s, default=0.0), 2)
        for sock in list(opened):
            loop.remove_reader(sock.fileno())
            tally.closed["open_at_end"] += 1
            sock.close()


async def idle(args: argparse.Namespace, tally: Tally, deadline: Deadline) -> None:
    """``--count`` TLS connections that say nothing: the first ``--greeted`` of them
    say hello first (and are welcomed), the others not even that. Each then only
    listens, until the host closes it or the attack ends."""
    identities = [fresh_identity() for _ in range(args.count)]
    gate = asyncio.Semaphore(32)  # (connects at most 32 at a time)
    closed_after: dict[str, list[float]] = {"greeted": [], "ungreeted": []}

    async def one(number: int) -> None:
        async with gate:
            try:
                link = await Link.open(args.port, tally, identities[number])
            except (OSError, TimeoutError):
                return
        greeted = number < args.greeted
        if greeted and await link.hello(f"idle {number}") is not None:
            tally.extra["welcomed"] = tally.extra.get("welcomed", 0) + 1
        if await link.until_closed(deadline.left()):
            group = "greeted" if greeted else "ungreeted"
            closed_after[group].append(time.monotonic() - link.opened_at)
        else:
            link.close("open_at_end")

    await asyncio.gather(*(one(number) for number in range(args.count)))
    for group, times in closed_after.items():
        tally.extra[f"{group}_closed"] = len(times)
        if times:
            tally.extra[f"{group}_closed_after_s"] = [round(min(times), 2), round(max(times), 2)]


TRICKLE = b'{"type":"hello","version":2,"name":"' + b"t" * 4_000
"""A hello that never ends (one byte at a time, it lasts far beyond any attack)."""


async def trickle(args: argparse.Namespace, tally: Tally, deadline: Deadline) -> None:
    """``--count`` TLS connections that, instead of a hello, send one byte of a frame
    every ``--interval`` seconds and never end it."""
    lasted: list[float] = []

    async def one() -> None:
        try:
            link = await Link.open(args.port, tally)
        except (OSError, TimeoutError):
            return
        reading = asyncio.ensure_future(link.until_closed(deadline.left()))
        try:
            for byte in TRICKLE:
                if reading.done() or deadline.passed:
                    break
                link.write(bytes([byte]))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.shield(reading), args.interval)
            if await reading:
                lasted.append(time.monotonic() - link.opened_at)
            else:
                link.close("open_at_end")
        finally:
            reading.cancel()
            link.close()

    await asyncio.gather(*(one() for _ in range(args.count)))
    if lasted:
        tally.extra["closed_after_s"] = [round(min(lasted), 2), round(max(lasted), 2)]


def _deaf_socket(port: int, tally: Tally) -> ssl.SSLSocket | None:
    """A blocking TLS connection, its receive buffer small, that will never read
    (None: it could not connect)."""
    raw = socket.socket()
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.settimeout(5.0)
    try:
        raw.connect((TARGET, port))
        sock = client_tls_context(fresh_identity()).wrap_socket(raw)
    except OSError:
        raw.close()
        tally.closed["failed"] += 1
        return None
    tally.connections += 1
    return sock


def _end_state(sock: ssl.SSLSocket) -> str:
    """How a non-reader stands at the end, seen from its kernel (without reading)."""
    try:
        data = socket.socket.recv(sock, 1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except BlockingIOError:
        return "open_at_end"
    except OSError:
        return "reset"
    return "open_at_end" if data else "by_host"


async def non_readers(args: argparse.Namespace, tally: Tally, deadline: Deadline) -> None:
    """``--count`` members that join ``--room`` (since 0 with ``--since 0``, else its
    latest messages), ask ``--history`` times for a page of its newest 200 messages,
    and never read a byte of what they asked for; held until the attack ends."""
    join: dict[str, object] = {"type": "join", "room": args.room}
    if args.since is not None:
        join["since"] = args.since
    request = {"type": "history", "room": args.room, "before": 10**9, "limit": 200}
    frames = frame_bytes(join) + frame_bytes(request) * args.history
    sockets = []
    for _ in range(args.count):  # all connected first, then all ask
        if deadline.passed:
            break
        sock = _deaf_socket(args.port, tally)
        if sock is not None:
            sockets.append(sock)
        await asyncio.sleep(0)
    for number, sock in enumerate(sockets):
        data = hello_bytes(f"deaf {number}") + frames
        try:
            sock.sendall(data)
        except OSError:
            continue
        tally.frames_sent += data.count(b"\n")
        tally.bytes_sent += len(data)
    await asyncio.sleep(deadline.left())
    for sock in sockets:
        tally.closed[_end_state(sock)] += 1
        sock.close()


async def replace(args: argparse.Namespace, tally: Tally, deadline: Deadline) -> None:
    """One identity connects again and again (``--count`` times), says hello and
    joins ``--room`` each time, while its previous connection is still open: each
    hello takes the member's place from the connection before."""
    context = client_tls_context(fresh_identity())
    previous: Link | None = None
    replaced_in_time = 0
    while tally.connections < args.count and not deadline.passed:
        link = await Link.open(args.port, tally, context=context)
        if await link.hello("twice") is None:
            link.close()
            break
        link.write(frame_bytes({"type": "join", "room": args.room}))
        if await link.until("joined", ANSWER_S) is None:
            break
        if previous is not None:
            replaced_in_time += await previous.until_closed(ANSWER_S)
            previous.close()
        previous = link
    if previous is not None:
        previous.close("open_at_end")
    tally.extra["replaced_in_time"] = replaced_in_time
