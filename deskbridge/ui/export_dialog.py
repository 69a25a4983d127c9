"""Moving data out: choose a format (and for CSV, what), then where to save it; the export
runs on the database worker behind a progress dialog that can cancel it. The domain writes
through a temporary file, so a cancel or a failure never leaves half a file behind.

Also here: exporting the contacts selected in the Contacts view as one vCard file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from deskbridge.exchange.exports import EXPORTABLE, ExportFormat, ExportResult
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.dialog_keys import HINT_STYLE
from deskbridge.ui.error_dialog import show_error
from deskbridge.ui.exchange_files import last_folder, remember_folder
from deskbridge.ui.form_dialog import FormDialog
from deskbridge.ui.progress_job import ProgressJob

FORMATS = (
    (ExportFormat.CSV, "&CSV", "One kind of thing per file, for spreadsheets and other tools."),
    (ExportFormat.VCARD, "&vCard", "Every contact as an address card, for mail and phone apps."),
    (ExportFormat.ICS, "&iCalendar", "Due reminders, task due dates and request deadlines."),
    (ExportFormat.JSON, "&JSON archive", "Everything; Import restores it into an empty database."),
)
EXTENSIONS = {
    ExportFormat.CSV: "csv",
    ExportFormat.VCARD: "vcf",
    ExportFormat.ICS: "ics",
    ExportFormat.JSON: "json",
}
FILTERS = {
    ExportFormat.CSV: "CSV files (*.csv)",
    ExportFormat.VCARD: "vCard files (*.vcf)",
    ExportFormat.ICS: "iCalendar files (*.ics)",
    ExportFormat.JSON: "DeskBridge JSON archives (*.json)",
}
WHAT_LABELS = {
    "contacts": "Contacts",
    "departments": "Departments",
    "interactions": "Meetings, calls and other interactions",
    "requests": "Input requests",
    "goals": "Shared goals",
    "projects": "Projects",
    "tasks": "Joint tasks",
}
# One and many of what an ExportResult counts, as the status bar says it.
NOUNS = {
    "contacts": ("contact", "contacts"),
    "departments": ("department", "departments"),
    "interactions": ("interaction", "interactions"),
    "requests": ("input request", "input requests"),
    "goals": ("shared goal", "shared goals"),
    "projects": ("project", "projects"),
    "tasks": ("task", "tasks"),
    "calendar items": ("calendar item", "calendar items"),
    "rows": ("record", "records"),
}
CANCELLED = "Export cancelled; no file was written."


def suggested_name(fmt: ExportFormat, what: str, today: date) -> str:
    """``deskbridge-contacts-2026-11-23.csv``: what it holds, and the day it was taken."""
    subject = {ExportFormat.CSV: what, ExportFormat.VCARD: "contacts"}.get(
        fmt, "reminders" if fmt is ExportFormat.ICS else "archive"
    )
    return f"deskbridge-{subject}-{today.isoformat()}.{EXTENSIONS[fmt]}"


def ask_where(parent: QWidget, suggested: Path, fmt: ExportFormat) -> Path | None:
    """The Save dialog (tests replace ``QFileDialog.getSaveFileName``); a name typed
    without an extension gets the format's."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Export to", str(suggested), f"{FILTERS[fmt]};;All files (*)"
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix else path.with_name(f"{path.name}.{EXTENSIONS[fmt]}")


def exported_line(result: ExportResult) -> str:
    """``Exported 150 contacts to deskbridge-contacts-2026-11-23.csv in Documents``: the
    file's name and folder, short enough for the status bar beside its permanent widgets."""
    one, many = NOUNS.get(result.what, (result.what, result.what))
    folder = result.path.parent.name or str(result.path.parent)
    return (
        f"Exported {result.items:,} {one if result.items == 1 else many} "
        f"to {result.path.name} in {folder}"
    )


def start_export(
    parent: QWidget,
    context: AppContext,
    path: Path,
    fmt: ExportFormat,
    what: str = "contacts",
    contact_ids: Sequence[int] | None = None,
) -> ProgressJob:
    """Run the export behind a cancellable progress dialog; the caller adds what happens
    when it ends (``on_done`` gets the :class:`ExportResult`) and starts it."""
    exports = context.workspace.exports
    ids = None if contact_ids is None else list(contact_ids)
    return ProgressJob(
        parent,
        context.runner,
        f"Exporting to {path.name}…",
        lambda progress: exports.write(path, fmt, what, ids, progress),
        title="Export",
    )


