"""Which identity a host serves with, and the settings it cannot start with."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtNetwork import QHostAddress

from ..core.identity import DeviceIdentity
from ..net.tls import tls_available
from ..store import StoreError
from ..store.identity_file import load_or_create_identity
from .config import HostConfig
from .start_error import HostStartError
from .store_errors import describe_identity_error


def serving_identity(config: HostConfig) -> DeviceIdentity | None:
    """The identity to serve with (None: plaintext, on loopback only).

    Raises:
        HostStartError: a password session without a password; plaintext asked for
            elsewhere than on loopback or with admission; no TLS library; or the
            identity cannot be loaded or made.
    """
    if config.admission == "password" and not config.password:
        raise HostStartError(
            QCoreApplication.translate(
                "HostService", "A session with a password needs a password: none was given."
            )
        )
    if config.plaintext_loopback:
        _check_plaintext(config)
        return None
    if not tls_available():
        raise HostStartError(
            QCoreApplication.translate(
                "HostService",
                "This computer has no TLS library Messenger can use (OpenSSL 3): the host "
                "cannot keep the session private. Install OpenSSL, then start it again.",
            )
        )
    if config.identity is not None:
        return config.identity
    try:
        identity, _made = load_or_create_identity(config.data_dir, config.session_name)
    except StoreError as error:
        raise HostStartError(describe_identity_error(error)) from error
    return identity


def _check_plaintext(config: HostConfig) -> None:
    """Checks that a plaintext (benchmark) host may start as configured."""
    if config.admission != "open":
        raise HostStartError(
            QCoreApplication.translate(
                "HostService", "Without TLS nobody has an identity: the host can only be open."
            )
        )
    address = config.bind_address
    if address is None or not QHostAddress(address).isLoopback():
        raise HostStartError(
            QCoreApplication.translate(
                "HostService",
                "Without TLS the host listens on a loopback address only (127.0.0.1 or "
                "::1): it is for benchmarks, not for people.",
            )
        )
