"""Import contacts, a few steps at a time: choose a file, match a CSV's columns, check what
will happen, then import it in one go.

Every read and write runs on the database worker behind a progress dialog that can cancel
it; nothing is stored before the last step, and a cancelled or failed import leaves the
database as it was (the domain imports in one transaction). A DeskBridge JSON archive
takes the same road, into an empty database only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from deskbridge.changes import ChangeKind
from deskbridge.errors import DeskBridgeError
from deskbridge.exchange.contact_import import ImportPreview, ImportResult
from deskbridge.exchange.csv_contacts import (
    CsvTable,
    contacts_from_csv,
    guess_mapping,
    read_csv_table,
)
from deskbridge.exchange.incoming import ParsedContacts
from deskbridge.exchange.vcard_contacts import read_vcards
from deskbridge.progress import Progress
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.column_mapping import NEEDS_A_NAME, ColumnMappingPage
from deskbridge.ui.dialog_keys import HINT_STYLE
from deskbridge.ui.error_dialog import unexpected_error_box
from deskbridge.ui.exchange_files import (
    NOT_EMPTY,
    NOT_IMPORTABLE,
    FileDrops,
    import_kind,
    last_folder,
    remember_folder,
)
from deskbridge.ui.form_dialog import ERROR_STYLE
from deskbridge.ui.import_file_page import ImportFilePage, ask_for_file, column
from deskbridge.ui.import_preview import (
    ImportPreviewPage,
    archive_line,
    archive_summary,
    imported_line,
    parse_summary,
)
from deskbridge.ui.progress_job import ProgressJob

TITLE_STYLE = "font-size: 14pt; font-weight: 600;"
CANCELLED = "Import cancelled; nothing was changed."
EVERYTHING = frozenset(ChangeKind)
PAGE_TITLES = ("Choose a file", "Columns", "Check what will happen", "Restore an archive")


class ImportDialog(QDialog):
    """The import, step by step. ``path`` starts it on that file (a dropped one); ``report``
    hears the one-line outcome for the status bar."""

    FILE, MAPPING, PREVIEW, ARCHIVE = range(4)

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        path: Path | None = None,
        report: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.report = report or (lambda _text: None)
        self.path: Path | None = None
        self.table: CsvTable | None = None
        self.parsed: ParsedContacts | None = None
        self.preview: ImportPreview | None = None
        self.job: ProgressJob | None = None  # reading, previewing or importing, if running
        self.outcome = ""
        self._parse_ticket = 0
        self.setWindowTitle("Import contacts")
        FileDrops(self, self.open_file, lambda: self.job is None)
        self.resize(820, 600)

        self.heading = QLabel()
        self.heading.setStyleSheet(TITLE_STYLE)
        self.pages = QStackedWidget()
        self.file_page = ImportFilePage()
        self.file_page.choose_requested.connect(self.choose_file)
        self.choose_button = self.file_page.choose_button
        self.pages.addWidget(self.file_page)
        self.mapping = ColumnMappingPage()
        self.mapping.changed.connect(self._mapping_changed)
        self.pages.addWidget(self.mapping)
        self.preview_page = ImportPreviewPage()
        self.pages.addWidget(self.preview_page)
        self.archive_text = QLabel()
        self.archive_text.setWordWrap(True)
        self.archive_text.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.pages.addWidget(column(self.archive_text))

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.back_button = _button("◀ &Back", self.back, "Go back a step")
        self.next_button = _button("&Next ▶", self.next, "Go on (Enter)")
        self.cancel_button = _button("Cancel", self.reject, "Close without importing (Esc)")
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.go_to(self.FILE)
        if path is not None:
            self.open_file(path)

    # -- steps -----------------------------------------------------------------------------

    def go_to(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.heading.setText(PAGE_TITLES[page])
        self.back_button.setVisible(page != self.FILE)
        self.next_button.setVisible(page != self.FILE)
        self.cancel_button.setText("Close" if page == self.FILE else "Cancel")
        if page == self.MAPPING:
            self.next_button.setText("&Next ▶")
            self._mapping_changed()
            self.mapping.focus_first()
        elif page == self.PREVIEW and self.preview is not None:
            count = self.preview.created + self.preview.updated
            self.next_button.setText(f"&Import {count:,} contact{'s' if count != 1 else ''}")
            self.next_button.setEnabled(count > 0)
            self.preview_page.table.setFocus()
        elif page == self.ARCHIVE:
            self.next_button.setText("&Import the archive")
            self.next_button.setEnabled(True)
        else:
            self.choose_button.setFocus()
        if self.next_button.isVisible():
            self.next_button.setDefault(True)

    def next(self) -> None:
        page = self.pages.currentIndex()
        if page == self.MAPPING and self.mapping.has_name():
            self._preview_csv()
        elif page == self.PREVIEW:
            self._import_contacts()
        elif page == self.ARCHIVE:
            self._import_archive()

    def back(self) -> None:
        self.say("")
        page = self.pages.currentIndex()
        self.go_to(self.MAPPING if page == self.PREVIEW and self.table is not None else self.FILE)

    def say(self, text: str, error: bool = False) -> None:
        """A line beside the buttons: what happened, or what went wrong (in red)."""
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else HINT_STYLE)

    # -- step 1: the file ------------------------------------------------------------------

    def choose_file(self) -> None:
        chosen = ask_for_file(self, last_folder(self.context.preferences))
        if chosen:
            self.open_file(Path(chosen))

    def open_file(self, path: Path) -> None:
        """Read ``path`` (off the GUI thread) and go on to the columns or the preview."""
        self.path, self.table, self.parsed, self.preview = path, None, None, None
        self.go_to(self.FILE)
        self.say("")
        self.file_page.show_file(path)
        kind = import_kind(path)
        if kind is None:
            self.file_page.show_problem(NOT_IMPORTABLE.format(name=path.name))
            return
        remember_folder(self.context.preferences, path)
        if kind == "csv":
            self._run(f"Reading {path.name}", lambda p: read_csv_table(path, p), self._csv_read)
        elif kind == "vcard":
            importer = self.context.workspace.contact_import

            def read_and_preview(progress: Progress) -> tuple[ParsedContacts, ImportPreview]:
                parsed = read_vcards(path, progress)
                return parsed, importer.preview(parsed, progress)

            self._run(f"Reading {path.name}", read_and_preview, self._previewed)
        else:
            exports = self.context.workspace.exports
            self._run(
                f"Reading {path.name}",
                lambda p: exports.import_json(path, p, dry_run=True),
                self._archive_read,
            )

    def _csv_read(self, table: CsvTable) -> None:
        if not table.rows:
            self.file_page.show_problem(
                "This file has no contacts: it has a line of column names and no rows."
            )
            return
        self.table = table
        self.mapping.set_table(table, guess_mapping(table.headers))
        self.go_to(self.MAPPING)

    # -- step 2: the columns (CSV) ---------------------------------------------------------

    def _mapping_changed(self) -> None:
        """Tell what the columns as chosen would read; Next waits for a name column."""
        table = self.table
        named = self.mapping.has_name()
        self.next_button.setEnabled(named)
        if table is None or not named:
            self.mapping.say(NEEDS_A_NAME, error=True)
            return
        self._parse_ticket += 1
        ticket, mapping = self._parse_ticket, self.mapping.mapping()

        def parsed(result: ParsedContacts) -> None:
            if ticket == self._parse_ticket:
                self.mapping.say(parse_summary(result, len(table.rows)))

        self.context.op(lambda: contacts_from_csv(table, mapping)).success(parsed).failure(
            self._failed
        ).run()

    def _preview_csv(self) -> None:
        table, mapping = self.table, self.mapping.mapping()
        assert table is not None
        importer = self.context.workspace.contact_import

        def parse_and_preview(progress: Progress) -> tuple[ParsedContacts, ImportPreview]:
            parsed = contacts_from_csv(table, mapping)
            return parsed, importer.preview(parsed, progress)

        self._run("Checking what will happen", parse_and_preview, self._previewed)

    # -- step 3: the preview, then the import ----------------------------------------------

    def _previewed(self, result: tuple[ParsedContacts, ImportPreview]) -> None:
        self.parsed, self.preview = result
        if not self.preview.rows:
            self.go_to(self.FILE)
            self.file_page.show_problem("This file has no contacts.")
            return
        self.preview_page.show_preview(self.preview, self.parsed.source)
        self.go_to(self.PREVIEW)

    def _import_contacts(self) -> None:
        parsed, preview = self.parsed, self.preview
        assert parsed is not None and preview is not None
        importer = self.context.workspace.contact_import
        count = preview.created + preview.updated
        self._run(
            f"Importing {count:,} contacts",
            lambda p: importer.apply(parsed, p),
            self._imported,
            cancelled=CANCELLED,
        )

    def _imported(self, result: ImportResult) -> None:
        self.context.hub.changed.emit(frozenset({ChangeKind.CONTACTS, ChangeKind.DEPARTMENTS}))
        self._finish(imported_line(result))

    # -- a JSON archive --------------------------------------------------------------------

    def _archive_read(self, counts: dict[str, int]) -> None:
        self.archive_text.setText(archive_summary(self.path or Path("This file"), counts))
        self.go_to(self.ARCHIVE)

    def _import_archive(self) -> None:
        path, exports = self.path, self.context.workspace.exports
        assert path is not None
        self._run(
            "Importing the archive",
            lambda p: exports.import_json(path, p),
            self._archive_imported,
            cancelled=CANCELLED,
        )

    def _archive_imported(self, counts: dict[str, int]) -> None:
        self.context.hub.changed.emit(EVERYTHING)
        self._finish(f"Imported the archive: {archive_line(counts)}")

    # -- running ---------------------------------------------------------------------------

    def _run(
        self,
        label: str,
        job: Callable[[Progress], Any],
        done: Callable[[Any], None],
        cancelled: str = "Cancelled.",
    ) -> None:
        self.say("")
        self.next_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.job = ProgressJob(self, self.context.runner, f"{label}…", job, title="Import")
        self.job.on_done(lambda result: self._ended(done, result))
        self.job.on_failed(lambda error: self._ended(self._failed, error))
        self.job.on_cancelled(lambda: self._ended(self.say, cancelled))
        self.job.start()

    def _ended(self, then: Callable[[Any], None], value: Any) -> None:
        self.job = None
        self.choose_button.setEnabled(True)
        self.next_button.setEnabled(True)
        then(value)

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, DeskBridgeError):
            unexpected_error_box(self, error).exec()
            return
        text = str(error)
        if self.pages.currentIndex() == self.FILE:
            if import_kind(self.path or Path()) == "json" and not self.context.workspace.is_new():
                text = f"{text}\n\n{NOT_EMPTY}"
            self.file_page.show_problem(text)
        else:
            self.say(text, error=True)

    def _finish(self, line: str) -> None:
        self.outcome = line
        self.report(line)
        self.accept()


def _button(text: str, slot: Callable[[], object], tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)  # only Next is pressed by Enter (go_to makes it the default)
    button.setToolTip(tip)
    button.clicked.connect(lambda _checked=False: slot())
    return button
