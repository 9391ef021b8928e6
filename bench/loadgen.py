"""The load generator: N receivers and S senders speaking the wire protocol to a host.

Runs in its own process, so that its CPU can be told apart from the host's:
    python -m bench.loadgen [--tls] [--room NAME] PORT N S M [RATE [HOST_PID]]  one JSON line
    python -m bench.loadgen [--tls] idle PORT COUNT   joins COUNT idle members, waits for stdin
One thread, one epoll loop over sockets (asyncio's per-read cost would make the
generator, not the host, the bottleneck): plain TCP for a ``--plaintext-loopback``
host, TLS (``--tls``, Python's ``ssl``, a P-256 certificate per member) otherwise.
Every receiver must get every message exactly once (counted, and the last seq
checked) or the run fails.
"""

from __future__ import annotations

import json
import os
import resource
import select
import socket
import ssl
import sys
import time

from bench.tls_members import handshake_step, member_context

TEXT = "Xin chào cả nhà! Hôm nay họp lúc 3 giờ chiều ở phòng Hà Nội. "  # ~70 bytes UTF-8
IN_FLIGHT = 200  # messages sent and not yet acknowledged, over all senders
MEASURED = 4  # receivers whose latency is measured; they read every frame at once
QUIET_LOW_WATER = 16_384  # the others wake up when about this much arrived (SO_RCVLOWAT)
MESSAGE = b'{"type":"message"'
ACK = b'{"type":"ack"'


TLS = False  # set by --tls
ROOM = "general"  # set by --room NAME: the room the members join and post to


def open_socket(port: int) -> socket.socket:
    """A connection to the host: TLS with a certificate of its own when TLS is on."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if TLS:
        return member_context().wrap_socket(sock)
    return sock


TLS_RECORD_BYTES = 16_384


def receive(sock: socket.socket, buffer: bytearray) -> int:
    """Bytes received into ``buffer`` (0: closed; -1: nothing yet). A TLS socket may
    hold decrypted bytes that epoll does not report: ``more_buffered`` says so."""
    try:
        size = sock.recv_into(buffer)
    except (BlockingIOError, ssl.SSLWantReadError):
        return -1
    if isinstance(sock, ssl.SSLSocket) and size:
        size += receive_more_records(sock, memoryview(buffer), size)
    return size


def receive_more_records(sock: ssl.SSLSocket, buffer: memoryview, size: int) -> int:
    """Reads the records that arrived behind the first (a TLS read gives one at a
    time) into ``buffer[size:]``: counted at once, as plain TCP's bytes are."""
    more = 0
    while size + more + TLS_RECORD_BYTES <= len(buffer):
        try:
            got = sock.recv_into(buffer[size + more :])
        except ssl.SSLWantReadError:
            break
        if not got:
            break  # (closed: the next read says so)
        more += got
    return more


def drain(sock: socket.socket, buffer: bytearray) -> None:
    """Reads (and drops) all that ``sock`` has now, as an app reading promptly does."""
    while receive(sock, buffer) > 0:
        pass


def more_buffered(sock: socket.socket) -> bool:
    return isinstance(sock, ssl.SSLSocket) and sock.pending() > 0


def connect(port: int, name: str) -> socket.socket:
    """A member that said hello and joined (the latest messages only)."""
    sock = open_socket(port)
    hello = {"type": "hello", "version": 2, "name": name, "client": f"bench-{name}"}
    join = {"type": "join", "room": ROOM}
    sock.sendall((json.dumps(hello) + "\n" + json.dumps(join) + "\n").encode())
    data = b""
    while b'{"type":"joined"' not in data:
        chunk = sock.recv(1 << 16)
        if not chunk:
            raise ConnectionError("the host closed during the join")
        data += chunk
    return sock


MARK = len(MESSAGE) - 1  # a marker cut by a read boundary is found in tail + head


class Member:
    """Counts what one connection receives, without copying what it receives."""

    def __init__(self, sock: socket.socket, measure: bool) -> None:
        self.sock = sock
        self.measure = measure
        self.messages = 0
        self.acks = 0
        self.tail = b""  # the last MARK bytes received
        self.latest = b""  # the last few KB received (the last message is in them)
        self.pending = b""  # measured members: an incomplete frame
        self.expect_messages = 0
        self.index = 0
        self.expect_acks = 0
        self.counted = False  # done, and counted as such (``done`` can flip back while
        # frames after the last expected one arrive, a TLS record ending inside one)

    def feed(self, buffer: bytearray, size: int, latencies: list[int]) -> None:
        """Counts the frames in ``buffer[:size]``, just received."""
        head = bytes(buffer[: min(size, MARK)])
        joint = self.tail + head
        self.messages += buffer.count(MESSAGE, 0, size) + joint.count(MESSAGE)
        self.acks += buffer.count(ACK, 0, size) + joint.count(ACK)
        if size >= 4096:
            self.latest = bytes(buffer[size - 4096 : size])
        else:
            self.latest = (self.latest + bytes(buffer[:size]))[-4096:]
        self.tail = self.latest[-MARK:]
        if self.measure:
            now = time.monotonic_ns()
            data = self.pending + bytes(buffer[:size])
            end = data.rfind(b"\n") + 1
            self.pending = data[end:]
            at = data.find(b"@t=", 0, end)
            while at >= 0:
                stop = data.find(b";", at)
                latencies.append(now - int(data[at + 3 : stop]))
                at = data.find(b"@t=", stop, end)

    def done(self) -> bool:
        """A receiver has every message, the last one whole (a TLS record may end
        inside it); a sender has every acknowledgement."""
        return (
            self.messages >= self.expect_messages
            and self.acks >= self.expect_acks
            and self.latest.endswith(b"\n")
        )

    def last_message(self) -> bytes:
        """The last complete ``message`` frame received (b"" if none)."""
        end = self.latest.rfind(b"\n")
        start = self.latest.rfind(MESSAGE, 0, end)
        return self.latest[start:end] if start >= 0 else b""


