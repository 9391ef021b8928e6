"""A client process for the app-crash test.

python -m tests.reliability.outbox_client queue DATA PORT N
    joins, goes offline, types N messages (they wait in the outbox), prints
    "queued N" and waits to be killed.
python -m tests.reliability.outbox_client deliver DATA PORT
    starts again on the same data, reconnects, prints "delivered" once the outbox
    is empty, and exits.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer

from messenger.client import Conversation, HostConnection
from messenger.store import ClientStore
from messenger.store.identity_file import load_or_create_identity


def main() -> int:
    mode, data, port = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    app = QCoreApplication(sys.argv[:1])
    store = ClientStore.open(data / "client.sqlite3")
    # its own identity, kept in its data folder across the crash, as the app has it
    identity, _made = load_or_create_identity(data, "Phúc")
    connection = HostConnection("Phúc", "crash-test-client", identity=identity)
    session = Conversation(store, connection)

    def on_joined(_joined: object) -> None:
        if mode == "queue":
            connection.disconnect_from_host()
            count = int(sys.argv[4])
            for number in range(count):
                session.send(f"tin nhắn ngoại tuyến số {number}")
            print(f"queued {len(session.pending())}", flush=True)
        elif not session.pending():
            print("delivered", flush=True)
            app.quit()

    def on_ack(_message_id: str, _seq: int) -> None:
        if mode == "deliver" and not session.pending():
            print("delivered", flush=True)
            app.quit()

    connection.joined.connect(on_joined)
    session.message_acked.connect(on_ack)
    connection.connect_to("127.0.0.1", port)
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    connection.disconnect_from_host()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
