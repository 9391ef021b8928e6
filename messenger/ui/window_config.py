"""Where the window keeps its data and which ports it uses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..protocol.limits import DEFAULT_PORT


@dataclass(frozen=True, slots=True)
class WindowConfig:
    """Settings of one main window (the command line sets them; tests vary them).

    Attributes:
        data_dir: Folder of this user's data; the embedded host keeps its history in
            ``data_dir / "host"``.
        host_port: TCP port the embedded host listens on (0: any free port).
        host_bind: Address the embedded host listens on (None: every interface).
        discovery_port: UDP port of discovery beacons.
    """

    data_dir: Path
    host_port: int = DEFAULT_PORT
    host_bind: str | None = None
    discovery_port: int = DEFAULT_PORT
