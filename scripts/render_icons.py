"""Render the PNG icons from the SVG source, so they can be regenerated after a change.

    .venv/bin/python scripts/render_icons.py

Writes resources/icons/hicolor/<N>x<N>/apps/<app id>.png for every size the desktops ask
for, a copy of the source as the scalable icon, and the copy the app itself loads
(deskbridge/ui/assets/deskbridge.svg).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "io.github.deskbridge.DeskBridge"
SOURCE = ROOT / "resources" / "icons" / "deskbridge.svg"
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
APP_COPY = ROOT / "deskbridge" / "ui" / "assets" / "deskbridge.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    return HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"cannot read {SOURCE}", file=sys.stderr)
        return 1
    for size in SIZES:
        target = png_path(size)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(renderer, size).save(str(target)):
            print(f"cannot write {target}", file=sys.stderr)
            return 1
        print(target.relative_to(ROOT))
    scalable = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    for copy in (scalable, APP_COPY):
        shutil.copyfile(SOURCE, copy)
        print(copy.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
