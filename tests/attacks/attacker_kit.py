"""What every mode of the hostile client (``tests.attacks.attacker``) shares: the tally
it prints on exit, its deadline, and TLS connections to a host on loopback."""

from __future__ import annotations

import asyncio
import json
import ssl
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from messenger.core.identity import DeviceIdentity
from tests.identities import client_tls_context, fresh_identity

Frame = dict[str, Any]
READ_LIMIT = 1 << 20
"""Longest line an attacker reads (a host's frames are at most 64 KiB)."""
CONNECT_TIMEOUT_S = 5.0
TARGET = "127.0.0.1"
"""The only address attacked: loopback."""


def frame_bytes(frame: Frame) -> bytes:
    """``frame`` as a line on the wire."""
    return json.dumps(frame, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def hello_bytes(name: str) -> bytes:
    return frame_bytes({"type": "hello", "version": 2, "name": name, "client": name})


class Deadline:
    """The moment a mode stops attacking (``--seconds`` after it began)."""

    def __init__(self, seconds: float) -> None:
        self.start = time.monotonic()
        self.end = self.start + seconds

    def left(self) -> float:
        return max(0.0, self.end - time.monotonic())

    @property
    def passed(self) -> bool:
        return time.monotonic() >= self.end

    def elapsed(self) -> float:
        return time.monotonic() - self.start


@dataclass
class Tally:
    """What the attacker did and what it got, printed as one JSON line on exit.

    ``closed`` counts how each connection ended: ``by_host`` (the host ended it:
    end of stream), ``reset`` (the host reset it), ``by_us`` (the attacker closed
    it), ``open_at_end`` (still open when the attack ended), ``failed`` (it never
    connected)."""

    mode: str
    connections: int = 0
    frames_sent: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    frames_received: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    byes: Counter[str] = field(default_factory=Counter)
    closed: Counter[str] = field(default_factory=Counter)
    extra: dict[str, Any] = field(default_factory=dict)

    def summary(self, elapsed_s: float) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "elapsed_s": round(elapsed_s, 2),
            "connections": self.connections,
            "frames_sent": self.frames_sent,
            "bytes_sent": self.bytes_sent,
            "bytes_received": self.bytes_received,
            "frames_received": dict(self.frames_received),
            "errors": dict(self.errors),
            "byes": dict(self.byes),
            "closed": dict(self.closed),
            **self.extra,
        }


class Marks:
    """Counts the frames of a raw stream that begin with ``marker`` (such as
    ``{"type":"joined"``: JSON strings escape their quotes, so only a frame's start
    holds it), fed chunk by chunk."""

    def __init__(self, marker: bytes) -> None:
        self.marker = marker
        self.count = 0
        self._tail = b""

    def feed(self, chunk: bytes) -> None:
        window = self._tail + chunk
        self.count += window.count(self.marker)
        self._tail = window[-(len(self.marker) - 1) :]


class Link:
    """One TLS connection of the attacker to the host; what it sends and receives is
    counted in ``tally``, and how it ended, once."""

    def __init__(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, tally: Tally
    ) -> None:
        self.reader = reader
        self.writer = writer
        self.tally = tally
        self.ended = ""
        self.opened_at = time.monotonic()

    @classmethod
    async def open(
        cls,
        port: int,
        tally: Tally,
        identity: DeviceIdentity | None = None,
        context: ssl.SSLContext | None = None,
        limit: int = READ_LIMIT,
    ) -> Link:
        """Connects (TLS, with ``identity``'s certificate, default a new one)."""
        if context is None:
            context = client_tls_context(identity or fresh_identity())
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(TARGET, port, ssl=context, server_hostname="", limit=limit),
                CONNECT_TIMEOUT_S,
            )
        except (OSError, TimeoutError):
            tally.closed["failed"] += 1
            raise
        tally.connections += 1
        return cls(reader, writer, tally)

    def write(self, data: bytes) -> None:
        if self.ended:
            return
        self.writer.write(data)
        self.tally.frames_sent += data.count(b"\n")
        self.tally.bytes_sent += len(data)

    async def drain(self) -> bool:
        """Waits until the host took what was written; False once it is gone."""
        try:
            await self.writer.drain()
        except (ConnectionError, OSError):
            self._end("reset")
        return not self.ended

    async def frame(self, timeout: float) -> Frame | None:
        """The next frame; None when the host ended the connection.

        Raises:
            TimeoutError: nothing whole came within ``timeout``.
        """
        line = await self.line(timeout)
        return None if line is None else self.parse(line)

    async def line(self, timeout: float) -> bytes | None:
        """The next frame's line, unparsed (``parse`` counts it); None when the host
        ended the connection.

        Raises:
            TimeoutError: nothing whole came within ``timeout``.
        """
        if self.ended:
            return None
        try:
            line = await asyncio.wait_for(self.reader.readline(), timeout)
        except (ConnectionError, OSError, ssl.SSLError):
            self._end("reset")
            return None
        except ValueError:  # (a line beyond READ_LIMIT: no host sends one)
            self.tally.extra["overlong_line"] = True
            self._end("by_us")
            return None
        self.tally.bytes_received += len(line)
        if not line.endswith(b"\n"):
            self._end("by_host")
            return None
        return line

    async def chunk(self, timeout: float) -> bytes | None:
        """What arrived next, raw (as a client in C reads: no line is parsed); None
        when the host ended the connection.

        Raises:
            TimeoutError: nothing came within ``timeout``.
        """
        if self.ended:
            return None
        try:
            data = await asyncio.wait_for(self.reader.read(READ_LIMIT), timeout)
        except (ConnectionError, OSError, ssl.SSLError):
            self._end("reset")
            return None
        self.tally.bytes_received += len(data)
        if not data:
            self._end("by_host")
            return None
        return data

    def parse(self, line: bytes) -> Frame:
        """The frame of ``line``, counted by type (errors by code, byes by reason)."""
        frame: Frame = json.loads(line)
        kind = str(frame.get("type"))
        self.tally.frames_received[kind] += 1
        if kind == "error":
            self.tally.errors[str(frame.get("code"))] += 1
        elif kind == "bye":
            self.tally.byes[str(frame.get("reason"))] += 1
        return frame

    async def until(self, kind: str, timeout: float) -> Frame | None:
        """Reads up to the next frame of ``kind``; None when the connection ended."""
        while True:
            frame = await self.frame(timeout)
            if frame is None or frame.get("type") == kind:
                return frame

    async def hello(self, name: str, timeout: float = 5.0) -> Frame | None:
        """Says hello; the welcome (None: the host ended the connection instead)."""
        self.write(hello_bytes(name))
        return await self.until("welcome", timeout)

    async def until_closed(self, within: float) -> bool:
        """Reads (and counts) until the host ends the connection; False when it
        did not within ``within`` seconds."""

        async def read_to_end() -> None:
            while await self.frame(within + 1.0) is not None:
                pass

        try:
            await asyncio.wait_for(read_to_end(), within)
        except TimeoutError:
            return False
        return True

    def close(self, how: str = "by_us") -> None:
        """Drops the connection at once (its TLS unended: a rude peer)."""
        self._end(how)

    def _end(self, how: str) -> None:
        if not self.ended:
            self.ended = how
            self.tally.closed[how] += 1
        self.writer.transport.abort()
