"""Runs the hostile client (``python -m tests.attacks.attacker``) as a subprocess and
reads the summary it prints."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from tests.host_process import ROOT

from .attacker import GRACE_S, STARTED

STARTUP_S = 10.0
"""Time for the attacker's interpreter to start and import what it needs."""


async def run_attacker(
    mode: str, port: int, seconds: float, options: list[str], started: asyncio.Event
) -> dict[str, Any]:
    """Attacks the host on ``port`` with ``mode`` for ``seconds``; its summary.
    ``started`` is set when the attack begins (or the attacker failed). The attacker
    is killed if it outlives its own limits."""
    try:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.attacks.attacker",
            mode,
            "--port",
            str(port),
            "--seconds",
            str(seconds),
            *options,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            cwd=ROOT,
        )
    except BaseException:
        started.set()
        raise
    first = b""
    try:
        async with asyncio.timeout(STARTUP_S + seconds + GRACE_S + 5):
            assert process.stderr is not None
            first = await process.stderr.readline()
            started.set()
            out, err = await process.communicate()
    finally:
        started.set()  # (whatever happened: nobody waits for it forever)
        if process.returncode is None:
            process.kill()
            await process.wait()
    problem = f"attacker {mode} {options}: exit {process.returncode}, {(first + err).decode()}"
    assert first.strip() == STARTED.encode(), problem
    lines = out.decode().splitlines()
    assert lines, problem
    summary: dict[str, Any] = json.loads(lines[-1])
    assert process.returncode == 0 and "crashed" not in summary, f"{problem}\n{summary}"
    assert not summary.get("overran"), f"the attack outlived its limits: {summary}"
    return summary
