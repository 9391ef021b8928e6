"""What a host needs to know to start."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..protocol.limits import DEFAULT_PORT, MAX_NAME_CHARS
from .output_budget import TOTAL_OUTPUT_LIMIT_BYTES
from .request_limits import DEFAULT_REQUEST_LIMITS, RequestLimits
from .say_limits import DEFAULT_SAY_LIMITS, SayLimits

if TYPE_CHECKING:
    from ..core.identity import DeviceIdentity


@dataclass(frozen=True, slots=True)
class HostConfig:
    """Settings of one host session.

    Attributes:
        data_dir: Folder of the history database.
        session_name: Shown to people discovering the session.
        port: TCP port to listen on (0 picks a free one).
        bind_address: Address to listen on; None listens on every interface.
        announce: Send discovery beacons.
        discovery_port: UDP port the beacons go to.
        identity: The host's key and certificate for TLS; None: the identity kept in
            ``data_dir`` (made there on first start).
        plaintext_loopback: No TLS, on a loopback address only (benchmarks against
            plain-TCP peers; never for people).
        admission: Who may join: "open" (anyone), "approval" (new devices wait for
            the owner) or "password" (who proves the session password).
        password: The session password (admission "password").
        allowed: User ids let in without asking (admission "approval"), besides the
            devices approved before.
        say_limits: How fast and how much a member may post; None: no limit
            (benchmarks).
        request_limits: How many joins and pings a connection may send, and how fast
            it is sent stored history.
        output_limit_bytes: Unsent output all connections may hold together.
        disk_low_bytes: Free space on the history's disk below which the host warns
            (None: ``disk_space.DISK_LOW_BYTES``).
        announcements: Who may post announcements: "owner" (the host's own identity
            and ``owners``) or "everyone".
        owners: User ids that may announce besides the host's own identity (the
            window that hosts is its owner; ``messenger host --owner``).
    """

    data_dir: Path
    session_name: str
    port: int = DEFAULT_PORT
    bind_address: str | None = None
    announce: bool = True
    discovery_port: int = DEFAULT_PORT
    identity: DeviceIdentity | None = None
    plaintext_loopback: bool = False
    admission: str = "open"
    password: str = ""
    allowed: frozenset[str] = frozenset()
    say_limits: SayLimits | None = DEFAULT_SAY_LIMITS
    request_limits: RequestLimits = DEFAULT_REQUEST_LIMITS
    output_limit_bytes: int = TOTAL_OUTPUT_LIMIT_BYTES
    disk_low_bytes: int | None = None
    announcements: str = "owner"
    owners: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        name = " ".join(self.session_name.split())[:MAX_NAME_CHARS] or "Messenger"
        object.__setattr__(self, "session_name", name)
