"""A raw protocol client over asyncio streams, for tests of the host."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import uuid
from typing import Any

from messenger.core.identity import DeviceIdentity

from .identities import client_tls_context, fresh_identity

Frame = dict[str, Any]


class WireClient:
    """Speaks newline-delimited JSON to a host over TLS (or plain TCP) and reads its
    frames."""

    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        identity: DeviceIdentity | None = None,
    ) -> None:
        self.reader = reader
        self.writer = writer
        self.identity = identity
        """The certificate it presented (connect again with it to be the same member)."""
        self.client_id = uuid.uuid4().hex
        self.you = ""

    @classmethod
    async def connect(
        cls,
        port: int,
        host: str = "127.0.0.1",
        *,
        identity: DeviceIdentity | None = None,
        tls: bool = True,
        certificate: bool = True,
    ) -> WireClient:
        """Connects over TLS with ``identity`` (default: a new one: another member), or
        with no client certificate (``certificate=False``), or over plain TCP
        (``tls=False``)."""
        identity = (identity or fresh_identity()) if tls and certificate else None
        context = client_tls_context(identity) if tls else None
        reader, writer = await asyncio.open_connection(
            host, port, limit=1 << 20, ssl=context, server_hostname="" if tls else None
        )
        return cls(reader, writer, identity)

    @property
    def user_id(self) -> str:
        """The user id the host knows it by ('' without a certificate)."""
        return self.identity.user_id if self.identity is not None else ""

    @property
    def host_fingerprint(self) -> str:
        """The SHA-256 of the host's certificate ('' over plain TCP)."""
        ssl_object = self.writer.get_extra_info("ssl_object")
        der = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
        return hashlib.sha256(der).hexdigest() if der else ""

    async def send(self, frame: Frame | bytes) -> None:
        if isinstance(frame, dict):
            data = json.dumps(frame, ensure_ascii=False).encode() + b"\n"
        else:
            data = frame
        self.writer.write(data)
        await self.writer.drain()

    async def recv(self, timeout: float = 5.0) -> Frame:
        line = await asyncio.wait_for(self.reader.readline(), timeout)
        if not line:
            raise ConnectionError("the host closed the connection")
        frame: Frame = json.loads(line)
        return frame

    async def recv_type(self, frame_type: str, timeout: float = 5.0) -> tuple[Frame, list[Frame]]:
        """The next frame of ``frame_type`` and the frames received before it."""
        before: list[Frame] = []
        while True:
            frame = await self.recv(timeout)
            if frame["type"] == frame_type:
                return frame, before
            before.append(frame)

    async def hello(self, name: str, client: str | None = None) -> Frame:
        if client is not None:
            self.client_id = client
        await self.send({"type": "hello", "version": 2, "name": name, "client": self.client_id})
        welcome = await self.recv()
        assert welcome["type"] == "welcome", welcome
        self.you = welcome["you"]
        return welcome

    async def join(
        self, room: str = "general", since: int | None = None
    ) -> tuple[Frame, list[Frame]]:
        """Joins; returns ``joined`` and the replayed messages before it."""
        frame: Frame = {"type": "join", "room": room}
        if since is not None:
            frame["since"] = since
        await self.send(frame)
        return await self.recv_type("joined")

    async def say(self, text: str, room: str = "general", msg_id: str | None = None) -> str:
        msg_id = msg_id or uuid.uuid4().hex
        await self.send({"type": "say", "room": room, "id": msg_id, "text": text})
        return msg_id

    async def expect_closed(self, timeout: float = 5.0) -> list[Frame]:
        """Reads until the host closes; returns the frames read."""
        frames: list[Frame] = []
        while True:
            line = await asyncio.wait_for(self.reader.readline(), timeout)
            if not line:
                return frames
            frames.append(json.loads(line))

    async def close(self) -> None:
        """Closes the connection (over TLS: close_notify, then the socket, without
        waiting for the host's answer to it)."""
        if self.writer.transport.is_closing():
            return
        tls = self.writer.get_extra_info("ssl_object") is not None
        self.writer.close()
        if tls:
            self.writer.transport.abort()
        with contextlib.suppress(ConnectionError, OSError):
            await self.writer.wait_closed()


def member_names(joined: Frame) -> list[str]:
    """The names in a ``joined`` frame's member list, in its order."""
    return [member["name"] for member in joined["members"]]


async def wait_until(predicate: Any, timeout: float = 5.0, interval: float = 0.01) -> None:
    """Waits (on the running loop) until ``predicate()`` is true, or fails."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {timeout} s: {predicate}")
        await asyncio.sleep(interval)
