"""A TCP proxy on loopback that cuts its connections at random points (or, with
``enabled`` False, forwards and records everything: an eavesdropper)."""

from __future__ import annotations

import asyncio
import contextlib
import random


class FaultProxy:
    """Forwards 127.0.0.1:``port`` to the upstream port; every connection is cut
    (both sides reset) after a random number of forwarded bytes.

    Args:
        upstream: The port of the real host on 127.0.0.1.
        seed: Seeds the random cut points, so a failing run can be replayed.
        min_bytes, max_bytes: Range of the bytes a connection forwards before its cut.
    """

    def __init__(self, upstream: int, seed: int, min_bytes: int, max_bytes: int) -> None:
        self.upstream = upstream
        self.random = random.Random(seed)
        self.min_bytes = min_bytes
        self.max_bytes = max_bytes
        self.cuts = 0
        self.connections = 0
        self.enabled = True
        self.captured = bytearray()
        """Every byte forwarded, both ways (for a look at what an eavesdropper sees)."""
        self.port = 0
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    def cut_all(self) -> None:
        """Resets every connection now (they connect again to ``upstream`` as it is)."""
        for writer in list(self._writers):
            writer.transport.abort()

    async def close(self) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        if self._tasks:  # the handlers end once their sockets are gone
            await asyncio.wait(list(self._tasks), timeout=5)
        await self._server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self.connections += 1
        self._writers.add(writer)
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream)
        except OSError:
            writer.transport.abort()
            self._writers.discard(writer)
            self._tasks.discard(task)
            return
        self._writers.add(up_writer)
        budget = [self.random.randint(self.min_bytes, self.max_bytes)]
        pipes = [
            asyncio.ensure_future(self._pipe(reader, up_writer, budget)),
            asyncio.ensure_future(self._pipe(up_reader, writer, budget)),
        ]
        try:
            await asyncio.wait(pipes, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for pipe in pipes:
                pipe.cancel()
            await asyncio.gather(*pipes, return_exceptions=True)
            for end in (writer, up_writer):
                end.transport.abort()
                self._writers.discard(end)
            self._tasks.discard(task)

    async def _pipe(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, budget: list[int]
    ) -> None:
        with contextlib.suppress(ConnectionError, OSError):
            while data := await reader.read(65_536):
                if self.enabled and len(data) >= budget[0]:
                    writer.write(data[: budget[0]])  # part of a frame goes through, then the cut
                    await writer.drain()
                    self.cuts += 1
                    return
                budget[0] -= len(data) if self.enabled else 0
                self.captured += data
                writer.write(data)
                await writer.drain()
