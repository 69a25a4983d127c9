"""A dialog whose OK runs one domain operation, with messages beside the fields.

The dialog stays open until the operation succeeds: a ValidationError puts its message
under the field it names and moves the focus there, so the user fixes it without retyping
anything; other domain errors appear above the buttons; surprises get the details dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from deskbridge.changes import ChangeKind
from deskbridge.errors import DeskBridgeError, ValidationError
from deskbridge.ui.app_context import AppContext
from deskbridge.ui.error_dialog import unexpected_error_box

ERROR_STYLE = "color: #d32f2f;"


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class FormDialog(QDialog):
    def __init__(self, context: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.general_error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self.result_value: Any = None

    def add_field(self, label: str, widget: QWidget, *names: str) -> QWidget:
        """Add a row; a ValidationError naming any of ``names`` is shown under it."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        message = error_label()
        column.addWidget(message)
        self.form.addRow(label, holder)
        holder.setFocusProxy(widget)  # a label's Alt+letter then reaches the field itself
        for name in names or (label.rstrip(":").lower(),):
            self._fields[name] = (widget, message)
        return widget

    def field_error(self, name: str) -> str:
        """The message now shown under the field called ``name`` ('' when none)."""
        _, message = self._fields[name]
        return message.text() if message.isVisibleTo(self) else ""

    def clear_errors(self) -> None:
        for _, message in self._fields.values():
            message.clear()
            message.hide()
        self.general_error.clear()
        self.general_error.hide()

    def show_error(self, error: BaseException) -> None:
        if isinstance(error, ValidationError) and error.field in self._fields:
            widget, message = self._fields[error.field]
            message.setText(error.message[:1].upper() + error.message[1:])
            message.show()
            widget.setFocus()
        elif isinstance(error, DeskBridgeError):
            self.general_error.setText(str(error))
            self.general_error.show()
        else:
            unexpected_error_box(self, error).exec()
        self.adjustSize()  # grow to fit the message rather than squeeze the fields

    def run(self, job: Callable[[], Any], *kinds: ChangeKind) -> None:
        """Run ``job`` as this dialog's operation; close with its result when it succeeds."""
        self.clear_errors()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)

        def done(result: Any) -> None:
            ok.setEnabled(True)
            self.result_value = result
            self.accept()

        def failed(error: BaseException) -> None:
            ok.setEnabled(True)
            self.show_error(error)

        self.context.op(job).changes(*kinds).success(done).failure(failed).run()

    def submit(self) -> None:
        """Check what was typed and :meth:`run` the operation. Subclasses implement it."""
        raise NotImplementedError
