"""Run inside a network namespace: discover a host by its beacon, join, chat.

Prints one JSON line: the session found and the message echoed back. Exits 1 if
nothing was found in time.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QCoreApplication, QTimer

from messenger.client import DiscoveryListener, HostConnection
from messenger.core.identity import make_identity


def main() -> int:
    app = QCoreApplication(sys.argv[:1])
    text = sys.argv[1]
    result: dict[str, object] = {}
    listener = DiscoveryListener()
    client = HostConnection("Bình", "lan-client", identity=make_identity("Bình"))

    def on_sessions() -> None:
        sessions = listener.sessions()
        if sessions and client.address == "":
            session = sessions[0]
            result["session"] = session.session
            result["address"] = session.address
            result["port"] = session.port
            client.connect_to(session.address, session.port)

    def on_joined(_joined: object) -> None:
        client.say(text)

    def on_message(message: object) -> None:
        result["echo"] = getattr(message, "text", None)
        result["seq"] = getattr(message, "seq", None)
        app.quit()

    listener.sessions_changed.connect(on_sessions)
    client.joined.connect(on_joined)
    client.message_received.connect(on_message)
    client.connection_lost.connect(lambda reason: (result.update(error=reason), app.quit()))
    if not listener.start():
        print(json.dumps({"error": listener.error_text}))
        return 1
    QTimer.singleShot(15_000, app.quit)
    app.exec()
    client.disconnect_from_host()
    listener.stop()
    print(json.dumps(result, ensure_ascii=False))
    return 0 if "echo" in result else 1


if __name__ == "__main__":
    sys.exit(main())
