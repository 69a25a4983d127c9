"""The weekly digest previewed as it will be sent, a week at a time, with Copy (rich text
plus Markdown, so mail clients and chat both paste well) and Save (HTML or Markdown).

The preview keeps the newsletter's own light paper whatever the theme: it shows what the
recipients will see. Everything around it follows the palette.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMimeData, QStandardPaths, Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from deskbridge.digest import Digest, IsoWeek
from deskbridge.digest_render import INK, PAPER, format_named_by, to_html, to_markdown
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.dialog_keys import HINT_STYLE
from deskbridge.ui.error_dialog import show_error

HTML_FILTER = "HTML for e-mail (*.html *.htm)"
MARKDOWN_FILTER = "Markdown (*.md)"
KEYS_HINT = "Alt+Left and Alt+Right step through the weeks."


@dataclass(frozen=True)
class RenderedDigest:
    digest: Digest
    html: str
    markdown: str


def render(digest: Digest) -> RenderedDigest:
    return RenderedDigest(digest, to_html(digest), to_markdown(digest))


def saved_path(chosen: str, selected_filter: str) -> tuple[Path, str]:
    """Where to write and in which format: the extension decides; a name without a known
    one gets the extension of the chosen filter."""
    path = Path(chosen)
    known = format_named_by(path)
    if known:
        return path, known
    if selected_filter == MARKDOWN_FILTER:
        return path.with_name(path.name + ".md"), "md"
    return path.with_name(path.name + ".html"), "html"


def _button(
    text: str, keys: QKeySequence | QKeySequence.StandardKey | str, tip: str, parent: QWidget
) -> QPushButton:
    button = QPushButton(text, parent)
    sequence = QKeySequence(keys)
    # A QShortcut clicks at once; a button's own shortcut animates the press for 100 ms.
    QShortcut(sequence, parent, button.click)
    shown = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    button.setToolTip(f"{tip} ({shown})")
    return button


class DigestDialog(QDialog):
    """The digest of one ISO week (default: this week), previewed, copied or saved."""

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, *, week: IsoWeek | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.this_week = context.workspace.digest.this_week()
        self.week = week or self.this_week
        self.shown: RenderedDigest | None = None
        self._ticket = 0
        self.setWindowTitle("Weekly digest")
        self.resize(860, 720)

        self.previous_button = _button("◀ Previous week", "Alt+Left", "Previous week", self)
        self.next_button = _button("Next week ▶", "Alt+Right", "Next week", self)
        self.this_week_button = _button("This week", "Alt+Home", "Back to this week", self)
        self.week_label = QLabel()
        self.week_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.week_label.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.previous_button.clicked.connect(lambda: self.show_week(self.week.previous()))
        self.next_button.clicked.connect(lambda: self.show_week(self.week.next()))
        self.this_week_button.clicked.connect(lambda: self.show_week(self.this_week))
        weeks = QHBoxLayout()
        weeks.addWidget(self.previous_button)
        weeks.addWidget(self.week_label, 1)
        weeks.addWidget(self.next_button)
        weeks.addWidget(self.this_week_button)

        self.preview = QTextBrowser(self)
        self.preview.setOpenLinks(False)
        self.preview.setAccessibleName("Digest preview")
        self.preview.document().setDocumentMargin(12)
        self._paper(self.preview)

        self.status = QLabel()
        self.status.setStyleSheet(HINT_STYLE)
        self.status.setWordWrap(True)
        self.copy_button = _button(
            "Copy", "Ctrl+Shift+C", "Copy as rich text for e-mail, with Markdown for chat", self
        )
        self.save_button = _button("Save…", QKeySequence.StandardKey.Save, "Save as a file", self)
        self.close_button = QPushButton("Close", self)
        self.close_button.setToolTip("Close (Esc)")
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        for button in (self.previous_button, self.next_button, self.this_week_button,
                       self.save_button, self.close_button):  # fmt: skip
            button.setAutoDefault(False)
        # Enter copies: the usual next step after reading the preview.
        self.copy_button.setDefault(True)
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.copy_button)
        actions.addWidget(self.save_button)
        actions.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(weeks)
        layout.addWidget(self.preview, 1)
        layout.addLayout(actions)
        # Alt+arrows may be taken by a platform; Ctrl+PageUp/PageDown also step through weeks.
        QShortcut(QKeySequence("Ctrl+PgUp"), self, self.previous_button.click)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, self.next_button.click)
        self.show_week(self.week)

    def done(self, result: int) -> None:
        # A read still on its way when the dialog closes has nowhere to show.
        self._ticket += 1
        super().done(result)

    @staticmethod
    def _paper(browser: QTextBrowser) -> None:
        """The newsletter's own paper and ink around the document too, in any theme."""
        palette = browser.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor(PAPER))
        palette.setColor(QPalette.ColorRole.Text, QColor(INK))
        browser.setPalette(palette)

    def show_week(self, week: IsoWeek) -> None:
        """Read and preview the digest of ``week`` (on the database worker)."""
        self.week = week
        self._ticket += 1
        ticket = self._ticket
        self.week_label.setText(week.label)
        self.next_button.setEnabled(week < self.this_week)
        self.this_week_button.setEnabled(week != self.this_week)
        self._set_shown(None)
        self.status.setText("Reading the week…")
        workspace = self.context.workspace

        def done(result: RenderedDigest) -> None:
            if ticket == self._ticket:
                self._set_shown(result)

        def failed(error: BaseException) -> None:
            if ticket == self._ticket:
                self.status.setText("")
                show_error(self, error)

        self.context.op(lambda: render(workspace.digest.read(week))).success(done).failure(
            failed
        ).run()

    def _set_shown(self, shown: RenderedDigest | None) -> None:
        self.shown = shown
        self.copy_button.setEnabled(shown is not None)
        self.save_button.setEnabled(shown is not None)
        if shown is not None:
            self.preview.setHtml(shown.html)
            self.status.setText(KEYS_HINT)

    def copy(self) -> None:
        """Put the digest on the clipboard: HTML for rich-text editors, Markdown as text."""
        if self.shown is None:
            return
        mime = QMimeData()
        mime.setHtml(self.shown.html)
        mime.setText(self.shown.markdown)
        QGuiApplication.clipboard().setMimeData(mime)
        self.status.setText("Copied. Paste into an e-mail (rich text) or a chat (Markdown).")

    def save(self) -> None:
        """Ask where, then write HTML or Markdown as the name or the chosen filter says."""
        if self.shown is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder or Path.home()) / f"digest-{self.week}.html")
        chosen, selected = QFileDialog.getSaveFileName(
            self, "Save the weekly digest", suggested, f"{HTML_FILTER};;{MARKDOWN_FILTER}"
        )
        if not chosen:
            return
        path, kind = saved_path(chosen, selected)
        text = self.shown.html if kind == "html" else self.shown.markdown
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            reason = error.strerror or str(error)
            QMessageBox.warning(
                self,
                "Weekly digest",
                f"The digest could not be saved to {path}:\n{reason}.\n\n"
                "Choose another folder or file name and try again.",
            )
            self.status.setText("Not saved.")
            return
        self.status.setText(f"Saved to {path}")
