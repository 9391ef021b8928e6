"""Why a host cannot start."""

from __future__ import annotations


class HostStartError(Exception):
    """The host could not start; ``str(error)`` says why and what to do."""
