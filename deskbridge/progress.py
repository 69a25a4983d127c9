"""How long work reports how far it has come, and how the user stops it.

Long operations (imports, exports, backups) take a :data:`Progress` callable and call it
now and then with how much is done out of how much. The caller's callable may raise
:class:`~deskbridge.errors.Cancelled` when the user has asked to stop; the operation lets it
propagate, so its transaction rolls back and nothing is left half-written.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]
"""``progress(done, total)``: ``total`` is 0 while the amount of work is not yet known."""


def no_progress(done: int, total: int) -> None:
    """For callers that show nothing (the CLI without a terminal, tests)."""
