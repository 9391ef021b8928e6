"""Attacks with what a member sends: frames the host cannot take, by the thousand or
one of each kind, and more pings than anyone needs."""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter
from typing import Any

from tests.identities import client_tls_context, fresh_identity

from .attacker_kit import Deadline, Link, Tally, frame_bytes, hello_bytes

BAD_FRAMES = {
    "small": b'{"type":"x"}\n',
    "long_type": b'{"type":"' + b"x" * 65_000 + b'"}\n',
}
"""Frames of an unknown type (the host answers each, non-fatally, ``unknown_type``)."""
ANSWER_S = 5.0
"""How long an answer may take before the attacker counts it as never coming."""


async def bad_frames(args: argparse.Namespace, tally: Tally, deadline: Deadline) -> None:
    """Rounds of: connect, hello, then ``--frames`` bad frames (``--frame``) in one
    write, and read what the host answers until it closes; again, on a new connection,
    up to ``--count`` rounds."""
    context = client_tls_context(fresh_identity())
    data = BAD_FRAMES[args.frame] * args.frames
    per_round: list[dict[str, Any]] = []
    while len(per_round) < args.count and not deadline.passed:
        before = Counter(tally.errors)
        received = tally.bytes_received
        link = await Link.open(args.port, tally, context=context)
        if await link.hello(f"bad {len(per_round)}") is None:
            break
        link.write(data)
        closed = await link.until_closed(deadline.left() + ANSWER_S)
        link.close()
        per_round.append(
            {
                "errors": dict(Counter(tally.errors) - before),
                "bytes": tally.bytes_received - received,
                "closed_by_host": closed,
            }
        )
    tally.extra["rounds"] = len(per_round)
    tally.extra["rounds_closed_by_host"] = sum(r["closed_by_host"] for r in per_round)
    tally.extra["most_bytes_in_a_round"] = max((r["bytes"] for r in per_round), default=0)
    tally.extra["most_errors_in_a_round"] = max(
        (sum(r["errors"].values()) for r in per_round), default=0
    )


PING = b'{"type":"ping"}\n'


async def pings(args: argparse.Namespace, tally: Tally, deadline: Deadline) -> None:
    """Rounds of: connect, hello, ``--frames`` pings in one write, and read what the
    host answers until it closes (pongs, then refusals); again, on a new connection,
    up to ``--count`` rounds."""
    context = client_tls_context(fresh_identity())
    rounds: list[dict[str, Any]] = []
    while len(rounds) < args.count and not deadline.passed:
        before = Counter(tally.frames_received)
        link = await Link.open(args.port, tally, context=context)
        if await link.hello(f"ping {len(rounds)}") is None:
            break
        link.write(PING * args.frames)
        closed = await link.until_closed(deadline.left() + ANSWER_S)
        link.close()
        got = Counter(tally.frames_received) - before
        rounds.append({"pongs": got["pong"], "closed_by_host": closed})
    tally.extra["rounds"] = len(rounds)
    tally.extra["rounds_closed_by_host"] = sum(r["closed_by_host"] for r in rounds)
    tally.extra["most_pongs_in_a_round"] = max((r["pongs"] for r in rounds), default=0)


def _say(text: str, room: str = "general") -> bytes:
    return frame_bytes({"type": "say", "room": room, "id": "m", "text": text})


MALFORMED: dict[str, tuple[bool, bytes]] = {
    # kind: (said hello first, the bytes)
    "unknown type of 65,000 characters": (True, BAD_FRAMES["long_type"]),
    "bad JSON": (True, b'{"type": "say", "room": \n'),
    "JSON nested 30,000 deep": (True, b'{"type":"ping","x":' + b"[" * 30_000 + b"}\n"),
    "invalid UTF-8": (True, b'{"type":"say","text":"\xff\xfe"}\n'),
    "oversized frame, no newline": (True, b'{"type":"say","text":"' + b"a" * 70_000),
    "oversized frame": (True, b'{"type":"ping","pad":"' + b"a" * 70_000 + b'"}\n'),
    "not an object": (True, b"[1, 2, 3]\n"),
    "missing field": (True, b'{"type":"join"}\n'),
    "unpaired surrogate": (True, b'{"type":"join","room":"\\ud800"}\n'),
    "integer 2^64": (True, b'{"type":"join","room":"general","since":18446744073709551616}\n'),
    "boolean for an integer": (True, b'{"type":"join","room":"general","since":true}\n'),
    "host's frame": (True, b'{"type":"pong"}\n'),
    "second hello": (True, hello_bytes("again")),
    "text too long": (True, _say("a" * 8_001)),
    "say outside a room": (True, _say("hi", room="nowhere")),
    "join before hello": (False, b'{"type":"join","room":"general"}\n'),
    "hello of version 3": (False, b'{"type":"hello","version":3,"name":"a","client":"a"}\n'),
}


async def _one_malformed(port: int, tally: Tally, context: Any, kind: str) -> dict[str, Any]:
    """Sends one malformed frame and a ping on a new connection: the error it got,
    whether the host closed the connection (else the ping is answered), and the
    bytes of its answer."""
    greeted, data = MALFORMED[kind]
    link = await Link.open(port, tally, context=context)
    try:
        if greeted and await link.hello("malformed") is None:
            return {"code": "no welcome", "closed": True, "reply_bytes": 0}
        received = tally.bytes_received
        link.write(data + PING)
        answer = await link.until("error", ANSWER_S)
        code = str(answer["code"]) if answer is not None else "none"
        reply_bytes = tally.bytes_received - received
        after = await link.frame(ANSWER_S) if answer is not None else None
        return {"code": code, "closed": after is None, "reply_bytes": reply_bytes}
    finally:
        link.close()


async def malformed(args: argparse.Namespace, tally: Tally, deadline: Deadline) -> None:
    """Each kind of ``MALFORMED`` frame in turn, each on its own connection, again
    and again: ``--count`` connections at most."""
    context = client_tls_context(fresh_identity())
    seen: dict[str, dict[str, Any]] = {}
    sent = 0
    while sent < args.count and not deadline.passed:
        for kind in MALFORMED:
            if sent >= args.count or deadline.passed:
                break
            sent += 1
            try:
                result = await _one_malformed(args.port, tally, context, kind)
            except TimeoutError:
                result = {"code": "timeout", "closed": False, "reply_bytes": 0}
            record = seen.setdefault(
                kind, {"codes": [], "closed": [], "most_reply_bytes": 0, "runs": 0}
            )
            record["runs"] += 1
            for key, value in (("codes", result["code"]), ("closed", result["closed"])):
                if value not in record[key]:
                    record[key].append(value)
            record["most_reply_bytes"] = max(record["most_reply_bytes"], result["reply_bytes"])
            await asyncio.sleep(0)
    tally.extra["kinds"] = seen
