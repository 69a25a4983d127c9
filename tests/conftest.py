"""Shared fixtures: a fresh database file per test and a clock stopped on a known day."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from deskbridge.clock import FixedClock
from deskbridge.workspace import Workspace

TODAY = date(2026, 11, 23)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TODAY)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "deskbridge.sqlite3"


@pytest.fixture
def workspace(db_path: Path, clock: FixedClock) -> Iterator[Workspace]:
    opened = Workspace.open(str(db_path), clock)
    yield opened
    opened.close()