class ExportDialog(FormDialog):
    """Format and contents; OK asks where to save. ``report`` hears the outcome line."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        report: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(context, "Export", parent)
        self.report = report or (lambda _text: None)
        self.job: ProgressJob | None = None
        self.outcome = ""
        self.setMinimumWidth(520)
        self.format_group = QButtonGroup(self)
        self.format_buttons: dict[ExportFormat, QRadioButton] = {}
        formats = QWidget()
        column = QVBoxLayout(formats)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        for fmt, text, description in FORMATS:
            button = QRadioButton(text)
            self.format_group.addButton(button)
            self.format_buttons[fmt] = button
            explanation = QLabel(description)
            explanation.setStyleSheet(HINT_STYLE)
            explanation.setIndent(22)  # under the radio button's text, not its circle
            column.addWidget(button)
            column.addWidget(explanation)
        self.add_field("Format:", formats, "format")
        self.what = QComboBox()
        for key in EXPORTABLE:
            self.what.addItem(WHAT_LABELS.get(key, key.capitalize()), key)
        self.add_field("&What:", self.what, "what")
        self.format_buttons[ExportFormat.CSV].setChecked(True)
        self.format_group.buttonToggled.connect(self._format_changed)
        self.ok = self.buttons.button(self.buttons.StandardButton.Ok)
        self.ok.setText("&Export…")
        self.ok.setToolTip("Choose where to save, then export (Enter)")
        self.format_buttons[ExportFormat.CSV].setFocus()
        self._format_changed()

    def chosen_format(self) -> ExportFormat:
        return next(fmt for fmt, button in self.format_buttons.items() if button.isChecked())

    def choose(self, fmt: ExportFormat, what: str = "contacts") -> None:
        """Pick a format (and, for CSV, what), as the user would."""
        self.format_buttons[fmt].setChecked(True)
        self.what.setCurrentIndex(self.what.findData(what))

    def _format_changed(self) -> None:
        self.form.setRowVisible(1, self.chosen_format() is ExportFormat.CSV)
        self.adjustSize()

    def submit(self) -> None:
        fmt = self.chosen_format()
        what = str(self.what.currentData()) if fmt is ExportFormat.CSV else "contacts"
        today = self.context.workspace.clock.today()
        folder = last_folder(self.context.preferences)
        path = ask_where(self, folder / suggested_name(fmt, what, today), fmt)
        if path is None:
            return
        self.clear_errors()
        self.ok.setEnabled(False)
        self.job = start_export(self, self.context, path, fmt, what)
        self.job.on_done(self._exported).on_failed(self._failed)
        self.job.on_cancelled(self._cancelled).start()

    def _exported(self, result: ExportResult) -> None:
        self.job = None
        self.ok.setEnabled(True)
        remember_folder(self.context.preferences, result.path)
        self.outcome = exported_line(result)
        self.report(self.outcome)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.job = None
        self.ok.setEnabled(True)
        self.show_error(error)

    def _cancelled(self) -> None:
        self.job = None
        self.ok.setEnabled(True)
        self.general_error.setText(CANCELLED)
        self.general_error.show()


def export_contacts_as_vcard(
    parent: QWidget,
    context: AppContext,
    contact_ids: Sequence[int],
    report: Callable[[str], None],
) -> ProgressJob | None:
    """Ask where, then write the contacts in ``contact_ids`` (and no others) as one vCard
    file; ``report`` hears the outcome. Returns the job started (None when not asked)."""
    if not contact_ids:
        return None
    today = context.workspace.clock.today()
    suggested = last_folder(context.preferences) / suggested_name(ExportFormat.VCARD, "", today)
    path = ask_where(parent, suggested, ExportFormat.VCARD)
    if path is None:
        return None

    def exported(result: ExportResult) -> None:
        remember_folder(context.preferences, result.path)
        report(exported_line(result))

    job = start_export(parent, context, path, ExportFormat.VCARD, contact_ids=contact_ids)
    job.on_done(exported).on_failed(lambda error: show_error(parent, error))
    job.on_cancelled(lambda: report(CANCELLED)).start()
    return job
