"""What the import and export dialogs share about files: which ones can be imported, the
folder the user last used for them, and a file dropped from a file manager."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, QStandardPaths
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWidget

from deskbridge.ui.preferences import Preferences

FOLDER_KEY = "exchange/folder"
IMPORT_KINDS = {".csv": "csv", ".vcf": "vcard", ".vcard": "vcard", ".json": "json"}
NOT_IMPORTABLE = (
    "{name} is not a file DeskBridge imports: choose a .csv, .vcf, .vcard or .json file."
)
NOT_EMPTY = (
    "To restore this archive, create a new database (File › New database…) and import it there."
)
IMPORT_FILTER = (
    "Contacts and archives (*.csv *.vcf *.vcard *.json);;CSV files (*.csv);;"
    "vCard files (*.vcf *.vcard);;DeskBridge JSON archives (*.json);;All files (*)"
)


def import_kind(path: Path) -> str | None:
    """ "csv", "vcard" or "json" by the file's extension; None for anything else."""
    return IMPORT_KINDS.get(path.suffix.lower())


def last_folder(preferences: Preferences) -> Path:
    """Where the file choosers start: the folder last imported from or exported to, else
    the user's documents (when that folder exists: the chooser takes a missing one for a
    file name), else home."""
    stored = str(preferences.settings.value(FOLDER_KEY, "") or "")
    if stored and Path(stored).is_dir():
        return Path(stored)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember_folder(preferences: Preferences, path: Path) -> None:
    preferences.settings.setValue(FOLDER_KEY, str(path.parent))


def dropped_file(mime: QMimeData) -> Path | None:
    """The one local file being dragged, when DeskBridge can import it; else None."""
    if not mime.hasUrls():
        return None
    urls = mime.urls()
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if import_kind(path) is not None else None


class FileDrops(QObject):
    """Lets the user drop a file to import on ``target`` (a window or a dialog): ``opened``
    gets its path. ``ready`` says whether a drop is welcome now (not while a job runs)."""

    def __init__(
        self,
        target: QWidget,
        opened: Callable[[Path], None],
        ready: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__(target)
        self._opened = opened
        self._ready = ready
        target.setAcceptDrops(True)
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            assert isinstance(event, QDropEvent)  # the base of the drag events
            path = dropped_file(event.mimeData())
            if path is not None and self._ready():
                event.acceptProposedAction()
                if kind == QEvent.Type.Drop:
                    self._opened(path)
                return True
        return super().eventFilter(watched, event)
