"""What every view and dialog needs: the workspace, the database worker, the change hub and
this machine's preferences. One object, passed down, so tests build it with fakes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from deskbridge.ui.operations import ChangeHub, Op, Runner
from deskbridge.ui.preferences import Preferences
from deskbridge.workspace import Workspace

T = TypeVar("T")


@dataclass
class AppContext:
    workspace: Workspace
    runner: Runner
    hub: ChangeHub
    preferences: Preferences

    def op(self, job: Callable[[], T]) -> Op[T]:
        """A domain operation that runs on the database worker and announces its changes."""
        return Op(self.runner, job, self.hub)
