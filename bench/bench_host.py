"""A fresh ``messenger host`` on loopback for a benchmark (the host benchmarks and the
rooms benchmark share it)."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Host:
    """A fresh ``messenger host`` on 127.0.0.1 with its own data folder: TLS, or plain
    TCP (``tls=False``: ``--plaintext-loopback``)."""

    def __init__(self, tls: bool = True) -> None:
        self.tls = tls
        self.folder = tempfile.TemporaryDirectory()
        _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
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
                "--no-announce",
                "--no-say-limits",  # (the load generator posts far beyond a person)
                "--data",
                self.folder.name,
                *([] if tls else ["--plaintext-loopback"]),
            ],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            cwd=ROOT,
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        )
        assert self.process.stderr is not None
        while True:
            line = self.process.stderr.readline().decode()
            if not line:
                raise RuntimeError("the host did not start")
            if match := re.search(r"listening on TCP port (\d+)", line):
                self.port = int(match.group(1))
                return

    def stop(self) -> None:
        self.process.terminate()
        self.process.communicate(timeout=30)
        self.folder.cleanup()
