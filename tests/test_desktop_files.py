"""The desktop integration files: the .desktop entry, the AppStream metainfo and the icons.

The validators come from the Debian packages desktop-file-utils and appstream, which
scripts/bootstrap installs for tests; a test skips only when its validator is missing.
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from deskbridge import APP_NAME
from deskbridge.ui.launch import DESKTOP_FILE_NAME

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
APP_ID = "io.github.deskbridge.DeskBridge"
DESKTOP_FILE = RESOURCES / f"{APP_ID}.desktop"
METAINFO = RESOURCES / f"{APP_ID}.metainfo.xml"
ICON_SOURCE = RESOURCES / "icons" / "deskbridge.svg"
HICOLOR = RESOURCES / "icons" / "hicolor"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def run_validator(*command: str) -> None:
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed (scripts/bootstrap test installs it)")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{output}"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_passes_desktop_file_validate() -> None:
    run_validator("desktop-file-validate", str(DESKTOP_FILE))


def test_metainfo_passes_appstreamcli_validate() -> None:
    run_validator("appstreamcli", "validate", "--no-net", str(METAINFO))


def test_the_desktop_entry_names_the_app_as_qt_does() -> None:
    entry = desktop_entry()
    assert DESKTOP_FILE.stem == DESKTOP_FILE_NAME == APP_ID
    assert entry["Icon"] == APP_ID
    # On X11 Qt sets the window class to the application name.
    assert entry["StartupWMClass"] == APP_NAME


def test_the_metainfo_launches_the_desktop_entry() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    launchable = component.find("launchable")
    assert launchable is not None
    assert launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP_FILE.name
    assert METAINFO.name == f"{component.findtext('id')}.metainfo.xml"


def test_the_metainfo_shows_every_screenshot_in_docs() -> None:
    images = ET.parse(METAINFO).getroot().findall("screenshots/screenshot/image")
    shown = {(image.text or "").rsplit("/", 1)[-1] for image in images}
    assert shown == {path.name for path in (ROOT / "docs" / "screenshots").glob("*.png")}


@pytest.mark.parametrize("size", ICON_SIZES)
def test_every_png_icon_has_its_size(size: int) -> None:
    path = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    image = QImage(str(path))
    assert not image.isNull(), f"{path} is missing or unreadable"
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()


def test_the_svg_copies_match_the_source() -> None:
    """scripts/render_icons.py copies the source; a hand edit to one copy shows up here."""
    source = ICON_SOURCE.read_bytes()
    assert (HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg").read_bytes() == source
    assert (ROOT / "deskbridge" / "ui" / "assets" / "deskbridge.svg").read_bytes() == source
