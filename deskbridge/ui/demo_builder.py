"""Building the demo organisation in its own file, off the GUI thread, with a progress
dialog whose Cancel really stops it.

fill_demo writes in one transaction, so a cancelled build leaves the file empty; the empty
file is then deleted, and the next attempt starts from scratch.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from deskbridge.clock import Clock
from deskbridge.demo import fill_demo
from deskbridge.ui.error_dialog import show_error
from deskbridge.workspace import Workspace

DEMO_CONTACTS = 150
"""How many colleagues the demo organisation has (tests make it smaller)."""
STEPS = {
    "generating": "Inventing colleagues, meetings and projects…",
    "indexing for search": "Indexing for search…",
    "deriving keep-in-touch dates": "Working out who is due for a touch…",
    "counting interactions per department and month": "Counting meetings for Coverage…",
    "done": "Done.",
}


class DemoCancelled(Exception):
    """Raised from the progress callback: fill_demo rolls back and stops."""


class DemoBuild(QThread):
    """Opens (creating) the demo database and fills it when it is empty, on its own thread.

    After ``finished``: ``error`` is what went wrong (None when it worked or was cancelled),
    ``cancelled`` says whether the user stopped it."""

    progress = Signal(str, float)

    def __init__(self, path: Path, clock: Clock, contacts: int) -> None:
        super().__init__()
        self.path = path
        self.clock = clock
        self.contacts = contacts
        self.error: BaseException | None = None
        self.cancelled = False
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def _report(self, step: str, fraction: float) -> None:
        if self._stop.is_set():
            raise DemoCancelled
        self.progress.emit(step, fraction)

    def run(self) -> None:
        emptied = False
        try:
            workspace = Workspace.open(str(self.path), self.clock)
        except Exception as error:
            self.error = error
            return
        try:
            if workspace.is_new():
                emptied = True
                self._report("generating", 0.0)
                fill_demo(
                    workspace.db,
                    today=self.clock.today(),
                    now=self.clock.now(),
                    contacts=self.contacts,
                    progress=self._report,
                )
                emptied = False
        except DemoCancelled:
            self.cancelled = True
        except Exception as error:
            self.error = error
        finally:
            workspace.close()
        if emptied:
            remove_database_file(self.path)


def remove_database_file(path: Path) -> None:
    """Delete a SQLite file with its write-ahead log and shared-memory files."""
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        name.unlink(missing_ok=True)


def step_label(step: str) -> str:
    if step.startswith("writing "):
        return f"Writing {step.removeprefix('writing ').replace('_', ' ')}…"
    return STEPS.get(step, step)


def build_demo_database(
    parent: QWidget | None, path: Path, clock: Clock, contacts: int | None = None
) -> bool:
    """Make sure the demo database at ``path`` exists and holds the demo organisation.

    Shows a cancellable progress dialog while it works and waits for the build (the GUI
    stays responsive). True when the file is ready; False when the user cancelled or it
    failed (after saying why)."""
    build = DemoBuild(path, clock, DEMO_CONTACTS if contacts is None else contacts)
    dialog = QProgressDialog("Building the demo organisation…", "&Cancel", 0, 100, parent)
    dialog.setWindowTitle("Demo organisation")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setMinimumWidth(380)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def advance(step: str, fraction: float) -> None:
        dialog.setLabelText(step_label(step))
        dialog.setValue(round(fraction * 100))

    def cancel() -> None:
        build.cancel()
        dialog.setLabelText("Cancelling…")

    build.progress.connect(advance)
    dialog.canceled.connect(cancel)
    waiting = QEventLoop()
    build.finished.connect(waiting.quit)
    build.start()
    if not build.isFinished():
        waiting.exec()
    build.wait()
    dialog.close()
    dialog.deleteLater()
    if build.error is not None:
        show_error(parent, build.error)
        return False
    return not build.cancelled
