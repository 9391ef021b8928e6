"""Whether a message mentions someone: ``@`` followed by their name, as typed (case
and accents as the name has them or not: "@chi" mentions "Chi", "@Phuc" "Phúc")."""

from __future__ import annotations

from .folding import folded as _folded

_NAME_GOES_ON = frozenset("_-.'")
"""Characters that may continue a name: "@An" in "@Anh" or "@An.Le" is not "An"."""


def _ends_name(text: str, at: int) -> bool:
    return at >= len(text) or not (text[at].isalnum() or text[at] in _NAME_GOES_ON)


def mentions(text: str, name: str) -> bool:
    """Whether ``text`` holds ``@name`` as a whole name."""
    if not name or "@" not in text:
        return False
    wanted = "@" + _folded(name)
    folded = _folded(text)
    start = folded.find(wanted)
    while start >= 0:
        before_ok = start == 0 or not folded[start - 1].isalnum()
        if before_ok and _ends_name(folded, start + len(wanted)):
            return True
        start = folded.find(wanted, start + 1)
    return False
