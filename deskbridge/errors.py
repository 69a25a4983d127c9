"""Errors the domain raises. Each names what was wrong so a dialog or the CLI can say so."""

from __future__ import annotations

from collections.abc import Sequence


class DeskBridgeError(Exception):
    """Base class for every error a user can cause and fix."""


class ValidationError(DeskBridgeError):
    """A field of the input is not acceptable."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFoundError(DeskBridgeError):
    def __init__(self, kind: str, key: object) -> None:
        super().__init__(f"no {kind} {key!r}")
        self.kind = kind
        self.key = key


class AmbiguousError(DeskBridgeError):
    """A name or e-mail matches more than one thing; the candidates say which."""

    def __init__(self, kind: str, key: str, candidates: Sequence[str]) -> None:
        listed = "; ".join(candidates)
        super().__init__(f"{key!r} matches {len(candidates)} {kind}s: {listed}")
        self.kind = kind
        self.key = key
        self.candidates = list(candidates)


class TransitionError(DeskBridgeError):
    """The thing is in a state that does not allow this action."""


class DatabaseOpenError(DeskBridgeError):
    """The database cannot be opened; the message says why and what to do."""


class Cancelled(DeskBridgeError):
    """The user stopped a long operation; everything it did has been undone."""

    def __init__(self, message: str = "cancelled; nothing was changed") -> None:
        super().__init__(message)


class ExchangeFileError(DeskBridgeError):
    """A file to import cannot be read, or one to export cannot be written; ``where`` names
    the line, card or record ("line 12", "card 3") or is empty for the whole file."""

    def __init__(self, path: str, message: str, where: str = "") -> None:
        super().__init__(f"{path}: {where + ': ' if where else ''}{message}")
        self.path = path
        self.where = where
        self.message = message
