"""Text folded for comparing as people do: without case or Vietnamese accents
("Toán" matches "toan", "Đức" matches "duc")."""

from __future__ import annotations

import unicodedata


def folded(text: str) -> str:
    """``text`` without case or accents (đ as d); one character per character kept."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
