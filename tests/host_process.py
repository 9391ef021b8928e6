"""Runs ``messenger host`` as a real subprocess on loopback."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_LISTENING = re.compile(rb"listening on TCP port (\d+)")


class HostProcess:
    """A ``python -m messenger host`` child; ``port`` is read from its first line.

    Args:
        host_args: Arguments after ``messenger host``.
        prefix: A command to run it under (e.g. ``ip netns exec NAME``).
        command: The program (default: this Python with ``-m messenger``).
        env: Its environment (default: ours, offscreen).
    """

    def __init__(
        self,
        host_args: list[str],
        prefix: list[str] | None = None,
        command: list[str] | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        if env is None:
            env = dict(os.environ, PYTHONUNBUFFERED="1", QT_QPA_PLATFORM="offscreen")
        program = command or [sys.executable, "-m", "messenger"]
        self.process = subprocess.Popen(
            [*(prefix or []), *program, "host", *host_args],
            stdin=subprocess.PIPE,  # (the owner's commands: ``type_line``)
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=ROOT,
        )
        self.port = 0
        self.stderr_lines: list[bytes] = []

    @classmethod
    def on_loopback(
        cls, data_dir: Path, port: int = 0, extra: list[str] | None = None
    ) -> HostProcess:
        """A host on 127.0.0.1 (port 0: any free one), announcing nothing; ``extra``:
        more options."""
        return cls(
            ["--port", str(port), "--bind", "127.0.0.1", "--data", str(data_dir), "--no-announce"]
            + (extra or [])
        )

    def wait_listening(self, timeout: float = 20.0) -> int:
        """Reads its stderr up to the line that says it listens; the port."""
        self.port = int(self.read_until(_LISTENING, timeout).group(1))
        return self.port

    def read_until(
        self, pattern: bytes | re.Pattern[bytes], timeout: float = 10.0
    ) -> re.Match[bytes]:
        """Reads its stderr up to a line matching ``pattern``; the match."""
        assert self.process.stderr is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            if not line:
                raise AssertionError(f"host exited: {b''.join(self.stderr_lines).decode()}")
            self.stderr_lines.append(line)
            match = re.search(pattern, line)
            if match:
                return match
        raise AssertionError(f"no line matching {pattern!r} in time")

    def type_line(self, line: str) -> None:
        """Types a command into the host's terminal."""
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()

    def terminate(self, timeout: float = 10.0) -> tuple[int, str]:
        """SIGTERM; returns the exit code and everything it wrote to stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.wait_exit(timeout)

    def wait_exit(self, timeout: float = 10.0) -> tuple[int, str]:
        """Waits for the host to exit by itself; its exit code and all its stderr."""
        _, err = self.process.communicate(timeout=timeout)
        return self.process.returncode, (b"".join(self.stderr_lines) + err).decode()

    def rss_bytes(self) -> int:
        """The process's resident memory now (Linux)."""
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        raise AssertionError("no VmRSS")

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate(timeout=10)
