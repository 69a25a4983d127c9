"""The bundle's entry point: ``DeskBridge`` is ``deskbridge`` (no command opens the app;
``--self-test``, ``--version`` and every command work the same)."""

import sys

from deskbridge.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
