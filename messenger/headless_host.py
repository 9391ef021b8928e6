"""``messenger host``: the host service with no window, until SIGINT or SIGTERM."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import logging
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSysInfo

from .host import HostConfig, HostService, HostStartError
from .host.say_limits import DEFAULT_SAY_LIMITS, SayLimits
from .host.store_errors import describe_identity_error
from .host_admission_files import AdmissionFileError, read_allowed, read_password
from .host_terminal import HELP, HostTerminal
from .store import StoreError
from .store.identity_file import load_or_create_identity

log = logging.getLogger(__name__)

_MODES = {
    "open": "anyone on the network",
    "approval": f"devices you let in ({HELP})",
    "password": "who knows the password",
}


def _admission(args: argparse.Namespace) -> tuple[str, str, frozenset[str]]:
    """(mode, password, allowed user ids) from the command line.

    Raises:
        AdmissionFileError: a file given cannot be used.
    """
    if args.password_file is not None:
        if args.allow is not None:
            raise AdmissionFileError("--allow goes with --approval, not with a password")
        return "password", read_password(args.password_file), frozenset()
    allowed = read_allowed(args.allow) if args.allow is not None else frozenset()
    mode = "approval" if args.approval or args.allow is not None else "open"
    return mode, "", allowed


async def serve(args: argparse.Namespace, data_dir: Path) -> int:
    """Runs the host until a stop signal; returns the exit status."""
    session_name = args.name or QSysInfo.machineHostName() or "Messenger"
    try:
        mode, password, allowed = _admission(args)
    except AdmissionFileError as error:
        print(f"messenger host: {error}", file=sys.stderr)
        return 2
    identity = None
    if args.plaintext_loopback:
        print("messenger host: NO TLS (benchmarks only; loopback only)", file=sys.stderr)
    else:
        try:
            identity, _made = load_or_create_identity(data_dir, session_name)
        except StoreError as error:
            print(f"messenger host: {describe_identity_error(error)}", file=sys.stderr)
            return 2
        print(
            f"messenger host: identity {identity.short_id} (SHA-256 {identity.user_id})",
            file=sys.stderr,
            flush=True,
        )
    config = HostConfig(
        data_dir=data_dir,
        session_name=session_name,
        port=args.port,
        bind_address=args.bind,
        announce=not args.no_announce,
        discovery_port=args.discovery_port,
        identity=identity,
        plaintext_loopback=args.plaintext_loopback,
        admission=mode,
        password=password,
        allowed=allowed,
        say_limits=say_limits(args),
        announcements=args.announcements,
        owners=frozenset(args.owner),
    )
    app = QCoreApplication.instance()
    service = HostService(config, app)
    try:
        service.start()
    except HostStartError as error:
        print(f"messenger host: {error}", file=sys.stderr)
        service.deleteLater()
        return 2
    stopped = asyncio.Event()
    service.stopped.connect(stopped.set)
    loop = asyncio.get_running_loop()

    def request_stop(signum: int) -> None:
        log.info("received %s: ending the session", signal.Signals(signum).name)
        service.stop()

    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, request_stop, signum)
        except (NotImplementedError, RuntimeError):  # Windows
            signal.signal(signum, lambda s, _f: loop.call_soon_threadsafe(request_stop, s))
    HostTerminal(service, loop)
    print(
        f"messenger host: session {config.session_name!r} listening on TCP port "
        f"{service.port} (data in {data_dir}); who may join: {_MODES[mode]}",
        file=sys.stderr,
        flush=True,
    )
    await stopped.wait()
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.remove_signal_handler(signum)
        except (NotImplementedError, RuntimeError):
            signal.signal(signum, signal.SIG_DFL)
    service.deleteLater()
    return 0


def say_limits(args: argparse.Namespace) -> SayLimits | None:
    """The posting limits the command line asks for (None: ``--no-say-limits``)."""
    if args.no_say_limits:
        return None
    limits = DEFAULT_SAY_LIMITS
    if args.messages_per_second is not None:
        rate = args.messages_per_second
        limits = dataclasses.replace(
            limits, messages_per_s=rate, burst_messages=max(1, round(10 * rate))
        )
    if args.daily_quota is not None:
        limits = dataclasses.replace(limits, daily_bytes=round(args.daily_quota * 1_000_000))
    return limits
