"""A bare PySide6 window, timed as ``messenger --smoke`` times the app: process start to
the end of the first paint. PySide's own floor on a machine, for bench.startup_bench.

    python -m bench.bare_window      prints "first paint N ms"
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from messenger.startup_clock import seconds_since_process_start


def main() -> None:
    app = QApplication([])
    window = QMainWindow()
    window.setCentralWidget(QLabel("Messenger"))
    window.resize(960, 640)
    window.show()
    app.processEvents()
    print(f"first paint {seconds_since_process_start() * 1000:.0f} ms", flush=True)
    window.close()


if __name__ == "__main__":
    main()
