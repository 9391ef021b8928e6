"""A hostile Messenger client, for the attack suite (tests/attacks).

    python -m tests.attacks.attacker MODE --port P [--seconds S] [--count N] [...]

Each mode attacks the host on 127.0.0.1:P (loopback: there is no other target) for
at most ``--seconds`` and at most ``--count`` connections, rounds or messages,
whichever ends first, then prints one line of JSON to stdout: what it did
(connections, frames and bytes sent), what it got (bytes, frames by type, errors by
code, byes by reason) and how each connection ended (``closed``), with the mode's
own figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable

from .attacker_kit import Deadline, Tally
from .connection_modes import flood, idle, non_readers, replace, trickle
from .input_modes import BAD_FRAMES, bad_frames, malformed, pings
from .load_modes import history_loop, join_replay, say_flood

Mode = Callable[[argparse.Namespace, Tally, Deadline], Awaitable[None]]
MODES: dict[str, Mode] = {
    "flood": flood,
    "idle": idle,
    "trickle": trickle,
    "non_readers": non_readers,
    "replace": replace,
    "bad_frames": bad_frames,
    "pings": pings,
    "malformed": malformed,
    "say_flood": say_flood,
    "join_replay": join_replay,
    "history_loop": history_loop,
}
STARTED = "attacking"
"""The line on stderr that says the attack begins (after the imports)."""
GRACE_S = 30.0
"""How long past ``--seconds`` a mode may take to finish what it does (reading the
host's last answers: the say flood's backlog, up to ``DRAIN_S``); then it is cut
off, and says so (``overran``)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="attacker", description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=sorted(MODES))
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=4.0, help="how long, at most")
    parser.add_argument("--count", type=int, default=100, help="how many, at most")
    parser.add_argument("--sources", type=int, default=1, help="flood: source addresses")
    parser.add_argument("--greeted", type=int, default=0, help="idle: how many say hello")
    parser.add_argument("--interval", type=float, default=0.2, help="trickle: s per byte")
    parser.add_argument("--frame", choices=sorted(BAD_FRAMES), default="small")
    parser.add_argument("--frames", type=int, default=100_000, help="frames in one write")
    parser.add_argument("--room", default="general")
    parser.add_argument("--since", type=int, default=None, help="non_readers: join since")
    parser.add_argument("--history", type=int, default=0, help="non_readers: pages asked")
    parser.add_argument("--inflight", type=int, default=8, help="history_loop: at once")
    parser.add_argument("--text", type=int, default=100, help="say_flood: characters")
    return parser


async def attack(args: argparse.Namespace, tally: Tally) -> float:
    """Runs the mode, cut off ``GRACE_S`` after its time; how long it took. Says
    ``STARTED`` on stderr first."""
    deadline = Deadline(args.seconds)
    print(STARTED, file=sys.stderr, flush=True)
    try:
        await asyncio.wait_for(MODES[args.mode](args, tally, deadline), args.seconds + GRACE_S)
    except TimeoutError:
        tally.extra["overran"] = True
    return deadline.elapsed()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.seconds <= 0 or args.count <= 0 or args.seconds > 60:
        raise SystemExit("attacker: --seconds must be in (0, 60] and --count positive")
    tally = Tally(args.mode)
    status = 0
    elapsed = 0.0
    try:
        elapsed = asyncio.run(attack(args, tally))
    except Exception as error:  # (said in the summary: the test shows it)
        tally.extra["crashed"] = repr(error)
        status = 1
    print(json.dumps(tally.summary(elapsed)), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
