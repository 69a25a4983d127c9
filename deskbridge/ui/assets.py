"""Finding the app's own files (icons) in a checkout, an installed package or a bundle."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from deskbridge.resources import resource_path

ASSETS = resource_path("deskbridge", "ui", "assets")


def asset_path(name: str) -> Path:
    return ASSETS / name


def app_icon() -> QIcon:
    """The DeskBridge icon; Qt's SVG engine renders it sharp at every size asked for."""
    return QIcon(str(asset_path("deskbridge.svg")))
