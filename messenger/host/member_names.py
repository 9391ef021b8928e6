"""Who is called what in a session: each name belongs to the identity (user id) that
holds it, connected or not, so nobody takes an absent colleague's name; an identity
that connects again gets its own name back.

Names are compared in their comparison form (``core.names.name_key``: invisible
characters out, compatibility forms, case and TR39 look-alikes folded), so "AN", its
fullwidth form or "An" with a Cyrillic A (U+0410) is taken when "An" is.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from ..core.names import NAME_KEY_RULE, name_key
from ..protocol.limits import MAX_NAME_CHARS
from ..store import StoreError

log = logging.getLogger(__name__)


class NameRecords(Protocol):
    """Where held names are kept (the host's history store)."""

    def name_holder(self, name_key: str) -> str | None: ...

    def hold_name(self, user: str, name_key: str, name: str) -> None: ...

    def rekey_names(self, rule: str, key_of: Callable[[str], str]) -> None: ...


class MemberNames:
    """The names of the connected members, and the names held by identities.

    Args:
        records: The held names (None: none are kept; only connected names count,
            as on a plaintext benchmark host where members have no identity).
    """

    def __init__(self, records: NameRecords | None) -> None:
        self._records = records
        self._connected: dict[str, object] = {}  # name_key -> the member using it
        if records is not None:
            try:  # (keys kept by an older comparison rule are made again)
                records.rekey_names(NAME_KEY_RULE, name_key)
            except StoreError as error:
                log.warning("cannot update the held names: %s", error)

    @property
    def count(self) -> int:
        """How many names connected members use."""
        return len(self._connected)

    def assign(self, member: object, user: str, wanted: str) -> str:
        """The name ``member`` (identity ``user``; '' for none) gets for ``wanted``:
        ``wanted`` itself when neither a connected member nor another identity holds
        it, else ``wanted (2)``, ``(3)``, ...; it holds that name from now on."""
        name = wanted
        number = 2
        while not self._free(name_key(name), user):
            suffix = f" ({number})"
            name = wanted[: MAX_NAME_CHARS - len(suffix)] + suffix
            number += 1
        self._take(member, user, name)
        return name

    def rename(self, member: object, user: str, old: str, wanted: str) -> bool:
        """``member`` (identity ``user``), called ``old``, is called ``wanted`` from
        now on (its identity holds it, and no longer ``old``); False when another
        connected member or identity holds ``wanted`` (nothing changed)."""
        if not self._free(name_key(wanted), user, member):
            return False
        self.release(member, old)
        self._take(member, user, wanted)
        return True

    def _take(self, member: object, user: str, name: str) -> None:
        """``member`` uses ``name``; its identity ``user`` holds it (in the records)."""
        key = name_key(name)
        self._connected[key] = member
        if user and self._records is not None:
            try:
                self._records.hold_name(user, key, name)
            except StoreError as error:  # (it still has the name while connected)
                log.warning("cannot keep %r as %s's name: %s", name, user[:8], error)

    def release(self, member: object, name: str) -> None:
        """``member`` no longer uses ``name`` (it left; its identity still holds it)."""
        key = name_key(name)
        if self._connected.get(key) is member:
            del self._connected[key]

    def _free(self, key: str, user: str, member: object = None) -> bool:
        """Whether ``member`` of identity ``user`` may use the name of ``key``."""
        if self._connected.get(key, member) is not member:
            return False
        if self._records is None:
            return True
        try:
            holder = self._records.name_holder(key)
        except StoreError as error:
            log.warning("cannot read who holds a name: %s", error)
            holder = None
        return holder is None or holder == user
