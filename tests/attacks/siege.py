"""One attack, run as issue 13 asks: the attacker (a subprocess) attacks the host (a
subprocess) while two honest members chat in this process; then the host's memory
is read and a newcomer's replay checks that nothing acknowledged was lost."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from tests.wire_client import Frame

from .attacker_process import run_attacker
from .figures import Figures
from .honest_members import Chat, HonestMember, lost_or_repeated, replay_since_zero
from .host_under_attack import HostUnderAttack, Memory

P99_BOUND_MS = 100.0
"""Honest members' say→ack, 99th percentile, during any attack (issue 13)."""
HOST_MEMORY_BOUND_MB = 120.0
"""The host's peak resident memory (VmHWM) through any attack, startup included.

Measured on this machine kind (Debian 12, Python 3.11, PySide6 6.11.3, 2 cores):
``messenger host`` holds 78 to 80 MB once started and ~84 MB with two members
chatting; the attacks the host withstands today peak at 83 to 96 MB (the highest:
200 TLS connections at once, 100 of them members). 120 MB leaves 25% above the
highest of those for allocator and platform noise, and is below what 40 members
that never read take today (130 to 132 MB: ~1.1 MB of unsent replay each, where
each may hold up to 8 MiB, its output limit, with no budget over all connections).
"""


@dataclass
class Outcome:
    """What one attack showed."""

    chat: Chat
    summary: dict[str, Any]
    """The attacker's (attacker.py's JSON line)."""
    memory: Memory
    replay: list[Frame]
    """Every message of the room afterwards (a newcomer's join since 0)."""
    lost: list[str]

    def figures(self, attack: str) -> Figures:
        chat = self.chat
        return Figures(
            attack=attack,
            p50_ms=chat.percentile(0.50),
            p99_ms=chat.percentile(0.99),
            max_ms=chat.percentile(1.0),
            samples=len(chat.latencies_ms),
            peak_mb=self.memory.peak_mb,
            rss_mb=self.memory.now_mb,
            summary=self.summary,
        )

    def unmet(self) -> list[str]:
        """The suite's three requirements this attack broke (none: it held)."""
        problems = list(self.chat.failures[:5])
        p99 = self.chat.percentile(0.99)
        if not p99 < P99_BOUND_MS:
            problems.append(f"honest say→ack p99 {p99:.1f} ms, not under {P99_BOUND_MS:.0f} ms")
        if not self.memory.peak_mb < HOST_MEMORY_BOUND_MB:
            peak = self.memory.peak_mb
            problems.append(f"host peak memory {peak:.0f} MB, not under {HOST_MEMORY_BOUND_MB} MB")
        problems.extend(self.lost[:5])
        return problems

    def check(self) -> None:
        """Fails unless the honest members were served in time, the host stayed
        under its memory bound, and nothing acknowledged was lost."""
        problems = self.unmet()
        assert not problems, "the host did not hold:\n" + "\n".join(problems)


async def besiege(
    host: HostUnderAttack, mode: str, options: list[str], seconds: float, room: str = "general"
) -> Outcome:
    """Runs attacker ``mode`` (with ``options``) against ``host`` for ``seconds``
    while two honest members chat in ``room``, measured from the attack's start."""
    chat = Chat()
    members: list[HonestMember] = []
    stop = asyncio.Event()
    chatting: list[asyncio.Future[None]] = []
    started = asyncio.Event()
    try:
        for name in ("An", "Bình"):
            members.append(await HonestMember.join(host.port, name, chat, room))
        chatting = [asyncio.ensure_future(member.chat_until(stop, room)) for member in members]
        attacking = asyncio.ensure_future(run_attacker(mode, host.port, seconds, options, started))
        await started.wait()
        chat.measuring = True
        summary = await attacking
    finally:
        stop.set()
        await asyncio.gather(*chatting, return_exceptions=True)
        for member in members:
            await member.close()
    assert host.alive, f"the host died:\n{host.log()[-3000:]}"
    memory = host.memory()
    replay = await replay_since_zero(host.port, room)
    return Outcome(chat, summary, memory, replay, lost_or_repeated(chat, replay))
