"""The files ``messenger host`` reads its admission from: ``--password-file`` (the
session password) and ``--allow`` (user ids let in without asking)."""

from __future__ import annotations

from pathlib import Path

from .protocol.limits import is_user_id


class AdmissionFileError(Exception):
    """A file cannot be used; ``str(error)`` says why and what to do."""


def read_password(path: Path) -> str:
    """The session password: the first line of ``path``, without its line break.

    Raises:
        AdmissionFileError: the file cannot be read, or its first line is empty.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise AdmissionFileError(f"cannot read the password file {path}: {error}") from None
    password = text.splitlines()[0] if text else ""
    if not password:
        raise AdmissionFileError(
            f"the password file {path} is empty: write the session password on its first line"
        )
    return password


def read_allowed(path: Path) -> frozenset[str]:
    """The user ids listed in ``path``: one per line (64 hex digits, any case);
    blank lines and lines starting with # are skipped.

    Raises:
        AdmissionFileError: the file cannot be read, or a line is not a user id.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise AdmissionFileError(f"cannot read the allow file {path}: {error}") from None
    allowed: set[str] = set()
    for number, line in enumerate(lines, start=1):
        text = line.strip().lower()
        if not text or text.startswith("#"):
            continue
        if not is_user_id(text):
            raise AdmissionFileError(
                f"{path}, line {number}: {line.strip()!r} is not a user id (the 64 hex "
                "digits 'Your id' shows in full in the window's status bar tooltip)"
            )
        allowed.add(text)
    return frozenset(allowed)
