"""The load of a host with many rooms: members over TLS, each in ~20 rooms.

Runs in its own process (its CPU apart from the host's):
    python -m bench.rooms_load PORT MEMBERS ROOMS PER_MEMBER CERT_DIR
First ROOMS / 100 creators make the rooms (``create_room``, 100 each: within a
connection's join burst) and leave; then MEMBERS members arrive, up to 100 at a time
with their TLS handshakes under way together (an office at nine). Each says hello,
asks the room list (``rooms``: from then on it gets ``room_update``, as the app does)
and joins ``general`` and PER_MEMBER rooms of its own (the same ones at every run).
Prints one JSON line once every member has every ``joined`` (``join_all_s``, from
the first connection), then stays connected, reading all that comes (presence, room
updates) and pinging every 15 s as the app does, until a line arrives on stdin.
Certificates are kept in CERT_DIR (made there the first time, before the clock
starts).
"""

from __future__ import annotations

import json
import random
import resource
import select
import socket
import ssl
import sys
import time
from pathlib import Path

from bench.loadgen import drain, more_buffered, receive
from bench.tls_members import handshake_step, kept_member_context

JOINING_AT_ONCE = 100
CREATES_PER_CREATOR = 100  # (a connection's join burst: create_room counts as a join)
JOINED = b'{"type":"joined"'
TIME_LIMIT_S = 600
PING_EVERY_S = 15.0  # as the app does (the host closes a member silent for 60 s)
PING = b'{"type":"ping"}\n'


class Pinger:
    """Pings every member joined, every PING_EVERY_S."""

    def __init__(self) -> None:
        self._last = time.monotonic()

    def maybe_ping(self, joined: dict[int, socket.socket]) -> None:
        if time.monotonic() - self._last < PING_EVERY_S:
            return
        self._last = time.monotonic()
        for sock in joined.values():
            blocking_send(sock, PING)


def room_name(number: int) -> str:
    return f"room {number:04d}"


def rooms_of(member: int, rooms: int, per_member: int) -> list[str]:
    """The rooms member ``member`` joins besides ``general`` (the same at every run)."""
    return [room_name(n) for n in random.Random(member).sample(range(rooms), per_member)]


def frame(**fields: object) -> bytes:
    return (json.dumps(fields, ensure_ascii=False) + "\n").encode()


def blocking_send(sock: socket.socket, data: bytes) -> None:
    sock.setblocking(True)
    sock.sendall(data)
    sock.setblocking(False)


def read_until(sock: socket.socket, marker: bytes) -> None:
    """Reads (blocking) until ``marker`` arrived."""
    sock.setblocking(True)
    data = b""
    deadline = time.monotonic() + 60
    while marker not in data:
        chunk = sock.recv(1 << 16)
        if not chunk or time.monotonic() > deadline:
            raise ConnectionError(f"no {marker!r} from the host")
        data = data[-len(marker) :] + chunk


