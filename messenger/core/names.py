"""Display names that cannot pass for someone else's by hidden characters: control,
zero-width and bidi-override characters are taken out, and names are compared as
people see them (compatibility forms and case folded together)."""

from __future__ import annotations

import unicodedata

_HIDDEN = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})
"""Control, format (zero-width, joiners, bidi controls), private use, surrogate and
unassigned characters, line and paragraph separators."""


def clean_name(name: str) -> str:
    """``name`` as the host keeps it: NFC, without hidden characters, white space
    collapsed to single spaces; "?" when nothing is left."""
    text = unicodedata.normalize("NFC", name)
    shown = "".join(c for c in text if unicodedata.category(c) not in _HIDDEN)
    return " ".join(shown.split()) or "?"


def name_key(name: str) -> str:
    """What two names are compared by: the clean name in compatibility form (NFKC:
    fullwidth letters are the plain ones), case folded ("AN" is "an")."""
    return unicodedata.normalize("NFKC", clean_name(name)).casefold()
