"""The device identity on disk: ``identity.key`` (owner-only) and ``identity.crt``
in the data folder, made on first use, never replaced without the user's say.

The key is written first and the certificate last, each whole (a temporary file,
synced, renamed): a certificate on disk means the pair is complete; a key alone is
what a crash during the first start left, and is made again."""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path

from ..core.identity import DeviceIdentity, IdentityDataError, identity_from_pem, make_identity
from .sqlite_file import StoreError, StoreProblem

log = logging.getLogger(__name__)

KEY_FILE = "identity.key"
CERTIFICATE_FILE = "identity.crt"


def load_identity(folder: Path) -> DeviceIdentity | None:
    """The identity kept in ``folder`` (None when it has none yet).

    Raises:
        StoreError: DAMAGED when the files are there but unusable (they are left as
            they are: a new identity is made only once the user moved them aside),
            NOT_WRITABLE when they cannot be read.
    """
    key_path, certificate_path = folder / KEY_FILE, folder / CERTIFICATE_FILE
    if not certificate_path.exists():
        return None  # (none yet, or its making was cut short)
    try:
        key_pem, certificate_pem = key_path.read_bytes(), certificate_path.read_bytes()
    except FileNotFoundError as error:
        raise StoreError(StoreProblem.DAMAGED, Path(str(error.filename)), "missing") from None
    except OSError as error:
        raise StoreError(StoreProblem.NOT_WRITABLE, key_path, str(error)) from None
    try:
        return identity_from_pem(key_pem, certificate_pem)
    except IdentityDataError as error:
        raise StoreError(StoreProblem.DAMAGED, key_path, str(error)) from None


def set_aside(folder: Path, suffix: str) -> None:
    """Renames the identity files in ``folder`` to ``NAME.SUFFIX`` (kept, not
    deleted), so that a new identity can be made: the user agreed to it.

    Raises:
        StoreError: NOT_WRITABLE when they cannot be renamed.
    """
    for name in (KEY_FILE, CERTIFICATE_FILE):
        path = folder / name
        try:
            if path.exists():
                path.rename(path.with_name(f"{name}.{suffix}"))
        except OSError as error:
            raise StoreError(StoreProblem.NOT_WRITABLE, path, str(error)) from None


def load_or_create_identity(folder: Path, name: str) -> tuple[DeviceIdentity, bool]:
    """The identity kept in ``folder``, made (and kept there) if it has none; and
    whether it was made now.

    Raises:
        StoreError: as ``load_identity``; or the folder cannot be written (DISK_FULL,
            NOT_WRITABLE), and then nothing is left half-written.
    """
    identity = load_identity(folder)
    if identity is not None:
        return identity, False
    identity = make_identity(name)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_whole(folder / KEY_FILE, identity.key_pem, mode=0o600)
        _write_whole(folder / CERTIFICATE_FILE, identity.certificate_pem, mode=0o644)
    except OSError as error:
        full = error.errno == errno.ENOSPC
        problem = StoreProblem.DISK_FULL if full else StoreProblem.NOT_WRITABLE
        raise StoreError(problem, folder / KEY_FILE, str(error)) from None
    log.info("made a new identity in %s: %s", folder, identity.short_id)
    return identity, True


def _write_whole(path: Path, data: bytes, *, mode: int) -> None:
    """Writes ``data`` to ``path`` whole or not at all (a temporary file, synced, then
    renamed over it), readable by ``mode`` from the start."""
    temporary = path.with_name(path.name + ".new")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        written = 0
        while written < len(data):
            written += os.write(descriptor, data[written:])
        os.fsync(descriptor)
    except OSError:
        os.close(descriptor)
        temporary.unlink(missing_ok=True)
        raise
    os.close(descriptor)
    try:
        os.chmod(temporary, mode)  # (the umask may have narrowed it)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
