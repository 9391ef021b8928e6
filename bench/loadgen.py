"""The load generator: N receivers and S senders speaking the wire protocol to a host.

Runs in its own process, so that its CPU can be told apart from the host's:
    python -m bench.loadgen PORT N S M [RATE]      prints one JSON line of results
    python -m bench.loadgen idle PORT COUNT         joins COUNT idle members, waits for stdin
One thread, one epoll loop over plain sockets (asyncio's per-read cost would make the
generator, not the host, the bottleneck). Every receiver must get every message
exactly once (counted, and the last seq checked) or the run fails.
"""

from __future__ import annotations

import json
import resource
import selectors
import socket
import sys
import time

TEXT = "Xin chào cả nhà! Hôm nay họp lúc 3 giờ chiều ở phòng Hà Nội. "  # ~70 bytes UTF-8
IN_FLIGHT = 200  # messages sent and not yet acknowledged, over all senders
MESSAGE = b'{"type":"message"'
ACK = b'{"type":"ack"'


def connect(port: int, name: str) -> socket.socket:
    """A member that said hello and joined (the latest messages only)."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    hello = {"type": "hello", "version": 1, "name": name, "client": f"bench-{name}"}
    sock.sendall((json.dumps(hello) + '\n{"type":"join","room":"general"}\n').encode())
    data = b""
    while b'{"type":"joined"' not in data:
        chunk = sock.recv(1 << 16)
        if not chunk:
            raise ConnectionError("the host closed during the join")
        data += chunk
    return sock


class Member:
    """Counts what one connection receives."""

    def __init__(self, sock: socket.socket, measure: bool) -> None:
        self.sock = sock
        self.measure = measure
        self.messages = 0
        self.acks = 0
        self.pending = b""
        self.last = b""

    def feed(self, chunk: bytes, latencies: list[int]) -> None:
        data = self.pending + chunk
        end = data.rfind(b"\n") + 1
        self.pending = data[end:]
        if not end:
            return
        complete = data[:end]
        self.messages += complete.count(MESSAGE)
        self.acks += complete.count(ACK)
        at_last = complete.rfind(MESSAGE)
        if at_last >= 0:
            self.last = complete[at_last : complete.find(b"\n", at_last)]
        if self.measure:
            now = time.monotonic_ns()
            at = complete.find(b"@t=")
            while at >= 0:
                stop = complete.find(b";", at)
                latencies.append(now - int(complete[at + 3 : stop]))
                at = complete.find(b"@t=", stop)


def say(number: int, prefix: str) -> bytes:
    frame = {
        "type": "say",
        "room": "general",
        "id": f"{prefix}{number}",
        "text": f"{TEXT}@t={time.monotonic_ns()};",
    }
    return json.dumps(frame, ensure_ascii=False).encode() + b"\n"


def run(port: int, receivers: int, senders: int, total: int, rate: float) -> dict[str, float]:
    readers = [Member(connect(port, f"r{i}"), measure=i < 4) for i in range(receivers)]
    writers = [Member(connect(port, f"s{i}"), measure=False) for i in range(senders)]
    selector = selectors.EpollSelector()
    for member in readers + writers:
        member.sock.setblocking(False)
        selector.register(member.sock, selectors.EVENT_READ, member)
    per_sender = total // senders
    window = max(1, IN_FLIGHT // senders)
    sent = [0] * senders
    latencies: list[int] = []
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.monotonic()
    while any(r.messages < total for r in readers) or any(w.acks < per_sender for w in writers):
        timeout = 0.05
        for index, writer in enumerate(writers):
            batch = []
            while sent[index] < per_sender and sent[index] - writer.acks < window:
                if rate:
                    due = started + (sent[index] * senders + index) / rate
                    if due > time.monotonic():
                        timeout = min(timeout, due - time.monotonic())
                        break
                batch.append(say(sent[index], f"{index}-"))
                sent[index] += 1
            if batch:
                writer.sock.setblocking(True)
                writer.sock.sendall(b"".join(batch))
                writer.sock.setblocking(False)
        for key, _events in selector.select(timeout):
            member = key.data
            try:
                chunk = member.sock.recv(1 << 20)
            except BlockingIOError:
                continue
            if not chunk:
                raise ConnectionError("the host closed a connection")
            member.feed(chunk, latencies)
        if time.monotonic() - started > 600:
            raise TimeoutError("the run took over 10 minutes")
    wall = time.monotonic() - started
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    for member in readers:
        if member.messages != total:
            raise AssertionError(f"a receiver got {member.messages} messages of {total}")
    last_seqs = {json.loads(r.last)["seq"] if r.last else None for r in readers}
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
    }


def idle(port: int, members: int) -> None:
    """Joins ``members`` connections that stay idle until a line arrives on stdin."""
    started = time.monotonic()
    connections = [connect(port, f"idle{i}") for i in range(members)]
    print(json.dumps({"members": members, "join_all_s": time.monotonic() - started}), flush=True)
    sys.stdin.readline()
    for sock in connections:
        sock.close()


def main() -> int:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if sys.argv[1] == "idle":
        idle(int(sys.argv[2]), int(sys.argv[3]))
        return 0
    port, receivers, senders, total = (int(a) for a in sys.argv[1:5])
    rate = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
    print(json.dumps(run(port, receivers, senders, total, rate)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
