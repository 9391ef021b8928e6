"""Runs ``messenger host`` as a real subprocess on loopback."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

_LISTENING = re.compile(rb"listening on TCP port (\d+)")


class HostProcess:
    """A ``python -m messenger host`` child; ``port`` is read from its first line."""

    def __init__(self, data_dir: Path, *extra: str) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "messenger",
                "host",
                "--port",
                "0",
                "--bind",
                "127.0.0.1",
                "--data",
                str(data_dir),
                "--no-announce",
                *extra,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        self.port = 0
        self.stderr_lines: list[bytes] = []

    def wait_listening(self, timeout: float = 20.0) -> int:
        assert self.process.stderr is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            if not line:
                raise AssertionError(f"host exited: {b''.join(self.stderr_lines).decode()}")
            self.stderr_lines.append(line)
            match = _LISTENING.search(line)
            if match:
                self.port = int(match.group(1))
                return self.port
        raise AssertionError("host did not start listening in time")

    def terminate(self, timeout: float = 10.0) -> tuple[int, str]:
        """SIGTERM; returns the exit code and everything it wrote to stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        _, err = self.process.communicate(timeout=timeout)
        return self.process.returncode, (b"".join(self.stderr_lines) + err).decode()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate(timeout=10)
