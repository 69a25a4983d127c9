"""Where import and export live in the window: File › Import contacts… (Ctrl+I) and
File › Export… (Ctrl+Shift+E), a contacts file dropped on the window, and the Contacts
view's "Export selected as vCard…" (toolbar and right-click menu).

The window only calls :func:`install`; everything else about exchange stays here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from deskbridge.ui.exchange_files import FileDrops
from deskbridge.ui.progress_job import ProgressJob

if TYPE_CHECKING:
    from deskbridge.ui.contacts_view import ContactsView
    from deskbridge.ui.export_dialog import ExportDialog
    from deskbridge.ui.import_dialog import ImportDialog
    from deskbridge.ui.main_window import MainWindow

IMPORT_KEYS = "Ctrl+I"
EXPORT_KEYS = "Ctrl+Shift+E"
STATUS_MS = 15000


def install(window: MainWindow, file_menu: QMenu) -> ExchangeActions:
    """Add the import and export commands to ``file_menu`` and the Contacts view."""
    return ExchangeActions(window, file_menu)


class ExchangeActions(QObject):
    def __init__(self, window: MainWindow, file_menu: QMenu) -> None:
        super().__init__(window)
        self.setObjectName("exchange-actions")
        self.window = window
        self.import_action = self._menu_action(
            file_menu, "&Import contacts…", self.open_import, IMPORT_KEYS
        )
        self.export_action = self._menu_action(file_menu, "&Export…", self.open_export, EXPORT_KEYS)
        self.vcard_action = QAction("Export selected as vCard…", window)
        self.vcard_action.setIconText("Export as vCard…")
        self.vcard_action.setToolTip("Save the selected contacts as one vCard file")
        self.vcard_action.triggered.connect(lambda _checked=False: self.export_selected())
        self.vcard_job: ProgressJob | None = None
        self.contacts: ContactsView | None = None
        # The window builds its pages late (when first shown): offer the vCard export in
        # the Contacts view once it exists.
        for page in window.built_pages:
            self._page_built(page)
        window.page_built.connect(self._page_built)
        self.importing: ImportDialog | None = None
        FileDrops(window, self._dropped, lambda: self.importing is None)

    def _menu_action(
        self, menu: QMenu, text: str, slot: Callable[[], object], keys: str
    ) -> QAction:
        action = menu.addAction(text)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def report(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MS)

    # -- the commands ----------------------------------------------------------------------

    def open_import(self, path: Path | None = None) -> ImportDialog:
        """The import dialog, on ``path`` when given (a dropped file)."""
        from deskbridge.ui.import_dialog import ImportDialog  # not needed to open the window

        dialog = self.importing = ImportDialog(self.window.context, self.window, path, self.report)
        try:
            dialog.exec()
        finally:
            self.importing = None
        return dialog

    def _dropped(self, path: Path) -> None:
        self.open_import(path)

    def open_export(self) -> ExportDialog:
        from deskbridge.ui.export_dialog import ExportDialog  # not needed to open the window

        dialog = ExportDialog(self.window.context, self.window, self.report)
        dialog.exec()
        return dialog

    def export_selected(self) -> None:
        """The contacts selected in the Contacts view, as one vCard file."""
        ids = self.contacts.selected_ids() if self.contacts is not None else []
        if not ids:
            self.report("Select the contacts to export first.")
            return
        from deskbridge.ui.export_dialog import export_contacts_as_vcard

        self.vcard_job = export_contacts_as_vcard(
            self.window, self.window.context, ids, self.report
        )

    # -- the Contacts view -----------------------------------------------------------------

    def _page_built(self, page: object) -> None:
        if self.contacts is not None or getattr(page, "title", None) != "Contacts":
            return  # not importing the Contacts view for other pages keeps start-up quick
        from deskbridge.ui.contacts_view import ContactsView

        if isinstance(page, ContactsView):
            self.contacts = page
            self._offer_in_contacts(page)

    def _offer_in_contacts(self, view: ContactsView) -> None:
        view.toolbar.insertAction(view.archive_action, self.vcard_action)
        view.selection_actions.append(self.vcard_action)
        view.table.selectionModel().selectionChanged.connect(self._selection_changed)
        view.model.modelReset.connect(self._selection_changed)
        self._selection_changed()

    def _selection_changed(self) -> None:
        view = self.contacts
        self.vcard_action.setEnabled(
            view is not None and view.table.selectionModel().hasSelection()
        )
