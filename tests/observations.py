"""What tests observe of a workspace: SQL sent, keep-in-touch drift, the due list."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from deskbridge.store.touch_columns import touch_drift
from deskbridge.workspace import Workspace


@contextmanager
def counting_queries(workspace: Workspace) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(workspace.db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(workspace.db.engine, "before_cursor_execute", count)


def assert_no_drift(workspace: Workspace, default_cadence: int = 30) -> None:
    """The maintained keep-in-touch dates agree with a from-scratch recomputation."""
    with workspace.db.reading() as session:
        assert touch_drift(session, default_cadence) == []


def due_ids(workspace: Workspace) -> set[int]:
    return {row.id for row in workspace.keep_in_touch.due()}
