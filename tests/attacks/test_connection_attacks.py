"""Attacks on the host's connections: a flood of them, connections that say nothing,
and a hello that never ends. Each: the limit that ends it, and the honest members
chatting through it (siege.Outcome.check)."""

from __future__ import annotations

from collections.abc import Callable

from messenger.host.member_connection import HELLO_TIMEOUT_MS
from messenger.net.connection_room import SILENT_S

from .host_under_attack import HostUnderAttack
from .siege import Outcome

Siege = Callable[..., Outcome]
HELLO_TIMEOUT_S = HELLO_TIMEOUT_MS / 1000
LATE_S = 1.0
"""How late, at most, the host may enforce a time limit (its loop is busy)."""


def test_a_flood_of_silent_connections(host: HostUnderAttack, siege: Siege) -> None:
    """600 TCP connections from one address in 3.2 s, none of which ever sends a
    byte. Proves the handshake limit from one address: beyond 16 connections in
    their handshake, the host closes the oldest one silent for 1 s as each newcomer
    comes, so a flood holds a second's worth of connections, not all it made."""
    outcome = siege(host, "flood", "--count", "600")
    summary = outcome.summary
    assert summary["connections"] == 600
    closed = summary["closed"]
    assert closed.get("by_host", 0) + closed.get("reset", 0) >= 600 // 2, closed
    assert summary["longest_held_s"] < SILENT_S + LATE_S, summary
    outcome.check()


def test_connections_that_say_nothing(host: HostUnderAttack, siege: Siege) -> None:
    """200 TLS connections at once, each with its own certificate: 100 say hello
    and nothing more, 100 not even hello. Proves: a connection without a hello is
    closed at 5 s with ``hello_timeout``; a quiet member is kept (the app pings
    every 15 s; after 60 s of silence ``idle_timeout`` closes it, which
    tests/host/test_idle_members.py shows), at little cost to the host."""
    outcome = siege(host, "idle", "--count", "200", "--greeted", "100", seconds=6.5)
    summary = outcome.summary
    assert summary["welcomed"] == 100
    assert summary["errors"] == {"hello_timeout": 100}
    assert summary["ungreeted_closed"] == 100 and summary["greeted_closed"] == 0
    earliest, latest = summary["ungreeted_closed_after_s"]
    # (the attacker's clock starts once its side of the handshake is done: late, when
    # it has 200 of them under way)
    assert HELLO_TIMEOUT_S - 2 * LATE_S < earliest and latest < HELLO_TIMEOUT_S + LATE_S, summary
    outcome.check()


def test_a_hello_trickled_a_byte_at_a_time(host: HostUnderAttack, siege: Siege) -> None:
    """20 connections each send a hello one byte every 0.2 s and never end it.
    Proves: bytes that make no whole frame are no hello; each is closed at 5 s with
    ``hello_timeout``, however long it keeps trickling."""
    outcome = siege(host, "trickle", "--count", "20", "--interval", "0.2", seconds=6.5)
    summary = outcome.summary
    assert summary["errors"] == {"hello_timeout": 20}
    assert summary["closed"] == {"by_host": 20}
    assert summary["closed_after_s"][1] < HELLO_TIMEOUT_S + LATE_S, summary
    outcome.check()


def test_one_identity_connecting_again_and_again(host: HostUnderAttack, siege: Siege) -> None:
    """One device connects, says hello and joins the honest members' room again and
    again, each time while its previous connection is open, for 4 s (the room sees
    it leave and join each time). Proves: an identity is one member; each older
    connection is told ``bye`` ``replaced`` and closed, and the churn of presence it
    causes does not hold up the members who chat."""
    outcome = siege(host, "replace", "--count", "5000")
    summary = outcome.summary
    connections = summary["connections"]
    assert connections >= 100, summary
    assert summary["byes"] == {"replaced": connections - 1}
    assert summary["replaced_in_time"] == connections - 1
    assert summary["closed"] == {"by_host": connections - 1, "open_at_end": 1}
    outcome.check()
