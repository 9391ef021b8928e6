"""Attacks with what a member sends: bad frames by the hundred thousand, one of each
kind of malformed frame, and pings by the tens of thousands. Each: the limit or error
that answers it, and the honest members chatting through it (siege.Outcome.check)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from messenger.host.member_connection import BAD_FRAMES_ALLOWED

from .host_under_attack import HostUnderAttack
from .siege import Outcome

Siege = Callable[..., Outcome]
ERROR_FRAME_BYTES = 300
"""The most an error answer may take (it quotes at most 40 characters of the input)."""
PING_BURST = 100
"""Pings a connection may send at once (PROTOCOL.md 1.6, the host's default)."""


@pytest.mark.parametrize(
    "frame, frames",
    [("small", 100_000), ("long_type", 200)],
    ids=["100,000 small frames", "200 frames of a 65,000-character type"],
)
def test_bad_frames_in_one_write_again_and_again(
    host: HostUnderAttack, siege: Siege, frame: str, frames: int
) -> None:
    """A member writes frames of an unknown type in one write; once closed, it
    connects again and does it again, for 4 s. Proves the bad-frame limit: each
    connection gets ``unknown_type`` for its first 100, then ``too_many_errors``
    and is closed, whatever it wrote; the answers stay small."""
    outcome = siege(
        host, "bad_frames", "--frame", frame, "--frames", str(frames), "--count", "1000"
    )
    summary = outcome.summary
    rounds = summary["rounds"]
    assert rounds >= 3, summary
    assert summary["rounds_closed_by_host"] == rounds
    assert summary["errors"] == {
        "unknown_type": BAD_FRAMES_ALLOWED * rounds,
        "too_many_errors": rounds,
    }
    assert summary["most_bytes_in_a_round"] < (BAD_FRAMES_ALLOWED + 2) * ERROR_FRAME_BYTES
    outcome.check()


def test_65536_pipelined_pings(host: HostUnderAttack, siege: Siege) -> None:
    """A member writes 65,536 pings at once and reads what comes back, again and
    again on new connections for 4 s. Proves the ping budget: 100 pongs at once
    (then 10 a second), the pings beyond refused with ``too_many_requests``, and
    after 100 refusals ``too_many_errors`` and the close, each round; the others'
    says go between (the per-turn share)."""
    outcome = siege(host, "pings", "--frames", "65536", "--count", "200")
    summary = outcome.summary
    rounds = summary["rounds"]
    assert rounds >= 2 and summary["rounds_closed_by_host"] == rounds, summary
    assert summary["most_pongs_in_a_round"] <= PING_BURST + 10, summary
    assert summary["errors"]["too_many_errors"] == rounds, summary
    outcome.check()


MALFORMED = {
    # kind (attacker.py's): (the error code, whether the host closes the connection)
    "unknown type of 65,000 characters": ("unknown_type", False),
    "bad JSON": ("invalid_json", True),
    "JSON nested 30,000 deep": ("invalid_json", True),
    "invalid UTF-8": ("invalid_utf8", True),
    "oversized frame, no newline": ("frame_too_large", True),
    "oversized frame": ("frame_too_large", True),
    "not an object": ("invalid_frame", True),
    "missing field": ("bad_frame", False),
    "unpaired surrogate": ("bad_frame", False),
    "integer 2^64": ("bad_frame", False),
    "boolean for an integer": ("bad_frame", False),
    "host's frame": ("unexpected_type", False),
    "second hello": ("already_greeted", False),
    "text too long": ("text_too_long", False),
    "say outside a room": ("not_in_room", False),
    "join before hello": ("hello_required", True),
    "hello of version 3": ("unsupported_version", True),
}


def test_malformed_frames_of_every_kind(host: HostUnderAttack, siege: Siege) -> None:
    """Each kind of malformed frame (PROTOCOL.md 1.5) on its own connection, then a
    ping; every kind again and again for 4 s. Proves: each gets its own error code,
    a small one; the fatal ones close the connection, after the others the same
    connection still answers a ping."""
    outcome = siege(host, "malformed", "--count", "5000")
    kinds = outcome.summary["kinds"]
    got = {kind: (record["codes"], record["closed"]) for kind, record in kinds.items()}
    assert got == {kind: ([code], [closed]) for kind, (code, closed) in MALFORMED.items()}
    assert all(record["runs"] >= 3 for record in kinds.values()), kinds
    assert max(record["most_reply_bytes"] for record in kinds.values()) < ERROR_FRAME_BYTES
    outcome.check()
