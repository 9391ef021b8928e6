"""Reads ``host:port`` as typed by a person."""

from __future__ import annotations

from ..protocol.limits import DEFAULT_PORT


def parse_address(text: str, default_port: int = DEFAULT_PORT) -> tuple[str, int] | None:
    """``(host, port)`` from "host", "host:port", "[v6]:port" or a bare IPv6; None if invalid."""
    text = text.strip()
    if not text or any(c.isspace() for c in text):
        return None
    host, port_text = text, ""
    if text.startswith("["):
        end = text.find("]")
        if end < 0:
            return None
        host, rest = text[1:end], text[end + 1 :]
        if rest and not rest.startswith(":"):
            return None
        port_text = rest[1:]
    elif text.count(":") == 1:
        host, port_text = text.split(":")
    if not host:
        return None
    if not port_text:
        return host, default_port
    if not port_text.isdigit() or not 0 < int(port_text) < 65_536:
        return None
    return host, int(port_text)
