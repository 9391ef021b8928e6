"""Web and mail links in a message's plain text: ``http://``, ``https://`` and
``mailto:`` only (nothing else in a message is interpreted: ``javascript:``,
``file:`` and every other scheme stay text)."""

from __future__ import annotations

import re
from dataclasses import dataclass

SCHEMES = ("http", "https", "mailto")
"""The schemes that are links (lower case)."""

_START = re.compile(r"(?<![\w+.\-])(?:https?://|mailto:)", re.IGNORECASE)
_BODY = re.compile(r"[^\s<>\"\u0000-\u001f\u007f]+")
_TRAILING = ".,:;!?'\"\u2026\u00bb\u203a\u201d\u2019\u3002\uff0c\u3001\uff01\uff1f"
"""Punctuation that ends a sentence rather than a URL when it is last (also the
ellipsis, closing guillemets and curly quotes, and the CJK full stop, commas, ! and ?)."""
_CLOSING = {")": "(", "]": "[", "}": "{"}


@dataclass(frozen=True, slots=True)
class Link:
    """A link found in a text.

    Attributes:
        start: Index of its first character in the text.
        end: Index after its last character.
        url: The link as written (``text[start:end]``).
    """

    start: int
    end: int
    url: str


def _trim(url: str) -> str:
    """``url`` without the punctuation after it: trailing sentence punctuation, and
    closing brackets that do not close one opened inside the URL."""
    while url:
        last = url[-1]
        unbalanced = last in _CLOSING and url.count(_CLOSING[last]) < url.count(last)
        if last not in _TRAILING and not unbalanced:
            break
        url = url[:-1]
    return url


def _complete(url: str) -> bool:
    """Whether ``url`` has something after its scheme: a host, or a mail address."""
    if url.lower().startswith("mailto:"):
        local, _, domain = url[len("mailto:") :].partition("@")
        return bool(local) and any(c.isalnum() for c in domain)
    host = url.split("://", 1)[1]
    return any(c.isalnum() for c in host.split("/", 1)[0])


def find_links(text: str) -> list[Link]:
    """The links in ``text``, in order: a scheme (any case) not glued to a word before
    it, then everything up to whitespace, ``<``, ``>`` or ``"``, without the
    punctuation that ends a sentence or closes an unbalanced bracket. Hosts and paths
    may hold any letters (internationalised domain names, Vietnamese paths).
    """
    links: list[Link] = []
    position = 0
    while (start := _START.search(text, position)) is not None:
        body = _BODY.match(text, start.start())
        if body is None:
            break
        url = _trim(body.group())
        position = max(body.end(), start.end())
        if len(url) > len(start.group()) and _complete(url):
            links.append(Link(start.start(), start.start() + len(url), url))
    return links