def create_rooms(port: int, rooms: int, folder: Path) -> float:
    """Makes rooms 0 … ``rooms`` - 1 (creators of their own, 100 rooms each); the
    seconds it took. A ``ping`` after the creates says they were all handled."""
    started = time.monotonic()
    for creator in range((rooms + CREATES_PER_CREATOR - 1) // CREATES_PER_CREATOR):
        context = kept_member_context(folder, -1 - creator)
        raw = socket.create_connection(("127.0.0.1", port))
        sock = context.wrap_socket(raw)
        first = creator * CREATES_PER_CREATOR
        numbers = range(first, min(rooms, first + CREATES_PER_CREATOR))
        hello = frame(type="hello", version=2, name=f"creator{creator}", client=f"c{creator}")
        creates = b"".join(frame(type="create_room", room=room_name(n)) for n in numbers)
        sock.sendall(hello + creates + frame(type="ping", ref="created"))
        read_until(sock, b'"type":"pong"')
        sock.close()
    return time.monotonic() - started


class Arriving:
    """A member on its way in: TCP connected, TLS handshake (non-blocking), then its
    requests sent; done once a ``joined`` came for each of its joins."""

    def __init__(self, port: int, number: int, context: ssl.SSLContext, rooms: list[str]) -> None:
        raw = socket.create_connection(("127.0.0.1", port))
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        raw.setblocking(False)
        self.sock: socket.socket = context.wrap_socket(raw, do_handshake_on_connect=False)
        self.handshaken = False
        self.wants_write = True
        hello = frame(type="hello", version=2, name=f"member{number}", client=f"m{number}")
        joins = b"".join(frame(type="join", room=room) for room in ["general", *rooms])
        self.requests = hello + frame(type="rooms") + joins
        self.expected = 1 + len(rooms)
        self.joined = 0
        self.tail = b""  # the last bytes read: a marker cut by a read is found in tail + head

    def advance(self, buffer: bytearray) -> bool:
        """Goes on as far as the socket allows; True once every join is answered."""
        if not self.handshaken:
            assert isinstance(self.sock, ssl.SSLSocket)
            waiting = handshake_step(self.sock)
            self.wants_write = waiting == "write"
            if waiting:
                return False
            self.handshaken = True
            blocking_send(self.sock, self.requests)
        while (size := receive(self.sock, buffer)) != -1:
            if not size:
                raise ConnectionError("the host closed a connection")
            self._count(buffer, size)
            if not more_buffered(self.sock):
                break
        return self.joined >= self.expected

    def _count(self, buffer: bytearray, size: int) -> None:
        head = bytes(buffer[: min(size, len(JOINED) - 1)])
        self.joined += buffer.count(JOINED, 0, size) + (self.tail + head).count(JOINED)
        start = max(0, size - len(JOINED) + 1)
        self.tail = bytes(buffer[start:size]) if size >= len(JOINED) - 1 else self.tail + head
        self.tail = self.tail[-(len(JOINED) - 1) :]


def arrive(
    port: int, contexts: list[ssl.SSLContext], rooms: int, per_member: int
) -> tuple[select.epoll, dict[int, socket.socket], float]:
    """Every member in (see the module); the poller, the members' sockets by
    descriptor and the seconds from the first connection to the last ``joined``."""
    poller = select.epoll()
    arriving: dict[int, Arriving] = {}
    joined: dict[int, socket.socket] = {}
    buffer = bytearray(1 << 20)
    made = 0
    started = time.monotonic()
    pinger = Pinger()
    while len(joined) < len(contexts):
        pinger.maybe_ping(joined)
        while made < len(contexts) and len(arriving) < JOINING_AT_ONCE:
            member = Arriving(port, made, contexts[made], rooms_of(made, rooms, per_member))
            poller.register(member.sock.fileno(), select.EPOLLIN | select.EPOLLOUT)
            arriving[member.sock.fileno()] = member
            made += 1
        for descriptor, _events in poller.poll(1.0):
            if descriptor in joined:
                drain(joined[descriptor], buffer)
                continue
            member = arriving[descriptor]
            if member.advance(buffer):
                joined[descriptor] = arriving.pop(descriptor).sock
            poller.modify(descriptor, select.EPOLLOUT if member.wants_write else select.EPOLLIN)
        if time.monotonic() - started > TIME_LIMIT_S:
            raise TimeoutError("joining took over 10 minutes")
    return poller, joined, time.monotonic() - started


def stay(poller: select.epoll, joined: dict[int, socket.socket]) -> None:
    """Reads what comes to the members until a line arrives on stdin."""
    buffer = bytearray(1 << 20)
    started = time.monotonic()
    pinger = Pinger()
    while not select.select([sys.stdin], [], [], 0)[0]:
        pinger.maybe_ping(joined)
        for descriptor, _events in poller.poll(0.1):
            drain(joined[descriptor], buffer)
        if time.monotonic() - started > TIME_LIMIT_S:
            raise TimeoutError("told nothing for 10 minutes")
    sys.stdin.readline()
    poller.close()
    for sock in joined.values():
        sock.close()


def main() -> int:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    port, members, rooms, per_member = (int(a) for a in sys.argv[1:5])
    folder = Path(sys.argv[5])
    contexts = [kept_member_context(folder, n) for n in range(members)]
    created_s = create_rooms(port, rooms, folder)
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    poller, joined, join_all_s = arrive(port, contexts, rooms, per_member)
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    result = {
        "members": members,
        "rooms": rooms,
        "per_member": per_member,
        "rooms_created_s": created_s,
        "join_all_s": join_all_s,
        "load_cpu_s": cpu,
    }
    print(json.dumps(result), flush=True)
    stay(poller, joined)
    return 0


if __name__ == "__main__":
    sys.exit(main())
