"""How a keep-in-touch status looks wherever it is shown: its word and its colour."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor

from deskbridge.records import TouchStatus

STATUS_LABELS = {
    TouchStatus.STALE: "Stale",
    TouchStatus.OVERDUE: "Overdue",
    TouchStatus.DUE: "Due",
    TouchStatus.SNOOZED: "Snoozed",
    TouchStatus.ARCHIVED: "Archived",
    TouchStatus.OK: "",
}
# Dark enough to read on light rows, light enough on dark ones.
STATUS_COLOURS = {
    TouchStatus.STALE: "#c62828",
    TouchStatus.OVERDUE: "#ef6c00",
    TouchStatus.DUE: "#1565c0",
    TouchStatus.SNOOZED: "#757575",
}


def status_brush(status: TouchStatus) -> QBrush | None:
    colour = STATUS_COLOURS.get(status)
    return QBrush(QColor(colour)) if colour else None
