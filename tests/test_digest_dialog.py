"""The digest preview: it renders the week, steps through weeks from the keyboard, copies
rich text with Markdown beside it, and saves HTML or Markdown files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from digest_fixtures import EXPECTED_HEADLINE, WEEK, fill_week
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from deskbridge.digest_document import QUIET
from deskbridge.ui import digest_dialog
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.digest_dialog import HTML_FILTER, MARKDOWN_FILTER, DigestDialog


@pytest.fixture
def dialog(app_context: AppContext, qtbot: QtBot) -> DigestDialog:
    fill_week(app_context.workspace)
    shown = DigestDialog(app_context, week=WEEK)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    shown.preview.setFocus()
    return shown


def preview(dialog: DigestDialog) -> str:
    return dialog.preview.toPlainText()


def test_the_preview_renders_the_week(dialog: DigestDialog) -> None:
    assert dialog.week_label.text() == "Week 47 · 16–22 Nov 2026"
    text = preview(dialog)
    assert EXPECTED_HEADLINE in text
    assert "Projects that moved" in text and "Spring fair" in text
    assert "<script>alert(1)</script> CRM export" in text  # shown as text, not run
    assert "SECRET" not in text
    assert dialog.copy_button.isEnabled() and dialog.save_button.isEnabled()


def test_it_opens_on_this_week_where_there_is_no_next_week(
    app_context: AppContext, qtbot: QtBot
) -> None:
    shown = DigestDialog(app_context)
    qtbot.addWidget(shown)
    assert shown.week_label.text() == "Week 48 · 23–29 Nov 2026"
    assert QUIET in preview(shown)
    assert not shown.next_button.isEnabled() and not shown.this_week_button.isEnabled()
    assert shown.previous_button.isEnabled()


def test_week_buttons_and_keys_change_the_content(dialog: DigestDialog, qtbot: QtBot) -> None:
    qtbot.keyClick(dialog.preview, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert dialog.week_label.text() == "Week 48 · 23–29 Nov 2026"
    assert "1 meeting with 1 department" in preview(dialog)
    assert EXPECTED_HEADLINE not in preview(dialog)
    assert not dialog.next_button.isEnabled()

    qtbot.keyClick(dialog.preview, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(dialog.preview, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert dialog.week_label.text() == "Week 46 · 9–15 Nov 2026"
    assert "Old chat" in preview(dialog) and EXPECTED_HEADLINE not in preview(dialog)

    qtbot.mouseClick(dialog.this_week_button, Qt.MouseButton.LeftButton)
    assert dialog.week_label.text() == "Week 48 · 23–29 Nov 2026"
    qtbot.mouseClick(dialog.previous_button, Qt.MouseButton.LeftButton)
    assert EXPECTED_HEADLINE in preview(dialog)


def test_copy_puts_rich_text_and_markdown_on_the_clipboard(
    dialog: DigestDialog, qtbot: QtBot
) -> None:
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.hasText()
    assert mime.html().startswith("<!DOCTYPE html>") and EXPECTED_HEADLINE in mime.html()
    assert mime.text().startswith("# Weekly digest · Week 47")
    assert "Copied" in dialog.status.text()


def answer_save_dialog(monkeypatch: pytest.MonkeyPatch, path: Path | str, chosen: str) -> None:
    def choose(*_args: Any, **_kwargs: Any) -> tuple[str, str]:
        return str(path), chosen

    monkeypatch.setattr(digest_dialog.QFileDialog, "getSaveFileName", choose)


def test_save_writes_html_by_extension(
    dialog: DigestDialog, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    answer_save_dialog(monkeypatch, tmp_path / "week47.html", MARKDOWN_FILTER)
    qtbot.keyClick(dialog.preview, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = (tmp_path / "week47.html").read_text(encoding="utf-8")
    assert saved.startswith("<!DOCTYPE html>") and EXPECTED_HEADLINE in saved
    assert dialog.status.text() == f"Saved to {tmp_path / 'week47.html'}"


def test_save_without_an_extension_follows_the_chosen_filter(
    dialog: DigestDialog, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    answer_save_dialog(monkeypatch, tmp_path / "week47", MARKDOWN_FILTER)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "week47.md").read_text(encoding="utf-8").startswith("# Weekly digest")
    answer_save_dialog(monkeypatch, tmp_path / "mail", HTML_FILTER)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "mail.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cancelling_save_writes_nothing(
    dialog: DigestDialog, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    answer_save_dialog(monkeypatch, "", "")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert list(tmp_path.glob("*.md")) == [] and "Saved" not in dialog.status.text()


def test_a_failed_save_says_where_and_why(
    dialog: DigestDialog, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "no-such-folder" / "week47.md"
    answer_save_dialog(monkeypatch, target, MARKDOWN_FILTER)
    warnings: list[str] = []

    def warn(_parent: QWidget, _title: str, text: str, *_rest: Any) -> None:
        warnings.append(text)

    monkeypatch.setattr(digest_dialog.QMessageBox, "warning", warn)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [message] = warnings
    assert str(target) in message and "No such file or directory" in message
    assert not target.exists()
    assert dialog.status.text() == "Not saved."
