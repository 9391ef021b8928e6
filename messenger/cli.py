"""The command line: ``messenger [options]`` and ``messenger host [options]``."""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from . import __version__
from .protocol.limits import DEFAULT_PORT, is_user_id


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= value <= 65_535:
        raise argparse.ArgumentTypeError(f"{value} is not a port number (0-65535)")
    return value


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number")
    return value


def _positive(text: str) -> float:
    value = _number(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text} is not above 0")
    return value


def _not_negative(text: str) -> float:
    value = _number(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is below 0")
    return value


def _user_id(text: str) -> str:
    value = text.strip().lower()
    if not is_user_id(value):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a user id (64 hex digits, as the window shows it in full)"
        )
    return value


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command-line form."""
    parser = argparse.ArgumentParser(
        prog="messenger", description="Messenger: chat with colleagues on your local network."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data", type=Path, metavar="DIR", help="keep data and settings in DIR")
    parser.add_argument(
        "--discovery-port",
        type=_port,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"UDP port of discovery beacons (default {DEFAULT_PORT})",
    )
    parser.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"TCP port used when this window hosts (default {DEFAULT_PORT})",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="open the window, print the time to its first paint, and exit",
    )
    sub = parser.add_subparsers(dest="command")
    host = sub.add_parser("host", help="run a host with no window (for an always-on machine)")
    host.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"TCP port to listen on (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    host.add_argument(
        "--name",
        default="",
        metavar="SESSION",
        help="session name shown to others (default: this computer's name)",
    )
    host.add_argument("--data", type=Path, metavar="DIR", help="keep the history in DIR")
    host.add_argument(
        "--no-announce",
        action="store_true",
        help="send no discovery beacons (clients connect by address)",
    )
    host.add_argument(
        "--bind",
        default=None,
        metavar="ADDRESS",
        help="listen on this address only (default: every interface)",
    )
    host.add_argument(
        "--discovery-port",
        type=_port,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"UDP port beacons are sent to (default {DEFAULT_PORT})",
    )
    host.add_argument(
        "--plaintext-loopback",
        action="store_true",
        help="benchmarks only: no TLS, and only on a loopback --bind address "
        "(127.0.0.1 or ::1); never for people, who would chat unencrypted",
    )
    host.add_argument(
        "--no-say-limits",
        action="store_true",
        help="benchmarks only: members may post as fast and as much as they like "
        "(by default 20 messages and 64 KiB a second, 50 MB a day per device)",
    )
    host.add_argument(
        "--messages-per-second",
        type=_positive,
        default=None,
        metavar="N",
        help="how many messages a member may post a second, after a burst of ten "
        "seconds' worth (default 20)",
    )
    host.add_argument(
        "--daily-quota",
        type=_not_negative,
        default=None,
        metavar="MB",
        help="megabytes of text one device may post in 24 hours; 0: no quota (default 50)",
    )
    admission = host.add_mutually_exclusive_group()
    admission.add_argument(
        "--approval",
        action="store_true",
        help="new devices wait until you let them in from this terminal (both screens "
        "show the same 6-digit code); devices let in once come back without asking",
    )
    admission.add_argument(
        "--password-file",
        type=Path,
        metavar="FILE",
        help="who joins must know the session password: the first line of FILE",
    )
    host.add_argument(
        "--allow",
        type=Path,
        metavar="FILE",
        help="with --approval: let in the devices whose user ids FILE lists (one per "
        "line, as 'messenger host' and the window show them in full) without asking",
    )
    host.add_argument(
        "--announcements",
        choices=("owner", "everyone"),
        default="owner",
        help="who may send announcements to every member: the owners (default: the "
        "devices --owner names) or everyone",
    )
    host.add_argument(
        "--owner",
        type=_user_id,
        action="append",
        default=[],
        metavar="USER_ID",
        help="a device that owns this session and may announce (its user id in full; "
        "repeat for several)",
    )
    host.add_argument("-v", "--verbose", action="store_true", help="log debugging detail")
    return parser
