"""Where DeskBridge's own files are: in a checkout, an installed package or a PyInstaller bundle.

Paths are given from the project root, the folder that holds the ``deskbridge`` package
(``resource_path("deskbridge", "ui", "assets", "deskbridge.svg")``). In a PyInstaller
bundle that root is ``sys._MEIPASS``, where build.spec puts the same folders. No Qt here:
the store finds its migrations through this module too.
"""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def is_frozen() -> bool:
    """True when running from a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def resource_root() -> Path:
    """The folder that holds ``deskbridge/`` (and, in a checkout or bundle, ``resources/``)."""
    if is_frozen():
        return Path(sys._MEIPASS)  # type: ignore[attr-defined]
    return PACKAGE_DIR.parent


def resource_path(*parts: str) -> Path:
    """The path of a packaged file or folder, ``parts`` counted from :func:`resource_root`."""
    return resource_root().joinpath(*parts)
