"""Entry point of the packaged executable (PyInstaller)."""

import sys

from messenger.app import main

if __name__ == "__main__":
    sys.exit(main())
