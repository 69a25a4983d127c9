"""What the detail panes beside the tables share: the muted grey, section headings,
selectable value labels, a status badge, the invitation shown while nothing is selected,
and the scrolling column under a pane's title."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

# Rich text cannot use palette roles; mid-grey reads on light and dark panes alike.
MUTED = "color: #808080;"
OUTLINE_BADGE = "border: 1px solid palette(mid); border-radius: 9px; padding: 1px 8px;"


def muted(html: str) -> str:
    """``html`` greyed, for rich text that says something is missing."""
    return f"<span style='{MUTED}'>{html}</span>"


def badge_style(colour: str | None, *, quiet: bool = False) -> str:
    """A label's style as a rounded badge: filled with ``colour`` under white text, or
    without a colour an outline (with grey text too when ``quiet``)."""
    if colour is None:
        return f"{OUTLINE_BADGE} {MUTED}" if quiet else OUTLINE_BADGE
    return (
        f"background: {colour}; color: white; font-weight: 600;"
        " border-radius: 9px; padding: 1px 8px;"
    )


def heading(text: str, space_above: int = 10) -> QLabel:
    """A section's title inside a pane."""
    label = QLabel(text)
    label.setStyleSheet(f"font-weight: 600; margin-top: {space_above}px;")
    return label


def value_label() -> QLabel:
    """A wrapped value the user can select and copy, with links that open."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
    )
    label.setOpenExternalLinks(True)
    return label


def invitation(text: str = "") -> QLabel:
    """What a pane shows while nothing is selected: a sentence saying what to pick."""
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setStyleSheet(f"font-size: 12pt; {MUTED} padding: 24px;")
    return label


def field_grid(names: Iterable[str]) -> tuple[QGridLayout, dict[str, tuple[QLabel, QLabel]]]:
    """Captions ("Name:") beside value labels, a row each. A grid, not a QFormLayout: the form
    measures a wrapped label's height at another width than it gives it, so a long value
    lost its last line."""
    grid = QGridLayout()
    grid.setColumnStretch(1, 1)
    grid.setHorizontalSpacing(8)
    rows: dict[str, tuple[QLabel, QLabel]] = {}
    for name in names:
        caption, value = QLabel(f"{name}:"), value_label()
        row = grid.rowCount()
        grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(value, row, 1)
        rows[name] = (caption, value)
    return grid, rows


def scrolling(body: QWidget) -> QScrollArea:
    """``body`` in a frameless area that scrolls up and down, never sideways: a pane's
    text wraps to its width instead."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(body)
    return scroll


def pane_title(*, wrap: bool = True) -> QLabel:
    """The large name at the top of a pane, selectable to copy."""
    label = QLabel()
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("font-size: 15pt; font-weight: 600;")
    return label


def pane_stack(pane: QWidget, *pages: QWidget) -> QStackedWidget:
    """``pages`` filling the whole of ``pane``, one shown at a time (the first: what the
    pane says while nothing is selected)."""
    stack = QStackedWidget()
    for page in pages:
        stack.addWidget(page)
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(stack)
    return stack
