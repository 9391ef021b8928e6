"""Attacks with work any member may ask for: posting at full speed, replaying a large
room again and again, paging through its history, and asking for all of it without
ever reading. Each: what limits it, and the honest members chatting through it
(siege.Outcome.check)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .conftest import BIG_ROOM_MESSAGES
from .host_under_attack import HostUnderAttack
from .siege import Outcome

Siege = Callable[..., Outcome]
BURST_MESSAGES = 200
MESSAGES_PER_S = 20
"""A member's posting limit, as PROTOCOL.md (1.6) gives the host's default."""


def test_a_say_flood_at_full_speed(host: HostUnderAttack, siege: Siege) -> None:
    """One member pipelines small messages as fast as TCP takes them for 4 s, and
    never sends a refused one again. Proves the posting limit: past a burst of 200
    (then 20 a second) every say is refused unstored with ``slow_down`` and when to
    send it again; what was acknowledged is a prefix of what it sent, stored once."""
    outcome = siege(host, "say_flood", "--count", "200000")
    summary = outcome.summary
    said, acked = summary["said"], summary["acked"]
    assert said > 10 * BURST_MESSAGES, summary
    assert summary["errors"] == {"slow_down": said - acked}
    assert summary["acked_first"]
    assert acked <= BURST_MESSAGES + MESSAGES_PER_S * summary["elapsed_s"]
    shortest, longest = summary["retry_ms"]
    assert 0 < shortest <= longest <= 60_000
    stored = [m for m in outcome.replay if m.get("user") == summary["user"]]
    assert len(stored) == acked  # (each acknowledged one, once; no refused one)
    outcome.check()


def test_joins_replaying_a_large_room_again_and_again(
    big_room_host: HostUnderAttack, siege: Siege
) -> None:
    """16 members each join a room of 20,000 messages with since 0, read the whole
    replay, and join again, for 4 s. What limits it: the replays of all connections
    take turns, up to 16 pages (or 2 ms) per pass of the host's loop, one connection
    after the other, and each connection is sent history within its byte rate; so
    the honest members' says are not held up behind the replays' pages."""
    outcome = siege(big_room_host, "join_replay", "--count", "16")
    summary = outcome.summary
    assert summary["joins"] >= 4, summary
    assert summary["messages_replayed"] >= 4 * BIG_ROOM_MESSAGES
    assert not summary.get("replay_stalled")
    outcome.check()


def test_history_pages_asked_again_and_again(big_room_host: HostUnderAttack, siege: Siege) -> None:
    """16 members each ask for pages of 200 messages of a room of 20,000 at random
    places, 8 requests at a time, reading every page, for 4 s. What limits it: at
    most 4 requests of a connection wait (the others are refused with
    ``too_many_requests``), the pages of all connections take turns in the host's
    loop, and each connection is sent history within its byte rate; so the honest
    members' says are not held up behind the pages."""
    outcome = siege(big_room_host, "history_loop", "--count", "16", "--inflight", "8")
    summary = outcome.summary
    assert summary["pages"] >= 8, summary
    assert summary["pages_refused"] > 0, summary  # (8 asked at once: 4 may wait)
    assert not summary.get("page_missing")
    outcome.check()


@pytest.mark.parametrize(
    "asks",
    [["--since", "0"], ["--history", "200"]],
    ids=["join since 0", "join and ask 200 pages"],
)
def test_members_that_never_read(
    big_room_host: HostUnderAttack, siege: Siege, asks: list[str]
) -> None:
    """40 members join a room of 20,000 messages, with since 0 (its whole replay) or
    asking 200 times for a page of 200 messages, and never read a byte. What limits it:
    a budget over all connections' unsent output, so that memory stays
    bounded however many stop reading (each may hold 8 MiB before it is dropped, all
    together 128 MiB; a replay pauses at 256 KiB unsent), and the pass budget of the
    host's loop, so that 40 pipelines of requests do not hold up the honest says."""
    outcome = siege(big_room_host, "non_readers", "--count", "40", *asks)
    summary = outcome.summary
    assert summary["connections"] == 40
    assert summary["bytes_received"] == 0
    outcome.check()
