"""Messenger: a desktop LAN messenger."""

__version__ = "0.1.0"
