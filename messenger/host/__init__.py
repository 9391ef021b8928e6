"""The host service (no widgets): the same in the window and in ``messenger host``."""

from .config import HostConfig
from .service import HostService, HostStartError

__all__ = ["HostConfig", "HostService", "HostStartError"]
