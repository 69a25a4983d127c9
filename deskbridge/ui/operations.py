"""Running domain operations off the GUI thread, one at a time, with callbacks on the GUI.

Every database operation goes to one worker thread, in order, so SQLite never sees two
writers from this app and the GUI never waits on a query. Results and errors come back on
the GUI thread. Tests inject :class:`ImmediateRunner`, which runs each job at once.

    Op(runner, lambda: workspace.contacts.add(name)).changes(ChangeKind.CONTACTS)
        .success(show_contact).failure(show_error).run()
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, QThread, Signal, Slot

from deskbridge.changes import ChangeKind

T = TypeVar("T")
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Runner(Protocol):
    def submit(self, job: Callable[[], Any], done: Done, failed: Failed) -> None: ...


class ImmediateRunner:
    """Runs each job on the calling thread at once (tests, scripts)."""

    def submit(self, job: Callable[[], Any], done: Done, failed: Failed) -> None:
        try:
            result = job()
        except Exception as error:
            failed(error)
            return
        done(result)


class _Worker(QObject):
    finished = Signal(int, object, object)  # ticket, result, error

    @Slot(int, object)
    def run(self, ticket: int, job: Callable[[], Any]) -> None:
        try:
            result = job()
        except Exception as error:
            self.finished.emit(ticket, None, error)
            return
        self.finished.emit(ticket, result, None)


class ThreadRunner(QObject):
    """One worker thread for all database work; callbacks run on the thread that owns
    this object (the GUI thread)."""

    _dispatch = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("deskbridge-database")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._dispatch.connect(self._worker.run)
        self._worker.finished.connect(self._deliver)
        self._pending: dict[int, tuple[Done, Failed]] = {}
        self._tickets = itertools.count(1)
        self._thread.start()

    def submit(self, job: Callable[[], Any], done: Done, failed: Failed) -> None:
        ticket = next(self._tickets)
        self._pending[ticket] = (done, failed)
        self._dispatch.emit(ticket, job)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    @Slot(int, object, object)
    def _deliver(self, ticket: int, result: object, error: object) -> None:
        done, failed = self._pending.pop(ticket)
        if isinstance(error, BaseException):
            failed(error)
        else:
            done(result)

    def shutdown(self) -> None:
        """Finish the queued jobs, then stop the worker thread."""
        self._thread.quit()
        self._thread.wait()


class ChangeHub(QObject):
    """Announces what an operation changed; views listen and re-read what they show."""

    changed = Signal(frozenset)


class Op(Generic[T]):
    """One domain operation: where it runs, what it changes, and what happens after."""

    def __init__(self, runner: Runner, job: Callable[[], T], hub: ChangeHub | None = None):
        self._runner = runner
        self._job = job
        self._hub = hub
        self._kinds: frozenset[ChangeKind] = frozenset()
        self._on_success: list[Callable[[T], None]] = []
        self._on_failure: list[Failed] = []

    def changes(self, *kinds: ChangeKind | Iterable[ChangeKind]) -> Op[T]:
        flat: set[ChangeKind] = set()
        for kind in kinds:
            flat.update([kind] if isinstance(kind, ChangeKind) else kind)
        self._kinds = self._kinds | flat
        return self

    def success(self, callback: Callable[[T], None]) -> Op[T]:
        self._on_success.append(callback)
        return self

    def failure(self, callback: Failed) -> Op[T]:
        self._on_failure.append(callback)
        return self

    def run(self) -> None:
        self._runner.submit(self._job, self._succeeded, self._failed)

    def _succeeded(self, result: Any) -> None:
        if self._hub is not None and self._kinds:
            self._hub.changed.emit(self._kinds)
        for callback in self._on_success:
            callback(result)

    def _failed(self, error: BaseException) -> None:
        if not self._on_failure:
            raise error
        for callback in self._on_failure:
            callback(error)
