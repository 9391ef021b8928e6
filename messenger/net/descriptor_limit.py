"""How many connections the host may hold: its file-descriptor limit, raised as far
as the system lets a process raise it, less a reserve for everything else (the
history, discovery, Qt's own descriptors, a connection accepted only to be closed)."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

RESERVED_DESCRIPTORS = 128
"""Descriptors kept for all but chat connections."""
MINIMUM_CONNECTIONS = 32
UNKNOWN_LIMIT_CONNECTIONS = 4_096
"""Where the system does not say its limit (Windows: no ``resource`` module)."""
CEILING = 1 << 20
"""The most asked for when the hard limit is unlimited."""


def raise_descriptor_limit() -> int | None:
    """Raises the soft limit on open descriptors to the hard one; the soft limit
    now (None where the system does not say)."""
    try:
        import resource
    except ImportError:  # (Windows)
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = CEILING if hard == resource.RLIM_INFINITY else hard
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError) as error:  # (macOS caps it lower than it says)
            log.info("cannot raise the open-file limit from %d to %d: %s", soft, wanted, error)
    return CEILING if soft == resource.RLIM_INFINITY else soft


def connection_limit(descriptors: int | None) -> int:
    """The chat connections a host with ``descriptors`` may hold at once."""
    if descriptors is None:
        return UNKNOWN_LIMIT_CONNECTIONS
    return max(MINIMUM_CONNECTIONS, descriptors - RESERVED_DESCRIPTORS)
