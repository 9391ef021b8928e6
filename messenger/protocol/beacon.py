"""Discovery beacons: one JSON object per UDP datagram."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .limits import MAX_NAME_CHARS, PROTOCOL_VERSION, is_user_id

MAX_BEACON_BYTES = 1_024
AUTH_MODES = ("open", "approval", "password")
"""Who may join a session (``Beacon.auth``)."""


@dataclass(frozen=True, slots=True)
class Beacon:
    """A host announcing its session on the LAN.

    Attributes:
        fingerprint: The lowercase hex SHA-256 of the host's certificate ('' from a
            host of an earlier version, or a plaintext benchmark host).
        auth: Who may join: one of AUTH_MODES.
    """

    host: str
    session: str
    port: int
    members: int
    version: int = PROTOCOL_VERSION
    fingerprint: str = ""
    auth: str = "open"


def encode_beacon(beacon: Beacon) -> bytes:
    """The datagram for ``beacon``."""
    obj = {
        "type": "beacon",
        "version": beacon.version,
        "host": beacon.host,
        "session": beacon.session,
        "port": beacon.port,
        "members": beacon.members,
        "fingerprint": beacon.fingerprint,
        "auth": beacon.auth,
    }
    if not beacon.fingerprint:
        del obj["fingerprint"]
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


def _name(value: object) -> str | None:
    if not isinstance(value, str) or not 0 < len(value) <= MAX_NAME_CHARS:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return value


def _count(value: object, low: int, high: int) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return None


def decode_beacon(datagram: bytes) -> Beacon | None:
    """The beacon in ``datagram``, or None when it is not a valid beacon of our version."""
    if len(datagram) > MAX_BEACON_BYTES:
        return None
    try:
        obj = json.loads(datagram.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(obj, dict) or obj.get("type") != "beacon":
        return None
    host, session = _name(obj.get("host")), _name(obj.get("session"))
    port, members = _count(obj.get("port"), 1, 65_535), _count(obj.get("members"), 0, 10**7)
    version = _count(obj.get("version"), PROTOCOL_VERSION, PROTOCOL_VERSION)
    if version is None or host is None or session is None:
        return None
    if port is None or members is None:
        return None
    fingerprint = obj.get("fingerprint")
    if not is_user_id(fingerprint):
        fingerprint = ""  # (absent, or not a fingerprint: shown as unknown)
    auth = obj.get("auth")
    if auth not in AUTH_MODES:
        auth = "open"
    return Beacon(
        host=host,
        session=session,
        port=port,
        members=members,
        fingerprint=fingerprint,
        auth=str(auth),
    )
