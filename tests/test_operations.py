"""Domain operations run off the GUI thread, in order, and report back on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from deskbridge.changes import ChangeKind
from deskbridge.errors import ValidationError
from deskbridge.ui.operations import ChangeHub, ImmediateRunner, Op, ThreadRunner
from deskbridge.workspace import Workspace


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[ThreadRunner]:
    threaded = ThreadRunner()
    yield threaded
    threaded.shutdown()


def test_jobs_run_on_the_worker_and_results_arrive_on_the_gui_thread(
    qtbot: QtBot, runner: ThreadRunner
) -> None:
    gui = threading.get_ident()
    seen: dict[str, int] = {}

    def job() -> int:
        seen["job"] = threading.get_ident()
        return 42

    results: list[int] = []

    def done(value: int) -> None:
        seen["callback"] = threading.get_ident()
        results.append(value)

    Op(runner, job).success(done).run()
    qtbot.waitUntil(lambda: results == [42])
    assert seen["job"] != gui
    assert seen["callback"] == gui


def test_jobs_run_one_at_a_time_in_the_order_submitted(qtbot: QtBot, runner: ThreadRunner) -> None:
    order: list[int] = []
    for number in range(20):
        Op(runner, lambda n=number: n).success(order.append).run()
    qtbot.waitUntil(lambda: len(order) == 20)
    assert order == list(range(20))
    assert not runner.busy


def test_a_domain_error_reaches_the_failure_callback_and_nothing_is_stored(
    qtbot: QtBot, runner: ThreadRunner, workspace: Workspace
) -> None:
    errors: list[BaseException] = []
    Op(runner, lambda: workspace.contacts.add("   ")).failure(errors.append).run()
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValidationError)
    assert errors[0].field == "name"
    assert workspace.contacts.count() == 0


def test_success_announces_what_changed(qtbot: QtBot, workspace: Workspace) -> None:
    hub = ChangeHub()
    with qtbot.waitSignal(hub.changed) as announced:
        Op(ImmediateRunner(), lambda: workspace.departments.add("Finance"), hub).changes(
            ChangeKind.DEPARTMENTS
        ).run()
    assert announced.args == [frozenset({ChangeKind.DEPARTMENTS})]
    assert [d.name for d in workspace.departments.list()] == ["Finance"]


def test_a_failed_operation_announces_nothing(qtbot: QtBot, workspace: Workspace) -> None:
    hub = ChangeHub()
    errors: list[BaseException] = []
    with qtbot.assertNotEmitted(hub.changed):
        Op(ImmediateRunner(), lambda: workspace.departments.add(""), hub).changes(
            ChangeKind.DEPARTMENTS
        ).failure(errors.append).run()
    assert isinstance(errors[0], ValidationError)


def test_without_a_failure_callback_the_error_is_not_swallowed(workspace: Workspace) -> None:
    with pytest.raises(ValidationError):
        Op(ImmediateRunner(), lambda: workspace.departments.add("")).run()
