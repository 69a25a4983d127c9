"""Today's side panel: how many people are overdue or due in each department that has any."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from deskbridge.records import DepartmentSummary
from deskbridge.ui.empty_state import MUTED_STYLE


def dot_html(colour: str, size: int = 10) -> str:
    """Rich text for a round dot of ``colour`` (a QLabel's text, no image files)."""
    return f"<span style='color:{colour}; font-size:{size + 4}px'>●</span>"


class DepartmentCounts(QScrollArea):
    """Overdue and due counts per department, only for departments that have any."""

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setMinimumWidth(200)
        self.setMaximumWidth(280)
        body = QWidget()
        self._rows = QVBoxLayout(body)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(6)
        heading = QLabel("By department")
        heading.setStyleSheet("font-weight: 600;")
        self._rows.addWidget(heading)
        self._rows.addStretch(1)
        self.setWidget(body)
        # Labels are kept and re-filled, not rebuilt: replacing them laid the whole page
        # out again on every refresh (~7 ms of Today's re-read).
        self._pool: list[QLabel] = []
        self._shown: list[tuple[str, str, str]] = []
        self.labels: list[QLabel] = []
        self.lines: list[str] = []

    def show_summaries(self, summaries: list[DepartmentSummary]) -> None:
        shown = [_department_texts(s) for s in summaries if s.overdue or s.due]
        if shown == self._shown:
            return
        self._shown = shown
        while len(self._pool) < len(shown):
            label = QLabel()
            self._rows.insertWidget(self._rows.count() - 1, label)  # above the stretch
            self._pool.append(label)
        for label, (text, tip, line) in zip(self._pool, shown, strict=False):
            label.setText(text)
            label.setToolTip(tip)
            label.setAccessibleName(line)
            label.show()
        for label in self._pool[len(shown) :]:
            label.hide()
        self.labels = self._pool[: len(shown)]
        self.lines = [line for _, _, line in shown]


def _department_texts(summary: DepartmentSummary) -> tuple[str, str, str]:
    """A department's label text, tooltip and the line a screen reader says."""
    text = (
        f"{dot_html(summary.colour)} <b>{escape(summary.name)}</b><br>"
        f"<span style='{MUTED_STYLE}'>overdue {summary.overdue} · due {summary.due}</span>"
    )
    tip = (
        f"{summary.name}: {summary.contacts:,} contacts, {summary.overdue} overdue "
        f"(stale included), {summary.due} due in the next 7 days"
    )
    return text, tip, f"{summary.name}: overdue {summary.overdue} · due {summary.due}"
