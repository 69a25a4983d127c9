"""Pieces the views' filter bars share: labels that carry a widget's shortcut, choice lists
refilled without losing what was chosen, and quiet changes that do not re-filter."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager

from PySide6.QtCore import QObject, QSignalBlocker, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QWidget


def buddy(text: str, widget: QWidget) -> QLabel:
    """A label whose &-letter moves the focus to ``widget``."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


@contextmanager
def signals_blocked(*objects: QObject) -> Iterator[None]:
    """Set several filters at once; the caller then applies them once."""
    with ExitStack() as stack:
        for each in objects:
            stack.enter_context(QSignalBlocker(each))
        yield


def refill_choices(
    combo: QComboBox, everything: str, choices: Iterable[tuple[str, int]], limit: int = 0
) -> bool:
    """Replace the choices after ``everything`` (which stands for no filter), keeping the
    one chosen. Names longer than ``limit`` (when given) are cut, whole in the tooltip.
    False when the chosen one is gone, so the combo fell back to ``everything``."""
    chosen = combo.currentData()
    with signals_blocked(combo):
        combo.clear()
        combo.addItem(everything, None)
        for name, choice in choices:
            cut = limit and len(name) > limit
            combo.addItem(name[: limit - 1] + "…" if cut else name, choice)
            if cut:
                combo.setItemData(combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        found = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(found, 0))
    return found >= 0
