"""A notification service of the tests' own on a private D-Bus session bus: it owns
org.freedesktop.Notifications, answers Notify like a desktop's, prints each call as a
JSON line on stdout, and on a line ``click <id>`` from stdin emits ActionInvoked for
that notification (what a click on it does).

Run: python -m tests.tools.notification_service <bus address>
"""

from __future__ import annotations

import json
import selectors
import sys
from itertools import count

from jeepney import DBusAddress, MessageType, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection
from jeepney.low_level import HeaderFields

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
EMITTER = DBusAddress(PATH, interface=NAME)


def _print(record: dict[str, object]) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def _answer(connection, message, ids) -> None:  # type: ignore[no-untyped-def]
    member = message.header.fields.get(HeaderFields.member)
    if member == "Notify":
        app, replaces, _icon, summary, body, actions, hints, _timeout = message.body
        notification = replaces or next(ids)
        _print(
            {
                "call": "Notify",
                "id": notification,
                "replaces": replaces,
                "app": app,
                "summary": summary,
                "body": body,
                "actions": list(actions),
                "hints": {k: v[1] for k, v in hints.items()},
            }
        )
        connection.send(new_method_return(message, "u", (notification,)))
    elif member == "CloseNotification":
        _print({"call": "CloseNotification", "id": message.body[0]})
        connection.send(new_method_return(message))
    elif member == "GetCapabilities":
        connection.send(new_method_return(message, "as", (["body", "actions", "sound"],)))
    elif member == "GetServerInformation":
        connection.send(new_method_return(message, "ssss", ("test", "tests", "1", "1.2")))


def _waiting(connection):  # type: ignore[no-untyped-def]
    """The messages that arrived (a read may bring several: all are handled)."""
    try:
        yield connection.receive(timeout=1)
        while True:
            yield connection.receive(timeout=0.001)
    except TimeoutError:
        return


def main() -> int:
    connection = open_dbus_connection(bus=sys.argv[1])
    reply = connection.send_and_get_reply(message_bus.RequestName(NAME))
    if reply.body[0] != 1:  # (1: the primary owner)
        print("cannot own the name", file=sys.stderr)
        return 1
    _print({"call": "ready"})
    ids = count(1)
    selector = selectors.DefaultSelector()
    selector.register(connection.sock, selectors.EVENT_READ, "bus")
    selector.register(sys.stdin, selectors.EVENT_READ, "stdin")
    while True:
        for key, _events in selector.select():
            if key.data == "stdin":
                line = sys.stdin.readline()
                if not line:
                    return 0
                word, _, notification = line.partition(" ")
                if word == "click":
                    signal = new_signal(
                        EMITTER, "ActionInvoked", "us", (int(notification), "default")
                    )
                    connection.send(signal)
                continue
            for message in _waiting(connection):
                if message.header.message_type is MessageType.method_call:
                    _answer(connection, message, ids)


if __name__ == "__main__":
    sys.exit(main())
