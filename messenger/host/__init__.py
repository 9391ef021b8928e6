"""The host service (no widgets): the same in the window and in ``messenger host``.

Its modules load on first use, so that the window starts without them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import HostConfig
    from .service import HostService
    from .start_error import HostStartError

_EXPORTS = {"HostConfig": ".config", "HostService": ".service", "HostStartError": ".start_error"}

__all__ = ["HostConfig", "HostService", "HostStartError"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
