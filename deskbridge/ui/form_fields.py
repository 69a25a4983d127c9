"""Fields several dialogs build alike: a text box a few lines high that Tab leaves, and the
keep-in-touch cadence typed in days."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit

from deskbridge.errors import ValidationError


def text_box(placeholder: str = "", lines: int = 4, text: str = "") -> QPlainTextEdit:
    """A multi-line box ``lines`` high where Tab moves on instead of typing a tab."""
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def parse_cadence(text: str) -> int | None:
    """Days typed in a cadence box; None when blank (the department's or the default
    applies). ValidationError('cadence', ...) when it is not a whole number."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        return int(cleaned)
    except ValueError:
        raise ValidationError("cadence", "must be a whole number of days") from None
