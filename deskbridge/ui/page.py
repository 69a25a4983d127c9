"""What a view in the main window's sidebar is: a widget that knows what it shows, so it
re-reads only after an operation changed that, and only once it is on screen."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from deskbridge.changes import ChangeKind
from deskbridge.ui.app_context import AppContext


class Page(QWidget):
    title: ClassVar[str] = ""
    shows: ClassVar[frozenset[ChangeKind]] = frozenset()

    open_contact = Signal(int)
    """Ask the main window to show this contact in the Contacts view."""
    open_department = Signal(int)
    """Ask the main window to show this department's contacts."""
    quick_log = Signal(list)
    """Ask the main window for the quick log, with these contact ids already filled in."""
    open_project = Signal(int)
    """Ask the main window to show this project in the Projects view."""
    open_goal = Signal(int)
    """Ask the main window to show this shared goal in the Goals view."""
    open_request = Signal(int)
    """Ask the main window to show this input request in the Requests view."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self._stale = False
        context.hub.changed.connect(self._changed)

    def refresh(self) -> None:
        """Re-read what the page shows from the domain."""
        raise NotImplementedError

    def focus_filter(self) -> None:
        """Put the cursor in this view's filter box, its text selected (the "/" key). Views
        with a filter box override this; the window tells the user when a view has none."""

    def read_when_shown(self) -> None:
        """Leave the first read until the page is first on screen: the window builds every
        page at start-up, and only one of them is seen then."""
        self._stale = True

    def _changed(self, kinds: frozenset[ChangeKind]) -> None:
        if not kinds & self.shows:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)