SAY = '{{"type":"say","room":{room},"id":"{id}","text":"' + TEXT + '@t={t};"}}\n'


def say(number: int, prefix: str) -> bytes:
    room = json.dumps(ROOM)
    return SAY.format(room=room, id=f"{prefix}{number}", t=time.monotonic_ns()).encode()


def process_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of process ``pid`` so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stolen_seconds() -> float:
    """CPU time the hypervisor gave to other guests so far, all CPUs together
    (``steal`` in /proc/stat): this VM's speed drifts with it, so runs report it."""
    with open("/proc/stat") as stat:
        fields = stat.readline().split()  # cpu user nice system idle iowait irq softirq steal
    return int(fields[8]) / os.sysconf("SC_CLK_TCK")


def run(
    port: int, receivers: int, senders: int, total: int, rate: float, host_pid: int = 0
) -> dict[str, float]:
    # The measured receivers are spread over the join order, the last one included:
    # the host writes to members in that order, so the last one waits the longest.
    measured = {round((k + 1) * receivers / MEASURED) - 1 for k in range(MEASURED)}
    readers = [Member(connect(port, f"r{i}"), measure=i in measured) for i in range(receivers)]
    for index, reader in enumerate(readers):
        reader.index = index
    writers = [Member(connect(port, f"s{i}"), measure=False) for i in range(senders)]
    poller = select.epoll()
    by_descriptor: dict[int, Member] = {}
    for member in (r for r in readers if not r.measure):
        # Receivers only counted are woken per 16 KB, not per message: the generator's
        # per-read cost then stays out of the measurement. The host's work is the same
        # (one write per message per member); the kernel holds the bytes meanwhile.
        # Staggered (8 to 24 KB), so that they do not all wake at once, delaying the reads
        # of the measured receivers behind a burst of counting.
        low_water = QUIET_LOW_WATER // 2 + (member.index * 7919) % QUIET_LOW_WATER
        member.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVLOWAT, low_water)
    for member in readers + writers:
        member.sock.setblocking(False)
        poller.register(member.sock.fileno(), select.EPOLLIN)
        by_descriptor[member.sock.fileno()] = member
    per_sender = total // senders
    for member in readers:
        member.expect_messages = total
    for member in writers:
        member.expect_acks = per_sender
    window = max(1, IN_FLIGHT // senders)
    sent = [0] * senders
    latencies: list[int] = []
    buffer = bytearray(1 << 20)
    unfinished = len(readers) + len(writers)  # members still expecting frames
    senders_unfinished = len(writers)
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    host_cpu_before = process_cpu_seconds(host_pid) if host_pid else 0.0
    stolen_before = stolen_seconds()
    started = time.monotonic()
    deadline = started + 600
    while unfinished:
        timeout = 0.05
        for index, writer in enumerate(writers):
            batch = []
            while sent[index] < per_sender and sent[index] - writer.acks < window:
                if rate:
                    due = started + (sent[index] * senders + index) / rate
                    now = time.monotonic()
                    if due > now:
                        timeout = min(timeout, due - now)
                        break
                batch.append(say(sent[index], f"{index}-"))
                sent[index] += 1
            if batch:
                writer.sock.setblocking(True)
                writer.sock.sendall(b"".join(batch))
                writer.sock.setblocking(False)
        ready = [by_descriptor[descriptor] for descriptor, _events in poller.poll(timeout)]
        ready.sort(key=lambda m: not m.measure)  # timestamps first, counting after
        for member in ready:
            while (size := receive(member.sock, buffer)) != -1:
                if not size:
                    raise ConnectionError("the host closed a connection")
                member.feed(buffer, size, latencies)
                if not more_buffered(member.sock):
                    break
            if not member.counted and member.done():
                member.counted = True
                unfinished -= 1
                if member.expect_acks:
                    senders_unfinished -= 1
                    if not senders_unfinished:  # the last bytes must not wait for 16 KB
                        for reader in readers:
                            reader.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVLOWAT, 1)
        if time.monotonic() > deadline:
            raise TimeoutError("the run took over 10 minutes")
    wall = time.monotonic() - started
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    host_cpu = process_cpu_seconds(host_pid) - host_cpu_before if host_pid else 0.0
    stolen = stolen_seconds() - stolen_before
    poller.close()
    for member in readers:
        if member.messages != total:
            raise AssertionError(f"a receiver got {member.messages} messages of {total}")
    last_seqs = {json.loads(r.last_message())["seq"] if r.last_message() else None for r in readers}
    if len(last_seqs) != 1 or None in last_seqs:
        raise AssertionError(f"receivers disagree on the last message: {last_seqs}")
    for member in readers + writers:
        member.sock.close()
    latencies.sort()
    cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    return {
        "messages": total,
        "receivers": receivers,
        "senders": senders,
        "wall_s": wall,
        "deliveries_per_s": total * receivers / wall,
        "p50_ms": latencies[len(latencies) // 2] / 1e6,
        "p99_ms": latencies[int(len(latencies) * 0.99)] / 1e6,
        "loadgen_cpu_s": cpu,
        "host_cpu_s": host_cpu,  # over the same timed part (0 without HOST_PID)
        "stolen_share": stolen / (wall * (os.cpu_count() or 1)),  # of all CPUs' time
    }


JOINING_AT_ONCE = 100  # idle members arrive like an office at nine: many at a time


class Joining:
    """A member on its way in: TCP connected, TLS handshake (non-blocking), then
    hello and join sent, until ``joined`` arrives."""

    def __init__(self, port: int, number: int, context: ssl.SSLContext | None) -> None:
        raw = socket.create_connection(("127.0.0.1", port))
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        raw.setblocking(False)
        self.sock: socket.socket = raw
        if context is not None:
            self.sock = context.wrap_socket(raw, do_handshake_on_connect=False)
        self.handshaken = context is None
        self.wants_write = context is not None
        hello = {"type": "hello", "version": 2, "name": f"idle{number}", "client": f"i{number}"}
        self.greeting = (json.dumps(hello) + '\n{"type":"join","room":"general"}\n').encode()
        self.received = bytearray()
        if self.handshaken:
            self._greet()

    def advance(self, buffer: bytearray) -> bool:
        """Goes on as far as the socket allows; True once joined."""
        if not self.handshaken:
            assert isinstance(self.sock, ssl.SSLSocket)
            waiting = handshake_step(self.sock)
            self.wants_write = waiting == "write"
            if waiting:
                return False
            self.handshaken = True
            self._greet()
        while (size := receive(self.sock, buffer)) != -1:
            if not size:
                raise ConnectionError("the host closed a connection")
            self.received += buffer[:size]
            if not more_buffered(self.sock):
                break
        return b'{"type":"joined"' in self.received

    def _greet(self) -> None:
        self.sock.setblocking(True)
        self.sock.sendall(self.greeting)
        self.sock.setblocking(False)


def idle(port: int, members: int) -> None:
    """Joins ``members`` connections (up to JOINING_AT_ONCE at a time, their TLS
    handshakes under way together, as an office's apps at nine) that stay idle,
    reading what the host sends them (presence), until a line arrives on stdin. Each
    member's certificate is made before the clock starts (an app has its identity
    already; making one here takes ~7 ms of the generator's CPU)."""
    contexts = [member_context() if TLS else None for _ in range(members)]
    started = time.monotonic()
    poller = select.epoll()
    joining: dict[int, Joining] = {}
    joined: dict[int, socket.socket] = {}
    buffer = bytearray(1 << 16)
    made = 0
    while len(joined) < members:
        while made < members and len(joining) < JOINING_AT_ONCE:
            member = Joining(port, made, contexts[made])
            poller.register(member.sock.fileno(), select.EPOLLIN | select.EPOLLOUT)
            joining[member.sock.fileno()] = member
            made += 1
        for descriptor, _events in poller.poll(1.0):
            if descriptor in joined:
                drain(joined[descriptor], buffer)
                continue
            member = joining[descriptor]
            if member.advance(buffer):
                joined[descriptor] = joining.pop(descriptor).sock
            poller.modify(descriptor, select.EPOLLOUT if member.wants_write else select.EPOLLIN)
        if time.monotonic() - started > 600:
            raise TimeoutError("joining took over 10 minutes")
    print(json.dumps({"members": members, "join_all_s": time.monotonic() - started}), flush=True)
    while not select.select([sys.stdin], [], [], 0)[0]:  # idle: read what comes
        for descriptor, _events in poller.poll(0.1):
            drain(joined[descriptor], buffer)
    sys.stdin.readline()
    poller.close()
    for sock in joined.values():
        sock.close()


def main() -> int:
    global TLS, ROOM
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    args = sys.argv[1:]
    if args and args[0] == "--tls":
        TLS = True
        args = args[1:]
    if args and args[0] == "--room":
        ROOM = args[1]
        args = args[2:]
    if args[0] == "idle":
        idle(int(args[1]), int(args[2]))
        return 0
    port, receivers, senders, total = (int(a) for a in args[0:4])
    rate = float(args[4]) if len(args) > 4 else 0.0
    host_pid = int(args[5]) if len(args) > 5 else 0
    print(json.dumps(run(port, receivers, senders, total, rate, host_pid)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
